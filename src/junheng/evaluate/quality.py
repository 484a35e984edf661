"""教育质量 and 社会认可度: items computed from the data; the rest come from 县级指标 or evidence.

Only one 2017 quality item is decided by the school tables — the share of public funding
spent on teacher training (经费 sheet). Retention, disabled-children enrolment and
satisfaction are 县级指标; the others are attestations (see ``items.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.evaluate.items import (
    ItemContext,
    ItemFormula,
    ItemResult,
    ceil_count,
    fmt_number,
    fmt_share,
    kind_counts,
    share_status,
)
from junheng.model import numbers
from junheng.standards import Indicator


def training_funding_share(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """Every school spends ≥ ``share`` of its public funding on teacher training.

    Schools are the compulsory schools (teaching points only when they have a 经费 row, since
    their funds usually go through the central school).
    """
    share = ind.params["share"]
    frames = ctx.frames
    public_all = frames.aligned(ctx.data.funding, "public_funding")
    training_all = frames.aligned(ctx.data.funding, "training_funding")
    has_row = frames.positions(ctx.data.funding["school_id"])
    listed = np.zeros(frames.n, dtype=bool)
    listed[has_row[has_row >= 0]] = True
    keep = frames.compulsory & (listed | ~frames.teaching_point)
    schools = frames.schools[keep]
    public = pd.Series(public_all[keep], index=schools.index)
    training = pd.Series(training_all[keep], index=schools.index)
    need = share * public - training
    ok = (need <= 1e-6).astype("boolean").mask(public.isna() | training.isna())
    value, status = share_status(ok.reset_index(drop=True), ind)
    bad = ~ok.fillna(False).astype(bool)
    gaps = [("经费表缺少该校公用经费或培训经费，请补填" if pd.isna(n) else
             f"培训经费 {fmt_number(t)} 元，占公用经费 {fmt_share(t / p if p else None)}，"
             f"需增加 {fmt_number(ceil_count(n))} 元")
            for t, p, n in zip(training[bad], public[bad], need[bad], strict=True)]
    detail = pd.DataFrame({"school_id": schools["school_id"][bad].to_numpy(),
                           "name": schools["name"][bad].to_numpy(),
                           "school_type": schools["school_type"][bad].to_numpy(),
                           "public_funding": public[bad].to_numpy(),
                           "training_funding": training[bad].to_numpy(), "gap": gaps})
    total = need[bad].clip(lower=0).sum()
    # Review finding 22: the share says what it counts, points apart from schools (finding 18)
    kinds = schools["school_type"].where(schools["school_type"].eq("teaching_point"), "school")
    gap = f"需增加教师培训经费 {numbers.shortfall_wan(ceil_count(total))}" if total > 0 else ""
    return ItemResult(ind, value, status, detail=detail, gap=gap,
                      base="达标" + kind_counts(kinds, ok))


FORMULAS: Mapping[str, ItemFormula] = {
    "training_funding_share": training_funding_share,
}
