"""What a loan of :mod:`~.layout_lend` rests on (review rv8 2): a lender's spare rooms that are
the rooms of an unfinished 改扩建 project (实验小学 lent the 14 rooms of its overdue project in
2027 and the plan never said so), and 初中 classes placed in a 小学.

A lender's spare rooms in a year (:func:`~.layout_lend.spare_rooms`) count its project's rooms
(``unfinished_projects``, :func:`~.layout_conditions.with_added_rooms`); those it has without
them are the spare rooms less the project's, and its loans take those first, in the order
:func:`~.layout_lend.placements` lends (most rooms first): what a loan takes beyond them is the
project's, and is rented if the project slips.
"""

from __future__ import annotations

from junheng.model.times import today_beijing
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

#: the sentence where 初中 classes are placed in a 小学
JUNIOR_IN_PRIMARY = "初中班级借用小学校舍的，须按初中配备课桌椅和实验条件，作息分开安排"
_STATUS = {"planned": "规划", "under_construction": "在建"}


def project_words(plan: LayoutOutcome, s: PlannedSchool) -> str:
    """'逾期未竣工的…改扩建项目' of ``s``'s unfinished projects ('' without): overdue where its
    竣工日期 is before the plan's date, else its status and date.

    >>> plan = LayoutOutcome("optimal", (), {}, rules={"plan_date": "2026-12-06"})
    >>> late = {"name": "实验小学教学楼改扩建", "status": "under_construction", "due": "2025-12-31", "rooms": 14}
    >>> project_words(plan, PlannedSchool("L", "实验小学", "keep", unfinished_projects=(late,)))
    '逾期未竣工的实验小学教学楼改扩建项目'
    >>> due = {**late, "due": "2027-08-20"}
    >>> project_words(plan, PlannedSchool("L", "实验小学", "keep", unfinished_projects=(due,)))
    '在建的实验小学教学楼改扩建项目（计划 2027 年 8 月竣工）'
    """
    today = str((plan.rules or {}).get("plan_date") or today_beijing().isoformat())
    out = []
    for p in s.unfinished_projects:
        due = str(p.get("due") or "")
        if due and due < today:
            out.append(f"逾期未竣工的{p['name']}项目")
        else:
            when = f"（计划 {int(due[:4])} 年 {int(due[5:7])} 月竣工）" if due else ""
            out.append(f"{_STATUS.get(str(p.get('status')), '未竣工')}的{p['name']}项目{when}")
    return "、".join(out)


def project_loans(plan: LayoutOutcome, placed: list) -> dict[tuple[str, int, str], int]:
    """(borrower, school year, lender) -> the rooms of that loan that are the lender's
    unfinished project's (module docstring), only those above 0."""
    by_id = {s.school_id: s for s in plan.schools}
    taken: dict[tuple[int, str], int] = {}
    out = {}
    for p in sorted(placed, key=lambda p: (p.year, -p.rooms, p.school_id)):
        for k, _d, n, spare in p.lenders:
            project = sum(int(x.get("rooms") or 0) for x in by_id[k].unfinished_projects) if k in by_id else 0
            if not project:
                continue
            own, before = max(spare - project, 0), taken.get((p.year, k), 0)
            rooms = max(before + n - own, 0) - max(before - own, 0)
            taken[(p.year, k)] = before + n
            if rooms > 0:
                out[(p.school_id, p.year, k)] = rooms
    return out


def project_note(plan: LayoutOutcome, k: str, rooms: int) -> str:
    """'；所借教室中 7 间为逾期未竣工的…项目新增教室，项目延误时须改为租用' ('' for 0)."""
    s = next((x for x in plan.schools if x.school_id == k), None)
    if not rooms or s is None:
        return ""
    return f"；所借教室中 {rooms} 间为{project_words(plan, s)}新增教室，项目延误时须改为租用"


def junior_in_primary(plan: LayoutOutcome, placed: list) -> bool:
    """Whether a school borrowing 初中 rooms (a 过渡期 row of the stage, or an overflow) borrows
    them from a school without 初中 seats."""
    junior = {(r.school_id, r.year) for r in plan.transition if r.stage == "junior" and r.temporary}
    junior |= {(sid, r.year) for r in plan.transition if r.stage == "junior" for sid, *_ in r.crowded_at}
    junior |= {(s, int(y)) for y, s, st, _n in plan.overflow if st == "junior"}
    by_id = {s.school_id: s for s in plan.schools}
    return any((p.school_id, p.year) in junior and k in by_id
               and not int(by_id[k].lasting_capacity.get("junior", 0)) for p in placed for k, *_ in p.lenders)
