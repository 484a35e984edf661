"""Brief hfix10b 2 (rv21): the new school's 音乐 gap left without a post (「音乐 1 人无编制，不招聘，
其课时由本校教师兼任」) while the county had a 音乐 teacher over its unit's 体育艺术 need: the county
swaps him for one of the school's teachers over their class-hour share (县管校聘对调), no hire added.

A hand-made county (every figure by hand):

* 乙初级中学 D: 216 pupils, ⌈216 / 13.5⌉ = 16 posts, 16 teachers (D01–D10 语文, D11–D13 体育,
  D14–D16 音乐): not over its 生师比 need; 体育艺术 need ⌈0.009 × 216⌉ = 2, so 4 over;
* 丙初级中学 C closes into the plan's new school N (270 pupils, ⌈270 / 13.5⌉ = 20 posts, 体育艺术
  need ⌈2.43⌉ = 3): its 15 teachers go there (C01–C04 语文, C05–C06 数学, C07–C08 英语, C09 道德与法治,
  C10–C12 物理, C13–C14 体育, C15 美术): N has its 3 体育艺术 teachers, takes none from D.

N by the class hours of 20 posts: 道德与法治 1、语文 3、数学 2、英语 2、历史与地理 2、科学 3、体育 2、音乐 1、
美术 1、综合实践活动等 3: 语文 1 over (4 − 3); short 历史与地理 2, 音乐 1, 综合实践活动等 3 = 6 against
20 − 15 = 5 posts: the posts go to 历史与地理 2 and 综合实践活动等 3, 音乐 1 is left without one. D's first
音乐 teacher over, D14, comes to N; N's 语文 teacher over, the first by 教师编号 C01, goes to D's post:
both keep 16 and 15 + 5 teachers, N still hires 5, D none.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_ledger import ledger_after_layout
from junheng.report.staffing_rows import transfer_subjects

INFO = {"county_code": "410306", "school_year": 2025}
SCHOOL = {"school_type": "junior_school", "town_code": "410306001", "ownership": "public",
          "urban_rural_code": "111"}
SCHOOLS = [{"school_id": "D", "name": "乙初级中学", **SCHOOL}, {"school_id": "C", "name": "丙初级中学", **SCHOOL}]
PLAN = LayoutOutcome("optimal", (
    PlannedSchool("D", "乙初级中学", "keep"),
    PlannedSchool("C", "丙初级中学", "close", merged_into="N", moved_pupils={"N": 270}),
    PlannedSchool("N", "新初中", "new")), {})
D = ["chinese"] * 10 + ["pe"] * 3 + ["music"] * 3
C = ["chinese"] * 4 + ["math"] * 2 + ["english"] * 2 + ["morality_law"] + ["physics"] * 3 + ["pe"] * 2 + ["art"]


def county(c_backbone: str = "none"):
    teachers = [
        {"teacher_id": f"{p}{k + 1:02d}", "school_id": p, "stage": "junior", "subject": s,
         "full_time": True, "degree": "bachelor",
         "backbone": c_backbone if p == "C" and s == "chinese" else "none"}
        for p, subjects in (("D", D), ("C", C)) for k, s in enumerate(subjects)
    ]
    data = CountyData.from_records(INFO, schools=SCHOOLS, teachers=teachers)
    now = pd.DataFrame({"school_id": ["D", "N"], "grade": "g7", "students": [216, 270]})
    ledger = ledger_after_layout(data, PLAN, SimpleNamespace(now=now, moves=None, county=data), None)
    ledger.check()
    return ledger


def test_the_spare_music_teacher_is_swapped_for_a_chinese_teacher_over():
    ledger = county()
    moved = ledger.teacher_moves.set_index("teacher_id")["to_school_id"].to_dict()
    assert moved == {"D14": "N", "C01": "D"}
    rows = ledger.schools.set_index("school_id")
    # N: 15 by the closure + D14 − C01 = 15, 20 posts, 5 hired; D: 16 − D14 + C01 = 16, none hired
    assert rows.loc["N", ["moved_in", "moved_out", "hire", "surplus"]].tolist() == [16, 1, 5, 0]
    assert rows.loc["D", ["moved_in", "moved_out", "hire", "surplus"]].tolist() == [1, 1, 0, 0]
    assert ledger.subject_pool == {"spare": {"junior": 3}, "swapped": 1}  # D: 6 − 2 − 1
    (row,) = ledger.transfer["short"]
    assert row == {"school_id": "N", "name": "新初中", "hire": 5,
                   "subjects": {"history": 2, "practice": 3}, "over": {},
                   "pe_art": {"music": 1}, "back": {"chinese": 1}}
    assert transfer_subjects(ledger.to_dict()["transfer"]) == (
        "；按课时比例仍缺：新初中历史与地理 2 人、综合实践活动等 3 人（任一学科教师可兼任），需招聘 5 人"
        "（另音乐 1 人由县管校聘从多于所需的学校调入，与本校语文教师 1 人对调，不招聘）")


def test_without_a_teacher_to_send_back_none_moves_and_the_words_say_why():
    """C01–C04 are 县级骨干: N's only teachers over their share are not sent, so D14 stays (moving
    him alone, D would hire his post while N is over its 编制)."""
    ledger = county("county")
    assert set(ledger.teacher_moves["teacher_id"]) == set()
    (row,) = ledger.transfer["short"]
    assert row["unswapped"] == {"music": 1} and row["hire"] == 5
    assert transfer_subjects(ledger.to_dict()["transfer"]) == (
        "；按课时比例仍缺：新初中历史与地理 2 人、音乐 1 人、综合实践活动等 3 人（任一学科教师可兼任），编制只余 5 个"
        "（另 1 个编制由按课时比例多出的语文教师 1 人占用）：招聘历史与地理 2 人、综合实践活动等 3 人；音乐 1 人无编制，"
        "不招聘（县内有多于所需的音乐教师，但本校按课时比例多出的教师中没有可对调的（县级以上骨干教师和体育艺术教师不调出），不调配），其课时由本校教师兼任，待编制调整后补充")
