"""Planner review tb 5: 「一次性 4,476.85 万元 + 5 年经常性 175.01 万元」 beside a table of 5 × 35.00 =
175.00: the total was rounded from the unrounded costs, the recurring part taken as the rest.
The totals are now the sums of the parts as each action shows them (rounded to 0.01 万元)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.planning.compliance_json import _totals, money_words


def test_the_total_is_the_sum_of_the_parts_as_shown():
    # two one-off actions of 10.004 万元 show as 10.00 each: one-off 20.00 (the raw 20.008 was
    # 20.01); a yearly 35.00 for 5 years, 175.00; total 195.00 (the raw sum gave 195.01)
    actions = pd.DataFrame({"cost": [10.004, 10.004, 175.0], "annual_cost": [0.0, 0.0, 35.0],
                            "funding": [{}, {}, {2030: 35.0}], "project": ["sports"] * 3})
    totals = _totals(SimpleNamespace(actions=actions, totals_by_year=dict))
    assert (totals["total"], totals["one_off"], totals["annual"]) == (195.0, 20.0, 35.0)
    # the sentence says the two apart (never added: te), each as the sum of the shown parts
    assert money_words({"costs": {"recurring_years": 5}, "totals": totals}) == (
        "一次性投入 20.00 万元；另每年经常性支出 35.00 万元（2030 学年，单独列示，不与一次性投入相加）")
