"""Small counties for the teacher tests (every number chosen by hand)."""

from __future__ import annotations

import itertools

from junheng.model import CountyData

INFO = {"county_code": "410306", "county_name": "测试县", "city_name": "洛阳市",
        "school_year": 2025, "primary_funding_quota": 720.0, "junior_funding_quota": 940.0}

_ids = itertools.count(1)


def school(school_id: str, school_type: str = "primary_school", code: str = "111", **kw) -> dict:
    return {"school_id": school_id, "name": kw.pop("name", f"{school_id}校"),
            "school_type": school_type, "ownership": "public", "town_code": "410306001",
            "urban_rural_code": code, "lon": 112.45, "lat": 34.62, "crs": "WGS84",
            "boarding": False, **kw}


def classes(school_id: str, grade: str, sizes) -> list[dict]:
    return [{"school_id": school_id, "grade": grade, "class_no": str(i), "students": n}
            for i, n in enumerate(sizes, start=1)]


def teachers(school_id: str, n: int, stage: str = "primary", **attrs) -> list[dict]:
    base = {"subject": "chinese", "full_time": True, "degree": "bachelor", "title": "second",
            "backbone": "none", "certified": True, "sex": "female", "birth_year": 1985,
            "work_start_year": 2008, "school_start_year": 2015, "training_hours_5y": 400.0,
            "rotated_in": False}
    return [{"teacher_id": f"T{next(_ids):06d}", "school_id": school_id, "stage": stage,
             **base, **attrs} for _ in range(n)]


def county(**tables) -> CountyData:
    """A county from records per table key; an item may itself be a list of records."""
    flat = {key: [r for item in rows for r in (item if isinstance(item, list) else [item])]
            for key, rows in tables.items()}
    return CountyData.from_records(dict(INFO), **flat)
