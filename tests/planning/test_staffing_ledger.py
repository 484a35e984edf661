"""The staffing ledger (教师配置汇总) on a hand-built county: 甲小学 closes into 乙小学, a
new 初中 opens and takes 丙中学's overflow, and every figure is worked by hand."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from junheng.model import CountyData
from junheng.planning.retirement import RULE_TEXT
from junheng.planning.staffing_figures import stage_figures
from junheng.planning.staffing_ledger import (
    LedgerImbalance,
    StaffingLedger,
    build_ledger,
    left_out,
)
from junheng.report.staffing_rows import (
    STAGE_HEADER,
    hire_figure,
    ledger_sheet_rows,
    staffing_rows,
    staffing_sentence,
)

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
    # 乙小学's 5 surplus stay: no 小学 is short; 新建初级中学's 10 are hired: no 初中 has surplus
    assert ledger.moved_by_kind() == {"closure": 6, "kept": 20, "pool": 0, "subject": 0}
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
    # per stage: 小学 need 0 + 31, today 6 + 30, surplus 5 (乙小学); 初中 need 60 + 30, today
    # 80, hire 10 (新建初级中学: 20 from 丙中学 with its pupils + 10 hired = its 30 posts, review
    # rv 8); no retirement or left-out figures: the sentence has none
    assert staffing_sentence(doc) == (
        "教师（2030 学年）：按编制标准核定的教职工 121 人（小学 31 人、初中 90 人；教职工与学生比小学 1:19、"
        "初中 1:13.5，中央编办发〔2014〕72号），与公办学校现有专任教师 116 人（小学 36 人、初中 80 人）比较"
        "（非教学岗位不另计）；随学生调配 26 人（撤并随迁 6 人、保留学校间调配 20 人）；县管校聘同学段调剂 0 人；"
        "新建学校编制 30 人（新建初级中学：随学生调配 20 人、招聘 10 人）；调配、调剂后按编制需招聘 10 人（均为初中）；"
        "小学富余 5 人留在原校"
        "（见“教师配置汇总”表）。")
    assert hire_figure(doc) == 10 and hire_figure(None) is None
    rows = staffing_rows(doc)
    assert rows[-1][:10] == ["全县合计", "", 1795, 121, 116, 26, 26, 30, 5, 10]
    new = next(r for r in rows if r[0] == "新建初级中学")
    assert new[10] == "保留学校间调配来自丙中学 20 人"


#: the fixture's 自然减员 and left-out teachers: 7 of 小学 and 3 of 初中 retire; 民办 4 and
#: 特殊教育 2 小学 teachers are not counted
RETIRED = {"year": 2030, "by_stage": {"primary": 7, "junior": 3}, "unknown": 1}
EXCLUDED = {"private": {"primary": 4, "junior": 0}, "special": {"primary": 2, "junior": 0}}


def test_retirements_absorb_surplus_and_the_rest_are_replaced(ledger):
    doc = replace(ledger, retirement=RETIRED, excluded=EXCLUDED).to_dict()
    got = stage_figures(doc)
    # 小学: surplus 5, 7 retire → 5 absorbed by not replacing, 0 left, 2 to replace
    assert got["primary"] == {"need": 31, "today": 36, "hire": 0, "surplus": 5, "retire": 7,
                              "absorbed": 5, "left": 0, "replace": 2, "hire_total": 2}
    # 初中: no surplus, 3 retire → all 3 replaced on top of the 10 new posts
    assert got["junior"] == {"need": 90, "today": 80, "hire": 10, "surplus": 0, "retire": 3,
                             "absorbed": 0, "left": 0, "replace": 3, "hire_total": 13}
    for f in got.values():  # need = today − retire + hire + replace − left, per stage
        assert f["need"] == f["today"] - f["retire"] + f["hire"] + f["replace"] - f["left"]
    text = staffing_sentence(doc)
    assert "与公办学校现有专任教师 116 人（小学 36 人、初中 80 人；不含民办学校 4 人、特殊教育学校 2 人）比较" in text
    assert text.endswith(
        "（见“教师配置汇总”表）。自然减员：小学富余 5 人，至 2030 学年开学前预计退休 7 人，退休不补可消化 5 人，"
        "另 2 人需按同岗位补充；初中另有 3 人退休，需按同岗位补充；上列按编制需招聘的 10 人不含退休补充，"
        "连同退休补充共需招聘 15 人（小学 2 人、初中 13 人；退休补充接替原岗位，不计入新聘教师人员经费）。"
        f"{RULE_TEXT}；另有 1 人未填性别或出生年份，未计入退休。")


def test_surplus_left_after_retirements_is_named():
    # 小学 surplus 664 (the demo county's figure), 133 retire: 531 left; 初中 none retire
    doc = {"county": {"hire": 0}, "retirement": {"year": 2030, "by_stage": {"primary": 133}},
           "schools": [{"stage": "primary", "need": 1076, "today": 1740, "hire": 0, "surplus": 664},
                       {"stage": "junior", "need": 10, "today": 10, "hire": 0, "surplus": 0}]}
    from junheng.report.staffing_rows import retirement_sentence

    assert retirement_sentence(doc) == (
        "自然减员：小学富余 664 人，至 2030 学年开学前预计退休 133 人，退休不补可消化 133 人，"
        f"仍富余 531 人。{RULE_TEXT}。")
    doc["retirement"]["by_stage"] = {}
    doc["schools"][0]["surplus"] = 0
    assert retirement_sentence(doc).startswith("自然减员：至 2030 学年开学前预计无人退休。")


def test_the_sheet_has_a_row_per_figure_and_a_column_per_stage(ledger):
    rows = ledger_sheet_rows(replace(ledger, retirement=RETIRED, excluded=EXCLUDED).to_dict())
    at = rows.index(list(STAGE_HEADER))
    assert rows[at - 1] == [] and rows[at - 2][0] == "全县合计"
    block = rows[at + 1:rows.index([], at)]
    assert [r[1:] for r in block[:-1]] == [
        [31, 90, 121], [36, 80, 116], [4, 0, 4], [2, 0, 2], [0, 10, 10], [5, 0, 5],
        [7, 3, 10], [5, 0, 5], [0, 0, 0], [2, 3, 5], [2, 13, 15]]
    assert block[0][0] == "按编制标准核定的教职工（人）"
    assert block[6][0] == "至 2030 学年开学前预计退休（现有公办专任教师，人）"
    assert block[-1][0].startswith("逐学段：按编制标准核定的教职工 = 现有专任教师 − 退休 + 按编制需招聘")
    # an older plan.json (no retirement, no left-out): the block keeps its first rows only
    old = ledger_sheet_rows(ledger.to_dict())
    at = old.index(list(STAGE_HEADER))
    assert [r[0] for r in old[at + 1:at + 5]] == [
        "按编制标准核定的教职工（人）", "公办学校现有专任教师（人）", "调配、调剂后按编制需招聘（人）",
        "调配后富余（人）"]


def test_an_older_plan_json_reads_without_the_new_figures(ledger):
    doc = ledger.to_dict()
    for key in ("retirement", "excluded"):
        doc.pop(key)
    again = StaffingLedger.from_dict(doc)
    assert again.retirement is None and again.excluded is None
    again.check()
    assert "自然减员" not in staffing_sentence(doc)
    # without its schools (older still): the county's figures, no stage split
    bare = {"year": 2030, "county": ledger.county(), "moved_by_kind": ledger.moved_by_kind()}
    assert "调配、调剂后按编制需招聘 10 人，另有 5 人富余留在原校（见" in staffing_sentence(bare)
    assert stage_figures(bare) == {}


def test_the_round_trip_keeps_retirement_and_left_out(ledger):
    doc = replace(ledger, retirement=RETIRED, excluded=EXCLUDED).to_dict()
    again = StaffingLedger.from_dict(doc)
    assert (again.retirement, again.excluded) == (RETIRED, EXCLUDED)


def test_left_out_counts_private_special_and_other_compulsory_teachers():
    def school(sid, kind, ownership="public"):
        return {"school_id": sid, "name": sid, "school_type": kind, "ownership": ownership}

    def teacher(tid, sid, stage, full_time=True):
        return {"teacher_id": tid, "school_id": sid, "stage": stage, "full_time": full_time}

    data = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[school("P", "primary_school"), school("X", "twelve_year", "private"),
                 school("S", "special_education"), school("H", "senior_school")],
        teachers=[teacher("T1", "P", "primary"), teacher("T2", "X", "primary"),
                  teacher("T3", "X", "junior"), teacher("T4", "X", "junior"),
                  teacher("T5", "X", "senior"), teacher("T6", "X", "junior", False),
                  teacher("T7", "S", "primary"), teacher("T8", "H", "junior")])
    # P is counted; X: 1 小学 + 2 初中 (its 高中 teacher and part-time one are no compulsory
    # full-time teachers); S: 1 小学; H (public 高中): 1 初中 teacher
    assert left_out(data, {"P"}) == {"private": {"primary": 1, "junior": 2},
                                     "special": {"primary": 1, "junior": 0},
                                     "other": {"primary": 0, "junior": 1}}


def _county(today: dict, pupils: dict, moves: list) -> StaffingLedger:
    stage = {"X": "junior", "Y": "junior", "N": "junior", "G": "junior", "T1": "junior",
             "T2": "junior", "P": "primary", "Q": "primary"}
    return build_ledger(
        pd.DataFrame({"school_id": list(today), "stage": [stage[k] for k in today],
                      "teachers": list(today.values())}),
        pd.DataFrame({"school_id": list(pupils), "stage": [stage[k] for k in pupils],
                      "pupils": list(pupils.values())}),
        pd.DataFrame(moves, columns=["from_school_id", "to_school_id", "stage", "kind",
                                     "teachers"]),
        new_schools={"N"}, ratio=RATIO)


def test_a_school_sends_only_what_it_can_spare_and_surplus_moves_before_hiring():
    # 初中: X has 50, ⌈540/13.5⌉ = 40 → may send 10 of the 25 its pupils would take;
    # Y has 30, ⌈270/13.5⌉ = 20 → 10 spare; new N needs ⌈405/13.5⌉ = 30: 10 + 10 → hires 10.
    # 小学: P has 40, ⌈380/19⌉ = 20 → 20 spare; Q has 10, ⌈570/19⌉ = 30 → takes the 20.
    ledger = _county({"X": 50, "Y": 30, "P": 40, "Q": 10},
                     {"X": 540, "Y": 270, "N": 405, "P": 380, "Q": 570},
                     [("X", "N", "junior", "kept", 25)])
    got = ledger.schools.set_index("school_id")
    assert got.loc["X", ["need", "today", "moved_out", "hire", "surplus"]].tolist() == [40, 50, 10, 0, 0]
    assert got.loc["N", ["need", "moved_in", "hire"]].tolist() == [30, 20, 10]
    assert got.loc["Q", ["need", "today", "moved_in", "hire"]].tolist() == [30, 10, 20, 0]
    assert ledger.moves[["from_school_id", "to_school_id", "kind", "teachers"]].values.tolist() == [
        ["X", "N", "kept", 10], ["P", "Q", "pool", 20], ["Y", "N", "pool", 10]]
    # need 40 + 20 + 30 + 20 + 30 = 140 = today 130 + hire 10 − surplus 0; 初中 hires
    # 90 − 80 = 10 = max(0, need − teachers) of the stage, 小学 50 − 50 → 0
    assert ledger.county() == {"need": 140, "today": 130, "moved": 40, "new_posts": 30,
                               "hire": 10, "surplus": 0}
    assert ledger.moved_by_kind() == {"closure": 0, "kept": 10, "pool": 30, "subject": 0}
    ledger.check()


def test_the_largest_shortfall_takes_the_surplus_first():
    # G has 35, needs ⌈270/13.5⌉ = 20 → 15 spare; T1 has 10 (short 10), T2 has 5 (short 15):
    # T2 takes all 15, T1 hires its 10
    ledger = _county({"G": 35, "T1": 10, "T2": 5}, {"G": 270, "T1": 270, "T2": 270}, [])
    assert ledger.moves[["from_school_id", "to_school_id", "teachers"]].values.tolist() == [
        ["G", "T2", 15]]
    assert ledger.schools.set_index("school_id")["hire"].to_dict() == {"G": 0, "T1": 10, "T2": 0}
    ledger.check()


def test_the_surplus_left_is_set_beside_the_other_stages_hires_without_a_count():
    # the workbook's 教师资格证 is 是/否 only: no count of who could transfer is given
    from junheng.report.staffing_rows import retirement_sentence

    doc = {"county": {"hire": 72}, "retirement": {"year": 2030, "by_stage": {"primary": 133, "junior": 56}},
           "schools": [{"stage": "primary", "need": 1076, "today": 1740, "hire": 0, "surplus": 664},
                       {"stage": "junior", "need": 1151, "today": 1079, "hire": 72, "surplus": 0}]}
    # 小学 664 − 133 = 531 left, 初中 72 + 56 = 128 to hire
    assert retirement_sentence(doc).split("。")[0].endswith(
        "连同退休补充共需招聘 128 人（均为初中；退休补充接替原岗位，不计入新聘教师人员经费）；"
        "小学富余教师中持初中教师资格证的人数需核实（工作簿“教师资格证”只填是否持证，未填资格学段，无法测算），"
        "可转岗者相应减少初中招聘")
    # the other way: 初中 10 − 0 = 10 left, 小学 hires 5 (no retirees): a junior certificate
    # covers primary, so no check is asked for (小学 has no surplus or retiree: 初中 opens)
    doc = {"county": {"hire": 5}, "retirement": {"year": 2030, "by_stage": {}},
           "schools": [{"stage": "primary", "need": 25, "today": 20, "hire": 5, "surplus": 0},
                       {"stage": "junior", "need": 30, "today": 40, "hire": 0, "surplus": 10}]}
    assert retirement_sentence(doc).split("。")[0] == (
        "自然减员：初中富余 10 人，至 2030 学年开学前预计退休 0 人，退休不补可消化 0 人，仍富余 10 人；"
        "初中富余教师持有的初中教师资格证可任教小学（《教师资格条例》第五条），转任小学者相应减少小学招聘")
