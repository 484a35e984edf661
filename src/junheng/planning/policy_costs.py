"""What the county government's own 整改 items cost (review rv10 finding 9, 10): the 18
「需县政府部门落实」 rows said what to do but not what it costs, and neither the 公用经费保底
top-up (126.98 万元) nor the 教师培训经费 (26.55 万元) reached any 分年度 table.

Two items have a figure in the data: the 保底 short today (:func:`shortfall_yuan` of
``small_school_funding``) and the training money short of the 5 % share
(``training_funding_share``), both paid every year from the year the row is due. Three cost
money the data cannot price (teacher pay, the 特殊教育 quota, bought school places); the rest
are checks and rules the bureau carries out within its budget (「不计费用」).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from junheng.model.numbers import DASH

#: the items whose yearly cost the data give (:func:`shortfall_yuan`), as the year tables name them
PRICED = {"small_school_funding": "补足公用经费（不足 100 人的村小学和教学点按 100 人足额拨付；撤并的学校不再补足）",
          "training_funding_share": "增加教师培训经费（各校不低于年度公用经费预算总额的 5%）"}
#: the items that cost money the data cannot price
UNPRICED = {"teacher_pay": "费用：待县财政局按教师与公务员工资差额测算，未计入本方案",
            "special_education_funding": "费用：待县财政局按特殊教育学校生均公用经费标准测算，未计入本方案",
            "migrant_public_share": "费用：购买学位的费用待县财政局测算，未计入本方案"}
NO_COST = "不计费用（在现有经费和工作中落实）"
#: the items that are rules and checks the bureau carries out within its budget (and every
#: 待核实 row: a check and its report)
FREE = frozenset({"training_hours", "certified_teachers", "near_zone_enrolment", "quality_hs_quota",
                  "junior_retention_rate"})
#: any other item: it may cost money the plan has not priced
UNCOUNTED = "费用：待县财政局测算，未计入本方案"
#: the year table's rows of these items: outside every total, as the 高中 part
ROW_HEAD = "县政府部门落实（每年经常性支出，不计入上列合计）："


def shortfall_yuan(key: str, result) -> float | None:
    """元 a year the county must add for a priced item (:data:`PRICED`), from its evaluation's
    per-school detail, rounded up to a whole 元 as the 自评报告's gap; None for another item.

    >>> import pandas as pd
    >>> from types import SimpleNamespace as NS
    >>> small = NS(detail=pd.DataFrame({"required": [50_000.0, 40_000.0], "public_funding": [30_000.0, 39_000.5]}),
    ...            indicator=NS(params={}))
    >>> shortfall_yuan("small_school_funding", small)  # 20,000 + 999.5 = 20,999.5, up to 21,000
    21000.0
    >>> training = NS(detail=pd.DataFrame({"public_funding": [100_000.0], "training_funding": [2_000.0]}),
    ...               indicator=NS(params={"share": 0.05}))
    >>> shortfall_yuan("training_funding_share", training), shortfall_yuan("teacher_pay", training)
    (3000.0, None)
    """
    detail = getattr(result, "detail", None)
    if key not in PRICED or detail is None or detail.empty:
        return None
    if key == "small_school_funding":
        short = (detail["required"] - detail["public_funding"]).clip(lower=0).sum()
    else:
        share = float(result.indicator.params["share"])
        short = (share * detail["public_funding"] - detail["training_funding"]).clip(lower=0).sum()
    return float(math.ceil(float(short) - 1e-9)) if short > 0 else None


def wan_up(yuan: float) -> float:
    """元 in 万元 to 0.01 rounded up, as :func:`~junheng.model.numbers.shortfall_wan`.

    >>> wan_up(1_269_800), wan_up(265_450), wan_up(23_366)
    (126.98, 26.55, 2.34)
    """
    return math.ceil(round(float(yuan), 6) / 100 - 1e-9) / 100


def cost_words(key: str, wan: float | None, year: int, table: str = "", free: bool = False) -> str:
    """The 费用 sentence a 县政府部门落实 row ends with (``table``: where its years are shown;
    ``free``: a check, not an item of :data:`FREE`, that costs nothing).

    >>> cost_words("training_funding_share", 26.55, 2027, "布局调整与达标路径分年度投资")
    '费用：每年 26.55 万元（2027 学年起，县财政支出，分年度见“布局调整与达标路径分年度投资”表）'
    >>> cost_words("small_school_funding", 126.98, 2027, "布局调整与达标路径分年度投资")
    '费用：每年 126.98 万元（2027 学年起，县财政支出，随布局调整撤并相应减少，分年度见“布局调整与达标路径分年度投资”表）'
    >>> cost_words("teacher_pay", None, 2027), cost_words("certified_teachers", None, 2027)
    ('费用：待县财政局按教师与公务员工资差额测算，未计入本方案', '不计费用（在现有经费和工作中落实）')
    >>> cost_words("music_art_rooms", None, 2027), cost_words("irregular_school_choice", None, 2027, free=True)
    ('费用：待县财政局测算，未计入本方案', '不计费用（在现有经费和工作中落实）')
    """
    if wan is None:
        return NO_COST if free or key in FREE else UNPRICED.get(key, UNCOUNTED)
    falls = "，随布局调整撤并相应减少" if key == "small_school_funding" and table else ""
    where = f"，分年度见“{table}”表" if table else ""
    return f"费用：每年 {wan:,.2f} 万元（{year} 学年起，县财政支出{falls}{where}）"


def policy_year_rows(doc: Mapping[str, Any], years: Sequence[int]) -> list[tuple[str, list[float], str]]:
    """The year table's rows of the priced items (``doc["policy"]``: ``floor_topup``, 万元 by
    year as the layout's closures take effect, and ``training``, 万元 a year from ``from``),
    after the totals and outside them; [] without any.

    A row is paid every year, past any table's last year: its 合计 cell is 「—」, never a sum
    over the table's years (rv28 6: the 整改's 5-year table summed the 26.55 a year to 132.75, the
    joint 8-year one to 212.40, two 合计 for one item); every table, Word and workbook, takes
    its rows from here.

    Hand-worked: the top-up 61.25, 32.66, 10.56; training 26.55 from 2028:

    >>> doc = {"policy": {"floor_topup": {"2027": 61.25, "2028": 32.66, "2029": 10.56},
    ...                   "training": 26.55, "from": 2028}}
    >>> for row in policy_year_rows(doc, [2027, 2028, 2029]): print(row)
    ('县政府部门落实（每年经常性支出，不计入上列合计）：补足公用经费（不足 100 人的村小学和教学点按 100 人足额拨付；撤并的学校不再补足）', [61.25, 32.66, 10.56], '—')
    ('县政府部门落实（每年经常性支出，不计入上列合计）：增加教师培训经费（各校不低于年度公用经费预算总额的 5%）', [0.0, 26.55, 26.55], '—')
    """
    policy = doc.get("policy") or {}
    rows = []
    if topup := policy.get("floor_topup"):
        cents = [round(float(topup.get(str(y), 0.0)) * 100) for y in years]
        rows.append((ROW_HEAD + PRICED["small_school_funding"], [c / 100 for c in cents], DASH))
    if training := policy.get("training"):
        cents = [round(training * 100) if int(y) >= int(policy.get("from") or 0) else 0 for y in years]
        rows.append((ROW_HEAD + PRICED["training_funding_share"], [c / 100 for c in cents], DASH))
    return rows


def policy_costs(layout, years: Sequence[int], rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """``doc["policy"]`` for :func:`policy_year_rows`: the layout's 保底 top-up by year (万元,
    :func:`~.layout_floor.floor_topup_by_year`) and the training money a year from its due year
    (the 整改 rows' ``cost_wan``, :func:`shortfall_yuan`); {} without either."""
    from junheng.planning.layout_floor import floor_topup_by_year

    out: dict[str, Any] = {}
    if layout is not None and (topup := floor_topup_by_year(layout, [int(y) for y in years])):
        out["floor_topup"] = {str(y): round(v / 10_000, 2) for y, v in topup.items()}
    for row in rows:
        if row.get("cost_key") == "training_funding_share" and row.get("cost_wan"):
            out.update(training=row["cost_wan"], **{"from": int(row["year"])})
        elif row.get("cost_key") == "small_school_funding" and row.get("cost_wan") and "floor_topup" not in out:
            # no layout plan closes a school: the whole shortfall every year from the row's year
            out["floor_topup"] = {str(y): row["cost_wan"] for y in years if int(y) >= int(row["year"])}
    return out


def plan_policy_rows(doc: Mapping[str, Any], years: Sequence[int]) -> list[tuple[str, list[float], str]]:
    """:func:`policy_year_rows` of a 达标路径 document (``doc["combined"]["policy"]`` after a
    layout plan, else from its 整改 rows' costs) for the years of its own year table.

    >>> doc = {"measures": {"rows": [{"cost_key": "small_school_funding", "cost_wan": 126.98, "year": 2028}]}}
    >>> plan_policy_rows(doc, [2027, 2028, 2029])[0][1:]
    ([0.0, 126.98, 126.98], '—')
    """
    policy = (doc.get("combined") or {}).get("policy")
    if policy is None:
        policy = policy_costs(None, years, (doc.get("measures") or {}).get("rows") or [])
    return policy_year_rows({"policy": policy}, [int(y) for y in years])


def with_topup_words(rows: Sequence[Mapping[str, Any]], years: str) -> list[dict[str, Any]]:
    """``rows`` with the 公用经费保底 row's 费用 said year by year as the year table shows it
    (``years``: :func:`~.layout_floor.topup_words`), today's shortfall beside it (rv13 13: 整改
    表 1 「每年 126.98 万元（2027 学年起…）」 while the year table gave 2027 学年 91.55); the
    other rows, and all of them without ``years``, unchanged.

    >>> row = {"cost_key": "small_school_funding", "cost_wan": 126.98, "year": 2027,
    ...        "measure": "足额拨付；" + cost_words("small_school_funding", 126.98, 2027, "分年度投资")}
    >>> with_topup_words([row], "2027 学年 91.55 万元、2029 学年起每年 8.57 万元")[0]["measure"]
    '足额拨付；费用：2027 学年 91.55 万元、2029 学年起每年 8.57 万元（按现状每年须补足 126.98 万元，县财政支出，随布局调整撤并相应减少，分年度见“分年度投资”表）'
    """
    out = []
    for row in rows:
        if years and row.get("cost_key") == "small_school_funding" and row.get("cost_wan"):
            head, _, tail = str(row["measure"]).partition(f"费用：每年 {row['cost_wan']:,.2f} 万元（{row['year']} 学年起，")
            if tail:
                row = {**row, "measure": f"{head}费用：{years}（按现状每年须补足 {row['cost_wan']:,.2f} 万元，{tail}"}
        out.append(dict(row))
    return out
