"""县管校聘学科调剂 (planner review, branch td): a school short of 体育、音乐、美术 teachers takes
them from a school of the same stage that has them over, before anything is hired. Every
figure worked by hand (quality-2017: 0.9 体育艺术专任教师 per 100 pupils, 生师比 小学 19)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.model import CountyData
from junheng.planning.compliance_redeploy import apply_teacher_moves
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_ledger import ledger_after_layout, teacher_moves_frame
from junheng.planning.teacher_moves_words import posts_not_rotation

#: the sentence after every list of moves (brief hwords6 3)
POSTS = posts_not_rotation()

INFO = {"county_code": "410306", "school_year": 2025}
TOWN = "410306001"


def _teachers(school: str, subjects: list[str], backbone: str = "none") -> list[dict]:
    return [{"teacher_id": f"{school}{k + 1:02d}", "school_id": school, "stage": "primary",
             "subject": s, "full_time": True, "degree": "bachelor", "backbone": backbone}
            for k, s in enumerate(subjects)]


def _ledger(a_pe: int, b_pe: int, b_other: int, pupils: tuple[int, int] = (190, 190),
            b_backbone: str = "none", types: tuple[str, str] = ("primary_school",) * 2,
            central: str | None = None):
    """A (甲小学) with 10 teachers, ``a_pe`` of them 体育; B (乙小学) with ``b_pe`` 体育 and
    ``b_other`` 语文 teachers; ``pupils`` in the plan year; no closure, no new school."""
    schools = [{"school_id": s, "name": n, "school_type": k, "town_code": TOWN,
                "ownership": "public", "central_school": c}
               for s, n, k, c in (("A", "甲小学", types[0], None),
                                  ("B", "乙小学", types[1], central))]
    teachers = (_teachers("A", ["pe"] * a_pe + ["chinese"] * (10 - a_pe))
                + _teachers("B", ["pe"] * b_pe, b_backbone) + [
                    {**t, "teacher_id": f"B{b_pe + k + 1:02d}"}
                    for k, t in enumerate(_teachers("B", ["chinese"] * b_other))])
    data = CountyData.from_records(INFO, schools=schools, teachers=teachers)
    plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "keep"),
                                     PlannedSchool("B", "乙小学", "keep")), {})
    now = pd.DataFrame({"school_id": ["A", "B"], "grade": "g1", "students": list(pupils)})
    state = SimpleNamespace(now=now, moves=None, county=data)
    return data, ledger_after_layout(data, plan, state, None)


def test_a_school_short_of_one_pe_teacher_takes_one_from_the_surplus_not_a_hire():
    # A: 190 pupils need ⌈190 / 19⌉ = 10 teachers (has 10) and ⌈0.9 × 1.9⌉ = 2 体育艺术 (has
    # 1): short 1. B: 190 pupils, 14 teachers (4 over), 4 体育 (2 over) → 1 transfer B → A.
    data, ledger = _ledger(a_pe=1, b_pe=4, b_other=10)
    ledger.check()
    assert ledger.moves[["from_school_id", "to_school_id", "kind", "teachers"]].values.tolist() \
        == [["B", "A", "subject", 1]]
    assert ledger.moved_by_kind() == {"closure": 0, "kept": 0, "pool": 0, "subject": 1}
    assert ledger.teacher_moves.values.tolist() == [["B01", "A", "pool"]]
    rows = ledger.schools.set_index("school_id")
    assert rows[["moved_in", "moved_out", "hire", "surplus"]].to_dict("index") == {
        "A": {"moved_in": 1, "moved_out": 0, "hire": 0, "surplus": 1},
        "B": {"moved_in": 0, "moved_out": 1, "hire": 0, "surplus": 3}}
    assert ledger.county() == {"need": 20, "today": 24, "moved": 1, "new_posts": 0, "hire": 0,
                               "surplus": 4}
    # the 达标路径 after the layout starts from the county with the move done: A has 2 体育
    after, moves = apply_teacher_moves(data, teacher_moves_frame(ledger.to_dict()["teacher_moves"]))
    pe = after.teachers[after.teachers["subject"] == "pe"].groupby("school_id").size()
    assert pe.to_dict() == {"A": 2, "B": 3}
    assert moves[["from_school_id", "to_school_id", "kind", "teachers"]].values.tolist() == [
        ["B", "A", "pool", 1]]


def test_a_donor_keeps_its_own_need_of_either_kind():
    # B with 3 体育 (1 over its 2) gives 1 even though A is short of 2 (A has 0).
    _, ledger = _ledger(a_pe=0, b_pe=3, b_other=11)
    assert ledger.moves["teachers"].tolist() == [1]
    # B with 4 体育 (2 over its 2) but only 10 teachers for its 10 needed (no surplus): it
    # still gives B01 (县管校聘, rv14 N2), and A, now 11 for its 10, sends its first 语文
    # teacher A02 back (县管校聘对调): both keep 10, no hire; B's other spare 体育 stays spare.
    _, ledger = _ledger(a_pe=1, b_pe=4, b_other=6)
    ledger.check()
    assert ledger.moves[["from_school_id", "to_school_id", "kind", "teachers"]].values.tolist() \
        == [["B", "A", "subject", 1], ["A", "B", "pool", 1]]
    assert ledger.teacher_moves.values.tolist() == [["B01", "A", "pool"], ["A02", "B", "pool"]]
    assert ledger.schools[["hire", "surplus"]].values.tolist() == [[0, 0], [0, 0]]
    assert ledger.subject_pool == {"spare": {"primary": 1}, "swapped": 1}
    # B with 4 体育, 14 teachers and 290 pupils: needs ⌈290 / 19⌉ = 16 (short 2) and
    # ⌈0.9 × 2.9⌉ = 3 体育艺术 (1 over): the swap keeps B short of 2, hired as before, and A
    # hires no 体育 teacher beside B's spare one.
    _, ledger = _ledger(a_pe=1, b_pe=4, b_other=10, pupils=(190, 290))
    assert ledger.moves[["from_school_id", "to_school_id"]].values.tolist() == [["B", "A"],
                                                                                ["A", "B"]]
    assert ledger.schools["hire"].tolist() == [0, 2] and ledger.subject_pool == {"spare": {"primary": 0}, "swapped": 1}


def test_a_backbone_pe_teacher_goes_last():
    # B's 体育 teachers B01–B04 are 县级骨干, its 语文 not: still one 体育 goes (B01, by code)
    _, ledger = _ledger(a_pe=1, b_pe=4, b_other=10, b_backbone="county")
    assert ledger.teacher_moves["teacher_id"].tolist() == ["B01"]


def test_a_teaching_point_counts_with_its_central_school():
    # B is A's 教学点 with 190 pupils: the unit A + B has 380 pupils, needs ⌈3.42⌉ = 4 体育艺术
    # and has 1 + 4 = 5: nobody is short, nothing moves (B alone would be 2 over, A 1 short).
    _, ledger = _ledger(a_pe=1, b_pe=4, b_other=10,
                        types=("primary_school", "teaching_point"), central="A")
    assert ledger.moves.empty


def test_the_ledger_sentence_and_rows_name_the_subject_moves():
    from junheng.report.staffing_rows import move_rows, staffing_rows, staffing_sentence

    _, ledger = _ledger(a_pe=1, b_pe=4, b_other=10)
    doc = ledger.to_dict()
    # 乙 (no 城乡 code: 镇区) gives 1 of its 4 体育, beyond its need: counted as leaving a rural school
    # 乙 keeps 1 体育 over its need of 2 (4 − 1 − 2): no 体育艺术 teacher is hired beside it
    assert ("；县管校聘同学段调剂 1 人（其中补体育、音乐、美术教师 1 人，小学仍有 1 名体育艺术教师多于本校按优质均衡标准"
            "所需，建议按县管校聘先调剂，不招聘体育艺术教师；缺编学校先由同学段按编制富余的教师调剂，"
            "同一乡镇优先、再全县，仍缺的才招聘；小学富余教师未转任初中（工作簿未填教师资格证学段，须核实）；其中从乡镇"
            "学校调出 1 人，含县级以上骨干教师 0 名、体育艺术教师 1 名，乡镇学校的骨干教师和体育艺术教师不因调剂低于本校"
            "所需）；") in staffing_sentence(doc)
    assert move_rows(doc) == [["乙小学", "甲小学", "小学", "县管校聘同学段调剂（补体育、音乐、美术教师）", 1]]
    rows = staffing_rows(doc)  # 甲 190 pupils: 10 + 1 in, 1 over; 乙: 14 − 1 out, 3 over
    assert [r[:-1] for r in rows[:2]] == [["甲小学", "小学", 190, 10, 10, 1, 0, 0, 1, 0],
                                          ["乙小学", "小学", 190, 10, 14, 0, 1, 0, 3, 0]]
    assert [r[-1] for r in rows[:2]] == [
        "县管校聘同学段调剂（补体育、音乐、美术教师）来自乙小学 1 人",
        "县管校聘同学段调剂（补体育、音乐、美术教师）调往甲小学 1 人"]


def test_the_junior_transfer_range_leaves_out_the_teachers_the_ledger_moved():
    from junheng.report.teacher_pool import transfer_pool

    # B (4 over, gives B01 to A: 3 over then) is the only primary school over once A, now 1
    # over too, is counted: A has 10 teachers, B 13 (B01 moved); a junior school J hires 2.
    data, ledger = _ledger(a_pe=1, b_pe=4, b_other=10)
    doc = ledger.to_dict()
    doc["schools"] = [*doc["schools"], {"school_id": "J", "stage": "junior", "surplus": 0,
                                        "hire": 2}]
    data.teachers["certified"] = True
    # A's 10 and B's 14 less B01 (now at A, needed there for 体育艺术): 23 本科, 持证
    assert transfer_pool(data, doc) == (
        "可转任初中的人选范围：小学富余的 2 所学校现有小学专任教师中，本科及以上学历、持教师资格证的 23 人"
        "（语文 19 人、体育 4 人），不含撤并学校随迁和已调配、调剂到其他学校的教师；能否任教初中以持初中或"
        "高中教师资格证、学科对口为准，须逐人核实。")


def test_a_hire_left_says_why_no_surplus_could_meet_it():
    from junheng.planning.compliance_redeploy import redeployment_lines

    # the demo's one 体育艺术 hire left is at a junior school; the junior schools have no
    # teacher over their 生师比 need (the ledger hires 40 there), the primary ones 673
    doc = {"redeployment": {"teachers": 1, "pooled": 1, "hired_after": 1, "hired_yearly_cost": 10.0,
                            "moves": [], "schools": []},
           "actions": [{"item": "hire_pe_art", "stage": "junior", "quantity": 1.0},
                       {"item": "gym", "stage": "primary", "quantity": 600.0}],
           "staffing": {"schools": [
               {"stage": "primary", "need": 1067, "today": 1740, "hire": 0, "surplus": 673},
               {"stage": "junior", "need": 1119, "today": 1079, "hire": 40, "surplus": 0}]}}
    assert redeployment_lines(doc)[0].endswith(
        "需招聘 1 人（每年人员经费 10.00 万元）。初中调配、调剂后各校均无按编制富余的教师，按评估指标仍缺的教师无可调剂，需招聘。" + POSTS)
    # a primary hire beside the primary surplus is not explained away
    doc["actions"][0]["stage"] = "primary"
    assert redeployment_lines(doc)[0].endswith("（每年人员经费 10.00 万元）。" + POSTS)
