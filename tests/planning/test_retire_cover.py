"""Junior retirees replaced from the certified surplus primary teachers before anyone is hired
(planning.staffing_transfer.retire_cover; review rv17 findings 4 and 5) on a hand-built county:

* 甲小学 P keeps 19 pupils (⌈19 / 19⌉ = 1 teacher needed) and has 5 full-time primary teachers:
  T1 数学, T2 语文, T3 数学, T5 数学 hold 初中 certificates, T4 only a 小学 one; 4 are over;
* 乙初中 J keeps 27 junior pupils (⌈27 / 13.5⌉ = 2) and has 2 junior teachers: J1 数学 (born
  1990) and J2, a man born 1962 (retired 2022-07, before the 2027 school year), who teaches
  语文 in the first county and 历史 in the second;
* the plan's new junior school N has 13 pupils (⌈13 / 13.5⌉ = 1 post, 综合实践 by the class
  hours) and no teacher.

The 转任 first fills N: T1 (first by code) as 综合实践. Then J's retiree: a 语文 post, filled by
T2 (语文), so nobody is hired; a 历史 post, which no primary teacher teaches, so 1 is hired.
P gives at most its surplus: 5 − 1 = 4 over its need of 1 → 3 after T1, 2 after T2."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_absorb import absorption
from junheng.planning.staffing_figures import stage_figures
from junheng.planning.staffing_ledger import ledger_after_layout
from junheng.report.staffing_rows import imbalance_sentence, retirement_sentence
from junheng.report.teacher_pool import _certified_pool, over_schools

INFO = {"county_code": "410306", "school_year": 2025}
PLAN = LayoutOutcome("optimal", (PlannedSchool("P", "甲小学", "keep"), PlannedSchool("J", "乙初中", "keep"),
                                 PlannedSchool("N", "新初中", "new")), {})


def schools(point: bool = False) -> list[dict]:
    return [{"school_id": "P", "name": "甲小学", "school_type": "teaching_point" if point else "primary_school",
             "town_code": "410306001", "ownership": "public"},
            {"school_id": "J", "name": "乙初中", "school_type": "junior_school", "town_code": "410306001",
             "ownership": "public"}]


def teacher(tid: str, school: str, stage: str, subject: str, cert: str | None, **extra) -> dict:
    return {"teacher_id": tid, "school_id": school, "stage": stage, "subject": subject,
            "full_time": True, "degree": "bachelor", "backbone": "none", "certified": True,
            "cert_stage": cert, "sex": "female", "birth_year": 1990, **extra}


def ledger_of(retiree_subject: str = "chinese", point: bool = False):
    teachers = [teacher("T1", "P", "primary", "math", "junior"), teacher("T2", "P", "primary", "chinese", "junior"),
                teacher("T3", "P", "primary", "math", "junior"), teacher("T4", "P", "primary", "math", "primary"),
                teacher("T5", "P", "primary", "math", "junior"), teacher("J1", "J", "junior", "math", "junior"),
                teacher("J2", "J", "junior", retiree_subject, "junior", sex="male", birth_year=1962)]
    data = CountyData.from_records(INFO, schools=schools(point), teachers=teachers)
    now = pd.DataFrame({"school_id": ["P", "J", "N"], "grade": ["g1", "g7", "g7"], "students": [19, 27, 13]})
    ledger = ledger_after_layout(data, PLAN, SimpleNamespace(now=now, moves=None, county=data), 2027)
    ledger.check()
    return data, ledger.to_dict()


def test_the_pool_replaces_the_junior_retiree_and_nobody_is_hired():
    data, doc = ledger_of()
    assert doc["teacher_moves"] == [{"teacher_id": "T1", "to_school_id": "N", "kind": "transfer"}]
    found = doc["transfer"]
    assert (found["teachers"], found["candidates"]) == (1, 4)  # T1, T2, T3, T5
    assert found["retire"] == {"retirees": 1, "teachers": 1, "subjects": {"chinese": 1}, "short": {}}
    # P: 2 over after T1 and T2; T3 and T5 (数学, 初中 certificates) are left, T4 is not certified
    assert found["left"] == {"teachers": 2, "unknown": 0, "subjects": {"math": 2}, "schools": ["P"]}
    stages = stage_figures(doc)
    # 小学 5 − 1 (转任) − 1 (退休岗位) − 1 (need) = 2 left; 初中 hire 0 + 1 retiree − 1 covered = 0
    assert {k: stages["primary"][k] for k in ("surplus", "absorbed", "cover", "left")} == {
        "surplus": 3, "absorbed": 0, "cover": -1, "left": 2}
    assert {k: stages["junior"][k] for k in ("hire", "replace", "cover", "hire_total")} == {
        "hire": 0, "replace": 1, "cover": 1, "hire_total": 0}
    said = retirement_sentence(doc)
    assert ("转任补充初中退休岗位 1 人，仍富余 2 人；初中另有 1 人退休，由小学富余教师转任补充 1 人"
            "（按学科对口），不招聘；小学富余教师中持初中及以上教师资格证的 4 人，已转任初中 1 人，上列按编制需招聘已扣除，"
            "另转任补充初中退休岗位 1 人；其余 2 人留在小学。") in said
    assert "连同退休补充" not in said
    # the 人选范围 reads the same count (rv17 4: 「其余 237 人」 beside 「211 人」)
    assert "的 2 人（数学 2 人）（各校至多其仍富余人数）" in _certified_pool(data, doc, over_schools(doc), 2027)
    # 表 4: the 2027 transfers are T1 and T2; 4 over before, 2 left
    assert absorption(data.teachers, doc, 2025)["rows"] == [(2026, 4, 0, 0, 0, 4), (2027, 4, 0, 2, 0, 2)]


def test_a_subject_no_certified_teacher_teaches_is_hired_exactly():
    _, doc = ledger_of("history")
    assert doc["transfer"]["retire"] == {"retirees": 1, "teachers": 0, "subjects": {}, "short": {"history": 1}}
    assert doc["transfer"]["left"]["teachers"] == 3  # T2, T3, T5: P 3 over after T1
    stages = stage_figures(doc)
    assert (stages["junior"]["hire_total"], stages["primary"]["left"]) == (1, 3)
    said = retirement_sentence(doc)
    assert "初中另有 1 人退休，需按同岗位补充；上列按编制需招聘的 0 人不含退休补充，连同退休补充共需招聘 1 人（均为初中" in said
    assert "其余 3 人与初中仍缺的学科不对口" in said
    assert "即使初中所需" not in imbalance_sentence(doc)  # the ledger hires none by 编制


def test_a_kept_teaching_point_gives_no_teacher():
    _, doc = ledger_of(point=True)
    # P's 4 over by 生师比 stay (its 复式 classes need them): N and J's retiree are hired
    assert doc["teacher_moves"] == []
    assert (doc["transfer"]["teachers"], doc["transfer"]["candidates"]) == (0, 0)
    assert doc["transfer"]["retire"]["teachers"] == 0
    assert doc["transfer"]["left"] == {"teachers": 0, "unknown": 0, "subjects": {}, "schools": []}
    stages = stage_figures(doc)
    assert (stages["junior"]["hire"], stages["junior"]["hire_total"]) == (1, 2)


def test_a_township_school_sends_a_teacher_of_a_subject_it_has_over_not_one_it_needs():
    # rv17 5: 红林镇初级中学 sent 2 of its 历史 teachers to the city and was left 2 历史 short.
    # R (乡镇) keeps 135 junior pupils: ⌈135 / 13.5⌉ = 10 posts, by the class hours 语文 2 and
    # 历史与地理 1 among them; it has R1 (历史) and R2–R11 (语文): 11, 1 over its 编制. The new
    # school N (13 pupils, 1 post) takes that 1 by 县管校聘: a 语文 teacher (8 over the quota of 2),
    # R10 first by code, not R1, its only 历史 teacher (first by code before this rule)
    from tests.staffing_builders import senders_ledger

    ledger = senders_ledger({"R": ([("none", "history"), *["none"] * 10], 135)}, 13)
    ledger.check()
    assert ledger.teacher_moves.values.tolist() == [["R10", "N", "pool"]]


def test_a_pe_retiree_is_replaced_by_a_spare_pe_teacher_and_a_primary_teacher_fills_the_gap():
    # J's retiring 体育 teacher: no certified primary teacher teaches 体育 (hire_rule: no 体育艺术
    # hire while one is spare); with 1 junior 体育艺术 teacher over its school's need, he moves by
    # 县管校聘 and T1 (first by code) fills his school's freed post (综合实践); P, 2 over, keeps T2 in range
    from junheng.planning.staffing_transfer import retire_cover

    rest = pd.DataFrame([teacher("T1", "P", "primary", "math", "junior"),
                         teacher("T2", "P", "primary", "math", "junior")])
    here = pd.concat([rest, pd.DataFrame([teacher("J2", "J", "junior", "pe", "junior", sex="male",
                                                  birth_year=1962)])], ignore_index=True)
    rows = pd.DataFrame({"school_id": ["P", "J"], "stage": ["primary", "junior"], "surplus": [2, 0],
                         "hire": [0, 0], "new_posts": [0, 0]})
    got = retire_cover(rest, here, rows, 2027, {}, pe_art_spare=1)
    assert got["retire"] == {"retirees": 1, "teachers": 1, "subjects": {}, "short": {}, "pe_art": 1}
    assert got["left"] == {"teachers": 1, "unknown": 0, "subjects": {"math": 1}, "schools": ["P"]}
    # none spare: the 体育 post is hired, both stay in range
    got = retire_cover(rest, here, rows, 2027, {}, pe_art_spare=0)
    assert got["retire"] == {"retirees": 1, "teachers": 0, "subjects": {}, "short": {"pe": 1}}
    assert got["left"]["teachers"] == 2


def test_four_short_three_hired_says_the_subject_over_its_share():
    # rv17 4: 「按课时比例仍缺：…历史与地理 3 人、音乐 1 人，需招聘 3 人」 with nothing saying why 4
    # short take 3 posts: the school's 语文 teachers are 1 over their class-hour share
    from junheng.report.staffing_rows import transfer_subjects

    found = {"subjects": {}, "short": [{"name": "新初中", "hire": 3, "subjects": {"history": 3, "music": 1},
                                        "over": {"chinese": 1}}]}
    # brief hstaff2 2: which subjects the 3 posts are hired for (历史与地理, other subjects before
    # 体育艺术) and how the 音乐 lessons no post is left for are taught
    # brief hfix10b 2: who takes the post the 3 do not have (「占 1 个编制」 said no one)
    assert transfer_subjects(found) == ("；按课时比例仍缺：新初中历史与地理 3 人、音乐 1 人，编制只余 3 个（另 1 个编制由按课时"
                                        "比例多出的语文教师 1 人占用）：招聘历史与地理 3 人；音乐 1 人无编制，不招聘，其课时由本校教师"
                                        "兼任，待编制调整后补充")
