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
        "小学富余教师转任，小学仍富余 403 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹")
    assert "交流解决" not in imbalance_sentence(doc)


def test_the_imbalance_prints_every_term_of_the_surplus_left():
    """rv19 8: 「富余 635 人（退休不补可消化 172 人，仍富余 397 人）」 skipped the 66 retirees' posts
    the surplus fills (635 − 172 − 66 = 397); and rv19 1: no 「逐年消化」, no 县管校聘 route."""
    from junheng.report.staffing_rows import _imbalance_text

    f = {"surplus": 635, "absorbed": 172, "cover": -66, "left": 397}
    said = _imbalance_text({"year": 2030}, "primary", "junior", f, {"hire": 3, "hire_total": 9}, 397, 9)
    assert said.startswith("教师学段结构失衡：2030 学年小学专任教师比编制标准富余 635 人（退休不补可消化 172 人、"
                           "转任补充初中退休岗位 66 人，仍富余 397 人），而初中按编制需招聘 3 人（连同退休补充 9 人）。")
    # 397 − 9 = 388
    assert ("即使初中所需 9 人全部由小学富余教师转任，小学仍富余 388 人，建议富余消化前小学暂停招聘，由退休不补消化，"
            "不足的待编制核减或跨区县统筹。") in said
    none_absorbed = _imbalance_text({"year": 2030}, "primary", "junior", {**f, "absorbed": 0, "left": 569},
                                    {"hire": 3, "hire_total": 9}, 569, 9)
    assert "富余 635 人（转任补充初中退休岗位 66 人，仍富余 569 人）" in none_absorbed
