"""The primary surplus absorbed school year by school year (review rv10 finding 14), on
hand-built teachers whose retirement months are worked out from the 2024 rule
(:mod:`junheng.planning.retirement`, each born in July, given as 出生月份 7 so that the
ids do not spread them over the year):

* men born 1960: 60 → 2020-07, before any year (counted in the first year);
* man born 1966: 60 + ⌈(12 + 6 + 1) / 4⌉ = 5 months → 2026-12, before 2027-09;
* man born 1967: delay ⌈31 / 4⌉ = 8 → 2028-03, before 2028-09;
* woman born 1972: 55 + ⌈(24 + 6 + 1) / 4⌉ = 8 months → 2028-03, before 2028-09;
* man born 1975: delay ⌈(120 + 6 + 1) / 4⌉ = 32 → 2038-03, before 2038-09;
* woman born 1990: 58 → 2048-07, past the horizon."""

from __future__ import annotations

import pandas as pd
import pytest

from junheng.planning.staffing_absorb import (
    OWNER,
    AbsorptionImbalance,
    absorption,
    check_absorption,
    primary_retirements,
)
from junheng.report.teacher_absorb import absorb_paragraph, absorb_rows

TEACHERS = pd.DataFrame({
    "teacher_id": [f"T{i}" for i in range(1, 10)],
    "school_id": ["A", "A", "A", "A", "B", "B", "B", "C", "A"],
    "stage": ["primary"] * 7 + ["junior", "primary"],
    "full_time": [True] * 8 + [False],
    "sex": ["male", "male", "male", "female", "male", "female", "male", "male", "male"],
    "birth_year": [1960, 1966, 1967, 1972, 1975, 1990, 1960, 1960, 1960],
    "birth_month": [7] * 9,
})


def staffing(surplus: int = 5, retire: int = 5) -> dict:
    """A ledger in plan year 2030: 甲 and 乙 primary over by ``surplus`` together, a new junior
    school of 20 posts taking 6 teachers and hiring 14."""
    return {"year": 2030, "retirement": {"year": 2030, "by_stage": {"primary": retire, "junior": 1}},
            "schools": [
                {"school_id": "A", "name": "甲小学", "stage": "primary", "need": 1, "today": 4,
                 "hire": 0, "surplus": surplus - 2, "new_posts": 0, "moved_in": 0},
                {"school_id": "B", "name": "乙小学", "stage": "primary", "need": 1, "today": 3,
                 "hire": 0, "surplus": 2, "new_posts": 0, "moved_in": 0},
                {"school_id": "N", "name": "新初中", "stage": "junior", "need": 20, "today": 0,
                 "hire": 14, "surplus": 0, "new_posts": 20, "moved_in": 6}]}


def test_retirements_counted_per_school_year_of_the_ledgers_primary_teachers():
    # T1 and T7 (1960) before 2026; T2 2026-12; T3 and T4 2028-03; T8 is junior, T9 part-time
    assert primary_retirements(TEACHERS, staffing(), range(2026, 2031)) == {
        2026: 2, 2027: 1, 2028: 2, 2029: 0, 2030: 0}


def test_absorption_rows_end_at_the_ledgers_left():
    # 8 over: 2026 absorbs 2, 2027 1, 2028 2 (= the ledger's 5 retirees), 3 left in 2030;
    # then T5 retires 2038-03, before 2038 starts: 2 left, T6 not before 2045 → never
    out = absorption(TEACHERS, staffing(surplus=8), 2025)
    assert out["rows"] == [(2026, 8, 2, 0, 0, 6), (2027, 6, 1, 0, 0, 5), (2028, 5, 2, 0, 0, 3),
                           (2029, 3, 0, 0, 0, 3), (2030, 3, 0, 0, 0, 3)]
    assert out["done"] is None
    assert out["owner"] == OWNER == "县教育局人事股"
    assert out["new_schools"] == [("新初中", 20, 6, 0, 14)]


def test_absorption_starts_at_the_first_school_year_not_yet_begun():
    # rv13 15: a plan made on 2026-12-06 cannot plan 2026 (under way); its first row is 2027,
    # with the retirees before 2027 starts: T1, T7 (before 2026) and T2 (2026-12) = 3
    out = absorption(TEACHERS, staffing(surplus=8), 2025, start=2027)
    assert out["rows"] == [(2027, 8, 3, 0, 0, 5), (2028, 5, 2, 0, 0, 3),
                           (2029, 3, 0, 0, 0, 3), (2030, 3, 0, 0, 0, 3)]


def test_absorption_says_the_year_the_surplus_is_gone():
    # 6 over: 5 absorbed by 2030, the 6th (T5) retires 2038-03: gone by 2038 when the forecast
    # reaches 2038 at the 2030 编制; without a forecast after 2030 no year is told (rv18 3)
    out = absorption(TEACHERS, staffing(surplus=6), 2025, shifts=dict.fromkeys(range(2026, 2039), 0))
    assert out["rows"][-1] == (2030, 1, 0, 0, 0, 1)
    assert out["after"][-1] == (2038, 1, 1, 0) and out["last"] == 2038
    assert out["done"] == 2038
    assert absorption(TEACHERS, staffing(surplus=6), 2025)["done"] is None


def test_no_absorption_without_a_primary_surplus_or_retirements():
    assert absorption(TEACHERS, staffing(surplus=2, retire=2) | {"schools": []}, 2025) is None
    assert absorption(TEACHERS, {**staffing(), "retirement": None}, 2025) is None
    assert absorption(TEACHERS, None, 2025) is None


def test_absorption_checked_against_the_ledger():
    with pytest.raises(AbsorptionImbalance, match="退休不补合计 5 人，汇总 4 人"):
        absorption(TEACHERS, staffing(surplus=8, retire=4), 2025)


@pytest.mark.parametrize(("rows", "message"), [
    ([(2026, 8, 2, 0, 0, 5)], "小学富余教师逐年消化不平衡：2026 学年。"),
    ([(2026, 8, 2, 0, 0, 6), (2027, 5, 1, 0, 0, 4)], "小学富余教师逐年消化不平衡：2027 学年。"),
    ([(2026, 8, 2, 0, 0, 6)], "小学富余教师逐年消化与教师配置汇总不一致：仍富余 6 人，汇总 5 人。"),
])
def test_check_absorption_errors(rows, message):
    with pytest.raises(AbsorptionImbalance) as caught:
        check_absorption({"rows": rows}, {"absorbed": sum(r[2] for r in rows), "left": 5})
    assert str(caught.value) == message


def test_paragraph_and_rows_of_the_table():
    out = absorption(TEACHERS, staffing(surplus=8), 2025)
    text = absorb_paragraph(out, staffing(surplus=8))
    # the new school: 20 posts, 6 moved, 14 to fill transfers first; 14 + 1 junior retiree = 15
    assert text.startswith("新建学校先从小学富余教师中转任，仍缺的再招聘：新初中编制 20 人，随学生调配和县管校聘调剂 6 人，"
                           "余 14 人应先由持初中或高中教师资格证、任教学科对口的小学富余教师转任；")
    assert "小学按 2030 学年编制标准富余 8 人，逐年消化见下表（责任单位：县教育局人事股）：退休不补 5 人；" in text
    assert "2030 学年初中连同退休补充共需招聘 15 人，核实后至多可转任 15 人" in text
    assert ("2030 学年开学时仍富余 3 人；按教师出生年份，2030 学年以后各学年的编制未预测，退休不补何时能全部消化无法判断；"
            "富余消化前小学不再招聘教师；持初中及以上教师资格证、任教学科对口的逐年转任初中，其余待小学编制核减或跨区县统筹"
            "（小学没有缺编学校可再接收；交流轮岗编制留在原校，不能消化）；每年按新一年入学预测重算。") in text
    assert absorb_rows(out)[-1] == ["合计", "—", "5", "0", "0", "—"]  # rv16 3: flows only, no stock summed
    assert absorb_rows(out)[0] == ["2026 学年", "8", "2", "0", "0", "6"]


def test_paragraph_when_retirements_absorb_it_all():
    out = absorption(TEACHERS, staffing(surplus=5), 2025)
    assert out["rows"][-1][5] == 0 and out["done"] == 2028
    assert absorb_paragraph(out, staffing(surplus=5)).endswith(
        "小学按 2030 学年编制标准富余 5 人，至 2030 学年由退休不补全部消化（责任单位：县教育局人事股）。")


def test_a_cohort_born_across_the_year_retires_across_two_school_years():
    # review rv14 N7: 12 women teachers born 1974, one in each month, at 甲小学. Each retires
    # at 55 + ⌈(48 + m − 1 + 1) / 4⌉ months: born 01–06 in 2030-02, 03, 04, 05, 07, 08 (before
    # 2030-09: 6 in the 2030 学年), born 07–12 in 2030-09, 10, 12, 2031-01, 02, 03 (the 2031
    # 学年). With everyone taken as born in July the 2030 学年 had 0 and 2031 all 12.
    t = pd.DataFrame({"teacher_id": [f"W{m}" for m in range(1, 13)], "school_id": "A",
                      "stage": "primary", "full_time": True, "sex": "female", "birth_year": 1974,
                      "birth_month": range(1, 13)})
    assert primary_retirements(t, staffing(), range(2029, 2033)) == {2029: 0, 2030: 6, 2031: 6, 2032: 0}
    # 8 over in 2030 with the ledger's 6 retirees: 2026–2029 none, 2030 absorbs 6, 2 left,
    # gone with the 2031 retirees
    out = absorption(t, staffing(surplus=8, retire=6), 2025, shifts={2031: 0})
    assert out["rows"][-1] == (2030, 8, 6, 0, 0, 2)
    assert out["done"] == 2031
