"""Measures from the v2 sheets: 县级年度数据 figures, 校长 ranks and 建设项目 places.

* ``county_figure`` — a figure of 县级年度数据 (spending, pay, satisfaction …) of the latest
  calendar year up to the one the school year starts in; with ``every_year`` and ``target: previous`` it checks the
  plans' “只增不减” and “持续提升”.
* ``principal_ranked_share`` — schools whose principal holds a rank of the province's
  校长职级制 (not 未评定), of the public schools with a 校长 row (校长职级制改革).
* ``project_places`` — 新增学位 of the projects completed since the baseline school year.
"""

from __future__ import annotations

from typing import Literal

from junheng.ledger.catalogue.projects import ProjectParams, completed_projects
from junheng.ledger.registry import (
    MeasureContext,
    NoParams,
    Params,
    Reading,
    measure,
    missing,
    share_of,
)
from junheng.model import numbers
from junheng.model.county_items import FIGURES, FIGURES_BY_CODE

FigureCode = Literal[tuple(f.code for f in FIGURES)]  # type: ignore[valid-type]


class FigureParams(Params):
    figure: FigureCode

    @property
    def unit(self) -> str:
        """The figure's own unit (万元, 元, 比例): the ledger shows the value in it."""
        return FIGURES_BY_CODE[self.figure].unit


@measure("county_figure", "县级年度数据", "number", "", FigureParams)
def county_figure(ctx: MeasureContext, p: FigureParams) -> Reading:
    """县级年度数据表中 figure 指标不晚于本学年开始年份的最近一年的数值（如一般公共预算教育支出、满意度；
    明细写明所用年份）。"""
    table = ctx.data.county_figures
    label = FIGURES_BY_CODE[p.figure].label
    rows = table[(table["figure"] == p.figure) & (table["year"] <= ctx.data.school_year)
                 & table["value"].notna()]
    if rows.empty:
        return missing(f"县级年度数据缺少 {ctx.data.school_year} 年及以前的“{label}”")
    rows = rows.sort_values("year", kind="stable").drop_duplicates("year", keep="last")
    year = int(rows["year"].iloc[-1])
    return Reading(float(rows["value"].iloc[-1]), None, (f"{year}:{label}",),
                   f"取 {year} 年“{label}”（{p.unit}，县级年度数据）" + _falls(rows, p.unit))


def _falls(rows, unit: str) -> str:
    """The years of the series that fell below the year before, so a “只增不减” row shows a
    fall even before the plan's first year (review finding 13: 初中 12,226 → 12,138 元).

    >>> import pandas as pd
    >>> _falls(pd.DataFrame({"year": [2021, 2022, 2023], "value": [12226.0, 12138.0, 13183.0]}), "元")
    '；县级年度数据中 2022 年低于上一年（12,226 → 12,138 元）'
    """
    years, values = rows["year"].astype(int).tolist(), rows["value"].astype(float).tolist()
    shown = "" if unit == "比例" else f" {unit}"
    falls = [f"{y} 年低于上一年（{numbers.trimmed(a, 2)} → {numbers.trimmed(b, 2)}{shown}）"
             for y, prev_y, a, b in zip(years[1:], years, values, values[1:], strict=False)
             if y == prev_y + 1 and b < a]
    return "；县级年度数据中 " + "，".join(falls) if falls else ""


@measure("principal_ranked_share", "校长已定职级的学校占比", "share", "比例")
def principal_ranked_share(ctx: MeasureContext, p: NoParams) -> Reading:
    """校长表中有校长的公办学校里，校长职级已评定（不是“未评定”）的学校所占比例。"""
    heads = ctx.data.principals
    if heads.empty:
        return missing("校长表未填写")
    public = set(ctx.data.schools.loc[ctx.data.schools["ownership"] == "public", "school_id"])
    heads = heads[heads["school_id"].isin(public)].drop_duplicates("school_id")
    rated = heads["rank"].notna() & (heads["rank"] != "unrated")
    names = ctx.data.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    unrated = [str(names.get(s, s)) for s in heads.loc[~rated, "school_id"]]
    note = "校长职级未评定的学校：" + "、".join(unrated) if unrated else ""
    return share_of(sorted(heads.loc[rated, "school_id"]), len(heads), note)


@measure("project_places", "较基准年竣工项目新增学位数", "count", "个", ProjectParams,
         since_baseline=True)
def project_places(ctx: MeasureContext, p: ProjectParams) -> Reading:
    """建设项目表中基准学年开始后至本学年开始前竣工项目的新增学位之和（明细为“学校标识码:项目名称:学位”）。"""
    if ctx.data.projects.empty:
        return missing("建设项目表未填写，无法核算新增学位")
    done = completed_projects(ctx, p)
    done = done[done["added_places"].fillna(0) > 0]
    items = tuple(f"{s}:{n}:{int(k)}" for s, n, k in
                  zip(done["school_id"], done["name"], done["added_places"], strict=True))
    return Reading(float(done["added_places"].sum()), None, items)
