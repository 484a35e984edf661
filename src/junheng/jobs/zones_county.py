"""就近划片 from a county's workbook or store: its 村居 are the blocks (points, children of
the stage's ages, today's 划片学校) and its schools the schools, with places = classrooms ×
standard class size as the layout plan counts them, the 在建、规划 projects in use by the
data year (or a later year asked for) counted (:func:`~junheng.planning.projects.county_at`:
a placed new school is a school with no pupils yet). Each school is a block of its own (no
pupils) joined to the villages around it, so two schools in one village stay apart.
民办学校 take no zone (就近划片 is for public schools); each school's 在校生 is kept beside
the village-based 现状 for the outputs."""

from __future__ import annotations

import csv

import numpy as np
from shapely.geometry import Point

from junheng.errors import ConfigError
from junheng.jobs.zones_points import (
    fold_teaching_points,
    own_village_pupils,
    private_note,
)
from junheng.model.choices import STAGES
from junheng.model.codes import GRADE_STAGE
from junheng.model.county import CountyData
from junheng.model.places import own_name
from junheng.planning import load_layout_config
from junheng.planning.layout_data import existing_sites
from junheng.planning.projects import county_at
from junheng.zones.build import build_input
from junheng.zones.calibrate import calibrate as calibrate_pupils
from junheng.zones.io import Blocks, Schools, ZoneInput

STAGE_AGES = {"primary": range(6, 12), "junior": range(12, 15)}
STAGE_NAMES = {"primary": "小学", "junior": "初中"}
# 固定划片 and 多校划片 rows of a county: text (one "a,b" a line: the web form) or a CSV of
# the documented formats (村居,学校 / 学校,多校划片), a header row allowed.
PAIRS = {"pins": ("固定划片", ("村居", "地块", "block"), "村居,学校"),
         "groups": ("多校划片", ("学校", "school"), "学校,组名")}


def pairs_from(key: str, text: str) -> list[list[str]]:
    r"""The (a, b) rows of the 固定划片 (``key`` pins) or 多校划片 (groups) text; a bad row is a
    ConfigError naming it.

    >>> pairs_from("pins", "村居,学校\n南庄村，河口乡九年一贯制学校\n\n")
    [['南庄村', '河口乡九年一贯制学校']]
    >>> pairs_from("groups", "甲小学")
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 多校划片第 1 行“甲小学”应为两项：学校,组名。
    """
    label, headers, shape = PAIRS[key]
    found = []
    for number, row in enumerate(csv.reader(text.replace("，", ",").splitlines()), start=1):
        cells = [c.strip() for c in row if c.strip()]
        if not cells or (number == 1 and cells[0] in headers):
            continue
        if len(cells) != 2:
            raise ConfigError(f"{label}第 {number} 行“{','.join(cells)}”应为两项：{shape}。")
        found.append(cells)
    return found


def county_zone_input(data: CountyData, stage: str, *, calibrate: bool = True,
                      pinned: list | None = None, groups: list | None = None,
                      cross_town: bool = False, projects_year: int | None = None,
                      **options) -> ZoneInput:
    """The zoning input of ``data`` for ``stage`` (``primary`` or ``junior``); ``options``
    go to :func:`junheng.zones.build.build_input` (weights, max_moved, pins...).
    ``calibrate``: 现状按在校生校准 (:mod:`junheng.zones.calibrate`), the villages'
    children kept as ``blocks.children``; without it the pupils are the children.
    ``pinned``: (村居, 学校) name pairs (固定划片); ``groups``: (学校, 组名) pairs (多校划片).
    Without ``cross_town`` a village may only be zoned to a school of the 乡镇 of its school
    today (of its own 乡镇 without one), as the layout's receivers rule (second review: a town
    社区 zoned 10 km away to a rural 初中), or to a nearer one; either way a move into another
    乡镇 is marked and costs ``Weights.cross`` (跨乡镇调整, :func:`~junheng.zones.build.cross_town`). ``projects_year``: the school year whose building
    projects count as places (default the data year, the year of the pupils zoned; a later
    year counts the 在建、规划 projects finished by then, :func:`~junheng.planning.projects.county_at`)."""
    stage = STAGES.code(stage)  # 「小学」 or primary; else refused in words (rw 9)
    built = county_at(data, projects_year or data.school_year)
    data = built.data
    sites = existing_sites(data, load_layout_config())
    notes = (*private_note(sites, stage, special_pupils(data, stage)),
             *built.plan_notes("划片方案", new_schools_used=True))
    sites = sites[(sites[f"seats_{stage}"] > 0)
                  & (sites["ownership"] != "private")].reset_index(drop=True)
    villages = data.villages
    ages = [f"age_{a}" for a in STAGE_AGES[stage]]
    sites, host, folded = fold_teaching_points(sites, stage,
                                               own_village_pupils(sites, villages, ages))
    if sites.empty or villages.empty:
        raise ConfigError(f"该县没有可划片的{STAGE_NAMES[stage]}或村居数据。")
    names = _unique(sites["name"].tolist(), sites["site_id"].tolist())
    by_id = dict(zip(sites["site_id"], names, strict=True))
    schools = Schools(names, sites["lon"].to_numpy(float), sites["lat"].to_numpy(float),
                      sites[f"seats_{stage}"].to_numpy(float), _groups(groups or [], names),
                      enrolled=sites[f"students_{stage}_now"].to_numpy(float),
                      notes=(*notes, *folded))
    pupils = villages[ages].fillna(0).sum(axis=1).to_numpy(float)
    # today's zone school of each village (a teaching point's villages: its 中心校's zone)
    today = [by_id.get(host.get(z, z)) for z in villages[f"zone_{stage}"]]
    children = np.concatenate([pupils, np.zeros(len(names))])
    if calibrate:
        index = {n: s for s, n in enumerate(names)}
        current = np.array([index.get(t, -1) for t in today] + list(range(len(names))))
        scaled = calibrate_pupils(children, current, schools.enrolled)
        pupils = scaled.pupils + np.concatenate([np.zeros(len(villages)), scaled.at_school])
    else:
        pupils = children
    blocks = Blocks(
        names=[*villages["name"].astype(str), *(f"学校：{n}" for n in names)],
        geometries=[*(Point(x, y) for x, y in zip(villages["lon"], villages["lat"],
                                                  strict=True)),
                    *(Point(x, y) for x, y in zip(schools.lon, schools.lat, strict=True))],
        pupils=pupils, current=[*today, *names],
        children=children if calibrate else None)
    town = town_names(data)
    towns = ([town(c) for c in (*villages["town_code"], *sites["town_code"])],
             [town(c) for c in sites["town_code"]])
    return build_input(blocks, schools, source="村居", towns=towns, town_rule=not cross_town,
                       pins=_pins(pinned or [], blocks.names[:len(villages)], names), **options)


def town_names(data: CountyData):
    """code → the 乡镇's name (the 乡镇 sheet's; the code where it has none)."""
    towns = data.towns if "town_code" in data.towns else None
    known = ({} if towns is None else
             dict(zip(towns["town_code"].astype(str), towns["town_name"].astype(str), strict=True)))
    return lambda code: known.get(str(code), str(code))


def special_pupils(data: CountyData, stage: str) -> int:
    """The pupils of ``stage`` at 特殊教育学校 (no site of the zoning has them)."""
    special = data.schools.loc[data.schools["school_type"] == "special_education", "school_id"]
    classes = data.classes[data.classes["school_id"].isin(special)]
    return int(classes.loc[classes["grade"].map(GRADE_STAGE) == stage, "students"].sum())


def _where(kind: str, number: int, value: str, names: list[str], what: str) -> int:
    """The index of ``value`` in ``names`` (a school also by its own name without the
    “（含教学点 n 个）” the zoning adds), else a Chinese error naming the row.

    >>> _where("固定划片", 1, "乙校", ["甲校", "乙校（含教学点 2 个）"], "公办学校")
    1
    """
    found = [i for i, n in enumerate(names) if n == value or own_name(n) == value]
    if len(found) != 1:
        why = "名称不唯一，无法确定是哪一个" if found else f"不是本县该学段的{what}"
        raise ConfigError(f"{kind}第 {number} 行：“{value}”{why}。")
    return found[0]


def _pins(pairs: list, villages: list[str], schools: list[str]) -> dict[int, int]:
    return {_where("固定划片", n, v, villages, "村居"): _where("固定划片", n, s, schools, "公办学校")
            for n, (v, s) in enumerate(pairs, start=1)}


def _groups(pairs: list, schools: list[str]) -> list[str | None] | None:
    if not pairs:
        return None
    group: list[str | None] = [None] * len(schools)
    for n, (school, name) in enumerate(pairs, start=1):
        group[_where("多校划片", n, school, schools, "公办学校")] = str(name)
    return group


def _unique(names: list[str], ids: list[str]) -> list[str]:
    seen = {n: names.count(n) for n in names}
    return [n if seen[n] == 1 else f"{n}（{i}）" for n, i in zip(names, ids, strict=True)]


def zones_title(data: CountyData, stage: str) -> str:
    """The plan's title with county, school year and stage (review finding 13)."""
    return (f"{data.info.get('county_name') or ''}{data.school_year} 学年"
            f"{STAGE_NAMES.get(stage, '')}就近划片方案")
