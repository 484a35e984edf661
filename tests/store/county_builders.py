"""Counties built in code for the store tests: every sheet populated, valid by the v1 rules.

``sample_county`` is small and written out as tables, with the awkward values a round trip
must keep: NA in optional integer, number, boolean and text cells, codes with leading zeros,
floats that are not round in binary, Chinese text. ``large_county`` scales to a real county.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from junheng.model import CountyData

NA = None


def records(columns: str, rows: list[tuple]) -> list[dict]:
    """Rows as records: ``columns`` names each tuple position (space separated)."""
    keys = columns.split()
    return [dict(zip(keys, row, strict=True)) for row in rows]


def info(county_code: str = "410306", school_year: int = 2025, name: str = "示例县") -> dict:
    return {"county_code": county_code, "county_name": name, "city_name": "洛阳市",
            "school_year": school_year, "primary_funding_quota": 720.0,
            "junior_funding_quota": 940.0}


def sample_county(county_code: str = "410306", school_year: int = 2025, name: str = "示例县",
                  *, indicators: list[dict] | None = None) -> CountyData:
    """Five schools: primary, boarding junior, nine-year, a teaching point, a kindergarten.

    Built once per argument set (frames are never modified in place; ``with_tables`` copies).
    """
    if indicators is None:
        return _sample_county(county_code, school_year, name)
    return _build_sample(county_code, school_year, name, indicators)


@functools.cache
def _sample_county(county_code: str, school_year: int, name: str) -> CountyData:
    return _build_sample(county_code, school_year, name, None)


@dataclass(frozen=True)
class _Ids:
    """The sample's codes: county, two towns and its five schools."""

    c: str

    @property
    def towns(self) -> tuple[str, str]:
        return f"{self.c}001", f"{self.c}002"

    @property
    def schools(self) -> tuple[str, str, str, str, str]:
        return f"{self.c}0001", f"{self.c}0002", f"{self.c}0003", "0012TP", f"{self.c}0005"


def _build_sample(county_code: str, school_year: int, name: str,
                  indicators: list[dict] | None) -> CountyData:
    ids = _Ids(county_code)
    return CountyData.from_records(
        info(county_code, school_year, name), schools=_sample_schools(ids, name),
        classes=_sample_classes(ids), enrolment=_sample_enrolment(ids),
        teachers=_sample_teachers(ids), facilities=_sample_facilities(ids),
        funding=_sample_funding(ids), villages=_sample_villages(ids),
        births=_sample_births(ids), enrolment_history=_sample_history(ids, school_year),
        county_indicators=_DEFAULT_INDICATORS if indicators is None else indicators)


def _sample_schools(ids: _Ids, name: str) -> list[dict]:
    (t1, t2), (p, j, n, tp, k) = ids.towns, ids.schools
    return records(
        "school_id name school_type ownership affordable town_code urban_rural_code lon lat "
        "crs central_school boarding boarding_beds school_group", [
            (p, f"{name}第一小学", "primary_school", "public", NA, t1, "111", 112.4539, 34.6197,
             "WGS84", NA, False, NA, "城关教育集团"),
            (j, f"{name}第一初级中学", "junior_school", "public", NA, t1, "112", 112.4601,
             34.6302, "WGS84", NA, True, 120, NA),
            (n, f"{name}石门九年一贯制学校", "nine_year", "public", NA, t2, "210", 112.3012,
             34.7125, "WGS84", NA, False, 0, NA),
            (tp, "石门沟教学点", "teaching_point", "public", NA, t2, "220", 112.2877, 34.7299,
             "WGS84", n, False, NA, NA),
            (k, f"{name}阳光幼儿园", "kindergarten", "private", True, t1, "111", 112.4488,
             34.6150, "WGS84", NA, False, NA, NA),
        ])


def _sample_classes(ids: _Ids) -> list[dict]:
    p, j, n, tp, k = ids.schools
    return records(
        "school_id grade class_no students boarders migrant_students disabled_students", [
            (p, "g1", "1", 46, NA, 5, 0),
            (p, "g1", "2", 44, NA, 3, NA),
            (p, "g6", "1", 52, NA, NA, NA),
            (j, "g7", "1", 55, 40, 2, 1),
            (j, "g9", "1", 50, 38, NA, NA),
            (n, "g3", "1", 18, NA, NA, NA),
            (n, "g8", "1", 21, 0, NA, NA),
            (tp, "g1", "1", 4, NA, NA, NA),
            (k, "k1", "01", 25, NA, NA, NA),
        ])


def _sample_enrolment(ids: _Ids) -> list[dict]:
    p, j, _, tp, _ = ids.schools
    return records("school_id grade entrants zone_entrants migrant_entrants", [
        (p, "g1", 90, 88, 8),
        (j, "g7", 55, 55, NA),
        (tp, "g1", 4, 4, 0),
    ])


def _sample_teachers(ids: _Ids) -> list[dict]:
    p, j, n, tp, k = ids.schools
    return records(
        "teacher_id school_id stage subject full_time degree title backbone certified sex "
        "birth_year work_start_year school_start_year training_hours_5y rotated_in "
        "from_school_id", [
            ("T0001", p, "primary", "chinese", True, "bachelor", "first", "county", True,
             "female", 1988, 2010, 2016, 380.5, False, NA),
            ("T0002", p, "primary", "pe", True, "associate", "second", "none", True, "male",
             1995, 2017, 2023, 0.1 + 0.2, True, n),
            ("T0003", j, "junior", "music", True, "postgraduate", "senior", "province", True,
             "female", 1979, 2001, 2001, 412.0, False, NA),
            ("T0004", n, "junior", "math", False, "secondary_or_below", "unranked", "none",
             False, "male", 1966, 1985, 1999, 1e-3, False, NA),
            ("0005", tp, "primary", "other", True, "associate", "third", "none", True, "female",
             2000, 2022, 2022, 96.0, False, NA),
            ("T0006", k, "preschool", "other", True, "associate", "unranked", "none", True,
             "female", 1998, 2019, 2019, 240.0, False, NA),
        ])


def _sample_facilities(ids: _Ids) -> list[dict]:
    p, j, n, tp, k = ids.schools
    return records(
        "school_id teaching_area sports_area equipment_value books computers multimedia_rooms "
        "classrooms music_rooms music_room_area art_rooms art_room_area outdoor_play_area", [
            (p, 6800.25, 9500.0, 2600000.0, 40000, 150, 30, 30, 2, 192.0, 2, 180.0, NA),
            (j, 7200.0, 12000.0, 3100000.0, 52000, 210, 24, 24, 1, NA, NA, NA, NA),
            (n, 2100.0, 3400.0, 650000.0, 12000, 40, 9, 9, NA, NA, NA, NA, NA),
            (tp, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA),
            (k, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, 860.0),
        ])


def _sample_funding(ids: _Ids) -> list[dict]:
    p, j, n, tp, _ = ids.schools
    return records("school_id public_funding training_funding", [
        (p, 900000.0, 45000.0),
        (j, 1250000.0, 62500.0),
        (n, 230000.0, 11500.0),
        (tp, 72000.0, 0.0),
    ])


def _sample_villages(ids: _Ids) -> list[dict]:
    (t1, t2), (p, j, n, tp, _) = ids.towns, ids.schools
    return [
        village(f"{t1}001", "城关社区", t1, "111", 112.4521, 34.6188, 40, p, j),
        village(f"{t1}002", "东关社区", t1, "112", 112.4650, 34.6230, 31, p, NA),
        village(f"{t2}201", "石门村", t2, "220", 112.2901, 34.7288, 7, tp, n),
    ]


def _sample_births(ids: _Ids) -> list[dict]:
    t1, t2 = ids.towns
    # Nine years per town, births falling by ten a year: 2 × 9 = 18 rows.
    return records("town_code year births", [
        (town, 2016 + i, base - 10 * i) for town, base in ((t1, 820), (t2, 140)) for i in range(9)
    ])


def _sample_history(ids: _Ids, school_year: int) -> list[dict]:
    p, j, n, tp, _ = ids.schools
    return records("school_year school_id grade students", [
        (year, school, grade, size) for year in (school_year - 2, school_year - 1)
        for school, grade, size in ((p, "g1", 89 + 3 * (year - school_year + 2)), (j, "g7", 58),
                                    (n, "g3", 17), (tp, "g1", 5))
    ])


def village(code, name, town, urban, lon, lat, children, zone_primary, zone_junior) -> dict:
    """A village row with ``children`` (±1) children at every age 0–14."""
    ages = {f"age_{a}": children + (a % 4) - 1 for a in range(15)}
    return {"village_code": code, "name": name, "town_code": town, "urban_rural_code": urban,
            "lon": lon, "lat": lat, "crs": "WGS84", **ages, "zone_primary": zone_primary,
            "zone_junior": zone_junior}


_DEFAULT_INDICATORS = records("indicator_code indicator_name value evidence", [
    ("disabled_enrolment_rate", "残疾儿童少年入学率", 0.96, "县残联 2025 年统计"),
    ("teacher_pay_ratio", "教师平均工资与公务员之比", 1.0125, NA),
    ("rotation_eligible_teachers", "应交流轮岗教师数", 37.0, NA),
])


def large_county(county_code: str = "410322", school_year: int = 2025, *,
                 schools: int = 150, classes_per_school: int = 20,
                 teachers_per_school: int = 100, villages: int = 250) -> CountyData:
    """``schools`` primary schools with their classes, teachers, facilities and villages."""
    towns = [f"{county_code}{t:03d}" for t in range(1, 13)]
    ids = [f"{county_code}{i:04d}" for i in range(1, schools + 1)]
    school_rows = records(
        "school_id name school_type ownership town_code urban_rural_code lon lat crs boarding",
        [(sid, f"第{i}小学", "primary_school", "public", towns[i % 12], "220", 112.0 + i * 1e-3,
          34.0 + i * 1e-3, "WGS84", False) for i, sid in enumerate(ids)])
    class_rows = records("school_id grade class_no students", [
        (sid, f"g{1 + c % 6}", str(c // 6 + 1), 30 + (i + c) % 20)
        for i, sid in enumerate(ids) for c in range(classes_per_school)])
    teacher_rows = records(
        "teacher_id school_id stage subject full_time degree title backbone certified sex "
        "birth_year work_start_year school_start_year training_hours_5y rotated_in", [
            (f"T{i:03d}{t:03d}", sid, "primary", "chinese", True, "bachelor", "first", "none",
             True, "female" if t % 2 else "male", 1970 + t % 30, 1992 + t % 30, 2023, float(t),
             False)
            for i, sid in enumerate(ids) for t in range(teachers_per_school)])
    facility_rows = records(
        "school_id teaching_area sports_area equipment_value books computers multimedia_rooms "
        "classrooms", [(sid, 4000.0, 6000.0, 1.5e6, 30000, 90, 20, 20) for sid in ids])
    funding_rows = records("school_id public_funding training_funding",
                           [(sid, 1e5, 5e3) for sid in ids])
    village_rows = [village(f"{towns[v % 12]}{v:03d}", f"村{v}", towns[v % 12], "220",
                            112.0 + v * 1e-3, 34.0, 10 + v % 9, ids[v % schools], NA)
                    for v in range(villages)]
    return CountyData.from_records(
        info(county_code, school_year, "大县"), schools=school_rows, classes=class_rows,
        teachers=teacher_rows, villages=village_rows, facilities=facility_rows,
        funding=funding_rows)


def assert_same_county(actual: CountyData, expected: CountyData) -> None:
    """Equal info and every table equal in values, dtypes, order and index."""
    assert dict(actual.info) == dict(expected.info)
    assert set(actual.tables) == set(expected.tables)
    for key, frame in expected.tables.items():
        pd.testing.assert_frame_equal(actual.tables[key], frame, check_exact=True, obj=key)
