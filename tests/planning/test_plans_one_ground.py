"""One sports-ground figure per school in both plans (brief hp 1–2), worked by hand.

第四中学 (demo): 12,701 m² spare ground, 15,327 m² of sports area today, 646 juniors planned
(695 expected without the plan) and the forecast's 高中 weighted 1.2 : 1, so its compulsory
share is 646 / (646 + 1.2 × 2,570) = 17.319 % by the plan's pupils (695 / 3,779 = 18.391 % by
the pupils expected). 新区实验学校 (demo): a 一贯制 school of 462 primary and 624 junior pupils,
its area split 462 : 1.1 × 624, the junior unit getting 686.4 / 1,148.4 = 59.77 %.
"""

from __future__ import annotations

from junheng.planning.compliance_sports_path import _school_text
from junheng.planning.layout_ground import ground_text, room_ground
from junheng.planning.sports_ground_words import shared_block, stage_part

#: 第四中学's site as the layout's area terms hold it: split by the pupils expected (18.391 %)
FOURTH = {"area_ground_whole": 12_701.0, "area_ground": 12_701 * 0.18391,
          "area_sports_now": 15_327 * 0.18391, "area_sports_primary": 0.0,
          "area_sports_junior": 8.8434}


def test_the_layout_splits_the_fourth_school_s_ground_by_the_plan_s_pupils_as_the_compliance_plan():
    # by the pupils expected: ⌊12,701 × 0.18391⌋ = 2,335 m² compulsory, a block of 2,335 /
    # 0.18391 = 12,696.4, 12,701 − 12,696.4 = 4.6 → 5 m² left (the layout's 12,696 / 5 before)
    assert room_ground(FOURTH, {"junior": 646}, "keep") == 5.0
    # by the plan's 646 juniors: ⌊12,701 × 0.17319⌋ = 2,199 (the 达标路径's field), a block of
    # 2,199 / 0.17319 = 12,697.0, 4 m² left: the figure of the 达标路径's 未解决事项 table
    assert room_ground(FOURTH, {"junior": 646}, "keep", 0.17319) == 4.0
    assert shared_block(2_199.0, 0.17319, 12_701.0) == (12_697, 4)
    assert ground_text("洛北县第四中学", 2, 12_701.0, 100.0, 4.0).startswith(
        "洛北县第四中学最多 2 间，按每间 100 平方米需 200 平方米，校内空地至少 12,701 平方米，"
        "补足规划年体育运动场馆面积（布局调整与达标路径）占用 12,697 平方米后余 4 平方米，按数据不能确认有搭建的空地")


def test_the_sports_path_says_the_fourth_school_s_block_and_what_it_leaves():
    # the 方案说明 said 「校内空地 12,701 平方米，已全部用于本方案的室外体育运动场地」 beside the
    # table's block of 12,697 and 4 m² left; the land to buy is 4,966 m² whole (860 juniors'),
    # so the ground needed in all is 12,697 + 4,966 = 17,663 m² (was 12,701 + 4,966 = 17,667)
    x = {"name": "洛北县第四中学", "stage": "junior", "short_m2": 860, "area_m2": 860,
         "built_m2": 4_966.0, "cost": 129.0, "spare_m2": 12_701, "layout_m2": 0, "hall_m2": 0,
         "block_m2": 12_697, "left_m2": 4}
    assert _school_text(x, 0.15).startswith(
        "洛北县第四中学（初中）缺 860 平方米（需要场地 17,663 平方米，校内空地（两个方案建设前）12,701 平方米，"
        "本方案建室外体育运动场地整块 12,697 平方米（与高中共用）后余 4 平方米），与高中共用：本方案为义务教育阶段用地 "
        "860 平方米（此项计价的面积）；按评估办法按学生拆分，全校须用地 4,966 平方米方能计足，其余 4,106 平方米为高中部分")


def test_a_nine_year_school_is_short_of_the_layout_s_whole_school_figure():
    # 新区实验学校: needs 8.8434 × (462 / 1.1 + 624) = 9,232.5 m² whole; has 8,771 (its own and the
    # layout's 2,122) + this plan's 276 field = 9,047, short 186 (the layout's 「186 平方米」). Its
    # junior unit has 9,047 × 0.5977 / 624 = 8.666 a pupil, short (8.8434 − 8.666) × 624 = 111
    # unit m²; 111 / 0.597701 = 185.7 → 186 whole. The path said 「缺 111 … 用地 186」.
    x = {"name": "洛北县新区实验学校", "stage": "junior", "short_m2": 111, "area_m2": 186,
         "built_m2": 186.0, "cost": 27.9, "spare_m2": 2_398, "layout_m2": 2_122, "hall_m2": 0}
    assert _school_text(x, 0.15) == (
        "洛北县新区实验学校（初中）缺 186 平方米（初中部分按评估办法按学生拆分计 111 平方米）（需要场地 462 平方米，"
        "校内空地（两个方案建设前）2,398 平方米，布局调整接收学校补足的体育运动场馆用去 2,122 平方米，余 276 平方米"
        "已全部用于本方案的室外体育运动场地），用地 186 平方米，27.90 万元")
    assert stage_part("初中", 111, 686.4 / 1_148.4) == "（为初中部分按评估办法按学生拆分所计，全校须补 186 平方米）"
