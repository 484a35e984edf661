"""An independent check of the 临时周转 counts plan.json gives per school (review rv18 finding 2:
the web page, the workbook and the 布局调整方案 printed three counts under one name).

``temporary_classrooms`` is what the solve priced as built (its 建设投资年均摊 is in the solver's
objective, on which 最优 is proven); ``borrowed_classrooms`` those of them the solve borrows in the
target year because the budget does not build them (rule (27)'s ``u_i``): never built, and borrowed
in the target year (:func:`borrowed_text`); ``temporary_target`` is what the plan borrows in the target
year and every document prints as 「规划年」; ``temporary_most`` the most it borrows in one school
year. The check re-derives the last two from the plan's own rows, without the planner's code:
per school and school year from the first one paid (the first school year not begun on the
plan's ``plan_date``, else the data year + 1), the 过渡期 rows' ``temporary`` (a new school's row
before it opens rents nothing: its pupils wait at their present schools), the rooms of pupils
waiting at their present school (``crowded_at``) and the 超员 rows (``overflow``). The rows
themselves are re-derived from the county by :mod:`~.layout_check_years`.

>>> plan = {"year": 2025, "target_year": 2030, "rules": {"plan_date": "2026-12-07"}, "schools": [
...     {"school_id": "A", "name": "甲小学", "action": "expand", "phase": 4, "temporary_classrooms": 1,
...      "temporary_target": 0, "temporary_most": 2},
...     {"school_id": "B", "name": "乙中学", "action": "expand", "phase": 2, "temporary_classrooms": 2,
...      "temporary_target": 3, "temporary_most": 5}],
...     "transition": [{"year": 2028, "school_id": "A", "temporary": 2, "crowded_at": []},
...                    {"year": 2027, "school_id": "B", "temporary": 2, "crowded_at": [["B", 396, 3]]},
...                    {"year": 2030, "school_id": "B", "temporary": 3, "crowded_at": []}],
...     "overflow": [[2026, "A", "primary", 4]]}
>>> borrowed_years(plan)
{'A': {2028: 2}, 'B': {2027: 5, 2030: 3}}
>>> check_borrow_counts(plan)
>>> plan["schools"][1]["temporary_target"] = 2
>>> check_borrow_counts(plan)
Traceback (most recent call last):
...
junheng.planning.layout_check.PlanViolation: 乙中学规划年 2030 学年临时周转教室写为 2 间，按过渡期逐年记录为 3 间。
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_phases import first_school_year

#: plan.json's per-school keys re-derived here, with what a finding calls them
COUNT_KEYS = {"temporary_target": "规划年 {year} 学年临时周转教室", "temporary_most": "各学年最多临时周转教室"}


def first_paid(plan: Mapping[str, Any]) -> int:
    """The first school year counted: not begun on the plan's ``plan_date``, else the data year + 1."""
    day = (plan.get("rules") or {}).get("plan_date")
    return first_school_year(date.fromisoformat(str(day))) if day else int(plan.get("year") or 0) + 1


def borrowed_years(plan: Mapping[str, Any]) -> dict[str, dict[int, int]]:
    """School -> school year -> rooms borrowed, from plan.json's rows (module docstring)."""
    first = first_paid(plan)
    opens = {s["school_id"]: int(plan.get("year") or 0) + int(s.get("phase") or 1)
             for s in plan.get("schools", ()) if s.get("action") == "new"}
    out: dict[str, dict[int, int]] = {}

    def add(school: str, year: int, rooms: int) -> None:
        if year >= first and rooms:
            out.setdefault(school, {})[year] = out.get(school, {}).get(year, 0) + int(rooms)
    for r in plan.get("transition") or ():
        for school, _pupils, rooms in r.get("crowded_at") or ():
            add(school, int(r["year"]), rooms)
        if opens.get(r["school_id"], 0) <= int(r["year"]):
            add(r["school_id"], int(r["year"]), r.get("temporary") or 0)
    for year, school, _stage, rooms in plan.get("overflow") or ():
        add(school, int(year), rooms)
    return {s: dict(sorted(by.items())) for s, by in out.items()}


def check_borrow_counts(plan: Mapping[str, Any]) -> None:
    """Raise :class:`~.layout_check.PlanViolation` where a school's ``temporary_target`` or
    ``temporary_most`` is not what its rows give (a plan written without them is not checked)."""
    years, target, found = borrowed_years(plan), plan.get("target_year"), Problems()
    for s in plan.get("schools", ()):
        mine = years.get(s["school_id"], {})
        derived = {"temporary_target": mine.get(target, 0) if target is not None else 0,
                   "temporary_most": max(mine.values(), default=0)}
        for key, label in COUNT_KEYS.items():
            if key in s and int(s[key] or 0) != derived[key]:
                found.add(f"{s.get('name') or s['school_id']}{label.format(year=target)}写为 {int(s[key] or 0):,} 间，"
                          f"按过渡期逐年记录为 {derived[key]:,} 间。")
        counted = target is not None and target >= first_paid(plan)  # a target year begun: as today
        if line := borrowed_text(s, target, derived["temporary_target"] if counted else None):
            found.add(line)
    found.raise_any()


def borrowed_text(school: Mapping[str, Any], target: int | None, borrowed: int | None) -> str:
    """The refusal of a school whose rooms the solve borrows in the target year (rule (27)'s
    ``borrowed_classrooms``, which the budget does not build) are built, or not borrowed in the
    target year (``borrowed``: the rooms its rows borrow then; None: a target year already begun,
    not counted); "" where it holds.

    >>> s = {"name": "甲小学", "borrowed_classrooms": 1, "temporary_classrooms": 1}
    >>> borrowed_text(s, 2030, 1), borrowed_text(s, 2030, 0)
    ('', '甲小学求解模型在规划年 2030 学年借用普通教室 1 间（建设预算不建），按过渡期逐年记录规划年临时周转 0 间：预算不建的教室须在规划年以临时周转解决。')
    >>> borrowed_text({**s, "temporary_classrooms": 0}, 2030, 1)
    '甲小学求解模型在规划年 2030 学年借用普通教室 1 间（建设预算不建），以临时周转解决的教室写为 0 间：预算不建的教室不新建。'
    """
    u, name = int(school.get("borrowed_classrooms") or 0), school.get("name") or school.get("school_id")
    said = f"{name}求解模型在规划年 {target} 学年借用普通教室 {u:,} 间（建设预算不建），"
    if u > int(school.get("temporary_classrooms") or 0):
        return f"{said}以临时周转解决的教室写为 {int(school.get('temporary_classrooms') or 0):,} 间：预算不建的教室不新建。"
    if borrowed is not None and u > borrowed:
        return f"{said}按过渡期逐年记录规划年临时周转 {borrowed:,} 间：预算不建的教室须在规划年以临时周转解决。"
    return ""


def unused_text(where: str, rooms: int, built: int, need: tuple[dict[int, int], int], target: int) -> str:
    """The refusal of a stage's added ``rooms`` beyond those ``built`` and beyond what the target
    year and those after it need (``need``: the overflow by school year, and the target year's
    rooms for its seats, rows (3)–(4)): the solve prices a room only for the target year and
    after, so a room met by 临时周转 that none of them needs is one the 过渡期 neither builds nor
    borrows for them (brief hfix27: a 九年一贯制 school's pooled rule (27) room put on the stage
    that did not lack it, borrowed in 2029 only); "" where it holds. A room built is not refused
    here: the run rule builds for earlier years, and under ``rezoning_grades: entry`` the solve's
    target-year room stays built where the pupils' entry needs none (test_layout_placed).

    >>> unused_text("新区实验学校（小学）", 1, 0, ({2029: 1, 2030: 0, 2031: 0}, 0), 2030)
    '新区实验学校（小学）新增教室 1 间，规划年 2030 学年起各学年最多缺 0 间：多出的 1 间规划年及以后各学年都不用，不应计入方案。'
    >>> unused_text("新区实验学校（初中）", 6, 6, ({2029: 6, 2030: 6, 2031: 4}, 5), 2030)
    ''
    """
    most = max([k for y, k in need[0].items() if y >= target] + [need[1]])
    kept = max(most, built)
    if rooms <= kept:
        return ""
    return (f"{where}新增教室 {rooms:,} 间，规划年 {target} 学年起各学年最多缺 {most:,} 间："
            f"多出的 {rooms - kept:,} 间规划年及以后各学年都不用，不应计入方案。")


def check_unused(where: str, rooms: tuple[int, int, int, int], need: Mapping[int, int],
                 pupils: Mapping[int, int], target: int) -> None:
    """Raise :class:`~.layout_check.PlanViolation` with :func:`unused_text`'s refusal of a stage
    (``rooms``: added, built, seats before them, class size; ``need``: its overflow by year,
    ``pupils`` its pupils by year), if any."""
    added, built, seats, size = rooms
    seat = -(-max(pupils.get(target, 0) - seats, 0) // size)  # the target year's rooms for its seats
    found = Problems()
    if line := unused_text(where, added, built, (dict(need), seat), target):
        found.add(line)
    found.raise_any()
