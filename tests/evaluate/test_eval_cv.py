"""差异系数: student-weighted, population form, exactly as DESIGN.md."""

import math

import numpy as np
import pandas as pd
import pytest
from evaluate_builders import classes, county, facility, school
from hypothesis import given
from hypothesis import strategies as st

from junheng.evaluate import (
    composite_cv,
    evaluate,
    unweighted_cv,
    variance_shares,
    weighted_cv,
    weighted_stats,
)


def test_weighted_cv_matches_hand_worked_example():
    # values 2, 4, 6 with 100, 200, 700 students: P = 1000, weights 0.1, 0.2, 0.7
    # x̄ = 0.2 + 0.8 + 4.2 = 5.2
    # S² = 0.1·3.2² + 0.2·1.2² + 0.7·0.8² = 1.024 + 0.288 + 0.448 = 1.76
    # CV = √1.76 / 5.2 = 1.3266499 / 5.2 = 0.2551250
    stats = weighted_stats([2.0, 4.0, 6.0], [100, 200, 700])
    assert stats.mean == pytest.approx(5.2)
    assert stats.sd == pytest.approx(math.sqrt(1.76))
    assert stats.cv == pytest.approx(0.2551250, abs=1e-7)
    assert (stats.n, stats.students) == (3, 1000)


def test_cv_weights_schools_by_students():
    # unweighted: mean 4, population SD √((4 + 0 + 4) / 3) = 1.6329932, CV 0.4082483
    # weighted (above): 0.2551250 — the big school near the top pulls the CV down
    weighted = weighted_cv([2.0, 4.0, 6.0], [100, 200, 700])
    plain = unweighted_cv([2.0, 4.0, 6.0])
    assert plain == pytest.approx(0.4082483, abs=1e-7)
    assert weighted == pytest.approx(0.2551250, abs=1e-7)
    assert weighted < plain - 0.15


def test_weighted_equals_unweighted_when_every_school_has_the_same_students():
    assert weighted_cv([2.0, 4.0, 6.0], [300, 300, 300]) == pytest.approx(
        unweighted_cv([2.0, 4.0, 6.0]))


def test_cv_leaves_out_unknown_values_and_schools_without_students():
    # only (2, 100) and (6, 300) count: x̄ = 0.25·2 + 0.75·6 = 5; S² = 0.25·9 + 0.75·1 = 3
    assert weighted_cv([2.0, np.nan, 6.0, 50.0], [100, 500, 300, 0]) == pytest.approx(
        math.sqrt(3) / 5)


def test_cv_is_undefined_without_units_or_with_zero_mean():
    assert math.isnan(weighted_cv([], []))
    assert math.isnan(weighted_cv([0.0, 0.0], [10, 20]))


def test_variance_shares_are_each_units_part_of_the_weighted_variance():
    # 1.024 / 1.76, 0.288 / 1.76, 0.448 / 1.76
    shares = variance_shares(pd.Series([2.0, 4.0, 6.0], index=["a", "b", "c"]), [100, 200, 700])
    assert shares.to_dict() == pytest.approx({"a": 0.5818182, "b": 0.1636364, "c": 0.2545455},
                                             abs=1e-7)


def test_composite_cv_is_the_mean_of_the_single_cvs():
    assert composite_cv([0.2, 0.4, 0.3]) == pytest.approx(0.3)


def test_evaluation_cv_uses_student_weights_not_school_counts():
    # Three primary schools; sports area per student 2, 4, 6 with 100, 200, 700 pupils.
    data = county(
        schools=[school("A"), school("B"), school("C")],
        classes=[classes("A", "g1", [50, 50]), classes("B", "g1", [50] * 4),
                 classes("C", "g1", [50] * 14)],
        facilities=[facility("A", sports_area=200.0), facility("B", sports_area=800.0),
                    facility("C", sports_area=4200.0)],
    )
    cv = evaluate(data).stages["primary"].indicators["sports_area_per_student"]
    assert cv.cv == pytest.approx(0.2551250, abs=1e-7)
    assert cv.mean == pytest.approx(5.2)
    assert cv.limit == 0.50 and cv.met is True


_values = st.lists(st.floats(0.1, 1e4), min_size=1, max_size=30)


@given(_values, st.data())
def test_cv_does_not_depend_on_units_order_or_scale(values, data):
    students = data.draw(st.lists(st.integers(1, 3000), min_size=len(values),
                                  max_size=len(values)))
    base = weighted_cv(values, students)
    order = data.draw(st.permutations(range(len(values))))
    assert weighted_cv([values[i] for i in order], [students[i] for i in order]) == \
        pytest.approx(base, abs=1e-9)
    # a CV has no unit: m² or 100 m², per pupil or per 100 pupils
    assert weighted_cv([100 * v for v in values], students) == pytest.approx(base, abs=1e-9)
    # only the students' proportions matter
    assert weighted_cv(values, [3 * p for p in students]) == pytest.approx(base, abs=1e-9)
    assert base >= 0


@given(_values)
def test_equal_students_give_the_plain_population_cv(values):
    assert weighted_cv(values, [250] * len(values)) == pytest.approx(unweighted_cv(values),
                                                                      abs=1e-9)
