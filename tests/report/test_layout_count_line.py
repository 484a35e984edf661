"""Review rv24 9: ``junheng plan layout`` printed 「保留 55 所，…撤并 64 所」 while the web page said
「保留（不作调整，其中教学点 6 个）55 所，撤并教学点 64 个」 and the 布局调整方案 「撤并教学点 64 个」: one
function (report.layout_count_line) words the counts for both."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from junheng.cli.app import console
from junheng.cli.plan import _print_plan
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.report.layout_count_line import count_items, count_line

PS = PlannedSchool


def _plan() -> LayoutOutcome:
    # kept: 甲小学 and 教学点 P1 (2 所, 1 of them a 教学点); closed: 教学点 P2, P3 and 丙小学;
    # expanded: 乙小学; no new school (新建 0 所 is listed all the same)
    return LayoutOutcome("optimal", (
        PS("A", "甲小学", "keep", kind="primary_school"), PS("P1", "点一", "keep", kind="teaching_point"),
        PS("P2", "点二", "close", kind="teaching_point", merged_into="A", phase=1),
        PS("P3", "点三", "close", kind="teaching_point", merged_into="A", phase=1),
        PS("C", "丙小学", "close", kind="primary_school", merged_into="B", phase=1),
        PS("B", "乙小学", "expand", kind="primary_school", phase=1, added_classrooms=2)),
        {"before": {"operating_yuan": 500_000.0}, "after": {"operating_yuan": 400_000.0}},
        scenario="默认方案", year=2025, target_year=2030, seconds=1.0)


def test_the_count_line_names_kept_points_and_closed_points_apart():
    assert count_items(_plan()) == [("保留（不作调整，其中教学点 1 个）", 2, "所"), ("撤并学校", 1, "所"),
                                    ("撤并教学点", 2, "个"), ("扩建", 1, "所"), ("新建", 0, "所")]
    assert count_line(_plan()) == "保留（不作调整，其中教学点 1 个） 2 所，撤并学校 1 所，撤并教学点 2 个，扩建 1 所，新建 0 所"
    # only 教学点 closed: no 「撤并学校 0 所」
    points = replace(_plan(), schools=tuple(s for s in _plan().schools if s.school_id != "C"))
    assert count_line(points) == "保留（不作调整，其中教学点 1 个） 2 所，撤并教学点 2 个，扩建 1 所，新建 0 所"


def test_the_cli_prints_the_web_pages_count_line(monkeypatch):
    monkeypatch.setattr(console, "width", 400)
    with console.capture() as captured:
        _print_plan(_plan(), Path("out"))
    lines = [x.strip() for x in captured.get().splitlines()]
    assert "保留（不作调整，其中教学点 1 个） 2 所，撤并学校 1 所，撤并教学点 2 个，扩建 1 所，新建 0 所" in lines
    assert not any(x.startswith("保留 2 所") for x in lines)
