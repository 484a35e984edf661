"""小学富余教师转任初中 (planning.staffing_transfer) on a hand-built county: 甲小学 keeps 19
pupils (⌈19 / 19⌉ = 1 teacher needed) and has 4 full-time primary teachers, so 3 are over; the
plan's new junior school has 13 pupils (⌈13 / 13.5⌉ = 1 post) and no teacher. Every figure is
worked by hand in the test."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from junheng.model import CountyData
from junheng.planning.compliance_redeploy import apply_teacher_moves
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_absorb import absorption
from junheng.planning.staffing_figures import stage_figures
from junheng.planning.staffing_ledger import ledger_after_layout, teacher_moves_frame
from junheng.planning.teacher_moves_words import posts_not_rotation
from junheng.report.staffing_rows import (
    UNPROVEN,
    imbalance_sentence,
    move_rows,
    pool_order_text,
    staffing_sentence,
    stage_rows,
)
from junheng.report.teacher_absorb import absorb_paragraph

INFO = {"county_code": "410306", "school_year": 2025}
SCHOOLS = [{"school_id": "P", "name": "甲小学", "school_type": "primary_school",
            "town_code": "410306001", "ownership": "public"}]
PLAN = LayoutOutcome("optimal", (PlannedSchool("P", "甲小学", "keep"),
                                 PlannedSchool("N", "新初中", "new")), {})


def teacher(k: int, cert: str | None, **extra) -> dict:
    return {"teacher_id": f"T{k}", "school_id": "P", "stage": "primary", "subject": "math",
            "full_time": True, "degree": "bachelor", "backbone": "none", "certified": True,
            "cert_stage": cert, "sex": "female", "birth_year": 1990, **extra}


def ledger_of(teachers: list[dict], junior_pupils: int = 13, year: int | None = 2027):
    data = CountyData.from_records(INFO, schools=SCHOOLS, teachers=teachers)
    now = pd.DataFrame({"school_id": ["P", "N"], "grade": ["g1", "g7"],
                        "students": [19, junior_pupils]})
    return data, ledger_after_layout(data, PLAN, SimpleNamespace(now=now, moves=None, county=data),
                                     year)


def counts(ledger) -> dict:
    """The ledger's 转任 counts without the subjects."""
    return {k: ledger.transfer[k] for k in ("teachers", "candidates", "unknown", "filled")}


def rows(ledger) -> dict:
    got = ledger.schools.set_index("school_id")
    return {s: got.loc[s, ["moved_in", "moved_out", "hire", "surplus"]].tolist() for s in ("P", "N")}


def test_three_surplus_two_with_junior_certificates_one_post_one_transfer_no_hire():
    # the brief's case: T1 and T3 hold 初中 certificates; N needs 1: T1 goes (first by code)
    data, ledger = ledger_of([teacher(1, "junior"), teacher(2, "primary"), teacher(3, "junior"),
                              teacher(4, "primary")])
    ledger.check()
    # P: 4 − 1 moved out = 3 for a need of 1 → 2 over; N: 1 moved in for its 1 post → 0 招聘
    assert rows(ledger) == {"P": [0, 1, 0, 2], "N": [1, 0, 0, 0]}
    assert ledger.moves[["from_school_id", "to_school_id", "stage", "kind", "teachers"]
                        ].values.tolist() == [["P", "N", "primary", "transfer", 1]]
    assert ledger.teacher_moves.values.tolist() == [["T1", "N", "transfer"]]
    assert counts(ledger) == {"teachers": 1, "candidates": 2, "unknown": 0, "filled": True}
    # N's 1 post is 综合实践 by the class hours (subject_quotas): any teacher may take it
    assert (ledger.transfer["subjects"], ledger.transfer["short"]) == ({"practice": 1}, [])
    assert ledger.moved_by_kind()["transfer"] == 1
    assert ledger.county()["hire"] == 0
    # per stage: 小学 4 − 1 + 0 − 2 = 1 = need; 初中 0 + 1 + 0 − 0 = 1 = need
    stages = stage_figures(ledger.to_dict())
    assert (stages["primary"]["transfer"], stages["junior"]["transfer"]) == (-1, 1)
    assert stage_rows(ledger.to_dict())[2] == ["小学转任初中（小学调出记负、初中调入记正，人）", -1, 1, 0]


def test_the_transferred_teacher_teaches_junior_at_the_new_school_in_the_compliance_plan():
    data, ledger = ledger_of([teacher(1, "junior"), teacher(2, "primary"), teacher(3, "junior"),
                              teacher(4, "primary")])
    after, moves = apply_teacher_moves(data, teacher_moves_frame(
        ledger.to_dict()["teacher_moves"]))
    t1 = after.teachers.set_index("teacher_id").loc["T1"]
    assert (t1["school_id"], t1["stage"]) == ("N", "junior")
    assert moves[["from_school_id", "to_school_id", "stage", "kind", "teachers"]].values.tolist() == [
        ["P", "N", "primary", "transfer", 1]]


@pytest.mark.parametrize(("cert", "moved"), [
    ("senior", 1), ("vocational", 1),  # 第五条: 高中 and 中职 (通用) certificates cover 初中
    ("vocational_practice", 0), ("primary", 0), ("kindergarten", 0)])
def test_which_certificates_allow_a_junior_post(cert, moved):
    _, ledger = ledger_of([teacher(1, cert), *(teacher(k, "primary") for k in (2, 3, 4))])
    assert ledger.transfer["teachers"] == moved
    assert ledger.county()["hire"] == 1 - moved


def test_backbone_pe_retiring_and_uncertified_teachers_are_not_transferred():
    # T1 county 骨干, T2 体育, T3 man born 1960 (retired 2020-07), T4 without a certificate
    _, ledger = ledger_of([teacher(1, "junior", backbone="county"),
                           teacher(2, "junior", subject="pe"),
                           teacher(3, "junior", sex="male", birth_year=1960),
                           teacher(4, "junior", certified=False)])
    assert counts(ledger) == {"teachers": 0, "candidates": 0, "unknown": 0, "filled": True}
    assert ledger.county()["hire"] == 1


def test_a_school_gives_at_most_its_surplus_and_a_new_school_at_most_its_hire():
    # 4 teachers all 初中 certified, 3 over; N with 54 pupils: ⌈54 / 13.5⌉ = 4 posts, by the
    # class hours 语文 1、数学 1、科学 1、综合实践 1 (4 × 0.147, 0.127, 0.137, 0.157: the four
    # largest remainders): the 数学 teachers fill 数学 and 综合实践 → 2 转任, 2 招聘, P keeps 1 over
    _, ledger = ledger_of([teacher(k, "junior") for k in (1, 2, 3, 4)], junior_pupils=54)
    ledger.check()
    assert rows(ledger) == {"P": [0, 2, 0, 1], "N": [2, 0, 2, 0]}
    assert ledger.transfer["subjects"] == {"math": 1, "practice": 1}
    assert ledger.transfer["short"] == [{"school_id": "N", "name": "新初中", "hire": 2,
                                         "subjects": {"chinese": 1, "science": 1}, "over": {}}]
    # and 2 posts (语文 1、综合实践 1: 2 × 0.147 = 0.294 and 2 × 0.157 = 0.314): 1 转任, 1 招聘
    _, ledger = ledger_of([teacher(k, "junior") for k in (1, 2, 3, 4)], junior_pupils=27)
    assert rows(ledger) == {"P": [0, 1, 0, 2], "N": [1, 0, 1, 0]}


def test_a_blank_stage_is_unknown_not_counted_and_said():
    _, ledger = ledger_of([teacher(1, None), teacher(2, "primary"), teacher(3, None),
                           teacher(4, "primary")])
    assert counts(ledger) == {"teachers": 0, "candidates": 0, "unknown": 2, "filled": True}
    doc = ledger.to_dict()
    assert doc["county"]["hire"] == 1
    said = ("小学富余教师中没有持初中及以上教师资格证的（按工作簿“教师资格证学段”），初中所需仍须招聘；"
            "另有 2 名持证教师未填资格证学段，未计入，须核实")
    # rv28 4: said once, in the 教师学段结构失衡 finding, not again in the 自然减员
    assert said in imbalance_sentence(doc) and said not in staffing_sentence(doc)


def test_a_v1_workbook_transfers_no_one_and_keeps_the_old_words():
    # v1: no 教师资格证学段 column at all (read as blank everywhere)
    _, ledger = ledger_of([{k: v for k, v in teacher(k, None).items() if k != "cert_stage"}
                           for k in (1, 2, 3, 4)])
    assert counts(ledger) == {"teachers": 0, "candidates": 0, "unknown": 4, "filled": False}
    doc = ledger.to_dict()
    assert doc["county"]["hire"] == 1
    assert "transfer" not in doc["moved_by_kind"]
    assert UNPROVEN in pool_order_text(doc, 1)
    assert "未填资格学段，可转岗人数须逐人核实资格证学段和任教学科后确定" in imbalance_sentence(doc)


def test_the_sentences_name_the_transfer_and_its_source():
    _, ledger = ledger_of([teacher(1, "junior"), teacher(2, "primary"), teacher(3, "junior"),
                           teacher(4, "primary")])
    doc = ledger.to_dict()
    text = staffing_sentence(doc)
    # N's one post is 综合实践 by the class hours: the 数学 teacher T1 takes it
    assert ("小学富余教师转任初中 1 人（持初中、高中或中等职业学校教师资格证，《教师资格条例》第五条；"
            "按工作簿“教师资格证学段”，可转任 2 人；按学科对口转任：综合实践活动等 1 人（任一学科教师可兼任））；") in text
    assert "新建学校编制 1 人（新初中：小学富余教师转任 1 人（来自 1 所小学））；" in text
    assert "小学富余教师中持初中及以上教师资格证的 2 人，已转任初中 1 人，上列按编制需招聘已扣除" in text
    assert move_rows(doc) == [["甲小学", "新初中", "小学→初中", "小学富余教师转任初中", 1]]


def test_absorption_counts_the_transfer_in_the_plan_year_and_agrees_with_the_ledger():
    # 5 teachers at P (1 needed, 4 over): T5 a man born 1966 retires 2026-12 (before 2027-09);
    # N needs 1: T1 (初中) transfers. The ledger: surplus 4 − 1 = 3, 1 retiree absorbs 1, 2 left
    data, ledger = ledger_of([teacher(1, "junior"), teacher(2, "primary"), teacher(3, "primary"),
                              teacher(4, "primary"), teacher(5, "primary", sex="male",
                                                             birth_year=1966)])
    doc = ledger.to_dict()
    out = absorption(data.teachers, doc, 2025)
    # start 3 + 1 pending = 4; 2026: T5 not yet gone; 2027: absorbed min(4 − 1 pending, 1) = 1,
    # 转任 1, end 4 − 1 − 1 = 2 = the ledger's left
    assert out["rows"] == [(2026, 4, 0, 0, 0, 4), (2027, 4, 1, 1, 0, 2)]
    assert stage_figures(doc)["primary"]["left"] == 2
    assert out["new_schools"] == [("新初中", 1, 0, 1, 0)]
    assert absorb_paragraph(out, doc).startswith(
        "新建学校先从小学富余教师中转任，仍缺的再招聘：新初中编制 1 人，随学生调配和县管校聘调剂 0 人，"
        "小学富余教师转任 1 人，不再招聘。转任按工作簿“教师资格证学段”计：")


def test_the_compliance_plan_names_the_transfers_apart_from_the_moves_with_the_pupils():
    from junheng.jobs.compliance import kept_teachers_text
    from junheng.planning.compliance_redeploy import redeploy_note
    from junheng.planning.compliance_redeploy_json import school_balance

    moves = pd.DataFrame({"from_school_id": ["S", "P"], "from_name": ["甲中学", "甲小学"],
                          "to_school_id": ["R", "N"], "to_name": ["乙中学", "新初中"],
                          "stage": ["junior", "primary"], "kind": ["kept", "transfer"],
                          "teachers": [3, 2]})
    note = redeploy_note(moves, 5)
    # 5 closed + 3 kept + 2 transferred = 10
    assert note.endswith(posts_not_rotation("三项"))
    assert note.split("。")[-3] == ("三项合计调配教师 10 人（撤并随迁 5 人、保留学校间调配 3 人、"
                                    "小学富余教师转任初中 2 人）")
    assert ("小学富余教师转任初中：持初中、高中或中等职业学校教师资格证的小学富余教师（《教师资格条例》第五条），"
            "在招聘之前转任初中，1 所学校转任 2 人到 1 所学校（见“教师随学生调配”表）") in note
    assert kept_teachers_text(moves) == (
        "现有教师除保留学校间调配 3 人、小学富余教师转任初中 2 人（共 5 人）及撤并学校随迁的教师外保持不变"
        "（退休、调出按同岗位补充）")
    # 甲小学 sends 2 as 小学, 新初中 receives them as 初中 (senders, then receivers, by code)
    assert school_balance(moves)[["school_id", "stage", "out", "in"]].values.tolist() == [
        ["P", "primary", 2, 0], ["S", "junior", 3, 0], ["N", "junior", 0, 2], ["R", "junior", 0, 3]]


def test_the_range_still_to_check_names_the_certified_rest_by_subject():
    from junheng.report.teacher_pool import transfer_pool

    # 4 posts (54 pupils), 4 certified 数学 teachers of whom 3 over: 2 转任 (数学, 综合实践), 2
    # 招聘 (语文, 科学); P, still 1 over (4 − 2 − 1), has T3 and T4 certified but gives at most 1
    # (rv17 4: the range and 「其余…可转任」 are one count, staffing_transfer.pool_left)
    data, ledger = ledger_of([teacher(k, "junior") for k in (1, 2, 3, 4)], junior_pupils=54)
    # rv28 4: after the finding that says the certificate and the transfers
    assert transfer_pool(data, ledger.to_dict()) == (
        "可转任初中的人选范围：上列可转任的 1 人（数学 1 人），在小学仍富余的 1 所学校（各校至多其仍富余人数），"
        "2027 学年开学前不退休、非县级以上骨干和体育艺术教师；任教学科须对口，逐人核实。")
    # 2 posts (语文, 综合实践), 5 teachers (4 over) of whom T1, T2 and T3 certified 数学: T1 takes
    # 综合实践, T2 and T3 are left
    data, ledger = ledger_of([*(teacher(k, "junior") for k in (1, 2, 3)), teacher(4, "primary"),
                              teacher(5, None)], junior_pupils=27)
    doc = ledger.to_dict()
    doc["schools"] = [{**s, "hire": 1} if s["school_id"] == "N" else s for s in doc["schools"]]
    assert transfer_pool(data, doc) == (  # rv28 4: the blank 1 said in the finding before it
        "可转任初中的人选范围：上列可转任的 2 人（数学 2 人），在小学仍富余的 1 所学校（各校至多其仍富余人数），"
        "2027 学年开学前不退休、非县级以上骨干和体育艺术教师；任教学科须对口，逐人核实。")
    assert "另有 1 名持证教师未填资格证学段，未计入，须核实" in imbalance_sentence(doc)


def test_a_transfer_teaches_its_own_subject_and_the_rest_is_hired_by_subject():
    # N: 54 pupils, ⌈54 / 13.5⌉ = 4 posts, by the class hours 语文 1、数学 1、科学 1、综合实践 1;
    # P: 19 pupils need 1 of its 5, 4 over; T1 语文, T2 英语, T3 and T4 数学 hold 初中
    # certificates, T5 语文 only a 小学 one. T1 teaches 初中语文, T2 (英语 not needed) 综合实践,
    # T3 数学; T4 has no post of his subject left and stays; 科学 is hired.
    data, ledger = ledger_of([teacher(1, "junior", subject="chinese"),
                              teacher(2, "junior", subject="english"), teacher(3, "junior"),
                              teacher(4, "junior"), teacher(5, "primary", subject="chinese")],
                             junior_pupils=54)
    ledger.check()
    assert ledger.teacher_moves["teacher_id"].tolist() == ["T1", "T2", "T3"]
    assert ledger.transfer["subjects"] == {"chinese": 1, "practice": 1, "math": 1}
    assert ledger.transfer["short"] == [{"school_id": "N", "name": "新初中", "hire": 1,
                                         "subjects": {"science": 1}, "over": {}}]
    assert rows(ledger) == {"P": [0, 3, 0, 1], "N": [3, 0, 1, 0]}
    # 可兼任 follows the group any teacher may teach, not the list (report.subject_gaps)
    assert ("按学科对口转任：语文 1 人、综合实践活动等 1 人（任一学科教师可兼任）、数学 1 人；"
            "按课时比例仍缺：新初中科学（物理、化学、生物） 1 人，需招聘 1 人）") in staffing_sentence(ledger.to_dict())
