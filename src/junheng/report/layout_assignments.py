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
PINNED_WHY = ("城镇学校现有的寄宿生：外村到该校寄宿的学生，按该校今天的寄宿比例计入学校所在社区，"
              "留在原校寄宿；距离是社区到学校的，不是他们的上学路程")
#: boarders at a share of the school they attend today (layout_boarding)
KEPT_WHY = "按现就读学校今天的寄宿比例寄宿（维持现状，本方案不改变他们的住宿）"
MOVED_WHY = "分到别校后仍按原就读学校今天的寄宿比例寄宿（在保留学校之间调整不减少寄宿生）"


def boarding_reason(part: VillageAssignment, day_limit: float | None) -> str:
    """Why the boarders of one part board ("" when none does).

    >>> VA = VillageAssignment
    >>> boarding_reason(VA("V", "grades_7_9", "S", 20, 14.0, 40.0, True, 1.0), 30)
    '单程超过走读上限 30 分钟，按规则寄宿'
    >>> boarding_reason(VA("V", "grades_7_9", "S", 317, 0.14, 0.9, False, 0.84, pinned=True), 30)[:10]
    '城镇学校现有的寄宿生'
    >>> boarding_reason(VA("V", "grades_4_6", "S", 105, 0.4, 1.4, False, 0.3, before_school="S"), 30)
    '按现就读学校今天的寄宿比例寄宿（维持现状，本方案不改变他们的住宿）'
    >>> boarding_reason(VA("V", "grades_1_3", "S", 10, 0.4, 1.4, False, 0.0), 30)
    ''
    >>> boarding_reason(VA("V", "grades_4_6", "S", 15, 11.0, 34.0, True, 0.0), 30)
    '单程超过走读上限 30 分钟，按规则须寄宿；就读学校不变、现有床位不足，15 人按现状走读（不为他们新建床位，需核实实际道路时间）'
    """
    limit = f" {day_limit:g} 分钟" if day_limit else ""
    if part.boarding and part.boarders < part.students:  # board_unchanged: no bed built
        return (f"单程超过走读上限{limit}，按规则须寄宿；就读学校不变、现有床位不足，"
                f"{part.students - part.boarders:,} 人按现状走读（不为他们新建床位，需核实实际道路时间）")
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
    why: dict[tuple[str, str, str], list[str]] = {}
    for a in assignments:  # the reasons of each part, before the parts are one row
        reason = boarding_reason(a, day_limit)
        found = why.setdefault((a.village_id, a.stage_group, a.school_id), [])
        if reason and reason not in found:
            found.append(reason)
    assignments = by_school(assignments)  # two parts at one school are one row
    parts: dict[tuple[str, str], list[int]] = {}
    for a in assignments:
        parts.setdefault((a.village_id, a.stage_group), []).append(a.students)
    rows = []
    for a in assignments:
        split = parts[(a.village_id, a.stage_group)]
        note = (f"本村居该学段组分 {len(split)} 所学校就读（{SPLIT_WHY}），共 {sum(split):,} 人"
                if len(split) > 1 else "")
        rows.append([a.village_id, a.village_name, GROUP_LABELS[a.stage_group],
                     shown_id(a.school_id, names.get(a.school_id, "")),
                     names.get(a.school_id, ""), a.students, a.students - a.boarders,
                     a.boarders, a.distance_km, a.travel_min,
                     "；".join(why[(a.village_id, a.stage_group, a.school_id)]), note])
    return rows


def receivers(plan) -> dict[str, str]:
    """Closed school id → the 并入学校 a table shows: its receiver's name or, where its pupils
    go to several schools, each with its pupils, most first (planner review: a school "并入"
    one school while a third of its pupils went to another).

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> VA = VillageAssignment
    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("A", "袁桥村小学", "close", merged_into="B"), PlannedSchool("B", "小杏寨村小学", "keep"),
    ...     PlannedSchool("C", "第二小学", "keep"), PlannedSchool("D", "何岗村教学点", "close", merged_into="C")),
    ...     {}, assignments=(VA("V1", "grades_1_3", "B", 70, 4.3, 13.0, False, before_school="A"),
    ...                      VA("V2", "grades_4_6", "C", 34, 4.0, 12.5, False, before_school="A"),
    ...                      VA("V2", "grades_1_3", "C", 10, 4.0, 12.5, False, before_school="D")))
    >>> receivers(plan)
    {'A': '小杏寨村小学 70 人（一至三年级）、第二小学 34 人（四至六年级）', 'D': '第二小学'}

    A plan of 2026-12-04 on: the pupils a school has in the year it closes
    (``moved_pupils``, planning.layout_small.with_closing_moves), not its villages' of the
    target year:

    >>> from dataclasses import replace
    >>> a = replace(plan.schools[0], moved_pupils={"B": 65, "C": 32})
    >>> receivers(replace(plan, schools=(a, *plan.schools[1:])))["A"]
    '小杏寨村小学 65 人（一至三年级）、第二小学 32 人（四至六年级）'
    """
    names = plan.names
    moved: dict[str, dict[str, int]] = {}
    for a in plan.assignments:
        if a.before_school and a.before_school != a.school_id:
            got = moved.setdefault(a.before_school, {})
            got[a.school_id] = got.get(a.school_id, 0) + a.students
    out = {}
    for s in plan.schools:
        if s.action != "close" or not s.merged_into:
            continue
        # its pupils in the year it closes (plans stored before 2026-12-04: its villages')
        got = sorted((s.moved_pupils or moved.get(s.school_id, {})).items(),
                     key=lambda kv: (-kv[1], kv[0]))
        if len(got) < 2:
            out[s.school_id] = names.get(s.merged_into, "")
            continue
        whom = split_by(plan, s.school_id)
        out[s.school_id] = "、".join(
            f"{names.get(k, k)} {n:,} 人{whom.get(k, '')}" for k, n in got)
    return out


def split_by(plan, school_id: str) -> dict[str, str]:
    """Why a closed school's pupils go to several schools, as the table says it beside each
    receiver (planner review: "one pupil of a village of six sent to another school"): the
    grades it takes when each receiver takes other grade groups, else the villages it takes
    when each takes other villages (each village to its nearest receiver); {} when neither.

    >>> from types import SimpleNamespace as NS
    >>> va = lambda v, name, g, to: NS(before_school="P", village_id=v, village_name=name,
    ...                                stage_group=g, school_id=to)
    >>> split_by(NS(assignments=(va("1", "许小岗村", "grades_1_3", "B"), va("2", "李庄村", "grades_1_3", "B"),
    ...                          va("3", "王营村", "grades_1_3", "C"))), "P")
    {'B': '（许小岗村、李庄村）', 'C': '（王营村）'}
    >>> split_by(NS(assignments=(va("1", "许小岗村", "grades_1_3", "B"),
    ...                          va("1", "许小岗村", "grades_4_6", "C"))), "P")
    {'B': '（一至三年级）', 'C': '（四至六年级）'}
    >>> split_by(NS(assignments=(va("1", "甲村", "grades_1_3", "B"), va("2", "乙村", "grades_1_3", "C"),
    ...                          va("2", "乙村", "grades_1_3", "B"))), "P")
    {}
    """
    from junheng.planning.layout_data import GROUP_LABELS

    parts = [a for a in plan.assignments
             if a.before_school == school_id and a.school_id != school_id]
    for key, label in (("stage_group", GROUP_LABELS.get), ("village_id", None)):
        taken: dict[str, dict[str, str]] = {}
        for a in parts:
            value = getattr(a, key)
            shown = label(value, value) if label else (a.village_name or value)
            taken.setdefault(a.school_id, {})[value] = shown
        owners = [set(v) for v in taken.values()]
        if len(owners) > 1 and sum(map(len, owners)) == len(set().union(*owners)):
            return {k: f"（{'、'.join(v.values())}）" for k, v in taken.items()}
    return {}
