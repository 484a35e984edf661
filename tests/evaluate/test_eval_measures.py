"""The measures the evaluation and the ledger share, on a county worked out by hand."""

from __future__ import annotations

import doctest
import importlib

import pytest
from measures_county import measures_county

from junheng.evaluate import (
    affordable_share,
    boarding_schools,
    class_sizes,
    gross_enrolment,
    near_zone,
    public_share,
    school_sizes,
    teaching_points,
)
from junheng.evaluate.class_size import EXTRA_OVERSIZED, OVERSIZED
from junheng.standards import load_class_size

DATA = measures_county()
LIMITS = load_class_size()


def test_every_school_stage_class_is_in_its_band_in_table_order():
    sizes = class_sizes(DATA, LIMITS)
    # A 56 65 66 (40) | A g2 (55) | T (45) | B 70 (50) | C (30) 60 | V 58 | S (12) | P (10) | H 70 56
    assert sizes.ids() == ("A/g1/1", "A/g1/2", "A/g1/3", "B/g7/1", "C/g7/1", "V/g1/1",
                           "H/s1/1", "H/s1/2")
    assert sizes.ids(OVERSIZED) == ("A/g1/1", "A/g1/2", "C/g7/1", "V/g1/1", "H/s1/2")
    assert sizes.ids(EXTRA_OVERSIZED) == ("A/g1/3", "B/g7/1", "H/s1/1")
    # excess over the stage's standard class: 66 − 45, 70 − 50, 70 − 50 (senior)
    over = sizes.oversized.set_index(["school_id", "grade", "class_no"])
    assert over.loc[("A", "g1", "3"), "excess"] == 21
    assert over.loc[("H", "s1", "1"), ["stage", "excess"]].tolist() == ["senior", 20]
    # every class of a school stage is listed: 5 + 1 + 2 + 2 + 1 + 1 + 1 + 2 = 15 (no kindergartens)
    assert len(sizes.classes) == 15


def test_class_selection_by_stage_and_area():
    sizes = class_sizes(DATA, LIMITS)
    compulsory = sizes.select(stages=("primary", "junior"))
    assert compulsory.ids() == ("A/g1/1", "A/g1/2", "A/g1/3", "B/g7/1", "C/g7/1", "V/g1/1")
    assert len(compulsory.classes) == 13
    # 城区 (111/112) primary and junior: A, J (no classes), V, S
    urban = sizes.select(stages=("primary", "junior"), area="urban")
    assert urban.ids() == ("A/g1/1", "A/g1/2", "A/g1/3", "V/g1/1")
    assert sizes.select(stages=("junior",), area="town").ids() == ("B/g7/1",)


def test_school_sizes_count_grades_1_to_9_against_the_cap_of_the_type():
    # A 56+65+66+40+55 = 282; B 70+50 = 120; C 30+60 = 90; T 45; V 58; P 10; J 0
    caps = {"default": 100, "nine_year": 80}
    sizes = school_sizes(DATA, caps)
    assert sizes.schools.set_index("school_id")["students"].to_dict() == {
        "A": 282, "T": 45, "J": 0, "B": 120, "C": 90, "V": 58, "P": 10}
    assert sizes.oversized[["school_id", "cap", "excess"]].values.tolist() == [
        ["A", 100, 182], ["B", 100, 20], ["C", 80, 10]]
    assert sizes.select(area="rural").oversized["school_id"].tolist() == ["C"]
    assert school_sizes(DATA, LIMITS.school_caps).oversized.empty


def test_near_zone_covers_public_day_compulsory_schools_of_city_and_towns():
    zone = near_zone(DATA)
    # covered: A (111) and T (122) primary, J (112) junior; not B (boarding), C (220),
    # V (private), S (special education is not a zoned compulsory school)
    primary, junior = zone.share("primary"), zone.share("junior")
    assert (primary.numerator, primary.denominator, primary.ids) == (235, 250, ("A", "T"))
    assert (junior.numerator, junior.denominator, junior.ids) == (78, 80, ("J",))
    assert zone.share().value == pytest.approx((235 + 78) / (250 + 80))


def test_near_zone_parameters_widen_the_schools_covered():
    everywhere = near_zone(DATA, area="all", ownership="all", exclude_boarding=False)
    # adds C (30/30) and V (0/60); B (90/100) in junior; S stays out
    assert everywhere.share("primary").ids == ("A", "C", "T", "V")
    assert everywhere.share("primary").value == pytest.approx(265 / 340)
    assert everywhere.share("junior").value == pytest.approx(168 / 180)


def test_preschool_shares_leave_out_nursery_children_unless_asked():
    # kindergartens: K1 25 (+ 托班 20), K2 30, K3 36 → 91 (111 with 托班)
    public, affordable = public_share(DATA), affordable_share(DATA)
    assert (public.numerator, public.denominator, public.ids) == (25, 91, ("K1",))
    # K3's 普惠 status is unknown: not an affordable place
    assert (affordable.numerator, affordable.ids) == (55, ("K1", "K2"))
    assert public_share(DATA, include_nursery=True).value == pytest.approx(45 / 111)
    assert affordable_share(DATA, include_nursery=True).value == pytest.approx(75 / 111)


def test_gross_enrolment_counts_preschool_classes_of_every_school():
    # 小班/中班/大班/混合班: K1 25, K2 30, K3 36 and the special school's 中班 of 8 → 99;
    # children aged 3–5: 30 + 30 + 40 + 10 + 10 (the second village's age 5 unknown) = 120
    rate = gross_enrolment(DATA)
    assert (rate.numerator, rate.denominator) == (99, 120)
    assert rate.ids == ("S", "K1", "K2", "K3")
    assert gross_enrolment(DATA, include_nursery=True).value == pytest.approx(119 / 120)
    unknown = DATA.with_tables(villages=DATA.villages.iloc[0:0])
    assert gross_enrolment(unknown).denominator is None


def test_boarding_schools_beds_and_boarders():
    # B (200 beds, 40 boarders), C (beds unknown, 20 boarders), H (500 beds); P never counts
    every = boarding_schools(DATA)
    assert (every.ids, every.beds, every.boarders) == (("B", "C", "H"), 700, 60)
    compulsory = boarding_schools(DATA, types=("junior_school", "nine_year", "teaching_point"))
    assert compulsory.ids == ("B", "C")
    assert boarding_schools(DATA, area="rural").ids == ("C",)


def test_teaching_points_by_area():
    assert teaching_points(DATA)["school_id"].tolist() == ["P"]
    assert teaching_points(DATA, area="urban").empty


@pytest.mark.parametrize("name", ["junheng.evaluate.boarding", "junheng.evaluate.enrolment",
                                  "junheng.evaluate.measure", "junheng.evaluate.schools",
                                  "junheng.evaluate.preschool_measures",
                                  "junheng.standards.sizes"])
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
