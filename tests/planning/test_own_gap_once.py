"""A receiver's own sports gap without the plan is rounded once (rv9 / rv8 finding 13): the
demo's 第三初级中学 read 「已缺的 3,608 平方米」 in 表3 and 「留足本校自身缺口 3,609 平方米…后余
284 平方米」 in the note, its exact gap 3,608.116 m² (the ground left floored, the gap's
3,608.116 → 284.884 → 284, so the note's gap read 3,893 − 284 = 3,609)."""

from __future__ import annotations

import pandas as pd

from junheng.planning import load_layout_config
from junheng.planning.layout_areas import area_terms, planned_areas, sports_ground_text
from junheng.planning.layout_config import Costs
from junheng.planning.layout_land import whole_ground_left


def _terms():
    """area_terms of one 城镇 junior school like 第三初级中学: 740 pupils expected, 2,936 m² of
    sports area today, 3,893 m² of spare ground, all of it compulsory."""
    return area_terms(pd.Series([True]), pd.DataFrame({"primary": [0.0], "junior": [740.0]}),
                      teaching_area=pd.Series([50_000.0]), sports_area=pd.Series([2_936.0]),
                      share=pd.Series([1.0]), rural=pd.Series([False]), costs=Costs(),
                      ground=pd.Series([3_893.0])).iloc[0]


def test_the_ground_left_is_the_spare_ground_less_the_rounded_own_gap():
    # 740 × 8.8434 = 6,544.116 m² needed − 2,936 = 3,608.116, rounded once 3,608;
    # 3,893 − 3,608 = 285 left for the layout (before: ⌊3,893 − 3,608.116⌋ = ⌊284.884⌋ = 284)
    t = _terms()
    assert round(t["area_sports_have"] - t["area_sports_now"], 3) == 3_608.116
    assert (t["area_ground_left"], t["area_field_cap"]) == (285.0, 285.0)
    w = whole_ground_left([t["area_ground_whole"]], [t["area_sports_have"]], [t["area_sports_now"]])
    assert w.tolist() == [285.0]


def test_the_layout_and_the_own_gap_fill_the_ground_exactly():
    # 875 planned: 875 × 8.8434 = 7,737.975 − 6,544.116 = 1,193.859 m² short, a field on the
    # 285 left and 1,193.859 − 285 = 908.859 → 909 of land; 3,608 + 285 = 3,893, nothing over
    # (before: 284 + 910, and 3,609 + 284 = 3,893 beside 表3's 3,608)
    r = planned_areas(pd.DataFrame([_terms()]), load_layout_config(None), pd.Series([0.0]),
                      pd.Series([875.0]), pd.Series([0.0])).iloc[0]
    assert (r["added_sports_area"], r["sports_land_area"], bool(r["sports_field"])) == (285.0, 909.0, True)
    assert 3_608 + r["added_sports_area"] == 3_893


def test_every_text_says_the_one_gap_and_the_parts_add_up():
    # a field of 284 m² on the 285 left: 「缺口 3,608 … 后余 285」, 3,608 + 285 = 3,893 and
    # 3,893 − 3,608 − 284 = 1 m² still free after both plans (before: 「缺口 3,609 … 后余 284」)
    t = _terms()
    text = sports_ground_text(284.0, 1.0, 3_893.0, 600.0, 900.0, True, left=t["area_ground_left"])
    assert text == ("；校内空地（两个方案建设前）至少 3,893 平方米，留足本校自身缺口 3,608 平方米"
                    "（由达标路径补足）后余 285 平方米，可以容纳")
