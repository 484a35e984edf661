"""The layout's yearly running change by part from the figures its table prints (review rv 10:
校车运行费用 「28.25」 in 整改措施 beside 255.03 − 226.79 = 28.24 in 调整前后对比, and the
parts −297.29 − 3.62 + 28.25 = −272.66 beside a whole of −272.67)."""

from __future__ import annotations

from junheng.planning.layout_costs import SPENT_PARTS
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_spending import running_change
from junheng.planning.plans_budget import running_parts


def test_each_part_is_the_difference_of_the_printed_figures_and_they_add_up_to_the_whole():
    # 校车: 2,267,851 元 prints 226.79 万元, 2,550,349 prints 255.03; unrounded the change is
    # 282,498 元 = 28.2498 → 28.25, printed 255.03 − 226.79 = 28.24.
    # 寄宿: 12,512,649 → 1,251.26, 12,476,351 → 1,247.64: −3.62 (unrounded −3.6298 → −3.63)
    # (the other parts 0: the table rounds the parts only where it has them all)
    zero = dict.fromkeys(SPENT_PARTS, 0.0)
    before = {**zero, "school_bus_yuan": 2_267_851.0, "boarding_cost_yuan": 12_512_649.0}
    after = {**zero, "school_bus_yuan": 2_550_349.0, "boarding_cost_yuan": 12_476_351.0}
    plan = LayoutOutcome("optimal", (), {
        "before": {**before, "operating_yuan": sum(before.values())},
        "after": {**after, "operating_yuan": sum(after.values())}}, year=2025)
    # boarding's fall is a saving at the set price, said apart and last (brief hwords3 1)
    assert running_parts(plan) == [["校车运行费用", 28.24, ""], ["寄宿生管理费用（另列，不计入）", -3.62, ""]]
    # the whole, as printed: (1,247.64 + 255.03) − (1,251.26 + 226.79) = 24.62 = −3.62 + 28.24;
    # counted without boarding's −3.62: 28.24 (it was 24.62)
    change = running_change(plan)
    assert round(change.whole_yuan / 10_000, 2) == 24.62 and round(change.traced_yuan / 10_000, 2) == 28.24
