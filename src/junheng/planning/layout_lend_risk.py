"""What a loan of :mod:`~.layout_lend` rests on (review rv8 2): a lender's spare rooms that are
the rooms of an unfinished 改扩建 project (实验小学 lent the 14 rooms of its overdue project in
2027 and the plan never said so), and 初中 classes placed in a 小学.

A lender's spare rooms in a year (:func:`~.layout_lend.spare_rooms`) count its project's rooms
(``unfinished_projects``, :func:`~.layout_conditions.with_added_rooms`); those it has without
them are the spare rooms less the project's, and its loans take those first, in the order
:func:`~.layout_lend.placements` lends (most rooms first): what a loan takes beyond them is the
project's, and is rented if the project slips: :func:`project_risk` prices that (review
rv9). :func:`held_words` names the schools with spare rooms that their 校额上限 or sports floor
keeps from lending (:func:`~.layout_lend.campus_room`).
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


def project_risk(plan: LayoutOutcome, placed: list) -> str:
    """'借用未竣工项目新增教室共 … 间·学年…': the rooms of :func:`project_loans` × their school
    years at the price of a room-year (:func:`~.layout_waiting.room_year_yuan`), what renting them
    costs if the projects slip (review rv9: the plan said 「项目延误时须改为租用」 with no
    figure), "" without such a loan.

    >>> from junheng.planning.layout_lend import Placed
    >>> late = {"name": "实验小学教学楼改扩建", "status": "under_construction", "due": "2025-12-30", "rooms": 14}
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("L", "实验小学", "keep", unfinished_projects=(late,)),), {},
    ...                      costs={"temporary_room_yuan": 20_000.0})
    >>> project_risk(plan, [Placed("A", 2027, 7, (("L", 1.0, 7, 14),)), Placed("A", 2028, 5, (("L", 1.0, 5, 14),))])
    '借用未竣工项目新增教室共 12 间·学年（2027 学年 7 间、2028 学年 5 间），项目延误时须改为租用校外用房，按每间每学年 2.00 万元计租金约 24.00 万元，列为风险（临时周转费用已按同一单价计入；借用不付租金的，这笔租金为实际新增支出）'
    """
    from junheng.planning.layout_waiting import room_year_yuan

    years: dict[int, int] = {}
    for (_sid, year, _k), n in project_loans(plan, placed).items():
        years[year] = years.get(year, 0) + n
    if not years:
        return ""
    total, price = sum(years.values()), room_year_yuan(plan)
    said = "、".join(f"{y} 学年 {n} 间" for y, n in sorted(years.items()))
    return (f"借用未竣工项目新增教室共 {total} 间·学年（{said}），项目延误时须改为租用校外用房，"
            f"按每间每学年 {price / 10_000:,.2f} 万元计租金约 {total * price / 10_000:,.2f} 万元，列为风险"
            "（临时周转费用已按同一单价计入；借用不付租金的，这笔租金为实际新增支出）")


#: what :func:`held_words` lists, said before the school years
HELD_HEAD = ("有空余教室、但再借出一个班校内学生就超出校额上限或体育运动场馆低于标准的 85% 的学校"
             "（不出借或不再多借，与学区调整的接收学校同一口径）")
_STAGES = {"primary": "小学", "junior": "初中"}


def limit_words(pupils: int, cap: int, sports: int | None, stage: str) -> str:
    """The limit that binds a school with ``pupils`` on its campus: its 校额上限 ``cap`` (0: none)
    or its sports room ``sports`` for a class of ``stage``, the lesser.

    >>> limit_words(1990, 2000, 30, "junior"), limit_words(1705, 2000, -111, "primary")
    ('校额上限 2,000 人，只能再收 10 人', '体育运动场馆当年已低于标准的 85%，不能再收学生')
    >>> limit_words(700, 2000, 49, "junior")
    '体育运动场馆按标准的 85% 只能再收初中学生 49 人'
    """
    if cap and (sports is None or cap - pupils <= sports):
        return f"校额上限 {cap:,} 人，只能再收 {max(cap - pupils, 0):,} 人"
    if sports is not None and sports < 0:  # below the floor with its own pupils (review rv11 3)
        return "体育运动场馆当年已低于标准的 85%，不能再收学生"
    return f"体育运动场馆按标准的 85% 只能再收{_STAGES.get(stage, '')}学生 {max(sports or 0, 0):,} 人"


def held_words(plan: LayoutOutcome, placed: list) -> str:
    """The schools of :attr:`~.layout_lend.Placed.held` in words, a line a school year (each
    school once a year, with its figures for the first renting school's class), "" without.

    >>> from junheng.planning.layout_lend import Placed
    >>> p = Placed("A", 2027, 7, (), held=(("L", 14, 1705, 2000, -111, "junior"), ("T", 4, 1990, 2000, 30, "junior")))
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("L", "实验小学", "keep"), PlannedSchool("T", "三小", "keep")), {})
    >>> print(held_words(plan, [p]))
    有空余教室、但再借出一个班校内学生就超出校额上限或体育运动场馆低于标准的 85% 的学校（不出借或不再多借，与学区调整的接收学校同一口径）：
    2027 学年：实验小学空余 14 间，校内学生 1,705 人，体育运动场馆当年已低于标准的 85%，不能再收学生；三小空余 4 间，校内学生 1,990 人，校额上限 2,000 人，只能再收 10 人。
    """
    seen: dict[int, dict[str, tuple]] = {}
    for p in sorted(placed, key=lambda p: p.year):
        for k, *figures in p.held:
            seen.setdefault(p.year, {}).setdefault(k, tuple(figures))
    if not seen:
        return ""
    lines = []
    for year, schools in sorted(seen.items()):
        said = []
        for k, (spare, pupils, cap, sports, stage) in schools.items():
            said.append(f"{plan.names.get(k, k)}空余 {spare} 间，校内学生 {pupils:,} 人，"
                        + limit_words(pupils, cap, sports, stage))
        lines.append(f"{year} 学年：" + "；".join(said))
    return HELD_HEAD + "：\n" + "；\n".join(lines) + "。"
