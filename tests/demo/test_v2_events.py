"""The v2 generator keeps every v1 figure of the demo county, apart from its own events.

tests/demo/fixtures/v1_demo_hashes.json holds what the v1 generator made (three years). The first
year must hash the same on every v1 column; later years must, once the events listed in
junheng.demo.events are taken out again: 附设幼儿班 classes, teachers and history rows, the
emptied teaching point, and what finished projects changed (a relocated school's coordinates,
a dormitory's beds, an extension's 新增学位 / 45 classrooms of 95 m² teaching area, a sports
ground's area).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from demo_helpers import km

from junheng.model import CountyData

RECORDED = json.loads((Path(__file__).parent / "fixtures" / "v1_demo_hashes.json")
                      .read_text(encoding="utf-8"))
PLACES_PER_ROOM, AREA_PER_ROOM = 45, 95.0


@pytest.fixture(scope="module")
def four_years(generated) -> list[CountyData]:
    """The default county's 2024–2027 school years (the v2 events of later years)."""
    return list(generated(2025, years=4)[0])


def _hash(frame: pd.DataFrame) -> str:
    return str(int(pd.util.hash_pandas_object(frame, index=False).sum() % 2**61))


def _assert_v1_as_recorded(tables: dict[str, pd.DataFrame], year: int) -> None:
    recorded = RECORDED["years"][str(year)]
    for key, columns in RECORDED["columns"].items():
        if key == "county_info":
            continue
        frame = tables[key].reset_index(drop=True)
        assert len(frame) == recorded["rows"][key], (year, key)
        assert _hash(frame[columns]) == recorded["hashes"][key], (year, key)


def _finished(data: CountyData, first_year: int) -> pd.DataFrame:
    p = data.projects
    done = p["completion_date"].between(pd.Timestamp(first_year, 10, 1),
                                        pd.Timestamp(data.school_year, 9, 30))
    return p[done]


def _attached(data: CountyData, frame: pd.DataFrame) -> pd.Series:
    types = frame["school_id"].map(data.schools.set_index("school_id")["school_type"])
    return (frame["grade"] == "kmix") & (types == "primary_school")


def _without_events(data: CountyData, first: CountyData) -> dict[str, pd.DataFrame]:
    t = {key: frame.copy() for key, frame in data.tables.items()}
    empty = set(data.schools.loc[data.schools["school_type"] == "teaching_point", "school_id"]) \
        - set(data.classes["school_id"])
    for key in ("schools", "facilities", "funding"):
        t[key] = t[key][~t[key]["school_id"].isin(empty)]
    t["classes"] = t["classes"][~_attached(data, t["classes"])]
    t["enrolment_history"] = t["enrolment_history"][~_attached(data, t["enrolment_history"])]
    t["teachers"] = t["teachers"][~t["teachers"]["teacher_id"].str.match(r"T\d{6}9\d{4}$")]
    schools, facilities = t["schools"].set_index("school_id"), t["facilities"].set_index("school_id")
    before = first.schools.set_index("school_id")
    for p in _finished(data, first.school_year).itertuples():
        if p.project_type == "relocation":
            schools.loc[p.school_id, ["lon", "lat"]] = before.loc[p.school_id, ["lon", "lat"]]
        elif p.project_type == "dormitory":
            schools.loc[p.school_id, "boarding_beds"] -= p.added_beds
        elif p.project_type == "sports_ground":
            facilities.loc[p.school_id, "sports_area"] -= p.added_sports_area
        elif p.project_type == "expansion":
            rooms = p.added_places // PLACES_PER_ROOM
            facilities.loc[p.school_id, "classrooms"] -= rooms
            facilities.loc[p.school_id, "teaching_area"] -= rooms * AREA_PER_ROOM
    t["schools"], t["facilities"] = schools.reset_index(), facilities.reset_index()
    return t


def test_the_first_year_is_exactly_what_the_v1_generator_made(first):
    _assert_v1_as_recorded(first.tables, first.school_year)


@pytest.mark.parametrize("k", [1, 2])
def test_later_years_differ_from_the_v1_generator_only_by_the_v2_events(four_years, k):
    data = four_years[k]
    _assert_v1_as_recorded(_without_events(data, four_years[0]), data.school_year)


def test_a_year_does_not_depend_on_how_many_years_follow_it(second, four_years):
    for key, frame in second.tables.items():
        pd.testing.assert_frame_equal(four_years[1].tables[key], frame, obj=key)


def test_the_senior_high_school_relocates_with_its_id_in_the_second_year(first, second):
    moved = _finished(second, first.school_year)
    moved = moved[moved["project_type"] == "relocation"]
    assert len(moved) == 1
    school = moved["school_id"].iloc[0]
    assert first.schools.set_index("school_id").at[school, "school_type"] == "senior_school"
    project = first.projects.set_index("school_id").loc[school]
    assert (project["project_type"], project["status"]) == ("relocation", "under_construction")
    a, b = (d.schools.set_index("school_id").loc[school] for d in (first, second))
    assert 3.5 <= float(km(a["lon"], a["lat"], b["lon"], b["lat"])) <= 4.5


def test_beds_rise_by_the_new_dormitorys_beds_and_nowhere_else(first, second):
    done = _finished(second, first.school_year)
    done = done[done["project_type"] == "dormitory"].set_index("school_id")["added_beds"]
    assert len(done) == 1 and 120 <= done.iloc[0] <= 240
    common = first.schools["school_id"][first.schools["school_id"].isin(second.schools["school_id"])]
    beds = pd.concat([d.schools.set_index("school_id").loc[common, "boarding_beds"]
                      for d in (first, second)], axis=1, keys=["before", "after"])
    rise = (beds["after"] - beds["before"])
    assert rise[rise != 0].to_dict() == done.to_dict()


def test_a_teaching_point_is_listed_empty_for_a_year_before_it_is_delisted(four_years):
    def empty_points(d):
        points = d.schools.loc[d.schools["school_type"] == "teaching_point", "school_id"]
        return set(points) - set(d.classes["school_id"])

    assert [len(empty_points(d)) for d in four_years] == [0, 0, 1, 1]
    point = empty_points(four_years[2]).pop()
    assert point in set(four_years[1].classes["school_id"])  # it had pupils the year before
    assert point not in set(four_years[2].teachers["school_id"])
    assert point not in set(four_years[3].schools["school_id"])  # delisted the year after


def test_village_primaries_open_preschool_classes_in_the_second_year(demo_years):
    counts = []
    for data in demo_years:
        attached = data.classes[_attached(data, data.classes)]
        counts.append(len(attached))
        assert attached["students"].between(12, 26).all()
        staff = data.teachers[data.teachers["school_id"].isin(attached["school_id"])
                              & (data.teachers["stage"] == "preschool")]
        assert len(staff) == len(attached)
        assert (staff["kindergarten_post"] == "teacher").all()
        names = data.schools.set_index("school_id").loc[attached["school_id"], "name"]
        assert names.str.endswith("村小学").all()
    assert counts[0] == 0 and 2 <= counts[1] <= 3
