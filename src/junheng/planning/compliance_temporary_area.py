"""A short peak of 教学及辅助用房: the rooms' rule names it; it is leased or built (compliance_lease).

The 达标路径 adds 教学及辅助用房 where a school's target-year pupils need it (生均教学及辅助用房
and its CV). A bureau does not build permanent floor area for a peak gone within the layout's
临时周转 years (planner review: the 整改 built 539 m² at two schools for the same short peak
the layout met with borrowed rooms). Each pupil fewer than in the target year needs the
stage's standard area less (τ_s: 4.5 m² a primary pupil, 5.8 a junior one), so of the ``q``
m² the plan adds at a school (compulsory-stage terms), school year ``y`` still needs::

    need(y) = min(q, ⌈max(0, q − Σ_s τ_s (P_s,T − P_s,y))⌉)          y = T, …, T + 3

(P_s,y: the school's pupils of stage s in year y, its teaching points' with it; the years
before the target year are not looked at: the standard is the target year's).
:func:`~junheng.planning.layout_years.temporary_amount`, the rule that decides the rooms of
both plans, with the same threshold, decides how much of ``q`` a short peak alone needs
(the part the rooms' rule would meet by 临时周转). Unlike a room, 临时周转 space does not make
that part (review rv9 1: 「不计入校舍面积」); 校舍 leased for the school's independent use does,
and it is taken where cheaper than building (review rv11 1, :mod:`.compliance_lease`). The
builds that remain are named (:func:`short_area_note`) with the years 临时周转 instead of the
building would leave them short (:func:`short_years`).

>>> demand = pd.DataFrame({2030: [4332.6, 8000.0], 2031: [4060.0, 8000.0],
...                        2032: [3619.2, 8000.0], 2033: [3224.8, 8000.0]}, index=["D", "E"])
>>> split = split_area(pd.Series({"D": 419.0, "E": 120.0}), demand, 2030, 3)
>>> split.loc["D", ["rented", "built", "area_years"]].tolist(), float(split.loc["E", "rented"])
([419.0, 0.0, 566.0], 0.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from junheng.model.codes import GRADE_STAGE
from junheng.planning.layout_later import LATER
from junheng.planning.layout_years import run_start, temporary_amount, year_runs

ITEM = "temporary_area"
COLUMNS = ("school_id", "added", "rented", "built", "area_years", "share", "needs", "pupils", "joined")


def area_needs(added: float, demand: Mapping[int, float], target_year: int) -> dict[int, float]:
    """Per year from ``target_year`` on, the m² of ``added`` that year's pupils still need:
    ``demand`` is the standard's area for each year's pupils (Σ τ_s P_s,y).

    >>> area_needs(120.0, {2029: 12000.0, 2030: 11518.8, 2031: 10799.6}, 2030)
    {2030: 120.0, 2031: 0.0}
    """
    top = float(demand.get(target_year, 0.0))
    return {int(y): float(min(added, math.ceil(max(added - (top - float(d)), 0.0) - 1e-9)))
            for y, d in sorted(demand.items()) if int(y) >= target_year}


def split_area(added: pd.Series, demand: pd.DataFrame, target_year: int, peak_years: int,
               share: pd.Series | None = None,
               joined: Mapping[str, Iterable[int]] | None = None) -> pd.DataFrame:
    """Per school of ``added`` (m² the plan adds, compulsory-stage terms), :data:`COLUMNS`:
    the m² met by 临时周转 (``rented``, at most in one year: the target year's), ``built``,
    the m²·学年 rented (``area_years``), the school's compulsory share (``share``, 1 when not
    given) and the yearly ``needs`` (:func:`area_needs` of ``demand``, school × year).
    ``joined``: per school, the years before the target year its rooms are met by 临时周转 (either
    plan), from the run start (:func:`~.layout_years.run_start`): a year of them joins the rented years' runs, one rule for rooms and area (brief hp 3:
    第四中学 borrowed rooms 2027–2029 and rented area 2030–2031, five years in a row), unless the
    rooms' own years already run longer than the rule up to the target year (实验中学 2027–2030:
    building the area would not shorten that run, :func:`_joined_years`)."""
    rows = []
    for school, q in added.items():
        years = demand.loc[school].to_dict() if school in demand.index else {}
        needs = area_needs(float(q), years, target_year)
        rule = {**{y: float(q) for y in _joined_years((joined or {}).get(school, ()), target_year, peak_years)},
                **needs}
        rented = round(temporary_amount(rule, float(q), peak_years), 2)
        built = round(float(q) - rented, 2)
        alone = round(temporary_amount(needs, float(q), peak_years), 2)  # built for the joint rule
        rows.append({"school_id": school, "added": float(q), "rented": rented, "built": built,
                     "area_years": round(sum(max(k - built, 0.0) for k in needs.values()), 2),
                     "share": 1.0 if share is None else float(share.get(school, 1.0)),
                     "needs": needs, "pupils": {}, "joined": round(alone - rented, 2)})
    return pd.DataFrame(rows, columns=list(COLUMNS)).set_index("school_id")


def _joined_years(years: Iterable[int], target_year: int, peak_years: int) -> list[int]:
    """The years before ``target_year`` of a school's rooms met by 临时周转 that join its rented
    area's runs: none where the rooms' own years run longer than ``peak_years`` into the
    target year or the year before it (the breach is theirs, renting adds none to it).

    >>> _joined_years({2027, 2028, 2029}, 2030, 3), _joined_years({2027, 2028, 2029, 2030}, 2030, 3)
    ([2027, 2028, 2029], [])
    """
    years = sorted({int(y) for y in years})
    if any(len(run) > peak_years and run[-1] >= target_year - 1 for run in year_runs(years)):
        return []
    return [y for y in years if y < target_year]


def area_demand(data, yearly: pd.DataFrame, assignment: pd.DataFrame, schools, years,
                standard) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per unit school of ``schools`` (index) and year of ``years`` (columns): the standard's
    教学及辅助用房 for its pupils of grades 1–9 (its teaching points' with it: ``assignment``,
    the engine's units) and those pupils."""
    unit = assignment.dropna(subset=["unit_school_id"]).set_index("school_id")["unit_school_id"]
    tau = {s: float(standard.indicator("teaching_area_per_student").threshold_for(s))
           for s in ("primary", "junior")}
    part = yearly[yearly["year"].isin(years)].assign(
        unit=lambda f: f["school_id"].map(unit), stage=lambda f: f["grade"].map(GRADE_STAGE))
    part = part[part["stage"].isin(tau) & part["unit"].isin(set(schools))]
    part = part.assign(area=part["students"] * part["stage"].map(tau))
    index = pd.Index(list(schools), name="school_id")

    def table(column: str) -> pd.DataFrame:
        wide = part.pivot_table(index="unit", columns="year", values=column, aggfunc="sum")
        return wide.reindex(index=index, columns=list(years)).fillna(0.0)

    return table("area"), table("students").round().astype(int)


def rented_split(problem, actions: pd.DataFrame, yearly: pd.DataFrame | None) -> pd.DataFrame:
    """:func:`split_area` of the plan's ``teaching_area`` actions at the schools where some of it
    is met by 临时周转 (empty: none, or no pupils after the target year in ``yearly``), with
    each year's pupils."""
    from junheng.evaluate.units import build_units

    added = actions[actions["item"] == "teaching_area"].groupby("school_id")["quantity"].sum()
    if yearly is None or "year" not in yearly or added.empty or problem.peak_years <= 0:
        return pd.DataFrame(columns=list(COLUMNS)).set_index("school_id")
    years = list(range(problem.target_year, problem.target_year + LATER + 1))
    assignment = build_units(problem.start, problem.rules).assignment
    demand, pupils = area_demand(problem.start, yearly, assignment, list(added.index), years,
                                 problem.standard)
    share = problem.schools.set_index("school_id")["share_compulsory"]
    # a school sharing its buildings with 高中 is not built for the joint rule: its 教学及辅助用房 is
    # counted over the whole school, so 第四中学's 367 m² would have been 2,119 m² built, 1,752 of
    # them (613.22 万元) 高中's, to save 39.54 万元 of rent; its run is reported instead
    # the rooms' years from the one run start of both plans (review rv4 4, layout_years.run_start)
    since = run_start(problem.first_year, problem.costs.item("teaching_area").lead_years, problem.target_year)
    alone = {s: {y for y in ys if y >= since} for s, ys in room_years(problem).items()
             if float(share.get(s, 1.0)) >= 1.0}
    split = split_area(added, demand, problem.target_year, problem.peak_years, share, alone)
    split["pupils"] = [pupils.loc[s].to_dict() for s in split.index]
    return split[(split["rented"] > 0) | (split["joined"] > 0)]


def room_years(problem) -> dict[str, set[int]]:
    """School -> the school years its 普通教室 are met by 临时周转 in either plan: the layout's
    (``layout_borrowed``) and this plan's (``temporary``, its ``borrowed`` each year).

    >>> import types
    >>> t = pd.DataFrame({"school_id": ["D"], "borrowed": [{2029: 1, 2030: 0}]})
    >>> room_years(types.SimpleNamespace(layout_borrowed={"D": {2027: 1, 2028: 2}}, temporary=t))
    {'D': {2027, 2028, 2029}}
    """
    out: dict[str, set[int]] = {}
    for school, years in (getattr(problem, "layout_borrowed", None) or {}).items():
        out.setdefault(str(school), set()).update(int(y) for y, n in years.items() if n > 0)
    t = getattr(problem, "temporary", None)
    if t is not None and len(t) and "borrowed" in t:
        ids = t["school_id"] if "school_id" in t else pd.Series(t.index, index=t.index)
        for school, years in zip(ids, t["borrowed"], strict=True):
            out.setdefault(str(school), set()).update(int(y) for y, n in (years or {}).items() if n > 0)
    return {s: y for s, y in out.items() if y}


def rented_reason(row) -> str:
    """Why a school's 教学及辅助用房 is rented: each year's pupils and the m² still needed.

    >>> rented_reason({"added": 419.0, "rented": 419.0, "built": 0.0, "share": 1.0,
    ...     "needs": {2030: 419.0, 2031: 147.0, 2032: 0.0}, "pupils": {2030: 747, 2031: 700, 2032: 624}})
    '目标学年需补 419 平方米，学生减少后逐年所需：2030 学年 747 人需 419 平方米，2031 学年 700 人需 147 平方米，2032 学年 624 人不需'
    """
    years = "，".join(f"{y} 学年 {int((row.get('pupils') or {}).get(y, 0)):,} 人"
                     + (f"需 {k:,.0f} 平方米" if k > 0 else "不需")
                     for y, k in row["needs"].items())
    built = f"，其中新建 {row['built']:,.0f} 平方米" if row["built"] > 0 else ""
    return f"目标学年需补 {row['added']:,.0f} 平方米{built}，学生减少后逐年所需：{years}"


#: the one rule of rooms and area (review rv9 1): what a 复核 counts of a school's 校舍
COUNTED = ("学校达标按学校产权或租期一年以上、独立使用的校舍计，临时周转（暂用、借用本校或邻校用房、装配式临时用房）"
           "不计入校舍面积、也不计入学校达标面积")


def short_area_note(split: pd.DataFrame | None, names: Mapping[str, str], peak_years: int,
                    target_year: int) -> str:
    """The document's paragraph on the 教学及辅助用房 the plan builds although only a short peak
    needs it (``split``: :func:`rented_split` rows with ``rented`` m²; "" when none): rented m²
    do not make a school 达标, so it is built, and renting instead leaves the school short in
    ``target_year`` until its pupils fall to the area it has.

    第四小学 needs 18 m² in 2030 and none from 2031 (845 → 800 pupils × 4.5 m² frees 202 m²):

    >>> split = pd.DataFrame([{"school_id": "D", "added": 18.0, "rented": 18.0, "built": 0.0,
    ...     "share": 1.0, "needs": {2030: 18.0, 2031: 0.0}, "pupils": {2030: 845, 2031: 800}}])
    >>> print(short_area_note(split, {"D": "第四小学"}, 3, 2030))
    生均教学及辅助用房面积的缺口持续不超过 3 年、末年已不缺的，租赁校舍不比新建省的，新建：学校达标按学校产权或租期一年以上、独立使用的校舍计，临时周转（暂用、借用本校或邻校用房、装配式临时用房）不计入校舍面积、也不计入学校达标面积，以临时周转代替新建的学校在新建校舍投入使用前（或学生减少到不缺前）仍未达标。1 所学校新建共 18 平方米：第四小学新建 18 平方米（目标学年需补 18 平方米，学生减少后逐年所需：2030 学年 845 人需 18 平方米，2031 学年 800 人不需；如以临时周转代替新建，2030 学年该项未达标，2031 学年起学生减少后不缺）。
    """
    if split is None or not len(split):
        return ""
    rows = (split if "school_id" in split else split.reset_index()).to_dict("records")
    parts = [f"{names.get(r['school_id']) or r['school_id']}新建 {r['added']:,.0f} 平方米（{rented_reason(r)}；"
             f"如以临时周转代替新建，{short_years(r['needs'], target_year)}）" for r in rows]
    return (f"生均教学及辅助用房面积的缺口持续不超过 {peak_years} 年、末年已不缺的，租赁校舍不比新建省的，新建：{COUNTED}，"
            "以临时周转代替新建的学校在新建校舍投入使用前（或学生减少到不缺前）仍未达标。"
            f"{len(rows)} 所学校新建共 {split['added'].sum():,.0f} 平方米：" + "；".join(parts) + "。")


def short_years(needs: Mapping[int, float], target_year: int) -> str:
    """The years a school renting its area instead of building it stays short, and the first
    year its pupils need none.

    >>> short_years({2030: 374.0, 2031: 125.0, 2032: 0.0}, 2030)
    '2030—2031 学年该项未达标，2032 学年起学生减少后不缺'
    >>> short_years({2030: 100.0, 2031: 50.0}, 2030)
    '2030—2031 学年该项未达标'
    """
    short = [int(y) for y, k in sorted(needs.items()) if int(y) >= target_year and k > 0]
    if not short:
        return f"{target_year} 学年不缺"
    span = f"{short[0]}—{short[-1]}" if len(short) > 1 else f"{short[0]}"
    after = [int(y) for y, k in sorted(needs.items()) if int(y) > short[-1] and k <= 0]
    return f"{span} 学年该项未达标" + (f"，{after[0]} 学年起学生减少后不缺" if after else "")


def joined_words(split: pd.DataFrame, names: Mapping[str, str], peak_years: int) -> str:
    """'' or the sentence on the schools whose short 教学及辅助用房 gap is built, not rented,
    because its years would join the years its 普通教室 are borrowed (``joined`` m², brief hp 3).

    >>> split = pd.DataFrame([{"school_id": "D", "joined": 367.0,
    ...                        "needs": {2030: 367.0, 2031: 130.0, 2032: 0.0}}])
    >>> joined_words(split, {"D": "第四中学"}, 3)
    '缺口虽短、但与本校借用普通教室的学年（两个方案）相连将连续临时周转超过 3 个学年的，改为新建、不租用：第四中学新建 367 平方米（2030—2031 学年所需）。'
    """
    if "joined" not in split:
        return ""
    rows = [r for r in split.to_dict("records") if r.get("joined", 0) > 0]
    if not rows:
        return ""

    def span(r) -> str:
        years = [y for y, k in sorted(r["needs"].items()) if k > 0]
        return f"{years[0]}—{years[-1]}" if len(years) > 1 else f"{years[0]}"

    return (f"缺口虽短、但与本校借用普通教室的学年（两个方案）相连将连续临时周转超过 {peak_years} 个学年的，改为新建、不租用："
            + "；".join(f"{names.get(r['school_id']) or r['school_id']}新建 {r['joined']:,.0f} 平方米（{span(r)} 学年所需）"
                       for r in rows) + "。")


def temporary_words(actions: list[dict]) -> str:
    """The 整改措施's 临时周转 sentence of its ``actions`` (school_id, item, quantity): the
    普通教室 whose gap is short (a lease of 教学及辅助用房 is 租赁校舍, :func:`rented_words`).

    >>> rooms = {"school_id": "A", "item": "temporary_classroom", "quantity": 3.0}
    >>> temporary_words([rooms])
    '1 所学校的普通教室缺口持续较短，以临时周转解决、不新建，共 3 间·学年（逐校各学年的缺口和学生数见本章“与布局调整方案同一规则”一段后的逐校各段）'
    """
    rooms = sum(a["quantity"] for a in actions if a["item"] == "temporary_classroom")
    return (f"{len({a['school_id'] for a in actions})} 所学校的普通教室缺口持续较短，以临时周转解决、不新建，"
            f"共 {rooms:,.0f} 间·学年（逐校各学年的缺口和学生数见本章“与布局调整方案同一规则”一段后的逐校各段）")


def rented_words(actions: list[dict]) -> str:
    """The 整改措施's 租赁校舍 sentence of its ``actions`` (school_id, item, quantity): the
    教学及辅助用房 leased for a short gap, counted as 校舍 unlike 临时周转 (brief hlease 1).

    >>> rented_words([{"school_id": "B", "item": ITEM, "quantity": 566.0},
    ...               {"school_id": "C", "item": ITEM, "quantity": 18.0}])
    '2 所学校的教学及辅助用房缺口持续较短、不新建：租赁校舍、由学校独立使用，共 584 平方米·学年，按非学校产权独立使用校舍计入教学及辅助用房（不是临时周转，逐校租期、租金和各学年的缺口见本节各段）'
    """
    area = sum(a["quantity"] for a in actions if a["item"] == ITEM)
    return (f"{len({a['school_id'] for a in actions})} 所学校的教学及辅助用房缺口持续较短、不新建：租赁校舍、由学校独立使用，"
            f"共 {area:,.0f} 平方米·学年，按非学校产权独立使用校舍计入教学及辅助用房（不是临时周转，逐校租期、租金和各学年的"
            "缺口见本节各段）")


__all__ = ["COUNTED", "ITEM", "area_demand", "area_needs", "rented_reason", "rented_split",
           "rented_words", "short_area_note", "short_years", "split_area", "temporary_words"]
