"""Brief hwords6 3 (review rv15 10): every sentence that moves teachers says which of the two it
is — 县管校聘调配 (a change of post for good, with the pupils) or 交流轮岗 (a rotation with a
return) — in the words of planning.teacher_moves_words (whose docstring quotes the seeds)."""

from junheng.planning.teacher_moves_words import posts_not_rotation
from junheng.report.compliance_docx import SENTENCES
from junheng.report.compliance_xlsx import _content
from junheng.report.staffing_rows import imbalance_sentence

ROTATION_ACTIONS = [{"item": "rotation", "school_id": "C", "name": "城关中学", "to_school_id": "V", "to_name": "鹤河镇初级中学",
                     "quantity": 2.0, "exchanged": 0, "annual_cost": 1.2, "teacher_type": "backbone",
                     "stage": "junior", "item_name": "交流", "unit": "人"}]


def test_the_moves_of_a_plan_are_said_to_be_post_changes_not_rotations():
    assert posts_not_rotation() == ("以上均为县管校聘调配（岗位随学生调整，调往新岗位长期任教，不回原校），"
                                    "不是交流轮岗（编制留在原校，期满返回）。")
    assert posts_not_rotation("四项") == ("四项均为县管校聘调配（岗位随学生调整，调往新岗位长期任教，不回原校），"
                                        "不是交流轮岗（编制留在原校，期满返回）。")


def test_a_rotation_says_it_returns():
    # 2 骨干教师 from 城关中学 to 鹤河镇初级中学 for the rotation's years, 0.6 万元 each a year
    assert SENTENCES["rotation"](ROTATION_ACTIONS) == (
        "在县域内交流轮岗骨干教师和体育艺术教师 2 名（编制留在原校，期满返回），由 1 所学校交流到 1 所学校，"
        "每年交流补助 1.20 万元")
    assert _content(ROTATION_ACTIONS[0]) == "骨干教师（初中） 2 人交流轮岗到鹤河镇初级中学（编制留在原校，期满返回）"


def test_primary_teachers_for_junior_posts_are_a_transfer_not_a_rotation():
    # the demo's ledger in 2030 (test_signed_documents): 664 − 133 = 531 primary over, 72 + 56 = 128 junior
    # to hire, 531 − 128 = 403 left
    doc = {"year": 2030, "county": {"hire": 72}, "retirement": {"year": 2030, "unknown": 0,
           "by_stage": {"primary": 133, "junior": 56}},
           "schools": [{"stage": "primary", "need": 1076, "today": 1740, "hire": 0, "surplus": 664},
                       {"stage": "junior", "need": 1151, "today": 1079, "hire": 72, "surplus": 0}]}
    assert imbalance_sentence(doc).split("。")[1] == (
        "初中所需教师应先由小学富余教师转任解决（县管校聘调配，不是交流轮岗），不足部分再招聘；即使初中所需 128 人全部由"
        "小学富余教师转任，小学仍富余 403 人，需通过县管校聘统筹、退休不补逐年消化")
    assert "交流解决" not in imbalance_sentence(doc)
