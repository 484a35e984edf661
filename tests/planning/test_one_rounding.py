"""Review rv8 finding 13: 第三初级中学's m² rounded apart in three places — 表3 「已缺的 3,608」,
the 说明 「留足本校自身缺口 3,609 … 后余 284」, 表4 「占用 3,893 … 后余 0」 beside the 整改措施's
「3,892（284 + 3,608）… 后余 1」. The ground and each build are rounded once and what is left
is derived, so the figures add up on the page."""

from __future__ import annotations

from junheng.planning.layout_areas import sports_ground_text
from junheng.planning.layout_ground import ground_text

# the demo's school: 740 pupils × 8.8434 m² = 6,544.116 m² needed, 2,936 m² now: its own gap
# 3,608.116 m²; spare ground 3,892.6 m² (shown 3,893); this plan's field 284 m²
OWN = 740 * 8.8434 - 2_936
SPARE = 3_892.6


def test_the_layout_derives_what_its_own_gap_leaves():
    left = SPARE - OWN  # 284.484 m² left for this plan
    said = sports_ground_text(284.0, 1.0, SPARE, 600.0, 900.0, True, left=left)
    # 3,893 − 3,608 = 285 (表3's 3,608, not 3,893 − 284 = 3,609), and 284 ≤ 285 fits
    assert said == ("；校内空地（两个方案建设前）至少 3,893 平方米，留足本校自身缺口 3,608 平方米（由达标路径补足）"
                    "后余 285 平方米，可以容纳")
    assert "3,609" not in said


def test_the_rooms_ground_says_what_both_plans_take_as_the_steps_do():
    room = SPARE - 284.0 - OWN  # 0.484 m² left once both plans' fields are laid
    said = ground_text("洛北县第三初级中学", 4, SPARE, 100.0, room)
    # taken 284 + 3,608.116 = 3,892.116 → 3,892 (the 整改措施's 284 + 3,608); 3,893 − 3,892 = 1
    assert ("校内空地至少 3,893 平方米，补足规划年体育运动场馆面积（布局调整与达标路径）占用 3,892 平方米后余 1 平方米，"
            "按数据不能确认有搭建的空地") in said
