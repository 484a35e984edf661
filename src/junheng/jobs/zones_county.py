"""就近划片 from a county's workbook or store: its 村居 are the blocks (points, children of
the stage's ages, today's 划片学校) and its schools the schools, with places = classrooms ×
standard class size as the layout plan counts them. Each school is a block of its own (no
pupils) joined to the villages around it, so two schools in one village stay apart.
民办学校 take no zone (就近划片 is for public schools); each school's 在校生 is kept beside
the village-based 现状 for the outputs."""

from __future__ import annotations

import numpy as np
from shapely.geometry import Point

from junheng.errors import ConfigError
from junheng.jobs.zones_points import fold_teaching_points, private_note
from junheng.model.county import CountyData
from junheng.planning import load_layout_config
from junheng.planning.layout_data import existing_sites
from junheng.zones.build import build_input
from junheng.zones.io import Blocks, Schools, ZoneInput

STAGE_AGES = {"primary": range(6, 12), "junior": range(12, 15)}
STAGE_NAMES = {"primary": "小学", "junior": "初中"}


def county_zone_input(data: CountyData, stage: str, **options) -> ZoneInput:
    """The zoning input of ``data`` for ``stage`` (``primary`` or ``junior``); ``options``
    go to :func:`junheng.zones.build.build_input` (weights, max_moved, pins...)."""
    if stage not in STAGE_AGES:
        raise ConfigError("学段只能是 primary（小学）或 junior（初中）。")
    sites = existing_sites(data, load_layout_config())
    notes = private_note(sites, stage)
    sites = sites[(sites[f"seats_{stage}"] > 0)
                  & (sites["ownership"] != "private")].reset_index(drop=True)
    sites, host, folded = fold_teaching_points(sites, stage)
    villages = data.villages
    if sites.empty or villages.empty:
        raise ConfigError(f"该县没有可划片的{STAGE_NAMES[stage]}或村居数据。")
    names = _unique(sites["name"].tolist(), sites["site_id"].tolist())
    by_id = dict(zip(sites["site_id"], names, strict=True))
    schools = Schools(names, sites["lon"].to_numpy(float), sites["lat"].to_numpy(float),
                      sites[f"seats_{stage}"].to_numpy(float),
                      enrolled=sites[f"students_{stage}_now"].to_numpy(float),
                      notes=(*notes, *folded))
    ages = [f"age_{a}" for a in STAGE_AGES[stage]]
    pupils = villages[ages].fillna(0).sum(axis=1).to_numpy(float)
    zone = villages[f"zone_{stage}"].tolist()
    blocks = Blocks(
        names=[*villages["name"].astype(str), *(f"学校：{n}" for n in names)],
        geometries=[*(Point(x, y) for x, y in zip(villages["lon"], villages["lat"],
                                                  strict=True)),
                    *(Point(x, y) for x, y in zip(schools.lon, schools.lat, strict=True))],
        pupils=np.concatenate([pupils, np.zeros(len(names))]),
        current=[*(by_id.get(host.get(z, z)) for z in zone), *names])
    return build_input(blocks, schools, source="村居", **options)


def _unique(names: list[str], ids: list[str]) -> list[str]:
    seen = {n: names.count(n) for n in names}
    return [n if seen[n] == 1 else f"{n}（{i}）" for n, i in zip(names, ids, strict=True)]


def zones_title(data: CountyData, stage: str) -> str:
    """The plan's title with county, school year and stage (review finding 13)."""
    return (f"{data.info.get('county_name') or ''}{data.school_year} 学年"
            f"{STAGE_NAMES.get(stage, '')}就近划片方案")
