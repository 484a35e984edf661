"""2020 preschool: every kindergarten's 办园条件 (premises, outdoor space, toys and books).

Source: 教督〔2020〕1号《县域学前教育普及普惠督导评估办法》(保教质量保障: 幼儿园办园条件达到
规定要求); the building reference is 《幼儿园建设标准》(建标175-2016). No per-child figure of
either document could be cited here with certainty, so the item is not decided by thresholds: the
county attests it in 县级认定 (是 → 达标, 否 → 未达标, no row → 待核实), and the item lists every
kindergarten with the building and outdoor area per child the workbook records (or that it
records none), so the inspector can check each against 建标175-2016.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.evaluate.items import (
    Basis,
    ItemContext,
    ItemFormula,
    ItemResult,
    Status,
    attestation_closes,
    unsupported,
)
from junheng.evaluate.preschool_measures import kindergartens
from junheng.model import numbers
from junheng.standards import Indicator

AREAS = (("building_area", "生均建筑面积"), ("sports_area", "生均户外活动场地面积"))


def kindergarten_premises(ctx: ItemContext) -> pd.DataFrame:
    """Kindergartens with children: school_id, name, children, and per child the building and
    outdoor (体育运动场馆) area from 校舍设施 (NaN where the sheet has no figure)."""
    k = kindergartens(ctx.data)
    k = k[k["children"] > 0].reset_index(drop=True)
    facilities = ctx.data.facilities
    out = k[["school_id", "name", "children"]].copy()
    for column, _ in AREAS:
        if column in facilities:
            total = facilities.groupby("school_id")[column].sum(min_count=1)
            area = out["school_id"].map(total).astype(float)
        else:
            area = pd.Series(np.nan, index=out.index)
        out[column] = area / out["children"].astype(float)
    return out


def _line(row: Mapping) -> str:
    parts = [f"{label} {numbers.trimmed(row[col], 2)} 平方米" for col, label in AREAS
             if row[col] == row[col]]
    return "；".join(parts) if parts else "校舍设施表未填写园舍面积"


def kindergarten_conditions(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """办园条件 attested by the county; every kindergarten listed with its areas per child."""
    premises = kindergarten_premises(ctx)
    if premises.empty:
        return ItemResult(ind, None, Status.NOT_APPLICABLE, note="没有在园幼儿的幼儿园")
    detail = premises[["school_id", "name"]].assign(
        gap=[_line(r) for r in premises.to_dict("records")])
    blank = int(premises[[c for c, _ in AREAS]].isna().all(axis=1).sum())
    note = f"列出 {len(premises)} 所幼儿园的生均园舍面积供督学核对（参照建标175-2016，未按标准判定）"
    if blank:
        note += f"，其中 {blank} 所校舍设施表未填写园舍面积"
    row = ctx.attestations.get(ind.id)
    if row is None:
        return ItemResult(ind, None, Status.ATTESTATION, Basis.ATTESTATION, evidence=ind.evidence,
                          detail=detail, note=note, closes=attestation_closes(ind))
    if row.answer and row.generic:
        return unsupported(ind, row, detail=detail, note=note)
    status = Status.MET if row.answer else Status.NOT_MET
    said = "办园条件达到规定要求" if row.answer else "办园条件未全部达到规定要求"
    return ItemResult(ind, 1.0 if row.answer else 0.0, status, Basis.ATTESTATION,
                      evidence=row.evidence or ind.evidence, detail=detail,
                      note=f"{note}；县级认定：{said}", claimed=row.answer)


FORMULAS: Mapping[str, ItemFormula] = {
    "kindergarten_conditions": kindergarten_conditions,
}
