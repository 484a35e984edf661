"""未满足的规则 of a layout plan: every rule it does not meet, each with its figures; a weight
it pays with its share of the 综合评价值, and the solver's penalty in pupils, no part of the
综合评价值 (planner review: 城关第一小学 kept 1,477 pupils under its 分流下限 of 1,483, a 600 万元
penalty, 13 % of the objective, while the 16-rule verdict did not name it; review he: a
planner reading the 综合评价值 saw that penalty as money).

The soft rules of the layout model (:mod:`~junheng.planning.layout_model`) and what a plan
pays for breaking them:

* the relief floor (12): the pupils short (``relief_short_pupils``), per school
  :attr:`PlannedSchool.stay_floor`; the solver prices each at ``RELIEF_SHORT_YUAN`` a year so
  that a plan meets every floor it can, a penalty kept out of the 综合评价值;
* the receivers' sports area (15), (17), (22): the m² beyond the hall cap, beyond the spare
  ground a field covers, or without either at a weight per m² (``hall_beyond_weight_yuan``),
  per school ``sports_beyond_cap_area``, said as the case is (:func:`~.layout_land.beyond_cap_text`);
* the 走读单程 limit: a pupil beyond it boards, except (20) those who keep today's school
  beyond its beds (:func:`day_over_limit`, each with its reason: :func:`day_reasons`);
* the boarding school of every town (9) and the 优质均衡 CVs, reported by the plan.

>>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
>>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "城关一小", "keep", stay_floor=1_483,
...     students_after={"primary": 1_477}),), {"after": {"relief_short_pupils": 6.0,
...     "objective_yuan": 39_617_724.0}})
>>> print(relief_text(plan))
保留学校的分流下限（保留学校规划后至少留住的学生）：城关一小规划后 1,477 人，比分流下限 1,483 人少 6 人（邻近保留学校也须留住各自生源，通行时间限制内本校可留的学生不足）；可调整片区边界或降低分流下限比例解决
>>> relief_short_label(plan)
'保留学校的分流下限（城关一小少 6 人）'
"""

from __future__ import annotations

import re

from junheng.model.memo import per_object
from junheng.model.numbers import wan_text as _wan
from junheng.planning.layout_cv_words import plan_count
from junheng.planning.layout_data import GROUP_LABELS
from junheng.planning.layout_floor_words import floor_formula
from junheng.planning.layout_keep_whole import community_totals, keep_whole, kept_effect
from junheng.planning.layout_model import RELIEF_SHORT_YUAN as RELIEF_YUAN
from junheng.planning.layout_rules import floor_fields

#: the relief floor (12) as 未满足的规则 names it: pupils kept, not a share (review rv28 7: 「至少
#: 留住规划年生源的一定比例」 while the floor is the sum :func:`floor_said` states)
RELIEF_RULE = "保留学校的分流下限（保留学校规划后至少留住的学生）"

#: who decides the rooms classes formed grade by grade lack, and how (brief hp 5: 第四小学, no
#: room built here, 7 room-years borrowed in the 达标路径 2029–2031 with nothing said of why)
DECIDED_LATER = ("本方案不定此校加建间数：按年级编班所缺教室由达标路径按招生预测的学生逐年级复核（规划年及其前后"
                 "各学年），缺口不超过临时周转年限的学年以临时周转解决、不新建，其余加建，间数可能多于或少于此数，"
                 "以达标路径（整改措施“布局调整与达标路径合计”）所列为准。")


def _after(plan) -> dict:
    return dict((plan.metrics or {}).get("after", {}))


def share_text(plan, yuan: float) -> str:
    """'占综合评价值（每年 X 万元）的 p%' of a yearly weight ``yuan`` ('' without the objective).

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> share_text(LayoutOutcome("optimal", (), {"after": {"objective_yuan": 4e7}}), 1e6)
    '，占综合评价值（每年 4,000.00 万元）的 2.5%'
    """
    from junheng.planning.layout_costs import shown_metrics

    # the total as the tables print it, the sum of its printed parts (review rv3 5: 3,921.11
    # here beside 3,921.12 in 表2)
    shown = shown_metrics(plan.metrics or {}).get("after", {})
    total = float(shown.get("objective_yuan") or plan.objective or 0.0)
    if total <= 0:
        return ""
    share = 100 * yuan / total
    digits = 0 if share >= 10 or share == round(share) else 1
    return f"，占综合评价值（每年 {_wan(total)}）的 {share:.{digits}f}%"


def relief_short(plan) -> list[tuple[str, int, int]]:
    """(name, pupils after, floor) of each open school under its relief floor (12)."""
    out = []
    for s in plan.schools:
        after = int(sum(s.students_after.values()))
        if s.action != "close" and s.stay_floor > after:
            out.append((s.name, after, int(s.stay_floor)))
    return out


def relief_pupils(plan) -> float:
    """The pupils open schools lack of their relief floors (12): the plan's metric (a plan
    stored before it: its penalty over ``RELIEF_SHORT_YUAN``), else from the schools short."""
    after = _after(plan)
    if "relief_short_pupils" in after:
        return float(after["relief_short_pupils"])
    if "relief_short_weight_yuan" in after:
        return float(after["relief_short_weight_yuan"]) / RELIEF_YUAN
    return float(sum(f - n for _, n, f in relief_short(plan)))


def relief_text(plan) -> str:
    """The relief floor (12) unmet: each school short with its figures and reason (the
    communities zoned away whole, :func:`zoned_out`), the pupils short in all and what the
    bureau can do (:func:`relief_remedy`; review rv8 15: the solver's 「按高额计入」 was said
    here, its price stays in the appendix) ('' when none); a community kept here is said with
    what it changes beside the head count (:func:`~.layout_keep_whole.kept_effect`, review hxuefu)."""
    pupils = relief_pupils(plan)
    if pupils <= 0:
        return ""
    cases = relief_cases(plan)
    sums = {s.name: floor_said(s.stay_floor, s.floor_terms) for s in plan.schools}
    each = "；".join(f"{name}规划后 {n:,} 人，比分流下限 {f:,} 人少 {f - n:,} 人（"
                    + "；".join(x for x in (sums.get(name, ""), zoned_out(parts)) if x) + "）"
                    + keep_whole(n, f, parts, rooms, seats, whole,
                                 lambda *kept, name=name: kept_effect(plan, name, *kept))
                    for name, n, f, parts, rooms, seats, whole in cases)
    zoned = bool(cases) and all(c[3] for c in cases)
    said = "；".join(x for x in (each, relief_remedy(pupils, zoned, len(cases))) if x)
    return f"{RELIEF_RULE}：{said}"


def relief_cases(plan) -> list[tuple]:
    """(name, pupils after, floor, communities zoned away: (community, receiver, pupils), the
    open schools' :func:`_room` by name, its seats, :func:`~.layout_keep_whole.community_totals`)
    of each open school under its relief floor (12): the arguments of
    :func:`~.layout_keep_whole.keep_whole`."""
    moved = [(plan.names.get(a.before_school, ""), a.village_name or a.village_id,
              plan.names.get(a.school_id, a.school_id), a.students) for a in plan.assignments
             if a.before_school and a.before_school != a.school_id]
    rooms = {s.name: _room(s) for s in plan.schools if s.action != "close"}
    ids = {s.name: s.school_id for s in plan.schools}  # the community's whole: rv24 3
    return [(name, n, f, [m[1:] for m in moved if m[0] == name], rooms, rooms.get(name, (0,))[0],
             community_totals(plan, ids.get(name, ""))) for name, n, f in relief_short(plan)]


def _room(school) -> tuple[int, int, int]:
    """A school's seats (0: unknown), pupils after the plan and relief floor (12)."""
    return (int(sum((school.capacity or {}).values())), int(sum(school.students_after.values())),
            int(school.stay_floor))


def relief_remedy(pupils: float, zoned: bool, schools: int) -> str:
    """The pupils short in all unless one school is (its own are said with it; ``schools``: how
    many are short, 0 when the plan names none) and
    what the bureau can do besides: every school short lost whole communities (``zoned``:
    :func:`zoned_out`, each given its remedy by :func:`keep_whole`), or the neighbours' floors
    took its pupils.

    >>> relief_remedy(6, True, 1), relief_remedy(9, True, 2)
    ('', '比分流下限共少 9 人')
    >>> relief_remedy(9, False, 2), relief_remedy(6, False, 0)
    ('比分流下限共少 9 人；可调整片区边界或降低分流下限比例解决', '比分流下限少 6 人；可调整片区边界或降低分流下限比例解决')
    """
    total = f"比分流下限{'共' if schools > 1 else ''}少 {pupils:,.0f} 人" if schools != 1 else ""
    if zoned:
        return total
    return "；".join(x for x in (total, "可调整片区边界或降低分流下限比例解决") if x)


#: why a kept school falls short of its relief floor (12): the floors of neighbouring kept
#: schools claim the same villages' pupils (layout_model rule (12))
RELIEF_WHY = "邻近保留学校也须留住各自生源，通行时间限制内本校可留的学生不足"


def zoned_out(parts) -> str:
    """Why a kept school falls short of its relief floor, from the communities it served
    today that the plan zones to other schools (``parts``: community, receiver, pupils in
    the target year): each goes whole to one school (就近划片, single sourcing), so the school
    keeps what is left (review rv2 6: 城关第一小学's reason blamed travel times while 学府社区 136
    and 行政路社区 398 went to 东城小学 and 实验小学); :data:`RELIEF_WHY` without any.

    >>> zoned_out([("行政路社区", "实验小学", 300), ("学府社区", "东城小学", 136),
    ...            ("行政路社区", "实验小学", 98)])
    '就近划片：本校原片区行政路社区 398 人划入实验小学、学府社区 136 人划入东城小学（各社区同一年级段的学生整体划入一所学校、不拆分），本校只留下其余学生'
    >>> zoned_out([]) == RELIEF_WHY
    True
    """
    got: dict[tuple[str, str], int] = {}
    for village, school, n in parts:
        got[(village, school)] = got.get((village, school), 0) + int(n)
    if not got:
        return RELIEF_WHY
    each = "、".join(f"{v} {n:,} 人划入{s}" for (v, s), n in
                    sorted(got.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"就近划片：本校原片区{each}（各社区同一年级段的学生整体划入一所学校、不拆分），本校只留下其余学生"


def relief_reasons(sites, kept, assignments, config) -> dict[str, str]:
    """Kept school id → its :func:`relief_reason` when under its relief floor (``sites``:
    ``stay_floor``, ``name`` and the floor's figures, :func:`~.layout_rules.floor_fields`;
    ``kept``: the planner's frame of the schools kept; ``assignments``: ``site_id``,
    ``before_site``, ``village_name``, ``demand``), its cause the communities zoned away
    (:func:`zoned_out`)."""
    out = {}
    for r in kept.itertuples(index=False):
        floor, size = float(sites.at[r.site_id, "stay_floor"]), r.students_primary + r.students_junior
        if size + 1e-6 < floor:
            a = assignments[(assignments["before_site"] == r.site_id)
                            & (assignments["site_id"] != r.site_id)]
            why = zoned_out(zip(a["village_name"], a["site_id"].map(sites["name"]), a["demand"],
                                strict=True))
            out[r.site_id] = relief_reason(floor_fields(sites.loc[r.site_id], config), size, why)
    return out


def floor_said(floor: int, terms) -> str:
    """'分流下限＝…' of a school's relief floor with its figures (:func:`floor_formula`;
    '' without them)."""
    return f"分流下限＝{said}" if (said := floor_formula(floor, terms)) else ""


def relief_reason(fields, size: int, why: str = RELIEF_WHY) -> str:
    """The 理由 of a kept school under its relief floor (12) (``fields``:
    :func:`~.layout_rules.floor_fields`), in a bureau's words with the sum that gives the floor
    (rv finding 3: 「限制内能到达本校的学生不足」 said nothing of what the floor is; rv28 7: nor
    how 1,483 came from 2,011).

    >>> terms = {"floor": 1483.0, "expected": 2011.0, "overload": 31.0, "nearer": 296.0,
    ...          "margin": 0.1, "share": 0.8}
    >>> print(relief_reason({"stay_floor": 1483, "floor_terms": terms}, 1477))
    分流下限＝规划年不调整的生源 2,011 人 − 至多可分流的 232 人 − 由更近或新建、一定开办且有空余学位的学校接收的本校生源 296 人 ＝ 1,483 人，其中至多可分流的人数为超出学位或校额上限的 31 人加生源的 10%（201 人），但不超过生源的 20%（402 人）与超出人数中的较大者；规划后 1,477 人，少 6 人（邻近保留学校也须留住各自生源，通行时间限制内本校可留的学生不足）。
    >>> relief_reason({"stay_floor": 1483, "floor_terms": {}}, 1477).startswith("分流下限 1,483 人；规划后 1,477 人，少 6 人（")
    True
    """
    floor = int(fields["stay_floor"])
    said = floor_said(floor, fields["floor_terms"]) or f"分流下限 {floor:,} 人"
    return f"{said}；规划后 {size:,} 人，少 {floor - size:,} 人（{why}）。"


def relief_short_label(plan) -> str:
    """The relief floor for the checker's verdict, short, in pupils ('' when none)."""
    pupils = relief_pupils(plan)
    if pupils <= 0:
        return ""
    who = "、".join(f"{name}少 {f - n:,} 人" for name, n, f in relief_short(plan)) \
        or f"共少 {pupils:,.0f} 人"
    return f"保留学校的分流下限（{who}）"


def sports_text(plan) -> str:
    """The receivers' sports area the plan does not build (beyond the hall cap or the ground
    a field covers, or short of the smallest hall), its m² per school and the weight it pays
    ('' when none).

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "keep",
    ...     added_sports_area=800.0, sports_beyond_cap_area=300.0),), {"after": {
    ...     "hall_beyond_weight_yuan": 150_000.0, "objective_yuan": 30_000_000.0}})
    >>> print(sports_text(plan))
    接收学校的体育运动场馆面积：甲小学超出室内体育馆面积上限的体育运动场馆 300 平方米（需征地/租用/布局分流，需论证）；面积缺口权重每年 15.00 万元（权重，不是支出），占综合评价值（每年 3,000.00 万元）的 0.5%
    >>> from dataclasses import replace
    >>> field = replace(plan, schools=(replace(plan.schools[0], sports_field=True),))
    >>> print(sports_text(field).split("；")[0])
    接收学校的体育运动场馆面积：甲小学超出留足本校缺口后的校内空地可建面积的体育运动场馆 300 平方米（需征地/租用/布局分流，需论证）
    """
    from junheng.planning.layout_land import beyond_cap_text

    yuan = float(_after(plan).get("hall_beyond_weight_yuan", 0.0))
    gaps = [f"{s.name}{beyond_cap_text(s.sports_beyond_cap_area, s.added_sports_area > 0, s.sports_field)}"
            for s in plan.schools if s.action != "close" and round(s.sports_beyond_cap_area)]
    if yuan <= 0 and not gaps:
        return ""
    return (f"接收学校的体育运动场馆面积：{'；'.join(gaps)}；面积缺口权重每年 {_wan(yuan)}（权重，不是支出）"
            f"{share_text(plan, yuan)}")


def sports_label(plan) -> str:
    """The receivers' sports area for the checker's verdict, short ('' when none)."""
    m2 = sum(s.sports_beyond_cap_area for s in plan.schools if s.action != "close")
    yuan = float(_after(plan).get("hall_beyond_weight_yuan", 0.0))
    if yuan <= 0 and not round(m2):
        return ""
    share = share_text(plan, yuan).rpartition("的 ")[2]
    return (f"接收学校的体育运动场馆面积（缺口 {m2:,.0f} 平方米"
            + (f"，权重占综合评价值的 {share}）" if share and yuan > 0 else "）"))


def day_over_limit(plan) -> dict[str, int]:
    """Per school, its day pupils after the plan whose one-way trip exceeds the plan's
    ``day_travel_limit_min`` (pupils less boarders, counted as the metric
    ``day_pupils_over_limit``: :func:`~.layout_trips.pupil_counts`); none where that metric
    of the plan is 0."""
    if not (plan.metrics or {}).get("after", {}).get("day_pupils_over_limit", 1):
        return {}  # the plan's own count says none
    out: dict[str, int] = {}
    for a, day in _over(plan):
        out[a.school_id] = out.get(a.school_id, 0) + day
    return {s: n for s, n in out.items() if n > 0}


def _limit(plan) -> float:
    return float((plan.rules or {}).get("day_travel_limit_min", 30.0))


def _over(plan):
    """(assignment, its day pupils) of each assignment beyond the day limit with day pupils,
    but a data-check school's own boarders (:func:`~.layout_zoning.checked_boarders`)."""
    import pandas as pd

    from junheng.planning.layout_boarding import LIMIT_TOL
    from junheng.planning.layout_zoning import checked_boarders

    limit = _limit(plan)
    checked = checked_boarders(pd.DataFrame(
        [(a.village_id, a.stage_group, a.before_school, a.pinned, a.students)
         for a in plan.assignments], columns=["village", "group", "before", "pinned", "demand"]))
    for a, skip in zip(plan.assignments, checked, strict=True):
        if a.travel_min > limit + LIMIT_TOL and not skip:  # grades 1–3 too: no bus, no bed
            day = int(a.students) - round(int(a.students) * round(a.board_share, 6))
            if day > 0:
                yield a, day


def day_reasons(plan) -> dict[str, str]:
    """Per school of :func:`day_over_limit`, why its pupils beyond the limit are day pupils,
    from the plan's assignments and beds: a group that keeps today's school boards by the
    rule, but the plan adds no bed for pupils who do not move (rule (20)), so those beyond
    its beds stay day pupils as today; a part of a 城镇 school's boarders counted in a
    community (``pinned``) has the community's minutes, not its own trip; a 一至三年级 group
    does not board; any other group boards only in part at its school."""
    beds = {s.school_id: s.beds_after for s in plan.schools}
    added = {s.school_id: s.added_beds for s in plan.schools}
    parts: dict[str, list[str]] = {}
    causes: dict[str, set[str]] = {}
    for a, day in _over(plan):
        who = f"{a.village_name or a.village_id}{GROUP_LABELS.get(a.stage_group, '')} {day:,} 人单程 {a.travel_min:.1f} 分钟"
        parts.setdefault(a.school_id, []).append(who)
        if a.stage_group == "grades_1_3":  # kept where it is beyond the limit today (brief hstay)
            why = "一至三年级不寄宿" + ("，就读学校不变，现状即超过走读上限" if a.before_school == a.school_id else "")
        elif a.before_school == a.school_id:
            why = (f"就读学校不变，按规则须寄宿，本校床位 {beds.get(a.school_id, 0):,} 张"
                   + (f"（其中新增 {added[a.school_id]:,} 张为转入学生所建）" if added.get(a.school_id) else "")
                   + "不足，本方案不为不转学的学生新增床位，按现状走读")
            if a.pinned:
                why += ("；这部分学生是本校现有寄宿生按寄宿比例计入所在社区的人数，单程是社区到学校的"
                        "估算，不是其上学路程")
        elif not a.before_school:  # a plan stored before the schools of today were kept
            why = f"按规则须寄宿，本方案未全部按寄宿计（本校床位 {beds.get(a.school_id, 0):,} 张）"
        else:
            why = f"转入本校，按规则须寄宿，本方案只计 {a.board_share:.0%} 寄宿"
        causes.setdefault(a.school_id, set()).add(why)
    return {sid: f"{'、'.join(who)}，{'；'.join(sorted(causes[sid]))}" for sid, who in parts.items()}


def day_limit_text(plan) -> str:
    """The 走读单程时间上限 unmet: its pupils per school (:func:`day_over_limit`), each with its
    reason (:func:`day_reasons`)."""
    over, names, why = day_over_limit(plan), plan.names, day_reasons(plan)
    each = "；".join(f"{names.get(s, s)} {n:,} 人" + (f"：{why[s]}" if s in why else "")
                    for s, n in over.items())
    return (f"走读单程不超过 {_limit(plan):g} 分钟：{sum(over.values()):,} 人超过（{each}），"
            "需核实实际道路时间，超过的安排校车接送")


def rooms_short(plan) -> dict[str, int]:
    """Per open school, the 普通教室 its classes formed grade by grade lack in the plan year,
    as its 理由 says (:func:`~.layout_reasons.room_notes`; a new school has none: rule (23)),
    but a school whose rooms the 过渡期 rows count grade by grade: its 理由 says them as 表3
    does (:func:`~.layout_room_words.counted_rooms`), its shortfall is the target year's
    临时周转 (brief hshort: 实验中学 「约缺 1 间」 here beside 3 borrowed in 表3 and 表7)."""
    from junheng.planning.layout_room_words import ROOM_NOTE, transition_counts

    counted = {s.school_id for s in plan.schools if transition_counts(s, plan)}
    out = {}
    for sid, text in (plan.kept_reasons or {}).items():
        found = re.search(ROOM_NOTE + r"[^。]*约缺 ([\d,]+) 间", text)
        if found and sid not in counted:
            out[sid] = int(found.group(1).replace(",", ""))
    return out


def rooms_short_text(plan) -> str:
    """The schools whose classes formed grade by grade lack rooms in the plan year, each with
    its pupils after the plan against those expected without it, so a planner sees whether
    the plan's pupils or the school's own cause it ('' when none). A 教学点 is left out: its
    grades share 复式班 classes.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "第三初级中学", "expand",
    ...     students_after={"junior": 755}, students_expected=768),), {},
    ...     kept_reasons={"A": "按学段学位计（新增 1 间后）已够用；按年级编班（每个年级按标准班额）约缺 1 间普通教室。"})
    >>> print(rooms_short_text(plan))
    按年级编班的普通教室（方案按学段学位核定教室，规划年每个年级按标准班额编班仍缺）：第三初级中学约缺 1 间（规划后 755 人，不调整预计 768 人：缺口来自本校自身生源，不是方案转入的学生）；是否加建、加建几间由达标路径按招生预测的学生逐年级（规划年及其前后各学年）复核确定，缺口不超过临时周转年限的学年以临时周转解决、不新建（见整改措施“布局调整与达标路径合计”）
    """
    short, by_id = rooms_short(plan), {s.school_id: s for s in plan.schools}
    each = []
    for sid, n in sorted(short.items(), key=lambda kv: (-kv[1], kv[0])):  # most short first, one order every run
        s = by_id.get(sid)
        if s is None or s.action == "close" or s.kind == "teaching_point":  # 复式班
            continue
        after = int(sum(s.students_after.values()))
        why = ("" if s.students_expected <= 0 else "：缺口来自本校自身生源，不是方案转入的学生"
               if after <= s.students_expected else "：含方案转入的学生")
        expected = f"，不调整预计 {s.students_expected:,} 人{why}" if why else ""
        each.append(f"{s.name}约缺 {n:,} 间（规划后 {after:,} 人{expected}）")
    if not each:
        return ""
    return ("按年级编班的普通教室（方案按学段学位核定教室，规划年每个年级按标准班额编班仍缺）：" + "；".join(each)
            + "；是否加建、加建几间由达标路径按招生预测的学生逐年级（规划年及其前后各学年）复核确定，"
            "缺口不超过临时周转年限的学年以临时周转解决、不新建（见整改措施“布局调整与达标路径合计”）")


@per_object  # every face of a plan asks for them: 59 times on the demo, 9 s under a profiler
def rule_lines(plan) -> list[str]:
    """The rules the plan does not meet, one sentence each with its figures: one a label of
    :func:`unmet_labels` without the CVs, in its order (review ht 4: the document numbered 6
    items, its status said 4 rules, the checker 5)."""
    out = [day_limit_text(plan)] if day_over_limit(plan) else []
    out += [t for t in (relief_text(plan), sports_text(plan), runs_text(plan)) if t]
    towns, why = boarding_unmet(plan)
    if towns:
        out.append(f"“每个乡镇保留寄宿制小学和初中”未全部满足：{towns}" + (f"（原因：{why}）" if why else ""))
    elif (plan.rules or {}).get("boarding_per_town_unmet"):
        out.append("“每个乡镇保留寄宿制小学和初中”未全部满足，原因见说明")
    return out


def boarding_unmet(plan) -> tuple[str, str]:
    """Where the per-town boarding rule is not met and why, read from the sentence the plan
    keeps (:func:`~.layout_boarding.unmet_summary`, ``rules.boarding_per_town_unmet``): brief
    hc2, review rv 15, the towns were named only in a 说明 row. ('', '') when met or the
    sentence is not of that form.

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> boarding_unmet(LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet":
    ...     "本方案不满足：甲镇、乙镇不设寄宿制小学，乙镇不设寄宿制初中（原因：没有 50 名需要寄宿的学生；不新建）。"}))
    ('甲镇、乙镇不设寄宿制小学，乙镇不设寄宿制初中', '没有 50 名需要寄宿的学生；不新建')
    >>> boarding_unmet(LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet": "…"}))
    ('', '')
    """
    text = str((plan.rules or {}).get("boarding_per_town_unmet") or "")
    head, found, body = text.partition("本方案不满足：")
    if not found or head:
        return "", ""
    towns, _, why = body.rstrip("。").partition("（原因：")
    return towns, why.removesuffix("）")


def other_lines(plan, cvs: bool = True) -> list[str]:
    """What is said beside the rules and is none of them: the rooms classes formed grade by
    grade still lack (decided by the 达标路径, :func:`rooms_short_text`), the schools kept for
    the CVs (a premise of the solve) and, with ``cvs``, the CVs over their limit (their own
    row, 是否满足差异系数上限)."""
    rules = plan.rules or {}
    out = [t for t in (rooms_short_text(plan),) if t]
    if rules.get("cv_kept"):
        kept = "、".join(plan.names.get(s, s) for s in rules["cv_kept"])
        out.append(f"因差异系数约束保留{kept}（方案在此前提下求解）")
    if cvs and plan_count(plan):
        out.append(f"优质均衡{plan_count(plan)}（见“是否满足差异系数上限”）")
    return out


def unmet_lines(plan, cvs: bool = True) -> list[str]:
    """Every rule the plan does not meet and every penalty it pays, one sentence each
    (:func:`rule_lines`), then what is said beside them (:func:`other_lines`)."""
    return rule_lines(plan) + other_lines(plan, cvs)


def unmet_labels(plan, cvs: bool = True) -> list[str]:
    """The rules the plan does not meet, short (the same rules as :func:`rule_lines`); with
    ``cvs`` the CVs over their limit as one more."""
    over_day = sum(day_over_limit(plan).values())
    out = [f"走读单程不超过 {_limit(plan):g} 分钟（{over_day:,} 人超过）"] if over_day else []
    out += [t for t in (relief_short_label(plan), sports_label(plan), runs_label(plan)) if t]
    if (plan.rules or {}).get("boarding_per_town_unmet"):
        towns = boarding_unmet(plan)[0]
        out.append("每个乡镇保留寄宿制小学和初中" + (f"（{towns}）" if towns else ""))
    over = plan_count(plan) if cvs else ""
    return [*out, over] if over else out


def unmet_said(plan) -> str:
    """The rules the plan does not meet as every face counts them (the status, 表5, 表6, the
    checker's verdict in plan.json and the workbook): the rules without the CVs, by their
    short labels, and the CVs over their limit apart; "" when it meets them all.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, CvComparison
    >>> cvs = CvComparison({}, {"junior": {"k": 0.5, "m": 0.6}}, (), {"junior": {"k": 0.45, "m": 0.55}})
    >>> unmet_said(LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet": "…"}, evaluation=cvs))
    '未满足规则 1 项（不含差异系数）：每个乡镇保留寄宿制小学和初中；差异系数 2 项超过限值（本方案使其超限或变差，不符合规则）'
    >>> unmet_said(LayoutOutcome("optimal", (), {}))
    ''
    """
    rules = unmet_labels(plan, cvs=False)
    over = plan_count(plan)
    said = [f"未满足规则 {len(rules)} 项（不含差异系数）：{'、'.join(rules)}"] if rules else []
    return "；".join(said + ([over] if over else []))


def unmet_count(labels: list[str]) -> str:
    """The rules a plan does not meet as a count and their short labels (:func:`unmet_labels`),
    where the full sentences (:func:`unmet_lines`) would repeat (review rv 6: the same
    ~1,700 characters five times in 布局调整方案.docx and three in the CLI); "无" for none.

    >>> unmet_count(["走读单程不超过 30 分钟（36 人超过）", "差异系数 2 项超限"])
    '2 项：走读单程不超过 30 分钟（36 人超过）、差异系数 2 项超限'
    >>> unmet_count([])
    '无'
    """
    return f"{len(labels)} 项：{'、'.join(labels)}" if labels else "无"


def runs_text(plan) -> str:
    """The 临时周转 limit unmet by the layout's own years, every year a school borrows counted,
    those its pupils wait for a new school too (rv2 finding 2; :mod:`~.layout_runs`); ''
    when every run is within it."""
    from junheng.planning.layout_runs import own_breaches
    from junheng.planning.plans_temporary import peak_of

    found = own_breaches(plan)
    if not found:
        return ""
    each = "；".join(f"{plan.names.get(s, s)} {t}" for s, t in found.items())
    return f"同一学校连续临时周转不超过 {peak_of(plan.rules)} 个学年：{each}"


def runs_label(plan) -> str:
    """:func:`runs_text` short, for the checker's verdict ('' when none).

    实验中学 borrows 1 room 2027–2032; a new room can be in use from 2027 + 2 = 2029 (the run
    start, :func:`~.layout_years.run_start`): 2027–2028 are unavoidable, the run counted is
    2029–2032, 4 years > 3; borrowing 2027–2030 only, it is 2029–2030, 2 years: none.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "实验中学", "keep"),), {}, year=2025,
    ...     rules={"plan_date": "2026-12-05"}, overflow=tuple((y, "E", "junior", 1) for y in range(2027, 2033)))
    >>> runs_label(plan)
    '同一学校连续临时周转不超过 3 个学年（实验中学 2029—2032 学年连续 4 个学年）'
    >>> print(runs_text(plan))
    同一学校连续临时周转不超过 3 个学年：实验中学 2027—2028 学年即使新建教室也来不及投入使用，只能临时周转；2029—2032 学年连续 4 个学年借用教室临时周转（2029 学年 1 间、2030 学年 1 间、2031 学年 1 间、2032 学年 1 间），超过临时周转年限（3 个学年），需调整建设时序（在本校提前新建教室）
    >>> from dataclasses import replace
    >>> runs_label(replace(plan, overflow=plan.overflow[:4]))
    ''
    """
    from junheng.planning.layout_runs import own_breaches
    from junheng.planning.plans_temporary import peak_of

    found = own_breaches(plan)
    if not found:
        return ""
    from junheng.planning.layout_years import UNAVOIDABLE

    each = "、".join(f"{plan.names.get(s, s)} {t.split(UNAVOIDABLE + '；')[-1].split(' 个学年')[0]} 个学年"
                    for s, t in found.items())
    return f"同一学校连续临时周转不超过 {peak_of(plan.rules)} 个学年（{each}）"
