"""One hall rule for both plans (planning.halls): the 达标路径's smallest and largest hall and
its price are the layout's, so a receiver's hall is priced as the 达标路径 builds it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_data import gym_limits
from junheng.planning.halls import cheapest_hall, hall_limits, hall_yuan
from junheng.planning.layout_config import Costs


def test_the_layout_takes_the_halls_limits_and_price_from_the_compliance_price_file():
    costs = load_costs()
    k = Costs()
    # costs.yaml: land.gym_min_area 800, land.gym_max_area 3000, gym 0.42 万元 a m²
    assert (k.gym_min_area_m2, k.gym_max_area_m2, k.gym_yuan_per_m2) == (800.0, 3000.0, 4200.0)
    assert (costs.gym_min_area, costs.gym_max_area, hall_yuan(costs)) == (800.0, 3000.0, 4200.0)


def test_the_compliance_limits_are_the_shared_rule():
    # a school with 高中 whose compulsory share is 0.3: 800 × 0.3 = 240 m² at least, 3,000 ×
    # 0.3 = 900 at most; a layout hall of 100 m² there already leaves 140 and 800
    costs = replace(load_costs(), gym_min_area=800.0, gym_max_area=3000.0)
    share, built = np.array([0.3, 0.3, 1.0]), np.array([0.0, 100.0, 0.0])
    ours = [a.tolist() for a in gym_limits(share, built, costs)]
    assert ours == [a.tolist() for a in hall_limits(share, built, 800.0, 3000.0)]
    assert ours == [[240.0, 140.0, 800.0], [900.0, 800.0, 3000.0]]


def test_a_small_shortfall_builds_the_whole_hall_or_none_whichever_weighs_less():
    # weight 10,000 元 a m², hall 4,200: an 800 m² hall (3,360,000 元) beats the weight of
    # more than 336 m²; 300 m² short: no hall, 300 m² left (3,000,000 元 of weight); 400 m²
    # short: the 800 m² hall; a field (no limits, infinite cap) always the field
    g, u = cheapest_hall(np.array([300.0, 400.0, 300.0, 0.0]),
                         np.array([800.0, 800.0, 0.0, 800.0]),
                         np.array([3000.0, 3000.0, np.inf, 3000.0]),
                         np.array([4200.0, 4200.0, 900.0, 4200.0]), 10_000.0)
    assert g.tolist() == [0.0, 800.0, 300.0, 0.0]
    assert u.tolist() == [300.0, 0.0, 0.0, 0.0]
