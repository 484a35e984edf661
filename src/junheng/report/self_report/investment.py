"""教育投入 in 一、基本情况: the county's yearly spending figures (县级年度数据), the schools' 公用
经费 and 培训经费 (经费 sheet) and the building projects (建设项目) by status, each with its total."""

from __future__ import annotations

from datetime import date

import pandas as pd

from junheng.model import CountyData
from junheng.model.county_items import FIGURES_BY_CODE
from junheng.model.labels import REPORTED_FUNDING, funding_bases_differ, quota_funding
from junheng.planning.project_entry import OVERDUE_RULE, ProjectEntry
from junheng.planning.projects import county_at
from junheng.report.report_format import shown_total
from junheng.report.word_document import Column, WordReport

SPENDING = ("total_education_spending", "public_education_spending",
            "primary_public_spending_per_pupil", "junior_public_spending_per_pupil",
            "primary_public_funding_per_pupil", "junior_public_funding_per_pupil")
#: what a series must do year on year, by the text that requires it (planner review
#: 2026-12-05 finding 2: 初中 12,226 → 12,138 元 in 2022 stood in 表 4 without a word)
_PER_PUPIL = "“按在校学生人数平均的一般公共预算教育支出逐年只增不减”要求（国办发〔2018〕82号）"
NO_FALL = {"public_education_spending": "“一般公共预算教育支出逐年只增不减”要求（国办发〔2018〕82号）",
           "primary_public_spending_per_pupil": _PER_PUPIL, "junior_public_spending_per_pupil": _PER_PUPIL,
           "primary_public_funding_per_pupil": "“学生人均公用经费逐步增长”要求（《中华人民共和国教育法》第五十五条）",
           "junior_public_funding_per_pupil": "“学生人均公用经费逐步增长”要求（《中华人民共和国教育法》第五十五条）"}
PROJECT_STATUS = {"planned": "规划中", "under_construction": "在建", "completed": "已完工"}


def _table(data: CountyData, name: str) -> pd.DataFrame:
    frame = data.tables.get(name)
    return frame if isinstance(frame, pd.DataFrame) else pd.DataFrame()


def write_investment(r: WordReport, data: CountyData | None, layout_plan=None,
                     today: date | None = None) -> None:
    """The paragraph and tables; nothing when the workbook holds no spending data. With the
    layout plan, the 公用经费 paragraph says why the plan's figure differs (:func:`funding_text`);
    with ``today``, the projects table flags those past their 竣工日期 (:func:`overdue_projects`)."""
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
        r.para(funding_text(funding, layout_plan))
    if not projects.empty:
        late = overdue_projects(data, today)
        _projects(r, projects, late)
        if late:
            r.note(overdue_note(late, today, set(data.schools["school_id"].astype(str))))


def funding_text(funding: pd.DataFrame, layout_plan=None) -> str:
    """The schools' 公用经费 and 培训经费 in one paragraph, each total named by its basis; beside
    a layout plan, its 公用经费 of the data year (表 2's 当前, ``metrics["now"]``) and why the two
    differ (review A10), its figure named by where its per-pupil price came from
    (:func:`~junheng.model.labels.quota_funding`).

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> funding = pd.DataFrame({"public_funding": [900_000.0, 300_000.0],
    ...                         "training_funding": [45_000.0, None]})
    >>> print(funding_text(funding))
    本学年学校填报的公用经费拨款合计 120.00 万元，教师培训经费合计 4.50 万元（占学校填报的公用经费拨款的 3.8%）。
    >>> plan = LayoutOutcome("optimal", (), {"now": {"operating_pupil_yuan": 800_000.0}}, year=2025)
    >>> funding_text(funding, plan).split("。")[1]
    '布局调整方案中 2025 学年的按生均公用经费基准定额测算的公用经费为 80.00 万元，与学校填报的公用经费拨款不同：学校填报的公用经费拨款是经费表所列各校（可含幼儿园、高中、特殊教育学校和民办学校）实际拨款之和，含不足 100 人的农村学校和教学点按 100 人核定的保底部分，各校拨款也可高于或低于基准定额；按生均公用经费基准定额测算的公用经费只计公办义务教育学校的小学、初中学生数 × 小学、初中基准定额，保底部分另列为“公用经费保底”'
    """
    public = float(funding["public_funding"].fillna(0).sum())
    training = float(funding["training_funding"].fillna(0).sum())
    text = (f"本学年{REPORTED_FUNDING}合计 {public / 1e4:,.2f} 万元，教师培训经费合计 {training / 1e4:,.2f} 万元"
            f"（占{REPORTED_FUNDING}的 {training / public:.1%}）。" if public else
            f"本学年各校教师培训经费合计 {training / 1e4:,.2f} 万元。")
    quota = ((getattr(layout_plan, "metrics", None) or {}).get("now") or {}).get(
        "operating_pupil_yuan")
    if not public or quota is None:
        return text
    year = f" {layout_plan.year} 学年的" if layout_plan.year else "当前的"
    weights = getattr(layout_plan, "weights", None)  # its own per-pupil price, if it set one
    return (text + f"布局调整方案中{year}{quota_funding(weights)}为 {quota / 1e4:,.2f} 万元，与{REPORTED_FUNDING}"
            f"不同：{funding_bases_differ(weights)}。")


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
    if trend := funding_trend(chosen):
        r.para(trend)


def _series(figures: pd.DataFrame, code: str) -> list[tuple[int, float]]:
    """One figure's (year, value) pairs, oldest first, the last row of a year kept."""
    rows = figures[(figures["figure"] == code) & figures["value"].notna()]
    rows = rows.assign(year=rows["year"].astype(int)).sort_values("year", kind="stable")
    return list(rows.drop_duplicates("year", keep="last")[["year", "value"]]
                .itertuples(index=False, name=None))


def funding_falls(figures: pd.DataFrame) -> list[str]:
    """One finding per year a series of :data:`NO_FALL` is below the year before (years
    next to each other only), oldest first within each series.

    >>> figures = pd.DataFrame({"year": [2021, 2022, 2023, 2021, 2022],
    ...     "figure": ["junior_public_spending_per_pupil"] * 3 + ["public_education_spending"] * 2,
    ...     "value": [12226.0, 12138.0, 13183.0, 62878.0, 65267.0]})
    >>> funding_falls(figures)  # 12,226 − 12,138 = 88; 88 / 12,226 = 0.72%
    ['2022 年生均一般公共预算教育经费（初中）比上年减少 88 元（0.7%），不符合“按在校学生人数平均的一般公共预算教育支出逐年只增不减”要求（国办发〔2018〕82号）']
    """
    out = []
    for code, rule in NO_FALL.items():
        item = FIGURES_BY_CODE[code]
        pairs = _series(figures, code)
        out += [f"{y} 年{item.label}比上年减少 {a - b:,.0f} {item.unit}（{(a - b) / a:.1%}），不符合{rule}"
                for (prev, a), (y, b) in zip(pairs, pairs[1:], strict=False) if y == prev + 1 and b < a]
    return out


def funding_trend(figures: pd.DataFrame) -> str:
    """The sentence under 表 4: each fall (:func:`funding_falls`) as a finding, or that none fell.

    >>> figures = pd.DataFrame({"year": [2023, 2024], "figure": ["public_education_spending"] * 2,
    ...                         "value": [67816.0, 71607.0]})
    >>> funding_trend(figures)
    '2023—2024 年一般公共预算教育支出和生均经费逐年未减少。'
    """
    if falls := funding_falls(figures):
        return "经费投入未做到只增不减：" + "；".join(falls) + "。"
    years = sorted(int(y) for y in figures.loc[figures["figure"].isin(NO_FALL), "year"].unique())
    span = f"{years[0]}—{years[-1]} 年" if len(years) > 1 else ""
    return f"{span}一般公共预算教育支出和生均经费逐年未减少。" if span else ""


def overdue_projects(data: CountyData, today: date | None) -> tuple[ProjectEntry, ...]:
    """The 在建 or 规划 projects still unfinished on ``today`` though their 竣工日期 has passed
    (:meth:`~junheng.planning.project_entry.ProjectEntry.overdue`); () without ``today``."""
    if today is None or data.projects.empty:
        return ()
    return county_at(data, today.year + 1, today=today).overdue


def _projects(r: WordReport, projects: pd.DataFrame, overdue: tuple[ProjectEntry, ...] = ()) -> None:
    grouped = projects.assign(investment=projects["investment"].fillna(0)).groupby(
        "status", sort=False).agg(count=("name", "size"), investment=("investment", "sum"))
    late = pd.Series([e.status for e in overdue], dtype=object).value_counts()
    columns = [Column("项目状态", 1.4), Column("项目数（个）", 1.0, "right"),
               Column("其中逾期未竣工（个）", 1.4, "right"), Column("投资（万元）", 1.2, "right")]
    rows = [[PROJECT_STATUS.get(status, "其他"), f"{int(g['count']):,}", _late_count(status, late),
             f"{g['investment']:,.0f}"] for status, g in grouped.iterrows()]
    rows.append(["合计", f"{int(grouped['count'].sum()):,}", f"{len(overdue):,}",
                 f"{shown_total(grouped['investment']):,.0f}"])
    r.table("学校建设项目", columns, rows,
            flagged=[[False, False, row[2] not in ("0", FINISHED_LATE), False] for row in rows])


#: the 逾期 cell of a finished project's row: a finished project cannot be overdue (review
#: 2026-12-05 finding 5: 已完工 showed 0 逾期)
FINISHED_LATE = "—"


def _late_count(status: str, late: pd.Series) -> str:
    """The 其中逾期未竣工 cell of a status row: 「—」 for 已完工, else its overdue count.

    >>> late = pd.Series({"under_construction": 4})
    >>> _late_count("completed", late), _late_count("under_construction", late), _late_count("planned", late)
    ('—', '4', '0')
    """
    return FINISHED_LATE if status == "completed" else f"{int(late.get(status, 0)):,}"


def overdue_note(overdue: tuple[ProjectEntry, ...], today: date, listed: set[str]) -> str:
    """Each overdue project with what it adds, then the classroom figures that count the rooms
    it adds at a ``listed`` school (a new school's rooms serve no forecast pupils) from the
    school year it is counted in use (:meth:`~ProjectEntry.in_use_from`)."""
    lines = "；".join(f"{e.name}（{e.school}，{e.late(today)}"
                     f"{f'，新增普通教室 {e.rooms} 间' if e.rooms else ''}）" for e in overdue)
    text = f"逾期未竣工的项目 {len(overdue)} 个：{lines}。{OVERDUE_RULE}。"
    counted = "、".join(f"{e.school} {e.rooms} 间（{e.in_use_from(today)} 学年起）" for e in overdue
                        if e.rooms and e.school_id in listed)
    if not counted:
        return text
    return (f"{text}入学预测各学年的普通教室数（含主要数据和县城教室表）已计入其中新增的普通教室：{counted}，"
            "须待项目竣工后方能使用。")
