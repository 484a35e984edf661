"""Brief hsave 2: the note under each CV table said 「同一学年的差异系数相同」 while the same
documents gave 2030's 初中 averages of three states, 布局调整后 13.2 / 达标路径实施后 14.1 /
另征用相邻用地后 14.7 平方米; the note now says the same CV is the same state's in the same year,
and that the other states differ and are labelled."""

from __future__ import annotations

from types import SimpleNamespace as NS

from junheng.planning.compliance_layout import CV_PUPILS_LAYOUT, cv_pupils
from junheng.planning.layout_forecast import FORECAST_RULE
from junheng.report.plan_rows import cv_before_basis

SAME_STATE = ("同一学年、同一状态的差异系数相同（布局调整方案的“调整后”与达标路径的“实施前”为同一状态）；"
              "“达标路径实施后”“另征用相邻用地后”等其他状态的各校学生、校舍、场地或教师不同，差异系数和全县平均也不同，"
              "文中分别标明")


def test_the_same_pupils_give_the_same_cv_only_for_the_same_state():
    note = cv_pupils(True)
    assert note.endswith("布局调整方案和达标路径《整改措施》的各校学生数相同，" + SAME_STATE)
    assert cv_pupils(True, compliance=True) == note  # the 整改措施 and 自评报告 say it too
    assert "同一学年的差异系数相同" not in note


def test_the_layout_plan_s_cv_note_ends_with_it():
    plan = NS(year=2025, target_year=2030, rules={FORECAST_RULE: True})
    head, note = cv_before_basis(plan)
    assert head == "调整前（2030 学年不调整布局，计入 2030 学年前建成项目）"
    assert note.endswith("“调整后”为同一学年按本方案调整后的县域。差异系数和各校学生数按招生预测计算（布局调整方案"
                         "未调整的学校为其招生预测数，调整的学校为招生预测数加减方案转入、转出的学生，民办学校为其招生"
                         "预测数）；布局调整方案和达标路径《整改措施》的各校学生数相同，" + SAME_STATE + "。")


def test_other_pupils_keep_their_own_note():
    # the layout's village-based pupils: the two documents' CVs differ a little even in one state
    assert cv_pupils(False) == CV_PUPILS_LAYOUT
    assert SAME_STATE not in CV_PUPILS_LAYOUT
