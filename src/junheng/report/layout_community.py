"""The layout plan's 城区划片 (就近划片, ``community_zoning``, the planner's rule (18)): each
城区 community (村居, 城乡分类代码 111/112) and stage, its pupils, the one school it is zoned
to after the plan and today's schools where it was split among several, with a note where a
community stays split and why; the 布局调整方案's paragraph summing it up.

A community's 寄宿 part (today's boarders at a town school, ``pinned``) stays out of the
划片 as the planner keeps it out; the note says so.
"""

from __future__ import annotations

from junheng.model.labels import STAGE_LABELS
from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_outcome import LayoutOutcome, VillageAssignment

#: the boarders the row's schools keep, as the school's (review rv15 11: 「学府社区 | 初中 | 134 … 另有现有
#: 寄宿生 362 人」 read as the community's 362 beside its 134 pupils): pinned, out of the 划片
BOARDERS_HEAD = "学校现有外村寄宿生（学校的寄宿生，不是本社区学生，不在划片之列）"
COMMUNITY_HEADS = ("村居代码", "村居名称", "学段", "学生数", "规划后划入学校", "学校标识码",
                   "现就读学校（多校分别接收时）", "说明", BOARDERS_HEAD)

#: why a community's parts share no school although 就近划片 is on (layout_zoning.zones)
NO_COMMON = "各部分在通行时间限制内没有共同可就读的学校，按各自就近安排"
#: why a community stays split when the plan does not use the rule
RULE_OFF = "本方案未启用“就近划片”规则"


def _units(plan: LayoutOutcome) -> dict[tuple[str, str], list[VillageAssignment]]:
    """The assignments of each 城区 community and stage, in the plan's order."""
    units: dict[tuple[str, str], list[VillageAssignment]] = {}
    for a in plan.assignments:
        if a.urban:
            units.setdefault((a.village_id, GROUP_STAGE[a.stage_group]), []).append(a)
    return units


def _by_school(parts: list[VillageAssignment], key: str) -> dict[str, int]:
    """Pupils per school (``key``: school_id or before_school), most first."""
    out: dict[str, int] = {}
    for a in parts:
        if getattr(a, key):
            out[getattr(a, key)] = out.get(getattr(a, key), 0) + a.students
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def community_rows(plan: LayoutOutcome) -> list[list]:
    """The 城区划片 sheet: one row per 城区 community and stage with day pupils.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> def part(v, g, s, n, before, pinned=False):
    ...     return VillageAssignment(v, g, s, n, 1.0, 5.0, False, float(pinned), "翠园社区",
    ...                              before, True, pinned)
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("S", "甲小学", "keep"),
    ...     PlannedSchool("T", "乙小学", "keep")), {}, rules={"community_zoning": True},
    ...     assignments=(part("V", "grades_1_3", "S", 133, "S"), part("V", "grades_4_6", "S", 94, "T"),
    ...                  part("V", "grades_4_6", "S", 20, "S", pinned=True)))
    >>> for row in community_rows(plan): print(row)
    ['V', '翠园社区', '小学', 227, '甲小学', 'S', '甲小学 133 人、乙小学 94 人', '现由 2 所学校分别接收，规划后整体划入甲小学', '甲小学 20 人']
    >>> plan = LayoutOutcome("optimal", plan.schools, {}, rules={"community_zoning": True},
    ...     assignments=(part("V", "grades_7_9", "S", 30, "S"), part("V", "grades_7_9", "T", 20, "T")))
    >>> community_rows(plan)[0][3:]
    [50, '甲小学 30 人、乙小学 20 人', 'S、T', '甲小学 30 人、乙小学 20 人', '仍分 2 所学校就读：各部分在通行时间限制内没有共同可就读的学校，按各自就近安排', '']
    """
    from junheng.report.layout_xlsx import shown_id

    names, rows = plan.names, []
    zoning = bool((plan.rules or {}).get("community_zoning"))
    for (village, stage), parts in _units(plan).items():
        day = [a for a in parts if not a.pinned]
        if not day:
            continue
        after, before = _by_school(day, "school_id"), _by_school(day, "before_school")
        text = "、".join(names.get(s, shown_id(s)) + (f" {n:,} 人" if len(after) > 1 else "")
                        for s, n in after.items())
        notes = []
        if len(after) > 1:
            notes.append(f"仍分 {len(after)} 所学校就读：{NO_COMMON if zoning else RULE_OFF}")
        elif len(before) > 1:
            notes.append(f"现由 {len(before)} 所学校分别接收，规划后整体划入{text}")
        pinned = _by_school([a for a in parts if a.pinned], "school_id")
        rows.append([village, day[0].village_name, STAGE_LABELS[stage], sum(after.values()), text,
                     "、".join(shown_id(s) for s in after),
                     "、".join(f"{names.get(s, shown_id(s))} {n:,} 人" for s, n in before.items())
                     if len(before) > 1 else "", "；".join(notes),
                     "、".join(f"{names.get(s, shown_id(s))} {n:,} 人" for s, n in pinned.items())])
    return rows


def community_summary(plan: LayoutOutcome) -> str:
    """The paragraph of 布局调整方案.docx on the 城区划片 ("" for a plan without 城区
    communities, or one written before the plans said which they are).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> def part(v, s, n, before):
    ...     return VillageAssignment(v, "grades_1_3", s, n, 1.0, 5.0, False, 0.0, "", before, True)
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("S", "甲小学", "keep"),), {},
    ...     rules={"community_zoning": True},
    ...     assignments=(part("V", "S", 133, "S"), part("V", "S", 94, "T"), part("W", "S", 50, "S")))
    >>> community_summary(plan)
    '城区划片（就近划片）：城区 2 个社区（村居）按小学、初中共 2 个划片单元，规划后每个单元只划入一所学校，教育局可据此公布划片；其中 1 个单元现由几所学校分别接收，规划后整体划入一所学校。各社区、学段的学生数和划入学校见《布局调整方案工作簿》的“城区划片”表。'
    """
    rows = community_rows(plan)
    if not rows:
        return ""
    split = [r for r in rows if r[7].startswith("仍分")]  # the 说明 column
    joined = [r for r in rows if r[7].startswith("现由")]
    text = (f"城区划片（就近划片）：城区 {len({r[0] for r in rows})} 个社区（村居）按小学、初中共 {len(rows)} 个"
            "划片单元，")
    if split:
        why = NO_COMMON if (plan.rules or {}).get("community_zoning") else RULE_OFF
        text += (f"规划后 {len(rows) - len(split)} 个单元只划入一所学校，{len(split)} 个单元仍分几所学校就读"
                 f"（{why}）")
    else:
        text += "规划后每个单元只划入一所学校，教育局可据此公布划片"
    if joined:
        text += f"；其中 {len(joined)} 个单元现由几所学校分别接收，规划后整体划入一所学校"
    return text + "。各社区、学段的学生数和划入学校见《布局调整方案工作簿》的“城区划片”表。"
