"""城区 / 镇区 / 乡村: one definition from the 城乡分类代码, for codes and for towns."""

from __future__ import annotations

import doctest
from typing import get_args

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from junheng.model import areas
from junheng.model.areas import (
    AREA_SELECTIONS,
    AreaSelection,
    area_of,
    in_area,
    is_rural,
    is_town,
    is_urban,
    non_urban_towns,
    towns_of,
    urban_towns,
)
from junheng.model.codes import URBAN_RURAL_CODES

ALL_CODES = sorted(URBAN_RURAL_CODES)


def test_codes_split_as_the_statistics_rule_does():
    # 11x 城区, 12x 镇区, 2xx 乡村 (国函〔2008〕60号)
    assert area_of(ALL_CODES).tolist() == ["urban", "urban", "town", "town", "town", "rural",
                                           "rural"]
    assert is_urban(ALL_CODES).tolist() == [True, True, False, False, False, False, False]
    assert is_town(ALL_CODES).tolist() == [False, False, True, True, True, False, False]
    assert is_rural(ALL_CODES).tolist() == [False, False, False, False, False, True, True]


def test_unknown_codes_are_in_no_area_but_all():
    codes = pd.Series(["999", None, pd.NA], dtype=object)
    assert area_of(codes).tolist() == ["", "", ""]
    for selection in AREA_SELECTIONS:
        expected = selection == "all"
        assert in_area(codes, selection).tolist() == [expected] * 3


@given(st.lists(st.sampled_from([*ALL_CODES, None]), max_size=30))
def test_every_known_code_is_in_exactly_one_area(codes):
    known = [c is not None for c in codes]
    hits = is_urban(codes).astype(int) + is_town(codes).astype(int) + is_rural(codes).astype(int)
    assert hits.tolist() == [int(k) for k in known]
    assert (in_area(codes, "urban_town") == (is_urban(codes) | is_town(codes))).all()
    assert (in_area(codes, "non_urban") == (is_town(codes) | is_rural(codes))).all()


def test_plan_selections_and_the_parameter_type_name_the_same_areas():
    assert get_args(AreaSelection) == tuple(AREA_SELECTIONS)


def _villages(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["town_code", "urban_rural_code"])


def test_a_town_is_urban_when_more_than_half_of_its_villages_are():
    villages = _villages(
        ("T1", "111"), ("T1", "112"), ("T1", "220"),   # 2 of 3 urban -> urban
        ("T2", "111"), ("T2", "121"),                  # 1 of 2: not more than half
        ("T3", "121"), ("T3", "220"), ("T3", "220"),   # none urban
    )
    schools = _villages(("T2", "111"), ("T2", "111"))  # a town with villages is judged by them
    assert urban_towns(villages, schools) == {"T1"}
    assert non_urban_towns(villages, schools) == ["T2", "T3"]


def test_a_town_without_villages_is_judged_by_its_schools():
    villages = _villages(("T1", "220"))
    schools = _villages(("T1", "111"), ("T4", "111"), ("T4", "112"), ("T4", "121"),
                        ("T5", "111"), ("T5", "220"), (None, "111"))
    # T4: 2 of 3 schools urban; T5: 1 of 2; T1 keeps its village; the school without a town
    # names no town
    assert urban_towns(villages, schools) == {"T4"}
    assert towns_of(villages, schools) == ["T1", "T4", "T5"]
    assert non_urban_towns(villages, schools) == ["T1", "T5"]


def test_without_villages_every_town_is_judged_by_its_schools():
    empty = _villages()
    schools = _villages(("T1", "111"), ("T2", "210"))
    assert urban_towns(empty, schools) == {"T1"}
    assert urban_towns(empty) == frozenset()


@pytest.mark.parametrize("module", [areas])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
