"""plan.json at the file boundary: the in-process outcome and the file agree, and the one reader
refuses what is not a layout plan with a Chinese message."""

from __future__ import annotations

import json

import pytest
from layout_builders import line_county

from junheng.errors import ConfigError
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_json import (
    layout_from_json,
    layout_json,
    read_layout_json,
    write_layout_json,
)
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_ledger import StaffingLedger


@pytest.fixture(scope="module")
def plan():
    config = load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2025)
    return plan_layout(line_county(far_village=False), config)


def test_the_file_reads_back_as_the_outcome_the_planner_returned(plan, tmp_path):
    path = write_layout_json(plan.outcome, tmp_path / "plan.json")
    assert read_layout_json(tmp_path) == plan.outcome  # the folder holding plan.json
    assert read_layout_json(path) == plan.outcome
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert list(doc) == ["status", "objective", "bound", "gap", "seconds", "county", "year",
                         "target_year", "scenario", "weights", "costs", "rules", "phases",
                         "phase_years", "schools", "assignments", "kept_reasons", "metrics", "evaluation",
                         "notes", "transition", "overflow", "shifts", "large", "year_pupils", "moved_years", "staffing",
                         "alternative"]
    StaffingLedger.from_dict(doc["staffing"]).check()  # the planner's ledger, balanced
    assert list(doc["evaluation"]) == ["before", "after", "assumptions", "limits", "causes",
                                       "today"]
    assert doc == layout_json(plan.outcome)


def test_a_document_without_schools_or_metrics_is_refused():
    with pytest.raises(ConfigError, match="布局方案缺少 schools、metrics"):
        layout_from_json({"status": "optimal"})


def test_a_school_without_its_action_is_named():
    with pytest.raises(ConfigError, match="第 2 所学校缺少 action"):
        layout_from_json({"schools": [{"school_id": "A", "name": "甲", "action": "keep"},
                                      {"school_id": "B", "name": "乙"}], "metrics": {}})


def test_missing_and_broken_files_are_chinese_errors(tmp_path):
    with pytest.raises(ConfigError, match="找不到布局方案"):
        read_layout_json(tmp_path / "无此目录")
    broken = tmp_path / "plan.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是有效的 JSON"):
        read_layout_json(broken)
    broken.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是 JSON 对象"):
        read_layout_json(broken)


def test_an_unopened_new_school_rents_nothing_in_the_file(tmp_path):
    """rv2 finding 10: the unopened new school's rows said temporary 20 / 21. The file now says
    0 there; the plan's room-years read straight off the file are temporary + crowded_rooms +
    the overflow list: 2 (the open school) + 11 + 14 (the present schools) + 1 = 28; the reader
    gives the 20 / 21 back, so the outcome round-trips."""
    from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
    from junheng.planning.layout_waiting import temporary_rooms
    outcome = LayoutOutcome(
        "optimal", (PlannedSchool("N", "新建初中", "new", phase=4), PlannedSchool("E", "甲小学", "keep")),
        {"before": {}, "after": {}}, year=2025, rules={"plan_date": "2026-12-05"},
        transition=(YearRooms(2027, "N", "junior", 995, 20, 0, 20, 0, 539, 11, (("E", 539, 11),)),
                    YearRooms(2028, "N", "junior", 1033, 21, 0, 21, 0, 655, 14, (("E", 655, 14),)),
                    YearRooms(2029, "N", "junior", 1043, 21, 22, 0, 22),
                    YearRooms(2027, "E", "primary", 500, 2, 0, 2)),
        overflow=((2028, "E", "primary", 1),))
    doc = json.loads(json.dumps(layout_json(outcome)))
    assert [(r["year"], r["temporary"], r.get("unopened_short")) for r in doc["transition"]] == [
        (2027, 0, 20), (2028, 0, 21), (2029, 0, None), (2027, 2, None)]
    from_file = (sum(r["temporary"] + r["crowded_rooms"] for r in doc["transition"])
                 + sum(o[3] for o in doc["overflow"]))
    assert from_file == sum(temporary_rooms(outcome).values()) == 28
    assert layout_from_json(doc) == outcome


def test_rooms_met_by_temporary_rooms_are_written_apart_from_the_built_ones():
    # rv 12: 东城小学 was written with added_classrooms 1 and capital_yuan 420,000 for a room
    # its documents say is 临时周转, not built. A school adding 3 junior rooms (3 × 420,000 =
    # 1,260,000 元 plus 50,000 元 of area), 2 of them borrowed, is written with the 1 built
    # room and 420,000 + 50,000 = 470,000 元; the 2 borrowed rooms (840,000 元) apart; read
    # back it is the planner's school again
    school = PlannedSchool("D", "东城初中", "expand", phase=4, added_classrooms=3,
                           added_classrooms_by_stage={"primary": 0, "junior": 3},
                           capital_yuan=1_310_000.0, temporary_classrooms=2, temporary_yuan=840_000.0)
    closed = PlannedSchool("T", "袁桥村小学", "close", phase=5)
    plan = LayoutOutcome("optimal", (school, closed), {"after": {}}, year=2025, phases=2)
    doc = layout_json(plan)
    d = doc["schools"][0]
    assert (d["added_classrooms"], d["added_classrooms_by_stage"], d["capital_yuan"]) == (
        1, {"primary": 0, "junior": 1}, 470_000.0)
    assert (d["temporary_classrooms"], d["temporary_classrooms_by_stage"], d["temporary_yuan"]) == (
        2, {"junior": 2}, 840_000.0)
    # phases: 2 school years acted in, phase 4 = 2025 + 4 = 2029, phase 5 = 2030
    assert (doc["phases"], doc["phase_years"]) == (2, {"4": 2029, "5": 2030})
    assert (d["school_year"], doc["schools"][1]["school_year"]) == (2029, 2030)
    assert layout_from_json(json.loads(json.dumps(doc))) == plan
    # a plan stored before (no temporary_classrooms_by_stage) is read as written
    old = {**doc, "schools": [{k: v for k, v in d.items() if k != "temporary_classrooms_by_stage"}]}
    assert layout_from_json(old).schools[0].added_classrooms == 1
