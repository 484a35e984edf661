"""An independent check of the joint 临时周转 rule of the 达标路径 (rules 1–4 of
:mod:`~junheng.planning.compliance_temporary`, brief hj), re-derived from each school's yearly
普通教室 gaps (``gaps``, its rooms short in the target year ``short``), the layout's rooms
borrowed there by year and the threshold, without the plan's own functions.

For a school whose rooms borrowed across both plans — the layout's years joined with each year
the 达标路径's need (the gap, capped at ``short`` after the target year) exceeds the rooms it
builds — would run longer than ``peak_years`` and where the layout's years alone do not, both
counted from the first year a new room could be in use (``since``: the problem's first year plus
the build time of 教学及辅助用房, :func:`~.layout_years.run_start`, the one run start of both plans
and both checkers; else the first year of ``gaps``; review rv4 4: the years before it are
borrowed whatever is built and join no run), the check refuses:

* rooms built for the rule (``joint``) other than the fewest from the plan's own count that
  keep every run within the limit (rules 1–2);
* such rooms whose last one (room number ``built``) is in use — a year's need at least its
  number — in fewer than ``use_share`` of the years looked at (rule 3);
* a run kept longer without rooms where the fewest rooms that cut it pass rule 3, or not named
  as an exception (``declined`` with those rooms) where they fail it (rule 4).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.planning.compliance_temporary import JOINT_USE_SHARE


def _longest(years) -> int:
    """The longest run of consecutive years.

    >>> _longest([2027, 2028, 2030, 2031, 2032]), _longest([])
    (3, 0)
    """
    best = run = 0
    last = None
    for y in sorted(set(years)):
        run = run + 1 if last is not None and y == last + 1 else 1
        best, last = max(best, run), y
    return best


def check_joint(split: pd.DataFrame | None, layout: Mapping[str, Mapping[int, int]] | None,
                peak: int, target_year: int, names: Mapping[str, str] | None = None,
                use_share: float = JOINT_USE_SHARE, since: int | None = None) -> list[str]:
    """The module docstring's refusals, one sentence each ([] when the split keeps the rule)."""
    if split is None or not len(split) or "short" not in split:
        return []
    out = []
    for r in split.to_dict("records"):
        school, built, joint = str(r["school_id"]), int(r["built"]), int(r.get("joint") or 0)
        short, name = int(r["short"]), (names or {}).get(str(r["school_id"]), str(r["school_id"]))
        need = {int(y): max(int(g), 0) if int(y) <= target_year else min(max(int(g), 0), short)
                for y, g in (r.get("gaps") or {}).items() if since is None or int(y) >= since}
        if not need:
            continue
        start = min(need) if since is None else since
        theirs = {int(y) for y, k in (layout or {}).get(school, {}).items() if k > 0 and int(y) >= start}
        if _longest(theirs) > peak:
            continue
        own = built - joint
        fewest = next((b for b in range(own, max(short, own) + 1)
                       if _longest(theirs | {y for y, k in need.items() if k > b}) <= peak), None)
        used = sum(1 for k in need.values() if fewest is not None and k >= fewest)
        enough = used >= use_share * len(need) - 1e-9
        span = f"{min(need)}—{max(need)} 学年 {len(need)} 个学年中 {used} 个学年使用"
        if joint and fewest != built:
            out.append(f"{name}为使两个方案合计连续临时周转不超过 {peak} 个学年新建 {joint} 间，"
                       f"应为 {0 if fewest is None else fewest - own} 间。")
        elif joint and not enough:
            out.append(f"{name}为使两个方案合计连续临时周转不超过 {peak} 个学年新建 {joint} 间，第 {built} 间在 {span}"
                       f"（不足 {use_share:.0%}），不应新建，应作为例外列明。")
        elif not joint and fewest is not None and fewest > own and enough:
            out.append(f"{name}两个方案合计连续临时周转超过 {peak} 个学年，新建 {fewest - own} 间可缩短，"
                       f"建成后 {span}（不少于 {use_share:.0%}），应新建。")
        elif not joint and fewest is not None and fewest > own and \
                int((r.get("declined") or {}).get("rooms", 0)) != fewest - own:
            out.append(f"{name}两个方案合计连续临时周转超过 {peak} 个学年，新建 {fewest - own} 间建成后 {span}"
                       f"（不足 {use_share:.0%}），应作为例外列明不新建的 {fewest - own} 间。")
    return out
