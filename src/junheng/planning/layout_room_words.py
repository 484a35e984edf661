"""A kept school's rooms in one set of words for the 调整项目 table (表3) and the school's reason
(the 理由 column), so the two agree (review rv5 finding 5: at 实验中学 表3 said 「新建普通教室
1 间」 while the 理由 said 「按学段学位计（新增 2 间后）已够用…本方案不定此校加建间数」)."""

from __future__ import annotations

from junheng.planning.compliance_costs import shared_use_words
from junheng.planning.layout_borrow import Borrowing, borrow_words, school_borrowing
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_unmet import DECIDED_LATER

#: How the layout's per-school note on rooms begins (planner review finding 6).
ROOM_NOTE = "按学段学位计"


def room_notes(shortfalls: dict[str, int], added: dict[str, int]) -> dict[str, str]:
    """Per kept school whose classes formed grade by grade lack rooms after the plan: the
    difference from the plan's seats per stage, with the figures (planner review finding 6:
    the layout said 22 rooms sufficed at 新区实验学校, the 达标路径 built 4 more). The layout
    is written before the 达标路径, which counts the forecast's pupils: the note says what is
    short and that the 达标路径 decides, never that it builds these rooms (review finding 15:
    "约缺 1 间…由达标路径补足" where it built none).

    >>> room_notes({"A": 3, "B": 0}, {"A": 22})
    {'A': '按学段学位计（新增 22 间后）已够用；按年级编班（每个年级按标准班额）约缺 3 间普通教室。本方案不定此校加建间数：按年级编班所缺教室由达标路径按招生预测的学生逐年级复核（规划年及其前后各学年），缺口不超过临时周转年限的学年以临时周转解决、不新建，其余加建，间数可能多于或少于此数，以达标路径（整改措施“布局调整与达标路径合计”）所列为准。'}
    """
    out = {}
    for sid, n in shortfalls.items():
        if n > 0:
            built = f"（新增 {added[sid]:,} 间后）" if added.get(sid) else ""
            out[sid] = (f"{ROOM_NOTE}{built}已够用；按年级编班（每个年级按标准班额）约缺 {n:,} 间普通教室。"
                        f"{DECIDED_LATER}")
    return out


def room_words(built: int, rows: Borrowing | None, target_year: int | None, since: int | None = None,
               peak: int | None = None) -> list[str]:
    """A kept school's rooms as the 调整项目 table (表3) says them: the rooms it builds, then its
    临时周转 by year (:func:`~.layout_borrow.borrow_words`, ``since`` the run start); the reason of a plan with 过渡期
    rows says the same words (:func:`counted_rooms`, review rv5 finding 5).

    >>> room_words(1, Borrowing({2027: 9, 2028: 11, 2029: 4, 2030: 2}, {"junior": 2}), 2030)
    ['新建普通教室 1 间', '临时周转普通教室至多 11 间（2027—2030 学年借用，规划年 2030 学年 2 间；借用的教室不新建，见“过渡期”）']
    >>> room_words(0, None, 2030)
    []
    """
    return ([f"新建普通教室 {built} 间"] if built else []) + ([borrow_words(rows, target_year, since, peak)] if rows else [])


def counted_rooms(s: PlannedSchool, plan: LayoutOutcome, note: str, said: str = "") -> str:
    """The solve's room note (:func:`room_notes`: 「按年级编班约缺 N 间…本方案不定此校加建间数」)
    replaced where the plan has 过渡期 rows, which count the rooms grade by grade year by
    year: the note then says the rooms as 表3 does (review rv5 finding 5: 表3 「新建普通教室
    1 间」 beside 「本方案不定此校加建间数」 and 「新增 2 间后」 at 实验中学). ``note`` is kept
    for a plan without those rows or a school they give no room. Its 临时周转 is left out where
    the reason ``said`` already tells it (:func:`~.layout_borrow.borrow_reason`; review rv7 7: the
    clause twice in 实验中学's cell).

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2029, "J", "junior", 2000, 4, 0, 4), YearRooms(2030, "J", "junior", 1986, 2, 0, 2)))
    >>> s = PlannedSchool("J", "实验中学", "keep", added_classrooms=2, temporary_classrooms=1)
    >>> print(counted_rooms(s, plan, "按学段学位计（新增 2 间后）已够用；…本方案不定此校加建间数…"))
    按年级编班（每个年级按标准班额）逐年所需教室已计入本方案：新建普通教室 1 间，临时周转普通教室至多 4 间（2029—2030 学年借用，规划年 2030 学年 2 间；借用的教室不新建，见“过渡期”），与“调整项目”所列相同。
    >>> counted_rooms(PlannedSchool("K", "乙", "keep"), plan, "原注")
    '原注'
    >>> print(counted_rooms(s, plan, "原注", "临时周转教室至多 4 间（2029—2030 学年借用…）"))
    按年级编班（每个年级按标准班额）逐年所需教室已计入本方案：新建普通教室 1 间，与“调整项目”所列相同。
    >>> from dataclasses import replace
    >>> print(counted_rooms(replace(s, added_classrooms=1), plan, "原注", "临时周转教室至多 4 间（…）"))
    按年级编班（每个年级按标准班额）逐年所需教室已计入本方案（临时周转见上），与“调整项目”所列相同。
    """
    if not transition_counts(s, plan):
        return note
    from junheng.planning.layout_runs import run_since
    from junheng.planning.plans_temporary import peak_of

    rows = school_borrowing(plan).get(s.school_id)
    told = rows is not None and "临时周转教室" in said
    words = room_words(s.built_classrooms, None if told else rows, plan.target_year, run_since(plan), peak_of(plan.rules))
    if not words:
        return "按年级编班（每个年级按标准班额）逐年所需教室已计入本方案（临时周转见上），与“调整项目”所列相同。"
    return f"按年级编班（每个年级按标准班额）逐年所需教室已计入本方案：{'，'.join(words)}，与“调整项目”所列相同。"


def transition_counts(s: PlannedSchool, plan: LayoutOutcome) -> bool:
    """Whether the plan's 过渡期 rows count ``s``'s rooms grade by grade year by year (it builds
    or borrows some): its target year's shortfall is then what it borrows that year, not the
    solve's room note (:func:`counted_rooms`, :func:`~.layout_unmet.rooms_short`).

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2030, "J", "junior", 1986, 3, 0, 3),))
    >>> [transition_counts(PlannedSchool(k, "甲", "keep"), plan) for k in ("J", "K")]
    [True, False]
    """
    return bool(plan.transition) and (s.built_classrooms > 0 or s.school_id in school_borrowing(plan))


#: where the 整改措施 puts a school's sports area its own ground cannot hold (compliance_unresolved)
DECIDED_BY_BOARD = "须由局务会决定"


def no_ground_words(s: PlannedSchool, plan: LayoutOutcome) -> str:
    """The position on an expanded or borrowing school with no spare ground and no land bought
    beside it, as its reason ends ('' otherwise): the plan buys it no land, its own sports area
    short is the 达标路径's to re-check and what stays short is a 待决策 item of the 整改措施,
    which names this school's layout figures back (review rv5 finding 5: 实验中学, 0 m² of
    ground, was expanded by the layout while the 整改 offered 分流 out of it).

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2030, "J", "junior", 1986, 2, 0, 2),))
    >>> print(no_ground_words(PlannedSchool("J", "实验中学", "expand", spare_ground_m2=0.0), plan))
    校内空地 0 平方米，本方案未在此校征用相邻用地：该校体育运动场馆面积的缺口由达标路径按目标学年学生复核，仍缺的列为待决策，由局务会在整改措施“须由局务会决定”所列途径（征用或置换相邻用地、就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）、布局分流进一步减少该校学生）中决定。
    >>> no_ground_words(PlannedSchool("J", "实验中学", "keep", spare_ground_m2=300.0), plan)
    ''
    """
    if s.spare_ground_m2 is None or round(s.spare_ground_m2) or s.sports_land_area or s.action in ("close", "new"):
        return ""
    if not s.built_classrooms and s.school_id not in school_borrowing(plan):
        return ""
    return "校内空地 0 平方米，本方案未在此校征用相邻用地：" + NO_GROUND_TAIL.format(who="该校")


#: what becomes of the sports area a school with no ground lacks (:func:`no_ground_words`, the
#: note of :func:`no_ground_note`)
NO_GROUND_TAIL = (f"{{who}}体育运动场馆面积的缺口由达标路径按目标学年学生复核，仍缺的列为待决策，由局务会在整改措施"
                  f"“{DECIDED_BY_BOARD}”所列途径（征用或置换相邻用地、{shared_use_words()}、布局分流进一步减少"
                  "该校学生）中决定。")


def no_ground_note(plan: LayoutOutcome) -> list[str]:
    """The note under the comparison table naming the schools of :func:`no_ground_words` with
    their pupils, so the layout document itself states what the 整改措施 says back (none: []).

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("J", "实验中学", "expand", spare_ground_m2=0.0,
    ...     students_expected=2392, students_after={"junior": 1986}),), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2030, "J", "junior", 1986, 2, 0, 2),))
    >>> print(no_ground_note(plan)[0])
    校内无空地、需增加教室的学校（本方案未在这些学校征用相邻用地）：实验中学（规划年学生 2,392 → 1,986 人，不新建教室，只临时周转，调整项目和理由见“调整方案”）；各校体育运动场馆面积的缺口由达标路径按目标学年学生复核，仍缺的列为待决策，由局务会在整改措施“须由局务会决定”所列途径（征用或置换相邻用地、就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）、布局分流进一步减少该校学生）中决定。

    A school that only borrows is not called 扩建 (review rv6 N14): each says what the plan does there.
    """
    each = [f"{s.name}（规划年学生 {s.students_expected:,} → {sum(s.students_after.values()):,} 人，"
            + (f"新建普通教室 {s.built_classrooms:,} 间" if s.built_classrooms else "不新建教室，只临时周转")
            + f"，调整项目和理由见“调整方案”{lend_pointer(plan, s.school_id)}）"
            for s in plan.schools if no_ground_words(s, plan)]
    if not each:
        return []
    return [f"{NO_GROUND_HEAD}：{'、'.join(each)}；" + NO_GROUND_TAIL.format(who="各校")]


def lend_pointer(plan: LayoutOutcome, school_id: str) -> str:
    """'' or where a school's notes on its borrowed rooms are (brief hcity 1: its 分流 was only
    left to the 局务会): the notes of :mod:`~.layout_lend`."""
    from junheng.planning.layout_entry import entry_moves
    from junheng.planning.layout_lend import placements

    if not plan.year_pupils:
        return ""
    said = [w for w, found in (("临时周转教室的去向", placements(plan)), ("学区调整的选择", entry_moves(plan)))
            if any(x.school_id == school_id for x in found)]
    return f"，借用哪些学校、能否学区调整见{''.join(f'“{w}”' for w in said)}" if said else ""


#: the head of :func:`no_ground_note`: schools needing rooms, whether built or borrowed (not 扩建学校)
NO_GROUND_HEAD = "校内无空地、需增加教室的学校（本方案未在这些学校征用相邻用地）"
