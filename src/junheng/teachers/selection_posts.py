"""Posts for the 县管校聘 selection from the staffing step.

A school's posts are its quota — the approved 核定编制数 when the county has one, else the
standard quota of :mod:`junheng.teachers.staffing` — less the staff who stay (teachers not in
the selection pool); a 乡村 school must be filled to ``rural_share`` of its posts (rounded
down): its minimum.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from junheng.model import CountyData
from junheng.teachers.rules import STAGE_KEYS, StaffingRules
from junheng.teachers.staffing import school_quotas


def posts_from_staffing(data: CountyData, pool: Iterable[str], rules: StaffingRules,
                        rural_share: float = 1.0
                        ) -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """``(posts, minimum, rural schools)`` per school (see the module docstring)."""
    pool = set(pool)
    quotas = school_quotas(data, rules)
    quota = quotas["approved_quota"].fillna(quotas["standard_quota"]).astype(int)
    t = data.teachers[data.teachers["stage"].isin(STAGE_KEYS)
                      & ~data.teachers["teacher_id"].isin(pool)]
    staying = t.groupby("school_id").size()
    posts = {s: max(0, int(q) - int(staying.get(s, 0)))
             for s, q in zip(quotas["school_id"], quota, strict=True)}
    rural = frozenset(quotas.loc[quotas["area"] == "rural", "school_id"])
    minimum = {s: math.floor(rural_share * posts[s] + 1e-9) for s in rural if posts[s] > 0}
    return posts, {s: m for s, m in minimum.items() if m}, rural
