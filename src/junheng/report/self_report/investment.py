"""教育投入 in 一、基本情况: the county's yearly spending figures (县级年度数据), the schools' 公用
经费 and 培训经费 (经费 sheet) and the building projects (建设项目) by status, each with its total."""

from __future__ import annotations

import pandas as pd

from junheng.model import CountyData
from junheng.model.county_items import FIGURES_BY_CODE
from junheng.report.word_document import Column, WordReport

SPENDING = ("total_education_spending", "public_education_spending",
            "primary_public_spending_per_pupil", "junior_public_spending_per_pupil")
PROJECT_STATUS = {"planned": "规划中", "under_construction": "在建", "completed": "已完工"}


def _table(data: CountyData, name: str) -> pd.DataFrame:
    frame = data.tables.get(name)
    return frame if isinstance(frame, pd.DataFrame) else pd.DataFrame()


def write_investment(r: WordReport, data: CountyData | None) -> None:
    """The paragraph and tables; nothing when the workbook holds no spending data."""
    if data is None:
        return
    figures = _table(data, "county_figures")
    funding = _table(data, "funding")
    projects = _table(data, "projects")
    if figures.empty and funding.empty and projects.empty:
        return
    r.heading("（一）教育投入", 2)
    if not figures.empty:
        _figures(r, figures)
    if not funding.empty:
        public = float(funding["public_funding"].fillna(0).sum())
        training = float(funding["training_funding"].fillna(0).sum())
        r.para(f"本学年各校公用经费拨款合计 {public / 1e4:,.2f} 万元，教师培训经费合计 {training / 1e4:,.2f} 万元"
               f"（占公用经费的 {training / public:.1%}）。" if public else
               f"本学年各校教师培训经费合计 {training / 1e4:,.2f} 万元。")
    if not projects.empty:
        _projects(r, projects)


def _figures(r: WordReport, figures: pd.DataFrame) -> None:
    chosen = figures[figures["figure"].isin(SPENDING)]
    if chosen.empty:
        return
    years = sorted(int(y) for y in chosen["year"].unique())
    table = chosen.pivot_table(index="figure", columns="year", values="value", aggfunc="last")
    columns = [Column("项目", 2.6), *[Column(f"{y} 年", 1.0, "right") for y in years]]
    rows = []
    for code in SPENDING:
        if code not in table.index:
            continue
        item = FIGURES_BY_CODE[code]
        values = [table.loc[code].get(y) for y in years]
        rows.append([f"{item.label}（{item.unit}）",
                     *["—" if v is None or v != v else f"{v:,.0f}" for v in values]])
    r.table("教育经费投入", columns, rows)


def _projects(r: WordReport, projects: pd.DataFrame) -> None:
    grouped = projects.assign(investment=projects["investment"].fillna(0)).groupby(
        "status", sort=False).agg(count=("name", "size"), investment=("investment", "sum"))
    columns = [Column("项目状态", 1.4), Column("项目数（个）", 1.0, "right"),
               Column("投资（万元）", 1.2, "right")]
    rows = [[PROJECT_STATUS.get(status, "其他"), f"{int(g['count']):,}", f"{g['investment']:,.0f}"]
            for status, g in grouped.iterrows()]
    rows.append(["合计", f"{int(grouped['count'].sum()):,}", f"{grouped['investment'].sum():,.0f}"])
    r.table("学校建设项目", columns, rows)
