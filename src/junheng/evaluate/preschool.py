"""学前普及普惠 2020: county rates from kindergartens, classes, teachers and village populations.

Children counted are those in 小班, 中班, 大班 and 混合班 (托班 children are under three and
outside the 3–5 age group of 毛入园率). Every kindergarten is a unit with its own class-size
compliance, children per full-time teacher and certification share.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.evaluate.items import (
    ItemContext,
    ItemFormula,
    ItemResult,
    Status,
    ceil_count,
    fmt_number,
    satisfies,
    share_status,
    status_of,
)
from junheng.evaluate.measure import Share
from junheng.evaluate.preschool_measures import (
    affordable_share,
    gross_enrolment,
    kindergartens,
    public_share,
)
from junheng.model import CountyData
from junheng.model.areas import non_urban_towns
from junheng.model.places import town_label, town_names
from junheng.standards import Indicator, Standard

UNIT_ITEMS = ("kindergarten_class_size", "children_per_teacher", "kindergarten_certified")


def preschool_teachers(data: CountyData) -> pd.DataFrame:
    """Full-time preschool teachers of kindergartens."""
    t = data.teachers
    ids = data.schools.loc[data.schools["school_type"].eq("kindergarten"), "school_id"]
    keep = t["full_time"].fillna(False).astype(bool) & t["stage"].eq("preschool") \
        & t["school_id"].isin(ids)
    return t[keep]


# What each preschool count covers, printed next to it: the totals differ by scope (托班 and
# 小学附设幼儿班 in or out), so no two same-named figures disagree without saying why.
CHILDREN_ALL = "在园幼儿（3–5 岁班级，含小学附设幼儿班，不含托班）"
CHILDREN_KINDERGARTENS = "幼儿园在园幼儿（3–5 岁班级，不含托班和小学附设幼儿班）"


def _rate_item(ind: Indicator, numerator: float, denominator: float, what: str,
               parts: tuple[str, str] = ("", "")) -> ItemResult:
    """``parts``: what the numerator and the denominator count ('' to print the bare number)."""
    value = numerator / denominator
    threshold = ind.threshold_for()
    gap = "" if satisfies(value, threshold) else \
        f"{what} {fmt_number(ceil_count(threshold * denominator - numerator))} 个"
    top, bottom = (f"{label} {fmt_number(n)}" if label else fmt_number(n)
                   for label, n in zip(parts, (numerator, denominator), strict=True))
    return ItemResult(ind, value, status_of(value, ind), gap=gap, note=f"{top} ÷ {bottom}")


def gross_preschool_rate(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """毛入园率 = children in 小班/中班/大班/混合班 ÷ village children aged 3–5."""
    rate = gross_enrolment(ctx.data)
    if not rate.denominator:
        return ItemResult(ind, None, Status.MISSING, note="村居表缺少 3–5 岁常住儿童数，无法计算毛入园率")
    return _rate_item(ind, int(rate.numerator), rate.denominator, "需增加学前教育学位",
                      (CHILDREN_ALL, "3–5 岁常住儿童"))


def _share_item(ind: Indicator, share: Share, what: str, chosen: str) -> ItemResult:
    if share.denominator == 0:
        return ItemResult(ind, None, Status.MISSING, note="无幼儿园在园幼儿数据")
    return _rate_item(ind, share.numerator, share.denominator, what, (chosen, CHILDREN_ALL))


def affordable_coverage(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """普惠性幼儿园覆盖率 = children in public and affordable private kindergartens ÷ all."""
    return _share_item(ind, affordable_share(ctx.data), "需增加普惠性学位", "普惠性幼儿园在园幼儿")


def public_kindergarten_share(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """公办园在园幼儿占比 = children in public kindergartens ÷ all."""
    return _share_item(ind, public_share(ctx.data), "需增加公办园学位", "公办园在园幼儿")


def rural_towns(data: CountyData) -> pd.Series:
    """The 乡镇 (every town of the village and school tables that is not urban)."""
    return pd.Series(non_urban_towns(data.villages, data.schools), dtype=object)


def public_kindergarten_per_town(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Share of rural towns with at least one public kindergarten."""
    towns = rural_towns(ctx.data)
    if towns.empty:
        return ItemResult(ind, None, Status.NOT_APPLICABLE, note="无农村乡镇")
    k = kindergartens(ctx.data)
    ok = towns.isin(k.loc[k["public"], "town_code"]).astype("boolean")
    value, status = share_status(ok, ind)
    lacking = towns[~ok.astype(bool)]
    names = town_names(ctx.data)
    detail = pd.DataFrame({"town_code": lacking.to_numpy(),
                           "name": [town_label(c, names) for c in lacking],
                           "gap": ["需新建或认定公办中心园 1 所"] * len(lacking)})
    gap = f"{len(lacking)} 个乡镇需新建或认定公办中心园" if len(lacking) else ""
    return ItemResult(ind, value, status, detail=detail, gap=gap)


def kindergarten_classes(data: CountyData, caps: Mapping[str, float]) -> pd.DataFrame:
    """Kindergarten classes of the capped grades with cap and excess."""
    ids = data.schools.loc[data.schools["school_type"].eq("kindergarten"), "school_id"]
    classes = data.classes[data.classes["school_id"].isin(ids)
                           & data.classes["grade"].isin(list(caps))]
    cap = classes["grade"].map(dict(caps)).astype(float)
    return classes.assign(cap=cap, excess=classes["students"].astype(float) - cap)


def kindergarten_class_size(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Share of kindergarten classes within 小班 25 / 中班 30 / 大班 35 / 混合班 30."""
    classes = kindergarten_classes(ctx.data, ind.params)
    ok = (classes["excess"] <= 0).astype("boolean")
    value, status = share_status(ok.reset_index(drop=True), ind)
    bad = classes["excess"] > 0
    names = ctx.data.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    over = classes[bad].assign(name=classes.loc[bad, "school_id"].map(names))
    over = over[["school_id", "name", "grade", "class_no", "students", "cap", "excess"]] \
        .astype({"cap": "int64", "excess": "int64"}).reset_index(drop=True)
    over["gap"] = [f"班额 {int(s)} 人，超出 {int(c)} 人标准 {int(e)} 人"
                   for s, c, e in zip(over["students"], over["cap"], over["excess"], strict=True)]
    threshold = ind.threshold_for()
    need = ceil_count(threshold * len(classes) - int(ok.sum())) if status is Status.NOT_MET else 0
    gap = f"需使至少 {need} 个超额班级达到标准班额" if need else ""
    return ItemResult(ind, value, status, detail=over, gap=gap)


def children_per_teacher(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Children in kindergartens ÷ full-time preschool teachers (≤ 15 by default)."""
    k = kindergartens(ctx.data)
    teachers = len(preschool_teachers(ctx.data))
    children = int(k["children"].sum())
    if children == 0:
        return ItemResult(ind, None, Status.MISSING, note="无幼儿园在园幼儿数据")
    if teachers == 0:
        return ItemResult(ind, None, Status.NOT_MET, note="幼儿园无专任教师",
                          gap=f"需增配幼儿园专任教师 {ceil_count(children / ind.threshold_for())} 名")
    value = children / teachers
    limit = ind.threshold_for()
    gap = "" if satisfies(value, limit, "<=") else \
        f"需增配幼儿园专任教师 {ceil_count(children / limit - teachers)} 名"
    return ItemResult(ind, value, status_of(value, ind), gap=gap,
                      note=f"{CHILDREN_KINDERGARTENS} {fmt_number(children)} 人，"
                           f"幼儿园专任教师 {teachers} 人")


def kindergarten_certified(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Share of full-time kindergarten teachers holding a teacher's certificate."""
    teachers = preschool_teachers(ctx.data)
    if teachers.empty:
        return ItemResult(ind, None, Status.MISSING, note="无幼儿园专任教师数据")
    ok = teachers["certified"].astype("boolean")
    value, status = share_status(ok.reset_index(drop=True), ind)
    bad = int((~ok.fillna(False).astype(bool)).sum())
    return ItemResult(ind, value, status, gap=f"{bad} 名幼儿园专任教师须取得教师资格证" if bad else "")


def kindergarten_units(data: CountyData, standard: Standard) -> pd.DataFrame:
    """One row per kindergarten with children: its own class-size share, ratio and certification.

    Columns: unit_id, school_id, stage, students, name, ownership, affordable_place, classes,
    teachers, and one column per item of :data:`UNIT_ITEMS` (with ``met_<item>`` and passes).
    """
    k = kindergartens(data)
    k = k[k["children"] > 0].reset_index(drop=True)
    caps = standard.indicator("kindergarten_class_size").params
    classes = kindergarten_classes(data, caps)
    within = classes.assign(ok=classes["excess"] <= 0).groupby("school_id")["ok"].mean()
    teachers = preschool_teachers(data)
    count = teachers.groupby("school_id").size()
    certified = teachers["certified"].astype(float).groupby(teachers["school_id"]).mean()
    units = pd.DataFrame({
        "unit_id": k["school_id"].astype(str) + ":preschool", "school_id": k["school_id"],
        "stage": "preschool", "students": k["children"], "name": k["name"],
        "ownership": k["ownership"], "affordable_place": k["affordable_place"],
        "classes": k["classes"], "teachers": k["school_id"].map(count).fillna(0).astype("int64"),
    })
    units["kindergarten_class_size"] = k["school_id"].map(within).astype(float)
    units["children_per_teacher"] = (units["students"] / units["teachers"].replace(0, np.nan))
    units["kindergarten_certified"] = k["school_id"].map(certified).astype(float)
    return _unit_verdicts(units, standard)


def _unit_verdicts(units: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    met_columns = []
    for item in UNIT_ITEMS:
        ind = standard.indicator(item)
        # a unit's own class-size share must be complete: the county threshold is a share of
        # classes, but each kindergarten is held to every class within the cap
        threshold = 1.0 if item == "kindergarten_class_size" else ind.threshold_for()
        value = units[item]
        slack = 1e-9 * max(1.0, abs(threshold))
        met = value >= threshold - slack if ind.comparator == ">=" else value <= threshold + slack
        units[f"met_{item}"] = met.astype("boolean").mask(value.isna())
        met_columns.append(f"met_{item}")
    units["passes"] = units[met_columns].fillna(False).all(axis=1).astype("boolean")
    return units


def over_cap_classes(data: CountyData, standard: Standard) -> pd.DataFrame:
    """Kindergarten classes above their cap, shaped like the compulsory 大班额 list."""
    caps = standard.indicator("kindergarten_class_size").params
    classes = kindergarten_classes(data, caps)
    over = classes[classes["excess"] > 0]
    names = data.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    out = pd.DataFrame({
        "school_id": over["school_id"].to_numpy(),
        "name": over["school_id"].map(names).to_numpy(),
        "grade": over["grade"].to_numpy(), "class_no": over["class_no"].to_numpy(),
        "stage": "preschool", "students": over["students"].to_numpy(dtype="int64"),
        "category": "超标准班额", "excess": over["excess"].to_numpy(dtype="int64"),
    })
    return out.sort_values(["students", "school_id"], ascending=[False, True]) \
        .reset_index(drop=True)


def kindergarten_gaps(units: pd.DataFrame, standard: Standard,
                      county_met: Mapping[str, bool] | None = None) -> pd.DataFrame:
    """Per kindergarten and failing item: the shortfall in natural units.

    Teachers to add for the child–teacher ratio, classes over their cap, and teachers still
    without a certificate. Shaped like :func:`junheng.evaluate.gaps.unit_gaps`. The row names
    the per-kindergarten standard (every class within its cap: 100%; 1 : 15; every teacher
    certified), shares as percentages; ``required`` is False where the county item (a share
    of classes, a county ratio) is met, so such a row does not read as a cause of failure.
    """
    rows = []
    limit = standard.indicator("children_per_teacher").threshold_for()
    county_met = county_met or {}
    for item in UNIT_ITEMS:
        failing = units[units[f"met_{item}"].eq(False).fillna(False).astype(bool)]
        if failing.empty:
            continue
        value = failing[item]
        if item == "children_per_teacher":
            amount = np.ceil(failing["students"] / limit - failing["teachers"] - 1e-9)
            text = [f"需增配幼儿园专任教师 {int(a)} 名" for a in amount]
            threshold, unit = limit, "名"
            name = f"在园幼儿与专任教师比（本园应不高于 {limit:g} : 1）"
        elif item == "kindergarten_class_size":
            amount = np.round((1 - failing[item]) * failing["classes"])
            text = [f"{int(a)} 个班级超出标准班额，需分班或控制招生" for a in amount]
            threshold, unit, value = 100.0, "个", value * 100
            name = "不超过标准班额的班级比例（%，本园应为 100%）"
        else:
            amount = np.round((1 - failing[item]) * failing["teachers"])
            text = [f"{int(a)} 名专任教师须取得教师资格证" for a in amount]
            threshold, unit, value = 100.0, "名", value * 100
            name = "专任教师持证上岗率（%，本园应为 100%）"
        rows.append(pd.DataFrame({
            "unit_id": failing["unit_id"], "school_id": failing["school_id"],
            "name": failing["name"], "stage": "preschool", "indicator": item,
            "indicator_name": name, "value": value, "threshold": threshold,
            "ratio": np.nan, "current": np.nan, "needed": np.nan,
            "amount": np.asarray(amount, dtype=float), "floor_amount": np.nan, "unit": unit,
            "required": not county_met.get(item, False), "text": text,
        }))
    if not rows:
        return pd.DataFrame(columns=["unit_id", "school_id", "name", "stage", "indicator",
                                     "indicator_name", "value", "threshold", "ratio", "current",
                                     "needed", "amount", "floor_amount", "unit", "required",
                                     "text"])
    return pd.concat(rows, ignore_index=True)


FORMULAS: Mapping[str, ItemFormula] = {
    "gross_preschool_rate": gross_preschool_rate,
    "affordable_coverage": affordable_coverage,
    "public_kindergarten_share": public_kindergarten_share,
    "public_kindergarten_per_town": public_kindergarten_per_town,
    "kindergarten_class_size": kindergarten_class_size,
    "children_per_teacher": children_per_teacher,
    "kindergarten_certified": kindergarten_certified,
}
