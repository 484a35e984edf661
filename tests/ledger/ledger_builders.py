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


def relabel(data: CountyData, code: str, name: str, city: str, year: int) -> CountyData:
    """A copy of ``data`` as another county and year: every code starting with the old county
    code (schools, towns, villages, zones) takes the new prefix and past enrolment moves with
    the year (use a year at or after the original), so the copy stays a valid workbook."""
    old, shift = data.county_code, year - data.school_year

    def recode(value: Any) -> Any:
        return code + value[len(old):] if isinstance(value, str) and value.startswith(old) else value

    tables = {}
    for key, frame in data.tables.items():
        frame = frame.copy()
        for column in frame.columns:
            if frame[column].dtype == object:
                frame[column] = frame[column].map(recode)
        tables[key] = frame
    history = tables["enrolment_history"]
    history["school_year"] = history["school_year"] + shift
    info = {**data.info, "county_code": code, "county_name": name, "city_name": city,
            "school_year": year}
    return CountyData(info, tables)


def drop_school(data: CountyData, school_id: str) -> CountyData:
    """A copy of ``data`` without one school and every row that refers to it."""
    tables = {}
    for key, frame in data.tables.items():
        frame = frame.copy()
        if "school_id" in frame.columns:
            frame = frame[frame["school_id"] != school_id]
        for column in ("central_school", "zone_primary", "zone_junior", "from_school_id"):
            if column in frame.columns:
                frame[column] = frame[column].where(frame[column] != school_id, None)
        tables[key] = frame.reset_index(drop=True)
    return CountyData(dict(data.info), tables)
