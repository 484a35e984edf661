"""Every school and stage still short of the standard's 县级以上骨干 or 体育艺术 need once the
达标路径's teacher moves are done, whether a move touches it or not (review rv19 3: the 整改措施's
「调配后县级以上骨干教师仍少于标准所需的 7 个」 read only the rows of 表 5, the 36 schools a move
touches, while 表 4 named 红林镇中心小学 96.9 %, 红林镇第二小学 95.5 %, 洛北县实验小学 and
石店镇魏西坪村小学 short of 骨干 too: a 督学 reading both saw two lists).

The re-check after the plan (``plan.evaluation``, the one 表 4 reads) counts per public unit
and kind (``backbone``: 每百名学生拥有县级以上骨干教师数, ``pe_art``: 体育、艺术专任教师数) the
teachers ``planned`` after every action; the plan's own additions there (``hired``: 引进 /
招聘 and 培养认定, of which ``trained`` the 培养认定, :data:`~.compliance_teacher_figures.HIRES`)
taken off leave ``after`` (after the moves and the 交流轮岗, as 表 5's 调配后). A unit is listed
when ``after < need``, ``need = ⌈threshold × pupils / per⌉``; ``ratio`` is the re-check's value
over the standard after the plan, ``school_passes`` / ``school_floor`` its school rule.

>>> a = pd.DataFrame({"unit_id": ["H:primary", "Q:primary", "P:junior"], "school_id": ["H", "Q", "P"],
...     "stage": ["primary", "primary", "junior"], "students": [625, 413, 500],
...     "indicator": BACKBONE, "current": [6.0, 4.0, 5.0], "per": 100, "threshold": 1.0})
>>> units = pd.DataFrame({"unit_id": ["H:primary", "Q:primary", "P:junior"], "passes": True,
...                       "ownership": "public"})
>>> acts = pd.DataFrame({"school_id": ["Q"], "stage": ["primary"], "item": ["backbone_training"],
...                      "quantity": [1.0]})
>>> [(r["name"], r["need"], r["after"], r["short"], r["trained"], r["ratio"])
...  for r in still_short(a, units, acts, {"H": "鹤河小学", "Q": "红林小学"}, 0.85)]
[('鹤河小学', 7, 6, 1, 0, 0.96), ('红林小学', 5, 3, 2, 1, 0.9685)]

(鹤河: 6 骨干 for 625 pupils, ⌈6.25⌉ = 7 needed, nothing added: 6 / 6.25 = 96 %; 红林: 4 after
the plan of whom 1 认定, 3 before it against ⌈4.13⌉ = 5, 4 / 4.13 = 96.85 %; P: 5 for 500 meets.)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from junheng.model.labels import STAGE_LABELS, schools_stages
from junheng.planning.compliance_teacher_figures import HIRES, KINDS, NEEDS, STAGES, TRAINED

BACKBONE = NEEDS["backbone"]
KIND_WORDS = {"backbone": "县级以上骨干教师", "pe_art": "体育、音乐、美术专任教师"}
#: what the plan adds of a kind (compliance_teacher_figures.HIRES: 引进、培养认定骨干; 招聘体育艺术):
#: the words for those brought in and for those trained (review rv8 14: 「招聘、培养」 said neither)
ADDED = {"backbone": ("引进", "培养认定"), "pe_art": ("招聘", "")}


def _added(actions: pd.DataFrame, kind: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(school_id, stage) -> (all the plan adds of ``kind`` there, of them 培养认定)."""
    if actions is None or actions.empty or "item" not in actions:
        return {}
    out: dict[tuple[str, str], tuple[int, int]] = {}
    rows = actions[actions["item"].isin(HIRES[kind])]
    for (sid, stage), g in rows.groupby([rows["school_id"].astype(str), rows["stage"]]):
        trained = g.loc[g["item"].isin(TRAINED[kind]), "quantity"].sum()
        out[(sid, stage)] = (int(round(float(g["quantity"].sum()))), int(round(float(trained))))
    return out


def still_short(assessment: pd.DataFrame, units: pd.DataFrame, actions: pd.DataFrame,
                names: Mapping[str, str], floor: float | None) -> list[dict[str, Any]]:
    """The rows of the module docstring, by kind, stage, then 学校标识码; 民办 units (the
    举办者's, ``units.ownership``) left out. ``assessment``/``units``: the re-check after the
    plan; ``floor``: its school rule's floor ratio (None: no school rule)."""
    public = units.get("ownership", pd.Series("", index=units.index)) != "private"
    passes = dict(zip(units.loc[public, "unit_id"], units.loc[public, "passes"], strict=True)) \
        if "passes" in units else {}
    out = []
    for kind in KINDS:
        added = _added(actions, kind)
        part = assessment[(assessment["indicator"] == NEEDS[kind]) & assessment["current"].notna()
                          & (assessment["students"] > 0) & assessment["unit_id"].isin(units.loc[public, "unit_id"])]
        for r in part.itertuples():
            key = (str(r.school_id), str(r.stage))
            need = math.ceil(float(r.threshold) * float(r.students) / float(r.per) - 1e-9)
            hired, trained = added.get(key, (0, 0))
            planned = int(round(float(r.current)))
            if planned - hired >= need:
                continue
            said = passes.get(r.unit_id)
            out.append({"school_id": key[0], "name": str(names.get(key[0], key[0])), "stage": key[1],
                        "kind": kind, "need": need, "after": planned - hired, "short": need - planned + hired,
                        "hired": hired, "trained": trained, "planned": planned,
                        "ratio": round(planned * float(r.per) / float(r.students) / float(r.threshold), 4),
                        "school_passes": None if said is None or pd.isna(said) else bool(said),
                        "school_floor": floor})
    return sorted(out, key=lambda x: (KINDS.index(x["kind"]), STAGES.index(x["stage"]), x["school_id"]))


def margins_apart(short: list[dict[str, Any]], margins: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of 表 4 (``standard_margins``) for a kind's indicator whose unit is not in
    ``short`` (:func:`still_short`), each with why: the moves alone bring it to the standard's
    need, only its margin is within the forecast's error (brief hshort: a school in 表 4 for
    骨干 is in the list or the list says why not).

    >>> m = {"school_id": "S", "name": "甲小学", "stage": "primary", "indicator": BACKBONE, "margin": 3}
    >>> margins_apart([{"school_id": "T", "stage": "primary", "kind": "backbone"}], [m])
    [{'school_id': 'S', 'name': '甲小学', 'stage': 'primary', 'kind': 'backbone', 'margin': 3}]
    >>> margins_apart([{"school_id": "S", "stage": "primary", "kind": "backbone"}], [m])
    []
    """
    listed = {(x["school_id"], x["stage"], x["kind"]) for x in short}
    kinds = {ind: kind for kind, ind in NEEDS.items()}
    return [{"school_id": m["school_id"], "name": m["name"], "stage": m["stage"], "kind": kinds[m["indicator"]],
             "margin": m["margin"]} for m in margins
            if m["indicator"] in kinds and (m["school_id"], m["stage"], kinds[m["indicator"]]) not in listed]


def teachers_short(evaluation, actions: pd.DataFrame, names: Mapping[str, str],
                   figures: list[dict[str, Any]], margins: list[dict[str, Any]]) -> dict[str, Any]:
    """``plan.json``'s ``teachers_short``: ``rows`` (:func:`still_short` of the re-check after the
    plan, each with ``in_table``: whether 表 5, ``teacher_figures``, has its school and stage) and
    ``apart`` (:func:`margins_apart` of 表 4, ``standard_margins``); empty without a re-check."""
    if evaluation is None:
        return {"rows": [], "apart": []}
    rule = evaluation.standard.school_rule
    rows = still_short(evaluation.assessment, evaluation.units, actions, names,
                       None if rule is None else float(rule.floor_ratio))
    table = {(x["school_id"], x["stage"]) for x in figures}
    rows = [{**r, "in_table": (r["school_id"], r["stage"]) in table} for r in rows]
    return {"rows": rows, "apart": margins_apart(rows, margins)}


def percent_down(ratio: float) -> str:
    """A share of the standard in whole percent, rounded down (so 84.9% is never 「85%」).

    >>> percent_down(0.9231), percent_down(0.8499), percent_down(0.85)
    ('92%', '84%', '85%')
    """
    return f"{math.floor(ratio * 100 + 1e-6):d}%"


def added_text(hired: int, trained: int | None, kind: str) -> str:
    """What the plan adds of ``kind`` at a school still short after the moves, in the words of
    its actions: 引进 (``hire_backbone``) and 培养认定 (``backbone_training``) apart.

    >>> added_text(4, 4, "backbone"), added_text(3, 1, "backbone"), added_text(0, 0, "backbone")
    ('，本方案培养认定 4 名', '，本方案引进 2 名、培养认定 1 名', '，本方案未安排引进或培养认定')
    >>> added_text(4, 0, "pe_art"), added_text(0, 0, "pe_art")
    ('，本方案招聘 4 名', '，本方案未安排招聘')
    >>> added_text(2, None, "backbone")  # a plan stored before the split
    '，本方案引进或培养认定 2 名'
    """
    brought, grown = ADDED[kind]
    if not hired:
        return f"，本方案未安排{brought}" + (f"或{grown}" if grown else "")
    if trained is None and grown:
        return f"，本方案{brought}或{grown} {hired:,} 名"
    parts = [f"{word} {n:,} 名" for word, n in ((brought, hired - (trained or 0)), (grown, trained)) if n]
    return f"，本方案{'、'.join(parts)}"


def verdict_words(ratio: float | None, passes: bool | None, floor: float | None, hired: bool,
                  trained: bool = False) -> str:
    """What the re-check says of a school still short after the plan (``ratio`` its value over
    the standard, ``passes`` and ``floor`` its school rule: the engine's own verdict, brief
    hteach 2); "" when the plan meets the standard there or the verdict is not known. A pass
    counting teachers the plan has 认定 (``trained``) is said 认定后 (review rv29 2: pending is
    not passed; 表 1 holds such passes apart as 待核实).

    >>> verdict_words(0.9231, True, 0.85, False)
    '，达到标准的 92%，在“其余指标不低于 85%”的范围内，该校达标'
    >>> verdict_words(0.8, False, 0.85, True)[1:]
    '实施后达到标准的 80%，低于 85%，该校未达标'
    >>> verdict_words(0.9231, False, 0.85, False)[1:]
    '达到标准的 92%，在 85% 以上，但该校其他指标未达标，该校未达标'
    >>> verdict_words(1.0, True, 0.85, True)
    ''
    >>> verdict_words(0.8526, True, 0.85, True, True)
    '，实施后达到标准的 85%，在“其余指标不低于 85%”的范围内，认定后该校达标'
    """
    if ratio is None or passes is None or floor is None or ratio >= 1 - 1e-9:
        return ""
    got = f"，{'实施后' if hired else ''}达到标准的 {percent_down(ratio)}"
    bar = percent_down(floor)
    if passes:
        return f"{got}，在“其余指标不低于 {bar}”的范围内，{'认定后' if trained else ''}该校达标"
    if ratio < floor - 1e-9:
        return f"{got}，低于 {bar}，该校未达标"
    return f"{got}，在 {bar} 以上，但该校其他指标未达标，该校未达标"


def short_said(x: dict[str, Any]) -> str:
    """One school of the list in words: how many it lacks after the moves, what the plan adds,
    the re-check's verdict.

    >>> short_said({"name": "红林镇中心小学", "stage": "primary", "kind": "backbone", "short": 2, "hired": 1,
    ...             "trained": 1, "ratio": 0.9685, "school_passes": True, "school_floor": 0.85})
    '红林镇中心小学（小学）少 2 名，本方案培养认定 1 名，实施后达到标准的 96%，在“其余指标不低于 85%”的范围内，认定后该校达标'
    """
    return (f"{x['name']}（{STAGE_LABELS.get(x['stage'], x['stage'])}）少 {x['short']:,} 名"
            + added_text(x["hired"], x["trained"], x["kind"])
            + verdict_words(x["ratio"], x["school_passes"], x["school_floor"], bool(x["hired"]), bool(x["trained"])))


def apart_said(apart: list[dict[str, Any]]) -> str:
    """The 表 4 rows of a kind not in its list (:func:`margins_apart`), why ("" for none).

    >>> x = {"name": "甲小学", "stage": "primary", "kind": "backbone", "margin": 3}
    >>> apart_said([x, {**x, "name": "乙中学", "stage": "junior", "margin": 5}])
    '表 4 另列的甲小学（小学）、乙中学（初中）调配后已达到标准所需，仅余量小于招生预测误差，不在此列'
    """
    if not apart:
        return ""
    names = "、".join(f"{x['name']}（{STAGE_LABELS.get(x['stage'], x['stage'])}）" for x in apart)
    return f"表 4 另列的{names}调配后已达到标准所需，仅余量小于招生预测误差，不在此列"


def short_sentence(short: dict[str, Any], kind: str, table: str | None = "表中") -> str:
    """The schools of ``plan.json``'s ``teachers_short`` lacking ``kind`` after the moves, how many
    of them ``table`` (表 5, None: not printed) shows, what the plan does there and the verdict,
    then the 表 4 rows of the kind not in the list, why ("" when none lacks it: 表 4 alone
    speaks of margins).

    >>> x = {"name": "甲中学", "stage": "junior", "kind": "pe_art", "short": 2, "hired": 2, "trained": 0,
    ...      "ratio": 1.0, "school_passes": True, "school_floor": 0.85, "in_table": False}
    >>> short_sentence({"rows": [x], "apart": []}, "pe_art")
    '调配后体育、音乐、美术专任教师仍少于标准所需的有 1 所学校（表中 0 所，另 1 所调配未涉及）：甲中学（初中）少 2 名，本方案招聘 2 名'
    >>> m = {"name": "乙中学", "stage": "junior", "kind": "pe_art", "margin": 2}
    >>> short_sentence({"rows": [x], "apart": [m]}, "pe_art", None).split("；")[1]
    '表 4 另列的乙中学（初中）调配后已达到标准所需，仅余量小于招生预测误差，不在此列'
    >>> short_sentence({"rows": [], "apart": [m]}, "pe_art")
    ''
    """
    rows = [x for x in short.get("rows") or () if x["kind"] == kind]
    if not rows:
        return ""
    shown = [x for x in rows if x.get("in_table")]
    # what is counted: schools, and their 学段 where a school has two (rv21: 「仍少于标准所需的 11 个」
    # had no noun; rv23 5: 「学校（学段）11 所」 were 10 schools, beside 「9 所学校（10 个学段）」)
    note = (f"{table} {_count(shown)}，另 {_count([x for x in rows if not x.get('in_table')])}调配未涉及"
            if table and len(shown) < len(rows) else "")
    head = f"调配后{KIND_WORDS[kind]}仍少于标准所需的有 {schools_stages(_units(rows), note)}"
    apart = apart_said([x for x in short.get("apart") or () if x["kind"] == kind])
    return f"{head}：{'；'.join(short_said(x) for x in rows)}" + (f"；{apart}" if apart else "")


def _units(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(str(x["name"]), str(x["stage"])) for x in rows]


def _count(rows: list[Mapping[str, Any]]) -> str:
    """「6 所学校 7 个学段」, 「1 所」 where each school is one row.

    >>> _count([{"name": "甲", "stage": "primary"}, {"name": "甲", "stage": "junior"}]), _count([])
    ('1 所学校 2 个学段', '0 所')
    """
    units = set(_units(rows))
    schools = len({name for name, _ in units})
    return f"{schools:,} 所学校 {len(units):,} 个学段" if len(units) > schools else f"{schools:,} 所"


def plan_teachers_short(plan, figures: list[dict[str, Any]], margins: list[dict[str, Any]]) -> dict[str, Any]:
    """:func:`teachers_short` of a :class:`~.compliance.CompliancePlan`: its re-check, actions and
    school names, beside its ``teacher_figures`` (表 5) and ``standard_margins`` (表 4)."""
    schools = plan.problem.start.schools.drop_duplicates("school_id")
    names = {str(k): v for k, v in zip(schools["school_id"], schools["name"], strict=True)}
    return teachers_short(plan.evaluation, plan.actions, names, figures, margins)


__all__ = ["KIND_WORDS", "added_text", "apart_said", "margins_apart", "percent_down", "plan_teachers_short",
           "short_said", "short_sentence", "still_short", "teachers_short", "verdict_words"]
