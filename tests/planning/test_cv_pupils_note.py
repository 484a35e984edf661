"""Brief hsave 2: the note under each CV table said 「同一学年的差异系数相同」 while the same
documents gave 2030's 初中 averages of three states, 布局调整后 13.2 / 达标路径实施后 14.1 /
另征用相邻用地后 14.7 平方米; the note now says the same CV is the same state's in the same year,
and that the other states differ and are labelled."""

from __future__ import annotations

from types import SimpleNamespace as NS

from junheng.planning.compliance_layout import CV_PUPILS_LAYOUT, cv_pupils
from junheng.planning.layout_forecast import FORECAST_RULE
from junheng.report.plan_rows import cv_before_basis

#: rv10 finding 6: 「同一状态的差异系数相同」 stood above 0.118 (调整后) and 0.179 (实施前); the two
#: columns differ by the layout's recruits, which the note now says
SAME_STATE = ("布局调整方案的“调整后”与达标路径的“实施前”为同一学年的同一县域、同一学生数、同一方法，只差布局方案按编制"
              "招聘的教师（“调整后”计入，“实施前”不计，其招聘由达标路径另列），与教师有关的差异系数因此可能不同，其余相同；"
              "“达标路径实施后”“另征用相邻用地后”等其他状态的各校学生、校舍、场地或教师不同，差异系数和全县平均也不同，"
              "文中分别标明")


def test_the_same_pupils_give_the_same_cv_only_for_the_same_state():
    note = cv_pupils(True)
    assert note.endswith("布局调整方案和达标路径《整改措施》的各校学生数相同；" + SAME_STATE)
    assert cv_pupils(True, compliance=True) == note  # the 整改措施 and 自评报告 say it too
    assert "同一学年的差异系数相同" not in note and "同一状态的差异系数相同" not in note


def test_the_compliance_note_says_the_recruits_and_the_cvs_they_move():
    """The 整改措施 and 自评报告 note, where the saved 达标路径 knows both columns: the demo's
    40 junior recruits at the new school, 调整后 0.118059 against 实施前 0.179272 (review rv10 6)."""
    from junheng.planning.cv_recruits import doc_recruit_difference

    doc = {"target_year": 2030, "layout_year": 2030, "layout_forecast": True,
           "staffing": {"schools": [{"stage": "junior", "hire": 40}, {"stage": "primary", "hire": 0}]},
           "layout_cvs": {"junior": {"higher_degree_teachers_per_100": 0.118059,
                                     "sports_area_per_student": 0.692829}},
           "before": {"stages": {"junior": {"cv": {"higher_degree_teachers_per_100": 0.179272,
                                                   "sports_area_per_student": 0.692829}}}}}
    said = cv_pupils(True, compliance=True, difference=doc_recruit_difference(doc))
    assert "布局调整方案和达标路径《整改措施》的各校学生数相同；布局调整方案的“调整后”与达标路径的“实施前”两者只差布局方案" \
           "按编制招聘的 40 名初中教师（“调整后”计入，“实施前”不计，其招聘由达标路径另列），故初中每百名学生拥有高于" \
           "规定学历教师数差异系数“调整后”为 0.118、“实施前”为 0.179，其余各项相同；“达标路径实施后”" in said
    # no recruits, or another year: nothing to add (the generic reason stays)
    assert doc_recruit_difference({**doc, "staffing": {"schools": []}}) == "两者相同"
    assert doc_recruit_difference({**doc, "layout_year": 2029}) == ""
    assert doc_recruit_difference({**doc, "layout_forecast": False}) == ""


def test_recruits_that_move_no_cv_at_three_decimals_are_still_named():
    from junheng.planning.cv_recruits import recruit_difference

    cvs = {"primary": {"backbone_teachers_per_100": 0.49341}}  # 0.493 and 0.493
    assert recruit_difference({"primary": 2, "junior": 5}, cvs, {"primary": {"backbone_teachers_per_100": 0.49349}},
                              {}) == ("两者只差布局方案按编制招聘的 2 名小学教师、5 名初中教师（“调整后”计入，“实施前”不计，"
                                      "其招聘由达标路径另列），各项差异系数在三位小数内相同")


def test_the_layout_plan_s_cv_note_ends_with_it():
    plan = NS(year=2025, target_year=2030, rules={FORECAST_RULE: True})
    head, note = cv_before_basis(plan)
    assert head == "调整前（2030 学年不调整布局，计入 2030 学年前建成项目）"
    assert note.endswith("“调整后”为同一学年按本方案调整后的县域。差异系数和各校学生数按招生预测计算（布局调整方案"
                         "未调整的学校为其招生预测数，调整的学校为招生预测数加减方案转入、转出的学生，民办学校为其招生"
                         "预测数）；布局调整方案和达标路径《整改措施》的各校学生数相同；" + SAME_STATE + "。")


def test_other_pupils_keep_their_own_note():
    # the layout's village-based pupils: the two documents' CVs differ a little even in one state
    assert cv_pupils(False) == CV_PUPILS_LAYOUT
    assert SAME_STATE not in CV_PUPILS_LAYOUT


def test_the_workbook_note_says_the_recruits_not_that_the_columns_agree():
    """达标路径工作簿「方案说明」 and 整改措施's last notes (review rv10 6): 「两者相同」 above 0.118 | 0.179."""
    from junheng.planning.compliance_layout import cv_basis_note
    from junheng.planning.cv_recruits import plan_recruit_difference
    from junheng.planning.layout_outcome import CvComparison, LayoutOutcome

    layout = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, evaluation=CvComparison({}, {}, ()),
                           rules={FORECAST_RULE: True})
    before = NS(stages={"junior": NS(indicators={"higher_degree_teachers_per_100": NS(cv=0.179272)})})
    hired = {"schools": [{"stage": "junior", "hire": 40}]}
    said = plan_recruit_difference({"junior": {"higher_degree_teachers_per_100": 0.118059}}, hired, before)
    assert cv_basis_note(layout, 2030, said).endswith(
        "民办学校取其招生预测）；两者只差布局方案按编制招聘的 40 名初中教师（“调整后”计入，“实施前”不计，其招聘由达标路径"
        "另列），故初中每百名学生拥有高于规定学历教师数差异系数“调整后”为 0.118、“实施前”为 0.179，其余各项相同"
        "（两列并列于“差异系数”表）。")
    assert plan_recruit_difference(None, hired, before) == "两者相同"


def test_a_cv_without_a_name_given_reads_its_chinese_name_never_its_key():
    from junheng.planning.cv_recruits import recruit_difference

    said = recruit_difference({"junior": 1}, {"junior": {"composite": 0.3}}, {"junior": {"composite": 0.4}}, {})
    assert said.endswith("故初中综合差异系数“调整后”为 0.300、“实施前”为 0.400，其余各项相同")
