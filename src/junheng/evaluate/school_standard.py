"""2012: every compulsory school meets the province's 办学基本标准 (a precondition of the method).

Source: 教督〔2012〕3号《县域义务教育均衡发展督导评估暂行办法》: a county is assessed only when
its compulsory schools meet the province's basic school standard (省定办学基本标准). The national
method sets no figures; a provincial overlay supplies them as per-stage thresholds of the 2012
resource indicators (Henan: ``examples/overlays/henan.yaml``; a template to fill:
``examples/overlays/basic-2012-template.yaml``).

The item (``province_school_standard``) decides:

1. no threshold supplied (no overlay, or an empty template) → 待核实, closed by the overlay;
2. a school below any supplied threshold → 未达标, each school named with its shortfalls;
3. a school whose value is unknown (no students, no facility row) → 待核实 (missing data);
4. every school meets every threshold → the province standard's other clauses (site, running
   track, class size …) are not in the data: the 县级认定 row of the item settles them
   (是 → 达标, 否 → 未达标, no row → 待核实).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.evaluate.indicators import assess
from junheng.evaluate.items import (
    Basis,
    ItemContext,
    ItemFormula,
    ItemResult,
    Status,
    attestation_closes,
    unsupported,
)
from junheng.model import numbers
from junheng.model.labels import STAGE_LABELS
from junheng.standards import Indicator

SHOWN = 3  # schools named in the item's sentence; the detail lists all
NO_OVERLAY = ("提供本省义务教育学校办学基本标准的省级覆盖文件（在基本均衡标准下填写各项指标分学段的"
              "标准值），或使用已附的河南省覆盖文件")


def _checked(ctx: ItemContext) -> pd.DataFrame:
    """Unit × indicator rows of the indicators the overlay gave a threshold."""
    std = ctx.standard
    if std is None or not any(i.thresholds for i in std.resource_indicators):
        return pd.DataFrame()
    tidy = assess(ctx.units.frame, std)
    return tidy[tidy["threshold"].notna()]


def _shortfall(name: str, unit: str, value: float, threshold: float) -> str:
    if value != value:
        return f"{name}数据缺失"
    return (f"{name} {numbers.trimmed(value, 2)} {unit}（省定标准 {numbers.trimmed(threshold, 4)} "
            f"{unit}）")


def _detail(ctx: ItemContext, rows: pd.DataFrame) -> pd.DataFrame:
    """One row per school failing (or unknown on) a supplied threshold, with a ``gap`` text."""
    std = ctx.standard
    names = {i.id: (i.name, i.unit) for i in std.resource_indicators}
    unit_names = ctx.units.frame.set_index("unit_id")["name"]
    out = []
    for (unit_id, stage), part in rows.groupby(["unit_id", "stage"], sort=False):
        gaps = [_shortfall(*names[i], v, t) for i, v, t in
                zip(part["indicator"], part["value"], part["threshold"], strict=True)]
        out.append({"school_id": part["school_id"].iloc[0], "name": unit_names.get(unit_id, ""),
                    "stage": stage, "gap": "；".join(gaps)})
    return pd.DataFrame(out, columns=["school_id", "name", "stage", "gap"])


def units_said(units: int, schools: int) -> str:
    """A count of 评估单位 as a user reads it: schools when each unit is one, else the units
    with their schools (planner review 2026-12-05 finding 10: 「核查 60 所学校」 in a county of
    55 schools, 一贯制学校 counted once per stage).

    >>> units_said(3, 3), units_said(60, 55)
    ('3 所学校', '60 个评估单位（55 所学校，一贯制学校分学段）')
    """
    if units == schools:
        return f"{schools:,} 所学校"
    return f"{units:,} 个评估单位（{schools:,} 所学校，一贯制学校分学段）"


def _sentence(detail: pd.DataFrame, what: str) -> str:
    shown = [f"{r['name']}（{STAGE_LABELS.get(r['stage'], '')}）：{r['gap']}"
             for r in detail.head(SHOWN).to_dict("records")]
    said = units_said(len(detail), detail["school_id"].nunique())
    more = f"；等共 {said}" if len(detail) > SHOWN else ""
    return f"{said}{what}：{'；'.join(shown)}{more}"


def province_school_standard(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Every unit meets every per-stage threshold the province overlay supplies; the value is
    the share of units meeting all of them."""
    rows = _checked(ctx)
    if rows.empty:
        return ItemResult(ind, None, Status.ATTESTATION, Basis.ATTESTATION, evidence=ind.evidence,
                          note="未提供省定办学基本标准的标准值", closes=NO_OVERLAY)
    met = rows["met"].astype("boolean")
    failing = rows[met.eq(False).fillna(False).astype(bool).to_numpy()]
    unknown = rows[met.isna().to_numpy()]
    units = rows["unit_id"].nunique()
    value = 1 - rows.loc[~met.fillna(False).astype(bool).to_numpy(), "unit_id"].nunique() / units
    checked = "、".join(dict.fromkeys(ctx.standard.indicator(i).name for i in rows["indicator"]))
    note = f"按省定标准核查 {units_said(units, rows['school_id'].nunique())}的{checked}"
    if not failing.empty:
        detail = _detail(ctx, failing)
        said = ctx.attestations.get(ind.id)
        return ItemResult(ind, value, Status.NOT_MET, detail=detail, note=note,
                          gap=_sentence(detail, "未达到省定办学基本标准"),
                          claimed=None if said is None else said.answer)
    if not unknown.empty:
        detail = _detail(ctx, unknown)
        return ItemResult(ind, value, Status.MISSING, detail=detail, note=note,
                          gap=_sentence(detail, "缺少核查所需数据"),
                          closes="补齐这些学校的班级学生数和校舍设施数据")
    return _attested_rest(ctx, ind, value, note)


def _attested_rest(ctx: ItemContext, ind: Indicator, value: float, note: str) -> ItemResult:
    """All supplied thresholds met: the clauses the data does not hold are attested."""
    row = ctx.attestations.get(ind.id)
    if row is None:
        return ItemResult(ind, value, Status.ATTESTATION, Basis.ATTESTATION,
                          evidence=ind.evidence,
                          note=f"{note}，全部达标；省定标准的其余条目须县级认定",
                          closes=attestation_closes(ind))
    if row.answer and row.generic:
        return unsupported(ind, row, value, note=f"{note}，全部达标；省定标准的其余条目须佐证")
    status = Status.MET if row.answer else Status.NOT_MET
    said = "其余条目达到要求" if row.answer else "其余条目未达到要求"
    return ItemResult(ind, value, status, Basis.ATTESTATION,
                      evidence=row.evidence or ind.evidence,
                      note=f"{note}，全部达标；县级认定：{said}", claimed=row.answer)


FORMULAS: Mapping[str, ItemFormula] = {
    "province_school_standard": province_school_standard,
}
