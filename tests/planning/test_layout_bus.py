"""The school bus: who rides it (day pupils beyond ``school_bus_km`` and pupils who must board
but have no bed) and its yearly cost, ``weights.school_bus_yuan_per_pupil_year`` (default
3,000 元 a pupil), in the plan's spending before and after, the objective and the checker
(planner review: 1,288 pupils needed a bus, 49 bedless boarders were left out, and the
yearly cost had no bus in it)."""

from __future__ import annotations

import pandas as pd
import pytest
from layout_builders import FLAT_COSTS, line_county

from junheng.errors import ConfigError
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import check_plan
from junheng.planning.layout_costs import cost_parts
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_trips import trip_figures


def frame() -> pd.DataFrame:
    """(a) 12 day pupils of grades 4–6 at 9.2 km, 22 minutes: ride; (b) 30 pupils of grades
    7–9 who must board (40 minutes, 16 km) with beds for half: 15 ride daily; (c) 9 pupils of
    grades 1–3 at 4 km, 12 minutes: walk or are driven, not by bus."""
    return pd.DataFrame({"group": ["grades_4_6", "grades_7_9", "grades_1_3"],
                         "demand": [12, 30, 9], "travel_min": [22.0, 40.0, 12.0],
                         "distance_km": [9.2, 16.0, 4.0], "boarding": [False, True, False],
                         "board_share": [0.0, 0.5, 0.0]})


def test_bedless_boarders_ride_the_bus_and_are_counted_apart():
    cfg = load_layout_config()
    figures = trip_figures(frame(), cfg)
    # 12 beyond 5 km + (30 − 15 boarders) over the 30 minutes without a bed
    assert (figures["day_pupils_need_bus"], figures["bus_pupils_without_bed"]) == (27, 15)


def test_the_bus_is_priced_per_rider_and_the_subsidy_skips_riders():
    cfg = load_layout_config(weights={"transport_yuan_per_pupil_year": 800})
    parts = cost_parts(cfg, frame(), site_yuan=0, floor_yuan=0, capital=0, quotas={})
    # bus: 27 riders × 3,000 = 81,000; 交通补助: road 4 × 1.3 = 5.2 km > 3 only for (c), who
    # does not ride: 9 × 800 = 7,200 ((a) and the day half of (b) ride)
    assert (parts["school_bus_yuan"], parts["transport_yuan"]) == (81_000.0, 7_200.0)
    # boarding 15 × 1,500 = 22,500; the objective counts the spending
    assert parts["operating_yuan"] == 81_000 + 7_200 + 22_500
    free = cost_parts(load_layout_config(weights={"school_bus_yuan_per_pupil_year": 0}), frame(),
                      site_yuan=0, floor_yuan=0, capital=0, quotas={})
    assert free["school_bus_yuan"] == 0.0


def test_a_negative_bus_price_is_refused_with_its_key():
    with pytest.raises(ConfigError, match="“weights.school_bus_yuan_per_pupil_year”（校车运行费用）值 -1 无效：应不小于 0"):
        load_layout_config(weights={"school_bus_yuan_per_pupil_year": -1})


@pytest.mark.parametrize("price", [3000, 0])
def test_the_plan_spends_the_bus_before_and_after_and_the_checker_agrees(price):
    data = line_county()
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=False, cv_limits=False,
                             weights={**FLAT_COSTS, "school_bus_yuan_per_pupil_year": price})
    plan = plan_layout(data, cfg, evaluate_cvs=False)
    check_plan(plan.problem, layout_json(plan.outcome), data)  # its objective counts the bus
    for column in ("before", "after"):
        m = plan.outcome.metrics[column]
        # every rider here is a whole day pupil (no split beds): riders × the price
        assert m["school_bus_yuan"] == price * m["day_pupils_need_bus"]
        assert m["operating_yuan"] == sum(m[k] for k in (
            "operating_site_yuan", "funding_floor_yuan", "boarding_cost_yuan", "school_bus_yuan",
            "transport_yuan", "operating_pupil_yuan", "hire_staff_yuan"))
