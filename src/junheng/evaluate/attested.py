"""The 2017 method's one-vote veto items and its prerequisite, from 县级认定.

Source: 教督〔2017〕6号《县域义务教育优质均衡发展督导评估办法》. A county that enrols by
examination, allows irregular school choice, or keeps key schools or key classes is not
recognised, whatever its figures (veto: 县级认定 是 = the practice exists → 未达标; 否 → 达标;
no row → 待核实). An item whose standard entry names data thresholds (不存在违规择校:
``out_of_zone_share``, ``out_of_zone_pupils``) is also checked against the county's own 招生表:
attested 否 while a covered school admits more of its entrants from outside its zone than the
thresholds allow, it is 待核实（县级认定与数据不一致）with the figures, never 达标. A county applies only after its basic balance was recognised by the state at
least three years before (前提条件: recognised in year Y, school year T, met when T − Y ≥ 3).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.evaluate.enrolment import near_zone
from junheng.evaluate.items import (
    Basis,
    ItemContext,
    ItemFormula,
    ItemResult,
    Status,
    attestation_closes,
    fmt_number,
    unsupported,
)
from junheng.evaluate.units import COMPULSORY_STAGES
from junheng.model.labels import STAGE_LABELS
from junheng.model.numbers import percent, trimmed
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
    if (doubt := school_choice_doubt(ctx, ind)) is not None:
        return doubt
    return ItemResult(ind, 0.0, Status.MET, Basis.ATTESTATION, evidence=row.evidence,
                      note="县级认定：不存在该情形")


def out_of_zone_schools(ctx: ItemContext, share: float, pupils: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per stage: entrants, zone_entrants, out; the covered schools whose out-of-zone entrants
    exceed ``share`` of their entrants and number at least ``pupils``), from the 招生表."""
    rows = near_zone(ctx.data, frames=ctx.frames).rows
    rows = rows.assign(entrants=rows["entrants"].astype(float).fillna(0.0),
                       zone_entrants=rows["zone_entrants"].astype(float).fillna(0.0))
    rows = rows[rows["stage"].isin(COMPULSORY_STAGES)]
    stages = rows.groupby("stage", sort=False)[["entrants", "zone_entrants"]].sum()
    stages["out"] = stages["entrants"] - stages["zone_entrants"]
    schools = rows.groupby(["school_id", "name", "stage"], sort=False, as_index=False)[
        ["entrants", "zone_entrants"]].sum()
    schools["out"] = schools["entrants"] - schools["zone_entrants"]
    over = schools["entrants"].gt(0) & schools["out"].ge(pupils) \
        & (schools["out"] > share * schools["entrants"] + 1e-9)
    flagged = schools[over].sort_values("out", ascending=False, kind="stable")
    return stages, flagged.assign(rate=flagged["out"] / flagged["entrants"])


def school_choice_doubt(ctx: ItemContext, ind: Indicator) -> ItemResult | None:
    """待核实 when the county attests 否 to 违规择校 but the 招生表 shows covered schools taking
    more than ``out_of_zone_share`` (and at least ``out_of_zone_pupils``) of their entrants from
    outside their zones; ``None`` when the item names no such thresholds or nothing exceeds them."""
    if "out_of_zone_share" not in ind.params:
        return None
    share, pupils = float(ind.params["out_of_zone_share"]), float(ind.params.get("out_of_zone_pupils", 1))
    stages, flagged = out_of_zone_schools(ctx, share, pupils)
    if flagged.empty:
        return None
    totals = "；".join(f"{STAGE_LABELS[s]}新生 {fmt_number(r.entrants)} 人中划片范围外 {fmt_number(r.out)} 人"
                      for s, r in stages.iterrows() if r.out > 0)
    gaps = [f"{STAGE_LABELS[r.stage]}划片范围外新生 {fmt_number(r.out)} 人 / 新生 {fmt_number(r.entrants)} 人"
            f"（{percent(r.rate, 2)}）" for r in flagged.itertuples()]
    listed = "、".join(f"{n}（{g}）" for n, g in zip(flagged["name"], gaps, strict=True))
    note = (f"县级认定不存在该情形，但招生表显示城区和镇区公办非寄宿制学校{totals}；"
            f"划片范围外新生超过本校新生 {trimmed(share * 100)}% 且不少于 {fmt_number(pupils)} 人的学校 "
            f"{len(flagged)} 所：{listed}" + screen_note(share, pupils))
    detail = flagged[["school_id", "name", "stage", "entrants", "zone_entrants", "out", "rate"]] \
        .assign(gap=gaps).reset_index(drop=True)
    return ItemResult(ind, None, Status.ATTESTATION, Basis.ATTESTATION, evidence=ind.evidence,
                      note=note, detail=detail, claimed=True, disputed=True,
                      closes="逐校核实划片范围外新生的入学依据（政策性照顾、随迁子女统筹安置等），"
                             "在“县级认定”表“违规择校”的佐证说明中写明；查实的依规处理并如实认定")


def screen_note(share: float, pupils: float) -> str:
    """What the 违规择校 thresholds are (review rv 10: 「5% 且不少于 10 人」 read as the standard's
    under a one-vote veto item): the system's screening rule, not 教督〔2017〕6号's text, and
    what an inspector checks at each school named.

    >>> print(screen_note(0.05, 10))
    （“超过 5% 且不少于 10 人”是本报告设定的筛查线，不是评估办法（教督〔2017〕6号）的条文，只提示需要核实，不据此认定存在违规择校；督导核查时逐校查看这些新生的入学依据：是否属政策性照顾、随迁子女统筹安置，户籍和实际居住地是否在本校划片范围内，是否经招生入学程序批准）
    """
    return (f"（“超过 {trimmed(share * 100)}% 且不少于 {fmt_number(pupils)} 人”是本报告设定的筛查线，"
            "不是评估办法（教督〔2017〕6号）的条文，只提示需要核实，不据此认定存在违规择校；督导核查时逐校查看这些新生的"
            "入学依据：是否属政策性照顾、随迁子女统筹安置，户籍和实际居住地是否在本校划片范围内，是否经招生入学程序批准）")


def prerequisite_texts(ind: Indicator, value: float | None) -> tuple[str, str] | None:
    """(现值, 标准) of the basic-balance prerequisite, 「11 年」 and 「≥3 年」 (review rv10: 自评 表 13
    read 「11年 | —」); None for any other item.

    >>> from junheng.standards import load_standard
    >>> prerequisite_texts(load_standard("quality-2017").indicator("basic_balance_recognised"), 11.0)
    ('11 年', '≥3 年')
    """
    if ind.formula != "prerequisite":
        return None
    shown = "—" if value is None else f"{fmt_number(value)} {ind.unit}"
    return shown, f"≥{fmt_number(ind.params['years'])} {ind.unit}"


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
