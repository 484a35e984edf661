"""Review rv18 3 (second part): 「即使初中所需 9 人全部由小学富余教师转任，小学仍富余 388 人」 stood
beside 「仍缺历史与地理 6 人需按同岗位招聘」 and the new school's 「按课时比例仍缺…历史与地理 3 人、
音乐 1 人…需招聘 3 人」: the ledger's 转任 had already taken every subject-matched candidate, so
the hires it leaves are the posts no surplus primary teacher teaches, and the sentence says so
from the same figures (:func:`~junheng.report.subject_gaps.unmatched`)."""

from junheng.report.staffing_rows import imbalance_sentence

LEAD = "初中所需教师应先由小学富余教师转任解决（县管校聘调配，不是交流轮岗），不足部分再招聘；"


def ledger(short: list) -> dict:
    """2030: 小学 12 over, 2 retire (absorbed), 2 more fill junior retirees' posts → 8 left;
    初中 hires 3 by 编制 and 8 retirees less 2 covered → 9 (the demo's shape, smaller)."""
    return {"year": 2030, "retirement": {"year": 2030, "unknown": 0, "by_stage": {"primary": 2, "junior": 8}},
            "schools": [{"stage": "primary", "need": 10, "today": 22, "hire": 0, "surplus": 12},
                        {"stage": "junior", "need": 30, "today": 27, "hire": 3, "surplus": 0}],
            "transfer": {"filled": True, "teachers": 0, "candidates": 5, "unknown": 0, "short": short,
                         "retire": {"retirees": 8, "teachers": 2, "subjects": {"math": 2}, "short": {"history": 6}},
                         "left": {"teachers": 3, "unknown": 0, "subjects": {"chinese": 3}, "schools": ["P"]}}}


def test_hires_no_surplus_teacher_matches_are_hires():
    # the new school's 3 hires lack 历史与地理 3 and 音乐 1 (3 posts), the retirees' posts 历史与地理
    # 6: 3 + 6 = 9 = all that is hired, none by 转任, 8 primary left
    doc = ledger([{"school_id": "N", "name": "新初中", "hire": 3, "subjects": {"history": 3, "music": 1},
                   "over": {"other": 1}}])
    # rv19 2: the 3 posts go to 历史与地理 3; 音乐 1 is left to the junior 体育艺术 teachers over
    # (县管校聘, 「不招聘体育艺术教师」), so no 音乐 hire is named
    assert imbalance_sentence(doc).split("。")[1] == LEAD + (
        "初中所需 9 人（历史与地理）无小学富余教师对口，不能转任；小学富余 8 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹")


def test_only_the_unmatched_part_is_hired():
    # without the new school's subject gaps: 历史与地理 6 hired, the other 3 at most transferred,
    # 8 − 3 = 5 left
    assert imbalance_sentence(ledger([])).split("。")[1] == LEAD + (
        "初中所需 9 人中历史与地理 6 人无小学富余教师对口，不能转任；即使其余 3 人全部由小学富余教师转任，"
        "小学仍富余 5 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹")


def test_a_music_post_is_hired_only_when_the_posts_cover_it():
    # 4 posts for 历史与地理 3 and 音乐 1: the 4th post is 音乐's, 4 + 6 = 10 hired, none transferred;
    # 12 − 2 − 2 = 8 primary left
    doc = ledger([{"school_id": "N", "name": "新初中", "hire": 4, "subjects": {"music": 1, "history": 3},
                   "over": {}}])
    doc["schools"][1].update(hire=4, need=31)
    assert imbalance_sentence(doc).split("。")[1] == LEAD + (
        "初中所需 10 人（历史与地理、音乐）无小学富余教师对口，不能转任；小学富余 8 人，建议富余消化前小学暂停招聘，由退休不补消化，"
        "不足的待编制核减或跨区县统筹")
