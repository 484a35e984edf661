"""The demo county's format-v2 data, added to each school year's v1 snapshot.

:func:`start` draws what is fixed for the county (groups, principals, projects, rooms, the
attached preschool classes, the base of its money figures) from streams of their own, after the
v1 world exists; :func:`add_v2` then turns one year's v1 tables into the full workbook: the
events that change v1 sheets (:mod:`junheng.demo.events`), the teachers' v2 columns, and the
ten v2 sheets (乡镇 lists the towns the v1 world drew, with their names). v1 draws never see any of it, so every v1 figure stays as the v1 generator made
it, apart from the events' own changes (see :mod:`junheng.demo.events`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.demo import county_records, events, histories, organisations, projects, rooms
from junheng.demo.names import county_short
from junheng.demo.staff_v2 import staffing_rows, teacher_v2_columns
from junheng.demo.teachers import school_profiles

Stream = Callable[..., np.random.Generator]
VILLAGE_PROFILE = 2


@dataclass
class V2State:
    """What the county's v2 data carries from one school year to the next."""

    first_year: int
    groups: pd.DataFrame
    principals: organisations.PrincipalBook
    projects: list[projects.Project]
    rooms: pd.DataFrame
    extras: pd.DataFrame
    quota_noise: np.ndarray
    figures: county_records.FigureBase
    attached: events.AttachedClasses
    training: histories.TrainingBook
    rotations: histories.RotationBook
    recognition: dict[int, float]
    pay_ratio: dict[int, float]


def _partners(schools: pd.DataFrame, teachers: pd.DataFrame) -> dict[str, list[str]]:
    """Where a school's teachers spent past rotation years: village primaries for seat and town
    primaries, town juniors for seat juniors (teaching points neither send nor receive)."""
    role = schools["role"].to_numpy()
    ids = schools["school_id"].to_numpy()
    villages = list(ids[role == "village_primary"])
    town_juniors = list(ids[np.isin(role, ("town_junior", "town_nine"))])
    out = {}
    for s, r in enumerate(role):
        if r in ("seat_primary", "central_primary", "town_primary2") and villages:
            out[ids[s]] = villages
        elif r == "seat_junior" and town_juniors:
            out[ids[s]] = town_juniors
    return out


def start(world, streams: Stream, first_year: int, tables: dict[str, pd.DataFrame],
          facilities: pd.DataFrame) -> V2State:
    """The county's fixed v2 plans, drawn after its first v1 year (``tables``)."""
    schools, spec = world.schools, world.geo.spec
    county = county_short(spec.county_name)
    pupils = world.pupils[first_year]
    classes = world.sections[first_year].sum(axis=1)
    principals = organisations.PrincipalBook(spec.county_code)
    principals.start(schools, pupils, first_year, streams("v2_principals"))
    rotations = histories.RotationBook(histories.past_rotations(
        tables["teachers"], _partners(schools, tables["teachers"]), first_year,
        streams("v2_rotation")))
    return V2State(
        first_year=first_year,
        groups=organisations.build_groups(schools, world.geo.towns["name"].to_numpy(), county,
                                          first_year, streams("v2_groups")),
        principals=principals,
        projects=projects.plan_projects(schools, spec.county_code, county, first_year,
                                        streams("v2_projects")),
        rooms=rooms.build_rooms(schools, facilities, classes, streams("v2_rooms")),
        extras=rooms.facility_extras(schools, facilities, classes, streams("v2_rooms", 1)),
        quota_noise=streams("v2_quota").uniform(0.90, 1.06, len(schools)),
        figures=county_records.figure_base(first_year, float(pupils.sum()),
                                           streams("v2_figures")),
        attached=events.choose_attached(schools, first_year, spec.county_code,
                                        streams("v2_attached")),
        training=histories.TrainingBook(first_year - histories.WINDOW), rotations=rotations, recognition={}, pay_ratio={})


def listed_schools(world, streams: Stream, year: int, k: int, present: np.ndarray
                   ) -> np.ndarray:
    """Schools on this year's 学校 list: v1's, plus a teaching point emptied this year."""
    point = events.emptied_point(world.closed, year, k, streams("v2_attached", 100 + k))
    if point is None:
        return present
    listed = present.copy()
    listed[point] = True
    return listed


def _stack(*frames: pd.DataFrame) -> pd.DataFrame:
    """Frames one under the other, leaving out empty ones (their dtypes would leak)."""
    kept = [f for f in frames if len(f)]
    return pd.concat(kept, ignore_index=True) if len(kept) > 1 else (kept or [frames[0]])[0]


def _by_id(frame: pd.DataFrame, schools: pd.DataFrame, listed: np.ndarray) -> pd.DataFrame:
    """Rows keyed by ``school_idx`` for the listed schools, with their 学校标识码."""
    if frame.empty:
        return frame
    keep = frame[listed[frame["school_idx"].to_numpy()]].copy()
    keep.insert(0, "school_id", schools["school_id"].to_numpy()[keep.pop("school_idx")])
    return keep.reset_index(drop=True)


def _facility_frame(state: V2State, facilities: pd.DataFrame, schools: pd.DataFrame,
                    year: int) -> pd.DataFrame:
    """校舍设施 with its v2 columns (a 附设幼儿班 school has one activity room)."""
    extras = state.extras.copy()
    if year >= state.attached.opening and state.attached.schools:
        extras.loc[state.attached.schools, ["activity_rooms", "activity_room_area"]] = [1, 72.0]
    extras.index = schools["school_id"].to_numpy()
    return facilities.drop(columns=list(extras.columns), errors="ignore").join(extras,
                                                                               on="school_id")


def _events(world, streams: Stream, state: V2State, year: int, k: int,
            tables: dict[str, pd.DataFrame], schools: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The v1 tables this year's events change, changed (see :mod:`junheng.demo.events`)."""
    done = projects.finished_since_first(state.projects, state.first_year, year)
    school_frame, facilities = events.apply_finished(done, tables["schools"], tables["facilities"])
    attached = events.attached_classes(state.attached, schools, year, streams("v2_attached", k))
    staff = events.attached_teachers(state.attached, schools, year,
                                     streams("v2_attached", 50 + k))
    history = events.attached_history(state.attached, year, 5)
    return {"schools": school_frame,
            "facilities": _facility_frame(state, facilities, schools, year),
            "classes": _stack(tables["classes"], attached),
            "teachers": _stack(tables["teachers"], staff),
            "enrolment_history": _stack(tables["enrolment_history"], history)}


def _staff_sheets(streams: Stream, state: V2State, year: int, k: int,
                  teachers: pd.DataFrame, schools: pd.DataFrame, listed: np.ndarray
                  ) -> dict[str, pd.DataFrame]:
    ids = schools["school_id"].to_numpy()
    state.rotations.close_for(set(ids[~listed]), year)
    villages = set(ids[school_profiles(schools) == VILLAGE_PROFILE])
    state.rotations.add_year(teachers, villages, year, streams("v2_rotation", 1 + k))
    if k:
        state.principals.turn_over(schools, year, streams("v2_principals", k))
    return {
        "rotations": state.rotations.rows(set(teachers["teacher_id"])),
        "training": histories.training_rows(state.training, teachers, year,
                                            lambda b: streams("v2_training", b)),
        "principals": state.principals.rows(schools, listed),
    }


def _county_sheets(state: V2State, year: int, indicators: pd.DataFrame
                   ) -> dict[str, pd.DataFrame]:
    values = indicators.set_index("indicator_code")["value"]
    state.recognition[year] = float(values["satisfaction_rate"])
    state.pay_ratio[year] = float(values["teacher_pay_ratio"])
    return {"county_figures": county_records.figure_rows(state.figures, year, state.recognition,
                                                         state.pay_ratio),
            "county_attestations": county_records.attestation_rows(state.figures, year)}


def add_v2(world, streams: Stream, state: V2State, year: int, k: int,
           tables: dict[str, pd.DataFrame], schools: pd.DataFrame, listed: np.ndarray
           ) -> dict[str, pd.DataFrame]:
    """The tables of one school year that v2 adds or changes, by sheet key (untyped frames)."""
    changed = _events(world, streams, state, year, k, tables, schools)
    teachers = teacher_v2_columns(changed["teachers"], schools, state.first_year,
                                  lambda b: streams("v2_staff", b),
                                  lambda b: streams("v2_cert", b))
    listed_ids = set(schools["school_id"].to_numpy()[listed])
    return {
        **changed, "teachers": teachers,
        **_staff_sheets(streams, state, year, k, teachers, schools, listed),
        "school_groups": organisations.group_rows(state.groups, schools, listed, year),
        "staffing": staffing_rows(schools, world.pupils[year], world.sections[year], listed,
                                  state.quota_noise),
        "special_rooms": _by_id(state.rooms, schools, listed),
        "projects": projects.project_rows(state.projects, listed_ids, year),
        **_county_sheets(state, year, tables["county_indicators"]),
        "towns": world.geo.towns[["town_code", "name"]].rename(columns={"name": "town_name"}),
    }
