"""Brief hc2 (review rv): the decisions a 局务会 must take, said where they are decided."""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_json import assumed_passing
from junheng.report.compliance_xlsx import passing_text


def test_a_school_passing_on_assumed_figures_is_counted_apart_as_to_verify():
    # rv 12: 43 of 44 primary units pass, one of them the new 城东新区第二小学 counted on the
    # layout's assumed equipment: 43 − 1 = 42 said passing, the one 待核实
    units = pd.DataFrame({"school_id": ["N", "A", "B", "N"],
                          "stage": ["primary", "primary", "primary", "junior"],
                          "name": ["城东新区第二小学", "甲小学", "乙小学", "城东新区第二小学"],
                          "passes": [True, True, False, True]})
    named = assumed_passing(units, "primary", frozenset({"N"}))
    assert named == ["城东新区第二小学"]
    assert passing_text({"units": 44, "passing": 43, "assumed_passing": named}) == (
        "42/44，另 1 所（城东新区第二小学）按假设值计，待核实")
    # a failing assumed unit is not named (it is not counted as passing); none assumed: as before
    assert assumed_passing(units.assign(passes=[False, True, True, True]), "primary", frozenset({"N"})) == []
    assert assumed_passing(units, "primary", frozenset()) == []
    assert passing_text({"units": 18, "passing": 14}) == "14/18"
    assert passing_text({"units": 18, "passing": None}) == "—/18"
