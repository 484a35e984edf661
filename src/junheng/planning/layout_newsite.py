"""A new school the layout plan opens, priced as a standard package (what a bureau budgets).

A new site is built for the pupils the plan assigns it plus ``new_school_fill_margin`` (5 %:
a new school is not built full on its first day); its construction is:

* the base (``costs.new_school_yuan``: land, site works, walls, roads and pipes);
* its classrooms, ``classroom_area_m2`` each at the county's teaching-area price (the model's
  rooms, sized for the design pupils: a room seats ``size / (1 + margin)`` of the assigned);
* the rest of its teaching and auxiliary area to the 优质均衡 2017 standard (τ 4.5 m² a
  primary, 5.8 a junior pupil, less the room's share ``classroom_area_m2 / size``);
* its outdoor sports field, σ 7.5 m² a primary and 10.2 a junior pupil (优质均衡 2017) at
  ``costs.field_yuan_per_m2`` (900 元/m², ``standards/costs.yaml`` item ``field``: 龙陵县
  龙山镇中心学校运动场 7,332 m², 680 万元, about 927 元/m², 2018);
* its teaching equipment, ``costs.new_school_equipment_yuan_primary`` 2,000 and
  ``..._junior`` 2,500 元 a pupil (假设值).

All but the base and the rooms are linear in the pupils, so the layout model prices them per
pupil on the pairs (term (16) of :mod:`~junheng.planning.layout_model`). Its teacher posts
(pupils ÷ 生师比, rounded up) are filled first by teachers moved with its pupils; only the
staffing ledger's hires are a new yearly cost (``hire_staff_yuan`` in the plan's cost parts,
``teacher_yuan_per_year`` each), not in the objective: the pupils would need the same
teachers wherever they are taught.

A 1,186-pupil primary school (design 1,245.3 pupils) at 45 a class:

>>> from junheng.planning.layout_config import LayoutConfig
>>> cfg = LayoutConfig()
>>> per = per_pupil(cfg, 45.0, 50.0)
>>> [round(float(v), 4) for v in (per["standard_primary"], per["field_primary"])]
[1.925, 7.875]
>>> round(float(per["yuan_primary"]), 2)  # 1.925 × 3,500 + 7.875 × 900 + 1.05 × 2,000
15925.0
>>> pack = package(cfg, 1186.0, 0.0, 28, 45.0, 50.0)
>>> {k: round(v) for k, v in pack.items()}  # doctest: +NORMALIZE_WHITESPACE
{'base_yuan': 12000000, 'rooms_yuan': 11760000, 'standard_area': 2283,
 'standard_area_yuan': 7990675, 'field_area': 9340, 'field_yuan': 8405775,
 'equipment_yuan': 2490600, 'capital_yuan': 42647050}
>>> teacher_posts(1186.0, 0.0)
63

(1,186 × 1.05 = 1,245.3 design pupils; 28 rooms × 120 m² × 3,500 元; (4.5 − 120/45) ×
1,245.3 = 2,283 m² × 3,500; 7.5 × 1,245.3 = 9,340 m² × 900; 2,000 × 1,245.3; 1,186 / 19 =
62.4 → 63 posts, 630 万元 a year.)
"""

from __future__ import annotations

import math
import re

import numpy as np

from junheng.model.numbers import year_range
from junheng.planning.layout_areas import SPORTS, STAGES, standard_top_up, teaching_price
from junheng.planning.layout_forecast import pupil_basis


def margin_factor(cfg) -> float:
    """1 + ``new_school_fill_margin``: design pupils per assigned pupil at a new site."""
    return 1.0 + float(cfg.new_school_fill_margin)


def per_pupil(cfg, size_primary, size_junior) -> dict[str, np.ndarray]:
    """Per assigned pupil of each stage at a new site of these class sizes: ``standard_*``
    (m² of teaching area beyond its rooms), ``field_*`` (m² of sports field) and
    ``yuan_*`` (元 of both and of its equipment), all for the design pupils."""
    k, f = cfg.costs, margin_factor(cfg)
    top = standard_top_up(size_primary, size_junior, k.classroom_area_m2)
    equipment = {"primary": k.new_school_equipment_yuan_primary,
                 "junior": k.new_school_equipment_yuan_junior}
    out: dict[str, np.ndarray] = {}
    for stage, m2 in zip(STAGES, top, strict=True):
        out[f"standard_{stage}"] = f * np.asarray(m2, float)
        out[f"field_{stage}"] = np.full_like(out[f"standard_{stage}"], f * SPORTS[stage])
        out[f"yuan_{stage}"] = (teaching_price(k) * out[f"standard_{stage}"]
                                + k.field_yuan_per_m2 * out[f"field_{stage}"]
                                + f * equipment[stage])
    return out


def package(cfg, primary: float, junior: float, rooms: int, size_primary: float,
            size_junior: float) -> dict[str, float]:
    """One new school's construction, part by part (元; areas in m²), its beds apart."""
    k, f = cfg.costs, margin_factor(cfg)
    per = per_pupil(cfg, size_primary, size_junior)
    standard = float(per["standard_primary"] * primary + per["standard_junior"] * junior)
    field = float(per["field_primary"] * primary + per["field_junior"] * junior)
    equipment = f * (k.new_school_equipment_yuan_primary * primary
                     + k.new_school_equipment_yuan_junior * junior)
    out = {"base_yuan": float(k.new_school_yuan), "rooms_yuan": rooms * k.classroom(),
           "standard_area": standard, "standard_area_yuan": teaching_price(k) * standard,
           "field_area": field, "field_yuan": k.field_yuan_per_m2 * field,
           "equipment_yuan": float(equipment)}
    out["capital_yuan"] = (out["base_yuan"] + out["rooms_yuan"] + out["standard_area_yuan"]
                           + out["field_yuan"] + out["equipment_yuan"])
    return out


def teacher_posts(primary: float, junior: float) -> int:
    """Teacher posts a new school's assigned pupils need by the 生师比 (``staffing.yaml``)."""
    from junheng.teachers.rules import load_rules

    ratio = load_rules().student_ratio
    return int(math.ceil(primary / ratio["primary"] + junior / ratio["junior"] - 1e-9))


def posts_at(load, site: str) -> int:
    """A new school's teacher posts for its planned pupils per stage (``load``: pupils by
    site and stage, a column per stage)."""
    return teacher_posts(*(float(load[st].get(site, 0)) if st in load else 0.0
                           for st in ("primary", "junior")))


def plan_posts(schools) -> int:
    """The new schools' teacher posts of a plan's school rows (0 without them)."""
    return 0 if schools is None or "teacher_posts" not in schools else int(schools["teacher_posts"].sum())


def stage_name(name: str, primary: float, junior: float) -> str:
    """A candidate site's name ("…片区学校") saying the stages its pupils are in
    (review item 10: "长青社区片区新建学校" did not say it is a 初中). The name is a school's
    name: that it is new is its action's (planner review: "新建长青社区片区新建初级中学").

    >>> stage_name("长青社区片区学校", 0, 1186), stage_name("东关寄宿制学校", 300, 0)
    ('长青社区片区初级中学', '东关寄宿制小学')
    >>> stage_name("长青社区片区学校", 10, 20), stage_name("长青社区片区学校", 0, 0)
    ('长青社区片区九年一贯制学校', '长青社区片区学校')
    """
    if not name.endswith("学校") or (primary <= 0 and junior <= 0):
        return name
    kind = "九年一贯制学校" if primary > 0 and junior > 0 else "小学" if primary > 0 else "初级中学"
    return name[: -len("学校")] + kind


def zone_name(name: str, pupils: dict[str, float], taken: set[str] = frozenset()) -> str:
    """A town candidate site's name ("…片区学校") after the community most of the pupils the
    plan gives it come from (review rv 6: "长青社区片区初级中学" admitted none of 长青社区's
    604 pupils, who go to 第一初级中学; it serves 文化路社区 566, 丰收路社区 255, …); ties go
    to the first name in order. Kept as it is for another kind of site, without pupils, or
    when another site already has the new name (``taken``).

    >>> zone_name("长青社区片区学校", {"学府社区": 134, "文化路社区": 566, "丰收路社区": 255})
    '文化路社区片区学校'
    >>> zone_name("东关寄宿制学校", {"东关村": 300}), zone_name("长青社区片区学校", {})
    ('东关寄宿制学校', '长青社区片区学校')
    >>> zone_name("长青社区片区学校", {"文化路社区": 566}, {"文化路社区片区学校"})
    '长青社区片区学校'
    """
    pupils = {k: v for k, v in pupils.items() if v > 0}
    if not name.endswith("片区学校") or not pupils:
        return name
    top = min(pupils, key=lambda k: (-pupils[k], k))
    fresh = f"{top}片区学校"
    return name if fresh != name and fresh in taken else fresh


def named_by_stage(problem, assignments):
    """``problem`` with each opened candidate site named after the community it mostly serves
    (:func:`zone_name`) and by the stages the plan gives it (:func:`stage_name`), so every
    table and note of the plan says what it is."""
    from dataclasses import replace

    from junheng.planning.layout_data import GROUP_STAGE

    sites = problem.sites
    fresh = sites.index[~sites["existing"].astype(bool)]
    if not len(fresh):
        return problem
    load = assignments.assign(stage=assignments["group"].map(GROUP_STAGE)).groupby(
        ["site_id", "stage"])["demand"].sum()
    served = assignments.groupby(["site_id", "village_name"])["demand"].sum()
    sites = sites.copy()
    for s in fresh:
        got = load.get(s)
        pupils = served[s].to_dict() if s in served.index.get_level_values(0) else {}
        name = zone_name(str(sites.at[s, "name"]), pupils,
                         set(sites["name"].astype(str)) - {str(sites.at[s, "name"])})
        sites.at[s, "name"] = stage_name(name, *(float(got.get(st, 0)) if got is not None else 0.0
                                                 for st in ("primary", "junior")))
    return replace(problem, sites=sites)


#: what follows the place in a candidate site's name (:func:`stage_name`; "新建" in plans
#: stored before the planner review that took it out of the names)
_SITE_KIND = re.compile(r"(新建)?(寄宿制)?(九年一贯制学校|初级中学|小学|学校)$")


def shown_id(school_id: str, name: str = "") -> str:
    """A school's id as the tables show it: a new school has no code yet, so it is labelled
    by its place (review: "NEW-410331001-2", then "新建（候选校址 410331001-2，未编码）", in the
    学校标识码 column).

    >>> shown_id("NEW-410331001-2", "长青社区片区初级中学"), shown_id("4103310011", "实验中学")
    ('新建学校（长青社区片区）', '4103310011')
    >>> shown_id("NEW-410331001", ""), shown_id("NEW-410331001-2", "长青社区片区新建初级中学")
    ('新建学校（候选校址，未编码）', '新建学校（长青社区片区）')
    """
    if not school_id.startswith("NEW-"):
        return school_id
    place = _SITE_KIND.sub("", name)
    return f"新建学校（{place or '候选校址，未编码'}）"


def _open_rows(plan, school, stage: str) -> tuple[list, int]:
    """A new school's 过渡期 rows of ``stage`` from the year it opens (the data year + its
    phase), by year, and the rooms the plan gives the stage."""
    opens = int(plan.year or 0) + (school.phase or 1) if plan.year else 0
    rows = sorted((r for r in plan.transition if r.school_id == school.school_id
                   and r.stage == stage and r.year >= opens), key=lambda r: r.year)
    return rows, int((school.added_classrooms_by_stage or {}).get(stage, 0))


def _peak_run(rows) -> list[int]:
    """The longest run of school years needing more rooms than the last year looked at."""
    from junheng.planning.layout_years import year_runs

    last = rows[-1].overflow
    return max(year_runs([r.year for r in rows if r.overflow > last]), key=len, default=[])


def sizing_text(plan, school, stage: str) -> str:
    """One new school's stage: the year its size is set by (the target year), the rooms its
    pupils fill year by year over the 过渡期 (:mod:`~junheng.planning.layout_years`: from the
    first school year the plan acts in to three years after the target) from the year it opens
    (the data year + its phase; before it its pupils stay at their present schools), the
    peak, and the rooms idle in the last year looked at; "" without 过渡期 rows."""
    rows, rooms = _open_rows(plan, school, stage)
    if not rows or not rooms:
        return ""
    word = {"primary": "小学", "junior": "初中"}.get(stage, "")
    margin = float((plan.rules or {}).get("new_school_fill_margin") or 0.0)
    peak, last = max(rows, key=lambda r: (r.pupils, -r.year)), rows[-1]
    text = (f"{school.name}{word}规模按规划年 {plan.target_year} 学年 "
            f"{int(school.students_after.get(stage, 0)):,} 人确定"
            + (f"（另加 {margin:.0%} 余量）" if margin else "")
            + f"，设{word}教室 {rooms} 间；{pupil_basis(plan.rules, yearly=True)}，学生最多 {peak.year} 学年 "
            f"{peak.pupils:,} 人，{last.year} 学年 {last.pupils:,} 人；逐年需用教室 "
            + "，".join(f"{r.year} 学年 {r.overflow} 间" for r in rows))
    idle = rooms - last.overflow - school.temporary_classrooms
    if idle <= 0:
        return text + "，末年仍全部使用"
    text += f"；{last.year} 学年 {idle} 间闲置"
    run = _peak_run(rows)
    if run:  # a new school is built whole: 临时周转 is for expansions only (layout_years)
        text += (f"：多于该学年所需的教室连续需用 {len(run)} 年（{year_range(run[0], run[-1])} 学年），"
                 "新建学校按规划年一次建成（临时周转只用于现有学校扩建）")
    never = rooms - max(r.overflow for r in rows) - school.temporary_classrooms
    if never > 0:
        text += f"，其中 {never} 间为余量，各年均不需用"
    return text + "，闲置教室的用途需论证"


def sizing_notes(plan) -> tuple[str, ...]:
    """The plan's note on its new schools' sizing (:func:`sizing_text`), () without one
    (review 2026-12-04: the new school was sized for 2030's 1,186 pupils, 904 by 2033)."""
    lines = [t for s in plan.schools if s.action == "new"
             for t in (sizing_text(plan, s, st) for st in ("primary", "junior")) if t]
    return ("新建学校规模：" + "；".join(lines) + "。",) if lines else ()


#: how the 新建学校规模 note names the exception (review rv8 finding 8)
EXCEPTION = "新建学校不适用临时周转年限规则："


def exception_text(plan, school, stage: str) -> str:
    """One new school's stage whose rooms beyond the last year's need are needed for at most
    ``temporary_peak_years`` school years in a row — an expansion with that profile meets them
    by 临时周转 (:mod:`~.layout_years`), a new school is built whole: the rooms idle in the
    last year (its rooms year by year are :func:`sizing_text`'s) and its 建设投资 for the 局务会 to
    weigh (review rv8 finding 8: 3,988.71 万元 for a 3-year peak; 方案乙 is set beside it once,
    like for like, by :func:`with_exception`); "" otherwise."""
    rows, rooms = _open_rows(plan, school, stage)
    limit = int((plan.rules or {}).get("temporary_peak_years") or 0)
    run = _peak_run(rows) if rows and rooms else []
    if not run or len(run) > limit:
        return ""
    from junheng.model.numbers import wan

    word, last = {"primary": "小学", "junior": "初中"}.get(stage, ""), rows[-1]
    idle = rooms - last.overflow - school.temporary_classrooms
    text = (f"{school.name}{word}教室 {rooms} 间，多于 {last.year} 学年所需的 {idle} 间只在 "
            f"{year_range(run[0], run[-1])} 学年需用（{len(run)} 年，未超过临时周转年限 {limit} 年，"
            "现有学校扩建的，规划年所需教室一并新建，规划年不需用的以临时周转解决）")
    # the rooms needed year by year are the 新建学校规模 note's, just before (rv10 15: said twice)
    return text + f"；该校建设投资 {wan(school.shown_capital_yuan):,.2f} 万元"


def with_exception(plan, alternative: dict | None):
    """``plan`` with :func:`exception_text` of its new schools said after its 新建学校规模 note
    (review rv8 finding 8: the 局务会 sees why the new school is not met by 临时周转), then the
    new schools set against what 方案乙 spends or leaves unmet for the same pupils
    (:mod:`~.layout_like`; brief hnew 3: the school's 建设投资 was set against 乙's rent alone)."""
    from dataclasses import replace

    from junheng.planning.layout_like import like_for_like, like_sentence
    from junheng.planning.layout_options import option_facts

    lines = [t for s in plan.schools if s.action == "new"
             for t in (exception_text(plan, s, st) for st in ("primary", "junior")) if t]
    if not lines:
        return plan
    like = like_for_like(plan, option_facts(plan), alternative) if alternative and plan.metrics else None
    tail = EXCEPTION + "；".join(lines) + (f"；{like_sentence(like)}" if like else "") + "，是否新建由局务会论证决定。"
    notes = tuple(n + tail if n.startswith("新建学校规模：") else n for n in plan.notes)
    return replace(plan, notes=notes)
