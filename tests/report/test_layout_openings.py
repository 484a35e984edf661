"""A kept school that a 在建 or 规划 project is still building reads as that project with the
school year it opens, in the 调整方案 sheet and on the map (planner review: 洛北县城东新区第二小学,
opening in the 2027 school year, read "保留")."""

import pandas as pd

from junheng.planning.layout_conditions import with_openings
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.report.layout_map import _school_points
from junheng.report.layout_xlsx import _action_row


def _plan() -> LayoutOutcome:
    projects = pd.DataFrame({
        "school_id": ["N", "P", "K"], "project_type": ["new_build", "new_build", "new_build"],
        "status": ["under_construction", "planned", "completed"],
        "completion_date": pd.to_datetime(["2027-08-20", "2028-12-01", "2024-08-01"])})
    data = type("D", (), {"tables": {"projects": projects}})()
    rooms = {"capacity": {"primary": 2160, "junior": 0}}
    schools = (PlannedSchool("N", "城东新区第二小学", "keep", lat=34.6, lon=112.7, **rooms,
                             students_after={"primary": 371, "junior": 0}),
               PlannedSchool("P", "新区三小", "keep", lat=34.6, lon=112.8),
               PlannedSchool("K", "东城小学", "keep", lat=34.7, lon=112.8))
    return with_openings(LayoutOutcome("optimal", schools, {}, year=2025), data)


def test_a_project_school_reads_as_the_project_with_its_first_year():
    plan = _plan()
    # 2027-08 completes before the 2027 school year; 2028-12 only for 2029; completed: 保留
    assert [s.action_label for s in plan.schools] == [
        "在建（2027 学年启用）", "规划（2029 学年启用）", "保留"]
    assert _action_row(plan.schools[0], {}, {}, 2025)[3] == "在建（2027 学年启用）"
    assert [p["tip"] for p in _school_points(plan)] == [
        "城东新区第二小学：在建（2027 学年启用），规划后 371 人", "新区三小：规划（2029 学年启用），规划后 0 人",
        "东城小学：保留，规划后 0 人"]


def test_the_opening_survives_the_plan_file():
    again = layout_from_json(layout_json(_plan()))
    assert [(s.project_status, s.opens_year) for s in again.schools] == [
        ("under_construction", 2027), ("planned", 2029), ("", None)]
