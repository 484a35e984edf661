"""``plan.json`` (docs/layout-json.md): a :class:`LayoutOutcome` written and read at the file
boundary.

:func:`read_layout_json` is the one reader: ``junheng report --layout``, the web page of a
finished plan and any script read a plan through it, and get back the same typed outcome the
planner hands over in process (``read_layout_json(write_layout_json(o, p)) == o``).

>>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
>>> plan = LayoutOutcome("optimal", (PlannedSchool("T1", "上河教学点", "close", phase=1),),
...                      {"before": {"teaching_points": 1}, "after": {"teaching_points": 0}})
>>> layout_from_json(layout_json(plan)) == plan
True
>>> layout_from_json({"status": "optimal"})
Traceback (most recent call last):
...
junheng.errors.ConfigError: 布局方案缺少 schools、metrics：请使用 junheng plan layout 写出的 plan.json。
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from junheng.errors import ConfigError
from junheng.planning.layout_footprint import room_area, unsited_rooms
from junheng.planning.layout_outcome import (
    CvComparison,
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)
from junheng.planning.layout_phases import opening_years

PLAN_FILE = "plan.json"
REQUIRED = ("schools", "metrics")
SCHOOL_REQUIRED = ("school_id", "name", "action")
_HINT = "请使用 junheng plan layout 写出的 plan.json。"


# --- writing ---------------------------------------------------------------------------------

def layout_json(plan: LayoutOutcome) -> dict[str, Any]:
    """The plan as the documented JSON object, keys in the documented order."""
    from junheng.planning.borrow_counts import borrow_counts

    opens, counts = opening_years(plan), borrow_counts(plan)
    return {
        "status": plan.status, "objective": plan.objective, "bound": plan.bound,
        "gap": plan.gap, "seconds": plan.seconds, "county": plan.county, "year": plan.year,
        "target_year": plan.target_year, "scenario": plan.scenario,
        "weights": dict(plan.weights), "costs": dict(plan.costs), "rules": dict(plan.rules),
        "phases": plan.phases, "phase_years": phase_years(plan),
        "schools": [_school_json(s, plan.year, room_area(plan), counts.get(s.school_id)) for s in plan.schools],
        "assignments": [_assignment_json(a) for a in plan.assignments],
        "kept_reasons": dict(plan.kept_reasons),
        "metrics": {k: dict(v) for k, v in plan.metrics.items()},
        "evaluation": _evaluation_json(plan.evaluation),
        "notes": list(plan.notes),
        "transition": [_year_rooms_json(r, opens) for r in plan.transition],
        "overflow": [list(o) for o in plan.overflow],
        "shifts": [list(o) for o in plan.shifts],
        "large": [list(o) for o in plan.large],
        "year_pupils": [list(o) for o in plan.year_pupils],
        "moved_years": [list(o) for o in plan.moved_years],
        "staffing": dict(plan.staffing) if plan.staffing else None,
        "alternative": dict(plan.alternative) if plan.alternative else None,
    }


def phase_years(plan: LayoutOutcome) -> dict[str, int]:
    """Phase -> its school year (data year + phase) for every phase a school carries: the
    ``phases`` count is how many distinct school years the plan acts in (rv 12: closures carry
    phases 2-5 beside ``phases: 4``); {} for a plan without its data year.

    >>> phase_years(LayoutOutcome("optimal", (PlannedSchool("A", "甲", "close", phase=5),
    ...     PlannedSchool("B", "乙", "expand", phase=2), PlannedSchool("C", "丙", "keep")), {},
    ...     year=2025))
    {'2': 2027, '5': 2030}
    """
    if not plan.year:
        return {}
    return {str(p): int(plan.year) + p for p in sorted({int(s.phase) for s in plan.schools
                                                         if s.phase is not None})}


def temporary_by_stage(s: PlannedSchool) -> dict[str, int]:
    """A school's 临时周转 rooms by stage: taken from the stage it adds most rooms to, as
    :func:`~.layout_later.built_rooms` takes them.

    >>> temporary_by_stage(PlannedSchool("A", "甲", "expand", added_classrooms=5,
    ...     temporary_classrooms=2, added_classrooms_by_stage={"primary": 1, "junior": 4}))
    {'junior': 2}
    """
    added = {k: int(v) for k, v in (s.added_classrooms_by_stage or {}).items() if v}
    if not s.temporary_classrooms or not added:
        return {}
    return {max(added, key=lambda k: (added[k], k)): int(s.temporary_classrooms)}


def receiver_rooms(row: Mapping[str, Any], stages: list[str]) -> tuple[str, str]:
    """A receiver's rooms of ``stages`` as the plan treats them: built (新增教室) and met by
    临时周转, not built (review rv3 6: 东城小学 read 「新增教室 1 间」 here and 「临时周转普通教室
    1 间（不新建）」 in 表3). ``row``: its row of the schools table (``added_primary``,
    ``added_junior`` counting both, ``temporary_classrooms`` the borrowed, taken from the stage
    it adds most rooms to, as :func:`temporary_by_stage` takes them).

    >>> receiver_rooms({"added_primary": 2, "added_junior": 0, "temporary_classrooms": 2}, ["primary"])
    ('', '临时周转 2 间（不新建）')
    >>> receiver_rooms({"added_primary": 1, "added_junior": 5, "temporary_classrooms": 2}, ["primary", "junior"])
    ('新增教室 4 间', '临时周转 2 间（不新建）')
    >>> receiver_rooms({"added_primary": 3, "added_junior": 0}, ["primary"])
    ('新增教室 3 间', '')
    """
    added = {st: int(row[f"added_{st}"]) for st in ("primary", "junior") if int(row[f"added_{st}"])}
    borrowed = int(row.get("temporary_classrooms", 0) or 0)
    lent = {max(added, key=lambda k: (added[k], k)): borrowed} if borrowed and added else {}
    built = sum(added.get(st, 0) - lent.get(st, 0) for st in stages)
    temporary = sum(lent.get(st, 0) for st in stages)
    return (f"新增教室 {built:,} 间" if built > 0 else "",
            f"临时周转 {temporary:,} 间（不新建）" if temporary else "")


def _school_json(s: PlannedSchool, year: int | None = None, area: float = 120.0,
                 borrowed=None) -> dict[str, Any]:
    """A school as written: ``added_classrooms``, its stages and ``capital_yuan`` count the
    rooms built only; the rooms met by 临时周转 (not built) are in ``temporary_classrooms``,
    ``temporary_classrooms_by_stage`` and ``temporary_yuan`` (rv 12: 东城小学 written with
    1 room and 42 万 its documents say are not built). The reader adds them back.
    ``unsited_rooms``: of the rooms built, those with no site (:func:`~.layout_footprint.unsited_rooms`,
    rooms of ``area`` m²): not counted as built until the ground is settled (review rv14 N4).
    ``borrowed`` (:class:`~.borrow_counts.BorrowCount`): the rooms borrowed in the target year
    (``temporary_target``, the documents' 「规划年」) and the most in a school year
    (``temporary_most``), beside the solve's ``temporary_classrooms`` (review rv18 2)."""
    temporary = temporary_by_stage(s)
    by_stage = {k: int(v) - temporary.get(k, 0) for k, v in s.added_classrooms_by_stage.items()}
    return {"school_id": s.school_id, "name": s.name, "kind": s.kind, "action": s.action,
            "merged_into": s.merged_into, "phase": s.phase,
            "school_year": int(year) + s.phase if year and s.phase is not None else None,
            "added_classrooms": int(s.added_classrooms) - int(s.temporary_classrooms),
            "added_classrooms_by_stage": by_stage,
            "added_beds": s.added_beds, "beds_after": s.beds_after, "boarding": s.boarding,
            "capacity": dict(s.capacity), "students_after": dict(s.students_after),
            "students_now": s.students_now, "students_expected": s.students_expected,
            "lon": s.lon, "lat": s.lat, "town_code": s.town_code,
            "urban_rural_code": s.urban_rural_code, "teachers_to_redeploy": s.teachers_to_redeploy,
            "moved_pupils": dict(s.moved_pupils), "moved_teachers": dict(s.moved_teachers),
            "capital_yuan": s.capital_yuan - s.temporary_yuan,
            "standard_area": s.standard_area, "standard_area_yuan": s.standard_area_yuan,
            "field_area": s.field_area, "field_yuan": s.field_yuan,
            "equipment_yuan": s.equipment_yuan, "teacher_posts": s.teacher_posts,
            "added_teaching_area": s.added_teaching_area,
            "added_sports_area": s.added_sports_area, "area_yuan": s.area_yuan,
            "sports_field": s.sports_field,
            "project_status": s.project_status, "opens_year": s.opens_year,
            "condition": s.condition,
            "sports_beyond_cap_area": s.sports_beyond_cap_area,
            "sports_land_area": s.sports_land_area, "sports_land_yuan": s.sports_land_yuan,
            "sports_m2": dict(s.sports_m2),
            "temporary_classrooms": s.temporary_classrooms, "temporary_yuan": s.temporary_yuan,
            "borrowed_classrooms": s.borrowed_classrooms,
            "temporary_classrooms_by_stage": temporary, "temporary_seats": dict(s.temporary_seats),
            "temporary_target": borrowed.target if borrowed else 0, "temporary_most": borrowed.most if borrowed else 0,
            "spare_ground_m2": s.spare_ground_m2, "room_ground_m2": s.room_ground_m2,
            "ground_rooms": s.ground_rooms, "unsited_rooms": unsited_rooms(s, area), "stay_floor": s.stay_floor,
            "floor_terms": dict(s.floor_terms), "unfinished_projects": [dict(x) for x in s.unfinished_projects]}


def _assignment_json(a: VillageAssignment) -> dict[str, Any]:
    return {"village_id": a.village_id, "stage_group": a.stage_group, "school_id": a.school_id,
            "students": a.students, "distance_km": a.distance_km, "travel_min": a.travel_min,
            "boarding": a.boarding, "board_share": a.board_share, "village_name": a.village_name,
            "before_school": a.before_school, "urban": a.urban, "pinned": a.pinned}


def _evaluation_json(cvs: CvComparison | None) -> dict[str, Any]:
    if cvs is None:
        return {}
    return {"before": {k: dict(v) for k, v in cvs.before.items()},
            "after": {k: dict(v) for k, v in cvs.after.items()},
            "assumptions": list(cvs.assumptions),
            "limits": {k: dict(v) for k, v in cvs.limits.items()},
            "causes": list(cvs.causes), "today": {k: dict(v) for k, v in cvs.today.items()}}


def write_layout_json(plan: LayoutOutcome, path: str | Path) -> Path:
    """Write ``plan.json`` (UTF-8, Chinese as is, one space of indent)."""
    path = Path(path)
    path.write_text(json.dumps(layout_json(plan), ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path


# --- reading ---------------------------------------------------------------------------------

def model_plan(doc: Mapping) -> dict[str, Any]:
    """A ``plan.json`` document with its schools in the planner's terms (the 临时周转 rooms
    back in ``added_classrooms`` and ``capital_yuan``, :func:`with_temporary`), as the checker
    re-derives the model's rules; read back by :func:`layout_from_json` unchanged.

    >>> doc = {"schools": [{"added_classrooms": 0, "capital_yuan": 0.0, "temporary_classrooms": 2,
    ...     "temporary_yuan": 840000.0, "temporary_classrooms_by_stage": {"primary": 2}}]}
    >>> s = model_plan(doc)["schools"][0]
    >>> s["added_classrooms"], s["capital_yuan"], "temporary_classrooms_by_stage" in s
    (2, 840000.0, False)
    """
    def school(s: Mapping) -> dict[str, Any]:
        out = with_temporary(dict(s), s)
        out.pop("temporary_classrooms_by_stage", None)
        return out

    return {**doc, "schools": [school(s) for s in doc.get("schools") or ()]}


def read_layout_json(path: str | Path) -> LayoutOutcome:
    """A layout plan from ``plan.json``, or from the folder ``junheng plan layout`` wrote it to.

    Raises
    ------
    ConfigError
        When the file is missing, is not JSON, or is not a layout plan.
    """
    path = Path(path)
    file = path / PLAN_FILE if path.is_dir() else path
    if not file.is_file():
        raise ConfigError(f"找不到布局方案 {file}：请指定 junheng plan layout --out 目录中的 plan.json。")
    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"布局方案 {file} 不是有效的 JSON（{exc}）：{_HINT}") from None
    return layout_from_json(doc, source=str(file))


def layout_from_json(doc: Any, *, source: str = "") -> LayoutOutcome:
    """The :class:`LayoutOutcome` of a ``plan.json`` document (keys the document lacks take
    their empty defaults, except ``schools`` and ``metrics``)."""
    where = f" {source} " if source else ""
    if not isinstance(doc, Mapping):
        raise ConfigError(f"布局方案{where}不是 JSON 对象：{_HINT}")
    missing = [k for k in REQUIRED if k not in doc]
    if missing:
        raise ConfigError(f"布局方案{where}缺少 {'、'.join(missing)}：{_HINT}")
    return LayoutOutcome(
        status=str(doc.get("status", "")),
        schools=tuple(_school(s, k, where) for k, s in enumerate(doc["schools"], start=1)),
        metrics={k: dict(v) for k, v in doc["metrics"].items()},
        objective=doc.get("objective"), bound=doc.get("bound"), gap=doc.get("gap"),
        seconds=doc.get("seconds"), county=str(doc.get("county") or ""), year=doc.get("year"),
        target_year=doc.get("target_year"), scenario=str(doc.get("scenario", "")),
        weights=dict(doc.get("weights") or {}), costs=dict(doc.get("costs") or {}),
        rules=dict(doc.get("rules") or {}), phases=int(doc.get("phases") or 0),
        assignments=tuple(_assignment(a, k, where)
                          for k, a in enumerate(doc.get("assignments") or (), start=1)),
        kept_reasons=dict(doc.get("kept_reasons") or {}),
        evaluation=_evaluation(doc.get("evaluation")),
        notes=tuple(str(n) for n in doc.get("notes") or ()),
        transition=tuple(_year_rooms(r) for r in doc.get("transition") or ()),
        overflow=tuple((int(y), str(s), str(g), int(n)) for y, s, g, n in doc.get("overflow") or ()),
        large=tuple((int(y), str(s), int(n), int(c)) for y, s, n, c in doc.get("large") or ()),
        year_pupils=tuple((int(y), str(s), str(g), int(n)) for y, s, g, n in doc.get("year_pupils") or ()),
        moved_years=tuple((int(y), str(v), str(b), str(s), str(g), int(n))
                          for y, v, b, s, g, n in doc.get("moved_years") or ()),
        shifts=tuple((int(y), str(v), str(st), str(s), str(r), int(n), float(m))
                     for y, v, st, s, r, n, m in doc.get("shifts") or ()),
        staffing=doc.get("staffing") or None, alternative=doc.get("alternative") or None)


def _school(doc: Any, k: int, where: str) -> PlannedSchool:
    missing = [key for key in SCHOOL_REQUIRED if not isinstance(doc, Mapping) or key not in doc]
    if missing:
        raise ConfigError(f"布局方案{where}第 {k} 所学校缺少 {'、'.join(missing)}：{_HINT}")
    fields = {key: doc[key] for key in PlannedSchool.__dataclass_fields__ if key in doc}
    for key in ("added_classrooms_by_stage", "capacity", "students_after", "moved_pupils",
                "moved_teachers", "temporary_seats", "sports_m2", "floor_terms"):
        fields[key] = dict(fields.get(key) or {})
    fields["unfinished_projects"] = tuple(dict(x) for x in fields.get("unfinished_projects") or ())
    return PlannedSchool(**with_temporary(fields, doc))


def with_temporary(fields: dict, doc: Mapping) -> dict:
    """A written school's fields in the planner's terms: its 临时周转 rooms added back to
    ``added_classrooms``, its stages and ``capital_yuan`` (:func:`_school_json`).

    >>> with_temporary({"added_classrooms": 0, "added_classrooms_by_stage": {"primary": 0},
    ...     "capital_yuan": 0.0, "temporary_classrooms": 1, "temporary_yuan": 420000.0},
    ...     {"temporary_classrooms_by_stage": {"primary": 1}})
    {'added_classrooms': 1, 'added_classrooms_by_stage': {'primary': 1}, 'capital_yuan': 420000.0, 'temporary_classrooms': 1, 'temporary_yuan': 420000.0}
    """
    rooms = int(fields.get("temporary_classrooms") or 0)
    if not rooms or "temporary_classrooms_by_stage" not in doc:  # plans stored before 2026-12-05
        return fields
    by_stage = dict(fields.get("added_classrooms_by_stage") or {})
    for k, v in (doc.get("temporary_classrooms_by_stage") or {}).items():
        by_stage[k] = int(by_stage.get(k, 0)) + int(v)
    return {**fields, "added_classrooms": int(fields.get("added_classrooms") or 0) + rooms,
            "added_classrooms_by_stage": by_stage,
            "capital_yuan": float(fields.get("capital_yuan") or 0.0)
            + float(fields.get("temporary_yuan") or 0.0)}


#: an assignment's keys an older plan may lack
OPTIONAL = ("board_share", "village_name", "before_school", "urban", "pinned")


def _assignment(doc: Any, k: int, where: str) -> VillageAssignment:
    keys = [k for k in VillageAssignment.__dataclass_fields__ if k not in OPTIONAL]
    missing = [key for key in keys if not isinstance(doc, Mapping) or key not in doc]
    if missing:
        raise ConfigError(f"布局方案{where}第 {k} 条学生分配缺少 {'、'.join(missing)}：{_HINT}")
    share = doc.get("board_share", 1.0 if doc["boarding"] else 0.0)  # older plans: the rule
    return VillageAssignment(**{key: doc[key] for key in keys}, board_share=share,
                             village_name=str(doc.get("village_name") or ""),
                             before_school=str(doc.get("before_school") or ""),
                             urban=doc.get("urban") is True, pinned=doc.get("pinned") is True)


def _evaluation(doc: Any) -> CvComparison | None:
    if not doc:
        return None
    return CvComparison({k: dict(v) for k, v in doc.get("before", {}).items()},
                        {k: dict(v) for k, v in doc.get("after", {}).items()},
                        tuple(doc.get("assumptions", ())),
                        {k: dict(v) for k, v in doc.get("limits", {}).items()},
                        tuple(doc.get("causes", ())),
                        {k: dict(v) for k, v in (doc.get("today") or {}).items()})


def _year_rooms_json(r: YearRooms, opens: Mapping[str, int]) -> dict[str, Any]:
    """A 过渡期 row as written: a new school's row before it opens says ``temporary`` 0 (the
    school rents nothing; the rooms rented for its pupils are ``crowded_rooms``, at the present
    schools) and keeps the rooms its pupils would fill in ``unopened_short`` (rv2 finding 10:
    ``temporary`` 20 and 21 at the unopened 文化路社区片区初级中学, a naive sum 114 room-years
    where the plan rents 73 = 20 ``temporary`` + 25 ``crowded_rooms`` + 28 of ``overflow``).

    >>> row = YearRooms(2027, "N", "junior", 995, 20, 0, 20, 0, 539, 11, (("P", 539, 11),))
    >>> out = _year_rooms_json(row, {"N": 2029})
    >>> out["temporary"], out["unopened_short"], out["crowded_rooms"]
    (0, 20, 11)
    >>> _year_rooms(out) == row, "unopened_short" in _year_rooms_json(row, {"N": 2027})
    (True, False)
    """
    out = asdict(r)
    if opens.get(r.school_id, 0) > r.year:
        out["temporary"], out["unopened_short"] = 0, r.temporary
    return out


def _year_rooms(row: dict) -> YearRooms:
    """A 过渡期 row read back: its ``crowded_at`` lists become tuples again, and an unopened
    new school's ``unopened_short`` its ``temporary`` (:func:`_year_rooms_json`)."""
    fields = {k: row[k] for k in YearRooms.__dataclass_fields__ if k in row}
    if "unopened_short" in row:
        fields["temporary"] = row["unopened_short"]
    fields["crowded_at"] = tuple(tuple(x) for x in fields.get("crowded_at") or ())
    return YearRooms(**fields)
