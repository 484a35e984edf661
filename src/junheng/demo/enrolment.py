"""Pupils per school and grade in every year: children of each village flow to schools.

``flows.local[v, s, G]`` is the share of village ``v``'s children of grade ``G``'s age who attend
school ``s`` (row sums are the attendance rate: below 1 for preschool and senior high). A rural
child goes to the county seat instead (进城上学) with a share that grows every year; those
children spread over the seat's schools by ``flows.seat``. Pupils of school ``s`` in year ``Y``
are then the sum over villages of children × shares, so a school's cohort moves up a grade a
year with the village cohorts (progression 0.97–1.02) and grade 1 follows the births of six
years earlier. Teaching points keep a share of their village's lower grades sized to a target
in the first year; a merged (撤并) point's share goes to its central school.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.demo.geography import Geography, distance_km
from junheng.demo.population import Population

GRADE_AXIS = ("k0", "k1", "k2", "k3", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9",
              "s1", "s2", "s3")
GRADE_AGES = np.arange(2, 18)  # k0 at 2 … g1 at 6 … g9 at 14 … s3 at 17
PRESCHOOL, PRIMARY, JUNIOR, SENIOR = slice(0, 4), slice(4, 10), slice(10, 13), slice(13, 16)

ATTENDANCE_SEAT = np.array([0.12, 0.90, 0.95, 0.98])  # k0..k3
ATTENDANCE_RURAL = np.array([0.04, 0.80, 0.88, 0.93])
SENIOR_PARTICIPATION = 0.58  # the rest go to vocational schools or leave school
SENIOR_SPLIT = {"seat_senior": 0.62, "seat_complete": 0.28, "private_twelve": 0.10}
SEAT_PRIVATE_PRIMARY, SEAT_PRIVATE_JUNIOR = 0.06, 0.08
SPECIAL_EDUCATION_RATE = 0.0016  # pupils of the special school per child of the grade's age


def seat_share(year: int) -> np.ndarray:
    """Share of a rural village's children of each grade who study in the county seat."""
    t = year - 2016
    share = np.zeros(len(GRADE_AXIS))
    share[PRESCHOOL] = 0.05 + 0.003 * t
    share[PRIMARY] = 0.04 + 0.004 * t
    share[JUNIOR] = 0.15 + 0.008 * t
    return np.clip(share, 0.0, 0.35)


@dataclass(frozen=True)
class Flows:
    """Where children study: local shares per village, the seat's spread, rural villages."""

    local: np.ndarray  # villages x schools x grades
    seat: np.ndarray  # schools x grades, each grade's column sums to 1 (or 0)
    rural: np.ndarray  # villages: True where children may go to the seat


def _normalised(weights: np.ndarray) -> np.ndarray:
    total = weights.sum()
    return weights / total if total > 0 else weights


def _school_distances(geo: Geography, schools: pd.DataFrame) -> np.ndarray:
    v = geo.villages
    return distance_km(v["lon"].to_numpy()[:, None], v["lat"].to_numpy()[:, None],
                       schools["lon"].to_numpy()[None, :], schools["lat"].to_numpy()[None, :],
                       geo.spec.lat)


def _seat_spread(schools: pd.DataFrame) -> np.ndarray:
    """How rural children who go to the seat spread over its schools (popular ones first)."""
    spread = np.zeros((len(schools), len(GRADE_AXIS)))
    role, attract = schools["role"].to_numpy(), schools["attract"].to_numpy()
    seat_kg = (schools["locale"].to_numpy() == "seat") & \
        (schools["school_type"].to_numpy() == "kindergarten")
    spread[:, PRESCHOOL] = _normalised(attract * seat_kg)[:, None]
    private = role == "private_twelve"
    primary = np.isin(role, ("seat_primary", "seat_nine"))
    junior = np.isin(role, ("seat_junior", "seat_nine", "seat_complete"))
    spread[:, PRIMARY] = (0.8 * _normalised(attract**2 * primary) + 0.2 * private)[:, None]
    spread[:, JUNIOR] = (0.8 * _normalised(attract**2 * junior) + 0.2 * private)[:, None]
    return spread


def build_flows(geo: Geography, schools: pd.DataFrame, zones: pd.DataFrame,
                children_first: np.ndarray, first_year: int) -> Flows:
    """Local shares for every village (see the module docstring) and the seat's spread."""
    villages = geo.villages
    local = np.zeros((len(villages), len(schools), len(GRADE_AXIS)))
    dist = _school_distances(geo, schools)
    village_town = villages["town_idx"].to_numpy()
    same_town = village_town[:, None] == schools["town_idx"].to_numpy()[None, :]
    seat = village_town == 0
    role = schools["role"].to_numpy()
    for name, share in SENIOR_SPLIT.items():
        local[:, role == name, SENIOR] = SENIOR_PARTICIPATION * share
    _preschool_flows(local, schools, same_town, dist, seat)
    _seat_village_flows(local, schools, dist, seat)
    _rural_village_flows(local, geo, schools, zones)
    flows = Flows(local=local, seat=_seat_spread(schools), rural=~seat)
    _add_teaching_points(flows, schools, children_first, first_year)
    return flows


def _row_normalised(weights: np.ndarray) -> np.ndarray:
    total = weights.sum(axis=1, keepdims=True)
    return np.divide(weights, total, out=np.zeros_like(weights), where=total > 0)


def _preschool_flows(local: np.ndarray, schools: pd.DataFrame, same_town: np.ndarray,
                     dist: np.ndarray, seat: np.ndarray) -> None:
    """Children go to their town's kindergartens, nearer and more popular ones more."""
    kg = (schools["school_type"].to_numpy() == "kindergarten")[None, :] & same_town
    reach = np.where(seat, 2.0, 6.0)[:, None]
    weights = schools["attract"].to_numpy()[None, :] * kg * np.exp(-dist / reach)
    attendance = np.where(seat[:, None], ATTENDANCE_SEAT[None, :], ATTENDANCE_RURAL[None, :])
    local[:, :, 1:4] = _row_normalised(weights)[:, :, None] * attendance[:, None, 1:]
    with_k0 = weights * schools["kg_has_k0"].to_numpy(bool)[None, :]
    local[:, :, 0] = _row_normalised(with_k0) * attendance[:, 0:1]


def _seat_village_flows(local: np.ndarray, schools: pd.DataFrame, dist: np.ndarray,
                        seat: np.ndarray) -> None:
    """Seat communities: the nearest schools mostly, popular ones more; some go private."""
    role, attract = schools["role"].to_numpy(), schools["attract"].to_numpy()
    private = (role == "private_twelve").astype(float)[None, :]
    primary = np.isin(role, ("seat_primary", "seat_nine"))
    junior = np.isin(role, ("seat_junior", "seat_nine", "seat_complete"))
    d = dist[seat]
    near_primary = _row_normalised(attract * primary * np.exp(-d / 2.5))
    near_junior = _row_normalised(attract * junior * np.exp(-d / 3.5))
    local[seat, :, PRIMARY] = ((1 - SEAT_PRIVATE_PRIMARY) * near_primary
                               + SEAT_PRIVATE_PRIMARY * private)[:, :, None]
    local[seat, :, JUNIOR] = ((1 - SEAT_PRIVATE_JUNIOR) * near_junior
                              + SEAT_PRIVATE_JUNIOR * private)[:, :, None]


def _rural_village_flows(local: np.ndarray, geo: Geography, schools: pd.DataFrame,
                         zones: pd.DataFrame) -> None:
    """Rural villages: the zone school; a village primary's zone sends 20% to the centre."""
    villages = geo.villages
    rural = np.flatnonzero(villages["town_idx"].to_numpy() > 0)
    index_of = pd.Series(np.arange(len(schools)), index=schools["school_id"])
    role = schools["role"].to_numpy()
    town_of_school = schools["town_idx"].to_numpy()
    n_towns = len(geo.towns)
    central_of_town = np.full(n_towns, -1)
    second_of_town = np.full(n_towns, -1)
    is_central = np.isin(role, ("central_primary", "town_nine"))
    central_of_town[town_of_school[is_central]] = np.flatnonzero(is_central)
    second_of_town[town_of_school[role == "town_primary2"]] = np.flatnonzero(
        role == "town_primary2")
    town = villages["town_idx"].to_numpy()[rural]
    zone = index_of[zones["zone_primary"].to_numpy()[rural]].to_numpy()
    zone_junior = index_of[zones["zone_junior"].to_numpy()[rural]].to_numpy()
    central, second = central_of_town[town], second_of_town[town]
    to_village_primary = role[zone] == "village_primary"
    split_centre = ~to_village_primary & (villages["role"].to_numpy()[rural] == "centre") & \
        (second >= 0)
    plain = ~to_village_primary & ~split_centre
    for rows, targets, share in (
            (to_village_primary, zone, 0.8), (to_village_primary, central, 0.2),
            (split_centre, central, 0.6), (split_centre, second, 0.4), (plain, zone, 1.0)):
        local[rural[rows], targets[rows], PRIMARY] += share
    local[rural, zone_junior, JUNIOR] = 1.0


def _add_teaching_points(flows: Flows, schools: pd.DataFrame, children_first: np.ndarray,
                         first_year: int) -> None:
    """Give each teaching point the share of its village's lower grades that meets its target."""
    stay = 1.0 - seat_share(first_year)
    for s in np.flatnonzero(schools["role"].to_numpy() == "teaching_point"):
        v = int(schools.at[s, "village_idx"])
        grades = np.arange(PRIMARY.start, PRIMARY.start + int(schools.at[s, "tp_max_grade"]))
        full = (children_first[v, GRADE_AGES[grades]] * stay[grades]).sum()
        share = float(np.clip(schools.at[s, "tp_target"] / max(full, 1e-9), 0.1, 1.0))
        flows.local[v, :, grades] *= 1.0 - share
        flows.local[v, s, grades] = share


def pupils(pop: Population, flows: Flows, schools: pd.DataFrame, year: int,
           closed: frozenset[int] = frozenset()) -> np.ndarray:
    """Pupils per school (rows) and grade (``GRADE_AXIS`` columns) in ``year``, integers.

    ``closed`` holds row numbers of teaching points merged by ``year``; their pupils are counted
    at their central school.
    """
    children = pop.children(year, GRADE_AGES)
    share = seat_share(year)[None, :] * flows.rural[:, None]
    out = np.einsum("vg,vsg->sg", children * (1 - share), flows.local)
    out += flows.seat * (children * share).sum(axis=0)[None, :]
    out += _special_education(schools, children.sum(axis=0))
    index_of = {sid: i for i, sid in enumerate(schools["school_id"])}
    for s in closed:
        central = index_of[schools.at[s, "central_school"]]
        out[central] += out[s]
        out[s] = 0.0
    return np.rint(out).astype(np.int64)


def _special_education(schools: pd.DataFrame, county_children: np.ndarray) -> np.ndarray:
    out = np.zeros((len(schools), len(GRADE_AXIS)))
    special = schools["role"].to_numpy() == "special"
    out[special, PRIMARY.start:JUNIOR.stop] = \
        np.maximum(county_children[PRIMARY.start:JUNIOR.stop] * SPECIAL_EDUCATION_RATE, 4.0)
    return out


def teaching_point_sizes(students: np.ndarray, schools: pd.DataFrame) -> pd.Series:
    """Pupils per teaching point (indexed by row number)."""
    tp = np.flatnonzero(schools["role"].to_numpy() == "teaching_point")
    return pd.Series(students[tp].sum(axis=1), index=tp)


def decide_merges(pop: Population, flows: Flows, schools: pd.DataFrame, years: list[int],
                  streams) -> dict[int, frozenset[int]]:
    """Teaching points merged (撤并) by each year: those under 5 pupils and a few small ones.

    The first year keeps every point; each later year merges any point that would fall under
    5 pupils, and more of the 15 smallest until 2–3 have merged that year.
    """
    closed: frozenset[int] = frozenset()
    by_year = {years[0]: closed}
    for k, year in enumerate(years[1:], start=1):
        rng = streams("merges", k)
        sizes = teaching_point_sizes(pupils(pop, flows, schools, year, closed), schools)
        sizes = sizes.drop(list(closed))
        forced = set(sizes.index[sizes < 5])
        smallest = [int(i) for i in sizes.sort_values().index[:15] if i not in forced]
        wanted = max(0, int(rng.integers(2, 4)) - len(forced))
        chosen = rng.choice(smallest, size=min(len(smallest), wanted), replace=False) \
            if smallest else []
        closed = closed | frozenset(forced) | frozenset(int(i) for i in chosen)
        by_year[year] = closed
    return by_year
