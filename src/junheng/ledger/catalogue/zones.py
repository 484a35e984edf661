"""动态调整学区: 村居 whose 划片学校 changed since the baseline year (from the 村居 sheet's
划片小学 / 划片初中 columns)."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from junheng.ledger.registry import MeasureContext, Params, Reading, count_of, measure, missing

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
