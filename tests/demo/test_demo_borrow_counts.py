"""Review rv18 finding 2 on the demo county: the 临时周转 rooms of 东城小学, 实验中学 and 第四中学
counted three ways, each named where it is printed.

The solve priced 1, 2 and 1 rooms (plan.json ``temporary_classrooms``, 4 × 420,000 ÷ 20 =
84,000 元 a year in its objective, on which 最优 is proven); the 过渡期, class by class and
grade by grade, borrows 0, 3 and 2 in 2030 (``temporary_target``: the 「规划年 2030 学年 2 所学校
共 5 间」, 5 × 420,000 ÷ 20 = 105,000 元 a year) and at most 2, 12 and 2 in a school year
(``temporary_most``: the workbook's 各学年最多)."""

from __future__ import annotations

import json

from demo_helpers import docx_text as _docx
from demo_helpers import xlsx_text as _xlsx

SCHOOLS = {"4103310006": "洛北县东城小学", "4103310011": "洛北县实验中学", "4103310013": "洛北县第四中学"}


def test_the_three_counts_are_named_apart_and_the_solve_s_priced_rooms_said_beside_optimal(demo_run):
    plan = json.loads((demo_run.out / "layout" / "plan.json").read_text(encoding="utf-8"))
    counts = {s["school_id"]: (s["temporary_classrooms"], s["temporary_target"], s["temporary_most"])
              for s in plan["schools"] if s["school_id"] in SCHOOLS}
    assert counts == {"4103310006": (1, 0, 2), "4103310011": (2, 3, 12), "4103310013": (1, 2, 2)}
    layout = _docx(demo_run.out / "布局调整方案.docx")
    assert ("最优（与下界差 0.0063%，在容差 0.01% 内）（求解模型计入以临时周转解决的教室 4 间，过渡期逐年按年级编班后"
            "规划年 2030 学年借用 5 间，见“求解信息”的综合评价值行）") in layout
    assert ("求解器按学段学位和现有年级比例计教室，计入以临时周转解决的教室 4 间（洛北县东城小学 1 间、洛北县实验中学 2 间、"
            "洛北县第四中学 1 间），建设投资年均摊 8.40 万元，最优和差距只对此成立；过渡期逐校逐年按预测的年级人数编班后，"
            "规划年 2030 学年借用 5 间（洛北县东城小学不借用、洛北县实验中学 3 间、洛北县第四中学 2 间），按新建计年均摊 "
            "10.50 万元，多出的 2.10 万元不在求解器的目标值内") in layout
    sheet = _xlsx(demo_run.out / "layout" / "布局调整方案工作簿.xlsx", "调整方案")
    assert "临时周转教室（各学年最多，间）" in sheet and "规划年 2030 学年临时周转教室（间，不新建）" in sheet
