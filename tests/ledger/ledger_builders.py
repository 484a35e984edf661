"""Small hand-made counties for the ledger tests: every number is chosen so answers are exact."""

from __future__ import annotations

from typing import Any

from junheng.model import CountyData

COUNTY = "410306"


def school(school_id: str, school_type: str = "primary_school", *, town: str = "410306101",
           code: str = "121", ownership: str = "public", boarding: bool = False,
           **extra: Any) -> dict[str, Any]:
    """A 学校 record with sensible defaults."""
    return {"school_id": school_id, "name": f"学校{school_id}", "school_type": school_type,
            "ownership": ownership, "town_code": town, "urban_rural_code": code,
            "boarding": boarding, **extra}


def classes(school_id: str, grade: str, *sizes: int) -> list[dict[str, Any]]:
    """One 班级 record per size, numbered 1, 2, …"""
    return [{"school_id": school_id, "grade": grade, "class_no": str(i + 1), "students": n}
            for i, n in enumerate(sizes)]


def teacher(teacher_id: str, school_id: str = "S1", *, stage: str = "primary",
            full_time: bool = True, backbone: str = "none", rotated: bool = False,
            hours: float | None = 400.0) -> dict[str, Any]:
    """A 教师 record."""
    return {"teacher_id": teacher_id, "school_id": school_id, "stage": stage, "subject": "math",
            "full_time": full_time, "backbone": backbone, "rotated_in": rotated,
            "training_hours_5y": hours}


def village(code: str, town: str, urban_rural: str, **ages: int) -> dict[str, Any]:
    """A 村居 record with the given ``age_N`` counts."""
    return {"village_code": code, "name": f"村{code}", "town_code": town,
            "urban_rural_code": urban_rural, **ages}


def indicator(code: str, value: float) -> dict[str, Any]:
    return {"indicator_code": code, "indicator_name": code, "value": value, "evidence": "测试"}


def county(year: int = 2024, code: str = COUNTY, *, name: str = "示例县", city: str = "示例市",
           **tables: Any) -> CountyData:
    """A county-year from records per table key."""
    info = {"county_code": code, "county_name": name, "city_name": city, "school_year": year,
            "primary_funding_quota": 720.0, "junior_funding_quota": 940.0}
    return CountyData.from_records(info, **tables)
