"""Review rv14 N10: 整改 called 红林镇袁桥村小学 「撤并候选」 while the 方案 kept it for a 2030 复核;
after a layout plan the small schools the 达标路径 lists carry the layout's status
(planning.compliance_kept)."""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_kept import small_schools_text, with_layout_status
from junheng.planning.layout_outcome import LayoutOutcome

#: the layout reason of a school kept for review, as layout_small.review_reason writes it
REVIEW = ("保留，2030 学年复核：现有在校生 159 人，不是小规模学校；2030 学年预计 85 人（预测区间 61—112 人），"
          "比现有在校生少 74 人（减少 47%），…不撤并，不计入撤并数；2030 学年按实际在校生复核，少于 100 人的再论证撤并。")


def layout() -> LayoutOutcome:
    return LayoutOutcome("optimal", (), {}, kept_reasons={"Y": REVIEW, "P": "方案指定保留。"})


def test_each_small_school_gets_the_layouts_status_and_a_teaching_point_none():
    left = pd.DataFrame({"school_id": ["Y", "P", "T"], "name": ["红林镇袁桥村小学", "某村小学", "某教学点"],
                         "kind": ["small_school", "small_school", "teaching_point"], "students": [85, 60, 12],
                         "central_school": [None, None, "C"], "cost": [1.5, 0.0, 0.0]})
    got = with_layout_status(left, layout())
    assert got["layout_status"].tolist() == [
        "布局调整方案保留，2030 学年按实际在校生复核，少于 100 人的再论证撤并", "布局调整方案保留", ""]


def test_the_sentence_repeats_the_layouts_status_and_never_says_closure_candidate():
    rows = with_layout_status(pd.DataFrame({
        "school_id": ["Y"], "name": ["红林镇袁桥村小学"], "kind": ["small_school"], "students": [85],
        "central_school": [None], "cost": [1.5]}), layout()).to_dict("records")
    assert small_schools_text(rows) == (
        "目标学年不足 100 人的小规模学校 1 所：红林镇袁桥村小学（85 人，本方案在该校投资 1.50 万元；布局调整方案保留，2030 学年按实际"
        "在校生复核，少于 100 人的再论证撤并）。其去留以布局调整方案为准，本方案按保留安排投资。")


def test_without_a_layout_plan_the_small_schools_stay_closure_candidates():
    said = small_schools_text([{"name": "甲村小学", "students": 40, "cost": 0.0}])
    assert said == ("目标学年不足 100 人的小规模学校 1 所：甲村小学（40 人，本方案在该校无投资）。这些学校是布局调整的撤并候选，"
                    "如布局调整方案将其撤并，相应投资可以不再安排。")
