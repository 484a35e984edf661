"""The staffing ledger (教师配置汇总) on a hand-built county: 甲小学 closes into 乙小学, a
new 初中 opens and takes 丙中学's overflow, and every figure is worked by hand."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from junheng.planning.staffing_ledger import LedgerImbalance, StaffingLedger, build_ledger
from junheng.report.staffing_rows import hire_figure, staffing_rows, staffing_sentence

RATIO = {"primary": 19.0, "junior": 13.5}
NAMES = {"A": "甲小学", "B": "乙小学", "C": "丙中学", "N": "新建初级中学"}


@pytest.fixture
def ledger() -> StaffingLedger:
    today = pd.DataFrame({"school_id": ["A", "B", "C"],
                          "stage": ["primary", "primary", "junior"],
                          "teachers": [6, 30, 80]})
    # the plan year: 甲's pupils are at 乙 (520 + 60 = 580), 丙 keeps 810, the new school 405
    pupils = pd.DataFrame({"school_id": ["B", "C", "N"],
                           "stage": ["primary", "junior", "junior"],
                           "pupils": [580, 810, 405]})
    moves = pd.DataFrame({"from_school_id": ["A", "C"], "to_school_id": ["B", "N"],
                          "stage": ["primary", "junior"], "kind": ["closure", "kept"],
                          "teachers": [6, 20]})
    return build_ledger(today, pupils, moves, new_schools={"N"}, names=NAMES, year=2030,
                        ratio=RATIO)


def test_ledger_counts_each_school_by_hand(ledger):
    got = ledger.schools.set_index("school_id")
    # 甲小学: no pupils left, 6 teachers all moved out → need 0, nothing left over
    assert got.loc["A", ["need", "today", "moved_out", "hire", "surplus"]].tolist() == [0, 6, 6, 0, 0]
    # 乙小学: ⌈580 / 19⌉ = ⌈30.53⌉ = 31; 30 + 6 = 36 → 5 surplus
    assert got.loc["B", ["need", "today", "moved_in", "hire", "surplus"]].tolist() == [31, 30, 6, 0, 5]
    # 丙中学: ⌈810 / 13.5⌉ = 60; 80 − 20 = 60 → balanced
    assert got.loc["C", ["need", "moved_out", "hire", "surplus"]].tolist() == [60, 20, 0, 0]
    # 新建初级中学: ⌈405 / 13.5⌉ = 30 posts; 20 moved in → 10 to hire
    assert got.loc["N", ["need", "new_posts", "today", "moved_in", "hire"]].tolist() == [30, 30, 0, 20, 10]


def test_ledger_county_totals_balance(ledger):
    # need 0 + 31 + 60 + 30 = 121 = today 116 + hire 10 − surplus 5; moved 6 + 20 = 26
    assert ledger.county() == {"need": 121, "today": 116, "moved": 26, "new_posts": 30,
                               "hire": 10, "surplus": 5}
    assert ledger.moved_by_kind() == {"closure": 6, "kept": 20}
    ledger.check()


def test_ledger_round_trips_through_its_dict(ledger):
    again = StaffingLedger.from_dict(ledger.to_dict())
    assert again.county() == ledger.county()
    again.check()


def test_check_rejects_a_school_that_does_not_add_up(ledger):
    broken = ledger.schools.copy()
    broken.loc[broken["school_id"] == "N", "hire"] = 9
    with pytest.raises(LedgerImbalance, match="教师配置汇总不平衡：新建初级中学 需 30 人，现有 0 人，"
                                              "调入 20 人、调出 0 人，招聘 9 人，富余 0 人"):
        replace(ledger, schools=broken).check()


def test_check_rejects_moves_the_rows_do_not_show(ledger):
    moves = ledger.moves.copy()
    moves.loc[1, "teachers"] = 19
    with pytest.raises(LedgerImbalance, match="调配人数与调配明细不一致"):
        replace(ledger, moves=moves).check()


def test_sentence_and_rows_print_the_ledger_figures(ledger):
    doc = ledger.to_dict()
    assert staffing_sentence(doc) == (
        "教师（按编制标准生师比小学 1:19、初中 1:13.5，2030 学年）：需专任教师 121 人，现有 116 人；"
        "随学生调配 26 人（撤并随迁 6 人、保留学校间调配 20 人）；新建学校编制 30 人；"
        "调配后按编制需招聘 10 人，另有 5 人富余留在原校（见“教师配置汇总”表）。")
    assert hire_figure(doc) == 10 and hire_figure(None) is None
    rows = staffing_rows(doc)
    assert rows[-1][:10] == ["全县合计", "", 1795, 121, 116, 26, 26, 30, 5, 10]
    new = next(r for r in rows if r[0] == "新建初级中学")
    assert new[10] == "保留学校间调配来自丙中学 20 人"
