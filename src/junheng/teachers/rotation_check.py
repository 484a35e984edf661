"""Solver-free check of a 交流轮岗 plan: every numbered constraint of
:mod:`junheng.teachers.rotation` recomputed from the named moves, the objective re-summed,
and the teacher-indicator CVs before and after."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.evaluate.cv import weighted_cv
from junheng.teachers.rotation_data import (
    INDICATOR_LABELS,
    INDICATORS,
    RotationConfig,
    RotationData,
    allowed,
)


@dataclass(frozen=True)
class Flows:
    """In/out sums of a plan: per school, per school and subject, indicator change."""

    moved: int
    backbone: int
    into: np.ndarray       # (S,)
    out: np.ndarray        # (S,)
    into_k: np.ndarray     # (S, K)
    out_k: np.ndarray      # (S, K)
    delta: np.ndarray      # (S, J)


def flows(d: RotationData, moves: Sequence, back: pd.DataFrame | None = None) -> Flows:
    """Sums of the moves (each with ``teacher_id``, ``from_index``, ``to_index``); ``back``:
    the teachers sent back in exchanges (``from_index``, ``to_index``, ``group`` and the
    indicator flags), in the school sums only (not in ``moved``, ``backbone``)."""
    n_s, n_k = len(d.school_ids), len(d.subjects)
    into, out = np.zeros(n_s, int), np.zeros(n_s, int)
    into_k, out_k = np.zeros((n_s, n_k), int), np.zeros((n_s, n_k), int)
    delta = np.zeros((n_s, len(INDICATORS)))
    at = pd.Index(d.eligible["teacher_id"]).get_indexer([mv.teacher_id for mv in moves])
    src = np.array([mv.from_index for mv in moves], int)
    dst = np.array([mv.to_index for mv in moves], int)
    flags = d.eligible[list(INDICATORS)].to_numpy(float)[at]
    np.add.at(into, dst, 1)
    np.add.at(out, src, 1)
    np.add.at(delta, dst, flags)
    np.subtract.at(delta, src, flags)
    backbone = int(d.eligible["backbone"].to_numpy()[at].sum())
    index = {k: i for i, k in enumerate(d.subjects)}
    k = np.array([index.get(g, -1) for g in d.eligible["group"].to_numpy()[at]], int)
    has = k >= 0
    np.add.at(into_k, (dst[has], k[has]), 1)
    np.add.at(out_k, (src[has], k[has]), 1)
    if back is not None and len(back):
        src, dst = back["from_index"].to_numpy(int), back["to_index"].to_numpy(int)
        flags = back[list(INDICATORS)].to_numpy(float)
        np.add.at(into, dst, 1)
        np.add.at(out, src, 1)
        np.add.at(delta, dst, flags)
        np.subtract.at(delta, src, flags)
        k = np.array([index.get(g, -1) for g in back["group"]], int)
        has = k >= 0
        np.add.at(into_k, (dst[has], k[has]), 1)
        np.add.at(out_k, (src[has], k[has]), 1)
    return Flows(len(moves), backbone, into, out, into_k, out_k, delta)


def check_plan(d: RotationData, config: RotationConfig, moves: Sequence,
               back: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """Broken constraints by number (empty lists when the plan is feasible), in Chinese;
    ``back``: the teachers sent back in exchanges (see :func:`flows`), counted in (4) and in
    the indicators of (11)."""
    found: dict[str, list[str]] = {f"({i})": [] for i in (*range(1, 9), 11, 12)}
    found["direction"] = []
    rows = d.eligible.set_index("teacher_id")
    seen: set[str] = set()
    for mv in moves:
        if mv.teacher_id not in rows.index or rows.at[mv.teacher_id, "school"] != mv.from_index:
            found["(1)"].append(f"教师 {mv.teacher_id} 不符合交流条件或不在原学校")
        elif mv.teacher_id in seen:
            found["(1)"].append(f"教师 {mv.teacher_id} 被安排交流不止一次")
        seen.add(mv.teacher_id)
        if mv.to_index == mv.from_index or not allowed(d.area[mv.from_index], d.area[mv.to_index],
                                                       config.direction):
            found["direction"].append(f"教师 {mv.teacher_id} 的交流方向不符合规则")
        elif mv.teacher_id in rows.index and not d.teaches(mv.to_index,
                                                          rows.at[mv.teacher_id, "stage"]):
            found["direction"].append(f"教师 {mv.teacher_id} 的任教学段在交流学校没有")
    if found["(1)"]:
        return found
    f = flows(d, moves)
    sent = (0, 0) if back is None else (len(back), int(back["backbone"].sum()))
    low, high = d.required(config)
    if f.moved < low:
        found["(2)"].append(f"交流 {f.moved} 名，少于应交流的 {low} 名")
    if f.moved > high:
        found["(3)"].append(f"交流 {f.moved} 名，多于上限 {high} 名")
    if f.backbone + sent[1] < config.backbone_share * (f.moved + sent[0]) - 1e-9:
        said = f"（含交换派回的 {sent[0]} 名）" if sent[0] else ""
        found["(4)"].append(f"骨干教师 {f.backbone + sent[1]} 名，不足交流人数{said}的 "
                            f"{config.backbone_share:.0%}")
    out_cap = np.floor(config.max_out_share * d.staff + 1e-9)
    gain_cap = np.maximum(d.shortage_total, np.ceil(config.max_gain_share * d.staff - 1e-9))
    for s, name in enumerate(d.school_names):
        if f.out[s] > out_cap[s]:
            found["(5)"].append(f"{name}交流出 {f.out[s]} 名，超过上限 {int(out_cap[s])} 名")
        if f.into[s] - f.out[s] > gain_cap[s]:
            found["(6)"].append(f"{name}净增 {f.into[s] - f.out[s]} 名，超过上限 {int(gain_cap[s])} 名")
        for k in np.flatnonzero(d.priority):
            if f.out_k[s, k] - f.into_k[s, k] > d.surplus[s, k]:
                found["(7)"].append(f"{name}交流出的 {d.subjects[k]} 教师造成新的缺口")
    _cv_rule_rows(d, config, flows(d, moves, back), moves, found)
    return found


def check_exchanges(d: RotationData, moves: Sequence, exchanges: Sequence[dict]) -> list[str]:
    """(13)–(15) re-derived from the named teachers (Chinese, empty when all hold): each teacher
    sent back (``teacher_id``, ``from_school_id``) is one the 交流轮岗 rules let rotate
    (``d.eligible``: years at the school, age, not rotated in this year, no rotation under way),
    at the receiver's unit, not rotated itself, sent once; and each receiver sends back as many
    as its 编制 asks (:func:`~junheng.planning.compliance_rotation.exchanged`)."""
    from junheng.planning.compliance_rotation import exchanged

    ex = d.exchange
    if ex is None:
        return [f"教师 {e['teacher_id']} 不应交换派回" for e in exchanges]
    rows = d.eligible.set_index("teacher_id")
    moved = {mv.teacher_id for mv in moves}
    found, seen = [], set()
    for e in exchanges:
        t = e["teacher_id"]
        unit = ex.unit_school.get(e["from_school_id"], e["from_school_id"])
        if t not in rows.index or d.school_ids[rows.at[t, "school"]] != e["from_school_id"]:
            found.append(f"交换派回的教师 {t} 不符合交流条件（任教年限、年龄、本学年已交流或交流未结束）")
        elif t in moved or t in seen or unit != ex.unit_school.get(e["for_school_id"],
                                                                   e["for_school_id"]):
            found.append(f"交换派回的教师 {t} 已交流或不在调入学校")
        seen.add(t)
    want: dict[tuple, int] = {}
    for mv in moves:
        src, dst = d.school_ids[mv.from_index], d.school_ids[mv.to_index]
        key = (ex.unit_school.get(src, src), ex.unit_school.get(dst, dst), str(d.class_stage[mv.cls]))
        want[key] = want.get(key, 0) + 1
    need: dict[str, int] = {}
    for row in exchanged(ex.units, [{"school_id": k[0], "to_school_id": k[1], "stage": k[2],
                                     "quantity": n} for k, n in want.items()]):
        need[row["to_school_id"]] = need.get(row["to_school_id"], 0) + row["exchanged"]
    sent: dict[str, int] = {}
    for e in exchanges:
        unit = ex.unit_school.get(e["for_school_id"], e["for_school_id"])
        sent[unit] = sent.get(unit, 0) + 1
    names = dict(zip(d.school_ids, d.school_names, strict=True))
    found += _back_to_senders(d, moves, exchanges, names)
    for unit in sorted(set(need) | set(sent)):
        if need.get(unit, 0) != sent.get(unit, 0):
            found.append(f"{names.get(unit, unit)}已达编制应交换派回 {need.get(unit, 0)} 名，"
                         f"实际派回 {sent.get(unit, 0)} 名（符合交流条件的教师不足）")
    return found


def _back_to_senders(d: RotationData, moves: Sequence, exchanges: Sequence[dict],
                     names: dict[str, str]) -> list[str]:
    """(19) each teacher sent back goes to a school that sent a teacher into his unit, and no
    school gets back more than it sent there (Chinese, empty when all hold)."""
    ex = d.exchange
    came: dict[tuple, int] = {}
    for mv in moves:
        src, dst = d.school_ids[mv.from_index], d.school_ids[mv.to_index]
        key = (ex.unit_school.get(dst, dst), src)
        came[key] = came.get(key, 0) + 1
    back: dict[tuple, int] = {}
    for e in (e for e in exchanges if e.get("to_school_id") is not None):
        key = (ex.unit_school.get(e["from_school_id"], e["from_school_id"]), e["to_school_id"])
        back[key] = back.get(key, 0) + 1
    return [f"{names.get(unit, unit)}交换派回{names.get(src, src)} {n} 名，多于该校交流调入的 "
            f"{came.get((unit, src), 0)} 名" for (unit, src), n in sorted(back.items())
            if n > came.get((unit, src), 0)]


def _cv_rule_rows(d: RotationData, config: RotationConfig, f: Flows, moves: Sequence,
                  found: dict[str, list[str]]) -> None:
    """(11): every school of an indicator in ``hold`` within the band L e_sj of its share or
    no further from it than before; (12): no teacher of a frozen (indicator, stage) moved."""
    total = d.counts.sum(axis=0)
    expected = np.outer(d.students / max(d.students.sum(), 1.0), total)
    for key, band in config.hold:
        j = INDICATORS.index(key)
        now, after = np.abs(d.counts[:, j] - expected[:, j]), np.abs(
            d.counts[:, j] + f.delta[:, j] - expected[:, j])
        for s in np.flatnonzero(after > np.maximum(now, band * expected[:, j]) + 1e-9):
            found["(11)"].append(f"{d.school_names[s]}的{INDICATOR_LABELS[key]}偏离全县水平过远")
    rows = d.eligible.set_index("teacher_id")
    for key, stage in config.freeze:
        for mv in moves:
            if rows.at[mv.teacher_id, key] and rows.at[mv.teacher_id, "stage"] == stage:
                found["(12)"].append(f"教师 {mv.teacher_id} 不应交流（差异系数约束）")


def objective(d: RotationData, config: RotationConfig, moves: Sequence,
              back: pd.DataFrame | None = None) -> float:
    """The MILP objective recomputed from the moves and the teachers sent back (``back``, see
    :func:`flows`: their indicators where they leave and arrive, ``weight_move`` each; the
    subject shortages count the moves only, as (8))."""
    f, g = flows(d, moves), flows(d, moves, back)
    left = np.maximum(0, d.shortage - d.surplus - (f.into_k - f.out_k))
    w = np.where(d.priority, config.weight_priority, config.weight_subject)
    total = d.counts.sum(axis=0)
    expected = np.outer(d.students / max(d.students.sum(), 1.0), total)
    dev = np.abs(d.counts + g.delta - expected).sum(axis=0)
    cv_part = sum(config.weight_cv * dev[j] / total[j] for j in range(len(total)) if total[j] > 0)
    sent = 0 if back is None else len(back)
    return float((left * w).sum() + cv_part + config.weight_move * (f.moved + sent))


def indicator_cvs(d: RotationData, moves: Sequence = (), back: pd.DataFrame | None = None
                  ) -> dict[str, float]:
    """Student-weighted CV across schools of each teacher indicator per 100 students (schools
    without students left out), after the moves (and the exchanges ``back``, see :func:`flows`)."""
    counts = d.counts + flows(d, moves, back).delta
    keep = d.students > 0
    out = {}
    for j, key in enumerate(INDICATORS):
        per100 = counts[keep, j] * 100.0 / d.students[keep]
        cv = weighted_cv(per100, d.students[keep])
        out[key] = round(float(cv), 4) if math.isfinite(cv) else float("nan")
    return out


def shortages(d: RotationData, moves: Sequence = (), back: pd.DataFrame | None = None
              ) -> dict[str, int]:
    """Teachers short after the moves (and the exchanges ``back``, see :func:`flows`): of
    体育/音乐/美术, and of every rule subject."""
    f = flows(d, moves, back)
    left = np.maximum(0, d.shortage - d.surplus - (f.into_k - f.out_k))
    return {"priority": int(left[:, d.priority].sum()), "all": int(left.sum())}
