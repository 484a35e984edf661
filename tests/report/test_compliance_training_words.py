"""Review rv8 14: the 整改措施's 教师培养培训 sentence said 「其中文化路社区片区初级中学的培训于
2029 学年开办前，在调入该校的教师现任学校进行」 while its 骨干 training was paid in 2029, the
year the school opens, at the school. The sentence now names each training and its year."""

from junheng.report.compliance_docx import SENTENCES

REASON = "2029 学年开办前，在调入该校的教师现任学校进行"


def _action(name, item, quantity, year, reason=None):
    return {"school_id": name, "name": name, "item": item, "quantity": quantity, "year": year,
            "reason": reason}


def test_the_new_school_says_which_training_is_before_it_opens_and_which_after():
    # the demo's: the new school's 2 学历提升 start 2027 (2 years, in use as it opens in
    # 2029: compliance_actions.opening_start(2029, 2, 2030) = 2027), its 4 骨干 start 2029
    # (1 year: done by the target year 2030 when started as it opens); another school's 5 骨干
    # are paid in 2027 and are not about opening
    actions = [_action("新初中", "degree_upgrade", 2.0, 2027, REASON),
               _action("新初中", "backbone_training", 4.0, 2029),
               _action("甲小学", "backbone_training", 5.0, 2027)]
    assert SENTENCES["training"](actions) == (
        "支持 2 名教师提升学历、培养认定县级骨干教师 9 名（其中新初中的教师学历提升于 2029 学年开办前，"
        "在调入该校的教师现任学校进行，骨干教师培养认定于 2029 学年在该校进行）")


def test_a_school_whose_training_all_starts_before_it_opens_says_so_once():
    actions = [_action("新初中", "degree_upgrade", 2.0, 2027, REASON),
               _action("新初中", "backbone_training", 4.0, 2028, REASON)]
    assert SENTENCES["training"](actions) == (
        "支持 2 名教师提升学历、培养认定县级骨干教师 4 名（其中新初中的教师学历提升、骨干教师培养认定于"
        " 2029 学年开办前，在调入该校的教师现任学校进行）")
