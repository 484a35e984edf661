"""A short peak of 教学及辅助用房: leased for the school's independent use, or built, the cheaper.

The 达标路径 adds 教学及辅助用房 where the target year's pupils need it; where only a short peak
needs it (:func:`~.compliance_temporary_area.rented_split`, the rooms' ≤ 3-year rule) the bureau
has two ways a 督学 accepts (review rv11 1, 6):

(a) lease 校舍 for the school's independent use (租赁、独立使用) for a term covering the years
    the gap lasts. The basic-education statistics form 基础基512《中小学校舍情况》 counts as
    校舍建筑面积 what 「学校用于办学并可长期（一年以上）占有」 and has a column 「校舍建筑面积中：
    租借面积」; the higher-education form has 「独立使用非学校产权校舍建筑面积」. So such a
    lease counts in the target year's 教学及辅助用房 (the ``temporary_area`` action with its
    ``built`` m², FACILITY_EFFECTS), unlike 临时周转 (暂用、借用本校或邻校用房、装配式临时用房),
    which is no 校舍面积 at all;
(b) build it (the ``teaching_area`` the plan chose).

Price of (a): the m²·学年 of the gap × the 临时周转 room's price per :data:`AREA_PER_CLASSROOM`
m² (2.00 万元 / 120 m² = 167 元 per m² and school year, an assumption the county replaces with
its rent); of (b): the m² × ``teaching_area``'s unit cost (without its project fee, so building
is never made to look dearer than it is). The cheaper is taken (:func:`lease_cheaper`).

>>> split = pd.DataFrame({"rented": [18.0, 374.0], "area_years": [18.0, 499.0]}, index=["D", "E"])
>>> lease_cheaper(split, 2.0, 0.35).tolist()
[True, True]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

import pandas as pd

from junheng.planning.compliance_county import AREA_PER_CLASSROOM, apply_actions
from junheng.planning.compliance_temporary_area import (
    ITEM,
    joined_words,
    rented_reason,
    rented_split,
    short_years,
)

#: the rule of the two, said once where the plan leases
LEASED_RULE = ("租赁校舍与临时周转不同：临时周转（暂用、借用本校或邻校用房、装配式临时用房）不计入校舍面积；"
               "租期一年以上、由学校独立使用的校舍，教育统计计入校舍建筑面积（《中小学校舍情况》表：校舍建筑面积指"
               "学校用于办学并可长期（一年以上）占有的房屋，其中单列租借面积），目标学年复核时按非学校产权独立使用"
               "校舍计入该校教学及辅助用房面积")


#: the least area a bureau leases: one 普通教室's (a school is not leased 18 m² for a year, review
#: rv14 N5); the lease's term covers the years the gap lasts (:func:`_term`)
LEAST_LEASE_M2 = float(AREA_PER_CLASSROOM)
#: the rule, said once where a lease is raised to it
LEAST_RULE = (f"租赁以一间普通教室的面积（{LEAST_LEASE_M2:,.0f} 平方米）起租，租期覆盖缺口持续的学年"
              "（假设值：县教育局不为不足一间教室的面积单独租房，以本县实际租赁条件替换）")


def least_lease(split: pd.DataFrame) -> pd.DataFrame:
    """``split`` with each leased year raised to :data:`LEAST_LEASE_M2` of the whole school
    (``share`` × 120 m² of the compulsory part): ``rented`` the target year's lease, ``area_years``
    the m²·学年 paid, ``leased`` each year's m², ``needed`` the target year's gap before.

    A gap of 18 m² for one year (2030) is leased as one room's 120 m² for that year:

    >>> s = pd.DataFrame({"rented": [18.0], "built": [0.0], "area_years": [18.0], "share": [1.0],
    ...                   "needs": [{2030: 18.0, 2031: 0.0}]}, index=["D"])
    >>> row = least_lease(s).loc["D"]
    >>> float(row["needed"]), float(row["rented"]), float(row["area_years"]), row["leased"]
    (18.0, 120.0, 120.0, {2030: 120.0})

    At a school sharing its buildings with 高中 (share 0.2) the whole lease is 120 m², 24 of them
    the compulsory part; a year already above it keeps its own: 374 + 125 = 499 m²·学年 stays.

    >>> s = pd.DataFrame({"rented": [10.0, 374.0], "built": [0.0, 0.0], "area_years": [15.0, 499.0],
    ...                   "share": [0.2, 1.0], "needs": [{2030: 10.0, 2031: 5.0}, {2030: 374.0, 2031: 125.0}]},
    ...                  index=["F", "E"])
    >>> least_lease(s)[["rented", "area_years"]].values.tolist()
    [[24.0, 48.0], [374.0, 499.0]]
    """
    out = split.copy()
    least = (LEAST_LEASE_M2 * out["share"].astype(float)).round(2)
    leased = [{int(y): round(max(float(k) - b, m), 2) for y, k in needs.items() if float(k) - b > 1e-9}
              for needs, b, m in zip(out["needs"], out["built"].astype(float), least, strict=True)]
    out["needed"] = out["rented"].astype(float)
    out["rented"] = [max(r, m) if r > 0 else r for r, m in zip(out["needed"], least, strict=True)]
    out["area_years"] = [round(sum(each.values()), 2) for each in leased]
    out["leased"] = leased
    return out


def price_per_m2(room_price: float) -> float:
    """万元 per m² and school year of a lease: a 临时周转 room's price per ``AREA_PER_CLASSROOM`` m².

    >>> round(price_per_m2(2.0) * 1e4)
    167
    """
    return room_price / AREA_PER_CLASSROOM


def lease_cheaper(split: pd.DataFrame, room_price: float, build_price: float) -> pd.Series:
    """Per row of ``split`` (``rented`` m², ``area_years`` m²·学年): whether leasing costs less
    than building the gap (``needed`` m² where :func:`least_lease` raised the lease, else
    ``rented``). 4 m² for 3 years at 1.00 万元 a room-year is 0.10 万元 against 1.40 built:

    >>> lease_cheaper(pd.DataFrame({"rented": [4.0], "area_years": [12.0]}), 1.0, 0.35).tolist()
    [True]
    >>> lease_cheaper(pd.DataFrame({"rented": [4.0], "area_years": [12.0]}), 50.0, 0.35).tolist()
    [False]
    """
    gap = split["needed"] if "needed" in split else split["rented"]
    return split["area_years"] * price_per_m2(room_price) < gap * build_price


def rented_rows(split: pd.DataFrame) -> pd.DataFrame:
    """The forced ``temporary_area`` actions of leased rows: m²·学年 paid, and the m² the
    school has in the target year (``built``, the whole of which the compulsory part is the
    leased m²)."""
    return pd.DataFrame({"school_id": split.index, "item": ITEM,
                         "quantity": split["area_years"].astype(float).to_numpy(),
                         "built": (split["rented"] / split["share"].clip(lower=1e-9)).round(2)
                         .to_numpy()})


def with_rented(problem, split: pd.DataFrame):
    """``problem`` with ``split``'s m² leased (forced ``temporary_area`` rows; the county it
    starts from, its units and bounds with them)."""
    from junheng.evaluate.units import build_units
    from junheng.planning.compliance_data import school_table, teacher_stocks, unit_table

    rows = rented_rows(split)
    forced = pd.concat([problem.forced, rows.reindex(columns=[*problem.forced.columns, "built"])],
                       ignore_index=True)
    start = apply_actions(problem.before, forced)
    units = build_units(start, problem.rules)
    frame = unit_table(units, problem.standard)
    schools = school_table(units, frame, problem.costs, problem.standard)
    # (10) the leased rooms hold multimedia rooms as built area would (one per 120 m²)
    space = schools["school_id"].map(rows.set_index("school_id")["built"]).fillna(0.0)
    schools["multimedia_cap"] += space / AREA_PER_CLASSROOM
    return replace(problem, forced=forced, start=start, units=frame, schools=schools,
                   stocks=teacher_stocks(start, units, problem.backbone_criteria),
                   rented_area=split.reset_index())


def solve_leasing(problem, students: pd.DataFrame, solve: Callable, actions_of: Callable):
    """``solve(problem)``; then the short peaks of its 教学及辅助用房 leased where that is cheaper
    (solved again with them forced), the rest kept built and named (``short_area``)."""
    found = solve(problem)
    if found[2].values is None:
        return found
    split = rented_split(found[0], actions_of(found[1], found[2].values), students)
    split = least_lease(split[split["rented"] > 0])
    costs = problem.costs
    lease = lease_cheaper(split, costs.item("temporary_room").unit_cost,
                          costs.item("teaching_area").unit_cost)
    if lease.any():
        again = solve(with_rented(problem, split[lease]))
        if again[2].values is not None:
            return (replace(again[0], short_area=split[~lease]), *again[1:])
    return (replace(found[0], short_area=split), *found[1:])


def lease_note(split: pd.DataFrame | None, names: Mapping[str, str], peak_years: int,
               room_price: float, target_year: int, build_price: float) -> str:
    """The document's paragraph on the 教学及辅助用房 leased for a short peak ("" when none):
    each school's lease term, its rent and what building would cost (``build_price`` a m²)."""
    if split is None or not len(split):
        return ""
    built = joined_words(split, names, peak_years)
    split = split[split["rented"] > 0]
    if not len(split):
        return built
    rows = split.to_dict("records")
    price = price_per_m2(room_price)
    parts = [f"{names.get(r['school_id']) or r['school_id']}租赁 {r['rented']:,.0f} 平方米" + _least(r) + _whole(r)
             + f"（租期须覆盖 {_term(r['needs'], target_year)} 学年、独立使用，按非学校产权独立使用校舍计；"
             f"{rented_reason(r)}；租金 {r['area_years'] * price:,.2f} 万元，新建须 "
             f"{float(r.get('needed', r['rented'])) * build_price:,.2f} 万元）" for r in rows]
    years = float(split["area_years"].sum())
    return (f"生均教学及辅助用房面积的缺口持续不超过 {peak_years} 年、末年已不缺的，租赁校舍比新建省的，租赁、不新建："
            f"{len(rows)} 所学校共 {split['rented'].sum():,.0f} 平方米（共 {years:,.0f} 平方米·学年，租金按每平方米每学年 "
            f"{price * 1e4:,.0f} 元计（假设值，按临时周转教室每间 {AREA_PER_CLASSROOM:,.0f} 平方米每学年 "
            f"{room_price:,.2f} 万元折算，以本县实际租金替换），共 {years * price:,.2f} 万元）：" + "；".join(parts)
            + f"。{LEASED_RULE}{_least_rule(rows)}；租不到的，该校须新建同等面积（须先核定用地），或以布局调整分流学生。" + built)


def _term(needs: Mapping[int, float], target_year: int) -> str:
    """The lease's term: the years from ``target_year`` the area is still needed.

    >>> _term({2030: 374.0, 2031: 125.0, 2032: 0.0}, 2030), _term({2030: 18.0, 2031: 0.0}, 2030)
    ('2030—2031', '2030')
    """
    return short_years(needs, target_year).split(" ")[0]


def _least(row) -> str:
    """'' or, where :func:`least_lease` raised the lease, the gap it covers.

    >>> _least({"rented": 120.0, "needed": 18.0}), _least({"rented": 240.0, "needed": 240.0}), _least({"rented": 5.0})
    ('（缺 18 平方米，按一间教室起租）', '', '')
    """
    needed = float(row.get("needed", row["rented"]))
    return f"（缺 {needed:,.0f} 平方米，按一间教室起租）" if needed < float(row["rented"]) - 0.5 else ""


def _least_rule(rows: list) -> str:
    """:data:`LEAST_RULE` after a "；" where a row's lease was raised to it, else ''."""
    return f"；{LEAST_RULE}" if any(_least(r) for r in rows) else ""


def _whole(row) -> str:
    """'' or, at a school that also teaches 高中, the whole leased of which the m² are the
    compulsory part (the evaluation splits a building by the weighted pupils).

    >>> _whole({"rented": 419.0, "share": 0.195}), _whole({"rented": 120.0, "share": 1.0})
    ('（与高中共用，共租赁 2,149 平方米，按评估办法义务教育阶段计 419 平方米、计入本方案，其余由高中经费安排）', '')
    """
    if row["share"] >= 1.0 - 1e-9:
        return ""
    return (f"（与高中共用，共租赁 {row['rented'] / row['share']:,.0f} 平方米，按评估办法义务教育阶段计 "
            f"{row['rented']:,.0f} 平方米、计入本方案，其余由高中经费安排）")


__all__ = ["LEASED_RULE", "LEAST_LEASE_M2", "LEAST_RULE", "lease_cheaper", "least_lease", "lease_note", "price_per_m2", "rented_rows",
           "solve_leasing", "with_rented"]
