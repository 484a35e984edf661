"""The layout plan and the 达标路径 after it as one plan for one target year (issue 16 follow-up):

* :func:`target_after_layout`: a compliance plan that follows a layout plan is for the
  layout's target year unless the user names another; an earlier year is accepted only
  when every build of the layout can be in use by then (its lead years, the same
  ``lead_years`` the compliance plan uses), and the plan then says that the whole layout is
  assumed done that much earlier; a later year says the layout is done by then;
* :func:`combined_summary`: what the two plans cost together. One-off construction: the
  layout's classrooms, beds and new schools plus the compliance plan's buildings, halls,
  fields and renovations (the compliance plan starts from the county with the layout's rooms
  and beds counted as built, :func:`~.compliance_layout.county_after_layout`, so nothing is
  bought twice; a room the layout meets by 临时周转 is not built, and the 达标路径 pays only
  the 临时周转 beyond the layout's, :mod:`~.compliance_temporary`); other one-off spending (equipment, training, the 达标路径's 临时周转); the yearly running change
  (the layout's 财政支出 each year after minus without the plan, plus the compliance plan's
  yearly items: teachers hired, leases, rotation allowances); and per school both plans'
  actions on one row.

Money is 万元 (the layout's 元 divided by 10,000), rounded to 0.01.
>>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
>>> plan = LayoutOutcome("optimal", (PlannedSchool("B", "乙小学", "expand", added_classrooms=6),),
...                      {}, year=2025, target_year=2030)
>>> target_after_layout(2025, None, plan, {"classroom": 2})[0]
2030
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from junheng.errors import ConfigError
from junheng.model.numbers import wan as _wan  # one rounding of 万元 (brief hd 1)
from junheng.planning import plans_temporary as joint
from junheng.planning.halls import sports_label
from junheng.planning.layout_borrow import borrow_phrase, kept_rooms
from junheng.planning.layout_footprint import unsited_mark
from junheng.planning.layout_land import beyond_cap_text, land_text
from junheng.planning.layout_later import money_end
from junheng.planning.layout_naming import layout_name, saved_name, with_details
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, shown_yuan
from junheng.planning.layout_procedure import pending_clause
from junheng.planning.layout_receivers import several
from junheng.planning.layout_spending import build_by_year, running_steps, step_words
from junheng.planning.plans_apart import (
    ledger_hires,
    ledger_hires_text,
    once_headline,
    senior_funds,
    senior_table_rows,
    senior_text,
    senior_year_rows,
    without_ledger_hires,
)
from junheng.planning.plans_budget import (
    YEAR_LINES,
    _cents,
    begun_lines,
    build_years,
    bus_text,
    first_year_of,
    line,
    other_once,
    other_once_text,
    over_budget,
    paid_years,
    recurring_text,
    running_parts,
    spanned_line_names,
    unpriced_bus,
    yearly_keys,
    yearly_parts,
)
from junheng.planning.plans_budget_lines import budget_lines
from junheng.planning.plans_together import (
    compliance_text,
    land_pending,
    ready_year,
    review_lines,
    rotation_texts,
    together_lines,
    together_text,
)
from junheng.planning.plans_totals import recurring_span
from junheng.planning.plans_transition import (
    borrowed_text,
    borrowed_years,
    field_ground_text,
    temporary_clause,
    temporary_fields,
    temporary_table_row,
    temporary_years,
    year_span,
)
from junheng.planning.policy_costs import policy_year_rows

YUAN_PER_WAN = 10_000.0
#: The two counts of a school's pupils after the layout (planner review, merged schools): the
#: layout's, its villages' children aged forward and assigned, and the 达标路径's, the
#: enrolment forecast's county totals shared by the layout's proportions.
BY_ORIGIN = "按生源地预测的学位需求"
BY_SCHOOL = "按学校在校生预测"
#: compliance projects that are construction (the rest of the one-off items are equipment
#: and training)
CONSTRUCTION = ("building", "renovation", "repair", "sports")
#: the layout's builds and the costs.yaml lead-year entry each follows
LAYOUT_LEADS = {
    "classroom": ("teaching_area", "新建教室"),
    "bed": ("dormitory_area", "新增宿舍床位"),
    "new": ("new_school", "新建学校"),
    "area": ("gym", "补足接收学校生均面积"),
}


def layout_leads(costs) -> dict[str, int]:
    """Lead years of the layout's builds from the unit-price file (``ComplianceCosts``)."""
    layout = costs.layout or {}
    found = {"teaching_area": costs.item("teaching_area"), "gym": costs.item("gym"), **layout}
    return {
        kind: int(found[key].lead_years) for kind, (key, _) in LAYOUT_LEADS.items() if key in found
    }


def _builds(plan: LayoutOutcome) -> dict[str, int]:
    """How many of each build the layout makes: classrooms, beds, new schools."""
    kept = [s for s in plan.schools if s.action != "close"]
    return {
        "classroom": sum(s.built_classrooms for s in kept if s.action != "new"),
        "bed": sum(s.added_beds for s in kept if s.action != "new"),
        "new": sum(s.action == "new" for s in kept),
        "area": sum(bool(s.added_teaching_area or s.added_sports_area) for s in kept),
    }


def layout_actions_text(plan: LayoutOutcome) -> str:
    """The layout's actions in one phrase: 撤并 12 所、新建教室 36 间、新建学校 1 所. The
    classrooms and beds are all the layout builds, a new school's among them as the layout's own
    tables count them (review re finding 17: 9 here, 34 there), its share said; the rooms met
    by 临时周转 are borrowed, not built, and said apart.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> layout_actions_text(LayoutOutcome("optimal", (PlannedSchool("T", "点", "close"),
    ...     PlannedSchool("B", "乙", "expand", added_classrooms=6, added_beds=100)), {}))
    '撤并 1 所、新建教室 6 间、新增宿舍床位 100 张'
    >>> layout_actions_text(LayoutOutcome("optimal", (PlannedSchool("B", "乙", "expand",
    ...     added_classrooms=9, temporary_classrooms=2), PlannedSchool("N", "新", "new", added_classrooms=25)), {}))
    '新建教室 32 间（其中新建学校 25 间）、新建学校 1 所、临时周转教室 2 间（不新建）'
    """
    closed = any(s.action == "close" for s in plan.schools)
    builds = _builds(plan)
    parts = [f"撤并{plan.closed_words()}"] if closed else []
    units = {"classroom": "间", "bed": "张", "new": "所", "area": "所"}
    new = {"classroom": sum(s.built_classrooms for s in plan.schools if s.action == "new"),
           "bed": sum(s.added_beds for s in plan.schools if s.action == "new")}
    for k, n in builds.items():
        total = n + new.get(k, 0)
        if total:
            parts.append(f"{LAYOUT_LEADS[k][1]} {total:,} {units[k]}"
                         + (f"（其中新建学校 {new[k]:,} {units[k]}）" if new.get(k) else ""))
    if borrowed := kept_rooms(plan):  # the target year's borrowed, as the layout says (hsize)
        parts.append(f"临时周转教室 {borrowed:,} 间（不新建）")
    return "、".join(parts) or "不作调整"


def target_after_layout(
    data_year: int, target_year: int | None, plan: LayoutOutcome, leads: Mapping[str, int]
) -> tuple[int, str]:
    """The compliance plan's target year after ``plan`` and the sentence it states.

    Parameters
    ----------
    data_year
        The data year of both plans.
    target_year
        What the user named (None: the layout's target year, or data year + 3 for a layout
        plan written without one).
    plan
        The layout plan.
    leads
        Years from funding to use of the layout's builds (:func:`layout_leads`).

    Raises
    ------
    ConfigError
        The year named is before the layout's and a build of the layout cannot be in use by
        then (funded from its first school year not yet begun, at least data year + 1).
    """
    from junheng.planning.compliance import DEFAULT_HORIZON

    layout_year = plan.target_year
    if layout_year is None:
        return target_year or data_year + DEFAULT_HORIZON, ""
    target = target_year or layout_year
    done, planned = layout_actions_text(plan), f"按布局方案的计划已全部完成{pending_clause(plan)}"
    if target == layout_year:
        return (target, f"布局调整方案与本方案同按 {target} 学年编制："
                f"{target} 学年布局方案的措施（{done}）{planned}。")
    if target > layout_year:
        return target, (
            f"布局调整方案按 {layout_year} 学年编制，本方案目标学年为 {target} 学年：布局方案的措施"
            f"（{done}）{planned.replace('已全部', '在此之前已全部')}。"
        )
    first = max(data_year + 1, (first_year_of(plan.rules) or (0,))[0])
    earliest = _earliest(first, plan, leads)
    if target < earliest:
        raise ConfigError(
            f"布局调整方案按 {layout_year} 学年编制（{done}），其建设最早 {earliest} 学年才能全部投入使用"
            f"（{_lead_text(plan, leads)}，最早 {first} 学年投入资金）：达标路径目标学年 {target} 学年"
            f"无法按布局方案实施后的县域编制。请把目标学年定为 {earliest} 学年或之后"
            f"（不指定时与布局方案同为 {layout_year} 学年）。"
        )
    return target, (
        f"布局调整方案按 {layout_year} 学年编制，本方案目标学年 {target} 学年早于它：按布局方案的全部措施"
        f"（{done}）在 {target} 学年前完成计算，比布局方案提前 {layout_year - target} 年，需相应提前投资和实施；"
        f"{target} 学年各校学生取招生预测的全县总数，按布局方案规划年各校学生的占比分配。"
    )


def _earliest(first: int, plan: LayoutOutcome, leads: Mapping[str, int]) -> int:
    """The first year every build is in use, funded from ``first`` (the layout's first
    school year not yet begun, at least data year + 1)."""
    needed = [leads.get(k, 0) for k, n in _builds(plan).items() if n]
    return first + max(needed, default=0)


def _lead_text(plan: LayoutOutcome, leads: Mapping[str, int]) -> str:
    return "、".join(
        f"{LAYOUT_LEADS[k][1]}从投资到使用需 {leads.get(k, 0)} 年"
        for k, n in _builds(plan).items()
        if n
    )


# --- the two plans' money together -----------------------------------------------------------


def _school_layout_text(s: PlannedSchool, names: Mapping[str, str],
                        split: Mapping[str, str] | None = None,
                        plan: LayoutOutcome | None = None) -> str:
    """What the layout does at one school, its planning-year pupils included; ``split``
    (:func:`~.layout_receivers.several`): each receiver's pupils and villages or grades;
    ``plan``: its 临时周转 as the 过渡期 rows have it (:func:`~.layout_borrow.borrow_phrase`)."""
    if s.action == "close":
        return (f"撤并，学生并入{split[s.school_id]}" if s.school_id in (split or {})
                else f"撤并，并入{names.get(s.merged_into, s.merged_into or '接收学校')}") + s.condition
    parts = ["新建学校"] if s.action == "new" else []
    parts += [f"新建教室 {s.built_classrooms:,} 间{unsited_mark(s)}"] if s.built_classrooms else []
    if said := borrow_phrase(plan, s):
        parts.append(said)
    if s.added_beds:
        parts.append(f"新增宿舍床位 {s.added_beds:,} 张")
    areas = [f"{name} {m2:,.0f} 平方米" for name, m2 in (
        ("教学及辅助用房", s.added_teaching_area), (sports_label(s.sports_field), s.added_sports_area)) if round(m2)]
    if areas:  # only the areas it lacks (review 2026-12-03: "教学及辅助用房 0 平方米")
        parts.append("补足接收学生所需的" + "、".join(areas))
    if s.sports_land_area:  # rule (25)
        parts.append(land_text(s.sports_land_area, s.sports_land_yuan) + "（待决策）")
    if s.sports_beyond_cap_area:
        parts.append(beyond_cap_text(s.sports_beyond_cap_area, s.added_sports_area > 0, s.sports_field))
    if _moved_pupils(s):
        after = int(sum(s.students_after.values()))
        parts.append(f"规划年学生（{BY_ORIGIN}）{s.students_expected:,} → {after:,} 人")
    return "、".join(parts)


def _moved_pupils(s: PlannedSchool | None) -> bool:
    """Whether the layout gives a kept or new school other pupils than it expects."""
    return s is not None and s.action != "close" and (
        s.action == "new" or int(sum(s.students_after.values())) != s.students_expected)


def combined_rows(plan: LayoutOutcome, actions: pd.DataFrame,
                  halls: Mapping[str, float] | None = None,
                  pupils: Mapping[str, int] | None = None, temporary=None) -> list[dict[str, Any]]:
    """One row per school either plan acts at (a school a 交流轮岗 teacher goes to included):
    both plans' actions and money (万元), and what both build of one item (``together``:
    ``halls`` the hall m² the layout builds per school, compliance_layout._with_areas).
    ``pupils``: the 达标路径's compulsory pupils per school in its target year, shown beside
    the layout's where the layout shows its own (:data:`BY_ORIGIN`, :data:`BY_SCHOOL`).
    ``temporary``: the 达标路径's 临时周转 split; each school's rooms borrowed by both plans,
    one number a year, end its ``together`` (:func:`~.plans_transition.borrowed_years`; ``joint``: .plans_temporary)."""
    names = {**plan.names}
    if len(actions):
        names.update(zip(actions["school_id"], actions["name"], strict=False))
    split = several(plan)
    layout = {s.school_id: s for s in plan.schools if _school_layout_text(s, names, split)}
    by_school = dict(tuple(actions.groupby("school_id", sort=False))) if len(actions) else {}
    moved = rotation_texts(actions, names)
    borrowed = borrowed_years(plan, temporary)
    rows = []
    for sid in dict.fromkeys([*layout, *by_school, *moved, *borrowed]):
        s, a = layout.get(sid), by_school.get(sid, actions.iloc[:0])
        once = a.loc[a["annual_cost"] == 0, "cost"].sum() if len(a) else 0.0
        rooms, mended = joint.school_rooms(plan, s, a, borrowed.get(sid, {}), temporary, sid)
        rows.append({
                "school_id": sid, **({"joint": mended} if mended else {}),
                "name": names.get(sid, sid),
                "layout": _school_layout_text(s, names, split, plan) if s else "",
                "layout_cost": _wan(s.shown_capital_yuan) if s else 0.0,
                "compliance": _with_pupils(compliance_text(a, moved.get(sid, "")),
                                           (pupils or {}).get(sid) if _moved_pupils(s) else None),
                "together": "；".join(t for t in (
                    together_text(s, a, float((halls or {}).get(sid, 0.0)), ready_year(plan, s)),
                    rooms or borrowed_text(borrowed.get(sid, {})) + joint.rooms_basis(s, temporary, sid),
                    field_ground_text(plan, a, borrowed.get(sid, {}))) if t),
                "compliance_once": round(float(once), 2),
                "compliance_yearly": round(float(a["annual_cost"].sum()) if len(a) else 0.0, 2),
            })
    for r in rows:
        r["once"] = round(r["layout_cost"] + r["compliance_once"], 2)
    return rows


def _with_pupils(text: str, pupils: int | None) -> str:
    """The 达标路径's actions at a school after its own count of the school's pupils.

    >>> _with_pupils("新建普通教室 1 间", 291)
    '目标学年学生（按学校在校生预测）291 人；新建普通教室 1 间'
    """
    if pupils is None:
        return text
    return f"目标学年学生（{BY_SCHOOL}）{pupils:,} 人" + (f"；{text}" if text else "")


def _layout_years(plan: LayoutOutcome) -> dict[int, int]:
    """The layout's one-off construction (cents of 万元) by funding year: phase t in data
    year + t (:func:`~.layout_spending.build_by_year`; rooms met by 临时周转 are not built)."""
    return {y: _cents(_wan(v)) for y, v in build_by_year(plan).items()}


def _layout_running(plan: LayoutOutcome, last: int) -> dict[int, int]:
    """The layout's yearly running change (cents of 万元) in force each year up to ``last``,
    from the school year each closure or new school takes effect
    (:func:`~.layout_spending.running_steps`)."""
    steps = running_steps(plan)
    out, level = {}, 0.0
    for year in range(min(steps, default=last + 1), last + 1):
        level += sum(steps.get(year, {}).values())
        if _cents(_wan(level)):
            out[year] = _cents(_wan(level))
    return out


def _compliance_years(actions: pd.DataFrame) -> dict[str, dict[int, int]]:
    """The compliance plan's funding (cents of 万元) by year: construction, other one-off,
    yearly items (each action's ``funding`` adds up to its cost)."""
    out: dict[str, dict[int, int]] = {k: {} for k in ("construction", "other", "yearly")}
    for row in actions.itertuples() if len(actions) else ():
        kind = ("yearly" if row.annual_cost > 0
                else "construction" if row.project in CONSTRUCTION else "other")
        for year, amount in row.funding.items():
            out[kind][int(year)] = out[kind].get(int(year), 0) + _cents(amount)
    return out


def _layout_hires(plan: LayoutOutcome) -> float:
    """The layout's 新聘教师人员经费 a year (万元), part of its running change."""
    after, before = plan.metrics.get("after", {}), plan.metrics.get("before", {})
    return _wan(float(after.get("hire_staff_yuan", 0.0)) - float(before.get("hire_staff_yuan", 0.0)))


def _layout_change(plan: LayoutOutcome) -> int:
    """The layout's yearly 财政支出 after minus without it, cents of 万元, as its table shows it,
    traced to today's spending (:func:`~.layout_spending.running_change`, review rv 1)."""
    from junheng.planning.layout_spending import running_change

    return _cents(_wan(running_change(plan).traced_yuan))


def combined_years(plan: LayoutOutcome, actions: pd.DataFrame, target_year: int, recurring_years: int) -> dict[str, Any]:
    """Both plans' money by year (万元): ``years`` (every year either plan pays in) and per
    line one amount a year: the layout's one-off construction (phase t in data year + t),
    the compliance plan's construction and its other one-off items (by their funding), the
    layout's yearly running change from the school year each of its closures and new schools
    takes effect (``layout_recurring_years``) and the compliance plan's yearly items in the
    ``recurring_years`` years from ``target_year``; both end at :func:`~.layout_later.money_end`.

    >>> plan = LayoutOutcome("optimal", (PlannedSchool("B", "乙", "expand", phase=2,
    ...     capital_yuan=1_000_000.0),), {"before": {"operating_yuan": 300_000.0},
    ...     "after": {"operating_yuan": 200_000.0}}, year=2025)
    >>> frame = pd.DataFrame({"project": ["building", "teachers"], "annual_cost": [0.0, 5.0],
    ...     "funding": [{2026: 30.0, 2027: 20.0}, {2028: 5.0, 2029: 5.0}]})
    >>> by = combined_years(plan, frame, 2028, 2)
    >>> by["years"], by["layout_construction"], by["layout_yearly"]
    ([2026, 2027, 2028, 2029], [0.0, 100.0, 0.0, 0.0], [0.0, -10.0, -10.0, -10.0])

    (The expansion, the plan's only action: its −10 万 a year starts with it in 2027.)"""
    comp = _compliance_years(actions)
    paid = sorted(y for y, cents in comp["yearly"].items() if cents)  # hires from the year they start
    recurring = (list(range(min(paid[0], target_year), max(paid[-1], target_year + recurring_years - 1) + 1))
                 if paid else list(range(target_year, target_year + recurring_years)))
    from junheng.planning.compliance_json import lasting_after  # hires' pay goes on (rv15 13)
    comp["yearly"].update({y: comp["yearly"].get(y, 0) + _cents(w) for y, w in lasting_after(actions, recurring[-1]).items()})
    running = _layout_running(plan, money_end(target_year, recurring_years)) if recurring else {}
    lines = {
        "layout_construction": _layout_years(plan),
        "layout_temporary": temporary_years(plan),
        "compliance_construction": comp["construction"],
        "compliance_other_once": comp["other"],
        "layout_yearly": running,
        "compliance_yearly": comp["yearly"],
    }
    paid = {y for line in lines.values() for y in line}
    years = list(range(min(paid), max(paid) + 1)) if paid else []
    out: dict[str, Any] = {"years": years, "recurring_years": recurring, "recurring_each": recurring_years,
                           "layout_recurring_years": sorted(running)}
    for key, amounts in lines.items():
        out[key] = [amounts.get(y, 0) / 100 for y in years]
    return out


def combined_summary(
    plan: LayoutOutcome, actions: pd.DataFrame, target_year: int, recurring_years: int = 5,
    budget: float | None = None, halls: Mapping[str, float] | None = None,
    pupils: Mapping[str, int] | None = None, committed: Mapping[int, float] | None = None,
    senior: pd.DataFrame | None = None, apart: float | None = None, temporary=None, rented=None,
) -> dict[str, Any]:
    """Both plans' money (万元) and per-school actions; see the module docstring.

    ``actions`` are the compliance plan's (:func:`~.compliance_actions.plan_actions`);
    ``recurring_years``: the years its yearly items are counted for (costs.yaml); ``budget``:
    the compliance plan's yearly budget (万元, None for none), against which both plans'
    spending is compared year by year (``over_budget``); ``committed``: the layout's
    construction the 达标路径 counted in that budget (the sentences then say so). Every total is the sum of its line
    of :func:`combined_years` (``by_year``), so the year table adds up to the totals the
    sentences show. ``senior``: 高中's part of the shared buildings (compliance_outside
    .senior_part), stated beside the totals, never in them; the 达标路径's hires among the
    layout's staffing ledger's are paid once, by the layout (:mod:`~.plans_apart`).
    ``apart``: 万元 of the 达标路径's 需论证 remedy outside its total (:func:`.review_lines`);
    ``temporary``: its 临时周转 split (:func:`combined_rows`); ``rented``: its rented m² (joint check)."""
    covered = ledger_hires(actions, plan.staffing)
    actions = without_ledger_hires(actions, covered)
    by_year = combined_years(plan, actions, target_year, recurring_years)
    cents = {k: sum(_cents(v) for v in by_year[k]) for k in YEAR_LINES}
    yearly = actions["annual_cost"].sum() if len(actions) else 0.0
    per_year = {"layout_yearly": _layout_change(plan), "compliance_yearly": _cents(yearly)}
    once = cents["layout_construction"] + cents["compliance_construction"]
    other = cents["layout_temporary"] + cents["compliance_other_once"]
    return {
        "layout_scenario": plan.scenario, "layout_name": layout_name(plan),
        "layout_year": plan.target_year, "target_year": target_year, "layout_land": land_pending(plan),
        "layout_construction": cents["layout_construction"] / 100,
        "compliance_construction": cents["compliance_construction"] / 100,
        "construction": once / 100,
        "layout_temporary": cents["layout_temporary"] / 100,
        **temporary_fields(plan),
        **other_once(actions, cents["compliance_other_once"]),
        "once": (once + other) / 100,
        "layout_yearly": per_year["layout_yearly"] / 100,
        "compliance_yearly": per_year["compliance_yearly"] / 100,
        "compliance_yearly_parts": yearly_keys(actions),
        "yearly": sum(per_year.values()) / 100,
        "recurring": (cents["layout_yearly"] + cents["compliance_yearly"]) / 100,
        "total": sum(cents.values()) / 100,
        "by_year": by_year,
        "budget": budget, "over_budget": {str(y): v for y, v in over_budget(by_year, budget).items()},
        "first_year": first_year_of(plan.rules), "build_years": build_years(plan),
        "committed": bool(committed and any(committed.values())),
        "layout_review": round(shown_yuan([s.area_yuan for s in plan.schools]) / YUAN_PER_WAN, 2),
        "compliance_apart": apart or 0.0,  # review_lines
        "layout_hires": _layout_hires(plan), "layout_bus": unpriced_bus(plan),
        "layout_steps": {str(y): words for y, words in step_words(plan).items()},
        "layout_parts": running_parts(plan),
        "ledger_hires": [{k: v for k, v in c.items() if k != "index"} for c in covered],
        "senior": senior_funds(senior, actions),
        "schools": (rows := combined_rows(plan, actions, halls, pupils, temporary)),
        "temporary_joint": joint.joint_check(plan, rows, borrowed_years(plan, temporary), temporary, rented),
    }



def combined_lines(doc: Mapping[str, Any]) -> list[str]:
    """The summary's sentences (CLI, Word, HTML); each total names the years it covers
    (a summary written before the year table, without ``by_year``, says no years).

    >>> doc = {"layout_scenario": "默认方案", "layout_year": 2030, "target_year": 2030,
    ...        "layout_construction": 100.0, "compliance_construction": 50.5,
    ...        "construction": 150.5, "compliance_other_once": 3.0, "once": 153.5,
    ...        "layout_yearly": -20.0, "compliance_yearly": 30.0, "yearly": 10.0,
    ...        "recurring": 20.0, "total": 173.5, "by_year": {"years": [2029, 2030, 2031],
    ...        "recurring_years": [2030, 2031], "layout_construction": [100.0, 0.0, 0.0],
    ...        "compliance_construction": [50.5, 0.0, 0.0], "compliance_other_once": [3.0, 0, 0],
    ...        "layout_yearly": [0.0, -20.0, -20.0], "compliance_yearly": [0.0, 30.0, 30.0]}}
    >>> for line in combined_lines(doc): print(line)
    布局调整方案（规划年 2030 学年）与达标路径（目标学年 2030 学年）合计：
    一次性建设投资 150.50 万元（布局调整 100.00 万元 + 达标路径 50.50 万元；达标路径以布局方案新建的教室（临时周转的不计）、床位和接收学校补足的面积为已建成，不重复计入）；另有达标路径的设备、培训等一次性投入 3.00 万元，一次性财政支出合计 153.50 万元（2029 学年投入）。
    每年经常性支出变化：+10.00 万元（布局调整 -20.00 万元：运行、寄宿、交通等；达标路径 +30.00 万元：新聘教师、场地租用、交流补助），按 2030—2031 学年共 2 年计 +20.00 万元。
    布局调整与达标路径需一次性投入 153.50 万元（2029 学年投入）；经常性支出全部生效后每年约增加 10.00 万元（新增支出按所设单价计，节省只计目前实际拨付的；主要来自布局调整：运行、寄宿、交通等每年减少 20.00 万元；达标路径：新聘教师、场地租用、交流补助每年增加 30.00 万元），2030—2031 学年累计约增加 20.00 万元，单独列示，不抵减一次性投入，分年度见“布局调整与达标路径分年度投资”表。
    """

    def signed(v: float) -> str:
        return f"{v:+,.2f} 万元"

    by = doc.get("by_year")
    once_years = f"（{year_span(paid_years(doc, *ONCE_LINES))}投入）" if by else ""
    lines = [
        with_details(saved_name(doc), f"规划年 {doc['layout_year']} 学年") + "与达标路径"
        f"（目标学年 {doc['target_year']} 学年）合计：",
        f"一次性建设投资 {doc['construction']:,.2f} 万元（布局调整 {doc['layout_construction']:,.2f} 万元"
        f"{'（含接收学校补足生均面积）' if doc.get('layout_review') else ''} + "
        f"达标路径 {doc['compliance_construction']:,.2f} 万元；达标路径以布局方案新建的教室（临时周转的不计）、床位和接收学校补足的面积为已建成，不重复计入）；"
        f"另有{temporary_clause(doc)}达标路径的{other_once_text(doc)}，一次性财政支出合计 "
        f"{doc['once']:,.2f} 万元{once_years}。",
        f"每年经常性支出变化：{signed(doc['yearly'])}（布局调整 {signed(doc['layout_yearly'])}：运行、寄宿、交通等"
        + (f"，含新聘教师人员经费 {signed(doc['layout_hires'])}" if doc.get("layout_hires") else "")
        + bus_text(doc) + f"；达标路径 {signed(doc['compliance_yearly'])}" + "".join(f"：{p}" for p in (yearly_parts(doc),) if p)
        + "".join(f"；{t}" for t in (ledger_hires_text(doc),) if t) + "）",
    ]
    if not by:
        return [*lines[:2], lines[2] + "。"]
    recurring, layout = by["recurring_years"], by.get("layout_recurring_years") or by["recurring_years"]
    each = by.get("recurring_each", len(recurring))
    counted = f"共 {len(recurring)} 年" if len(recurring) == each else f"（每项自开始支付的学年起计 {each} 年）"
    lines[2] += (f"，按 {year_span(recurring)}{counted}计 {signed(doc['recurring'])}。"
                 if layout == recurring else
                 f"，布局调整按 {year_span(layout)}共 {len(layout)} 年（自撤并、新建学校生效的学年起逐年计）、"
                 f"达标路径按 {year_span(recurring)}{counted}，合计 {signed(doc['recurring'])}。")
    lines.append(f"{once_headline(doc, once_years)}；"  # never netted (review 2026-12-05 #8); rv6 N5
                 f"{recurring_text(doc, year_span(recurring_span(by)))}{''.join('；' + s for s in (senior_text(doc),) if s)}"
                 "，分年度见“布局调整与达标路径分年度投资”表。")
    return lines + review_lines(doc) + budget_lines(doc) + begun_lines(doc) + together_lines(doc) + joint.joint_lines(doc)


#: the one-off lines of the year table, the yearly ones, and their two totals (never added)
ONCE_LINES = ("layout_construction", "compliance_construction", "layout_temporary", "compliance_other_once")
YEARLY_LINES = ("layout_yearly", "compliance_yearly")
ONCE_TOTAL, YEARLY_TOTAL = "一次性投入合计（布局调整与达标路径）", "经常性支出变化合计（布局调整与达标路径，各学年之和）"


def combined_year_rows(doc: Mapping[str, Any]) -> tuple[list[str], list[tuple[str, list[float], float]]]:
    """The year table of both plans (CLI, xlsx, Word, HTML): the years, then per line its
    amount each year and its total (the sum of its years); the 小计 of construction, the 合计
    of the one-off lines and that of the yearly lines, never added (review 2026-12-05 #1).
    Empty for a summary written without ``by_year``.

    >>> doc = {"by_year": {"years": [2026, 2030], "recurring_years": [2030],
    ...        "layout_construction": [100.0, 0.0], "compliance_construction": [50.5, 0.0],
    ...        "compliance_other_once": [3.0, 0.0], "layout_yearly": [0.0, -20.0],
    ...        "compliance_yearly": [0.0, 30.0]}}
    >>> years, rows = combined_year_rows(doc)
    >>> years
    ['2026', '2030']
    >>> for row in rows: print(row)
    ('布局调整：一次性建设投资', [100.0, 0.0], 100.0)
    ('达标路径：一次性建设投资', [50.5, 0.0], 50.5)
    ('一次性建设投资小计（布局调整与达标路径）', [150.5, 0.0], 150.5)
    ('达标路径：设备、培训等一次性投入', [3.0, 0.0], 3.0)
    ('一次性投入合计（布局调整与达标路径）', [153.5, 0.0], 153.5)
    ('布局调整：经常性支出变化（运行、寄宿、交通等，新增支出按所设单价计，节省只计目前实际拨付的；逐年，自撤并、新建学校生效的学年起，2030 学年）', [0.0, -20.0], -20.0)
    ('达标路径：经常性支出（新聘教师、场地租用、交流补助；每年，2030 学年）', [0.0, 30.0], 30.0)
    ('经常性支出变化合计（布局调整与达标路径，各学年之和）', [0.0, 10.0], 10.0)
    """
    by = doc.get("by_year")
    if not by:
        return [], []

    def row(name: str, keys: tuple[str, ...]) -> tuple[str, list[float], float]:
        cents = [sum(_cents(line(by, k, j)) for k in keys) for j in range(len(by["years"]))]
        return name, [c / 100 for c in cents], sum(cents) / 100

    spans = {"layout_yearly": year_span(by.get("layout_recurring_years") or by["recurring_years"]),
             "compliance_yearly": year_span(by["recurring_years"])}
    named = spanned_line_names(doc, spans)
    rows = [row(named[k], (k,)) for k in ONCE_LINES[:2]]
    rows += [row("一次性建设投资小计（布局调整与达标路径）", ONCE_LINES[:2]),
             *[row(named[k], (k,)) for k in ONCE_LINES[2:] if k != "layout_temporary" or paid_years(doc, k)],
             row(ONCE_TOTAL, ONCE_LINES)]
    rows += [row(named[k], (k,)) for k in YEARLY_LINES]
    rows.append(row(YEARLY_TOTAL, YEARLY_LINES))
    once = next(r for r in rows if r[0] == ONCE_TOTAL)
    return [str(y) for y in by["years"]], [*rows, *senior_year_rows(doc, by["years"], once), *policy_year_rows(doc, by["years"])]


#: column heads of the per-school table (xlsx, Word, HTML) and the keys they show
COMBINED_COLUMNS = (
    ("name", "学校"),
    ("layout", "布局调整措施"),
    ("layout_cost", "布局调整一次性投入（万元）"),
    ("compliance", "达标路径措施"),
    ("together", "布局调整与达标路径同校同项合计"),
    ("compliance_once", "达标路径一次性投入（万元）"),
    ("compliance_yearly", "达标路径每年支出（万元）"),
    ("once", "一次性合计（万元）"),
)


def combined_table(doc: Mapping[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The per-school table as text (Word, HTML): heads and rows, the totals last."""
    rows = [
        [x if isinstance(x, str) else f"{x:,.2f}" for x in (s.get(k, "") for k, _ in COMBINED_COLUMNS)]
        for s in doc["schools"]
    ]
    temporary = temporary_table_row(doc, len(COMBINED_COLUMNS))
    if temporary:
        rows.append([x if isinstance(x, str) else f"{x:,.2f}" for x in temporary])
    rows.append(["合计", "", f"{doc['layout_construction'] + doc.get('layout_temporary', 0.0):,.2f}", "", "",
                 f"{doc['compliance_construction'] + doc['compliance_other_once']:,.2f}",
                 f"{doc['compliance_yearly']:,.2f}", f"{doc['once']:,.2f}"])
    return [h for _, h in COMBINED_COLUMNS], rows + senior_table_rows(doc, len(COMBINED_COLUMNS))
