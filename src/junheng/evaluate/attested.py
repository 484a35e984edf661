"""The 2017 method's one-vote veto items and its prerequisite, from 县级认定.

Source: 教督〔2017〕6号《县域义务教育优质均衡发展督导评估办法》. A county that enrols by
examination, allows irregular school choice, or keeps key schools or key classes is not
recognised, whatever its figures (veto: 县级认定 是 = the practice exists → 未达标; 否 → 达标;
no row → 待核实). A county applies only after its basic balance was recognised by the state at
least three years before (前提条件: recognised in year Y, school year T, met when T − Y ≥ 3).
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.evaluate.items import (
    Basis,
    ItemContext,
    ItemFormula,
    ItemResult,
    Status,
    attestation_closes,
    unsupported,
)
from junheng.standards import Indicator


def veto_item(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """A veto practice: attested present (是) fails the verdict, absent (否) passes it."""
    row = ctx.attestations.get(ind.id)
    if row is None:
        return ItemResult(ind, None, Status.ATTESTATION, Basis.ATTESTATION, evidence=ind.evidence,
                          note="县级认定表未填写该事项", closes=attestation_closes(ind))
    if not row.answer and row.generic:
        return unsupported(ind, row)
    if row.answer:
        return ItemResult(ind, 1.0, Status.NOT_MET, Basis.ATTESTATION, evidence=row.evidence,
                          note="县级认定：存在该情形，一票否决")
    return ItemResult(ind, 0.0, Status.MET, Basis.ATTESTATION, evidence=row.evidence,
                      note="县级认定：不存在该情形")


def prerequisite_item(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Basic balance recognised at least ``years`` before the school year; the value is the
    number of years since recognition."""
    years = int(ind.params["years"])
    row = ctx.attestations.get(ind.id)
    if row is None or (row.answer and row.year is None):
        return ItemResult(ind, None, Status.ATTESTATION, Basis.ATTESTATION, evidence=ind.evidence,
                          note="县级认定表未填写基本均衡认定及认定年份",
                          closes=attestation_closes(ind) + "，并填写认定年份")
    if not row.answer:
        return ItemResult(ind, None, Status.NOT_MET, Basis.ATTESTATION, evidence=row.evidence,
                          note="县级认定：尚未通过国家义务教育发展基本均衡县认定")
    if row.generic:
        return unsupported(ind, row)
    since = ctx.data.school_year - row.year
    status = Status.MET if since >= years else Status.NOT_MET
    gap = "" if status is Status.MET else \
        f"{row.year} 年通过认定，须满 {years} 年（{row.year + years} 学年起）方可申请"
    return ItemResult(ind, float(since), status, Basis.ATTESTATION, evidence=row.evidence,
                      note=f"{row.year} 年通过国家基本均衡县认定，距本学年 {since} 年", gap=gap)


FORMULAS: Mapping[str, ItemFormula] = {
    "veto": veto_item,
    "prerequisite": prerequisite_item,
}
