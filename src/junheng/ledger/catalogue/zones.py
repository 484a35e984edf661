"""动态调整学区: 村居 whose 划片学校 changed since the baseline year (from the 村居 sheet's
划片小学 / 划片初中 columns), and whether a school year adopted a 就近划片 plan that rezones
村居 (``zone_plan_adjusted``: one adjustment counted per school year, so an every-year
target shows the years with and without one; the plans in force reach it through
:func:`junheng.ledger.catalogue.enrolment.with_zone_plans`)."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from junheng.ledger.registry import MeasureContext, Params, Reading, count_of, measure, missing
from junheng.model.places import own_name

COLUMNS = {"primary": "zone_primary", "junior": "zone_junior"}


class ZoneParams(Params):
    stage: Literal["primary", "junior", "all"] = "all"


def _zones(villages: pd.DataFrame, column: str) -> pd.Series:
    if column not in villages:
        return pd.Series(dtype=object)
    rows = villages[villages[column].notna()]
    return pd.Series(rows[column].astype(str).to_numpy(), index=rows["village_code"].astype(str))


@measure("zones_adjusted", "较基准年调整划片的村居数", "count", "个", ZoneParams,
         since_baseline=True)
def zones_adjusted(ctx: MeasureContext, p: ZoneParams) -> Reading:
    """基准年和本年都填写了划片学校、且划片学校不同的村居个数（学段 stage：primary 划片小学、junior
    划片初中、all 任一学段）；明细“村居代码:学段:原划片学校→现划片学校”，每个村居计一次。"""
    stages = ("primary", "junior") if p.stage == "all" else (p.stage,)
    rows, changed = [], set()
    for stage in stages:
        before = _zones(ctx.baseline.villages, COLUMNS[stage])
        now = _zones(ctx.data.villages, COLUMNS[stage])
        both = before.index.intersection(now.index)
        for code in both[(before[both] != now[both]).to_numpy()]:
            rows.append(f"{code}:{'小学' if stage == 'primary' else '初中'}:{before[code]}→{now[code]}")
            changed.add(code)
    if not rows and all(_zones(ctx.data.villages, COLUMNS[s]).empty for s in stages):
        return missing("村居表未填写划片学校")
    reading = count_of(rows)
    return Reading(float(len(changed)), None, reading.items)


STAGE_LABELS = {"primary": "小学", "junior": "初中"}


class AdjustedParams(Params):
    stage: Literal["primary", "junior", "all"] = "all"


@measure("zone_plan_adjusted", "本学年调整了学区（设定了改划村居的生效划片方案）", "bool", "是/否",
         AdjustedParams)
def zone_plan_adjusted(ctx: MeasureContext, p: AdjustedParams) -> Reading:
    """本学年该学段（all：小学或初中任一）设定的生效就近划片方案改划了村居：与此前最近一个学年的生效
    方案相比（此前没有生效方案时，与本学年村居表的划片学校相比）至少一个村居的划片学校不同，计为本学年
    调整了学区；没有生效方案或方案与前一方案相同计为未调整。说明列出各学段改划的村居和此前调整过学区的
    学年。"""
    from junheng.ledger.catalogue.enrolment import ZONE_HISTORY_KEY, ZONE_PLANS_KEY

    plans = ctx.data.info.get(ZONE_PLANS_KEY) or {}
    history = ctx.data.info.get(ZONE_HISTORY_KEY) or {}
    stages = ("primary", "junior") if p.stage == "all" else (p.stage,)
    items, lines, adjusted = [], [], False
    for stage in stages:
        earlier = history.get(stage, ())
        line, changed = _adjustment(plans.get(stage), earlier[-1] if earlier else None)
        lines.append(f"{STAGE_LABELS[stage]}：{line}")
        adjusted |= bool(changed)
        items += [f"{STAGE_LABELS[stage]}:{v}" for v in changed]
    years = sorted({y for s in stages for y, _ in _adjusted_years(history.get(s, ()))})
    lines.append("此前调整过学区的学年：" + ("、".join(str(y) for y in years) if years else "无"))
    return Reading(1.0 if adjusted else 0.0, None, tuple(items), "；".join(lines))


def _adjustment(plan, before) -> tuple[str, tuple[str, ...]]:
    """(the sentence, the 村居 rezoned) of one stage's plan in force against the plan in
    force before it (``(year, figures)`` or None: against the workbook's zones)."""
    if plan is None:
        return "本学年无生效的就近划片方案，未调整", ()
    if before is None:
        changed = tuple(plan.moved)
        against = "本学年村居表的划片学校"
    else:
        year, previous = before
        changed = _rezoned(previous, plan)
        against = f"{year} 学年生效方案（第 {previous.plan_id} 号）"
    head = f"生效方案第 {plan.plan_id} 号较{against}"
    if not changed:
        return head + "没有改划村居，未调整", ()
    shown = "、".join(changed[:5]) + (f"等 {len(changed)} 个" if len(changed) > 5 else "")
    return f"{head}改划 {len(changed)} 个村居（{shown}）", changed


def _rezoned(before, after) -> tuple[str, ...]:
    """The 村居 of both plans zoned to another school (a school's name compared without the
    “（含教学点 n 个）” the zoning adds, which changes when a point closes)."""
    old = {v: own_name(s) for v, s in before.zones}
    return tuple(v for v, s in after.zones if v in old and old[v] != own_name(s))


def _adjusted_years(history) -> list[tuple[int, object]]:
    """The years of ``history`` ((year, figures) oldest first) whose plan rezoned 村居."""
    out = []
    for n, (year, plan) in enumerate(history):
        if _adjustment(plan, history[n - 1] if n else None)[1]:
            out.append((year, plan))
    return out
