"""Small counties for the compliance-path tests: primary schools that meet every 2017
indicator exactly unless a test says otherwise (values per student or per hundred)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import yaml

from junheng.model import CountyData

INFO = {"county_code": "410306", "county_name": "测试县", "city_name": "洛阳市",
        "school_year": 2025, "primary_funding_quota": 720.0, "junior_funding_quota": 940.0}
#: The 2017 primary thresholds: per student (areas, 元) or per hundred students.
PRIMARY = {"higher": 4.2, "backbone": 1.0, "pe_art": 0.9, "teaching_area": 4.5,
           "sports_area": 7.5, "equipment_value": 2000.0, "multimedia_rooms": 2.3}
_ids = itertools.count(1)


def _teachers(school_id: str, n: int, **attrs) -> list[dict]:
    base = {"stage": "primary", "subject": "chinese", "full_time": True, "degree": "bachelor",
            "title": "second", "backbone": "none", "certified": True, "sex": "female",
            "birth_year": 1985, "work_start_year": 2008, "school_start_year": 2015,
            "training_hours_5y": 400.0, "rotated_in": False}
    return [{"teacher_id": f"T{next(_ids):06d}", "school_id": school_id, **base, **attrs}
            for _ in range(n)]


def school_id(label: str) -> str:
    """The 10-digit 学校标识码 of school ``label`` ("A" → 4103060001)."""
    return f"41030600{ord(label) - ord('A') + 1:02d}"


def primary_school(label: str, students: int, *, code: str = "220", title: str = "second",
                   **ratios) -> dict:
    """Records of primary school ``label`` (named “<label>小学”) with ``students`` pupils in
    classes of 40 (plus one smaller class); ``ratios`` replace :data:`PRIMARY` values."""
    r = {**PRIMARY, **ratios}
    school_id_ = school_id(label)
    sizes = [40] * (students // 40) + ([students % 40] if students % 40 else [])
    grades = ("g1", "g2", "g3", "g4", "g5", "g6")
    classes = [{"school_id": school_id_, "grade": grades[i % 6], "class_no": str(i + 1),
                "students": n} for i, n in enumerate(sizes)]
    per100 = {k: math.ceil(round(r[k] * students / 100, 6)) for k in ("higher", "backbone",
                                                                     "pe_art")}
    backbone = per100["backbone"]
    pe_art = per100["pe_art"]
    plain = max(per100["higher"] - backbone - pe_art, 0)
    teachers = (_teachers(school_id_, backbone, backbone="county")
                + _teachers(school_id_, pe_art, subject="pe")
                + _teachers(school_id_, plain, title=title))
    facility = {"teaching_area": r["teaching_area"] * students,
                "sports_area": r["sports_area"] * students,
                "equipment_value": r["equipment_value"] * students,
                "multimedia_rooms": math.ceil(round(r["multimedia_rooms"] * students / 100, 6))}
    return _records(school_id_, f"{label}小学", "primary_school", code, classes, teachers,
                    facility, students)


def _records(sid: str, name: str, school_type: str, code: str, classes: list[dict],
             teachers: list[dict], facility: dict, pupils: int) -> dict:
    """A school's tables: its row, classes, teachers and facilities (``facility``'s totals,
    a room for every class, one music and one art room per 12 classes at the standard area,
    30 books and a tenth of a computer per pupil)."""
    rooms = math.ceil(len(classes) / 12)
    facility = {"school_id": sid, **facility, "classrooms": len(classes), "music_rooms": rooms,
                "music_room_area": 96.0 * rooms, "art_rooms": rooms,
                "art_room_area": 90.0 * rooms, "books": 30.0 * pupils, "computers": pupils / 10}
    school = {"school_id": sid, "name": name, "school_type": school_type,
              "ownership": "public", "town_code": "410306001", "urban_rural_code": code,
              "lon": 112.45, "lat": 34.62, "crs": "WGS84", "boarding": False,
              "boarding_beds": 0}
    return {"schools": [school], "classes": classes, "teachers": teachers,
            "facilities": [facility]}


def county(*schools: dict) -> CountyData:
    tables: dict[str, list] = {}
    for part in schools:
        for key, rows in part.items():
            tables.setdefault(key, []).extend(rows)
    return CountyData.from_records(dict(INFO), **tables)


def cost_file(tmp_path: Path, **changes) -> Path:
    """A county cost file: every lead time 0, no project fixed costs, rotation too dear to
    use (so a test's cheapest plan is worked out from the unit costs alone)."""
    items = {k: {"lead_years": 0} for k in (
        "teaching_area", "room_renovation", "field", "gym", "lease", "equipment",
        "multimedia_room", "hire_teacher", "hire_pe_art", "hire_backbone", "degree_upgrade",
        "backbone_training")}
    items["rotation"] = {"lead_years": 0, "unit_cost": 100.0}
    body = {"items": items, "projects": {"building": {"unit_cost": 0.0},
                                         "sports": {"unit_cost": 0.0}}}
    for key, value in changes.items():
        *path, field = key.split("__")
        table = body
        for part in path:
            table = table.setdefault(part, {})
        table[field] = value
    path = tmp_path / "costs.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path


#: The 2017 junior thresholds (per student or per hundred students).
JUNIOR = {"higher": 5.3, "backbone": 1.0, "pe_art": 0.9, "teaching_area": 5.8,
          "sports_area": 10.2, "equipment_value": 2500.0, "multimedia_rooms": 2.4}


def complete_secondary(label: str, junior: int, senior: int, *, code: str = "111",
                       **ratios) -> dict:
    """Records of 完全中学 ``label`` (“<label>中学”): ``junior`` pupils in g7–g9 and ``senior``
    in s1–s3, classes of 50. Its facilities are sized so that the junior unit's share of them
    (junior : senior weighted 1 : 1.2) is exactly the junior threshold per pupil (``ratios``
    replace :data:`JUNIOR` values); teachers of the junior stage as in :func:`primary_school`."""
    r = {**JUNIOR, **ratios}
    sid = school_id(label)
    share = junior / (junior + 1.2 * senior)
    classes = []
    for pupils, grades in ((junior, ("g7", "g8", "g9")), (senior, ("s1", "s2", "s3"))):
        sizes = [50] * (pupils // 50) + ([pupils % 50] if pupils % 50 else [])
        classes += [{"school_id": sid, "grade": grades[i % 3],
                     "class_no": f"{grades[0]}-{i + 1}", "students": n}
                    for i, n in enumerate(sizes)]
    per100 = {k: math.ceil(round(r[k] * junior / 100, 6)) for k in ("higher", "backbone",
                                                                   "pe_art")}
    plain = max(per100["higher"] - per100["backbone"] - per100["pe_art"], 0)
    teachers = [{**t, "stage": "junior"} for t in (
        _teachers(sid, per100["backbone"], backbone="county")
        + _teachers(sid, per100["pe_art"], subject="pe") + _teachers(sid, plain))]
    facility = {**{k: round(r[k] * junior / share, 6) for k in (
        "teaching_area", "sports_area", "equipment_value")},
        "multimedia_rooms": math.ceil(round(r["multimedia_rooms"] * junior / 100 / share, 6))}
    return _records(sid, f"{label}中学", "complete_secondary", code, classes, teachers,
                    facility, junior)


def plan_hall_cap(tmp_path: Path, **costs):
    """The plan of a county whose school A (1,000 pupils in the main city, code 111: no land
    for a field) has 2 m² of sports area a pupil (2,000 m²) where the standard asks 7.5
    (7,500 m²); C meets everything; ``costs``: :func:`cost_file` changes (issue 16, review
    ca item 1)."""
    from datetime import date

    from junheng.planning.compliance import plan_compliance
    from junheng.planning.compliance_costs import load_costs
    from junheng.planning.compliance_county import current_students

    data = county(primary_school("A", 1000, code="111", sports_area=2.0),
                  primary_school("C", 1000, code="111"))
    return plan_compliance(data, current_students(data), 2026,
                           costs=load_costs(cost_file(tmp_path, **costs)), time_limit=30,
                           plan_date=date(2026, 6, 1))


def todays_pupils(monkeypatch) -> None:
    """Make every year's pupils today's in ``run_compliance`` (the forecast not under test)."""
    import pandas as pd

    from junheng.planning.compliance_county import current_students

    def today(history, target_year):
        now = current_students(history[-1])
        return pd.concat([now.assign(year=y) for y in range(2026, 2030)], ignore_index=True), "", {}

    monkeypatch.setattr("junheng.jobs.compliance.target_students", today)
