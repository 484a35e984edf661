"""What keeps a school short of its relief floor (12) to the plan's own rule that a community
goes whole to one school (就近划片), said as the figures are.

A community zoned away from the school may have been split today: part of it at this school,
the rest already at the school the plan zones it to (review rv24 3: 学府社区 595 primary
pupils, 136 at 城关第一小学 and 459 at 东城小学; the remedy 「可把学府社区整体留在本校（本校 1,613
人…；东城小学 595 人减为 459 人…）」 moved 136, 1,477 + 136 = 1,613, and left the community split).
Kept whole at this school, all of it comes here; where that does not fit, keeping only the
pupils the school has today is said for what it is, the community still split between two
schools.
"""

from __future__ import annotations

#: a split community's remedy says it stays split (rv24 3)
SPLIT_STAYS = "该社区仍由两校分别接收，不是就近划片的整体划入一所学校"


def community_totals(plan, school_id: str) -> dict[tuple[str, str], tuple[int, str]]:
    """(community, receiver name) → all its pupils the plan gives that receiver in the grade
    groups it moves away from ``school_id`` (the community kept whole would bring them all) and
    their 学段 ('' for both)."""
    moved: dict[tuple[str, str], set[str]] = {}
    for a in plan.assignments:
        if a.before_school == school_id and a.school_id != school_id:
            moved.setdefault((a.village_id, a.school_id), set()).add(a.stage_group)
    out: dict[tuple[str, str], tuple[int, str]] = {}
    for a in plan.assignments:
        if a.stage_group in (groups := moved.get((a.village_id, a.school_id), ())):
            key = (a.village_name or a.village_id, plan.names.get(a.school_id, a.school_id))
            stages = {"初中" if g == "grades_7_9" else "小学" for g in groups}
            out[key] = (out.get(key, (0, ""))[0] + int(a.students), stages.pop() if len(stages) == 1 else "")
    return out


def keep_whole(size: int, floor: int, parts, rooms=None, seats: int = 0, whole=None) -> str:
    """The smallest community zoned away (``parts``: community, receiver, pupils moved from this
    school) that, kept whole here (``whole``: (community, receiver) → all its pupils at the
    receiver and their 学段, :func:`community_totals`; the moved ones where not given), closes the gap within the school's ``seats`` (0:
    unknown) and leaves its receiver at or above its own floor (``rooms``: receiver → seats,
    pupils after, floor), its trip to be checked (the plan holds no time to a school it does
    not assign); else the smallest split community whose pupils here today would close it,
    said with why the whole does not fit and that it stays split; else none; then the plan as
    it is, the school at its share of the floor ('' without a community zoned away).

    >>> keep_whole(1_477, 1_483, [("行政路社区", "实验小学", 300), ("学府社区", "东城小学", 136),
    ...            ("行政路社区", "实验小学", 98)], {"东城小学": (765, 595, 413)}, 1_980)
    '；可把学府社区整体留在本校（本校 1,613 人，达到下限，在学位 1,980 个之内；东城小学 595 人减为 459 人，不低于其分流下限 413 人；须核对该社区到本校的走读时间），或维持本方案（本校为下限的 99.6%）'
    >>> print(keep_whole(1_477, 1_483, [("学府社区", "东城小学", 136)], {"东城小学": (765, 595, 413)}, 1_980,
    ...                  {("学府社区", "东城小学"): (595, "小学")}))
    ；学府社区规划年小学 595 人（现由本校接收 136 人），整体划入本校会使本校 2,072 人、超出学位 1,980 个，东城小学减为 0 人、低于其分流下限 413 人；可让其中现由本校接收的 136 人留在本校（本校 1,613 人，达到下限，在学位 1,980 个之内；东城小学 595 人减为 459 人，不低于其分流下限 413 人；该社区仍由两校分别接收，不是就近划片的整体划入一所学校），或维持本方案（本校为下限的 99.6%）
    >>> keep_whole(1_477, 1_483, [("学府社区", "东城小学", 136)], {"东城小学": (765, 500, 413)}, 1_980)
    '；划出的社区整体留在本校，都会使接收学校低于其分流下限、超出本校学位或仍不足下限，或维持本方案（本校为下限的 99.6%）'
    >>> keep_whole(1_477, 1_483, [])
    ''
    """
    got: dict[tuple[str, str], int] = {}
    for village, school, n in parts:
        got[(village, school)] = got.get((village, school), 0) + int(n)
    if not got:
        return ""
    rooms, whole = rooms or {}, whole or {}
    total = {key: max(int(whole.get(key, (n, ""))[0]), n) for key, n in got.items()}
    stage = {key: whole.get(key, (0, ""))[1] for key in got}
    share = f"或维持本方案（本校为下限的 {100 * size / floor:.1f}%）"
    within = f"，在学位 {seats:,} 个之内" if seats else ""

    def fits(school: str, n: int) -> bool:
        _, after, own = rooms.get(school, (0, n, 0))
        return size + n >= floor and (not seats or size + n <= seats) and after - n >= own

    def receiver(school: str, n: int) -> str:
        after, own = rooms.get(school, (0, 0, 0))[1:]
        return (f"{school} {after:,} 人减为 {after - n:,} 人" + (f"，不低于其分流下限 {own:,} 人" if own else "")
                if school in rooms else f"{school}相应少 {n:,} 人")

    if enough := sorted((total[(v, s)], v, s) for (v, s) in got if fits(s, total[(v, s)])):
        n, village, school = enough[0]
        of = (f"该社区规划年{stage[(village, school)]} {n:,} 人，其中现由本校接收 {got[(village, school)]:,} 人；"
              if n > got[(village, school)] else "")
        return (f"；可把{village}整体{'划入' if of else '留在'}本校（{of}本校 {size + n:,} 人，达到下限{within}；"
                f"{receiver(school, n)}；须核对该社区到本校的走读时间），{share}")
    if split := sorted((n, v, s) for (v, s), n in got.items() if total[(v, s)] > n and fits(s, n)):
        n, village, school = split[0]
        return (f"；{village}规划年{stage[(village, school)]} {total[(village, school)]:,} 人（现由本校接收 {n:,} 人），整体划入本校会使"
                f"{_whole_misfit(size, floor, seats, school, total[(village, school)], rooms)}；可让其中现由本校接收的 "
                f"{n:,} 人留在本校（本校 {size + n:,} 人，达到下限{within}；{receiver(school, n)}；{SPLIT_STAYS}），{share}")
    return f"；划出的社区整体留在本校，都会使接收学校低于其分流下限、超出本校学位或仍不足下限，{share}"


def _whole_misfit(size: int, floor: int, seats: int, school: str, n: int, rooms) -> str:
    """Why a community of ``n`` pupils kept whole does not fit: the seats it overflows, the
    receiver's floor it breaks, the floor it still misses."""
    after, own = rooms.get(school, (0, n, 0))[1:]
    out = [f"本校 {size + n:,} 人、超出学位 {seats:,} 个" if seats and size + n > seats else "",
           f"{school}减为 {after - n:,} 人、低于其分流下限 {own:,} 人" if after - n < own else "",
           f"本校 {size + n:,} 人、仍不足下限 {floor:,} 人" if size + n < floor else ""]
    return "，".join(x for x in out if x)


__all__ = ["SPLIT_STAYS", "community_totals", "keep_whole"]
