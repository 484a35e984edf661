"""The primary surplus left after the plan year absorbed against each forecast year's own 编制
(review rv18 finding 3: 「退休不补至 2039 学年开学前可全部消化（按 2030 学年编制计）」 while the
forecast's pupils kept falling and the surplus grew again).

A hand-made county: plan year 2030, data year 2029 (so the table has the one row 2030), 甲小学
and 乙小学 over by 3 together, three forecast years 2031–2033. 甲小学's teachers retire by the
2024 rule (:func:`~junheng.planning.retirement.retirement_month`):

* P1 man born 1960-07: 60 → 2020-07, before 2030 starts (the ledger's 1 retiree);
* P2 man born 1970-01: 60 + ⌈(60 + 0 + 1) / 4⌉ = 16 months → 2031-05, the 2031 学年;
* P3 man born 1970-07: 60 + ⌈(60 + 6 + 1) / 4⌉ = 17 → 2031-12, the 2032 学年;
* P4 man born 1971-07: 60 + ⌈(72 + 6 + 1) / 4⌉ = 20 → 2033-03, the 2033 学年;
* P5 man born 1971-08: 60 + ⌈(72 + 7 + 1) / 4⌉ = 20 → 2033-04, the 2033 学年;
* P6 woman born 1990-07: 58 → 2048-07, after the forecast.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from junheng.planning import layout_check_years, staffing_absorb
from junheng.planning.staffing_absorb import (
    absorption,
    plan_absorption,
    primary_retirements,
    stage_posts,
)
from junheng.report.teacher_absorb import absorb_paragraph

TEACHERS = pd.DataFrame({
    "teacher_id": [f"P{i}" for i in range(1, 7)], "school_id": "A", "stage": "primary",
    "full_time": True, "sex": ["male"] * 5 + ["female"],
    "birth_year": [1960, 1970, 1970, 1971, 1971, 1990], "birth_month": [7, 1, 7, 7, 8, 7]})
#: 编制 less 2030's: one post fewer in 2031 and 2032, three fewer in 2033
FALLING = {2030: 0, 2031: -1, 2032: -1, 2033: -3}


def ledger(surplus: int = 3) -> dict:
    """Plan year 2030: 甲小学 over by ``surplus`` − 2, 乙小学 by 2, 1 primary retiree."""
    return {"year": 2030, "retirement": {"year": 2030, "by_stage": {"primary": 1, "junior": 0}},
            "schools": [
                {"school_id": "A", "name": "甲小学", "stage": "primary", "need": 4, "today": 2 + surplus,
                 "hire": 0, "surplus": surplus - 2, "new_posts": 0, "moved_in": 0},
                {"school_id": "B", "name": "乙小学", "stage": "primary", "need": 1, "today": 3,
                 "hire": 0, "surplus": 2, "new_posts": 0, "moved_in": 0}]}


def test_retirements_of_the_forecast_years():
    assert primary_retirements(TEACHERS, ledger(), range(2030, 2034)) == {2030: 1, 2031: 1, 2032: 1, 2033: 2}


def test_falling_posts_keep_a_surplus_the_plan_years_posts_would_absorb_by_2032():
    # 2030: 3 over, P1 absorbs 1 → 2. 2031: 2 + 1 post fewer = 3, P2 → 2. 2032: 2 − 1 + 1 fewer
    # (1 − (−1)) = 2, P3 → 1. 2033: 0 − (−3) = 3, P4 and P5 → 1 left: not absorbed by 2033
    out = absorption(TEACHERS, ledger(), 2029, shifts=FALLING)
    assert out["rows"] == [(2030, 3, 1, 0, 0, 2)]
    assert out["after"] == [(2031, 3, 1, 2), (2032, 2, 1, 1), (2033, 3, 2, 1)]
    assert (out["done"], out["last"], out["cut"]) == (None, 2033, 3)
    # at the 2030 编制 throughout (the old count): 2 − 1 − 1 = 0 by 2032
    flat = absorption(TEACHERS, ledger(), 2029, shifts=dict.fromkeys(FALLING, 0))
    assert flat["after"] == [(2031, 2, 1, 1), (2032, 1, 1, 0), (2033, 0, 0, 0)] and flat["done"] == 2032


def test_absorbed_then_over_again_is_not_absorbed():
    # the same 编制 to 2032 (0 left after P3), three posts fewer in 2033: 3 over, 2 retire, 1 left
    out = absorption(TEACHERS, ledger(), 2029, shifts={2031: 0, 2032: 0, 2033: -3})
    assert out["after"] == [(2031, 2, 1, 1), (2032, 1, 1, 0), (2033, 3, 2, 1)]
    assert out["done"] is None


def test_a_year_short_of_teachers_absorbs_none():
    # 2 more posts in 2031: 2 − 2 = 0 over, P2's post is filled again; the 2030 编制 after:
    # 2032 2 over, P3 → 1; 2033 P4 absorbs it (P5's post filled again) → gone by 2033
    out = absorption(TEACHERS, ledger(), 2029, shifts={2031: 2, 2032: 0, 2033: 0})
    assert out["after"] == [(2031, 0, 0, 0), (2032, 2, 1, 1), (2033, 1, 1, 0)]
    assert out["done"] == 2033


def test_paragraph_says_the_forecast_cannot_absorb_it_and_what_to_do():
    text = absorb_paragraph(absorption(TEACHERS, ledger(), 2029, shifts=FALLING), ledger())
    assert text.endswith(
        "2030 学年开学时仍富余 2 人；按教师出生年份和各学年预测学生核定的编制，预测期（至 2033 学年）内退休不补不能全部消化："
        "2031—2033 学年退休不补 4 人，小学编制减少 3 人，2033 学年开学时仍富余 1 人（按该学年编制）；预测期后学生数未预测，"
        "能否消化无法判断；富余消化前小学不再招聘教师；持初中及以上教师资格证、任教学科对口的逐年转任初中，其余待小学编制核减或跨区县统筹"
        "（小学没有缺编学校可再接收；交流轮岗编制留在原校，不能消化）；每年按新一年入学预测重算。须由县教育局人事股在 2031 学年开学前逐人核实"
        "小学富余教师的资格证学段和任教学科，确定转任初中人数。")


def test_paragraph_gives_the_year_within_the_forecast():
    text = absorb_paragraph(absorption(TEACHERS, ledger(), 2029, shifts={2031: 2, 2032: 0, 2033: 0}), ledger())
    assert "2030 学年开学时仍富余 2 人；按教师出生年份和各学年预测学生核定的编制，退休不补至 2033 学年开学前可全部消化。" in text


def test_none_left_in_the_plan_year_but_over_again_after_it():
    # 1 over, P1 absorbs it: 0 in 2030; 2 posts fewer from 2031: 2 over, P2 → 1, 2032 P3 → 0
    out = absorption(TEACHERS, ledger(surplus=1), 2029, shifts={2031: -2, 2032: -2, 2033: -2})
    assert out["rows"] == [(2030, 1, 1, 0, 0, 0)]
    assert out["after"] == [(2031, 2, 1, 1), (2032, 1, 1, 0), (2033, 0, 0, 0)] and out["done"] == 2032
    text = absorb_paragraph(out, ledger(surplus=1))
    assert "至 2030 学年由退休不补全部消化" not in text
    assert "2030 学年开学时仍富余 0 人；按教师出生年份和各学年预测学生核定的编制，退休不补至 2032 学年开学前可全部消化。" in text


@pytest.fixture
def loads(monkeypatch):
    """The plan's yearly pupils: 甲 38, 20, 19 (2030–2032), 乙 19 and 1 (none for 2032),
    新初中 27, 28, 27."""
    got = {("A", "primary"): {2030: 38, 2031: 20, 2032: 19}, ("B", "primary"): {2030: 19, 2031: 1},
           ("N", "junior"): {2030: 27, 2031: 28, 2032: 27}}
    monkeypatch.setattr(layout_check_years, "yearly_loads", lambda data, plan, schools: got)
    return got


def test_posts_per_stage_for_the_years_every_school_has(loads):
    plan = SimpleNamespace(staffing={"ratio": {"primary": 19, "junior": 13.5}}, target_year=2030, year_pupils=(),
                           schools=[SimpleNamespace(school_id=s, action="keep") for s in "ABN"])
    # 甲 ⌈38/19⌉ = 2, ⌈20/19⌉ = 2; 乙 1, 1; 2032 乙 unknown: no primary year. 新初中 ⌈27/13.5⌉ = 2,
    # ⌈28/13.5⌉ = 3, 2
    assert stage_posts(None, plan) == {"primary": {2030: 3, 2031: 3}, "junior": {2030: 2, 2031: 3, 2032: 2}}
    # after the plan year the plan's own pupils (year_pupils) count: 2031 甲 ⌈57/19⌉ = 3 + 乙 1 = 4
    # (丙 closes: not counted); 2032 has 甲 only: no year
    plan.schools.append(SimpleNamespace(school_id="C", action="close"))
    plan.year_pupils = ((2030, "A", "primary", 99), (2031, "A", "primary", 57), (2031, "B", "primary", 1),
                        (2031, "C", "primary", 190), (2032, "A", "primary", 40))
    assert stage_posts(None, plan)["primary"] == {2030: 3, 2031: 4}


def test_plan_absorption_takes_the_posts_and_the_juniors_growth(monkeypatch):
    posts = {"primary": {2030: 10, 2031: 9, 2032: 9, 2033: 7}, "junior": {2030: 5, 2033: 8}}
    monkeypatch.setattr(staffing_absorb, "stage_posts", lambda data, plan: posts)
    plan = SimpleNamespace(year=2029, rules={}, staffing=ledger(), schools=())  # no new school (rv26 4: opening)
    out = plan_absorption(plan, SimpleNamespace(teachers=TEACHERS))
    assert out["after"] == [(2031, 3, 1, 2), (2032, 2, 1, 1), (2033, 3, 2, 1)] and out["junior_more"] == 3
    assert ("富余消化前小学不再招聘教师；持初中及以上教师资格证、任教学科对口的逐年转任初中（2033 学年初中编制比 2030 学年多 3 人），"
            "其余待小学编制核减或跨区县统筹") in absorb_paragraph(out, ledger())
    posts["junior"][2033] = 2  # the junior 编制 falls too: no 转任 absorbs it
    assert ("2033 学年初中编制也比 2030 学年少 3 人，转任初中不能消化，须待小学编制核减或跨区县统筹"
            in absorb_paragraph(plan_absorption(plan, SimpleNamespace(teachers=TEACHERS)), ledger()))


def test_the_posts_are_made_once_and_junior_more_is_read_from_the_junior_posts(monkeypatch):
    """Brief hfix10b 4: plan_layout's with_junior_posts and with_forecast_figures each made
    stage_posts on the same plan; with_stage_posts makes it once, and ``forecast.junior_more``
    is the last of ``junior_posts`` less its first (8 − 5 = 3), with the forecast's junior
    pupils' peak beside it (2029: 310 + 20 = 330 of 甲初中 and 乙初中, against 2030's 325)."""
    from junheng.planning.layout_outcome import LayoutOutcome
    from junheng.planning.staffing_peak import with_stage_posts

    calls = []
    posts = {"primary": {2030: 10, 2031: 9, 2032: 9, 2033: 7}, "junior": {2029: 9, 2030: 5, 2031: 6, 2033: 8}}
    monkeypatch.setattr(staffing_absorb, "stage_posts", lambda data, plan: calls.append(plan) or posts)
    forecast = pd.DataFrame({"school_id": ["J", "K", "J", "K", "J"], "group": "grades_7_9",
                             "year": [2029, 2029, 2030, 2030, 2031], "pupils": [310.0, 20.0, 300.0, 25.0, 290.0]})
    data = SimpleNamespace(teachers=TEACHERS, tables={"pupil_forecast": forecast})
    plan = with_stage_posts(LayoutOutcome("optimal", (), {}, year=2029, staffing=ledger()), data)
    assert len(calls) == 1
    assert plan.staffing["junior_posts"] == [[2030, 5], [2031, 6], [2033, 8]]
    assert plan.staffing["junior_pupil_peak"] == [2029, 330]
    # the one row to the plan year: 3 over, P1 absorbs 1 → 2 (test_falling_posts_…'s 2030)
    assert plan.staffing["forecast"] == {"left_by_year": [[2030, 2]], "done": None, "last": 2033, "retired": 4,
                                         "cut": 3, "left": 1, "junior_more": 3}
    assert "junior_in_post" not in plan.staffing  # no junior teachers in the ledger
