"""Hires at a school the layout opens before the target year are paid from the year they
start (review rv14 N2), and the words that give the yearly items' years say so."""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_json import recurring_said
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.plans_combined import combined_years


def test_the_combined_years_start_with_the_first_hire_paid():
    # target 2028, 2 years each: a hire starting 2027 (a school opening then) is paid 2027 and
    # 2028, one starting 2028 in 2028 and 2029: the yearly span is 2027—2029, each item 2 years
    plan = LayoutOutcome("optimal", (PlannedSchool("B", "乙", "expand", phase=2, capital_yuan=0.0),),
                         {"before": {"operating_yuan": 0.0}, "after": {"operating_yuan": 0.0}}, year=2025)
    frame = pd.DataFrame({"project": ["teachers", "teachers"], "annual_cost": [5.0, 3.0],
                          "funding": [{2027: 5.0, 2028: 5.0}, {2028: 3.0, 2029: 3.0}]})
    by = combined_years(plan, frame, 2028, 2)
    assert by["recurring_years"] == [2027, 2028, 2029]
    assert by["recurring_each"] == 2
    # 5 in 2027, 5 + 3 in 2028 and in 2029: a hire's pay lasts once it starts (brief hwords4, rv15
    # 13: 「每年经常性支出…持续支出」, never cut after its years), so the first hire is paid in 2029 too
    assert by["compliance_yearly"][by["years"].index(2027):] == [5.0, 8.0, 8.0]


def test_the_item_list_title_says_each_item_is_paid_for_its_own_years():
    doc = {"costs": {"recurring_years": 5}, "totals": {"annual": 90.0, "recurring_years": [2029, 2034]}}
    assert recurring_said(doc) == ("其中每年经常性支出 90.00 万元，计 2029—2034 学年"
                                   "（每项自开始支付的学年起计 5 年）")
    doc["totals"]["recurring_years"] = [2030, 2034]
    assert recurring_said(doc) == "其中每年经常性支出 90.00 万元，计 2030—2034 学年共 5 年"
