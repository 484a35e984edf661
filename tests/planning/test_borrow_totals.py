"""Brief hsum: the 整改措施's 临时周转 sentence and the 布局调整方案's 「代替新建」 count the same
thing, the target year's rooms borrowed and not built, by one function (layout_borrow.borrow_totals)."""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_temporary import temporary_note
from junheng.planning.layout_borrow import borrow_totals, kept_rooms, not_built_words
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms


def county() -> tuple[LayoutOutcome, pd.DataFrame]:
    """A hand-made county, target year 2030: 甲小学 borrows 3 rooms in 2029 and 1 in 2030,
    乙中学 2 in 2029 and none in 2030 (its gap is gone), 丙中学 1 in 2029 and 2 in 2030; the
    layout's 过渡期 rows and the 达标路径's rooms borrowed across both plans agree year by year."""
    plan = LayoutOutcome(
        "optimal",
        tuple(PlannedSchool(s, n, "expand", phase=4) for s, n in
              (("A", "甲小学"), ("B", "乙中学"), ("C", "丙中学"))),
        {}, year=2025, target_year=2030, rules={"plan_date": "2026-12-05"},
        transition=(YearRooms(2029, "A", "primary", 900, 3, 0, 3),
                    YearRooms(2030, "A", "primary", 850, 1, 0, 1),
                    YearRooms(2029, "B", "junior", 600, 2, 0, 2),
                    YearRooms(2029, "C", "junior", 700, 1, 0, 1),
                    YearRooms(2030, "C", "junior", 720, 2, 0, 2)))
    split = pd.DataFrame([
        {"school_id": "A", "temporary": 3, "built": 0, "room_years": 0,
         "layout": {2029: 3, 2030: 1}, "borrowed": {2029: 3, 2030: 1},
         "gaps": {2029: 3, 2030: 1, 2031: 0}, "pupils": {2029: 900, 2030: 850, 2031: 800}},
        {"school_id": "B", "temporary": 2, "built": 0, "room_years": 0,
         "layout": {2029: 2}, "borrowed": {2029: 2},
         "gaps": {2029: 2, 2030: 0, 2031: -1}, "pupils": {2029: 600, 2030: 560, 2031: 520}},
        {"school_id": "C", "temporary": 2, "built": 0, "room_years": 0,
         "layout": {2029: 1, 2030: 2}, "borrowed": {2029: 1, 2030: 2},
         "gaps": {2029: 1, 2030: 2, 2031: 0}, "pupils": {2029: 700, 2030: 720, 2031: 690}}])
    return plan, split


def test_both_documents_count_the_target_years_rooms_not_built():
    # the layout's 「代替新建」: 2030's borrowed rooms, 甲 1 + 丙 2 = 3 (乙 none in 2030)
    plan, split = county()
    assert kept_rooms(plan) == 3
    assert not_built_words(plan) == "甲小学 1 间、丙中学 2 间"
    # the 达标路径's sentence: the same 3 rooms at 2 schools; it used to sum each school's most
    # rooms in a year, 3 + 2 + 2 = 7 (「3 所学校共 7 间」). Named apart: the county's most in a
    # year, 2029: 3 + 2 + 1 = 6; room-years 4 + 2 + 3 = 9, all paid by the layout (hyears: not
    # 「本方案为其中 0 所学校计 0 间·学年」)
    note = "".join(temporary_note(split, {"A": "甲小学", "B": "乙中学", "C": "丙中学"}, 3, 2.0, 2030))
    assert ("以临时周转解决、不新建：目标学年 2030 学年借用、不新建的教室 2 所学校共 3 间（3 所学校在缺口的学年借用，"
            "最多一年 6 间（2029 学年），2029—2030 学年共 9 间·学年；布局调整方案已计费 9 间·学年，本方案不另计费）。") in note
    assert "共 7 间" not in note
    # each school as 表3 says it
    assert "甲小学临时周转至多 3 间（2029—2030 学年借用，目标学年 2030 学年 1 间；" in note
    assert "乙中学临时周转 2 间（2029 学年借用，目标学年 2030 学年不借用；" in note
    assert "丙中学临时周转至多 2 间（2029—2030 学年借用，目标学年 2030 学年 2 间；" in note


def test_the_totals_of_one_function():
    # 2029: 3 + 2 + 1 = 6 (the most), 2030: 1 + 0 + 2 = 3 at 2 schools; 6 + 3 = 9 room-years
    years = {"A": {2029: 3, 2030: 1}, "B": {2029: 2}, "C": {2029: 1, 2030: 2}}
    t = borrow_totals(years, 2030)
    assert (t.schools, t.target, t.peak, t.peak_year, t.room_years) == (2, 3, 6, 2029, 9)
    assert (t.borrowers, t.years) == (3, (2029, 2030))  # 乙 borrows in 2029 alone
    assert borrow_totals({}, 2030).peak_year is None
