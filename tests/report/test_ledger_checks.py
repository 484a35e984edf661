"""The 规划台账 workbook states, its 报送前核对 sheet asks (planner review 2026-12-05 finding 1,
as report.signed_text does for the documents): the 台账 sheet's 说明 column said "…相差 91 人，
请核对县级填报" in a sheet the bureau sends; it now states the difference, and the ask is a
line of 报送前核对, a sheet only a workbook with something to check has."""

from __future__ import annotations

import openpyxl

from junheng.ledger import plan_from_dict, run_ledger
from junheng.model import CountyData
from junheng.report.ledger_xlsx import CHECKS_TITLE, write_ledger_xlsx

S = "4103060001"
TEACHER = {"school_id": S, "stage": "primary", "subject": "chinese", "full_time": True,
           "degree": "bachelor", "title": "second", "backbone": "none", "certified": True,
           "sex": "female", "birth_year": 1985, "work_start_year": 2008,
           "school_start_year": 2015, "training_hours_5y": 400.0, "rotated_in": False}


def _county(reported: int) -> CountyData:
    """Three teachers: one rotated this year, one 10 years at the school (eligible), one male
    of 51 (born 1974; eligible up to 55): 1 rotated + 2 eligible = 3 by the rules, against
    the county's ``reported``."""
    rows = [{**TEACHER, "teacher_id": "T1", "rotated_in": True},
            {**TEACHER, "teacher_id": "T2"},
            {**TEACHER, "teacher_id": "T3", "sex": "male", "birth_year": 1974}]
    return CountyData.from_records(
        {"county_code": "410306", "county_name": "示例县", "school_year": 2025},
        schools=[{"school_id": S, "name": "城关小学", "school_type": "primary_school",
                  "ownership": "public"}], teachers=rows,
        county_indicators=[{"indicator_code": "rotation_eligible_teachers",
                            "indicator_name": "符合交流轮岗条件的教师数", "value": reported}])


def _book(tmp_path, reported: int):
    plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"},
                           "baseline_year": 2025, "targets": [
                               {"id": "r", "name": "交流轮岗比例", "quote": "……",
                                "measure": "rotation_share_by_rules", "comparator": ">=",
                                "target": 0.1, "deadline": 2027, "responsible": "县教育局"}]})
    ledger = run_ledger(plan, lambda c, y: _county(reported), [("410306", 2025)])
    return openpyxl.load_workbook(write_ledger_xlsx(ledger, tmp_path / "台账.xlsx"))


def test_the_ledger_sheet_states_the_difference_and_the_checks_sheet_asks(tmp_path):
    # the county reports 4 eligible: 1 / 4 = 25.0 % by its figure, 3 by the rules, 1 apart
    book = _book(tmp_path, 4)
    assert book.sheetnames == ["台账", "原文与佐证", "测算明细", "说明", "报送前核对"]
    sheet = book["台账"]
    notes = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "交流轮岗比例")[-1]
    assert notes == ("2025：县级指标填报符合交流轮岗条件的教师 4 人，督导评估按此计为 25.0%；本指标按教师表和交流规则计为 3 人，"
                     "相差 1 人")
    for ws in ("台账", "原文与佐证", "测算明细", "说明"):
        texts = [c for r in book[ws].iter_rows(values_only=True) for c in r if isinstance(c, str)]
        assert not any("请核对" in t for t in texts), ws
    rows = list(book["报送前核对"].iter_rows(values_only=True))
    assert rows[0][0] == CHECKS_TITLE == "报送前核对（台账报送前由县区核实，核实后删除本表，不随台账报送）"
    assert rows[2] == ("序号", "核对事项", "核对结果")
    assert rows[3:] == [(1, "“交流轮岗比例”2025 学年：县级指标填报符合交流轮岗条件的教师 4 人，督导评估按此计为 25.0%；"
                            "本指标按教师表和交流规则计为 3 人，相差 1 人，请核对县级填报。", None)]


def test_a_workbook_with_nothing_to_check_has_no_checks_sheet(tmp_path):
    # the county reports the 3 the rules count: the note says they agree, nothing to check
    book = _book(tmp_path, 3)
    assert book.sheetnames == ["台账", "原文与佐证", "测算明细", "说明"]
    notes = next(r for r in book["台账"].iter_rows(values_only=True) if r[1] == "交流轮岗比例")[-1]
    assert notes == "2025：与县级指标填报的符合交流轮岗条件教师数（3 人）一致"
