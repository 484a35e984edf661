"""Small counties built in code for the evaluation tests (every number chosen by hand)."""

from __future__ import annotations

import itertools

import pandas as pd

from junheng.model import CountyData

INFO = {"county_code": "410306", "county_name": "测试县", "city_name": "洛阳市",
        "school_year": 2025, "primary_funding_quota": 720.0, "junior_funding_quota": 940.0}

_teacher_ids = itertools.count(1)


def school(school_id: str, school_type: str = "primary_school", **kw) -> dict:
    return {"school_id": school_id, "name": kw.pop("name", f"{school_id}校"),
            "school_type": school_type, "ownership": "public", "town_code": "410306001",
            "urban_rural_code": "111", "lon": 112.45, "lat": 34.62, "crs": "WGS84",
            "boarding": False, **kw}


def classes(school_id: str, grade: str, sizes, **kw) -> list[dict]:
    """One class per size, numbered 1, 2, ..."""
    return [{"school_id": school_id, "grade": grade, "class_no": str(i), "students": n, **kw}
            for i, n in enumerate(sizes, start=1)]


def teachers(school_id: str, stage: str, n: int, **attrs) -> list[dict]:
    """``n`` teachers with the same attributes (defaults: full-time, 本科, 二级, certified)."""
    base = {"subject": "chinese", "full_time": True, "degree": "bachelor", "title": "second",
            "backbone": "none", "certified": True, "sex": "female", "birth_year": 1985,
            "work_start_year": 2008, "school_start_year": 2015, "training_hours_5y": 400.0,
            "rotated_in": False}
    return [{"teacher_id": f"T{next(_teacher_ids):06d}", "school_id": school_id, "stage": stage,
             **base, **attrs} for _ in range(n)]


def facility(school_id: str, **kw) -> dict:
    return {"school_id": school_id, **kw}


def county(*, info: dict | None = None, **tables) -> CountyData:
    """A county from records per table key; an item may itself be a list of records."""
    flat = {key: [r for item in rows for r in (item if isinstance(item, list) else [item])]
            for key, rows in tables.items()}
    return CountyData.from_records({**INFO, **(info or {})}, **flat)


def county_indicators(**values) -> list[dict]:
    return [{"indicator_code": k, "indicator_name": k, "value": v, "evidence": f"{k} 佐证"}
            for k, v in values.items()]


def units_frame(rows: list[dict]) -> pd.DataFrame:
    """A units frame (the input of ``assess``) from plain rows; missing totals are 0."""
    totals = ("teaching_area", "sports_area", "equipment_value", "books", "computers",
              "multimedia_rooms", "full_time_teachers", "higher_degree_teachers",
              "backbone_teachers", "pe_art_teachers", "senior_title_teachers")
    out = []
    for r in rows:
        row = dict.fromkeys(totals, 0.0)
        row.update(r)
        row.setdefault("school_id", row["unit_id"].split(":")[0])
        row.setdefault("name", row["school_id"])
        out.append(row)
    return pd.DataFrame(out)


def passing_primary(unit_id: str, students: int, **overrides) -> dict:
    """A primary unit exactly at every 2017 threshold (4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3 per ...).

    ``students`` must be a multiple of 100 times 10 so every count is whole (e.g. 1000).
    """
    p = students
    row = {"unit_id": unit_id, "stage": "primary", "students": p,
           "higher_degree_teachers": 4.2 * p / 100, "backbone_teachers": 1.0 * p / 100,
           "pe_art_teachers": 0.9 * p / 100, "teaching_area": 4.5 * p, "sports_area": 7.5 * p,
           "equipment_value": 2000.0 * p, "multimedia_rooms": 2.3 * p / 100}
    row.update(overrides)
    return row
