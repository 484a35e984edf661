"""Brief hn (a): every year move left out is named once, with why (planning.layout_shifts rule
5, planning.layout_stay_new): a community that would come back to its school and one that
would move twice, the latter found only once the former is left out (the demo: 光明社区 and
丰收路社区 come back, then 行政路社区 and 学府社区 would move twice).

The years by hand: school S (100 primary seats) holds V (60 pupils, 5 minutes from the new
school N), W (50, 8 minutes) and U (40, 10 minutes) in 2027: 150, 50 over. The target year
2028 places V at S, W at a third school X and U at N.
"""

from __future__ import annotations

from types import SimpleNamespace as NS

import pandas as pd

from junheng.planning.layout_overload import Overload
from junheng.planning.layout_pin_cost import bound_words
from junheng.planning.layout_shifts import _without_returns
from junheng.planning.layout_stay_new import Dropped, dropped_note

SITES = pd.DataFrame({"name": ["城关第一小学", "城东新区第二小学", "实验小学"],
                      "seats_primary": [100, 1000, 1000], "class_size_primary": [50, 50, 50]},
                     index=["S", "N", "X"])


def _per_year():
    """The years' overloads, rows (community, stage, school placed at, pupils, school today,
    stage group) and loads by (school, stage group); no grade shares (``mix`` gives none), so
    a school's pupils fill classes of 50 as one cohort: S's 100 seats are 2 rooms, its 150
    pupils 3 classes, 1 room short."""
    today = [(v, "primary", "S", n, "S", "grades_1_3") for v, n in (("V", 60.0), ("W", 50.0), ("U", 40.0))]
    target = [("V", "primary", "S", 60.0, "S", "grades_1_3"), ("W", "primary", "X", 50.0, "S", "grades_1_3"),
              ("U", "primary", "N", 40.0, "S", "grades_1_3")]
    none = lambda school: {}  # noqa: E731
    return {2027: ([Overload("S", "primary", 2027, 150, 100, 1)], today, {("S", "grades_1_3"): 150.0}, ["N"], none),
            2028: ([], target, {("S", "grades_1_3"): 60.0, ("X", "grades_1_3"): 50.0, ("N", "grades_1_3"): 40.0},
                   ["N"], none)}


def test_every_move_left_out_is_kept_with_why():
    # round 1: V nearest goes (150 - 60 = 90 pupils, ⌈90 / 50⌉ = 2 classes in 2 rooms, the move
    # stops); in 2028 V is at S again: out and back, V left out. Round 2: W next (150 - 50 =
    # 100, 2 classes); in 2028 W is at X: moved twice, W left out. Round 3: U (150 - 40 = 110,
    # 3 classes, still a room short, nobody else); in 2028
    # U is at N: it stays, the one move made. V is of the first moves (what rule 1 may pin),
    # W is not
    reach = {("V", "primary", "N"): 5.0, ("W", "primary", "N"): 8.0, ("U", "primary", "N"): 10.0}
    moves, left = _without_returns(_per_year(), reach, SITES)
    assert moves == ((2027, "U", "primary", "S", "N", 40, 10.0),)
    assert left == (Dropped((2027, "V", "primary", "S", "N", 60, 5.0), True, 2028, "S"),
                    Dropped((2027, "W", "primary", "S", "N", 50, 8.0), False, 2028, "X"))


def test_the_note_names_each_community_left_out_once_with_why():
    reach = {("V", "primary", "N"): 5.0, ("W", "primary", "N"): 8.0, ("U", "primary", "N"): 10.0}
    _moves, left = _without_returns(_per_year(), reach, SITES)
    problem = NS(sites=SITES, customers=pd.DataFrame({"village_code": ["V", "W", "U"],
                                                      "village_name": ["光明社区", "行政路社区", "学府社区"]}))
    tail = "；城关第一小学片区行政路社区小学 2028 学年转入实验小学，过渡期划入新校将两次转学；以上片区过渡期不划入新校，超出学位的学年以临时周转解决。"
    # V priced by rule 4 (the pinned plan's parts less the first plan's, layout_pin_cost)
    cost = "每年多支出 296.10 万元（全部为校车运行费用），综合评价值合计每年多 296.10 万元"
    priced = dropped_note(problem, NS(notes=()), left + left[:1], {("V", "primary", "S")}, cost)
    assert priced.notes == ("过渡期不划出再划回：城关第一小学片区光明社区小学规划年仍在原校就读，整体划入建设项目新建学校"
                            + cost + tail,)
    # by the LP bound (rule 4 on a slow county, 3,292,659 元: 329.27 万元 at least, weights in it)
    least = dropped_note(problem, NS(notes=()), left, {("V", "primary", "S")}, bound_words(3_292_659))
    assert "每年至少多 329.27 万元（为综合评价值之差的下限，含学生通行时间等按权重的折算，不全是财政支出，未逐项测算）；" \
        in least.notes[0]
    # not priced (no pin: rule 2, or no plan with it: rule 3): V said with the year it comes back
    plain = dropped_note(problem, NS(notes=()), left)
    assert plain.notes == ("过渡期不划出再划回：城关第一小学片区光明社区小学 2028 学年回到原校" + tail,)
