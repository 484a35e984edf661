"""An independent check of rule (23) (:mod:`~junheng.planning.layout_model_classes`): a new
school is built whole for the pupils the plan sends it, so in every school year from the one
it opens (the data year + its phase) to three years after the target, its classes formed grade
by grade at the standard class size fit in the rooms it builds.

The pupils are re-derived as the 过渡期's check does (:func:`~.layout_check_years.yearly_loads`:
each village's target-year pupils × its children that year / its children in the target year,
or its school's forecast), per stage group; a group's pupils spread over its grades by the
site's shares (a third each at a new site), each grade in ``⌈pupils / class size⌉`` classes.
A group not yet born in the data year is left out of that year, as the model leaves it out.

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
