"""人编岗一致 from the staffing engine (:mod:`junheng.teachers.staffing`): schools whose staff on
the quota, approved quota (核定编制) and posts agree."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from junheng.ledger.registry import MeasureContext, Params, Reading, measure, missing, share_of

Finding = Literal["over_quota", "vacancy", "posts", "post_over", "below_standard"]
SHOWN = 5


class ConsistencyParams(Params):
    findings: tuple[Finding, ...] = Field(
        default=("over_quota", "vacancy", "posts", "post_over"), min_length=1)


@measure("staffing_consistent_share", "人编岗一致学校占比", "share", "比例", ConsistencyParams)
def staffing_consistent_share(ctx: MeasureContext, p: ConsistencyParams) -> Reading:
    """“编制岗位”表所列学校中，人编岗一致的比例：在编人数等于核定编制（不超编、不空编），岗位数
    合计等于核定编制，各类岗位在岗人数不超过岗位数（findings 可加 below_standard：核定编制不低于按
    编制标准测算的数）。教学点计入其中心校。计入的行为一致的学校，说明列出不一致的情形。"""
    from junheng.teachers.staffing import staffing_report

    staffing = ctx.data.staffing
    if staffing.empty:
        return missing("没有“编制岗位”表（核定编制数）")
    found = staffing_report(ctx.data).consistency
    found = found[found["kind"].isin(p.findings)]
    ids = list(dict.fromkeys(staffing["school_id"]))
    consistent = [i for i in ids if i not in set(found["school_id"])]
    messages = found["message"].tolist()
    note = ""
    if messages:
        more = f"等 {len(messages)} 处" if len(messages) > SHOWN else ""
        note = f"不一致：{'；'.join(messages[:SHOWN])}{more}"
    return share_of(consistent, len(ids), note)
