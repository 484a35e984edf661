"""The layout plan's 过渡期 as the reports show it: the 过渡期 sheet's rows and the report's
paragraph, per school year the overflows, the temporary rooms (临时周转) and the builds
(:mod:`junheng.planning.layout_years`).

>>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
>>> plan = LayoutOutcome("optimal", (
...     PlannedSchool("A", "东关小学", "expand", phase=2, added_classrooms=3,
...                   capital_yuan=1_260_000, temporary_classrooms=1, temporary_yuan=420_000),),
...     {}, year=2025, target_year=2027, transition=(
...     YearRooms(2027, "A", "primary", 500, 2, 2, 0, 2),
...     YearRooms(2028, "A", "primary", 540, 3, 2, 1, 0)))
>>> transition_text(plan)
'过渡期（按各村适龄儿童逐年推算；学位缺口为扩建、新建学校的学生超出其原有学位所需的教室，逐校相加，至多为方案新增的间数）：2027 学年，学位缺口 2 间教室，新建教室 2 间，建设投资 840,000 元；2028 学年，学位缺口 3 间教室，临时周转 1 间（东关小学 1 间）。以临时周转解决的 1 间教室不建设，不计入分年投资（共 420,000 元）。'
>>> phase_label(2025, 2), phase_label(None, 2), phase_label(2025, None)
('2027 学年', '第 2 期', '—')
"""

from __future__ import annotations

from collections import defaultdict

from junheng.model.numbers import money
from junheng.planning.layout_outcome import LayoutOutcome

STAGE_WORD = {"primary": "小学", "junior": "初中"}
HEADS = ["学年", "学校名称", "学段", "学生数", "学位缺口（间）", "已建成新增教室（间）", "当年建设（间）",
         "临时周转（间）", "当年建设投资（万元）"]


def phase_label(data_year: int | None, phase: int | None) -> str:
    """A phase as the school year it falls in (phase t: the data year + t)."""
    if phase is None:
        return "—"
    return f"第 {phase} 期" if data_year is None else f"{data_year + phase} 学年"


def capital_by_year(plan: LayoutOutcome) -> dict[int, float]:
    """The plan's construction (元) by school year: each school's capital and areas in the
    year of its phase, less its rooms met by 临时周转."""
    out: dict[int, float] = defaultdict(float)
    for s in plan.schools:
        if s.action != "close" and (s.capital_yuan or s.area_yuan) and plan.year:
            out[plan.year + (s.phase or 1)] += s.capital_yuan + s.area_yuan - s.temporary_yuan
    return dict(sorted(out.items()))


def _wan(yuan: float) -> float:
    return round(yuan / 10_000, 2)


def transition_rows(plan: LayoutOutcome) -> list[list]:
    """The 过渡期 sheet: per school year its schools' rows, then the year's 合计 row."""
    names = plan.names
    capital = capital_by_year(plan)
    by_year = defaultdict(list)
    for r in plan.transition:
        by_year[r.year].append(r)
    rows: list[list] = []
    for year in sorted(set(by_year) | set(capital)):
        year_rows = by_year.get(year, [])
        for r in year_rows:
            rows.append([f"{year} 学年", names.get(r.school_id, r.school_id),
                         STAGE_WORD.get(r.stage, r.stage), r.pupils, r.overflow, r.built,
                         r.new_rooms, r.temporary, ""])
        rows.append([f"{year} 学年", "合计", "", "", sum(r.overflow for r in year_rows),
                     sum(r.built for r in year_rows), sum(r.new_rooms for r in year_rows),
                     sum(r.temporary for r in year_rows), _wan(capital.get(year, 0.0))])
    return rows


def transition_text(plan: LayoutOutcome) -> str:
    """The report's paragraph: per school year the overflow, the rooms built and their
    capital, and the temporary rooms by school; "" for a plan without a 过渡期."""
    if not plan.transition:
        return ""
    names = plan.names
    capital = capital_by_year(plan)
    by_year = defaultdict(list)
    for r in plan.transition:
        by_year[r.year].append(r)
    parts = []
    for year in sorted(set(by_year) | set(capital)):
        rs = by_year.get(year, [])
        bits = [f"{year} 学年"]
        if sum(r.overflow for r in rs):
            bits.append(f"学位缺口 {sum(r.overflow for r in rs)} 间教室")
        if sum(r.new_rooms for r in rs):
            bits.append(f"新建教室 {sum(r.new_rooms for r in rs)} 间")
        if capital.get(year):
            bits.append(f"建设投资 {money(capital[year], max(capital.values()))}")
        temp = [r for r in rs if r.temporary]
        if temp:
            both = {r.school_id for r in temp if sum(t.school_id == r.school_id for t in temp) > 1}
            bits.append(f"临时周转 {sum(r.temporary for r in temp)} 间（" + "、".join(
                f"{names.get(r.school_id, r.school_id)}"
                f"{STAGE_WORD.get(r.stage, r.stage) + '部' if r.school_id in both else ''} "
                f"{r.temporary} 间" for r in temp) + "）")
        if len(bits) > 1:
            parts.append("，".join(bits))
    text = "过渡期（按各村适龄儿童逐年推算；学位缺口为扩建、新建学校的学生超出其原有学位所需的教室，逐校相加，至多为方案新增的间数）：" + "；".join(parts) + "。"
    rooms = sum(s.temporary_classrooms for s in plan.schools)
    if rooms:
        text += (f"以临时周转解决的 {rooms} 间教室不建设，不计入分年投资"
                 f"（共 {money(sum(s.temporary_yuan for s in plan.schools))}）。")
    return text
