"""Review rv28 7: 「洛北县城关第一小学规划后 1,477 人，比分流下限 1,483 人少 6 人」 under the words
「保留学校至少留住规划年生源的一定比例」: a reader computes 0.8 × 2,011 = 1,609 and cannot get
1,483. The floor is computed by layout_rules.relief_terms; the plan carries its figures
(PlannedSchool.floor_terms) and 未满足的规则 states the sum once, with the school's numbers."""

from __future__ import annotations

import pandas as pd

from junheng.planning import load_layout_config
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_rules import floor_fields, relief_terms
from junheng.planning.layout_unmet import relief_text

GROWTH = pd.DataFrame({"primary": 1.0, "junior": 1.0}, index=["A", "N"])


def _sites(pupils: int, seats: int) -> pd.DataFrame:
    """School A (``pupils`` expected, ``seats`` places, cap 2,000) and an empty new school N the
    plan keeps, 900 places."""
    sites = pd.DataFrame({"existing": True, "kind": "primary_school", "students_primary_now": [pupils, 0],
                          "students_junior_now": 0, "seats_primary": [seats, 900], "seats_junior": 0,
                          "size_cap": 2000, "may_close": False}, index=pd.Index(["A", "N"], name="site_id"))
    return sites.assign(pupils_now=sites["students_primary_now"], name=["城关一小", "新区小学"])


def _short(sites, customers, pairs, after: int) -> LayoutOutcome:
    """The plan keeping ``after`` pupils at A, its floor and figures as the planner writes them."""
    cfg = load_layout_config(keep=["N"])
    terms = relief_terms(sites, customers, pairs, cfg, GROWTH)
    row = sites.assign(expected=terms["expected"], floor_rule=terms["floor"], stay_floor=terms["floor"],
                       floor_overload=terms["overload"], floor_nearer=terms["nearer"]).loc["A"]
    school = PlannedSchool("A", "城关一小", "keep", students_after={"primary": after}, **floor_fields(row, cfg))
    return LayoutOutcome("optimal", (school,), {"after": {"relief_short_pupils": school.stay_floor - after}})


def test_the_floor_is_stated_as_the_sum_that_gives_it_not_as_a_share():
    # the demo's 城关第一小学: 2,011 expected, 1,980 seats: 31 over. At most 31 + 10 % × 2,011 =
    # 232.1 may leave (under the larger of 20 % × 2,011 = 402.2 and 31); village 0 (296) is
    # nearer the new school N, which has room: 2,011 − 232.1 − 296 = 1,482.9, 1,483 — not
    # 0.8 × 2,011 = 1,609. Kept 1,477: 6 short.
    customers = pd.DataFrame({"before_site": "A", "demand": [296.0, 1_000.0, 715.0], "group": "grades_1_3",
                              "zone_primary": "A", "zone_junior": None})
    pairs = pd.DataFrame({"customer": [0, 0, 1, 1, 2], "site_id": list("ANANA"),
                          "travel_min": [12.0, 5.0, 3.0, 20.0, 4.0]})
    plan = _short(_sites(2_011, 1_980), customers, pairs, 1_477)
    assert plan.schools[0].stay_floor == 1_483 != round(0.8 * 2_011)
    assert relief_text(plan) == (
        "保留学校的分流下限（保留学校规划后至少留住的学生）：城关一小规划后 1,477 人，比分流下限 1,483 人少 6 人"
        "（分流下限＝规划年不调整的生源 2,011 人 − 至多可分流的 232 人 − 由更近或新建、一定开办且有空余学位的学校接收的"
        "本校生源 296 人 ＝ 1,483 人，其中至多可分流的人数为超出学位或校额上限的 31 人加生源的 10%（201 人），但不超过生源的 "
        "20%（402 人）与超出人数中的较大者；邻近保留学校也须留住各自生源，通行时间限制内本校可留的学生不足）；"
        "可调整片区边界或降低分流下限比例解决")
    # the figures go through plan.json with the plan
    assert layout_from_json(layout_json(plan)).schools[0].floor_terms == {
        "floor": 1_483.0, "expected": 2_011.0, "overload": 31.0, "nearer": 296.0, "margin": 0.1, "share": 0.8}


def test_where_the_share_binds_the_sum_says_so_with_its_figures():
    # 2,300 expected, 1,800 seats: 500 over; 500 + 10 % × 2,300 = 730 is more than the larger of
    # 20 % × 2,300 = 460 and 500, so 500 leave: 2,300 − 500 = 1,800 (80 % would be 1,840); 23
    # villages of 100, none nearer elsewhere; the cap less one village (1,900) and the seats
    # (1,800) hold no lower. Kept 1,750: 50 short.
    customers = pd.DataFrame({"before_site": "A", "demand": [100.0] * 23, "group": "grades_1_3",
                              "zone_primary": "A", "zone_junior": None})
    pairs = pd.DataFrame({"customer": range(23), "site_id": "A", "travel_min": 5.0})
    plan = _short(_sites(2_300, 1_800), customers, pairs, 1_750)
    assert relief_text(plan).startswith(
        "保留学校的分流下限（保留学校规划后至少留住的学生）：城关一小规划后 1,750 人，比分流下限 1,800 人少 50 人"
        "（分流下限＝规划年不调整的生源 2,300 人 − 至多可分流的 500 人 ＝ 1,800 人，其中至多可分流的人数为超出学位或校额上限的 "
        "500 人加生源的 10%（230 人），但不超过生源的 20%（460 人）与超出人数中的较大者；")


def test_a_plan_stored_without_the_figures_says_the_floor_as_before():
    plan = LayoutOutcome("optimal", (PlannedSchool("A", "城关一小", "keep", stay_floor=1_483,
                                                   students_after={"primary": 1_477}),), {"after": {"relief_short_pupils": 6.0}})
    assert "比分流下限 1,483 人少 6 人（邻近保留学校也须留住各自生源" in relief_text(plan)
