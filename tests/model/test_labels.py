"""One label per code, and one colour scheme (model/labels.py) on every map: the web layout
map, the offline layout map, the zones map; the map scripts hold no colour of their own."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from junheng import web
from junheng.geo.towns import county_towns
from junheng.io import example_county
from junheng.jobs.layout import village_points
from junheng.jobs.zones_county import county_zone_input
from junheng.model import codes, labels
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.report import layout_map
from junheng.report.layout_map import layout_map_html
from junheng.report.zones_outputs import zones_map_data
from junheng.web.layout_view import map_data
from junheng.zones.summary import per_school


def _plan(data=None) -> LayoutOutcome:
    """Four schools, one per action; with ``data``, the county's first four schools."""
    rows = (list(data.schools.itertuples())[:4] if data is not None else
            [SimpleNamespace(school_id=f"S{i}", name=f"学校{i}", lon=112.0 + i / 100, lat=34.0,
                             town_code=None) for i in range(4)])

    def school(i: int, action: str) -> PlannedSchool:
        r = rows[i]
        return PlannedSchool(r.school_id, r.name, action, lon=r.lon, lat=r.lat,
                             town_code=r.town_code, students_after={"primary": 100, "junior": 0},
                             merged_into=rows[0].school_id if action == "close" else None)
    return LayoutOutcome(status="最优", metrics={"before": {}, "after": {}}, scenario="测试",
                         target_year=2030,
                         schools=tuple(school(i, a) for i, a in
                                       enumerate(("keep", "close", "expand", "new"))))


def offline_data(html: str) -> dict:
    """The data an offline map page draws (its ``const data = {...};`` line)."""
    return json.loads(re.search(r"const data = (\{.*?\});\n", html).group(1))


def _colours(payload: dict) -> set[str]:
    found = set()
    for layer in ("towns", "areas", "villages", "lines", "schools", "legend"):
        for item in payload.get(layer, []):
            found |= {item[k] for k in ("colour", "border", "outline") if k in item}
    return found


SCHEME = (set(labels.ACTION_COLOURS.values()) | set(labels.SCHOOL_PALETTE)
          | set(labels.TOWN_FILLS) | set(labels.MAP_COLOURS.values())
          | set(labels.SCHOOL_RESULT_COLOURS.values()))


def test_the_web_map_and_the_offline_map_draw_the_same_data():
    data = example_county()
    plan = _plan(data)
    web_data = map_data(plan, data)
    page = layout_map_html(plan, village_points(data), towns=county_towns(data))
    assert offline_data(page) == json.loads(json.dumps(web_data))
    by_action = {s["action"]: s["colour"] for s in web_data["schools"]}
    assert by_action == {"keep": "#4a7bb7", "close": "#c0392b", "expand": "#e69f00",
                         "new": "#2e8b57"}
    legend = {e["label"]: e["colour"] for e in web_data["legend"]}
    assert {k: legend[k] for k in ("学校：保留", "学校：撤并", "学校：扩建", "学校：新建")} == {
        "学校：保留": "#4a7bb7", "学校：撤并": "#c0392b", "学校：扩建": "#e69f00",
        "学校：新建": "#2e8b57"}
    assert legend["撤并学生流向"] == labels.MAP_COLOURS["flow"]
    assert legend["乡镇范围（2 个，名称标于其中）"] == labels.TOWN_FILLS[0]
    assert [t["colour"] for t in web_data["towns"]] == list(labels.TOWN_FILLS[:2])
    assert _colours(web_data) <= SCHEME


def test_the_zones_map_takes_its_colours_from_the_same_scheme():
    data = example_county()
    zones = county_zone_input(data, "primary")
    school = np.array([max(c, 0) for c in zones.problem.current])
    rows = per_school(zones.problem, school, zones.schools.names)
    payload = zones_map_data(zones, school, rows, county_towns(data))
    assert _colours(payload) <= SCHEME
    assert {a["colour"] for a in payload["areas"]} <= set(labels.SCHOOL_PALETTE)
    assert {s["colour"] for s in payload["schools"]} <= set(labels.SCHOOL_PALETTE)
    assert {a["outline"] for a in payload["areas"]} <= {labels.MAP_COLOURS["changed"],
                                                       labels.MAP_COLOURS["zone_border"]}
    assert [t["colour"] for t in payload["towns"]] == list(labels.TOWN_FILLS[:2])


def test_the_report_map_takes_its_colours_from_the_same_scheme():
    from junheng.evaluate import evaluate
    from junheng.report.html_report import report_html

    data = example_county()
    payload = json.loads(re.search(r"const REPORT = (\{.*?\});", report_html(
        evaluate(data), data=data)).group(1))
    drawn = payload["map"]
    assert _colours(drawn) <= SCHEME
    assert {s["name"]: s["colour"] for s in drawn["schools"]} == {
        "示例县城关第一小学": "#2e7d32", "示例县第一初级中学": "#2e7d32",
        "河口乡九年一贯制学校": "#2e7d32", "河口乡上河教学点": "#757575"}
    assert [e["label"] for e in drawn["legend"]] == [
        "学校：达标", "学校：教学点（并入中心校评估）", "乡镇范围（2 个，名称标于其中）"]
    assert [t["colour"] for t in drawn["towns"]] == list(labels.TOWN_FILLS[:2])


def test_the_map_scripts_hold_no_colour_of_their_own():
    static = Path(web.__file__).parent / "static"
    for name in ("app.js", "map_layers.js"):
        text = (static / name).read_text(encoding="utf-8")
        assert not re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", text), name
    assert layout_map.PALETTE is labels.SCHOOL_PALETTE


def test_every_action_has_a_label_and_its_own_colour():
    from junheng.planning.layout_outcome import ACTIONS

    assert set(labels.ACTION_LABELS) == set(labels.ACTION_COLOURS) == set(ACTIONS)
    assert len(set(labels.ACTION_COLOURS.values())) == 4


def test_the_labels_are_the_workbooks_enumerations_read_backwards():
    assert list(labels.STAGE_LABELS.items()) == [
        ("preschool", "学前"), ("primary", "小学"), ("junior", "初中"), ("senior", "高中")]
    assert labels.STAGE_LABELS_WITH_TOTAL["all"] == "合计"
    assert labels.SCHOOL_TYPE_LABELS["junior_school"] == "初级中学"
    assert labels.SCHOOL_TYPE_LABELS["teaching_point"] == "教学点"
    assert {codes.label_of(codes.STAGES, c) for c in labels.STAGE_LABELS} == set(codes.STAGES)


def test_an_unknown_code_reads_as_itself_and_a_subset_keeps_its_order():
    assert labels.label(labels.AREA_LABELS, "urban") == "城区"
    assert labels.label(labels.AREA_LABELS, "moon") == "moon"
    assert labels.subset(labels.STAGE_LABELS, ("junior", "primary")) == {"junior": "初中",
                                                                         "primary": "小学"}


def test_the_engines_and_faces_read_the_one_table():
    from junheng.evaluate import items
    from junheng.store import accounts
    from junheng.web import worker

    assert dict(items.STATUS_LABELS) == labels.STATUS_LABELS
    assert dict(accounts.ROLE_LABELS) == labels.ROLE_LABELS
    assert worker.STATE_LABELS is labels.JOB_STATE_LABELS
