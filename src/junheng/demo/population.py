"""Births per town and children by single year of age per village.

Births follow China's national series (peak 2016, about half of it by 2023, a slight rise in
2024) with urbanisation: the county seat's births grow 3% a year relative to the nation and rural
towns' shrink 2%. Each year's births of a town are split among its villages (multinomial), which
fixes a birth cohort per village. A cohort then ages: rural children leave with their families at
a village-specific yearly rate (35% of them to their town centre, 40% to the seat's communities,
the rest out of the county), so the same cohort is consistent from year to year and the
children of age ``a`` in year ``Y`` are about the births of ``Y - a``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from junheng.demo.geography import Geography

# National births in millions (NBS, as first published), used as a shape only.
NATIONAL_BIRTHS: dict[int, float] = {
    1985: 22.02, 1986: 23.84, 1987: 25.22, 1988: 24.57, 1989: 24.07, 1990: 23.91, 1991: 22.58,
    1992: 21.19, 1993: 21.26, 1994: 21.04, 1995: 20.63, 1996: 20.67, 1997: 20.38, 1998: 19.42,
    1999: 18.34, 2000: 17.71, 2001: 17.02, 2002: 16.47, 2003: 15.99, 2004: 15.93, 2005: 16.17,
    2006: 15.85, 2007: 15.94, 2008: 16.08, 2009: 15.91, 2010: 15.92, 2011: 16.04, 2012: 16.35,
    2013: 16.40, 2014: 16.87, 2015: 16.55, 2016: 17.86, 2017: 17.23, 2018: 15.23, 2019: 14.65,
    2020: 12.02, 2021: 10.62, 2022: 9.56, 2023: 9.02, 2024: 9.54,
}
_LATE_DECLINE = 0.97  # yearly factor after the last published year

DEFAULT_BIRTHS_2016 = 5800  # the default county (~450,000 people) in the peak year
SEAT_SHARE_2016 = 0.30
SEAT_TREND, RURAL_TREND = 1.03, 0.98
TO_TOWN_CENTRE, TO_SEAT = 0.35, 0.40  # where rural leavers go; the rest leave the county
MAX_AGE = 17  # children tracked up to 17 for senior high; villages report 0–14
MAX_YEARS = 20  # most consecutive school years one call may generate


def national_birth_index(years: np.ndarray) -> np.ndarray:
    """National births relative to 2016 for each year (flat before 1985, -3%/yr after 2024)."""
    years = np.asarray(years)
    first, last = min(NATIONAL_BIRTHS), max(NATIONAL_BIRTHS)
    clipped = np.clip(years, first, last)
    values = np.array([NATIONAL_BIRTHS[int(y)] for y in clipped.ravel()]).reshape(years.shape)
    values = values * _LATE_DECLINE ** np.maximum(years - last, 0)
    return values / NATIONAL_BIRTHS[2016]


@dataclass(frozen=True)
class Population:
    """Births per town and year, cohorts per village and birth year, and how cohorts move."""

    birth_years: np.ndarray  # consecutive years, ascending
    town_births: np.ndarray  # towns x birth_years, integers
    cohorts: np.ndarray  # villages x birth_years, integers (births split among villages)
    migration: np.ndarray  # villages: yearly leaving rate
    centre_of: np.ndarray  # villages: row of their town's centre village
    seat_inflow: np.ndarray  # villages: share of the seat's arrivals (sums to 1 over the seat)

    def children(self, year: int, ages: np.ndarray | None = None) -> np.ndarray:
        """Expected resident children per village (rows) by age (columns) in ``year``."""
        ages = np.arange(MAX_AGE + 1) if ages is None else np.asarray(ages)
        index = year - ages - self.birth_years[0]
        if index.min() < 0 or index.max() >= len(self.birth_years):
            raise ValueError(f"{year} 年 {ages.min()}–{ages.max()} 岁儿童超出已生成的出生年份范围")
        born = self.cohorts[:, index].astype(float)
        kept = born * (1.0 - self.migration[:, None]) ** ages[None, :]
        left = born - kept
        np.add.at(kept, self.centre_of, TO_TOWN_CENTRE * left)
        return kept + TO_SEAT * np.outer(self.seat_inflow, left.sum(axis=0))

    def births_of(self, year: int) -> np.ndarray:
        """Births per town in ``year``."""
        return self.town_births[:, year - self.birth_years[0]]


def round_columns(values: np.ndarray) -> np.ndarray:
    """Integers per cell whose column sums are the rounded column sums (largest remainders).

    Rounding cell by cell would bias small counts: ``12 * 0.97 = 11.64`` becomes 12 in every
    village, and the county would gain the children who left.
    """
    floor = np.floor(values)
    remainder = values - floor
    short = np.rint(values.sum(axis=0)) - floor.sum(axis=0)
    rank = np.empty_like(remainder, dtype=np.int64)
    order = np.argsort(-remainder, axis=0, kind="stable")
    np.put_along_axis(rank, order, np.arange(len(values))[:, None].repeat(values.shape[1], 1),
                      axis=0)
    return (floor + (rank < short[None, :])).astype(np.int64)


def town_birth_bases(geo: Geography) -> np.ndarray:
    """Births per town in 2016: the seat gets its share, rural towns by their villages' weight."""
    total = DEFAULT_BIRTHS_2016 * geo.spec.scale
    rural_weight = geo.villages.groupby("town_idx")["weight"].sum().reindex(
        range(len(geo.towns)), fill_value=0.0).to_numpy().copy()
    rural_weight[0] = 0.0
    base = rural_weight / rural_weight.sum() * total * (1 - SEAT_SHARE_2016)
    base[0] = total * SEAT_SHARE_2016
    return base


def simulate_births(geo: Geography, birth_years: np.ndarray, streams) -> np.ndarray:
    """Births per town (rows) and year (columns); one random stream per town."""
    base = town_birth_bases(geo)
    shape = national_birth_index(birth_years)
    out = np.zeros((len(geo.towns), len(birth_years)), dtype=np.int64)
    for t in range(len(geo.towns)):
        rng = streams("births", t)
        trend = (SEAT_TREND if t == 0 else RURAL_TREND) ** (birth_years - 2016)
        # 2% noise a town-year: enough to look real, too little to move the national peak
        out[t] = np.rint(base[t] * shape * trend * rng.normal(1.0, 0.02, len(birth_years)))
    return out


def split_cohorts(geo: Geography, town_births: np.ndarray, streams) -> np.ndarray:
    """Each town's births split among its villages by weight (multinomial per year)."""
    villages = geo.villages
    cohorts = np.zeros((len(villages), town_births.shape[1]), dtype=np.int64)
    for t, rows in villages.groupby("town_idx").indices.items():
        weights = villages["weight"].to_numpy()[rows]
        cohorts[rows] = streams("cohorts", int(t)).multinomial(
            town_births[t], weights / weights.sum()).T
    return cohorts


def arrival_rows(geo: Geography) -> tuple[np.ndarray, np.ndarray]:
    """Each village's town-centre row, and how the seat's arrivals spread (fringe twice)."""
    villages = geo.villages
    town = villages["town_idx"].to_numpy()
    centres = villages.index[villages["role"] == "centre"].to_numpy()
    centre_row = np.zeros(len(geo.towns), dtype=np.int64)
    centre_row[town[centres]] = centres
    seat = town == 0
    inflow = np.where(villages["role"].to_numpy() == "fringe", 2.0, 1.0) * seat
    return centre_row[town], inflow / inflow.sum()


def build_population(geo: Geography, first_year: int, history: int, streams) -> Population:
    """Births and cohorts for every child aged 0–17 in ``first_year - history`` … the last year.

    The window of birth years is fixed (up to ``first_year + MAX_YEARS - 1``) so a county's
    first years do not change with the number of years generated.
    """
    birth_years = np.arange(first_year - history - MAX_AGE - 1, first_year + MAX_YEARS)
    town_births = simulate_births(geo, birth_years, streams)
    centre_of, seat_inflow = arrival_rows(geo)
    return Population(
        birth_years=birth_years, town_births=town_births,
        cohorts=split_cohorts(geo, town_births, streams),
        migration=geo.villages["migration"].to_numpy(), centre_of=centre_of,
        seat_inflow=seat_inflow)
