"""The layout workbook's 学生分配 sheet: where each village's stage group goes, its day pupils
and boarders apart, and why a pupil living near the school boards (planner review: 车站社区
0.14 km from its school with 267 boarders read as a mistake)."""

from __future__ import annotations

from junheng.planning.layout_data import GROUP_LABELS
from junheng.planning.layout_newsite import shown_id
from junheng.planning.layout_outcome import VillageAssignment, by_school

ASSIGNMENT_HEADS = ("村居代码", "村居名称", "学段组", "学校标识码", "学校名称", "学生数", "其中走读",
                    "其中寄宿", "距离（公里）", "单程时间（分钟）", "寄宿原因", "说明")

#: Why a village's stage group is in parts (layout_today, layout_boarding.pin_boarders).
SPLIT_WHY = "城区社区按各校现有在校生拆分；教学点所在村一至三年级多于教学点在校生的，其余在中心校等学校；城镇学校的寄宿生单列"
#: the boarders of a town school counted at its own community (``pinned``)
PINNED_HEAD = "城镇学校现有的寄宿生：外村到该校寄宿的学生，按该校今天的寄宿比例计入学校所在社区，留在原校寄宿"
PINNED_WHY = PINNED_HEAD + "；距离是社区到学校的，不是他们的上学路程"
#: a data-check school's own boarders (``checked``): their row shows no trip (rv20 11: 北苑社区's
#: 31.67 minutes beside 5 day pupils no 走读超时 count takes, by :func:`~.layout_trips.checked_rows`)
CHECKED_TRIP = PINNED_HEAD + "；上学路程不详（社区到学校的距离不是他们的上学路程），不列距离和单程时间"
#: boarders at a share of the school they attend today (layout_boarding)
KEPT_WHY = "按现就读学校今天的寄宿比例寄宿（维持现状，本方案不改变他们的住宿）"
MOVED_WHY = "分到别校后仍按原就读学校今天的寄宿比例寄宿（在保留学校之间调整不减少寄宿生）"


#: the day pupils a data-check school's own boarders leave (layout_zoning.checked_boarders)
CHECKED_WHY = "；本校寄宿比例待核实（数据核对事项），其余 {day:,} 人按现状走读，不计入走读超时和校车接送人数"


def boarding_reason(part: VillageAssignment, day_limit: float | None, checked: bool = False) -> str:
    """Why the boarders of one part board ("" when none does), or why a part beyond the day
    limit stays a day pupil (grades 1–3 kept at today's school, brief hstay); ``checked``: the part is a
    school's own boarders at a rate to check, which no count of the plan takes as 走读超时
    (review rv3 3).

    >>> VA = VillageAssignment
    >>> boarding_reason(VA("V", "grades_7_9", "S", 20, 14.0, 40.0, True, 1.0), 30)
    '单程超过走读上限 30 分钟，按规则寄宿'
    >>> boarding_reason(VA("V", "grades_7_9", "S", 317, 0.14, 0.9, False, 0.84, pinned=True), 30)[:10]
    '城镇学校现有的寄宿生'
    >>> boarding_reason(VA("V", "grades_4_6", "S", 105, 0.4, 1.4, False, 0.3, before_school="S"), 30)
    '按现就读学校今天的寄宿比例寄宿（维持现状，本方案不改变他们的住宿）'
    >>> boarding_reason(VA("V", "grades_1_3", "S", 10, 0.4, 1.4, False, 0.0), 30)
    ''
    >>> boarding_reason(VA("V", "grades_1_3", "S", 4, 11.9, 37.05, False, 0.0, before_school="S"), 30)
    '单程超过走读上限 30 分钟，现状即如此：一至三年级不寄宿，就读学校不变，按现状走读'
    >>> boarding_reason(VA("V", "grades_4_6", "S", 15, 11.0, 34.0, True, 0.0), 30)
    '单程超过走读上限 30 分钟，按规则须寄宿；就读学校不变、现有床位不足，15 人按现状走读（不为他们新建床位，需核实实际道路时间）'
    >>> print(boarding_reason(VA("V", "grades_7_9", "S", 77, 4.0, 31.7, True, 0.935, pinned=True), 30, True))
    城镇学校现有的寄宿生：外村到该校寄宿的学生，按该校今天的寄宿比例计入学校所在社区，留在原校寄宿；上学路程不详（社区到学校的距离不是他们的上学路程），不列距离和单程时间；本校寄宿比例待核实（数据核对事项），其余 5 人按现状走读，不计入走读超时和校车接送人数
    >>> boarding_reason(VA("V", "grades_7_9", "S", 393, 0.14, 0.9, False, 0.68, pinned=True), 30, True)[-9:]
    '不列距离和单程时间'
    >>> boarding_reason(VA("V", "grades_7_9", "S", 393, 0.14, 0.9, False, 0.68, pinned=True), 30)[-9:]
    '不是他们的上学路程'
    """
    limit = f" {day_limit:g} 分钟" if day_limit else ""
    if checked:
        day = part.students - part.boarders
        return CHECKED_TRIP + (CHECKED_WHY.format(day=day) if part.boarding and day else "")
    if part.boarding and part.boarders < part.students:  # board_unchanged: no bed built
        return (f"单程超过走读上限{limit}，按规则须寄宿；就读学校不变、现有床位不足，"
                f"{part.students - part.boarders:,} 人按现状走读（不为他们新建床位，需核实实际道路时间）")
    if (part.stage_group == "grades_1_3" and day_limit and part.travel_min > day_limit + 1e-9
            and part.before_school == part.school_id):  # kept as today (brief hstay)
        return f"单程超过走读上限{limit}，现状即如此：一至三年级不寄宿，就读学校不变，按现状走读"
    if not part.boarders:
        return ""
    if part.boarding:
        return f"单程超过走读上限{limit}，按规则寄宿"
    if part.pinned:
        return PINNED_WHY
    return KEPT_WHY if part.before_school in ("", part.school_id) else MOVED_WHY


def assignment_rows(assignments, names: dict[str, str],
                    day_limit: float | None = None) -> list[list]:
    """The 学生分配 sheet: one row per village, stage group and school, with the village's
    name, its day pupils and boarders and why they board (:func:`boarding_reason`, each
    reason once); a village whose group is in parts (:data:`SPLIT_WHY`) says so on each of its
    rows (review 2026-12-03 finding 13c), counting schools, not parts (planner review finding
    13: "分 2 所学校" for two parts at one school).

    >>> from junheng.planning.layout_outcome import VillageAssignment as VA
    >>> rows = assignment_rows([VA("V1", "grades_1_3", "S", 133, 1.2, 6.0, False, 0.0, "翠园社区"),
    ...                         VA("V1", "grades_1_3", "T", 94, 1.5, 7.5, False, 0.0, "翠园社区")],
    ...                        {"S": "甲小学", "T": "乙小学"})
    >>> rows[0][:8], rows[0][-1]
    (['V1', '翠园社区', '一至三年级', 'S', '甲小学', 133, 133, 0], '本村居该学段组分 2 所学校就读（城区社区按各校现有在校生拆分；教学点所在村一至三年级多于教学点在校生的，其余在中心校等学校；城镇学校的寄宿生单列），共 227 人')
    >>> rows = assignment_rows([VA("V2", "grades_1_3", "S", 1, 3.2, 10.1, False, 0.0, "赖庄村"),
    ...                         VA("V2", "grades_1_3", "S", 36, 3.2, 10.1, False, 0.0, "赖庄村")],
    ...                        {"S": "甲小学"})
    >>> len(rows), rows[0][5], rows[0][-1]
    (1, 37, '')
    """
    import pandas as pd

    from junheng.planning.layout_zoning import checked_boarders

    checked = checked_boarders(pd.DataFrame(
        [(a.village_id, a.stage_group, a.before_school, a.pinned, a.students) for a in assignments],
        columns=["village", "group", "before", "pinned", "demand"]))
    why: dict[tuple[str, str, str, bool], list[str]] = {}
    for a, skip in zip(assignments, checked, strict=True):  # each part's reasons, before one row
        reason = boarding_reason(a, day_limit, bool(skip))
        found = why.setdefault((a.village_id, a.stage_group, a.school_id, bool(skip)), [])
        if reason and reason not in found:
            found.append(reason)
    # two parts at one school are one row; a data-check school's own boarders a row apart
    flags = row_flags(assignments, checked)
    assignments = by_school(assignments, checked)
    parts: dict[tuple[str, str], list[VillageAssignment]] = {}
    for a in assignments:
        parts.setdefault((a.village_id, a.stage_group), []).append(a)
    rows = []
    for a, flag in zip(assignments, flags, strict=True):
        split = parts[(a.village_id, a.stage_group)]
        schools = len(dict.fromkeys(b.school_id for b in split))
        note = (f"本村居该学段组分 {schools} 所学校就读（{SPLIT_WHY}），共 {sum(b.students for b in split):,} 人"
                if schools > 1 else "")
        # a data-check school's own boarders: the community's trip is not theirs (rv20 11)
        trip = (None, None) if flag else (a.distance_km, a.travel_min)
        rows.append([a.village_id, a.village_name, GROUP_LABELS[a.stage_group],
                     shown_id(a.school_id, names.get(a.school_id, "")),
                     names.get(a.school_id, ""), a.students, a.students - a.boarders,
                     a.boarders, *trip, "；".join(why[(a.village_id, a.stage_group, a.school_id, flag)]), note])
    return rows


def row_flags(assignments, apart) -> list[bool]:
    """The flag of each row ``by_school`` makes of ``assignments`` with ``apart``, in its order.

    >>> a = VillageAssignment("V", "grades_7_9", "S", 331, 3.2, 20.9, False, 0.0)
    >>> b = VillageAssignment("V", "grades_7_9", "S", 69, 4.9, 31.7, True, 0.93, pinned=True)
    >>> [x.students for x in by_school([a, b], [False, True])], row_flags([a, b], [False, True])
    ([331, 69], [False, True])
    """
    keys = dict.fromkeys((a.village_id, a.stage_group, a.school_id, bool(f))
                         for a, f in zip(assignments, apart, strict=True))
    return [k[3] for k in keys]
