"""城区 / 镇区 / 乡村: the one urban–rural definition every engine uses.

The 城乡分类代码 of the NBS statistical rule (《统计上划分城乡的规定》, 国函〔2008〕60号, and the
《统计用区划代码和城乡划分代码编制规则》) has three digits: 1xx is 城镇 and 2xx 乡村; within 城镇,
11x is 城区 (111 主城区, 112 城乡结合区) and 12x 镇区 (121 镇中心区, 122 镇乡结合区,
123 特殊区域); 乡村 is 210 乡中心区 and 220 村庄.

A school or a village is in the area of its own code. A town (乡镇/街道) has no code of its own:
it is **urban** (a 街道 of the 城区) when more than half of its villages are 城区; a town with no
village rows is judged the same way by its schools. Every other town is a 乡镇.

**县城** (the county seat) is one set of schools wherever a figure says 县城 — the forecast's
classroom gap, the layout plan's 县城 pupils and classroom shortfall, the reports: the schools
whose own code is 城区 (111 主城区, 112 城乡结合区), :func:`county_seat`, called
:data:`COUNTY_SEAT_LABEL`. The town rule above decides which *towns* are urban (rules that
work town by town, such as a boarding school per 乡镇); it never makes a school 县城: a 镇区
school (121) in a 街道 is not counted, a 城区 school in a 乡镇 is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd


class Area(StrEnum):
    """The three areas of the statistical rule."""

    URBAN = "urban"
    TOWN = "town"
    RURAL = "rural"


URBAN_CODES = frozenset({"111", "112"})
TOWN_CODES = frozenset({"121", "122", "123"})
RURAL_CODES = frozenset({"210", "220"})
# A town's built-up seat: where a rural town's new boarding school would stand.
TOWN_SEAT_CODES = frozenset({"121", "122", "210"})

AREA_OF_CODE: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(URBAN_CODES, Area.URBAN.value),
    **dict.fromkeys(TOWN_CODES, Area.TOWN.value),
    **dict.fromkeys(RURAL_CODES, Area.RURAL.value),
})

# The selections plans and measures name (``area`` parameters); ``all`` selects every row.
AreaSelection = Literal["all", "urban", "town", "rural", "urban_town", "non_urban"]
AREA_SELECTIONS: Mapping[str, frozenset[str] | None] = MappingProxyType({
    "all": None,
    "urban": URBAN_CODES,
    "town": TOWN_CODES,
    "rural": RURAL_CODES,
    "urban_town": URBAN_CODES | TOWN_CODES,
    "non_urban": TOWN_CODES | RURAL_CODES,
})


def _codes(codes: Iterable[str] | pd.Series | np.ndarray) -> pd.Series:
    return codes if isinstance(codes, pd.Series) else pd.Series(np.asarray(codes, dtype=object))


def area_of(codes: Iterable[str] | pd.Series | np.ndarray) -> np.ndarray:
    """The area (``"urban"``, ``"town"``, ``"rural"``) of each code; ``""`` when unknown.

    Examples
    --------
    >>> area_of(["111", "122", "220", None]).tolist()
    ['urban', 'town', 'rural', '']
    """
    mapped = _codes(codes).map(AREA_OF_CODE)
    return mapped.fillna("").astype(str).to_numpy(dtype=object)


def in_area(codes: Iterable[str] | pd.Series | np.ndarray, selection: str) -> np.ndarray:
    """True where the code is in the named selection (:data:`AREA_SELECTIONS`); NA is in none
    but ``all``.

    Examples
    --------
    >>> in_area(["111", "121", "210"], "urban_town").tolist()
    [True, True, False]
    """
    members = AREA_SELECTIONS[selection]
    series = _codes(codes)
    if members is None:
        return np.ones(len(series), dtype=bool)
    return series.isin(members).to_numpy(dtype=bool)


def is_urban(codes: Iterable[str] | pd.Series | np.ndarray) -> np.ndarray:
    """True for 城区 codes (111, 112)."""
    return in_area(codes, "urban")


#: what every figure on 县城 schools calls them (:func:`county_seat`)
COUNTY_SEAT_LABEL = "县城（主城区、城乡结合区）"


def county_seat(codes: Iterable[str] | pd.Series | np.ndarray) -> np.ndarray:
    """True for the schools of the 县城: their own 城乡分类代码 is 城区 (111 主城区, 112
    城乡结合区), whatever town they are in (see the module docstring).

    Examples
    --------
    >>> county_seat(["111", "112", "121", "210", None]).tolist()
    [True, True, False, False, False]
    """
    return is_urban(pd.Series(np.asarray(codes, dtype=object)).astype("string").fillna(""))


def is_town(codes: Iterable[str] | pd.Series | np.ndarray) -> np.ndarray:
    """True for 镇区 codes (121, 122, 123)."""
    return in_area(codes, "town")


def is_rural(codes: Iterable[str] | pd.Series | np.ndarray) -> np.ndarray:
    """True for 乡村 codes (210, 220)."""
    return in_area(codes, "rural")


def urban_share_by_town(villages: pd.DataFrame, schools: pd.DataFrame | None = None
                        ) -> pd.Series:
    """Per town code (sorted): the share of its villages that are 城区, or of its schools for a
    town without village rows."""
    frames = [villages[["town_code", "urban_rural_code"]]]
    if schools is not None:
        known = set(villages["town_code"].dropna())
        frames.append(schools.loc[~schools["town_code"].isin(known),
                                  ["town_code", "urban_rural_code"]])
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[rows["town_code"].notna()]
    urban = pd.Series(is_urban(rows["urban_rural_code"]), index=rows.index)
    return urban.groupby(rows["town_code"].to_numpy(), sort=True).mean()


def urban_towns(villages: pd.DataFrame, schools: pd.DataFrame | None = None) -> frozenset[str]:
    """Towns that are urban (街道 of the 城区): more than half of their villages are 城区
    (a town without village rows: more than half of its schools).

    Examples
    --------
    >>> v = pd.DataFrame({"town_code": ["T1", "T1", "T1", "T2", "T2"],
    ...                   "urban_rural_code": ["111", "112", "220", "121", "220"]})
    >>> s = pd.DataFrame({"town_code": ["T3"], "urban_rural_code": ["111"]})
    >>> sorted(urban_towns(v, s))
    ['T1', 'T3']
    """
    share = urban_share_by_town(villages, schools)
    return frozenset(share.index[share.to_numpy() > 0.5])


def towns_of(villages: pd.DataFrame, schools: pd.DataFrame) -> list[str]:
    """Every town code named by a village or a school, sorted."""
    codes = set(villages["town_code"].dropna()) | set(schools["town_code"].dropna())
    return sorted(codes)


def non_urban_towns(villages: pd.DataFrame, schools: pd.DataFrame) -> list[str]:
    """The 乡镇: every town that is not urban, sorted."""
    urban = urban_towns(villages, schools)
    return [t for t in towns_of(villages, schools) if t not in urban]
