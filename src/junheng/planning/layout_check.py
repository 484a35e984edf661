"""An independent checker of a layout plan: re-derives every rule from the problem's data
and the plan's JSON, without the solver's variables, and recomputes the objective.

Each assignment of the plan is one customer of the problem (rule (1)): a rural village's
stage group has exactly one (single sourcing), a 城区 community split among schools today
(:mod:`~junheng.planning.layout_today`) one per part, in the problem's order, each with the
part's pupils (:func:`~junheng.planning.layout_check_rules.assignment_customers`). Its trip
is within the travel limits except at the customer's school today (the status quo: grades 1–3
kept there stay day pupils, flagged beyond the limit today); a pupil moved anywhere else
beyond them is refused."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace
from typing import Any

from junheng.errors import JunhengError
from junheng.model.labels import SCHOOL_TYPE_LABELS
from junheng.planning.layout_boarding import STAGE_LABEL, boards_by_rule
from junheng.planning.layout_check_areas import (
    check_areas,
    check_construction,
    check_new_staff,
    construction,
    standard_yuan,
)
from junheng.planning.layout_check_near import (
    Problems,
    school_label,
    town_label_of,
    village_label,
)
from junheng.planning.layout_check_procedure import check_closure_years
from junheng.planning.layout_check_zoning import (
    check_closure_beds,
    check_points,
    check_unchanged_beds,
    check_zoning,
)
from junheng.planning.layout_config import bus_riders
from junheng.planning.layout_data import (
    GROUP_LABELS,
    GROUP_STAGE,
    SITE_GROUPS,
    LayoutProblem,
    boarding_towns,
)
from junheng.planning.layout_model import RELIEF_SHORT_YUAN
from junheng.planning.layout_phases import first_phase, over_paid, payments, phase_budget, plan_day
from junheng.planning.layout_reviewed import reviewed_rules

TOL = 1e-6


class PlanViolation(JunhengError):
    """A plan breaks its own rules: ``lines``, one sentence each (the message is one line per
    broken rule)."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


class _Findings:
    """The broken rules :func:`check_plan` has found so far, each once, in order."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def run(self, step, *args):
        """``step(*args)``'s result, or None with its violation's lines kept."""
        try:
            return step(*args)
        except PlanViolation as exc:
            for line in exc.lines:
                self.add(line)
            return None

    def raise_any(self) -> None:
        if self.lines:
            raise PlanViolation(*self.lines)


#: the rules :func:`check_plan` checks, in its order (the last two only with the county)
RULES = ("方案指定保留、撤并的学校", "学生分配（每个村居学段一所学校、人数、单程时间上限、寄宿）",
         "撤并对象（含不提前撤并的学校）", "接收学校", "就近划片", "教学点的服务范围",
         "寄宿生不变的床位和撤并转入寄宿生的床位", "保留学校的学生下限", "学位、床位、校额和最小规模",
         "每个乡镇的寄宿制学校", "接收学校的生均面积和校内空地", "建设投资", "新建学校的教师编制",
         "实施学年、先建后撤和年度预算", "优质均衡差异系数上限",
         "过渡期逐年学位和按年级编班的教室（新建学校、接收学校）")


def rules_checked(problem: LayoutProblem, data=None) -> int:
    """How many of :data:`RULES` :func:`check_plan` checks for ``problem`` (the 差异系数 rule
    with the county and ``cv_limits``, the 过渡期 with the county).

    >>> from types import SimpleNamespace as NS
    >>> p = NS(config=NS(cv_limits=True))
    >>> rules_checked(p), rules_checked(p, data=object()), len(RULES)
    (14, 16, 16)
    """
    with_data = data is not None
    return len(RULES) - 2 + int(with_data and bool(problem.config.cv_limits)) + int(with_data)


#: how the checker's verdict begins wherever a user reads it (the plan's notes, the CLI, the web)
CHECKED = "方案校验"


def verify_plan(problem: LayoutProblem, plan: dict[str, Any], data) -> str:
    """Check ``plan`` (its ``plan.json`` document) against ``problem`` and the county ``data``
    it was made for, in production (``junheng plan layout``, the web's job, the demo): the
    verdict in words, or :class:`PlanViolation` saying the plan was not written, with every
    rule it breaks (:func:`refused`)."""
    try:
        check_plan(problem, plan, data)
    except PlanViolation as exc:
        raise PlanViolation(refused(exc.lines)) from None
    return checked_note(rules_checked(problem, data), reported_unmet(plan))


def refused(lines: tuple[str, ...]) -> str:
    """The refusal of a plan breaking ``lines``' rules: one inline, several one a line.

    >>> print(refused(("甲小学被方案指定保留，但计划将其撤并。",)))
    方案校验未通过：甲小学被方案指定保留，但计划将其撤并。方案未写出：请检查方案设置；设置无误时请将此信息告知系统管理员。
    >>> print(refused(("甲小学被方案指定保留，但计划将其撤并。", "乙小学被方案指定撤并，但计划仍保留。")))
    方案校验未通过，共 2 项：
    甲小学被方案指定保留，但计划将其撤并。
    乙小学被方案指定撤并，但计划仍保留。
    方案未写出：请检查方案设置；设置无误时请将此信息告知系统管理员。
    """
    tail = "方案未写出：请检查方案设置；设置无误时请将此信息告知系统管理员。"
    if len(lines) == 1:
        return f"{CHECKED}未通过：{lines[0]}{tail}"
    return "\n".join((f"{CHECKED}未通过，共 {len(lines)} 项：", *lines, tail))


def checked_note(rules: int, unmet: str) -> str:
    """The checker's verdict in words: the rules it re-derived, all as the plan sets them
    (with the exceptions the plan states), and the rules the plan itself reports unmet
    (:func:`~.layout_unmet.unmet_said`, counted as the status and the documents count them:
    review ht 4, 「已按方案核对 16 项规则，方案未满足其中 5 项」 beside 「未满足规则 4 项」); a plan
    that reports a rule unmet does not read "均…无误" beside it (review rv2 5).

    >>> checked_note(16, "")
    '方案校验：16 项规则均按方案核对无误'
    >>> checked_note(16, "未满足规则 1 项（不含差异系数）：走读单程不超过 30 分钟（37 人超过）；差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，须另行整改）")
    '方案校验：已按方案核对 16 项规则，与方案所报一致；方案未满足规则 1 项（不含差异系数）：走读单程不超过 30 分钟（37 人超过）；差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，须另行整改）'
    """
    if not unmet:
        return f"{CHECKED}：{rules} 项规则均按方案核对无误"
    return f"{CHECKED}：已按方案核对 {rules} 项规则，与方案所报一致；方案{unmet}"


def reported_unmet(plan: dict[str, Any]) -> str:
    """The rules the plan (its ``plan.json`` document) reports it does not meet, in words
    (:func:`~.layout_unmet.unmet_said`): the day pupils over the one-way limit, the boarding
    school of every town, …, and the 优质均衡 CVs over their limit after the plan, apart.

    >>> reported_unmet({"schools": [], "metrics": {}, "rules": {"boarding_per_town_unmet": "…"}})
    '未满足规则 1 项（不含差异系数）：每个乡镇保留寄宿制小学和初中'
    >>> reported_unmet({"schools": [], "metrics": {}, "evaluation": {"before": {}, "after":
    ...     {"junior": {"k": 0.5, "m": 0.6}}, "limits": {"junior": {"k": 0.45, "m": 0.65}}}})
    '差异系数 1 项超过限值（本方案使其超限或变差，不符合规则）'
    """
    from junheng.planning.layout_json import layout_from_json
    from junheng.planning.layout_unmet import unmet_said

    return unmet_said(layout_from_json(plan))


def check_plan(problem: LayoutProblem, plan: dict[str, Any], data=None) -> float:
    """Raise :class:`PlanViolation` naming every broken rule in the order of :data:`RULES`,
    each of its problems on a line (of a rule with more than
    :data:`~.layout_check_near.LISTED`, those first and how many more); return the
    recomputed objective.

    With ``data`` (the county the plan was made for) its 过渡期 is re-derived year by year
    (:func:`~.layout_check_years.check_years`), and with ``cv_limits`` on the planned county is
    re-evaluated and the 优质均衡 CV rule checked too (:mod:`layout_check_rules`). A plan whose
    assignments are not the problem's customers is checked no further."""
    from junheng.planning.layout_check_rules import (
        assignment_customers,
        check_candidates,
        check_cvs,
        check_receivers,
        check_relief,
    )
    from junheng.planning.layout_json import model_plan
    from junheng.planning.layout_new_need import check_new_need

    plan = model_plan(plan)  # 临时周转 rooms back in added_classrooms and capital_yuan
    problem = _named(problem, plan)
    schools = {s["school_id"]: s for s in plan["schools"]}
    open_ids = {k for k, s in schools.items() if s["action"] != "close"}
    found = _Findings()
    found.run(_check_lists, problem, open_ids, schools)
    if found.run(assignment_customers, problem, plan) is None:
        found.raise_any()
    load = _check_assignments(problem, plan, open_ids, found)
    found.run(check_candidates, problem, schools, data)
    found.run(check_new_need, problem, schools, data)  # rv15 1: a new school for a lasting need only
    found.run(check_receivers, problem, plan, schools)
    found.run(check_zoning, problem, plan)
    found.run(check_points, problem, plan)
    found.run(check_unchanged_beds, problem, plan)
    found.run(check_closure_beds, problem, plan)
    short = found.run(check_relief, problem, plan, schools, load)
    if data is not None and problem.config.cv_limits:
        found.run(check_cvs, problem, data, plan)
    areas, standard = _check_capacity(problem, plan, schools, open_ids, load, found, data)
    if data is not None:
        from junheng.planning.layout_check_borrow import check_borrow_counts
        from junheng.planning.layout_check_classes import check_new_classes, check_receiver_classes
        from junheng.planning.layout_check_projects import check_project_waits
        from junheng.planning.layout_check_years import check_years
        from junheng.planning.layout_json import layout_from_json

        found.run(check_project_waits, problem, plan, data)  # 先建后撤 against 规划 projects
        found.run(check_years, data, layout_from_json(plan), problem.config)
        found.run(check_borrow_counts, plan)  # the printed 临时周转 counts (review rv18 2)
        found.run(check_new_classes, data, problem, layout_from_json(plan), problem.config)
        found.run(check_receiver_classes, data, problem, layout_from_json(plan), problem.config)
    found.raise_any()
    return (_objective(problem, plan, schools, open_ids, load, standard) + areas[1]
            + RELIEF_SHORT_YUAN * sum(short.values()))


def _check_capacity(problem, plan, schools, open_ids, load, found: _Findings, data):
    """The sites' seats, beds and sizes, the towns' boarding schools, the receivers' areas,
    the construction, the new staff and the phases (:data:`RULES` 9–14), each broken one
    into ``found``; the areas (:func:`check_areas`) and the standard costs, None where broken."""
    found.run(_check_sites, problem, schools, load)
    found.run(_check_towns, problem, schools, open_ids, load, data)
    areas = found.run(check_areas, problem, plan, schools, load, data)
    standard = found.run(standard_yuan, problem, schools, load)
    if standard is not None:
        found.run(check_construction, problem, schools, standard)
    found.run(check_new_staff, problem.config, plan, schools, load)
    if areas is not None and standard is not None:
        found.run(_check_phases, problem, plan, schools, areas[0], standard)
    return areas, standard
def _named(problem: LayoutProblem, plan: dict[str, Any]) -> LayoutProblem:
    """``problem`` with the plan's names for its sites that have none (a candidate new site
    given by code only), so the messages name every school."""
    sites = problem.sites
    if "name" not in sites:
        return problem
    given = {s["school_id"]: s.get("name") for s in plan["schools"] if s.get("name")}
    bare = sites.index[sites["name"].isna() | sites["name"].astype(str).isin(["", "nan"])
                       | (sites["name"].astype(str) == sites.index.astype(str))]
    names = {sid: given[sid] for sid in bare if given.get(sid) not in (None, sid)}
    if not names:
        return problem
    return replace(problem, sites=sites.assign(name=sites["name"].where(
        ~sites.index.isin(list(names)), sites.index.map(names))))


def _check_lists(problem, open_ids, schools) -> None:
    cfg = problem.config
    lines = [f"{school_label(problem, s)}被方案指定保留，但计划将其撤并。" for s in cfg.keep
             if s not in open_ids]
    lines += [f"{school_label(problem, s)}被方案指定撤并，但计划仍保留。" for s in cfg.close
              if s in open_ids]
    if lines:
        raise PlanViolation(*lines)


def _check_assignments(problem, plan, open_ids, found: _Findings) -> dict:
    """Rule (1) and the travel and boarding of each assignment, every breach into ``found``;
    the pupils per open school (by stage, ``boarders``, ``total``)."""
    from junheng.planning.layout_check_rules import assignment_customers

    cust = problem.customers
    minutes = problem.travel.set_index(["customer", "site_id"])
    load: dict = defaultdict(lambda: defaultdict(float))
    for a, i in zip(plan["assignments"], assignment_customers(problem, plan), strict=True):
        breach = _assignment_breach(problem, a, i, open_ids, minutes)
        if breach:
            found.add(breach)
        s, demand = a["school_id"], int(cust.at[i, "demand"])
        if s not in open_ids or s not in problem.sites.index:
            continue
        load[s][GROUP_STAGE[a["stage_group"]]] += demand
        load[s]["boarders"] += demand * _share(a)
        load[s]["total"] += demand
    return load


def _assignment_breach(problem, a, i, open_ids, travel) -> str | None:
    """What is wrong with one assignment ``a`` of customer ``i`` (its first breach), or None.
    A trip beyond the travel limits is one only at another school than the customer's today:
    today's school is the status quo, its trip the plan's to keep, not to blame (brief hstay)."""
    cfg = problem.config
    cust = problem.customers
    k = (a["village_id"], a["stage_group"])
    demand = int(cust.at[i, "demand"])
    if a["students"] != demand:
        return f"{village_label(problem, k[0])}{GROUP_LABELS[k[1]]}学生数 {a['students']} 与需求 {demand} 不符。"
    s = a["school_id"]
    if s not in open_ids or s not in problem.sites.index:
        return f"{village_label(problem, k[0])}被分配到已撤并或不存在的{school_label(problem, s)}。"
    kind = problem.sites.at[s, "kind"]
    if k[1] not in SITE_GROUPS[kind]:
        return f"{school_label(problem, s)}（{SCHOOL_TYPE_LABELS.get(kind, '学校')}）不开设{GROUP_LABELS[k[1]]}，却接收了{village_label(problem, k[0])}。"
    t = float(travel["travel_min"].get((i, s), float("nan")))
    limit = cfg.day_travel_limit_min if k[1] == "grades_1_3" else cfg.boarding_travel_limit_min
    if not t <= limit + TOL and s != cust.at[i, "before_site"]:  # today's school: status quo
        return f"{village_label(problem, k[0])}到{school_label(problem, s)}单程 {t:.1f} 分钟，超过上限 {limit:g} 分钟。"
    boarding = bool(boards_by_rule([k[1]], [t], cfg.day_travel_limit_min)[0])
    if bool(a["boarding"]) != boarding:
        return f"{village_label(problem, k[0])}{GROUP_LABELS[k[1]]}的寄宿标记与通行时间 {t:.1f} 分钟不符。"
    if not boarding and _share(a) > TOL and _day_community(cust.loc[i], s):
        return (f"{village_label(problem, k[0])}（城区或镇区）{GROUP_LABELS[k[1]]}转到{school_label(problem, s)}，单程 {t:.1f} 分钟，"
                f"在走读时间上限内，应走读，计划却按 {_share(a):.0%} 寄宿。")
    share = float(travel["board_share"].get((i, s), 0.0))
    if "board_share" in a and abs(_share(a) - share) > 1e-6:
        return (f"{village_label(problem, k[0])}{GROUP_LABELS[k[1]]}在{school_label(problem, s)}的寄宿比例 {_share(a):.0%} "
                f"与今天寄宿比例推得的 {share:.0%} 不符。")
    return None


def _check_sites(problem, schools, load) -> None:
    """Rules (3)-(8) at each school, every breach (:class:`~.layout_check_near.Problems`)."""
    from junheng.planning.layout_check_rules import is_candidate

    cfg, sites, found = problem.config, problem.sites, Problems()
    exempt = _only_school(problem)
    for sid, s in schools.items():
        site, got, name = sites.loc[sid], load.get(sid, {}), school_label(problem, sid)
        add = s["added_classrooms_by_stage"]
        if add["primary"] + add["junior"] != s["added_classrooms"]:
            found.add(f"{name}分学段新增教室之和与新增教室数不符。")
        seats_p = site["seats_primary"] + add["primary"] * site["class_size_primary"]
        seats_j = site["seats_junior"] + add["junior"] * site["class_size_junior"]
        if got.get("primary", 0) > seats_p + TOL or got.get("junior", 0) > seats_j + TOL:
            found.add(f"{name}规划后小学 {got.get('primary', 0):.0f} 人、初中 {got.get('junior', 0):.0f} 人，"
                      f"超过按标准班额计算的学位 {seats_p:.0f} / {seats_j:.0f}。")
        beds = site["beds"] + s["added_beds"]
        if got.get("boarders", 0) > beds + TOL * max(1.0, beds):  # the solver's tolerance is relative
            found.add(f"{name}寄宿生 {got['boarders']:.0f} 人，床位只有 {beds} 张。")
        if got.get("total", 0) > site["size_cap"] + TOL:
            found.add(f"{name}规划后 {got['total']:.0f} 人，超过校额上限 {site['size_cap']}。")
        if s["action"] == "close":
            if got:
                found.add(f"{name}已撤并却仍有学生分配。")
            continue
        if s["added_beds"] % cfg.bed_block:
            found.add(f"{name}新增床位 {s['added_beds']} 不是 {cfg.bed_block} 的整数倍。")
        min_size = site["min_size"]
        if (min_size and got.get("total", 0) + TOL < min_size and sid not in exempt
                and sid not in cfg.keep and (not site["existing"] or is_candidate(problem, sid))):
            found.add(f"{name}规划后仅 {got.get('total', 0):.0f} 人，低于最小规模 {min_size}，且并非唯一可达学校。")
    found.raise_any()


def _only_school(problem) -> set[str]:
    counts = problem.pairs.groupby("customer")["site_id"].agg(["nunique", "first"])
    return set(counts.loc[counts["nunique"] == 1, "first"])


def _check_towns(problem, schools, open_ids, load, data=None) -> None:
    """Rule (9): every town and stage with candidates keeps an open boarding school, one
    that boards pupils today or gets ``min_boarders`` boarders; no beds beyond the blocks
    the boarders need, none at a school being relocated (review finding 3)."""
    cfg, sites, found = problem.config, problem.sites, Problems()
    for sid, s in schools.items():
        boarders, beds = load.get(sid, {}).get("boarders", 0.0), float(sites.at[sid, "beds"])
        need = math.ceil(max(boarders - beds - TOL, 0.0) / cfg.bed_block) * cfg.bed_block
        if s["added_beds"] > need:
            found.add(f"{school_label(problem, sid)}新增床位 {s['added_beds']} 张，寄宿生 {boarders:.0f} 人只需"
                      f"新增 {need} 张。")
        if (s["added_beds"] or s["added_classrooms"]) and bool(sites.at[sid, "relocating"]):
            found.add(f"{school_label(problem, sid)}正在迁建，却新增床位 {s['added_beds']} 张、"
                      f"教室 {s['added_classrooms']} 间。")
    ids = sites.index
    for r in boarding_towns(problem):
        if r.basis == "none":
            continue
        ok = [ids[i] for i in r.members if ids[i] in open_ids and (
            r.basis == "existing" or load.get(ids[i], {}).get("boarders", 0.0)
            >= cfg.min_boarders - TOL)]
        if not ok:
            label = STAGE_LABEL[r.stage]
            found.add(f"{town_label_of(problem, r.town, data)}规划后没有寄宿制{label}（现有寄宿制{label}或规划寄宿生"
                      f"不少于 {cfg.min_boarders} 人的学校）。")
    found.raise_any()


def _check_phases(problem, plan, schools, areas: dict[str, float],
                  standard: dict[str, float]) -> None:
    """The budget (10) and the phases (closures after their 论证 is due, (26)), the receivers'
    areas (14)-(15) and the new schools' areas to the standard (16) counted as built; every breach."""
    cfg, found = problem.config, Problems()
    # what is built: rooms met by 临时周转 are borrowed, so a school that only borrows is none
    costs = {k: construction(cfg, s, standard) + areas.get(k, 0.0)
             - s.get("temporary_classrooms", 0) * cfg.costs.classroom() for k, s in schools.items()
             if s["action"] in ("expand", "new") or s["added_classrooms"] or s["added_beds"]
             or areas.get(k, 0.0) > 0}
    builds = {k: schools[k] for k, c in costs.items()
              if c > 0.5 or not schools[k].get("temporary_classrooms")}
    costs = {k: costs[k] for k in builds}
    first = first_phase(problem.school_year, plan_day(cfg))
    for k, s in schools.items():
        if s["phase"] is not None and s["phase"] < first and s["action"] != "keep":
            found.add(f"{school_label(problem, k)}在 {problem.school_year + s['phase']} "
                      f"学年实施，早于首个可实施学年 {problem.school_year + first} 学年。")
    leads = {k: cfg.new_school_lead_years if s["action"] == "new" else cfg.expansion_lead_years
             for k, s in builds.items()}
    for k, s in builds.items():
        if (s["phase"] or 0) < first + leads[k]:
            what = ("新建学校", "启用") if s["action"] == "new" else ("扩建学校", "投入使用")
            found.add(f"{what[0]}{school_label(problem, k)}在 {problem.school_year + (s['phase'] or 0)} 学年"
                      f"{what[1]}，早于首个可实施学年之后 {leads[k]} 个学年"
                      f"（{problem.school_year + first + leads[k]} 学年）。")
    if cfg.annual_budget_yuan is not None:
        total = sum(costs.values())
        if total > cfg.annual_budget_yuan * cfg.phases + 1e-3:
            found.add(f"建设投资 {total:,.0f} 元超过预算 {cfg.annual_budget_yuan * cfg.phases:,.0f} 元。")
    if (budget := phase_budget(cfg)) is not None:
        paid: dict[int, float] = {}
        for k, s in builds.items():  # each build paid evenly over its build time before use
            for t, part in payments(costs[k], s["phase"], leads[k], 1e-9).items():
                paid[t] = paid.get(t, 0.0) + part
        if (t := over_paid(paid, budget, first)) is not None:
            spent = sum(v for y, v in paid.items() if y <= t)
            found.add(f"至 {problem.school_year + t} 学年建设投资 {spent:,.0f} 元超过累计预算。")
    found.run(check_closure_years, problem.school_year, plan, plan_day(cfg), reviewed_rules(cfg))  # (26): 论证 not yet due
    found.run(_check_order, problem, plan, schools, builds)
    found.raise_any()


def _check_order(problem, plan, schools, builds) -> None:
    """先建后撤: a closed school's receivers that build are built before it closes."""
    from junheng.planning.layout_check_rules import assignment_customers

    moved, found = defaultdict(set), Problems()
    before = problem.customers["before_site"]
    for a, i in zip(plan["assignments"], assignment_customers(problem, plan), strict=True):
        origin = before.at[i]
        if origin in schools and schools[origin]["action"] == "close":
            moved[origin].add(a["school_id"])
    for sid, receivers in moved.items():
        phase = schools[sid]["phase"]
        for r in sorted(receivers):
            if r in builds and builds[r]["phase"] >= phase:
                found.add(f"先建后撤：{school_label(problem, sid)}在第 {phase} 期撤并，但接收学校"
                          f"{school_label(problem, r)}的建设在第 {builds[r]['phase']} 期才完成。")
    found.raise_any()


def _day_community(customer, site: str) -> bool:
    """A 城区 or 镇区 community (城乡分类代码 1xx) moved from today's school: within the day
    limit its pupils are day pupils (issue 16 review item 4), whatever today's school boards."""
    return (str(customer["urban_rural_code"]).startswith("1") and customer["before_site"] != site
            and not customer.get("pinned", False))  # today's boarders board anywhere


def _share(a) -> float:
    """The share of an assignment's pupils who board (older plans: all when by the rule)."""
    return float(a.get("board_share", 1.0 if a["boarding"] else 0.0))


def _checked(assignments: list[dict[str, Any]]):
    """Per assignment of plan.json, a data-check school's own boarders
    (:func:`~.layout_zoning.checked_boarders`, from the plan's own rows)."""
    import pandas as pd

    from junheng.planning.layout_zoning import checked_boarders

    return checked_boarders(pd.DataFrame(
        [(a["village_id"], a["stage_group"], a.get("before_school"), a.get("pinned", False), a["students"])
         for a in assignments], columns=["village", "group", "before", "pinned", "demand"]))


def _objective(problem, plan, schools, open_ids, load, standard: dict[str, float]) -> float:
    """Travel, boarding, the per-site cost of every open site, the 公用经费 of the missing
    pupils of open sites under the floor, and the annualised construction (a new school's
    area to the standard, ``standard``, included)."""
    cfg = problem.config
    sites = problem.sites
    w = cfg.weights
    total = 0.0
    checked = _checked(plan["assignments"])
    for a, skip in zip(plan["assignments"], checked, strict=True):
        share = _share(a)
        trips = share * w.boarder_trips_per_year + (1.0 - share) * w.day_trips_per_year
        total += a["students"] * a["travel_min"] * trips * w.yuan_per_pupil_minute
        total += a["students"] * share * w.boarder_yuan_per_year
        # a data-check school's own boarders ride no bus (review ht 5)
        riding = bus_riders(a["distance_km"], a["travel_min"], cfg) and not skip
        total += a["students"] * float(w.school_bus(riding, share))
        total += a["students"] * float(w.transport(a["distance_km"], share, cfg.detour_factor, riding))
    total += sum(float(sites.at[s, "site_cost"]) for s in open_ids)
    total += sum(float(sites.at[s, "floor_quota"])
                 * max(0.0, w.funding_floor_pupils - load.get(s, {}).get("total", 0.0))
                 for s in open_ids)
    total += sum(construction(cfg, s, standard) for s in schools.values()) / w.capital_years
    return total
