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
from junheng.model.codes_v2 import KINDERGARTEN_POSTS
from junheng.standards import Indicator

POSTS = ("director", "caregiver", "health_worker")
POST_LABELS = {code: label for label, code in KINDERGARTEN_POSTS.items()}


def kindergarten_staff_certified(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Share of 园长, 保育员 and 卫生保健人员 with their post's certificate (100% required)."""
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
    gaps = [("岗位资格证书未填写" if pd.isna(c) else f"{POST_LABELS[p]}须取得岗位资格证书")
            for p, c in zip(bad["kindergarten_post"], bad["post_certified"], strict=True)]
    detail = pd.DataFrame({"school_id": bad["school_id"].to_numpy(),
                           "teacher_id": bad["teacher_id"].to_numpy(),
                           "post": [POST_LABELS[p] for p in bad["kindergarten_post"]],
                           "gap": gaps})
    per_post = staff["kindergarten_post"].value_counts()
    counts = "、".join(f"{POST_LABELS[p]} {int(per_post[p])} 人" for p in POSTS if p in per_post)
    gap = f"{len(bad)} 名园长、保育员或卫生保健人员须取得岗位资格证书" if len(bad) else ""
    return ItemResult(ind, value, status, detail=detail, gap=gap, note=f"核查 {counts}")


FORMULAS: Mapping[str, ItemFormula] = {
    "kindergarten_staff_certified": kindergarten_staff_certified,
}
