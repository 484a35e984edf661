"""One label per code and one colour per layout action, on the web map and the offline map alike."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from junheng import web
from junheng.model import codes, labels
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.report import layout_map
from junheng.report.layout_map import layout_map_html
from junheng.web.layout_view import map_data

SPAN = re.compile(r'<div><span style="background:(#[0-9a-f]{6})"></span>([^<]+)</div>')


def _plan() -> LayoutOutcome:
    def school(i: int, action: str) -> PlannedSchool:
        return PlannedSchool(f"S{i}", f"学校{i}", action, lon=112.0 + i / 100, lat=34.0,
                             students_after={"primary": 100, "junior": 0},
                             merged_into="S0" if action == "close" else None)
    return LayoutOutcome(status="最优", metrics={"before": {}, "after": {}}, scenario="测试",
                         target_year=2030,
                         schools=tuple(school(i, a) for i, a in
                                       enumerate(("keep", "close", "expand", "new"))))


def _offline_colours(html: str) -> tuple[dict[str, str], dict[str, str]]:
    """The colour of each school's action in the map's data, and the legend's colours by label."""
    payload = json.loads(re.search(r"const data = (\{.*?\});\n", html).group(1))
    by_action = {s["action"]: s["colour"] for s in payload["schools"]}
    legend = {text: colour for colour, text in SPAN.findall(html)}
    return by_action, legend


def test_the_web_map_and_the_offline_map_colour_every_action_alike():
    plan = _plan()
    web = map_data(plan, SimpleNamespace(villages=pd.DataFrame(
        columns=["village_code", "name", "lat", "lon"])))
    web_by_action = {s["action"]: s["colour"] for s in web["schools"]}
    web_legend = {entry["label"]: entry["colour"] for entry in web["legend"]}
    offline_by_action, offline_legend = _offline_colours(layout_map_html(plan, []))
    assert web_by_action == offline_by_action == {
        "keep": "#4a7bb7", "close": "#c0392b", "expand": "#e69f00", "new": "#2e8b57"}
    assert web_legend == offline_legend == {"保留": "#4a7bb7", "撤并": "#c0392b",
                                            "扩建": "#e69f00", "新建": "#2e8b57"}


def test_the_web_map_colours_villages_from_the_same_palette():
    app_js = (Path(web.__file__).parent / "static" / "app.js").read_text(encoding="utf-8")
    literal = re.search(r"var PALETTE = \[([^\]]*)\]", app_js).group(1)
    assert tuple(re.findall(r'"(#[0-9a-f]{6})"', literal)) == labels.SCHOOL_PALETTE
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
