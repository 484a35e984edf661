"""The statutory retirement month under the 2024 decision (渐进式延迟法定退休年龄), worked by
hand from its rule and checked against rows of its 附件 1 对照表."""

from __future__ import annotations

import pandas as pd
import pytest

from junheng.planning.retirement import birth_month, retirement_month, retires_by, retiring


@pytest.mark.parametrize(
    ("sex", "born", "month", "want"),
    [
        # men, 60 before the reform; n = months of birth after 1965-01, delay ⌈(n + 1) / 4⌉
        ("male", 1964, 7, (2024, 7)),  # before 1965: no delay, 1964-07 + 60 years
        ("male", 1965, 1, (2025, 2)),  # n = 0 → 1 month: 对照表 1965-01 → 2025-02
        ("male", 1965, 4, (2025, 5)),  # n = 3 → 1 month: 对照表 1965-04 → 2025-05
        ("male", 1965, 5, (2025, 7)),  # n = 4 → ⌈5/4⌉ = 2 months: 60 years 2 months
        ("male", 1966, 7, (2026, 12)),  # n = 12 + 6 = 18 → ⌈19/4⌉ = 5: 1966-07 + 60y5m
        ("male", 1968, 7, (2029, 6)),  # n = 42 → ⌈43/4⌉ = 11: 1968-07 + 60y11m
        ("male", 1969, 7, (2030, 9)),  # n = 54 → ⌈55/4⌉ = 14: 1969-07 + 61y2m
        ("male", 1976, 8, (2039, 7)),  # n = 139 → 35: 62y11m, 对照表 1976-05…08 → 2039-04…07
        ("male", 1976, 9, (2039, 9)),  # n = 140 → 36: 63, 对照表 1976-09 → 2039-09
        ("male", 1980, 7, (2043, 7)),  # n = 186 → capped at 36: 1980-07 + 63 years
        # women teachers, 55 before the reform; n from 1970-01
        ("female", 1969, 12, (2024, 12)),  # before 1970: 55
        ("female", 1970, 1, (2025, 2)),  # n = 0 → 1 month: 对照表 1970-01 → 2025-02
        ("female", 1970, 7, (2025, 9)),  # n = 6 → ⌈7/4⌉ = 2: 55y2m
        ("female", 1973, 7, (2029, 6)),  # n = 42 → 11: 55y11m
        ("female", 1974, 7, (2030, 9)),  # n = 54 → 14: 56y2m
        ("female", 1981, 9, (2039, 9)),  # n = 140 → 36: 58
        ("female", 1985, 7, (2043, 7)),  # capped: 1985-07 + 58 years
    ],
)
def test_retirement_month_by_hand(sex, born, month, want):
    assert retirement_month(sex, born, month) == want


def test_a_birth_year_alone_is_taken_as_july():
    # 1966 → born 1966-07 (the mid-year convention): the brief's example, retiring 2026-12
    assert retirement_month("male", 1966) == retirement_month("male", 1966, 7) == (2026, 12)


def test_retired_before_the_school_year_means_before_september():
    # 1973 woman: 2029-06, gone before 2030-09; 1974 woman: 2030-09, still there when the
    # 2030 school year opens, gone before the 2031 one; men 1968 (2029-06) and 1969 (2030-09)
    assert retires_by("female", 1973, 2030) and not retires_by("female", 1974, 2030)
    assert retires_by("female", 1974, 2031)
    assert retires_by("male", 1968, 2030) and not retires_by("male", 1969, 2030)


def test_teachers_without_sex_or_birth_year_are_not_counted():
    t = pd.DataFrame(
        {
            "sex": ["male", "female", None, "male"],
            "birth_year": pd.array([1960, 1990, 1960, None], dtype="Int64"),
        }
    )
    assert retiring(t, 2030).tolist() == [True, False, pd.NA, pd.NA]


@pytest.mark.parametrize(
    ("sex", "born", "month", "want"),
    [
        # the 1974 women and 1969 men, month by month (review rv14 N7): n = 48 + month − 1,
        # delay ⌈(n + 1) / 4⌉ months on 55 / 60 years
        ("female", 1974, 1, (2030, 2)),  # n = 48 → 13: 1974-01 + 55 y = 2029-01, + 13 = 2030-02
        ("female", 1974, 4, (2030, 5)),  # n = 51 → 13: 2029-04 + 13 = 2030-05
        ("female", 1974, 6, (2030, 8)),  # n = 53 → ⌈54/4⌉ = 14: 2029-06 + 14 = 2030-08
        ("male", 1969, 7, (2030, 9)),  # n = 54 → 14: 2029-07 + 14 = 2030-09
        ("male", 1969, 12, (2031, 3)),  # n = 59 → 15: 2029-12 + 15 = 2031-03
    ],
)
def test_the_2030_cohorts_by_birth_month(sex, born, month, want):
    assert retirement_month(sex, born, month) == want


def test_a_birth_month_column_is_used():
    # 1974-06 woman retires 2030-08 (before 2030-09), 1974-07 woman 2030-09 (not before)
    t = pd.DataFrame({"sex": ["female", "female"], "birth_year": [1974, 1974], "birth_month": [6, 7]})
    assert retiring(t, 2030).tolist() == [True, False]


def test_without_a_month_the_id_spreads_a_cohort_over_the_year():
    # 1974 women retire 2030-02…05 (born 01–04), 07…08 (05–06), 09…10 (07–08), 12 (09),
    # 2031-01…03 (10–12): born January–June retire before the 2030 school year starts, so a
    # cohort spread evenly over the months loses half of itself before 2030-09 (not 0 as
    # with everyone born in July). 1,200 ids: each month gets 100 ± a few.
    ids = [f"T{i:05d}" for i in range(1200)]
    t = pd.DataFrame({"teacher_id": ids, "sex": "female", "birth_year": 1974})
    months = [birth_month(i) for i in ids]
    assert all(80 <= months.count(m) <= 120 for m in range(1, 13))
    gone = int(retiring(t, 2030).sum())
    assert gone == sum(m <= 6 for m in months)
    assert 500 <= gone <= 700
    # the same teacher keeps the same month whatever frame it comes in
    assert retiring(t.iloc[[5]], 2030).iloc[0] == retiring(t, 2030).iloc[5]
