"""Status and projection rules, at their edges."""

from __future__ import annotations

import pytest

from junheng.ledger import Status, assess, compare, trend


def judge(values, comparator=">=", target=0.6, baseline=2023, deadline=2026, bounds=(0.0, 1.0)):
    return assess(values, comparator=comparator, target=target, baseline_year=baseline,
                  deadline=deadline, bounds=bounds)


def test_no_value_in_any_year_is_awaiting():
    assert judge({}).status is Status.AWAITING
    assert judge({2023: None, 2024: None}).status is Status.AWAITING


def test_latest_value_meeting_the_target_is_achieved_even_at_the_threshold():
    assert judge({2023: 0.40, 2024: 0.60}).status is Status.ACHIEVED


def test_earlier_success_does_not_count_when_the_latest_misses():
    # 2024 met, 2025 fell back to 0.55; trend 0.40 -> 0.55 over 2 years: slope 0.075,
    # fit(2023..2025) through (0.40, 0.65, 0.55): mean 0.5333, slope (0.15)/2 = 0.075,
    # projected 2026 = 0.5333 + 0.075 * 2 = 0.6833 >= 0.6 -> on track
    a = judge({2023: 0.40, 2024: 0.65, 2025: 0.55})
    assert a.met == {2023: False, 2024: True, 2025: False}
    assert a.status is Status.ON_TRACK
    assert a.projected == pytest.approx(0.68333333)


def test_only_the_baseline_year_is_stalled_and_has_no_projection():
    a = judge({2023: 0.40})
    assert a.status is Status.STALLED
    assert a.status.value == "无进展"
    assert a.projected is None


def test_a_value_standing_still_projects_itself_and_is_behind():
    # 72.7% -> 72.7% against 80%, 大校额 5 -> 5 against 0 (review rv finding 11): the flat line
    # reaches the deadline at 72.7% and 5, short of the target: 滞后 as the 说明 sheet defines it
    flat = judge({2023: 0.727, 2024: 0.727}, target=0.8)
    assert (flat.status.value, flat.projected) == ("滞后", pytest.approx(0.727))
    big = judge({2023: 5, 2024: 5}, comparator="<=", target=0, bounds=(0.0, None))
    assert (big.status.value, big.projected) == ("滞后", pytest.approx(5.0))
    assert judge({2023: 0.0, 2024: 0.0}).status is Status.BEHIND


def test_linear_projection_reaching_the_target_is_on_track():
    # 0.40, 0.47: slope 0.07, projected 2026 = 0.47 + 0.07 * 2 = 0.61 >= 0.60
    a = judge({2023: 0.40, 2024: 0.47})
    assert a.status is Status.ON_TRACK
    assert a.projected == pytest.approx(0.61)


def test_linear_projection_short_of_the_target_is_behind():
    # 0.40, 0.46: projected 0.46 + 0.06 * 2 = 0.58 < 0.60
    a = judge({2023: 0.40, 2024: 0.46})
    assert a.status is Status.BEHIND
    assert a.projected == pytest.approx(0.58)


def test_moving_away_from_the_target_is_regressed():
    assert judge({2023: 0.40, 2024: 0.35}).status.value == "倒退"
    # 大班额 187 -> 191 against <= 0, and 100% -> 98.6% against >= 100% (finding 15)
    assert judge({2024: 187, 2025: 191}, comparator="<=", target=0, baseline=2024,
                 bounds=(0.0, None)).status.value == "倒退"
    assert judge({2024: 1.0, 2025: 0.986}, target=1.0, baseline=2024).status.value == "倒退"
    # past the deadline a regression is still named 倒退
    assert judge({2023: 0.40, 2026: 0.30}).status.value == "倒退"
    # == target: further from it than at the baseline
    assert judge({2023: 4, 2024: 6}, comparator="==", target=3,
                 bounds=(None, None)).status.value == "倒退"


def test_a_change_the_ledger_cannot_show_is_no_regression():
    # 96.502% → 96.500% both read 96.5% (inspector C14): not 倒退; past the deadline 滞后, and
    # before it 滞后 too, the line reaching 2026 at 96.498% < 100%
    assert judge({2024: 0.96502, 2026: 0.965}, target=1.0, baseline=2024).status.value == "滞后"
    assert judge({2024: 0.96502, 2025: 0.965}, target=1.0, baseline=2024).status.value == "滞后"
    # half a unit of the shown precision is a change: 96.55% → 96.50%
    assert judge({2024: 0.9655, 2025: 0.965}, target=1.0, baseline=2024).status.value == "倒退"


def test_deadline_reached_without_meeting_is_behind_even_if_unchanged():
    a = judge({2023: 0.40, 2026: 0.40})
    assert a.status is Status.BEHIND
    assert a.projected is None  # nothing left to project


def test_projection_is_clipped_to_the_measure_range():
    # 0.5 -> 0.9 in one year; the line gives 1.7 in 2025, clipped to 1.0
    a = judge({2023: 0.5, 2024: 0.9}, target=1.0, deadline=2025)
    assert a.projected == 1.0
    assert a.status is Status.ON_TRACK


def test_count_target_with_less_or_equal():
    # oversized classes 40 -> 25: slope -15, 2026: 25 - 30 = -5 -> clipped to 0 <= 0
    a = judge({2023: 40, 2024: 25}, comparator="<=", target=0, bounds=(0.0, None))
    assert a.status is Status.ON_TRACK
    assert a.projected == 0.0


def test_years_before_the_baseline_are_shown_but_not_used():
    # 2021, 2022 precede the baseline; plan years 2023 (0.40), 2024 (0.40) -> unchanged
    a = judge({2021: 0.10, 2022: 0.30, 2023: 0.40, 2024: 0.40})
    assert (a.status, a.projected) == (Status.BEHIND, pytest.approx(0.40))  # not the 2021 rise
    assert a.baseline_year == 2023
    assert a.met[2021] is False


def test_missing_baseline_year_uses_the_first_year_after_it():
    a = judge({2024: 0.40, 2025: 0.50})
    assert a.baseline_year == 2024
    # 2026: 0.50 + 0.10 = 0.60 -> on track
    assert a.status is Status.ON_TRACK


def test_only_years_before_the_baseline_are_used_when_nothing_later_exists():
    a = judge({2021: 0.70}, baseline=2023)
    assert a.status is Status.ACHIEVED
    assert a.baseline_year == 2021


def test_yes_no_target_unmet_before_deadline_is_stalled_and_never_projected():
    a = judge({2023: False, 2024: False}, comparator="==", target=True)
    assert a.status is Status.STALLED
    assert a.projected is None
    assert judge({2023: False, 2024: True}, comparator="==", target=True).status is Status.ACHIEVED
    assert judge({2023: False, 2026: False}, comparator="==", target=True).status is Status.BEHIND


def test_relative_target_baseline_means_better_than_the_baseline_value():
    # 大班额 must fall below the baseline's 30
    a = judge({2023: 30, 2024: 28}, comparator="<", target="baseline", bounds=(0.0, None))
    assert a.status is Status.ACHIEVED
    assert a.target_value == 30
    assert judge({2023: 30, 2024: 30}, comparator="<", target="baseline",
                 bounds=(0.0, None)).status is Status.BEHIND  # 30 two years running: line stays 30


def test_relative_target_previous_means_year_on_year_growth():
    # 招生逐年扩大: 2025 (900) is below 2024 (950) -> not met; 2024 > 2023 met
    a = judge({2023: 800, 2024: 950, 2025: 900}, comparator=">", target="previous",
              bounds=(0.0, None))
    assert a.met == {2023: None, 2024: True, 2025: False}
    # trend slope (900 - 800) / 2 = 50 > 0 -> growing on the line -> on track
    assert a.status is Status.ON_TRACK
    falling = judge({2023: 900, 2024: 850}, comparator=">", target="previous", bounds=(0, None))
    assert falling.status is Status.REGRESSED  # 900 -> 850 moves away from growth


def test_compare_uses_a_small_tolerance_for_shares():
    assert compare(0.1 + 0.2, "<=", 0.3)
    assert compare(0.3, "==", 0.1 + 0.2)
    assert not compare(0.3, ">", 0.3)
    with pytest.raises(ValueError, match="未知的比较方式"):
        compare(1, "=>", 1)


def test_trend_is_ordinary_least_squares():
    # (2023, 10), (2024, 16), (2025, 19): slope 9 / 2 = 4.5, intercept 15 - 4.5 * 2024
    intercept, slope = trend({2023: 10.0, 2024: 16.0, 2025: 19.0})
    assert slope == pytest.approx(4.5)
    assert intercept + slope * 2026 == pytest.approx(24.0)
    assert trend({2023: 1.0}) is None


def test_an_every_year_target_missed_in_one_year_is_behind_even_when_met_at_the_end():
    # 保持 85% 以上: 0.86 (2023), 0.84 (2024), 0.90 (2025) — the latest year meets it, 2024 did not
    from junheng.ledger.progress import Status, assess
    values = {2023: 0.86, 2024: 0.84, 2025: 0.90}
    plain = assess(values, comparator=">=", target=0.85, baseline_year=2023, deadline=2025)
    assert plain.status is Status.ACHIEVED and plain.missed_years == ()
    every = assess(values, comparator=">=", target=0.85, baseline_year=2023, deadline=2025,
                   every_year=True)
    assert every.status is Status.BEHIND and every.missed_years == (2024,)
    assert every.met == {2023: True, 2024: False, 2025: True}


def test_on_schedule_is_the_straight_line_from_the_baseline_to_the_target():
    from junheng.ledger.progress import on_schedule

    # 12 oversized classes in 2023, 8 in 2025, target 0 by 2026: 12 + (0 − 12) × 2 / 3 = 4
    values = {2023: 12.0, 2024: None, 2025: 8.0}
    a = assess(values, comparator="<=", target=0, baseline_year=2023, deadline=2026)
    assert on_schedule(values, a, target=0, deadline=2026) == 4.0
    # at or past the deadline the line has reached the target, which the ledger states already
    for year in (2026, 2027):
        late = {2023: 12.0, year: 8.0}
        a = assess(late, comparator="<=", target=0, baseline_year=2023, deadline=2026)
        assert on_schedule(late, a, target=0, deadline=2026) is None
    # a share from the effective baseline (no 2023 value: 2024 at 40%), 60% by 2027: 2025
    # should read 0.40 + 0.20 × 1 / 3
    shares = {2024: 0.40, 2025: 0.45}
    a = assess(shares, comparator=">=", target=0.60, baseline_year=2023, deadline=2027)
    assert on_schedule(shares, a, target=0.60, deadline=2027) == pytest.approx(0.40 + 0.20 / 3)
    # nothing to say: yes/no values, a relative target, the baseline year alone
    yes_no = {2023: False, 2025: False}
    a = assess(yes_no, comparator="==", target=True, baseline_year=2023, deadline=2026)
    assert on_schedule(yes_no, a, target=True, deadline=2026) is None
    a = assess(values, comparator="<=", target="baseline", baseline_year=2023, deadline=2026)
    assert on_schedule(values, a, target="baseline", deadline=2026) is None
    a = assess({2025: 8.0}, comparator="<=", target=0, baseline_year=2023, deadline=2026)
    assert on_schedule({2025: 8.0}, a, target=0, deadline=2026) is None


def test_a_relative_target_with_one_year_has_nothing_to_compare_and_is_not_behind():
    # review rvweb2 finding 4: 「＞ 上一学年数值 … 9,948 人 滞后」 with no previous year, and
    # 17 > 17 against a baseline year fallen back to the only year, could never hold
    from junheng.ledger.progress import Status, assess

    for target in ("previous", "baseline"):
        a = assess({2025: 9948.0}, comparator=">", target=target, baseline_year=2022,
                   deadline=2025, every_year=True)
        assert (a.status, a.met, a.baseline_year, a.latest_year) == (
            Status.NO_COMPARISON, {2025: None}, 2025, 2025)
    # a second year gives the comparison: 9,948 → 10,100 is more than the year before
    a = assess({2025: 9948.0, 2026: 10100.0}, comparator=">", target="previous",
               baseline_year=2022, deadline=2026)
    assert a.status is Status.ACHIEVED
