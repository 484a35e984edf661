"""The schools the 达标路径 leaves meeting a per-pupil standard by fewer pupils than the forecast's
error (brief hlease 2: 第四小学 leased exactly its 教学及辅助用房 shortfall, 0 m² to spare, while
the 风险 paragraph named only the sports floor and the 校额 margins).

A unit's indicator ``value = current × per / pupils`` (``per``: 1 for a per-pupil figure, 100 for
one per hundred pupils) meets ``threshold`` for at most ``⌊current × per / threshold⌋`` pupils; its
margin is the pupils more than its forecast at which it falls below (:func:`pupil_margin`; a
一贯制 school's stage keeps its part of the area, as :func:`~junheng.report.compliance_floor.
margin_pupils` does). A unit is named when that margin is within the forecast's error: the
upper bound of its stage's interval applied to its pupils (:mod:`.size_margins`), or, without a
forecast, the margin the plan adds to the sports floor (``floor_margin``), one pupil more.

>>> a = pd.DataFrame({"unit_id": ["D:primary", "E:primary"], "school_id": ["D", "E"],
...     "stage": "primary", "students": [845, 845], "indicator": "teaching_area_per_student",
...     "current": [3802.5, 4000.0], "per": 1, "threshold": 4.5, "met": True})
>>> [(m["school_id"], m["margin"]) for m in near_standard(a, {"primary": (-0.02, 0.026)})]
[('D', 1)]

(第四小学 3,802.5 m² = 845 × 4.5 hold 845 pupils: the 846th takes it below, margin 1 against
⌈845 × 0.026⌉ = 22; 4,000 m² hold 888, margin 44: not named.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from junheng.model.labels import STAGE_LABELS, schools_stages


def pupil_margin(current: float, per: float, threshold: float, pupils: int) -> int:
    """The pupils more than ``pupils`` at which ``current × per / pupils`` falls below ``threshold``.

    >>> pupil_margin(3802.5, 1, 4.5, 845), pupil_margin(3.0, 100, 2.3, 130)
    (1, 1)

    (3 multimedia rooms per 100 at 2.3 hold ⌊300 / 2.3⌋ = 130 pupils: the 131st falls below.)
    """
    return math.floor(current * per / threshold + 1e-9) - int(pupils) + 1


def error_pupils(pupils: int, stage: str, interval: Mapping[str, tuple[float, float]],
                 floor_margin: float = 0.02) -> int:
    """The pupils more than ``pupils`` the forecast's error allows: the upper bound of the
    stage's interval applied to them, or, without a forecast, the margin the plan adds to the
    sports floor and one pupil more (the one rule of every margin here).

    >>> error_pupils(1998, "junior", {"junior": (-0.0245, 0.0256)}), error_pupils(845, "primary", {})
    (52, 18)

    (⌈1,998 × 0.0256⌉ = ⌈51.15⌉ = 52; ⌈845 × 0.02⌉ + 1 = ⌈16.9⌉ + 1 = 18.)
    """
    high = interval.get(stage, (0.0, None))[1] if interval else None
    if high is not None:
        return math.ceil(pupils * high - 1e-9)
    return math.ceil(pupils * floor_margin - 1e-9) + 1


def fragile_passing(units: pd.DataFrame, margins: list[dict[str, Any]], floor: list[dict[str, Any]],
                    interval: Mapping[str, tuple[float, float]], floor_margin: float = 0.02,
                    skip: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Per stage, the names of the units the re-check counts as passing 学校达标 whose pass rests
    on a margin within the forecast's error (brief hhonest2 2: 42/44 stood on five schools 12–41
    pupils above 85 %): a standard whose loss takes them past the one indicator allowed below
    (``margins``, :func:`standard_margins`), or a sports area planned at the floor (``floor``,
    :func:`~junheng.planning.compliance_sports_path.floor_rows`) that falls below 85 % within
    :func:`error_pupils`; ``skip``: units counted on assumed figures, said apart.

    >>> units = pd.DataFrame({"school_id": ["A", "B", "C"], "stage": "junior", "name": ["甲", "乙", "丙"],
    ...                       "passes": [True, True, False]})
    >>> floor = [{"school_id": "A", "name": "甲", "stage": "junior", "area": 17527.0, "pupils": 1998,
    ...           "standard": 10.2, "ratio": 0.85}]
    >>> m = [{"school_id": "C", "name": "丙", "stage": "junior", "others_below": 1, "allowed_below": 1},
    ...      {"school_id": "B", "name": "乙", "stage": "junior", "others_below": 0, "allowed_below": 1}]
    >>> fragile_passing(units, m, floor, {"junior": (-0.0245, 0.0256)})
    {'junior': ['甲']}

    (甲: 17,527 / 8.67 = 2,021.6, the 2,022nd pupil takes it below 85 %: 24 more than 1,998,
    within ⌈1,998 × 0.0256⌉ = 52; 乙 would have its first indicator below and still pass; 丙
    already fails.)
    """
    passing = units[units["passes"].fillna(False).astype(bool)]
    ok = set(zip(passing["school_id"].astype(str), passing["stage"].astype(str), strict=True))
    hits = {(str(m["school_id"]), m["stage"]): m["name"] for m in margins
            if (m["within"] if m.get("floor") else m["others_below"] >= m["allowed_below"])}
    for r in floor:
        if r.get("area") is None or not r.get("pupils"):
            continue
        short = pupil_margin(float(r["area"]), 1, r["ratio"] * r["standard"], int(r["pupils"]))
        if short <= error_pupils(int(r["pupils"]), r["stage"], interval, floor_margin):
            hits.setdefault((str(r["school_id"]), r["stage"]), r["name"])
    out: dict[str, list[str]] = {}
    for (school, stage), name in hits.items():
        if (school, stage) in ok and school not in skip:
            out.setdefault(stage, []).append(str(name))
    return {stage: sorted(names) for stage, names in out.items()}


def floor_cover(floor: list[dict[str, Any]], interval: Mapping[str, tuple[float, float]], floor_margin: float,
                school_pupils: Mapping[str, float], spare: Mapping[str, float], price: float) -> list[dict[str, Any]]:
    """Per sports floor row (:func:`~junheng.planning.compliance_sports_path.floor_rows`) whose
    margin is within the forecast's error: the 室外体育运动场地 m² (whole school; a 一贯制
    school's area is split by pupils, so ``school_pupils`` / the stage's) that would hold the
    forecast's upper bound at the floor, one pupil more (brief hhonest2 2: 第一初级中学 stops
    at the floor with 1,835 m² of its own ground left), its cost at the outdoor ``price`` (万元
    per m²) and the school's ground left after both plans (``spare``, None unknown).

    >>> row = {"school_id": "A", "name": "一初中", "stage": "junior", "area": 17700.0, "pupils": 1998,
    ...        "standard": 10.2, "ratio": 0.85}
    >>> c = floor_cover([row], {"junior": (-0.0245, 0.0256)}, 0.02, {"A": 1998}, {"A": 1835.0}, 0.09)
    >>> [(x["error"], x["m2"], x["cost"], x["fits"]) for x in c]
    [(52, 74, 6.66, True)]

    (⌈1,998 × 0.0256⌉ = 52; 8.67 × (1,998 + 52) = 17,773.5 m² hold 2,050 at 85 %: 73.5 → 74 m²
    more, 74 × 0.09 = 6.66 万元, within the 1,835 m² left.)
    """
    out = []
    for r in floor:
        if r.get("area") is None or not r.get("pupils"):
            continue
        error = error_pupils(int(r["pupils"]), r["stage"], interval, floor_margin)
        per = r["ratio"] * r["standard"]
        if pupil_margin(float(r["area"]), 1, per, int(r["pupils"])) > error:
            continue
        whole = float(school_pupils.get(r["school_id"], r["pupils"])) / r["pupils"]
        m2 = math.ceil((per * (r["pupils"] + error) - r["area"]) * whole - 1e-6)
        left = spare.get(r["school_id"])
        out.append({"school_id": str(r["school_id"]), "name": r["name"], "stage": r["stage"], "error": error,
                    "m2": m2, "cost": round(m2 * price + 1e-9, 2), "spare": None if left is None else round(left),
                    "fits": left is not None and m2 <= left + 1e-9})
    return out


def near_standard(assessment: pd.DataFrame, interval: Mapping[str, tuple[float, float]],
                  floor_margin: float = 0.02, skip: frozenset[str] = frozenset(),
                  allowed_below: int = 1, trained: Mapping[tuple[str, str], int] | None = None
                  ) -> list[dict[str, Any]]:
    """Per unit and indicator of ``assessment`` (the re-check's tidy rows) met with a margin in
    pupils within the forecast's error, least margin first; ``skip``: schools left out (民办);
    a unit already below standard on more than ``allowed_below`` indicators (failing the school
    rule whatever this one does) is left out too. ``appoint``: of the unit's new 骨干 (``trained``
    per school and stage), the fewest whose 认定 failing takes it below (:func:`appoint_margin`)."""
    met = assessment[assessment["met"].fillna(False).astype(bool) & assessment["current"].notna()
                     & (assessment["students"] > 0) & ~assessment["school_id"].isin(skip)]
    below = assessment[~assessment["met"].fillna(False).astype(bool)].groupby("unit_id").size()
    out = []
    for r in met.itertuples():
        margin = pupil_margin(float(r.current), float(r.per), float(r.threshold), int(r.students))
        allowed = error_pupils(int(r.students), str(r.stage), interval, floor_margin)
        if margin <= allowed and below.get(r.unit_id, 0) <= allowed_below:
            out.append({"school_id": str(r.school_id), "stage": str(r.stage), "indicator": str(r.indicator),
                        "pupils": int(r.students), "margin": int(margin), "others_below": int(below.get(r.unit_id, 0)),
                        "allowed_below": int(allowed_below),
                        **({} if (k := _appoint(r, float(r.threshold), trained)) is None else {"appoint": k})})
    return sorted(out, key=lambda m: (m["margin"], m["school_id"], m["indicator"]))


#: the indicator new 骨干 count toward (``backbone_training``)
BACKBONE = "backbone_teachers_per_100"


def appoint_margin(current: float, per: float, line: float, pupils: int, trained: int) -> int | None:
    """The fewest of a unit's ``trained`` new 骨干 whose 认定 failing takes ``current × per /
    pupils`` below ``line``; None when it holds with none of them 认定 (or none are trained).

    >>> appoint_margin(7, 100, 0.85, 821, 2), appoint_margin(7, 100, 0.85, 600, 2), appoint_margin(7, 100, 0.85, 550, 2)
    (1, 2, None)
    >>> appoint_margin(7, 100, 0.85, 821, 0) is None
    True

    (文化路社区片区初级中学, 7 骨干 of whom 2 new: 0.85 × 821 / 100 = 6.98 are needed, so one not
    认定 (6 left) takes it below 85 % of the standard; at 600 pupils 5.1 are needed, 6 hold and 5
    do not; at 550, 4.675, 5 still hold.)
    """
    if trained <= 0:
        return None
    k = math.floor(current - line * pupils / per + 1e-9) + 1
    return k if k <= trained else None


def _appoint(r, line: float, trained: Mapping[tuple[str, str], int] | None) -> int | None:
    if r.indicator != BACKBONE or not trained:
        return None
    return appoint_margin(float(r.current), float(r.per), line, int(r.students),
                          int(trained.get((str(r.school_id), str(r.stage)), 0)))


def near_floor_rule(assessment: pd.DataFrame, interval: Mapping[str, tuple[float, float]], floor_ratio: float,
                    floor_margin: float = 0.02, skip: frozenset[str] = frozenset(),
                    trained: Mapping[tuple[str, str], int] | None = None,
                    covered: frozenset[tuple[str, str]] = frozenset()) -> list[dict[str, Any]]:
    """Per unit and indicator of ``assessment`` below its standard but not below ``floor_ratio``
    of it (counted 达标 by the 85 % rule) whose margin to that floor in pupils is within the
    forecast's error (``within``), or whose new 骨干 failing 认定 take it below (``appoint``,
    :func:`appoint_margin`) (review rv18 8: the new 初中 at 85.3 % of its 骨干 line, 3 pupils and
    one 认定 from failing, in no risk list); ``share`` its value over the standard; units of
    ``covered`` (school, stage: the sports floor table's, said there) and of ``skip`` left out.

    >>> a = pd.DataFrame({"unit_id": ["N:junior", "M:junior"], "school_id": ["N", "M"], "stage": "junior",
    ...     "students": [821, 500], "indicator": BACKBONE, "current": [7.0, 5.0], "per": 100,
    ...     "threshold": 1.0, "value": [7 / 8.21, 1.0], "met": [False, True]})
    >>> [(m["school_id"], m["margin"], m["within"], m["appoint"], m["share"])
    ...  for m in near_floor_rule(a, {"junior": (-0.0245, 0.0256)}, 0.85, trained={("N", "junior"): 2})]
    [('N', 3, True, 1, 0.8526)]

    (7 × 100 / 821 = 0.853 per 100 pupils, 85.3 % of 1; ⌊700 / 0.85⌋ = 823 pupils hold 85 %: 3 more
    than 821 fall below, within ⌈821 × 0.0256⌉ = 22; M meets its standard.)

    A unit meeting the standard only by its new 骨干 is named too (``met``; review rv19 4: 石店镇魏西坪村小学,
    2 骨干 of whom 1 new for 139 pupils, 1.44 per 100; one 认定 not made leaves 0.72, below 85 %):

    >>> w = pd.DataFrame({"unit_id": ["W:primary"], "school_id": ["W"], "stage": "primary", "students": [139],
    ...     "indicator": BACKBONE, "current": [2.0], "per": 100, "threshold": 1.0, "met": [True]})
    >>> [(m["margin"], m["within"], m["appoint"], m.get("met")) for m in near_floor_rule(w, {}, 0.85, trained={("W", "primary"): 1})]
    [(97, False, 1, True)]

    (2 × 100 / 0.85 = 235.3: 235 pupils hold 85 %, 97 more than 139, not within ⌈139 × 0.02⌉ + 1 = 4;
    1 骨干 left is 0.72 per 100, below 0.85. Without the new one trained it is not named.)

    >>> near_floor_rule(w, {}, 0.85, trained={("W", "primary"): 0})
    []
    """
    a = assessment if "value" in assessment else assessment.assign(  # the value the re-check judged
        value=assessment["current"] * assessment["per"] / assessment["students"].where(assessment["students"] > 0))
    a = a.assign(is_met=a["met"].fillna(False).astype(bool))
    rows = a[a["current"].notna() & a["value"].notna() & (a["students"] > 0) & ~a["school_id"].isin(skip)]
    below = a[~a["is_met"]].groupby("unit_id").size()
    out = []
    for r in rows.itertuples():
        line, key, ok = floor_ratio * float(r.threshold), (str(r.school_id), str(r.stage)), bool(r.is_met)
        if float(r.value) < line - 1e-9 or key in covered:
            continue
        margin = pupil_margin(float(r.current), float(r.per), line, int(r.students))
        within = not ok and margin <= error_pupils(int(r.students), key[1], interval, floor_margin)
        appoint = _appoint(r, line, trained)
        if within or appoint is not None:
            out.append({"school_id": key[0], "stage": key[1], "indicator": str(r.indicator), "pupils": int(r.students),
                        "margin": int(margin), "others_below": int(below.get(r.unit_id, 0)) - (not ok),
                        "allowed_below": 1, "floor": floor_ratio, "share": round(float(r.value) / float(r.threshold), 4),
                        "within": bool(within), "appoint": appoint, **({"met": True} if ok else {})})
    return out


def trained_units(actions: pd.DataFrame) -> dict[tuple[str, str], int]:
    """The new 骨干 a plan 培养认定s (``backbone_training`` rows), per school and stage.

    >>> trained_units(pd.DataFrame({"item": ["backbone_training", "books", "backbone_training"],
    ...     "school_id": ["N", "N", "N"], "stage": "junior", "quantity": [1.0, 9.0, 1.0]}))
    {('N', 'junior'): 2}
    """
    if actions.empty or "item" not in actions:
        return {}
    rows = actions[actions["item"] == "backbone_training"]
    return {(str(s), str(g)): int(round(float(q))) for (s, g), q in rows.groupby(["school_id", "stage"])["quantity"].sum().items()}


def standard_margins(evaluation, interval: Mapping[str, tuple[float, float]], floor_margin: float,
                     names: Mapping[str, str], trained: Mapping[tuple[str, str], int] | None = None,
                     covered: frozenset[tuple[str, str]] = frozenset()) -> list[dict[str, Any]]:
    """:func:`near_standard` and :func:`near_floor_rule` of the re-check after the plan
    (``evaluation``; [] without), public schools only, least margin first, each with its
    ``name`` and the indicator's ``label``; units the re-check fails are left out (brief
    hhonest2: 实验中学, its sports area at 47 % of the standard, stood as 「不能通过学校达标复核」
    should another indicator fall: it fails already)."""
    if evaluation is None:
        return []
    a = evaluation.assessment
    units = evaluation.units
    if "passes" in units and "unit_id" in units:
        a = a[a["unit_id"].isin(units.loc[units["passes"].fillna(False).astype(bool), "unit_id"])]
    private = frozenset(units.loc[units.get("ownership", pd.Series("", index=units.index)) == "private", "school_id"])
    labels = {i.id: i.name for i in evaluation.standard.resource_indicators}
    allowed = len(labels) - evaluation.standard.school_rule.min_met
    a = a[a["indicator"].isin(labels)]
    rows = near_standard(a, interval, floor_margin, private, allowed, trained)
    named = {(m["school_id"], m["stage"], m["indicator"]) for m in rows}  # a met row said once (rv19 4)
    rows += [m for m in near_floor_rule(a, interval, evaluation.standard.school_rule.floor_ratio, floor_margin,
                                        private, trained, covered)
             if not (m.get("met") and (m["school_id"], m["stage"], m["indicator"]) in named)]
    return [{**m, "name": str(names.get(m["school_id"], m["school_id"])), "label": labels.get(m["indicator"], m["indicator"])}
            for m in sorted(rows, key=lambda m: (m["margin"], m["school_id"], m["indicator"]))]


#: the 风险 table's columns (:func:`margin_rows`)
MARGIN_HEADS = ("学校", "学段", "指标", "规划年学生（人）", "余量（学生比预测多出此数即低于标准，人）", "低于标准后")


def _after(m: dict[str, Any]) -> str:
    """What the unit's indicator falling below standard does to its school rule; for a unit
    counted 达标 by the 85 % rule (:func:`near_floor_rule`), its share and what takes it below.

    >>> _after({"others_below": 1, "allowed_below": 1}), _after({"others_below": 0, "allowed_below": 1})
    ('该校已有 1 项指标低于标准，不能通过学校达标复核', '成为该校第 1 项低于标准的指标（学校达标至多允许 1 项）')
    >>> _after({"others_below": 0, "allowed_below": 1, "appoint": 2})
    '成为该校第 1 项低于标准的指标（学校达标至多允许 1 项）；2 名认定未成亦然'
    >>> _after({"floor": 0.85, "share": 0.8526, "margin": 3, "appoint": 1})
    '85.3%，学生比预测多 3 人或 1 名认定未成即不达标'
    >>> _after({"floor": 0.85, "share": 1.4388, "margin": 97, "appoint": 1, "met": True})
    '1 名认定未成即不达标'
    """
    k = m.get("appoint")
    if m.get("met"):  # meets its standard only by its new 骨干 (review rv19 4)
        return f"{k:,} 名认定未成即不达标"
    if m.get("floor"):
        return (f"{m['share']:.1%}，学生比预测多 {m['margin']:,} 人" + (f"或 {k:,} 名认定未成" if k else "") + "即不达标")
    if m["others_below"] >= m["allowed_below"]:
        text = f"该校已有 {m['others_below']:,} 项指标低于标准，不能通过学校达标复核"
    else:
        text = f"成为该校第 {m['others_below'] + 1:,} 项低于标准的指标（学校达标至多允许 {m['allowed_below']:,} 项）"
    return text + (f"；{k:,} 名认定未成亦然" if k else "")


#: the 余量 and last columns' heads where a row is counted 达标 by the 85 % rule (review rv18 8)
FLOOR_HEADS = ("余量（学生比预测多出此数即低于标准或不达标，人）", "低于标准后（按 85% 计达标的：占标准、不达标条件）")


def margin_heads(margins: list[dict[str, Any]]) -> tuple[str, ...]:
    """:data:`MARGIN_HEADS`, the last two said for the 85 % rule's rows too where there are any.

    >>> margin_heads([{"margin": 1}]) == MARGIN_HEADS, margin_heads([{"floor": 0.85}])[4:]
    (True, ('余量（学生比预测多出此数即低于标准或不达标，人）', '低于标准后（按 85% 计达标的：占标准、不达标条件）'))
    """
    return (*MARGIN_HEADS[:4], *FLOOR_HEADS) if any(m.get("floor") for m in margins) else MARGIN_HEADS


def floor_said(m: dict[str, Any]) -> str:
    """A unit counted 达标 by the 85 % rule (:func:`near_floor_rule`) in words, for the 风险 sentences.

    >>> floor_said({"name": "文化路社区片区初级中学", "stage": "junior", "floor": 0.85, "share": 0.8526,
    ...             "margin": 3, "appoint": 1})
    '文化路社区片区初级中学（初中，85.3%，学生比预测多 3 人或 1 名认定未成即不达标）'
    """
    return f"{m['name']}（{STAGE_LABELS.get(m['stage'], m['stage'])}，{_after(m)}）"


def margin_rows(margins: list[dict[str, Any]]) -> list[list[str]]:
    """The 风险 table's rows (:data:`MARGIN_HEADS`), least margin first.

    >>> margin_rows([{"name": "第四小学", "stage": "primary", "pupils": 845, "margin": 1,
    ...     "label": "生均教学及辅助用房面积", "others_below": 1, "allowed_below": 1}])
    [['第四小学', '小学', '生均教学及辅助用房面积', '845', '1', '该校已有 1 项指标低于标准，不能通过学校达标复核']]
    """
    return [[m["name"], STAGE_LABELS.get(m["stage"], m["stage"]), m["label"], f"{m['pupils']:,}",
             "—" if m.get("met") else f"{m['margin']:,}", _after(m)] for m in margins]


def floors_said(floors: list[dict[str, Any]], named: int) -> str:
    """The first ``named`` rows of :func:`floor_said`, least margin first, 「等」 after them if more.

    >>> n = {"name": "甲", "stage": "junior", "label": "某指标", "floor": 0.85, "share": 0.86, "margin": 3}
    >>> floors_said([n, {**n, "name": "乙", "margin": 9}], 1)
    '甲（初中，86.0%，学生比预测多 3 人即不达标）等'
    """
    rows = sorted(floors, key=lambda m: m["margin"])
    return "、".join(floor_said(m) for m in rows[:named]) + ("等" if len(rows) > named else "")


def _floors_sentence(floors: list[dict[str, Any]], above: set[tuple[str, str]]) -> str:
    """The 风险 sentence of the units counted 达标 by the 85 % rule, counted as schools by
    :func:`~junheng.model.labels.schools_stages`, those already among the ``above`` ones (the
    margin rows' school-学段) said as such (review rv19 5: 「表中 11 所」 then 「表中另有 7 所」,
    3 of them among the 11: 15 in all; rv20 6: those 11 were 10 schools).

    >>> f = {"name": "甲", "stage": "junior", "floor": 0.85, "share": 0.86, "margin": 3}
    >>> _floors_sentence([f, {**f, "name": "乙", "margin": 9}], {("乙", "junior"), ("丙", "junior")})
    '表中按“其余指标不低于 85%”计达标、余量小于预测误差或待骨干教师认定的有 2 所学校（其中 1 所已在上述 2 所学校之中，另有 1 所）：甲（初中，86.0%，学生比预测多 3 人即不达标）等。'
    >>> _floors_sentence([f], set())
    '表中 1 所学校按“其余指标不低于 85%”计达标，余量小于预测误差或待骨干教师认定：甲（初中，86.0%，学生比预测多 3 人即不达标）。'
    """
    if not floors:
        return ""
    units = {(m["name"], m["stage"]) for m in floors}
    rule, which = f"按“其余指标不低于 {floors[0]['floor']:.0%}”计达标", f"{floors_said(floors, 1)}。"
    schools, before = {n for n, _ in units}, {n for n, _ in above}
    if not (both := len(schools & before)):
        return f"表中{'另有 ' if above else ' '}{schools_stages(units)}{rule}，余量小于预测误差或待骨干教师认定：{which}"
    return (f"表中{rule}、余量小于预测误差或待骨干教师认定的有 "
            f"{schools_stages(units, f'其中 {both:,} 所已在上述 {len(before):,} 所学校之中，另有 {len(schools) - both:,} 所')}"
            f"：{which}")


def margin_risk(margins: list[dict[str, Any]], named: int = 3) -> str:
    """The 风险 sentence under the table of :func:`standard_margins` ('' for none): the least
    margin of the ``named`` schools with the least said in words, and how many schools then
    fail the school rule.

    >>> m = {"name": "第四小学", "stage": "primary", "pupils": 845, "margin": 1,
    ...      "label": "生均教学及辅助用房面积", "others_below": 1, "allowed_below": 1}
    >>> print(margin_risk([m, {**m, "name": "实验小学", "label": "生均教学仪器设备值", "margin": 20, "others_below": 0}]))
    风险：表中 2 所学校按规划年预测的学生数达到标准，余量小于招生预测的误差，学生比预测多出表中余量即低于标准：第四小学（小学）学生比预测多 1 人即低于标准（生均教学及辅助用房面积），实验小学（小学）学生比预测多 20 人即低于标准（生均教学仪器设备值）；其中 1 所学校已有 1 项指标低于标准，再有此项低于标准即不能通过学校达标复核。须逐年核对其招生，超出时以划片分流，或相应增加面积、设备或教师。

    A unit counted 达标 by the 85 % rule is said apart, with what takes it below (review rv18 8):

    >>> n = {"name": "新初中", "stage": "junior", "label": "每百名学生拥有县级以上骨干教师数", "floor": 0.85,
    ...      "share": 0.8526, "margin": 3, "appoint": 1}
    >>> print(margin_risk([n]))
    风险：表中 1 所学校按“其余指标不低于 85%”计达标，余量小于预测误差或待骨干教师认定：新初中（初中，85.3%，学生比预测多 3 人或 1 名认定未成即不达标）。须逐年核对其招生，超出时以划片分流，或相应增加面积、设备或教师。
    >>> print(margin_risk([m, n]).split("复核。")[1])
    表中另有 1 所学校按“其余指标不低于 85%”计达标，余量小于预测误差或待骨干教师认定：新初中（初中，85.3%，学生比预测多 3 人或 1 名认定未成即不达标）。须逐年核对其招生，超出时以划片分流，或相应增加面积、设备或教师。
    """
    floors = [m for m in margins if m.get("floor")]
    margins = [m for m in margins if not m.get("floor")]
    said = _floors_sentence(floors, {(m["name"], m["stage"]) for m in margins})
    if not margins:
        return f"风险：{said}须逐年核对其招生，超出时以划片分流，或相应增加面积、设备或教师。" if said else ""
    units = {(m["name"], m["stage"]) for m in margins}
    first: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for m in margins:  # least margin first: a school's first entries are its least
        same = first.setdefault((m["name"], m["stage"]), [m])
        if m is not same[0] and m["margin"] == same[0]["margin"]:
            same.append(m)
    least = "，".join(f"{name}（{STAGE_LABELS.get(stage, stage)}）学生比预测多 {ms[0]['margin']:,} 人即低于标准"
                     f"（{'、'.join(m['label'] for m in ms)}）" for (name, stage), ms in list(first.items())[:named])
    failing = {(m["name"], m["stage"]) for m in margins if m["others_below"] >= m["allowed_below"]}
    fail = (f"；其中 {schools_stages(failing)}已有 {margins[0]['allowed_below']:,} 项指标低于标准，"
            "再有此项低于标准即不能通过学校达标复核" if failing else "")
    return (f"风险：表中 {schools_stages(units)}按规划年预测的学生数达到标准，余量小于招生预测的误差，学生比预测多出表中余量"
            f"即低于标准：{least}{'等' if len(first) > named else ''}{fail}。{said}须逐年核对其招生，超出时以划片分流，"
            "或相应增加面积、设备或教师。")


__all__ = ["MARGIN_HEADS", "appoint_margin", "error_pupils", "floor_cover", "floor_said", "floors_said", "fragile_passing",
           "margin_heads", "margin_risk", "margin_rows", "near_floor_rule", "near_standard", "pupil_margin",
           "standard_margins", "trained_units"]
