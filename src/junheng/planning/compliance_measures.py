"""The 整改 answer to every indicator the evaluation fails or holds 待核实 (brief hfail, review
rv5 finding 2: the 整改措施 planned only what construction, rooms and teachers fix, and said
「仍有 16 项不能解决」 while 12 of 15 failing indicators had no measure).

One row per failing indicator (items and 差异系数), per stage whose schools fail the school
rule, per 待核实 item and for the 基本均衡 precondition, from the engine's evaluation of the data
year (what the 自评报告 lists). Each row holds the current value and the standard with their
unit, the gap, the measure, the responsible departments, the year it is due, and its basis:

* :data:`PLAN` — the plan's own projects (or the layout plan's) answer it, and the engine's
  re-check of the county after both plans says whether the target year meets it;
* :data:`POLICY` — what the standard itself asks of the county government (pay, training,
  enrolment, funding …), a commitment the plan cannot measure: its verdict stays
  未达标 / 待核实 until the county's data show it met (never "solved").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from junheng.evaluate.attested import prerequisite_texts
from junheng.evaluate.engine import threshold_text, value_text
from junheng.evaluate.held import RECOGNITION
from junheng.evaluate.items import Status, attested_answer, with_base
from junheng.model import numbers
from junheng.model.county_items import ATTESTATIONS_BY_CODE
from junheng.model.labels import STAGE_LABELS
from junheng.planning.compliance_backbone import (
    INDICATOR,
    TRAINED_HELD,
    appointed_passing,
    cv_after,
)
from junheng.planning.compliance_checks import attested_measure
from junheng.planning.compliance_costs import shared_use_words
from junheng.planning.compliance_json import (
    PROJECT_NAMES,
    assumed_passing,
    passing_text,
    plan_fragile,
    plan_unsited,
)
from junheng.planning.layout_footprint import BORROW_CHOICES
from junheng.planning.pending_land import land_passing, plan_land
from junheng.planning.policy_costs import cost_words, shortfall_yuan, wan_up
from junheng.planning.size_margins import size_margins

PLAN = "计入本方案测算"
POLICY = "需县政府部门落实、待核实"
LAYOUT = "布局调整方案"
#: the state a target-year CV of this plan is in: the layout plan prints the same indicator and
#: year 「布局调整后」, another figure (rv13 4)
AFTER = "达标路径实施后"

#: Who carries out each kind of project (the column counties fill in their 整改清单).
RESPONSIBLE = {
    "building": "县教育局（计划基建股）、县发展改革委、学校", "renovation": "县教育局（计划基建股）、学校",
    "repair": "学校、县教育局（计划基建股）",
    "sports": "县教育局（计划基建股）、学校", "lease": "县教育局、县文广体旅局、学校",
    "equipment": "县教育局（教育技术装备中心）", "multimedia": "县教育局（教育技术装备中心）",
    "teachers": "县委编办、县人社局、县教育局（人事股）", "training": "县教育局（教师发展中心）",
    "rotation": "县教育局（人事股）", "temporary": "学校、县教育局（计划基建股）",
    "rented_area": "学校、县教育局（计划基建股）",
    "books": "县教育局（教育技术装备中心）、学校",
}

#: The plan's projects that move each indicator (the resource indicators, the room items,
#: the 基本均衡 precondition of 省定办学基本标准).
PROJECTS_OF = {
    "higher_degree_teachers_per_100": ("teachers", "training"),
    "backbone_teachers_per_100": ("teachers", "training", "rotation"),
    "pe_art_teachers_per_100": ("teachers", "rotation"),
    "teaching_area_per_student": ("building", "rented_area"),  # 临时周转 is no 校舍面积
    "sports_area_per_student": ("sports", "lease"),
    "equipment_value_per_student": ("equipment",),
    "multimedia_rooms_per_100": ("multimedia",),
    "music_art_rooms": ("building", "renovation"),
    "music_art_room_area": ("renovation", "repair"),
    "precondition": ("books",),
}
#: items the layout plan answers (new schools, closures, pupils moved), re-checked on its county
LAYOUT_ITEMS = frozenset({"school_size", "class_size"})


@dataclass(frozen=True)
class Policy:
    """A measure the standard itself asks of the county government."""

    measure: str
    department: str
    by_target: bool = False  # due by the target year; else by the first plan year


POLICIES = {
    "teacher_pay": Policy("县财政将教师平均工资收入水平纳入年度预算，建立与当地公务员工资收入同步调整的机制，"
                          "义务教育学校教师平均工资收入水平不低于当地公务员平均工资收入水平", "县财政局、县人社局"),
    "training_hours": Policy("制定教师 5 年 360 学时培训计划，对学时未达到或未填报的专任教师逐人补训、补录学时",
                             "县教育局（教师发展中心）", True),
    "certified_teachers": Policy("未持证的专任教师限期取得教师资格证，逾期未取得的调整出专任教师岗位；新聘教师一律持证上岗",
                                 "县教育局（人事股）、县人社局", True),
    "near_zone_enrolment": Policy("城区和镇区公办学校（不含寄宿制学校）严格按划片范围招收新生，逐校核查划片范围外新生的入学依据",
                                  "县教育局"),
    "quality_hs_quota": Policy("优质普通高中招生名额按不低于评估标准的比例分配到县域内初中，并向农村初中倾斜", "县教育局"),
    "small_school_funding": Policy("不足 100 名学生的村小学和教学点按 100 名学生核定公用经费，差额纳入年度预算足额拨付",
                                   "县财政局、县教育局"),
    "special_education_funding": Policy("特殊教育学校生均公用经费按评估标准足额拨付", "县财政局、县教育局"),
    "training_funding_share": Policy("各校按不低于年度公用经费预算总额的 5% 安排教师培训经费", "县教育局、县财政局"),
    "disabled_enrolment_rate": Policy("对未入学的残疾儿童少年逐人核查，落实“一人一案”，通过随班就读、特殊教育学校就读、"
                                      "送教上门安置入学", "县教育局、县残联"),
    "migrant_public_share": Policy("随迁子女以公办学校为主接收，不足的由政府购买学位保障", "县教育局、县公安局"),
    "junior_retention_rate": Policy("落实控辍保学责任，对辍学学生逐人劝返复学", "县教育局、各乡镇人民政府"),
    "rotation_rate": Policy("制定年度交流轮岗计划，交流轮岗教师人数达到评估标准", "县教育局（人事股）"),
    "rotation_backbone_share": Policy("交流轮岗教师中骨干教师的比例达到评估标准", "县教育局（人事股）"),
    "school_size": Policy("通过新建、扩建学校和调整招生范围分流学生，使每所学校规模不超过上限",
                          "县教育局、县发展改革委", True),
    "class_size": Policy("按标准班额招生编班，超出的分班或分流学生", "县教育局", True),
}
#: 班额 after the plan: the re-check divides each school's pupils into classes of the average
#: size, so no oversized class is ruled out (the layout's 「按平均班额测算为 0 不等于没有大班额」)
AVERAGE_CLASSES = ("待核实：按平均班额测算 {year} 学年可达到标准（含在临时周转教室上课的班级）；"
                   "须按各班实际人数逐班复核")
#: the same while the layout's target year still lacks rooms (brief hhonest2 3: 10 rooms short
#: beside 「可达到标准」): the rooms said in the cell, not only in a note
SHORT_CLASSES = ("待核实：按平均班额测算 {year} 学年不超过标准班额，但该学年仍缺普通教室 {rooms} 间（在借用教室上课的班级"
                 "按平均班额计入{where}）；须按各班实际人数逐班复核")
#: the head of a row met by the forecast's middle figure with a margin within its error
HELD = "待核实："


def size_held(near: Iterable[Mapping[str, Any]], year: int) -> str:
    """The 校额 row's 整改后 when schools are within the cap by less than the forecast's error
    (brief hhonest2 1: 「按测算 2030 学年达到标准」 on 第一初级中学's 2 pupils): 待核实 with each;
    that each margin is below the error is the row's 完成学年 (rv28 5), not said twice.

    >>> size_held([{"name": "第一初级中学", "margin": 2}, {"name": "实验中学", "margin": 14}], 2030)
    '待核实：按预测中位数 2030 学年不超过上限（第一初级中学余 2 人、实验中学余 14 人），须逐年核定招生'
    """
    each = "、".join(f"{m['name']}余 {m['margin']:,} 人" for m in near)
    return f"{HELD}按预测中位数 {year} 学年不超过上限（{each}），须逐年核定招生"


#: a failing item no policy names, and every 待核实 item: what the standard asks, by the county
GENERIC = Policy("按评估标准逐项整改，整改情况报县人民政府教育督导室", "县教育局")


def _item_texts(result) -> tuple[str, str, str]:
    """(现值, 标准, 差距) of an item result, each with its unit."""
    ind, value = result.indicator, result.value
    if isinstance(value, dict):
        now = "、".join(f"{STAGE_LABELS[s]} {value_text(v, ind.unit)}" for s, v in value.items())
    else:
        now = attested_answer(result) or with_base(value_text(value, ind.unit), result)
    standard = threshold_text(ind) if ind.thresholds and attested_answer(result) is None else "—"
    if (years := prerequisite_texts(ind, value)) is not None:
        now, standard = years
    gap = result.gap or _difference(value, ind)
    return now, standard, gap


def _difference(value: Any, ind) -> str:
    """The gap of a single figure to its threshold: 「差 0.005 倍」, 「差 0.4 个百分点」; "—"
    without a figure.

    >>> from junheng.standards import load_standard
    >>> std = load_standard("quality-2017")
    >>> _difference(0.995, std.indicator("teacher_pay")), _difference(0.946, std.indicator("disabled_enrolment_rate"))
    ('差 0.005 倍', '差 0.4 个百分点')
    """
    threshold = ind.threshold_for() if ind.thresholds and not ind.per_stage else None
    if value is None or isinstance(value, dict) or threshold is None:
        return numbers.DASH
    short = abs(float(threshold) - float(value))
    if ind.unit == numbers.SHARE:
        return f"差 {numbers.trimmed(short * 100, 1)} 个百分点"
    return f"差 {numbers.trimmed(short, max(2, numbers.unit_digits(ind.unit)) + 1)} {ind.unit}".rstrip()


def _plan_measure(projects: Iterable[str], layout: bool) -> tuple[str, str]:
    """(整改措施, 责任单位) of a row the plan's projects (and the layout plan) answer."""
    mine = [p for p in PROJECT_NAMES if p in set(projects)]
    parts = ([f"本方案{'、'.join(f'“{PROJECT_NAMES[p]}”' for p in mine)}（见本措施同名一节和《达标路径工作簿》“整改项目清单”表）"]
             if mine else [])
    if layout:
        parts.append(f"{LAYOUT}撤并、新建学校和分流学生（见《{LAYOUT}》）")
    units = [u for p in mine for u in RESPONSIBLE[p].split("、")] + (["县教育局"] if layout else [])
    return "；".join(parts), "、".join(dict.fromkeys(units))


def _after_failures(after) -> set[tuple[str, str | None]]:
    """(id, stage) of what the re-check after the plan still fails (stage None for items)."""
    if after is None:
        return set()
    return {(f.id, f.stage if f.area == "cv" or f.id == "school_rule" else None)
            for f in after.verdict.failures}


@dataclass(frozen=True)
class Context:
    """What a row needs besides the evaluation: the re-check after the plan, the plan's
    projects, whether a layout plan comes first, the first and target plan years, and the
    schools of the data year (a school of the re-check not among them is a new one)."""

    after: Any
    projects: frozenset[str]
    layout: bool
    first_year: int
    target_year: int
    existing: frozenset[str] | None = None
    #: per project, the schools the plan gives it to (rv6 N1: who is left out of a CV)
    acted: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: per school, its spare ground (m², whole school) before this plan, where the data give it
    ground: Mapping[str, float] = field(default_factory=dict)
    landed: tuple[tuple[str, int], ...] = ()  # (project, the last school year it is in use)
    #: the plan's new 县级骨干教师 (:func:`.compliance_backbone.backbone_summary`; {}: none)
    backbone: Mapping[str, Any] = field(default_factory=dict)
    #: the schools the re-check counts on assumed figures (a new school: rv8 5, 「另 1 所按假设值计」)
    assumed: frozenset[str] = frozenset()
    #: whether leased sports grounds count (the price file's ``lease``; brief hlease 3)
    lease: Mapping[str, Any] = field(default_factory=dict)
    #: per stage, the passing units within the forecast's error (brief hhonest2 2; None: no re-check)
    fragile: Mapping[str, list[str]] | None = None
    #: the schools within the 校额 cap by less than the forecast's error (:func:`.size_margins.near_cap`)
    near_cap: tuple[Mapping[str, Any], ...] = ()
    #: the layout's classrooms short in the target year (:func:`.layout_borrow.short_rooms`)
    rooms_short: int = 0
    #: the schools whose new rooms have no site (:func:`.compliance_summary.plan_unsited`): 待核实
    unsited: frozenset[str] = frozenset()
    #: the schools still borrowing in the target year (:func:`.layout_footprint.borrowing_words`)
    rooms_where: str = ""
    #: the units passing only with the layout's land not yet granted (:func:`.pending_land.plan_land`): 待核实
    land: Mapping[str, float] = field(default_factory=dict)

    def policy(self, key: str, fallback: Policy = GENERIC) -> dict[str, Any]:
        p = POLICIES.get(key, fallback)
        return {"measure": p.measure, "department": p.department, "basis": POLICY,
                "year": self.target_year if p.by_target else self.first_year}

    def plan(self, key: str, failed: bool, met: str, left: str = "仍未达标（见“未解决事项”表）"
             ) -> dict[str, Any] | None:
        """The plan's answer to ``key``, or None when neither plan has a project for it."""
        layout = self.layout and key in LAYOUT_ITEMS
        projects = [p for p in PROJECTS_OF.get(key, ()) if p in self.projects]
        if not projects and not layout:
            return None
        measure, department = _plan_measure(projects, layout)
        verdict = left if failed else f"按测算 {self.target_year} 学年{met}"
        return {"measure": measure, "department": department, "basis": PLAN,
                "year": self.target_year, "after": verdict}


def measure_rows(current, ctx: Context) -> list[dict[str, Any]]:
    """Every row, in the order of the 自评报告: the failing 差异系数, the stages whose schools
    fail the school rule, the failing items, the 基本均衡 precondition, then the 待核实 items."""
    failed = _after_failures(ctx.after)
    rows = [_cv_row(f, current, ctx, failed) for f in current.verdict.failures if f.area == "cv"]
    rows += _unit_rows(current, ctx, failed)
    items = {r.indicator.id: r for r in (*current.guarantee, *current.quality, *current.conditions)}
    rows += [_item_row(items[f.id], ctx, (f.id, None) in failed) for f in current.verdict.failures
             if f.area != "cv" and f.id != "school_rule" and f.id in items]
    basic = getattr(current, "basic_standard", None)
    return rows + [_recognition_row(items[f.id], basic, ctx)
                   if f.id == RECOGNITION and basic is not None and basic.status is Status.NOT_MET
                   else _pending_row(f, items.get(f.id), ctx) for f in current.verdict.pending]


def _recognition_row(held, basic, ctx: Context) -> dict[str, Any]:
    """The 基本均衡 recognition the engine holds 待核实 while schools fail the 省定办学基本标准
    (:func:`~junheng.evaluate.held.hold_recognition`): answered by the plan's 图书配备 where it
    has one."""
    now, standard, _ = _item_texts(held)
    after = getattr(ctx.after, "basic_standard", None)
    answer = ctx.plan("precondition", after is None or after.status is not Status.MET,
                      "各校达到省定办学基本标准，复核后确认基本均衡成果",
                      still_held(basic, after, ctx.target_year, ctx.existing))
    return {"group": "pending", "item": held.indicator.name, "current": now, "standard": standard,
            "gap": _years_met(held) + (basic.gap or numbers.DASH),
            **(answer or {**ctx.policy("precondition"), "measure": held.closes or GENERIC.measure,
                          "after": "待核实"}),
            **({"year": dict(ctx.landed)["books"]} if answer and "books" in dict(ctx.landed) else {})}


def _years_met(held) -> str:
    """「认定年限已满；」 when the recognition's years reach the threshold: the row is held for the
    schools, not the years (review rv15 15: 「11 年 | ≥3 年」 listed among the gaps), else ""."""
    years = (held.indicator.params or {}).get("years")  # quality-2017: params {years: 3}
    met = held.value is not None and years is not None and float(held.value) >= float(years)
    return "认定年限已满；" if met else ""


def still_held(basic, after, year: int, existing: frozenset[str] | None = None) -> str:
    """Why the recognition stays 待核实 after the plan (brief hbooks): how many of the schools
    below the 省定办学基本标准 today meet it after the plan's books, and what the re-check of
    ``year`` still finds (the item's own sentence: a school below a threshold, a school whose
    figure is unknown — a new school whose project gives no books —, or the clauses only the
    county attests), with what closes it: for a school not among the data year's ``existing``
    ones, opened by a project that lists no books, its books when it opens.

    >>> from types import SimpleNamespace as NS
    >>> import pandas as pd
    >>> now = NS(detail=pd.DataFrame({"school_id": ["A", "B"]}))
    >>> after = NS(status=Status.MISSING, detail=pd.DataFrame({"school_id": ["C"]}), gap="1 所学校缺少核查所需数据：丙小学（小学）：生均图书册数数据缺失",
    ...            note="", closes="补齐这些学校的班级学生数和校舍设施数据")
    >>> still_held(now, after, 2030)
    '待核实：按测算 2030 学年，图书配备后，现状未达到的 2 所学校达到省定标准；1 所学校缺少核查所需数据：丙小学（小学）：生均图书册数数据缺失；补齐这些学校的班级学生数和校舍设施数据后复核'
    >>> still_held(now, after, 2030, frozenset("AB"))
    '待核实：按测算 2030 学年，图书配备后，现状未达到的 2 所学校达到省定标准；1 所学校缺少核查所需数据：丙小学（小学）：生均图书册数数据缺失；其中 1 所为 2030 学年前新开办的学校，建设项目未列图书，开办时按省定标准配足图书后复核'
    """
    if after is None:
        return "待核实（实施后按数据复核各校是否达到省定办学基本标准）"

    def schools(item) -> set:
        detail = getattr(item, "detail", None)
        return set() if detail is None or detail.empty else set(detail["school_id"])

    mended = len(schools(basic) - schools(after))
    parts = [f"图书配备后，现状未达到的 {mended:,} 所学校达到省定标准"] if mended else []
    parts += [after.gap or after.note]
    new = len(schools(after) - existing) if existing is not None else 0
    if new and after.status is Status.MISSING:
        parts.append(f"其中 {new:,} 所为 {year} 学年前新开办的学校，建设项目未列图书，开办时按省定标准配足图书"
                     + ("" if new == len(schools(after)) else f"，其余{after.closes}") + "后复核")
    elif after.closes:
        parts.append(f"{after.closes}后复核")
    return f"待核实：按测算 {year} 学年，{'；'.join(p for p in parts if p)}"


def _cv_row(f, current, ctx: Context, failed) -> dict[str, Any]:
    """A failing CV: now → the target year after the plan, and, still over its limit, why
    (rv6 N1: 0.632 shown and 「仍未达标」, while the plan left it at 0.708)."""
    cv = current.stages[f.stage].indicators[f.id]
    after = ctx.after.stages[f.stage].indicators[f.id].cv if ctx.after is not None else None
    still = (f.id, f.stage) in failed
    left = "仍未达标（见“未解决事项”表）"
    if after is not None and still:
        left = f"仍未达标：{cv_after_text(current, ctx, f.stage, f.id, cv.cv, after)}（见“未解决事项”表）"
    met = f"{AFTER}为 {numbers.cv3(after)}，不超过限值" if after is not None else "不超过限值"
    answer = ctx.plan(f.id, still, met, left)
    if answer and not still and f.id == INDICATOR and after is not None:  # rv15 7, rv18 1: by appointment_held
        answer["after"] = cv_after(answer["after"], ctx.backbone, f.stage)
    now = numbers.cv3(cv.cv)
    return {"group": "fail", "item": f"{STAGE_LABELS[f.stage]}{f.name}差异系数",
            "current": now if after is None else f"{now} → {ctx.target_year} 学年{AFTER} {numbers.cv3(after)}",
            "standard": f"≤{cv.limit:.2f}",
            "gap": f"超出 {numbers.cv3(cv.cv - cv.limit)}",
            **(answer or {**ctx.policy(f.id), "after": "未达标，落实后按数据复核"})}


def cv_after_text(current, ctx: Context, stage: str, key: str, now: float, after: float) -> str:
    """A CV still over its limit after the plan: its value in the target year, a rise said
    with the schools that make it (:func:`~.cv_causes.rise_text`), and the schools below the
    county mean the plan leaves as they are, with the area each lacks to reach the mean."""
    from junheng.planning.cv_causes import rise_text

    year = ctx.target_year
    text = f"按测算 {year} 学年{AFTER}为 {numbers.cv3(after)}"
    if (up := numbers.cv_change(now, after)) is not None and up > 0:
        rise = rise_text(current, ctx.after, stage, key)
        text += (f"，比现值 {numbers.cv3(now)} 升高 {up:.3f}，差距扩大"
                 + (f"：升高主要来自{rise}" if rise else ""))
    left = _left_below(ctx, stage, key)
    return text + (f"；{left}" if left else "")


def _left_below(ctx: Context, stage: str, key: str) -> str:
    """The public schools below the county mean in the target year that none of the plan's
    projects for ``key`` reach: those passing the school rule, why the plan leaves them (it
    mends each school's own shortfall only) and the m² each lacks to the mean; those failing
    it, pointed to the 未解决事项."""
    from junheng.planning.cv_causes import SCENARIOS, short_of_mean, value_words

    mended = set().union(*(ctx.acted.get(p, frozenset()) for p in PROJECTS_OF.get(key, ())))
    a = ctx.after.assessment
    a = a[(a["indicator"] == key) & (a["stage"] == stage)].set_index("school_id")
    units = ctx.after.units
    private = set(units.loc[units.get("ownership", pd.Series("", index=units.index)) == "private", "school_id"])
    floor = ctx.after.standard.school_rule.floor_ratio
    left, failing = [], []
    below = short_of_mean(ctx.after, stage, key)
    for sid, name, value, _, area, _ in below:
        if sid in mended or sid in private or sid not in a.index:
            continue
        limit = float(a.at[sid, "threshold"])
        spare = ctx.ground.get(sid)
        ground = "" if spare is None or not np.isfinite(spare) else f"，校内空地 {spare:,.0f} 平方米"
        words = f"{name}（{value_words(value, key)}"
        if value < floor * limit - 1e-9:
            failing.append(f"{words}，低于标准 {numbers.trimmed(limit, 2)} 的 {floor:.0%}{ground}）")
            continue
        why = (f"达到标准 {numbers.trimmed(limit, 2)}" if value >= limit - 1e-9
               else f"不低于标准 {numbers.trimmed(limit, 2)} 的 {floor:.0%}，学校达标不缺")
        left.append(f"{words}，{why}{ground}；补到全县平均须增加 {area:,} 平方米）")
    unit = value_words(below[0][5], key).split(" ", 1)[1] if below else ""
    parts = [f"低于全县平均（{SCENARIOS['steps']} {unit}）的{'、'.join(left)}本方案未安排：本方案只补各校学校达标所缺，"
             f"仅靠补足各校缺口不能把差异系数降到限值，是否为这些学校另增面积（征用相邻用地，或{shared_use_words(ctx.lease)}）"
             "须由局务会决定"] if left else []
    if failing:
        parts.append(f"{'、'.join(failing)}学校达标仍未通过，本方案未能安排")
    return "；".join(parts)


def _unit_rows(current, ctx: Context, failed) -> list[dict[str, Any]]:
    """One row per stage with schools failing the school rule."""
    rows = []
    rule = current.standard.school_rule
    for stage in dict.fromkeys(f.stage for f in current.verdict.failures if f.id == "school_rule"):
        res = current.stages[stage]
        short = res.units - (res.units_passing or 0)
        after = ctx.after.stages[stage] if ctx.after is not None else None
        unsited = [] if after is None else assumed_passing(ctx.after.units, stage, ctx.unsited - ctx.assumed)
        land = ({} if after is None or not ctx.land  # the re-check's gaps are read only for land held
                else land_passing(ctx.after.units, stage, dict(ctx.land), ctx.after.gaps))
        appointed = appointed_passing(ctx.backbone).get(stage, [])  # 待核实 as land is (rv29 2)
        left = "" if after is None else "（{}）".format(passing_text(  # the workbook's words (rv8 5)
            {"units": after.units, "passing": after.units_passing, **land,
             "assumed_passing": assumed_passing(ctx.after.units, stage, ctx.assumed), "unsited_passing": unsited,
             "appointed_passing": appointed,
             **({} if ctx.fragile is None else {"fragile_passing": ctx.fragile.get(stage, [])})}, " 所达标"))
        projects = ctx.projects & {p for v in PROJECTS_OF.values() for p in v}
        measure, department = _plan_measure(projects, ctx.layout)
        still = ("school_rule", stage) in failed
        rows.append({"group": "units", "item": f"{STAGE_LABELS[stage]}学校达标（资源配置 7 项指标）",
                     "current": f"达标 {res.units_passing}/{res.units} 所",
                     "standard": f"每所学校至少 {rule.min_met} 项达标、其余不低于标准值的 "
                                 f"{numbers.trimmed(rule.floor_ratio * 100, 1)}%",
                     "gap": f"{short:,} 所未达标", "measure": measure, "department": department,
                     "basis": PLAN, "year": ctx.target_year,
                     **({"margin": True} if not (still or unsited or land or appointed) and (ctx.fragile or {}).get(stage)
                        else {}),
                     "after": (f"仍未达标{left}（见“未解决事项”表）" if still
                               else f"待核实：按测算 {ctx.target_year} 学年{' ' * left[1:2].isdigit()}{left[1:-1]}"
                               if unsited or land or appointed
                               else f"{HELD if (ctx.fragile or {}).get(stage) else ''}按测算 {ctx.target_year} "
                                    f"学年全部达标{left}{'，须逐年核定招生' if (ctx.fragile or {}).get(stage) else ''}")})
    return rows


def _item_row(result, ctx: Context, still: bool, key: str | None = None) -> dict[str, Any]:
    key = key or result.indicator.id
    now, standard, gap = _item_texts(result)
    answer = ctx.plan(key, still, "达到标准")
    if key == "class_size" and answer and not still:  # the re-check is by average class (review rv6 N4)
        where = f"；{ctx.rooms_where}" if ctx.rooms_where else ""
        answer["after"] = (SHORT_CLASSES.format(year=ctx.target_year, rooms=f"{ctx.rooms_short:,}", where=where)
                           if ctx.rooms_short
                           else AVERAGE_CLASSES.format(year=ctx.target_year))
        if ctx.rooms_short and ctx.rooms_where:  # rv28 5: the rooms still borrowed wait on the bureau
            answer["waits"] = BORROW_CHOICES
    if key == "school_size" and answer and not still and ctx.near_cap:  # brief hhonest2 1
        answer["after"], answer["margin"] = size_held(ctx.near_cap, ctx.target_year), True  # rv28 5
    row = {"group": "fail", "item": result.indicator.name, "current": now, "standard": standard,
           "gap": gap, **(answer or {**ctx.policy(key), "after": "未达标，落实后按数据复核"})}
    return row if answer else with_cost(row, key, result, ctx.layout)


def with_cost(row: dict[str, Any], key: str, result, layout: bool) -> dict[str, Any]:
    """A 县政府部门落实 row with what it costs a year (review rv10 9, 10): the figure for a
    priced item (``cost_key``, ``cost_wan``), else why none is counted, ending its measure."""
    yuan = shortfall_yuan(key, result) if result is not None else None
    wan = wan_up(yuan) if yuan else None
    table = "布局调整与达标路径分年度投资" if layout else "整改投资分年度安排"
    words = cost_words(key, wan, int(row["year"]), table, free=row["group"] == "pending")
    return {**row, "measure": f"{row['measure']}；{words}", **({"cost_key": key, "cost_wan": wan} if wan else {})}


def _pending_row(f, result, ctx: Context) -> dict[str, Any]:
    now, standard, _ = _item_texts(result) if result is not None else (numbers.DASH, numbers.DASH, "")
    row = {"group": "pending", "item": f.name, "current": now if now != numbers.DASH else "待核实",
           "standard": standard, "gap": "待补佐证或数据",
           **ctx.policy(f.id), "measure": f.closes or GENERIC.measure, "after": "待核实"}
    if result is not None and "县级认定" in (f.closes or ""):  # the bureau's check (review rv6 N3)
        ind = result.indicator
        label = ATTESTATIONS_BY_CODE[ind.id].label if ind.id in ATTESTATIONS_BY_CODE else ind.name
        row["measure"], row["department"] = attested_measure(ind.id, label, ind.evidence or "", row["year"],
                                                             result.detail)
    return with_cost(row, f.id, result, ctx.layout)


def count_sentence(rows: list[dict[str, Any]], target_year: int, table: str) -> str:
    """How many rows the plan answers (met by the target year, not met, or 待核实 after the
    re-check: the held 基本均衡 recognition), how many a policy commitment, how many nothing
    (brief hfail: it should be 0).

    >>> rows = [{"group": "fail", "basis": PLAN, "after": "按测算 2030 学年达到标准", "measure": "甲"},
    ...         {"group": "fail", "basis": POLICY, "after": "未达标", "measure": "乙"},
    ...         {"group": "units", "basis": PLAN, "after": "仍未达标", "measure": "丙"},
    ...         {"group": "pending", "basis": POLICY, "after": "待核实", "measure": "丁"},
    ...         {"group": "pending", "basis": PLAN, "after": "待核实：按测算 2030 学年…", "measure": "戊"}]
    >>> count_sentence(rows, 2030, "表 1")
    '评估未达标的指标 2 项、学校达标未达到的学段 1 个、待核实事项 2 项，共 5 项，逐项列出整改措施（见表 1）：由本方案措施整改、计入本方案测算的 3 项（按测算 2030 学年达到的 1 项，仍未达到的 1 项，待核实的 1 项）；由县政府有关部门落实、待核实的 2 项（落实前仍为未达标或待核实，须以数据复核）；没有整改措施的 0 项。'

    A CV met only with backbone teachers not yet appointed is 待核实, counted both ways (rv15 7):

    >>> rows[0]["after"] = TRAINED_HELD + "：按测算 2030 学年…"
    >>> count_sentence(rows, 2030, "表 1").partition("（见表 1）：")[2]
    '由本方案措施整改、计入本方案测算的 3 项（按测算 2030 学年达到的 0 项，仍未达到的 1 项，待核实的 2 项，其中 1 项待新培养的骨干教师认定：全部认定后达到的 1 项，未认定时 0 项）；由县政府有关部门落实、待核实的 2 项（落实前仍为未达标或待核实，须以数据复核）；没有整改措施的 0 项。'
    """
    n = {g: sum(r["group"] == g for r in rows) for g in ("fail", "units", "pending")}
    plan = [r for r in rows if r["basis"] == PLAN]
    met = sum(r["after"].startswith("按测算") for r in plan)
    held = sum(r["after"].startswith("待核实") for r in plan)  # brief hbooks: apart from 仍未达到
    trained = sum(r["after"].startswith(TRAINED_HELD) for r in plan)  # rv15 7: met once appointed
    policy = sum(r["basis"] == POLICY for r in rows)
    bare = sum(not r["measure"] for r in rows)
    return (f"评估未达标的指标 {n['fail']} 项、学校达标未达到的学段 {n['units']} 个、待核实事项 {n['pending']} 项，"
            f"共 {len(rows)} 项，逐项列出整改措施（见{table}）：由本方案措施整改、计入本方案测算的 {len(plan)} 项"
            f"（按测算 {target_year} 学年达到的 {met} 项，仍未达到的 {len(plan) - met - held} 项，待核实的 {held} 项"
            + (f"，其中 {trained} 项待新培养的骨干教师认定：全部认定后达到的 {met + trained} 项，未认定时 {met} 项" if trained else "")
            + "）；"
            f"由县政府有关部门落实、待核实的 {policy} 项（落实前仍为未达标或待核实，须以数据复核）；"
            f"没有整改措施的 {bare} 项。")


def _spare(schools) -> dict[str, float]:
    """Each school's spare ground after the layout plan, whole school (the 达标路径's
    校内空地 less the layout's hall or field on it)."""
    if "ground_whole" not in schools:
        return {}
    laid = schools.get("ground_layout", 0.0)
    return dict(zip(schools["school_id"].astype(str), (schools["ground_whole"] - laid).astype(float), strict=True))


def plan_measures(plan, today, rooms_short: int = 0, rooms_where: str = "") -> dict[str, Any]:
    """The rows and the rooms' bridge of ``plan`` (a :class:`.compliance.CompliancePlan`) for
    ``today``, the county in its data year as reported (the 自评报告's evaluation);
    ``rooms_short``: the layout's classrooms still short in the target year, ``rooms_where``
    the schools borrowing them."""
    from junheng.evaluate.engine import evaluate
    from junheng.planning.compliance_backbone import backbone_summary
    from junheng.planning.compliance_room_bridge import bridge, room_table

    p = plan.problem
    current = evaluate(today, p.standard)
    ctx = Context(plan.evaluation, frozenset(plan.actions["project"]) if not plan.actions.empty else frozenset(),
                  plan.layout_year is not None, min(p.years, default=p.target_year), p.target_year,
                  frozenset(today.schools["school_id"]),
                  {str(k): frozenset(v) for k, v in plan.actions.groupby("project")["school_id"]}
                  if not plan.actions.empty else {}, _spare(p.schools),
                  tuple((str(k), int(v)) for k, v in plan.actions.groupby("project")["in_use_year"].max().items())
                  if not plan.actions.empty and "in_use_year" in plan.actions else (),
                  backbone_summary(p, plan.actions, plan.evaluation) or {}, plan.assumed, p.costs.lease(),
                  None if plan.evaluation is None else plan_fragile(plan),
                  tuple(size_margins(plan.after, plan.pupil_interval)), rooms_short, plan_unsited(plan), rooms_where,
                  plan_land(plan))
    rooms = None
    if plan.before is not None and plan.after is not None:
        rules = plan.before.rules
        rooms = bridge(room_table(today, rules), room_table(p.before, rules),
                       room_table(plan.after, rules), plan.actions)
    return {"data_year": today.school_year, "rows": measure_rows(current, ctx), "rooms": rooms}
