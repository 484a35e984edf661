"""Brief hstaff2 1: the forecast period's 消化 figures ride in ``plan.json``'s staffing ledger
(``staffing.forecast``, :func:`~junheng.planning.staffing_absorb.forecast_figures`), so the
布局调整方案 (its 逐年消化 and its 教师学段结构失衡), the 整改措施 and the 自评报告 (both of which
receive the ledger without the forecast) print one statement from one function
(:func:`~junheng.report.teacher_absorb.forecast_said`): before, the latter two stopped at the
plan year's 「仍富余 397 人」 while the 布局调整方案 said 「2033 学年开学时仍富余 435 人」."""

from __future__ import annotations

import pandas as pd

from junheng.planning.staffing_absorb import absorption, forecast_figures
from junheng.report.staffing_rows import imbalance_sentence
from junheng.report.teacher_absorb import absorb_paragraph

#: the demo's figures (tests/demo/test_demo_teachers_boarders): 2031–2033 at their own 编制
#: (988, 935, 912 against 1,068) absorb 43 + 36 + 39 = 118; 435 left in 2033; 1,068 − 912 = 156
DEMO = {"done": None, "last": 2033, "retired": 118, "cut": 156, "left": 435, "junior_more": -296}
STATEMENT = (
    "按教师出生年份和各学年预测学生核定的编制，预测期（至 2033 学年）内退休不补不能全部消化：2031—2033 学年"
    "退休不补 118 人，小学编制减少 156 人，2033 学年开学时仍富余 435 人（按该学年编制）；预测期后学生数未预测，"
    "能否消化无法判断"
)


def ledger(forecast=None) -> dict:
    """The demo's ledger in 2030 in brief: 635 primary over, 172 absorbed, 66 cover junior
    retirees' posts (635 − 172 − 66 = 397 left); 3 junior hires, 9 with the retirees."""
    doc = {
        "year": 2030,
        "county": {"hire": 3},
        "retirement": {"year": 2030, "unknown": 0, "by_stage": {"primary": 172, "junior": 72}},
        "transfer": {
            "filled": True,
            "teachers": 0,
            "candidates": 0,
            "short": [
                {
                    "name": "新初中",
                    "hire": 3,
                    "subjects": {"history": 3, "music": 1},
                    "over": {"other": 1},
                }
            ],
            "retire": {
                "retirees": 72,
                "teachers": 66,
                "subjects": {"math": 66},
                "short": {"history": 6},
            },
        },
        "schools": [
            {"stage": "primary", "need": 1068, "today": 1703, "hire": 0, "surplus": 635},
            {"stage": "junior", "need": 1119, "today": 1116, "hire": 3, "surplus": 0},
        ],
    }
    return doc if forecast is None else {**doc, "forecast": forecast}


def test_the_imbalance_carries_the_forecast_statement():
    said = imbalance_sentence(ledger(DEMO))
    # rv28 4: the forecast's figures end the one walk (635 − 66 − 172 = 397; 397 − 118 + 156 = 435),
    # not said again after 「由退休不补消化」
    assert said.split("。")[0].startswith(
        "教师学段结构失衡：小学按 2030 学年编制富余 635 人 → 转任补初中退休岗位 66 人 → 退休不补 172 人 → "
        "2030 学年开学时仍富余 397 人 → 2031—2033 学年退休不补 118 人、编制减少 156 人（富余随之增加）→ "
        "2033 学年开学时仍富余 435 人（按该学年编制；预测期后学生数未预测，能否消化无法判断）；而初中按编制需招聘 3 人")
    # 9 hires (3 + 6 retirees' posts) no primary teacher fills by subject (历史与地理): 397 left
    assert said.split("。")[1] == (
        "初中所需教师应先由小学富余教师转任解决（县管校聘调配，不是交流轮岗），不足部分再招聘；初中所需 9 人（历史与地理）"
        "无小学富余教师对口，不能转任；小学富余 397 人，建议富余消化前小学暂停招聘，由退休不补消化，"
        "不足的待编制核减或跨区县统筹"
    )
    assert STATEMENT not in said


def test_without_the_figures_the_imbalance_is_as_before():
    said = imbalance_sentence(ledger())
    assert (
        "小学富余 397 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹。"
        in said
        and "预测期" not in said
    )


def test_absorbed_within_the_forecast_adds_the_year():
    said = imbalance_sentence(ledger({**DEMO, "done": 2032}))
    assert "2030 学年开学时仍富余 397 人 → 退休不补至 2032 学年开学前全部消化；而初中" in said  # rv28 4: in the walk


def test_the_layout_plans_paragraph_prints_the_carried_figures():
    """The 布局调整方案's 逐年消化 reads the figures the ledger carries (one source), not a second
    count: a ledger carrying 435 prints 435 whatever the table's own years give."""
    teachers = pd.DataFrame(
        {
            "teacher_id": ["P1", "P2"],
            "school_id": "A",
            "stage": "primary",
            "full_time": True,
            "sex": "male",
            "birth_year": [1960, 1990],
            "birth_month": 7,
        }
    )
    doc = {
        "year": 2030,
        "retirement": {"year": 2030, "by_stage": {"primary": 1, "junior": 0}},
        "schools": [
            {
                "school_id": "A",
                "name": "甲小学",
                "stage": "primary",
                "need": 1,
                "today": 3,
                "hire": 0,
                "surplus": 2,
                "new_posts": 0,
                "moved_in": 0,
            }
        ],
    }
    # 2 over, P1 retired before 2030 absorbs 1: 1 left in 2030; 2031 the same 编制, none retires
    result = absorption(teachers, doc, 2029, shifts={2030: 0, 2031: 0})
    assert forecast_figures(result) == {
        "left_by_year": [[2030, 1]],
        "done": None,
        "last": 2031,
        "retired": 0,
        "cut": 0,
        "left": 1,
        "junior_more": None,
    }
    assert f"2030 学年开学时仍富余 1 人；{STATEMENT}；" in absorb_paragraph(
        result, {**doc, "forecast": DEMO}
    )
