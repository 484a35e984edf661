"""What plan.json says of an evaluation: its summary, the schools passing on thin margins, the
failures in words (split from :mod:`.compliance_json`)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from junheng.evaluate import Evaluation
from junheng.model import numbers
from junheng.planning.compliance import CompliancePlan
from junheng.planning.compliance_sports_path import floor_rows
from junheng.planning.pending_land import LAND, land_clause, land_passing
from junheng.planning.standard_margins import (
    floor_cover,
    fragile_passing,
    standard_margins,
    trained_units,
)


def evaluation_summary(result: Evaluation | None, private: frozenset[str] = frozenset(),
                       relocating: frozenset[str] = frozenset(),
                       assumed: frozenset[str] = frozenset(),
                       fragile: dict[str, list[str]] | None = None,
                       unsited: frozenset[str] = frozenset(),
                       land: dict[str, float] | None = None,
                       appointed: dict[str, list[str]] | None = None) -> dict[str, Any] | None:
    """CVs and school counts per stage, and the failures the plan answers for (the special
    room items with the schools still short, :func:`failure_text`; ``private``: 民办 ids;
    ``relocating``: schools being relocated, nothing built at the old site; ``assumed``:
    schools counted on assumed figures, whose passing units are named apart, :func:`assumed_passing`;
    ``fragile``: after a plan, per stage the passing units within the forecast's error, :func:`plan_fragile`;
    ``unsited``: schools whose new rooms have no site, :func:`plan_unsited`, their passing units named apart;
    ``land``: the units passing only with the layout's land not yet granted, :func:`.pending_land.plan_land`,
    named apart with their share of the standard without it; ``appointed``: per stage, the units
    passing only once their new 骨干 are 认定, :func:`~.compliance_backbone.appointed_passing`)."""
    if result is None:
        return None
    stages = {}
    for stage, res in result.stages.items():
        stages[stage] = {
            "units": res.units, "passing": res.units_passing,
            "assumed_passing": assumed_passing(result.units, stage, assumed),
            **({"unsited_passing": assumed_passing(result.units, stage, unsited - assumed)} if unsited else {}),
            **land_passing(result.units, stage, land or {}, result.gaps),
            **({"appointed_passing": list(appointed[stage])} if (appointed or {}).get(stage) else {}),
            "cv": {k: None if math.isnan(c.cv) else round(c.cv, numbers.CV_DIGITS)
                   for k, c in res.indicators.items()},
            "limit": next(iter(res.indicators.values())).limit}
        if fragile is not None:
            stages[stage]["fragile_passing"] = list(fragile.get(stage, []))
    failures = [f for f in result.verdict.failures if f.id == "school_rule" or f.area == "cv"
                or f.id in ("music_art_rooms", "music_art_room_area", "class_size")]
    return {"stages": stages,
            "failures": [failure_text(f, result, private, relocating) for f in failures],
            "failed_items": sorted({f.id for f in failures})}


def plan_fragile(plan: CompliancePlan) -> dict[str, list[str]]:
    """Per stage, the units the re-check after ``plan`` counts as passing whose margin is within
    the forecast's error (:func:`~junheng.planning.standard_margins.fragile_passing` of the
    plan's :func:`standard_margins` and sports floor rows); {} without a re-check."""
    if plan.evaluation is None:
        return {}
    p = plan.problem
    return fragile_passing(plan.evaluation.units, plan_margins(plan), floor_rows(p, plan.evaluation, plan.actions),
                           plan.pupil_interval, p.costs.floor_margin, frozenset(plan.assumed))


def plan_margins(plan: CompliancePlan) -> list[dict[str, Any]]:
    """:func:`~junheng.planning.standard_margins.standard_margins` of the re-check after ``plan``:
    its new 骨干 per unit, the sports floor table's units said in that table (review rv18 8)."""
    p = plan.problem
    names = dict(zip(p.start.schools["school_id"], p.start.schools["name"], strict=False))
    covered = frozenset((str(r["school_id"]), r["stage"]) for r in floor_rows(p, plan.evaluation, plan.actions))
    return standard_margins(plan.evaluation, plan.pupil_interval, p.costs.floor_margin, names,
                            trained_units(plan.actions), covered)


def plan_unsited(plan: CompliancePlan) -> frozenset[str]:
    """The schools whose new buildings have no site, the one fact both plans read (review rv14
    N4): the layout's rooms that do not fit (``plan.unsited``, :func:`~.layout_footprint.unsited_ids`)
    and this plan's buildings that do not (:func:`~.compliance_building_ground.building_ground`).
    The plan builds at a school only what its standard needs, so its pass there is 待核实 until
    the ground is settled."""
    from junheng.planning.compliance_building_ground import building_ground

    here = {r["school_id"] for r in building_ground(plan.problem.schools, plan.actions)}
    return frozenset(plan.unsited) | frozenset(here)


def plan_floor_cover(plan: CompliancePlan) -> list[dict[str, Any]]:
    """:func:`~junheng.planning.standard_margins.floor_cover` of the plan's sports floor rows: the
    school's ground left after both plans' sports (the layout's and this plan's field and hall)."""
    if plan.evaluation is None:
        return []
    p, acts = plan.problem, plan.actions
    by = p.schools.set_index("school_id")
    built = (acts[acts["item"].isin(("field", "gym"))].groupby("school_id")["built"].sum()
             if len(acts) and "built" in acts else pd.Series(dtype=float))
    spare = {} if "ground_whole" not in by else {
        str(sid): float(by.at[sid, "ground_whole"]) - float(by.get("ground_layout", pd.Series(dtype=float)).get(sid, 0.0))
        - float(built.get(sid, 0.0)) for sid in by.index if math.isfinite(float(by.at[sid, "ground_whole"]))}
    pupils = plan.evaluation.units.groupby("school_id")["students"].sum()
    return floor_cover(floor_rows(p, plan.evaluation, acts), plan.pupil_interval, p.costs.floor_margin,
                       {str(k): float(v) for k, v in pupils.items()}, spare, p.costs.item("field").unit_cost)


def assumed_passing(units: pd.DataFrame, stage: str, assumed: frozenset[str]) -> list[str]:
    """The names of ``stage``'s units that pass 学校达标 at a school of ``assumed`` (figures the
    plan assumed: brief hc2, review rv 12), in the units' order.

    >>> units = pd.DataFrame({"school_id": ["N", "A", "N"], "stage": ["primary", "primary", "junior"],
    ...                       "name": ["新小学", "甲小学", "新小学"], "passes": [True, True, False]})
    >>> assumed_passing(units, "primary", frozenset({"N"})), assumed_passing(units, "junior", frozenset({"N"}))
    (['新小学'], [])
    """
    if not assumed or not {"school_id", "stage", "passes"} <= set(units.columns):
        return []
    part = units[(units["stage"] == stage) & units["school_id"].astype(str).isin(assumed)]
    passes = part["passes"].fillna(False).astype(bool)
    names = part["name"] if "name" in part else part["school_id"]
    return [str(n) for n in names[passes]]


def passing_text(summary: dict, said: str = "") -> str:
    """A stage's 达标学校数, the units passing on assumed figures said apart as 待核实 (brief
    hc2, review rv 12: 43/44 counted a new school whose equipment the plan assumed); the one
    wording of the 达标路径工作簿 and the 整改/自评 tables (rv8 5), ``said`` after the count.

    >>> passing_text({"units": 44, "passing": 43}), passing_text({"units": 44, "passing": None})
    ('43/44', '—/44')
    >>> passing_text({"units": 44, "passing": 43, "assumed_passing": ["城东新区第二小学"]})
    '42/44，另 1 所（城东新区第二小学）按假设值计，待核实'
    >>> passing_text({"units": 44, "passing": 43, "assumed_passing": ["城东新区第二小学"]}, " 所达标")
    '42/44 所达标，另 1 所（城东新区第二小学）按假设值计，待核实'

    After a plan the count is the forecast's middle figure's, with the passing units whose
    margin is within the forecast's error beside it (brief hhonest2 2, :func:`plan_fragile`):

    >>> passing_text({"units": 18, "passing": 14, "fragile_passing": ["甲", "乙", "丙"]}, " 所达标")
    '按预测中位数 14/18 所达标，其中 3 所余量小于预测误差'

    A unit passing only with rooms that have no site is not counted (review rv14 N4):

    >>> passing_text({"units": 18, "passing": 14, "unsited_passing": ["新区实验学校"]}, " 所达标")
    '13/18 所达标，另 1 所（新区实验学校）新建校舍本校用地放不下，须先核定用地（局务会决定），待核实'

    Nor one passing only with the layout's land beside it, not yet granted (brief hland):
    14 − 2 = 12, 东城小学 (3,869 − 267) / 595 / 7.5 = 80.7 %:

    >>> passing_text({"units": 44, "passing": 14, "land_passing": ["东城小学", "第四小学"], "land_shares": [0.807, 0.763],
    ...               "fragile_passing": ["东城小学", "丙"]}, " 所达标")  # one reason: its clause says the number
    '按预测中位数 12/44 所达标，其中 1 所余量小于预测误差，另 2 所（东城小学、第四小学）扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积依次为标准的 80.7%、76.3%，待核实'

    Held for several reasons, their sum beside the count (review rv30 1), 43 − 2 − 1 = 40:

    >>> passing_text({"units": 44, "passing": 43, "assumed_passing": ["丙"], "unsited_passing": ["甲", "乙"],
    ...               "fragile_passing": []}, " 所达标")
    '按预测中位数 40/44 所达标（另 3 所待核实），另 2 所（甲、乙）新建校舍本校用地放不下，须先核定用地（局务会决定），待核实，另 1 所（丙）按假设值计，待核实'
    """
    if summary.get("passing") is None:
        return f"—/{summary.get('units')}{said}"
    apart = {n for names, _ in held(summary) for n in names}
    fragile = [f for f in summary.get("fragile_passing") or [] if f not in apart]
    text = (f"{'' if summary.get('fragile_passing') is None else '按预测中位数 '}"
            f"{counted(summary)}/{summary['units']}{said}")
    if len(held(summary)) > 1:  # rv30 1: the 待核实 of several reasons in one figure (实施前 33/44 read as more than 32/44)
        text += f"（另 {len(apart):,} 所待核实）"
    if fragile:
        text += f"，其中 {len(fragile):,} 所余量小于预测误差"
    return "".join([text, *(f"，{h}" for h in held_text(summary))])


def counted(summary: dict) -> int | None:
    """A stage's units counted as passing: those passing less those held apart as 待核实 (on
    assumed figures, or with new rooms without a site: :func:`held_text`), the one count of
    :func:`passing_text` and of both options' counts (:func:`~.option_b.counts_text`); None
    without a count.

    >>> counted({"units": 44, "passing": 43, "assumed_passing": ["丙"], "unsited_passing": ["甲", "乙"]})
    40
    >>> counted({"units": 44, "passing": None}), counted({"units": 18, "passing": 14})
    (None, 14)
    """
    if summary.get("passing") is None:
        return None
    return int(summary["passing"]) - sum(len(names) for names, _ in held(summary))


def held(summary: dict, less: frozenset[str] = frozenset()) -> list[tuple[list[str], str]]:
    """The units of :func:`counted` held apart as 待核实: per reason (new rooms without a site,
    assumed figures, then land not yet granted) the names and why, those named in ``less`` left
    out (方案乙's units failing instead, :func:`~.option_b.counts_text`), reasons without a unit
    left out."""
    out, seen = [], set(less)
    for key, why in HELD:  # a unit held for two reasons is held once, for the first
        if names := [n for n in summary.get(key) or () if n not in seen]:
            out.append((names, why))
            seen |= set(names)
    return out


def held_text(summary: dict) -> list[str]:
    """:func:`held` in words, a clause per reason (table 1's, :func:`passing_text`).

    >>> held_text({"assumed_passing": ["丙"], "unsited_passing": ["甲", "乙"]})
    ['另 2 所（甲、乙）新建校舍本校用地放不下，须先核定用地（局务会决定），待核实', '另 1 所（丙）按假设值计，待核实']

    A unit passing only with land not yet granted, held already for its rooms, is held once
    and said again (brief hland):

    >>> held_text({"unsited_passing": ["甲"], "land_passing": ["甲", "丁"], "land_shares": [0.763, 0.807]})
    ['另 1 所（甲）新建校舍本校用地放不下，须先核定用地（局务会决定），待核实', '另 1 所（丁）扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 80.7%，待核实', '其中甲另有扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 76.3%']
    >>> counted({"passing": 10, "unsited_passing": ["甲"], "land_passing": ["甲", "丁"]})
    8

    Nor a unit passing only once its new 骨干 are 认定 (review rv29 2), said without names (the
    教师培养培训 section names them); 甲, held for its rooms already, is held once:

    >>> held_text({"unsited_passing": ["甲"], "appointed_passing": ["甲", "戊", "己"], "land_passing": ["甲"]})[1:]
    ['其中甲另有扩充运动场地用地待自然资源部门确认', '另 2 所的达标待新培养的骨干教师认定（一人都未认定即不达标，见“教师培养培训”），待核实']
    >>> counted({"passing": 10, "unsited_passing": ["甲"], "appointed_passing": ["甲", "戊", "己"]})
    7
    """
    parts = held(summary)
    out = [f"另 {len(names)} 所（{'、'.join(names)}）{why}{_without(summary, names) if why == LAND else ''}，待核实"
           for names, why in parts if why != APPOINTED]
    first = {n for names, why in parts if why != LAND for n in names}
    if also := [n for n in summary.get("land_passing") or () if n in first]:  # held for another reason first
        out.append(f"其中{'、'.join(also)}另有{LAND}{_without(summary, also)}")
    # last, after the clause on the schools named before it; unnamed (the 教师培养培训 section names them)
    return out + [f"另 {len(names)} 所的达标{why}（{APPOINTED_WHY}），待核实" for names, why in parts if why == APPOINTED]


def held_units(stages: dict | None) -> list[tuple[str, str, str, str]]:
    """Every unit :func:`counted` leaves out as 待核实, stage by stage in :func:`held`'s order: its
    stage, name, the reason it is held for (:data:`HELD`) and that reason in full, the share
    without the land where land not yet granted is a reason too (brief hwords6 2: the sentences on
    the sports area at 85 % said 计为达标 of these units; they read this list).

    东城小学 passes only with land (3,869 − 267) / 595 / 7.5 = 80.7 %; 第四小学 has new rooms
    without a site and land too:

    >>> stages = {"primary": {"passing": 3, "unsited_passing": ["第四小学"], "land_passing": ["东城小学", "第四小学"],
    ...                       "land_shares": [0.807, 0.763]}, "junior": {"passing": 1}}
    >>> for unit in held_units(stages): print(unit)
    ('primary', '第四小学', '新建校舍本校用地放不下，须先核定用地（局务会决定）', '新建校舍本校用地放不下，须先核定用地（局务会决定）；另有扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 76.3%')
    ('primary', '东城小学', '扩充运动场地用地待自然资源部门确认', '扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 80.7%')
    >>> held_units(None)
    []
    """
    out = []
    for stage, summary in (stages or {}).items():
        land = set(summary.get("land_passing") or ())
        for names, why in held(summary):
            out += [(stage, n, why, f"{why}{_without(summary, [n])}" if why == LAND else
                     why + (f"；另有{LAND}{_without(summary, [n])}" if n in land else "")) for n in names]
    return out


def _without(summary: dict, names: list[str]) -> str:
    """「，不计该用地生均体育运动场馆面积为标准的 80.7%」 of units passing only with land."""
    share = dict(zip(summary.get("land_passing") or (), summary.get("land_shares") or (), strict=False))
    below = dict(zip(summary.get("land_passing") or (), summary.get("land_others") or (), strict=False))
    got = [share[n] for n in names if share.get(n) is not None and share[n] == share[n]]
    # brief hstaff2 4: a share not below 85 % says why it is held, as 表 6 (land_held) says it;
    # rv21: with the indicators below the standard named (land_passing's land_others)
    return (land_clause(got, labels=names if len(names) > 1 else ["该校"], others=[below.get(n, []) for n in names])
            if len(got) == len(names) else "")


#: why a pass at a school whose new rooms have no site is 待核实 (review rv14 N4)
UNSITED = "新建校舍本校用地放不下，须先核定用地（局务会决定）"

#: why a pass only once the plan's new 骨干 are 认定 is 待核实, as land not yet granted is (review
#: rv29 2: they were counted as passing); the units are named in the 教师培养培训 section
APPOINTED = "待新培养的骨干教师认定"
APPOINTED_WHY = "一人都未认定即不达标，见“教师培养培训”"

#: the reasons a pass is held apart as 待核实, in their order: the summary's key and why
HELD = (("unsited_passing", UNSITED), ("assumed_passing", "按假设值计"), ("land_passing", LAND),
        ("appointed_passing", APPOINTED))


#: Items whose failure names the schools still short (review2 finding 5: "仍缺：专用教室面积…
#: 98.2%" named no school; it was a 民办 school the plan does not build at).
SCHOOL_ITEMS = ("music_art_rooms", "music_art_room_area")
NAMED_SCHOOLS = 10


#: a relocating school's failure, said where it is listed (brief oneyear item 4): it stays a
#: failure, the relocation is how it is to pass
RELOCATING = "正在迁建，本方案不在原址建设，迁建后须由新址达标；建成前按原址复核，计为未达标"


def failure_text(failure, result: Evaluation, private: frozenset[str] = frozenset(),
                 relocating: frozenset[str] = frozenset()) -> str:
    """The failure's sentence; for a special room item followed by the schools still short
    (at most ten named) with what each needs, a 民办 school marked "民办，由举办者整改"; a
    school being relocated (``relocating``) says so in its own failure or mark.

    >>> from junheng.evaluate.engine import Failure
    >>> f = Failure("resources", "school_rule", "学校达标", "黄城镇初级中学（初中）：5/7 项达标", "junior", "H:junior")
    >>> failure_text(f, None, relocating=frozenset({"H"}))
    '黄城镇初级中学（初中）：5/7 项达标（正在迁建，本方案不在原址建设，迁建后须由新址达标；建成前按原址复核，计为未达标）'
    """
    if failure.id == "school_rule" and str(failure.unit_id).split(":")[0] in relocating:
        return f"{failure.message}（{RELOCATING}）"
    if failure.id not in SCHOOL_ITEMS:
        return failure.message
    item = next((r for r in (*result.guarantee, *result.quality)
                 if r.indicator.id == failure.id), None)
    if item is None or item.detail.empty or "name" not in item.detail:
        return failure.message
    d = item.detail
    names = []
    for sid, name, gap in zip(d["school_id"], d["name"], d.get("gap", [""] * len(d)), strict=True):
        marks = ("民办，由举办者整改" if str(sid) in private else "",
                 "正在迁建，由新址补足" if str(sid) in relocating else "")
        said = "；".join(p for p in (gap, *marks) if p)
        names.append(f"{name}（{said}）" if said else str(name))
    more = f"等 {len(names)} 所" if len(names) > NAMED_SCHOOLS else ""
    return f"{failure.message}；未达标学校：{'、'.join(names[:NAMED_SCHOOLS])}{more}"
