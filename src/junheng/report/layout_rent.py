"""The layout plan's 临时周转 in every count, said where its totals stand (the 过渡期's 合计, the
调整前后对比 row): the most rooms in one year, the room-years with the school years they fall in
and, once, their parts before and from the run start (brief hwin,
:func:`~junheng.planning.layout_borrow.rent_window`)."""

from __future__ import annotations

from junheng.model.numbers import DASH
from junheng.planning.layout_borrow import (
    kept_rooms,
    layout_window,
    not_built_words,
    window_parts,
    window_total,
)
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_waiting import temporary_rooms


def temporary_headline(plan: LayoutOutcome) -> str:
    """The plan's 临时周转 in every count (review rv 3: 「临时周转 2 间」 said alone while the
    过渡期 rented 54 room-years; brief hc2, review rv 7: 「8 间」 is no year's count): the most
    rooms rented in one year and the room-years the whole 过渡期 rents
    (:func:`~.layout_waiting.temporary_rooms`, every school, from the first paid year) with their
    money, then of these the rooms of the target year met by 临时周转 instead of built; "" when
    there is neither.

    >>> from dataclasses import replace
    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "甲中学", "expand", phase=4,
    ...     temporary_classrooms=1),), {}, year=2025, target_year=2030,
    ...     costs={"temporary_room_yuan": 20_000.0}, rules={"plan_date": "2026-12-05"},
    ...     transition=(YearRooms(2027, "E", "junior", 500, 2, 0, 2),
    ...                 YearRooms(2030, "E", "junior", 520, 1, 0, 1)),
    ...     overflow=((2027, "S", "primary", 4),))
    >>> temporary_headline(plan)  # 2027: 2 + 4 = 6 rooms, 2030: 1; 7 room-years × 2.00 万元
    '临时周转最多一年 6 间（2027 学年），过渡期 2027、2030 学年共 7 间·学年、14.00 万元（其中 2027 学年 6 间·学年、12.00 万元（新建教室来不及投入使用 2 间·学年、超出学位或按年级编班缺教室 4 间·学年）；自 2029 学年起 1 间·学年、2.00 万元，整改措施自该学年起计）；其中代替新建的 1 间（规划年 2030 学年借用：甲中学 1 间；不新建，各校在缺口的学年借用）'

    (The run start: the first year paid, 2027, plus the 2 years an expansion takes: 2029. 甲中学
    builds no room, its 2 of 2027 fall before any room built could be in use: 新建教室来不及投入使用,
    not rented instead of built, brief hwords 1.)
    >>> temporary_headline(replace(plan, transition=plan.transition[:1]))
    '方案新增教室全部新建；临时周转最多一年 6 间（2027 学年），过渡期 2027 学年共 6 间·学年、12.00 万元'
    >>> temporary_headline(LayoutOutcome("optimal", (), {}))
    ''
    """
    kept, w = kept_rooms(plan), layout_window(plan)  # brief hwin: the window and its parts said
    if not kept and not w.total:
        return ""
    parts = f"（{window_parts(w)}，整改措施自该学年起计）" if window_parts(w) else ""
    rented = f"{peak_rented(plan)}，过渡期 {window_total(w)}{parts}"
    if not kept:
        return f"方案新增教室全部新建；{rented}"
    if not plan.transition:  # a plan without 过渡期 rows: the solve's rooms not built
        return f"{rented}；其中代替新建的 {kept} 间（不新建，{target_borrowed(plan)}）"
    return (f"{rented}；其中代替新建的 {kept} 间（规划年 {plan.target_year} 学年借用：{not_built_words(plan)}；"
            "不新建，各校在缺口的学年借用）")


def peak_rented(plan: LayoutOutcome) -> str:
    """The most rooms the plan rents in one 过渡期 year, the earliest such year (brief hc2,
    review rv 7); '' when it rents none.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> peak_rented(LayoutOutcome("optimal", (), {}, year=2025,
    ...     transition=(YearRooms(2027, "E", "junior", 500, 3, 0, 3), YearRooms(2028, "E", "junior", 500, 3, 0, 3))))
    '临时周转最多一年 3 间（2027 学年）'
    """
    rooms = {y: n for y, n in temporary_rooms(plan).items() if n}
    if not rooms:
        return ""
    year = min(rooms, key=lambda y: (-rooms[y], y))
    return f"临时周转最多一年 {rooms[year]} 间（{year} 学年）"


def target_borrowed(plan: LayoutOutcome) -> str:
    """Why the rooms not built differ from the rooms borrowed in the target year (review rv3 2:
    「规划年 4 间」 beside 「2030 学年临时周转 1 间」): the rooms are each school's need in the
    years it lasts, the target year borrows only its own.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2027, "E", "junior", 500, 2, 0, 2),))
    >>> target_borrowed(plan)
    '各校在缺口的学年借用，规划年 2030 学年借用 0 间'
    """
    said = "各校在缺口的学年借用"
    if not plan.target_year:
        return said
    return f"{said}，规划年 {plan.target_year} 学年借用 {temporary_rooms(plan).get(plan.target_year, 0)} 间"


def temporary_label(plan: LayoutOutcome, label: str) -> str:
    """The 调整前后对比 row ``label`` of the rooms met by 临时周转 instead of built, with the most
    rooms rented in one year and the 过渡期's room-years beside it (brief hc2, review rv 7: the
    row's 8 is no year's count); ``label`` as it is without any.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, costs={"temporary_room_yuan": 20_000.0},
    ...     transition=(YearRooms(2027, "E", "junior", 500, 2, 0, 2),))
    >>> temporary_label(plan, "方案以临时周转解决的普通教室（间，不新建）")
    '方案以临时周转解决的普通教室（间，代替新建的间数，各校在缺口的学年借用，不新建；临时周转最多一年 2 间（2027 学年），过渡期 2027 学年共 2 间·学年、4.00 万元，逐校见“过渡期”）'
    """
    total = window_total(layout_window(plan))
    if not total or not label.endswith("）") or "（间，" not in label:
        return label
    return (label.replace("（间，", f"（间，代替新建的间数，{target_borrowed(plan)}，", 1)[:-1]
            + f"；{peak_rented(plan)}，过渡期 {total}，逐校见“过渡期”）")


def oversized_cell(classes: int, rooms: int) -> int | str:
    """The 大班额 cell of the target year (brief hhonest2 3: 「0」 while 10 classrooms were still
    missing): the count, and where rooms are short (borrowed ones not counted as the school's) 待核实
    with the rooms beside it; the count alone when none is short.

    >>> oversized_cell(0, 10), oversized_cell(0, 0)
    ('0（待核实：规划年仍缺普通教室 10 间，在借用教室上课的班级按平均班额计入）', 0)
    """
    if rooms <= 0:
        return classes
    return f"{classes:,}（待核实：规划年仍缺普通教室 {rooms:,} 间，在借用教室上课的班级按平均班额计入）"



#: the comparison's row of today's actual 大班额 classes, apart from the modelled row (rv29 7)
OVERSIZED_NOW = "oversized_now"


def oversized_apart(now: dict, before: dict) -> tuple[dict, dict]:
    """Today's 大班额 (actual classes) moved to a row of its own, :data:`OVERSIZED_NOW`, its
    规划年 cells blank, so that the modelled row holds only modelled figures (rv29 7: 「191 | 38 |
    0 | -38」 in one row, 191 counted class by class, the rest from average class sizes).

    >>> oversized_apart({"oversized_classes": 191, "pupils": 9}, {"oversized_classes": 38})
    ({'pupils': 9, 'oversized_now': 191}, {'oversized_classes': 38, 'oversized_now': ''})
    >>> oversized_apart({}, {"oversized_classes": 38})
    ({}, {'oversized_classes': 38})
    """
    if "oversized_classes" not in now:
        return now, before
    return ({**{k: v for k, v in now.items() if k != "oversized_classes"}, OVERSIZED_NOW: now["oversized_classes"]},
            {**before, OVERSIZED_NOW: ""})


def dashed_apart(keys: list[str], rows: list[list]) -> list[list]:
    """The rows of :func:`oversized_apart` with "—" in the cells they have no figure for (the
    workbook as the documents: a blank cell read as a missing figure).

    >>> dashed_apart(["oversized_now", "pupils"], [["大班额", 191, "", "", ""], ["学生", "", 1, 2, 1], ["说明", "注"]])
    [['大班额', 191, '—', '—', '—'], ['学生', '', 1, 2, 1], ['说明', '注']]
    """
    return [[r[0], *(DASH if c == "" else c for c in r[1:])] if k in (OVERSIZED_NOW, "oversized_classes") else r
            for k, r in zip(keys, rows, strict=False)] + rows[len(keys):]
