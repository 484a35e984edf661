"""Training: rolling five-year hours against 360, who falls short by when, teachers trained per
year — as ledger measures on a hand-made county (school year 2025)."""

from __future__ import annotations

import pandas as pd
import pytest
from teacher_builders import county, school, teachers

from junheng.ledger import compute_measure
from junheng.teachers.training import training_status

S = "4103060001"
A, B, C, D = (teachers(S, 1, work_start_year=w, training_hours_5y=h)[0]
              for w, h in ((2000, 372.0), (2000, 300.0), (2023, 220.0), (2000, 400.0)))


def record(t, year, hours):
    return {"teacher_id": t["teacher_id"], "year": year, "hours": hours, "category": "county"}


DATA = county(schools=[school(S)], teachers=[A, B, C, D],
              training=[record(A, 2021, 200.0), record(A, 2023, 100.0), record(A, 2025, 72.0),
                        record(B, 2024, 300.0), record(C, 2024, 100.0), record(C, 2025, 120.0)])


def test_status_per_teacher():
    status = training_status(DATA.teachers, DATA.training, 2025).set_index("teacher_id")
    # A: 372 ≥ 360 now; 2022–2026 holds 172 -> due 2026.  B: 300, 60 short now.
    # C started 2023: owes 3 × 72 = 216, has 220; in 2026 owes 288 -> due 2026.
    # D: no records, 400 spread evenly: 320 in 2026 -> due 2026.
    assert status["required"].tolist() == [360.0, 360.0, 216.0, 360.0]
    assert status["shortfall"].tolist() == [0.0, 60.0, 0.0, 0.0]
    assert status["due_year"].tolist() == [2026, 2025, 2026, 2026]


def test_measures():
    assert compute_measure("training_rolling_share", DATA).value("share") == pytest.approx(0.75)
    assert compute_measure("training_due_teachers", DATA).numerator == 1
    assert compute_measure("training_due_teachers", DATA, {"years_ahead": 1}).numerator == 4
    assert compute_measure("teachers_trained", DATA).numerator == 2
    assert compute_measure("teachers_trained", DATA, {"year_offset": -1}).numerator == 2


def test_teachers_trained_without_records_is_missing():
    reading = compute_measure("teachers_trained", county(schools=[school(S)], teachers=[A]))
    assert reading.numerator is None and reading.note == "没有“教师培训”记录"


def test_rotation_share_by_rules():
    # 2025: eligible = 本校满 6 年 and age ≤ 55 (男) / 50 (女), not rotated; plus the rotated.
    data = county(schools=[school(S)], teachers=[
        teachers(S, 1, rotated_in=True)[0],                                   # rotated
        teachers(S, 1, school_start_year=2019)[0],                            # 6 years: eligible
        teachers(S, 1, school_start_year=2020)[0],                            # 5 years: not
        teachers(S, 1, sex="female", birth_year=1974)[0],                     # 51: not
        teachers(S, 1, sex="male", birth_year=1974)[0]])                      # 51 male: eligible
    reading = compute_measure("rotation_share_by_rules", data)
    assert (reading.numerator, reading.denominator) == (1, 3)
    assert reading.note is None  # no 县级指标 to compare with


@pytest.mark.parametrize(("reported", "note"), [
    (3, "与县级指标填报的符合交流轮岗条件教师数（3 人）一致"),
    (4, "县级指标填报符合交流轮岗条件的教师 4 人，督导评估按此计为 25.0%；本指标按教师表和交流规则计为"
        " 3 人，相差 1 人，请核对县级填报"),
])
def test_rotation_by_rules_names_the_count_the_county_reported(reported, note):
    # The review found 10.9% (118 / 1,084 reported) in the evaluation and 10.0% (118 / 1,175 by
    # the rules) in the ledger for one year, neither saying why: the ledger now says both.
    data = county(schools=[school(S)], teachers=[
        teachers(S, 1, rotated_in=True)[0], teachers(S, 1, school_start_year=2019)[0],
        teachers(S, 1, sex="male", birth_year=1974)[0]],
        county_indicators=[{"indicator_code": "rotation_eligible_teachers",
                            "indicator_name": "符合交流轮岗条件的教师数", "value": reported,
                            "evidence": "县教育局人事股统计"}])
    reading = compute_measure("rotation_share_by_rules", data)
    assert (reading.numerator, reading.denominator, reading.note) == (1, 3, note)


def _training_item(data):
    from junheng.evaluate import evaluate

    ev = evaluate(data)
    return next(r for r in (*ev.guarantee, *ev.quality) if r.indicator.id == "training_hours")


def test_the_evaluation_the_ledger_and_the_page_count_one_rule():
    """Review vf: the 自评 and /teachers counted 近五年培训学时 < 360 (B and C here), the ledger's
    rolling measure the records pro rata (B only). One rule now, the standard's 5-year cycle: C
    started work in 2023 and owes 3 × 72 = 216 by 2025, has 220; B has 300 of 360."""
    from junheng.evaluate.frames import CountyFrames
    from junheng.teachers.training import short_of_hours

    item = _training_item(DATA)
    assert item.value == pytest.approx(0.75)
    assert item.gap == "2021—2025 学年培训学时达到 360 学时（参加工作不满五年的按每年 72 学时折算）的专任教师 3 人，未达到或学时未填报、需补足的 1 人"
    assert item.detail["gap"].tolist() == [
        "1 名专任教师近五年培训不足 360 学时（参加工作不满五年的按每年 72 学时折算）或未填报"]
    assert item.note == "分母为义务教育学校小学、初中专任教师 4 人"
    assert compute_measure("training_hours_share", DATA).value("share") == pytest.approx(0.75)
    assert compute_measure("training_rolling_share", DATA).value("share") == pytest.approx(0.75)
    short = short_of_hours(CountyFrames(DATA).compulsory_teachers, 2025, DATA.training)
    assert short[["teacher_id", "hours_5y", "required", "shortfall"]].values.tolist() == [
        [B["teacher_id"], 300.0, 360.0, 60.0]]


def test_records_that_disagree_with_the_column_count_and_are_said():
    # D's column says 400 but D now has a record: 2024, 150 学时 → 150 of 360, short by 210;
    # A's column 372 is now 380 while A's records still add up to 372 (2021–2025)
    data = county(schools=[school(S)],
                  teachers=[{**A, "training_hours_5y": 380.0}, B, C, D],
                  training=[record(A, 2021, 200.0), record(A, 2023, 100.0), record(A, 2025, 72.0),
                            record(B, 2024, 300.0), record(C, 2024, 100.0),
                            record(C, 2025, 120.0), record(D, 2024, 150.0)])
    item = _training_item(data)
    assert item.value == pytest.approx(0.5)  # A and C reach theirs; B 300, D 150
    notice = "“教师培训”表记录合计与“教师”表近五年培训学时列不一致：2 人（按“教师培训”表记录计算）"
    assert item.note == f"分母为义务教育学校小学、初中专任教师 4 人；{notice}"
    reading = compute_measure("training_hours_share", data)
    # the same two counts as the 自评 item's gap, what each counts and over which years
    assert reading.value("share") == pytest.approx(0.5) and reading.note == f"{item.gap}；{notice}"
    assert item.gap.endswith("的专任教师 2 人，未达到或学时未填报、需补足的 2 人")


def test_a_blank_column_without_records_is_not_known_and_short():
    # E: no records and 近五年培训学时 blank → short of all 360, the item pending on it
    e = teachers(S, 1, work_start_year=2000, training_hours_5y=None)[0]
    data = county(schools=[school(S)], teachers=[A, B, C, D, e],
                  training=[record(A, 2021, 200.0), record(A, 2023, 100.0), record(A, 2025, 72.0),
                            record(B, 2024, 300.0), record(C, 2024, 100.0), record(C, 2025, 120.0)])
    from junheng.evaluate.frames import CountyFrames
    from junheng.teachers.training import meets_hours, short_of_hours

    staff = CountyFrames(data).compulsory_teachers
    ok, notice = meets_hours(staff, 2025, data.training)
    assert ok.tolist() == [True, False, True, True, pd.NA] and notice == ""
    short = short_of_hours(staff, 2025, data.training)
    assert short["shortfall"].tolist() == [60.0, 360.0]
    reading = compute_measure("training_hours_share", data)
    assert reading.value("share") == pytest.approx(0.6)
    assert reading.note == ("2021—2025 学年培训学时达到 360 学时（参加工作不满五年的按每年 72 学时折算）"
                            "的专任教师 3 人，未达到或学时未填报、需补足的 2 人；1 名教师学时未填，计为未达标")
