"""Why a 交流轮岗 plan cannot be made, with the figures (Chinese): the quotas against the eligible
teachers, the direction rule and the caps (:func:`explain_infeasible`), and the receivers' room
and exchange pools (:func:`exchange_shortfall`); :func:`~.rotation.solve_rotation` raises them."""

from __future__ import annotations

import math

import numpy as np

from junheng.teachers.rotation_data import AREA_RANK, RotationConfig, RotationData


def explain_infeasible(d: RotationData, config: RotationConfig) -> str:
    """Why the quotas cannot be met, with the figures (Chinese), or ``""`` when no simple
    reason is found."""
    low, high = d.required(config)
    n = len(d.eligible)
    if n == 0:
        return "没有符合交流条件的教师（任教年限、年龄），无法安排交流轮岗。"
    backbone = int(d.eligible["backbone"].sum())
    need = math.ceil(config.backbone_share * low - 1e-9)
    if backbone < need:
        return (f"符合条件的教师 {n} 名，至少交流 {low} 名，其中骨干教师至少 {need} 名，"
                f"但符合条件的骨干教师只有 {backbone} 名。")
    movable = sum(min(int((d.eligible["school"] == s).sum()),
                      math.floor(config.max_out_share * d.staff[s] + 1e-9))
                  for s in range(len(d.school_ids))
                  if any(AREA_RANK.get(d.area[t], -1) > AREA_RANK.get(d.area[s], 9)
                         or config.direction == "any"
                         for t in range(len(d.school_ids)) if t != s))
    if movable < low:
        return (f"符合条件的教师 {n} 名，至少交流 {low} 名；按交流方向和各校输出上限"
                f"（不超过在职专任教师的 {config.max_out_share:.0%}）最多只能交流 {movable} 名。")
    if high < low:
        return f"交流人数上限 {high} 名低于下限 {low} 名：请调整交流比例。"
    return ""


def exchange_shortfall(d: RotationData, arcs, config: RotationConfig) -> str:
    """Why the quota cannot be met when the receivers cannot take it, in Chinese ("" when they
    can): by (13) and (15) a unit takes at most its room plus the teachers it may send back."""
    ex = d.exchange
    if ex is None or not ex.pool or not len(arcs.cls):
        return ""
    into = ex.index(np.array(d.school_ids, dtype=object)[arcs.dest], d.class_stage[arcs.cls])
    if (into < 0).any():
        return ""
    units = np.unique(into)
    room, pool = int(ex.room[units].sum()), sum(len(ex.pool[u]) for u in units)
    low, _ = d.required(config)
    if room + pool >= low:
        return ""
    return (f"符合条件的教师 {len(d.eligible)} 名，至少交流 {low} 名；可调入的学校已达编制的须交换"
            f"（派回本校符合交流条件的教师），按编制空额 {room} 名和可派回的教师 {pool} 名，"
            f"最多只能调入 {room + pool} 名。")
