"""2020 preschool: 园长、保育员、卫生保健人员 hold the certificate their post requires.

Source: 教督〔2020〕1号《县域学前教育普及普惠督导评估办法》(保教质量保障: 园长、专任教师、保育员、
卫生保健人员持证上岗). 专任教师 are checked by ``kindergarten_certified`` (教师资格证); this item
reads the v2 教师 columns 幼儿园岗位 and 岗位资格证书 for the other posts, in kindergartens and
附设幼儿班 alike. Without those columns the item waits for data (待核实).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.evaluate.items import ItemContext, ItemFormula, ItemResult, Status, share_status
from junheng.evaluate.preschool_measures import kindergartens
from junheng.model.codes_v2 import KINDERGARTEN_POSTS
from junheng.standards import Indicator

POSTS = ("director", "caregiver", "health_worker")
POST_LABELS = {code: label for label, code in KINDERGARTEN_POSTS.items()}


def kindergarten_staff_certified(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Share of 园长, 保育员 and 卫生保健人员 with their post's certificate (100% required).

    ``detail`` has one row per kindergarten (named) with its uncertified staff by post, and a
    全县 row when the recorded posts are too few to be the whole staff (see :func:`staff_doubt`).
    """
    staff = ctx.data.teachers
    if "kindergarten_post" not in staff:
        staff = staff.iloc[0:0].assign(kindergarten_post=pd.Series(dtype=object))
    staff = staff[staff["kindergarten_post"].isin(POSTS)]
    if staff.empty:
        return ItemResult(ind, None, Status.MISSING, note="教师表未填写幼儿园岗位（园长、保育员、卫生保健人员）",
                          closes="在教师表为幼儿园教职工填写“幼儿园岗位”和“岗位资格证书”")
    ok = staff["post_certified"].astype("boolean").reset_index(drop=True)
    value, status = share_status(ok, ind)
    bad = staff[~staff["post_certified"].astype("boolean").fillna(False).astype(bool).to_numpy()]
    per_post = staff["kindergarten_post"].value_counts()
    counts = "、".join(f"{POST_LABELS[p]} {int(per_post[p])} 人" for p in POSTS if p in per_post)
    doubt = staff_doubt(ctx, per_post)
    detail = _per_kindergarten(ctx, bad)
    if doubt:
        detail = pd.concat([detail, pd.DataFrame([{"school_id": "", "name": "全县", "staff": 0,
                                                   "gap": doubt}])], ignore_index=True)
    gap = f"{len(bad)} 名园长、保育员或卫生保健人员须取得岗位资格证书" if len(bad) else ""
    note = f"核查 {counts}" + (f"；{doubt}" if doubt else "")
    return ItemResult(ind, value, status, detail=detail, gap=gap, note=note)


def _per_kindergarten(ctx: ItemContext, bad: pd.DataFrame) -> pd.DataFrame:
    """One row per kindergarten with uncertified staff: '园长 1 人、保育员 2 人须取得岗位资格证书'
    (an unknown certificate is '岗位资格证书未填写')."""
    rows = []
    for school_id, group in bad.groupby("school_id", sort=False):
        parts = []
        for post in POSTS:
            of_post = group[group["kindergarten_post"].eq(post)]
            known = int(of_post["post_certified"].notna().sum())
            if known:
                parts.append(f"{POST_LABELS[post]} {known} 人须取得岗位资格证书")
            if len(of_post) > known:
                parts.append(f"{POST_LABELS[post]} {len(of_post) - known} 人岗位资格证书未填写")
        rows.append({"school_id": school_id, "staff": len(group), "gap": "；".join(parts)})
    out = pd.DataFrame(rows, columns=["school_id", "staff", "gap"])
    return out.assign(name=ctx.frames.name_of(out["school_id"]))[
        ["school_id", "name", "staff", "gap"]]


def staff_doubt(ctx: ItemContext, per_post: pd.Series) -> str:
    """A data problem to check, or ``""``: fewer 保育员 recorded than half the kindergartens'
    classes (《幼儿园教职工配备标准（暂行）》 staffs a full-day class with 1 保育员), or fewer
    卫生保健人员 than kindergartens (each needs at least one). Deliberately loose: it flags a
    teacher sheet that lists only part of the staff, not a staffing shortfall."""
    k = kindergartens(ctx.data)
    gardens, classes = len(k), int(k["classes"].sum())
    found = []
    caregivers, health = int(per_post.get("caregiver", 0)), int(per_post.get("health_worker", 0))
    if classes and caregivers < classes / 2:
        found.append(f"保育员 {caregivers} 人，不足 {gardens} 所幼儿园 {classes} 个班的一半（全日制每班应配保育员 1 名）")
    if gardens and health < gardens:
        found.append(f"卫生保健人员 {health} 人，少于幼儿园数 {gardens} 所（每园至少 1 名）")
    if not found:
        return ""
    return ("数据待核：" + "；".join(found)
            + "。教师表可能只为部分教职工填写了幼儿园岗位，请核对后补填，持证率按补填后的人数计算")


FORMULAS: Mapping[str, ItemFormula] = {
    "kindergarten_staff_certified": kindergarten_staff_certified,
}
