"""Measures from the v2 sheets: 县级年度数据 figures, 校长 ranks and 建设项目 places.

* ``county_figure`` — a figure of 县级年度数据 (spending, pay, satisfaction …) of the latest
  calendar year up to the one the school year starts in; with ``every_year`` and ``target: previous`` it checks the
  plans' “只增不减” and “持续提升”.
* ``principal_ranked_share`` — schools whose principal holds a rank of the province's
  校长职级制 (not 未评定), of the public schools with a 校长 row (校长职级制改革).
* ``project_places`` — 新增学位 of the projects completed since the baseline school year.
"""

from __future__ import annotations

import re
from typing import Literal

from junheng.ledger.catalogue.projects import ProjectParams, completed_projects
from junheng.ledger.registry import (
    MeasureContext,
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

    A share is a percentage, with the decimals it takes to differ (review rv20 2):

    >>> _falls(pd.DataFrame({"year": [2023, 2024], "value": [0.9531, 0.9526]}), "比例")
    '；县级年度数据中 2024 年低于上一年（95.31% → 95.26%）'
    """
    years, values = rows["year"].astype(int).tolist(), rows["value"].astype(float).tolist()
    share = unit == numbers.SHARE
    shown = "" if share else f" {unit}"
    pairs = [(y, numbers.trend_texts(a, b, digits=1 if share else 2, share=share))
             for y, prev_y, a, b in zip(years[1:], years, values, values[1:], strict=False)
             if y == prev_y + 1 and b < a]
    falls = [f"{y} 年低于上一年（{said[0]} → {said[1]}{shown}）" for y, said in pairs if said]
    return "；县级年度数据中 " + "，".join(falls) if falls else ""


def columns_note(items, notes, baseline_year: int | None) -> str:
    """The sentence a 县级年度数据 row needs on the page (review rv2 finding 8: the ledger's
    “2024” column held the 2023 spending, which the 自评 prints as 2023 年, and 初中 read 已达成
    beside the 自评's fall of 2022): which year's figure each school-year column holds, and
    a fall before the row's base year said as such; ``items`` and ``notes`` as the ledger
    keeps them (``{2024: ("2023:…",)}``, the per-year notes of :func:`county_figure`).

    >>> columns_note({2024: ("2023:生均",), 2025: ("2024:生均",)},
    ...              ("2025：取 2024 年“生均”（元，县级年度数据）；县级年度数据中 2022 年低于上一年（12,226 → 12,138 元）",), 2024)
    '2024 学年列为 2023 年数据、2025 学年列为 2024 年数据（县级年度数据按年份填报，取不晚于学年开始年份的最近一年；自评报告按数据年份列示）；2022 年低于上一年（12,226 → 12,138 元），早于本行的基准（2024 学年列，即 2023 年数据），不计入本行判断'
    """
    years = {y: int(str(v[0]).split(":")[0]) for y, v in sorted(items.items()) if v}
    if not years:
        return ""
    text = ("、".join(f"{y} 学年列为 {fy} 年数据" for y, fy in years.items())
            + "（县级年度数据按年份填报，取不晚于学年开始年份的最近一年；自评报告按数据年份列示）")
    base = years.get(baseline_year) if baseline_year is not None else None
    falls = next((n.split("县级年度数据中 ", 1)[1] for n in reversed(notes) if "低于上一年" in n), "")
    if falls and base is not None:
        early = all(int(y) < base for y in re.findall(r"(\d{4}) 年低于上一年", falls))
        text += f"；{falls}，" + (f"早于本行的基准（{baseline_year} 学年列，即 {base} 年数据），不计入本行判断"
                                  if early else "在本行判断的年份内")
    return text


class PrincipalParams(Params):
    include_kindergartens: bool = True

    def scope_words(self) -> str:
        """'中小学，不含幼儿园' when kindergartens are left out (中小学校长职级制: review rv22 finding 5).

        >>> PrincipalParams(include_kindergartens=False).scope_words(), PrincipalParams().scope_words()
        ('公办中小学，不含幼儿园', '')
        """
        return "" if self.include_kindergartens else "公办中小学，不含幼儿园"


@measure("principal_ranked_share", "校长已定职级的学校占比", "share", "比例", PrincipalParams)
def principal_ranked_share(ctx: MeasureContext, p: PrincipalParams) -> Reading:
    """校长表中有校长的公办学校（include_kindergartens 为 false 时不含幼儿园）里，校长职级已评定
    （不是“未评定”）的学校所占比例。"""
    heads = ctx.data.principals
    if heads.empty:
        return missing("校长表未填写")
    schools = ctx.data.schools
    if not p.include_kindergartens:
        schools = schools[schools["school_type"] != "kindergarten"]
    public = set(schools.loc[schools["ownership"] == "public", "school_id"])
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
