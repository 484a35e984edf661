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
                         "schools", "assignments", "kept_reasons", "metrics", "evaluation",
                         "notes", "transition", "overflow", "large", "staffing", "alternative"]
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
