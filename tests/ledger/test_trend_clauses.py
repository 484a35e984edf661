"""The 规划台账's trend clauses (「逐年下降：A → B」, 「低于上一年（A → B）」): one formatting rule,
:func:`junheng.model.numbers.trend_texts`, and a fall never reads as two equal figures or a rise
(review rv20 2: 中牟's 划片 row read 「逐年下降：2024 学年 96.8% → 2025 学年 96.8%」)."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from junheng.ledger.catalogue.county_records import _falls
from junheng.ledger.progress import assess
from junheng.ledger.run import falling_note
from junheng.model.numbers import trend_texts

FALL = re.compile(r"学年 ([\d,.]+)(%?) → \d{4} 学年 ([\d,.]+)(%?)")
PAIR = re.compile(r"（([\d,.]+)(%?) → ([\d,.]+)(%?)")


def _read(text: str) -> float:
    return float(text.replace(",", ""))


def test_the_zhongmu_row_says_the_fall_with_two_decimals():
    """中牟's 城区公办初中就近划片 row, values as the demo's ledger holds them: 0.96811… and
    0.96763…, 96.8 % both at one decimal, 96.81 % and 96.76 % at two (by hand: 96.811 → 96.81,
    96.764 → 96.76)."""
    values = {2024: 0.9681112019623875, 2025: 0.9676375404530745}
    done = assess(values, comparator=">=", target=0.95, baseline_year=2024, deadline=2025)
    assert falling_note(done, values, ">=", "share") == [
        "逐年下降：2024 学年 96.81% → 2025 学年 96.76%，目前仍达到目标"
    ]


def test_one_decimal_suffices_where_it_differs_and_the_projection_shares_it():
    """2,955 → 2,841 → 2,727 (by hand: slope −114 a year, 2027's line 2,499): whole numbers
    already differ, so no decimals are added; 90 % → 85 % (slope −5 points, 2026: 80 %)."""
    counts = {2023: 2955, 2024: 2841, 2025: 2727}
    done = assess(counts, comparator=">=", target=1000, baseline_year=2023, deadline=2027)
    assert falling_note(done, counts, ">=", "count") == [
        "逐年下降：2023 学年 2,955 → 2025 学年 2,727，按趋势到期预计 2,499，目前仍达到目标"
    ]
    shares = {2024: 0.90, 2025: 0.85}
    done = assess(shares, comparator=">=", target=0.82, baseline_year=2024, deadline=2026)
    assert falling_note(done, shares, ">=", "share") == [
        "逐年下降：2024 学年 90.0% → 2025 学年 85.0%，按趋势到期预计 80.0%，按此趋势到期将达不到目标"
    ]


def test_the_rule_itself():
    """Each case worked by hand: 12,226.004 and 12,226.001 agree to two decimals, differ at 3;
    0.5 and 0.5 never differ (None: nothing to say); a projection takes the pair's decimals."""
    assert trend_texts(12226.004, 12226.001) == ("12,226.004", "12,226.001")
    assert trend_texts(0.95312, 0.95309, 0.953, share=True, digits=1) == (
        "95.312%",
        "95.309%",
        "95.300%",
    )
    assert trend_texts(0.5, 0.5) is None
    assert trend_texts(3.0, 2.0, digits=2) == ("3", "2")


falling = st.lists(
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=2, max_size=4, unique=True
).map(lambda xs: sorted(xs, reverse=True))


@settings(max_examples=300, deadline=None)
@given(falling, st.sampled_from(["share", "count"]))
def test_a_printed_fall_is_a_fall(series, kind):
    """Any strictly falling series that still meets its target: the clause, when there is one,
    prints A > B (its two figures read as numbers), never A ≤ B."""
    scale = 1.0 if kind == "share" else 5000.0
    values = {2022 + i: v * scale for i, v in enumerate(series)}
    done = assess(values, comparator=">=", target=0.0, baseline_year=2022, deadline=2030)
    for note in falling_note(done, values, ">=", kind):
        first, _, second, _ = FALL.search(note).groups()
        assert _read(first) > _read(second), note


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=0.0, max_value=1e6, allow_nan=False),
    st.floats(min_value=0.0, max_value=1.0),
    st.sampled_from(["元", "比例", "万元"]),
)
def test_a_county_figure_said_lower_is_lower(before, drop, unit):
    """A 县级年度数据 series' 「低于上一年（A → B）」: A > B as printed, for any fall, however small."""
    value = before * (1 - drop) if unit != "比例" else (before / 1e6) * (1 - drop)
    first = before if unit != "比例" else before / 1e6
    text = _falls(pd.DataFrame({"year": [2021, 2022], "value": [first, value]}), unit)
    if found := PAIR.search(text):
        a, _, b, _ = found.groups()
        assert _read(a) > _read(b), text
