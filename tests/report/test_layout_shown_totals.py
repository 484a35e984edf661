"""The layout plan's totals are the sums of the parts it shows (review rv2 finding 10:
运行支出合计 6,426.01 万元 beside parts adding to 6,426.00; 综合评价值 6,184.01 vs 6,184.02;
表5 权重 2,047.11 vs 1,356.59 + 90.53 + 600.00 = 2,047.12)."""

from __future__ import annotations

from junheng.planning.layout_options import option_facts
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_spending import CLOSED_REST, REST, running_steps, step_words
from junheng.planning.plans_combined import _layout_change
from junheng.report.layout_money_text import spending_headline
from junheng.report.layout_xlsx import comparison_text

# parts in whole 元 whose 0.01 万元 figures add to less than their total's: 124.00 + 41.10 +
# 0.00 + 0.00 + 0.00 + 359.58 + 0.00 = 524.68 where 5,246,829 元 reads 524.68 — and the
# weights 135.66 + 9.05 + 60.00 = 204.71 where 2,047,148 元 reads 204.71 — chosen so that the
# unrounded 综合评价值 5,246,829 − 3,595,776 + 2,047,148 + 360,984 = 4,059,185 reads 405.92
# while its shown parts give 524.68 − 359.58 + 204.71 + 36.10 = 405.91
COLUMN = {"operating_site_yuan": 1_240_004.0, "funding_floor_yuan": 411_049.0,
          "boarding_cost_yuan": 0.0, "school_bus_yuan": 0.0, "transport_yuan": 0.0,
          "operating_pupil_yuan": 3_595_776.0, "hire_staff_yuan": 0.0,
          "operating_yuan": 5_246_829.0, "travel_weight_yuan": 1_356_649.0,
          "staff_weight_yuan": 90_499.0, "capital_annual_yuan": 360_984.0,
          "hall_beyond_weight_yuan": 600_000.0,
          "objective_yuan": 4_059_185.0}


def test_the_totals_shown_are_the_sums_of_the_parts_shown():
    # after: 64.00 + 41.11 (411,051 元) + 359.58 = 464.69 where 4,646,831 元 reads 464.68;
    # the change −59.99 (not −60.00), the score 464.69 − 359.58 + 204.71 + 36.10 = 345.92
    after = {**COLUMN, "operating_site_yuan": 640_004.0, "funding_floor_yuan": 411_051.0,
             "operating_yuan": 4_646_831.0, "objective_yuan": 3_459_187.0}
    plan = LayoutOutcome("optimal", (), {"before": COLUMN, "after": after}, year=2025,
                         target_year=2027)
    rows = {r[0]: r[1:] for r in comparison_text(plan)}
    assert rows["财政支出：运行支出合计（每年）"][1:] == ["524.68 万元", "464.69 万元", "-59.99 万元"]
    score = next(v for k, v in rows.items() if k.startswith("综合评价值"))
    assert score[1:] == ["405.91 万元", "345.92 万元", "-59.99 万元"]
    assert "每年运行支出由 524.68 万元变为 464.69 万元（每年减少 59.99 万元" in spending_headline(plan)
    facts = option_facts(plan)
    # 135.66 + 9.05 + 60.00 (权重, not 建设投资年均摊) = 204.71
    assert (facts["operating_yuan"], facts["objective_yuan"], round(facts["weights_yuan"])) == (
        4_646_900.0, 3_459_200.0, 2_047_100)
    # the yearly running change of the year tables and the two plans together: the same −59.99
    assert sum(v for by in running_steps(plan).values() for v in by.values()) == -599_900.0
    assert _layout_change(plan) == -5_999


def test_no_rounding_remainder_is_shown_as_a_running_change():
    # review rv3 finding 6: the demo's parts (floor 454.32 → 39.53, boarding 1,251.26 →
    # 1,247.64, bus 228.26 → 256.51) change by −414.79 − 3.62 + 28.25 = −390.16 as shown but
    # by −390.1693 in whole 元; the total (a sum of shown parts) moved −400.16, so the
    # unrounded parts left 93 元 that read 「学生调整带来的…变化每年 0.01 万元」
    parts = {"boarding_cost_yuan": 12_512_629.0, "school_bus_yuan": 2_282_607.0,
             "transport_yuan": 0.0, "operating_pupil_yuan": 28_421_640.0,
             "hire_staff_yuan": 4_000_000.0}
    before = {**parts, "operating_site_yuan": 38_400.0, "funding_floor_yuan": 4_543_200.0,
              "operating_yuan": 51_798_476.0}
    after = {**parts, "operating_site_yuan": 19_200.0, "funding_floor_yuan": 395_280.0,
             "boarding_cost_yuan": 12_476_402.0, "school_bus_yuan": 2_565_061.0,
             "operating_yuan": 47_877_583.0}
    plan = LayoutOutcome("optimal", (PlannedSchool("P", "甲教学点", "close", phase=2,
                                                   students_expected=30),),
                         {"before": before, "after": after}, year=2025, target_year=2027,
                         weights={"operating_yuan_per_school": 19_200})
    # 5,179.85 → 4,787.76: −1.92 for the closure (at the shipped price, 1.92 万元 a site since brief
    # hguard, apart: review rv 1),
    # −390.16 its share, nothing left over; less boarding's −3.62, a fall at the set price said
    # apart (brief hwords3 1): −414.79 + 28.25 = −386.54
    assert running_steps(plan) == {2027: {"closed_rest": -3_865_400.0}}
    assert REST not in step_words(plan)[2027]
    assert step_words(plan)[2027].startswith(f"{CLOSED_REST}（公用经费保底按目前实际拨付计）每年 -386.54 万元；")
