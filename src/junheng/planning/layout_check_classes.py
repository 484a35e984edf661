"""An independent check of rules (23) and (24) (:mod:`~junheng.planning.layout_model_classes`,
:mod:`~junheng.planning.layout_model_receivers`). (23): a new school is built whole for the pupils the plan sends it, so in every school year from the one
it opens (the data year + its phase) to three years after the target, its classes formed grade
by grade at the standard class size fit in the rooms it builds.

The pupils are re-derived as the 过渡期's check does (:func:`~.layout_check_years.yearly_loads`:
each village's target-year pupils × its children that year / its children in the target year,
or its school's forecast), per stage group; a group's pupils spread over its grades by the
site's shares (a third each at a new site), each grade in ``⌈pupils / class size⌉`` classes.
A group not yet born in the data year is left out of that year, as the model leaves it out.

(24): an existing school that receives another school's pupils, in every school year after the
target to three after it, lacks no more rooms for its classes formed grade by grade than it
would without the plan (its own pupils today, every assignment at its school today), counted
against its compulsory stages' rooms today plus those the plan builds
(:func:`receiver_short`); a year a group of the school cannot be aged to is left out.
(27): in the target year every open existing school but a 教学点 and a school being relocated
(receiving or not) fits its classes formed grade by grade in its rooms today and those the solve
added, built or met by 临时周转 (plan.json's ``added_classrooms`` + ``temporary_classrooms``: the
rooms the solve priced as built, on which 最优 is proven, those it borrows because the budget does
not build them, ``borrowed_classrooms``, among them), without the allowance of (24): the
count of the 过渡期's 规划年, re-derived here (:func:`target_text` refuses a plan the solve priced
fewer rooms for). A grade's share of its group is the forecast's of that year where the county
carries it, else the school's today (as the 过渡期 forms a year's classes). From the target year
on every pupil is at the plan's school, as the model counts them (it knows no closure year); the
过渡期 places them by the plan's timing, the same where each closure is done by the target year
(a closure waits for its receivers' builds, not for one that only borrows: brief hborrow5 2).

A new 九年一贯制 school with 371 primary pupils (about 62 a grade: 2 classes each, 12 rooms)
that builds 9 primary rooms is refused:

>>> classes_needed({"grades_1_3": 185.5, "grades_4_6": 185.5}, {g: 1 / 3 for g in range(1, 10)}, 45)
12
>>> short_text("人民路社区片区九年一贯制学校", 2030, "primary", 12, 9)
'新建学校人民路社区片区九年一贯制学校 2030 学年小学按年级编班（每个年级按标准班额）需普通教室 12 间，建设 9 间：新建学校一次建成，教室须容纳方案分配给它的学生（不以临时周转解决）。'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_model_classes import GROUP_GRADES

STAGE_GROUPS = {"primary": ("grades_1_3", "grades_4_6"), "junior": ("grades_7_9",)}
STAGE_WORD = {"primary": "小学", "junior": "初中"}


def classes_needed(pupils: Mapping[str, float], shares: Mapping[int, float], size: float) -> int:
    """Classes of the groups' ``pupils`` formed grade by grade (``shares``: grade → its share
    of its group) at ``size`` a class."""
    return sum(math.ceil(n * shares[g] / size - 1e-9)
               for group, n in pupils.items() for g in GROUP_GRADES[group] if n > 0)


def short_text(name: str, year: int, stage: str, need: int, built: int) -> str:
    """The refusal of one new school's stage in one year."""
    return (f"新建学校{name} {year} 学年{STAGE_WORD[stage]}按年级编班（每个年级按标准班额）需普通教室 {need} 间，"
            f"建设 {built} 间：新建学校一次建成，教室须容纳方案分配给它的学生（不以临时周转解决）。")


def check_new_classes(data, problem, plan, config) -> None:
    """Raise :class:`~.layout_check.PlanViolation` naming every new school, year and stage
    whose classes formed grade by grade need more rooms than it builds (module docstring)."""
    from junheng.planning.layout_check_years import yearly_loads
    from junheng.planning.layout_phases import first_school_year, plan_day

    new = {s.school_id: s for s in plan.schools if s.action == "new"}
    if not new or not plan.target_year:
        return
    loads = yearly_loads(data, plan, set(new), first_school_year(plan_day(config)), by_group=True)
    sites = problem.sites
    found = Problems()
    for sid, s in new.items():
        opens = data.school_year + (s.phase or 1)
        shares = {g: float(sites.at[sid, f"share_g{g}"]) if sid in sites.index else 1 / 3
                  for g in range(1, 10)}
        for stage, groups in STAGE_GROUPS.items():
            size = float(sites.at[sid, f"class_size_{stage}"]) if sid in sites.index \
                else float(getattr(config, f"class_size_{stage}"))
            built = int((s.added_classrooms_by_stage or {}).get(stage, 0))
            years = sorted({y for g in groups for y in loads.get((sid, g), {}) if y >= opens})
            for year in years:
                need = classes_needed({g: loads.get((sid, g), {}).get(year, 0.0) for g in groups},
                                      shares, size)
                if need > built:
                    found.add(short_text(s.name, year, stage, need, built))
    found.raise_any()


def receiver_short(with_plan: int, without: int, rooms: int, built: int) -> tuple[int, int]:
    """A receiver's rooms short in one year with the plan (``with_plan`` classes in ``rooms``
    today + ``built``) and without it (``without`` classes in ``rooms``).

    >>> receiver_short(23, 18, 20, 2)  # 23 classes in 22 rooms, where its own 18 fit in 20
    (1, 0)
    """
    return max(with_plan - rooms - built, 0), max(without - rooms, 0)


def receiver_text(name: str, year: int, need: int, rooms: int, built: int, before: int) -> str:
    """The refusal of one receiver in one year."""
    now = f"不调整时缺 {before} 间" if before else "不调整时不缺"
    return (f"接收学校{name} {year} 学年按年级编班（每个年级按标准班额）需普通教室 {need} 间，现有 {rooms} 间、"
            f"方案新建 {built} 间，缺 {need - rooms - built} 间，{now}：接收其他学校的学生后不得因本方案更缺教室。")


def target_text(name: str, year: int, need: int, rooms: int, built: int, borrowed: int) -> str:
    """The refusal of one school in the target year (27): the solve priced fewer rooms than its
    classes need.

    >>> target_text("洛北县实验中学", 2030, 41, 38, 2, 2)
    '洛北县实验中学规划年 2030 学年按年级编班（每个年级按标准班额）需普通教室 41 间，现有 38 间，求解模型计入新增 2 间（其中临时周转 2 间），少计 1 间：规划年借用的教室须在求解模型内按新建计价，最优才对所列方案成立。'
    """
    of = f"（其中临时周转 {borrowed} 间）" if borrowed else ""
    return (f"{name}规划年 {year} 学年按年级编班（每个年级按标准班额）需普通教室 {need} 间，现有 {rooms} 间，"
            f"求解模型计入新增 {built} 间{of}，少计 {need - rooms - built} 间：规划年借用的教室须在求解模型内按新建"
            "计价，最优才对所列方案成立。")


def _site_classes(loads, sid: str, year: int, shares, sizes) -> int:
    """The classes of school ``sid``'s compulsory stages in ``year`` formed grade by grade."""
    return sum(classes_needed({g: loads.get((sid, g), {}).get(year, 0.0) for g in groups},
                              shares, sizes[stage]) for stage, groups in STAGE_GROUPS.items())


def _years(loads, sid: str, target: int) -> list[int]:
    """The years from ``target`` that every group of ``sid`` in ``loads`` is aged to."""
    known = [set(v) for (s, _), v in loads.items() if s == sid]
    return sorted(y for y in set.intersection(*known) if y >= target) if known else []


def _whole(sites, sid: str) -> bool:
    """Whether rule (27) holds at ``sid``: not a 教学点, not being relocated."""
    return (sid in sites.index and sites.at[sid, "kind"] != "teaching_point"
            and not bool(sites.at[sid, "relocating"] if "relocating" in sites else False))


def check_receiver_classes(data, problem, plan, config) -> None:
    """Raise :class:`~.layout_check.PlanViolation` naming every receiver and year that the
    plan leaves shorter of rooms for its classes formed grade by grade (24), and every school
    whose target-year classes the solve priced too few rooms for (27) (module docstring)."""
    from junheng.planning.layout_check_years import yearly_loads
    from junheng.planning.layout_years import year_shares

    kept = {s.school_id: s for s in plan.schools if s.action not in ("new", "close")}
    sites, target = problem.sites, plan.target_year
    receivers = {a.school_id for a in plan.assignments
                 if a.school_id in kept and a.before_school not in ("", a.school_id)}
    whole = {sid for sid in kept if _whole(sites, sid)}
    if not (receivers | whole) or not target:
        return
    loads = yearly_loads(data, plan, receivers | whole, by_group=True)
    today = replace(plan, assignments=tuple(replace(a, school_id=a.before_school)
                                            for a in plan.assignments))
    own = yearly_loads(data, today, receivers, by_group=True) if receivers else {}
    mix, found = year_shares(data, sites), Problems()
    for sid in sorted(receivers | whole):
        sizes = {st: float(sites.at[sid, f"class_size_{st}"]) for st in STAGE_GROUPS}
        rooms = int(sites.at[sid, "rooms_primary"] + sites.at[sid, "rooms_junior"])
        built = sum((kept[sid].added_classrooms_by_stage or {}).values())
        years = set(_years(loads, sid, target))
        for year in sorted(years if sid not in receivers else years & set(_years(own, sid, target))):
            shares = {g: float(mix(sid, year).get(f"g{g}", sites.at[sid, f"share_g{g}"]))
                      for g in range(1, 10)}
            need = _site_classes(loads, sid, year, shares, sizes)
            if year == target and sid in whole:
                if need > rooms + built:
                    found.add(target_text(kept[sid].name, year, need, rooms, built,
                                          int(kept[sid].temporary_classrooms or 0)))
                continue
            if sid not in receivers:
                continue
            short, before = receiver_short(need, _site_classes(own, sid, year, shares, sizes),
                                           rooms, built)
            if short > before:
                found.add(receiver_text(kept[sid].name, year, need, rooms, built, before))
    found.raise_any()
