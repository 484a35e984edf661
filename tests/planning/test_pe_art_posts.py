"""Brief hstaff2 3 (review rv19): a school whose posts go beyond its gaps in the other subjects
hired a 体育艺术 teacher (report.subject_gaps.hired_subjects: 体育艺术 only with posts to spare)
while another school of the county still had a 体育艺术 teacher of the stage over its need, the
one thing :mod:`~junheng.planning.hire_rule` forbids (「按县管校聘先调剂，不招聘体育艺术教师」).

A hand-made county (every figure by hand):

* 乙初级中学 D: 216 pupils, ⌈216 / 13.5⌉ = 16 posts, 16 teachers (D01–D10 语文, D11–D13 体育,
  D14–D16 音乐): not over its 生师比 need; 体育艺术 need ⌈0.009 × 216⌉ = ⌈1.944⌉ = 2, so 4 over;
* the plan's new school N: 270 pupils, ⌈270 / 13.5⌉ = 20 posts, no teacher; 体育艺术 need
  ⌈0.009 × 270⌉ = ⌈2.43⌉ = 3.

县管校聘学科调剂 (staffing_subjects): N takes 3 of D's 4 over, in D's order D11, D12, D13 (体育);
D is not over its 生师比 need and N has no teacher to send back, so D hires 3; D keeps D14–D16
(音乐), 1 over its need. N by the class hours of 20 posts (subject_quotas): 道德与法治 1、语文 3、
数学 2、英语 2、历史与地理 2、科学 3、体育 2、音乐 1、美术 1、综合实践活动等 3: 体育 1 over (3 − 2),
音乐 1 and 美术 1 short; its 17 open posts (20 − 3) take the 16 of the other subjects, the 17th
音乐 — hired beside D's spare 音乐 teacher.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.model import CountyData
from junheng.planning.hire_rule import hire_rule_text
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_ledger import ledger_after_layout
from junheng.report.staffing_rows import staffing_sentence, transfer_subjects
from junheng.report.subject_gaps import hired_subjects

INFO = {"county_code": "410306", "school_year": 2025}
SCHOOLS = [
    {
        "school_id": "D",
        "name": "乙初级中学",
        "school_type": "junior_school",
        "town_code": "410306001",
        "ownership": "public",
        "urban_rural_code": "111",
    }
]
PLAN = LayoutOutcome(
    "optimal", (PlannedSchool("D", "乙初级中学", "keep"), PlannedSchool("N", "新初中", "new")), {}
)
SUBJECTS = ["chinese"] * 10 + ["pe"] * 3 + ["music"] * 3


def county(subjects: list[str] = SUBJECTS):
    """The plan year's ledger of D (its teachers of ``subjects``) and N."""
    teachers = [
        {
            "teacher_id": f"D{k + 1:02d}",
            "school_id": "D",
            "stage": "junior",
            "subject": s,
            "full_time": True,
            "degree": "bachelor",
            "backbone": "none",
        }
        for k, s in enumerate(subjects)
    ]
    data = CountyData.from_records(INFO, schools=SCHOOLS, teachers=teachers)
    now = pd.DataFrame({"school_id": ["D", "N"], "grade": "g7", "students": [216, 270]})
    ledger = ledger_after_layout(
        data, PLAN, SimpleNamespace(now=now, moves=None, county=data), None
    )
    ledger.check()
    return ledger


def test_the_spare_music_teacher_is_redeployed_not_a_music_teacher_hired():
    ledger = county()
    doc = ledger.to_dict()
    # the pool's 3 体育 and, for the 音乐 post, D's first 音乐 teacher over its need, D14
    moved = ledger.teacher_moves.set_index("teacher_id")["to_school_id"].to_dict()
    assert moved == {"D11": "N", "D12": "N", "D13": "N", "D14": "N"}
    rows = ledger.schools.set_index("school_id")
    # N: 20 posts, 4 moved in, 16 hired; D: 16 posts, 12 left, its 4 open posts hired (not over
    # its 生师比 need: the county hires 20 either way, none of them a 体育艺术 teacher)
    assert rows.loc["N", ["moved_in", "hire", "surplus"]].tolist() == [4, 16, 0]
    assert rows.loc["D", ["moved_out", "hire", "surplus"]].tolist() == [4, 4, 0]
    assert doc["county"]["hire"] == 20 and doc["subject_pool"]["spare"] == {"junior": 0}
    short = {r["school_id"]: r for r in doc["transfer"]["short"]}
    # N: 17 − 1 = 16 hires, its 音乐 gap filled; D: 3 + 1 = 4 hires, 音乐 over 2 − 1 = 1
    assert short["N"] == {
        "school_id": "N",
        "name": "新初中",
        "hire": 16,
        "subjects": {
            "morality_law": 1,
            "chinese": 3,
            "math": 2,
            "english": 2,
            "history": 2,
            "science": 3,
            "art": 1,
            "practice": 3,
        },
        "over": {"pe": 1},
        "pe_art": {"music": 1},
    }
    assert (short["D"]["hire"], short["D"]["over"]) == (4, {"chinese": 8, "music": 1})
    for r in short.values():  # no 体育艺术 hire left anywhere
        assert not set(hired_subjects(r["hire"], r["subjects"])) & {"pe", "music", "art"}
    assert hire_rule_text(doc) == ""  # none spare: nothing to say
    assert transfer_subjects(doc["transfer"]).endswith(
        "；新初中道德与法治 1 人、语文 3 人、数学 2 人、英语 2 人、历史与地理 2 人、科学（物理、化学、生物） 3 人、美术 1 人、"
        "综合实践活动等 3 人（任一学科教师可兼任），编制只余 16 个（另 1 个编制由按课时比例多出的体育教师 1 人占用）：招聘道德与法治 1 人、"
        "语文 3 人、数学 2 人、英语 2 人、历史与地理 2 人、科学（物理、化学、生物） 3 人、综合实践活动等 3 人；美术 1 人无编制，"
        "不招聘，其课时由本校教师兼任，待编制调整后补充（另音乐 1 人由县管校聘从多于所需的学校调入，不招聘）"
    )
    assert "县管校聘同学段调剂 4 人（其中补体育、音乐、美术教师 4 人；" in staffing_sentence(doc)


def test_without_a_spare_teacher_of_the_subject_none_moves():
    """D's 3 left over are 体育 teachers (D14–D16): none teaches 音乐, so N's 17th post is
    hired for 音乐 as before (a 体育 teacher does not fill it)."""
    ledger = county(["chinese"] * 10 + ["pe"] * 6)
    moved = ledger.teacher_moves.set_index("teacher_id")["to_school_id"].to_dict()
    assert moved == {"D11": "N", "D12": "N", "D13": "N"}
    (new,) = [r for r in ledger.transfer["short"] if r["school_id"] == "N"]
    assert new["hire"] == 17 and "pe_art" not in new
    assert hired_subjects(new["hire"], new["subjects"])["music"] == 1
    assert ledger.subject_pool["spare"] == {"junior": 1}


def test_the_words_say_the_music_post_is_hired_when_the_spare_teacher_teaches_pe():
    """Brief hfix10b 3: the same county — D keeps 1 体育 teacher over its 体育艺术 need (6 − 3
    moved = 3, need 2), none of 音乐, so N's 17th post is hired for 音乐; the rule's words said
    「不招聘体育艺术教师」 beside it, now they name the post hired and why."""
    doc = county(["chinese"] * 10 + ["pe"] * 6).to_dict()
    assert hire_rule_text(doc) == (
        "初中仍有 1 名体育艺术教师多于本校按优质均衡标准所需，建议按县管校聘先调剂，不招聘体育艺术教师"
        "（新初中音乐 1 人除外：多于所需的体育艺术教师中没有该学科教师，须招聘）"
    )
    # where every 体育艺术 post found a spare teacher of its subject no exception is said
    assert "除外" not in hire_rule_text({**doc, "transfer": {"short": []}})


def test_a_sender_not_hiring_before_hires_its_opened_post():
    """丙初级中学 E (189 pupils: ⌈189 / 13.5⌉ = 14 posts, 14 teachers: E01–E07 语文, E08–E14 体育;
    体育艺术 need ⌈1.701⌉ = 2, 5 over) gives N its 3 (the donor with the most to give first: 5, 4,
    3 against D's 1); D now 16 teachers D01–D13 语文, D14–D15 体育, D16 音乐 (need 2, 1 over, any of
    the three) hires nothing before. N's 17th post is 音乐: D16 goes (D first by school code, its
    unit with room 1); D, at its need, hires its opened post: by the class hours of 16 posts 语文
    2 (13: 11 over), 体育 1 (2: 1 over), 音乐 1 (0: 1 short), … 13 short − 12 over = 1."""
    schools = [*SCHOOLS, {**SCHOOLS[0], "school_id": "E", "name": "丙初级中学"}]
    plan = LayoutOutcome(
        "optimal",
        (*PLAN.schools[:1], PlannedSchool("E", "丙初级中学", "keep"), PLAN.schools[1]),
        {},
    )
    teachers = [
        {
            "teacher_id": f"{p}{k + 1:02d}",
            "school_id": p,
            "stage": "junior",
            "subject": s,
            "full_time": True,
            "degree": "bachelor",
            "backbone": "none",
        }
        for p, subjects in (
            ("D", ["chinese"] * 13 + ["pe"] * 2 + ["music"]),
            ("E", ["chinese"] * 7 + ["pe"] * 7),
        )
        for k, s in enumerate(subjects)
    ]
    data = CountyData.from_records(INFO, schools=schools, teachers=teachers)
    now = pd.DataFrame({"school_id": ["D", "E", "N"], "grade": "g7", "students": [216, 189, 270]})
    ledger = ledger_after_layout(
        data, plan, SimpleNamespace(now=now, moves=None, county=data), None
    )
    ledger.check()
    moved = ledger.teacher_moves.set_index("teacher_id")["to_school_id"].to_dict()
    assert moved == {"E08": "N", "E09": "N", "E10": "N", "D16": "N"}
    rows = ledger.schools.set_index("school_id")["hire"].to_dict()
    assert rows == {"D": 1, "E": 3, "N": 16}  # 20 hired, as before, none of them 体育艺术
    assert ledger.subject_pool["spare"] == {
        "junior": 2
    }  # E's 2 体育 still over: no 体育 post to fill
    short = {r["school_id"]: r for r in ledger.transfer["short"]}
    assert short["D"] == {
        "school_id": "D",
        "name": "乙初级中学",
        "hire": 1,
        "subjects": {
            "morality_law": 1,
            "math": 2,
            "english": 2,
            "history": 2,
            "science": 2,
            "music": 1,
            "practice": 3,
        },
        "over": {"chinese": 11, "pe": 1},
    }
    assert hired_subjects(1, short["D"]["subjects"]) == {"morality_law": 1}
