"""就近划片 as a use case: read the files, build the problem, solve, explain a plan that
cannot fit, write the outputs. Prints nothing; the CLI renders :class:`ZoneRun`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from junheng.errors import ConfigError, InfeasibleError, SolverError
from junheng.geo.towns import TownAreas
from junheng.jobs.zones_staff import StaffComparison, compare_with_staff
from junheng.report.zones_outputs import write_zone_outputs
from junheng.zones.build import KEEP_SHARE, NEAREST, build_input, read_pins
from junheng.zones.check import check_plan, soft_breaks
from junheng.zones.crossing import cross_notes
from junheng.zones.io import ZoneInput, read_barriers, read_blocks, read_schools
from junheng.zones.model import solve_zones
from junheng.zones.problem import Weights, ZonePlan, ZoneProblem
from junheng.zones.summary import link_notes, over_reasons, totals
from junheng.zones.verdict import CROSS_TOWN, KEEP, Verdict, as_option, judge
from junheng.zones.windows import solve_windows

#: how the time limit is set: the CLI's flag, the web form's field (review rw 4: the web page
#: told the user to use --time-limit)
CLI_TIME_LIMIT = " --time-limit"
WEB_TIME_LIMIT = "「求解时间上限（秒）」"
#: Blocks above which ``auto`` improves a valid start window by window (the flow model
#: proves 500-block plans in seconds but leaves 2,000-block ones far from optimal).
LARGE = 1000

#: How to compute the cross-乡镇 option a kept plan names (review finding 9).
OPTION_HOW = "要得到跨乡镇调整备选方案的划片表和地图：选“允许跨乡镇调整”后重新计算。"

#: Where a kept plan's verdict sends the reader when projects opening later relieve it.
LATER_POINTER = "在建、规划项目见下条"


@dataclass
class ZoneRun:
    data: ZoneInput
    plan: ZonePlan
    totals: dict
    files: list[Path]
    notes: list[str] = field(default_factory=list)
    comparisons: list[StaffComparison] = field(default_factory=list)
    verdict: Verdict | None = None

    @property
    def status_text(self) -> str:
        """The status in the words of every plan (jobs.zones_plan.status_text), with its gap."""
        from junheng.jobs.zones_plan import status_text

        return status_text(self.plan.status, self.plan.gap)


@dataclass(frozen=True)
class ZoneFiles:
    blocks: Path
    schools: Path
    barriers: Path | None = None
    pins: Path | None = None
    current_field: str | None = None
    pupils_field: str | None = None
    staff_fields: tuple[str, ...] = ()
    id_field: str | None = None
    crs: str | None = None  # of files that do not say theirs


#: The planner's rules as the CLI names them, for the messages of :func:`check_rules`.
RULE_NAMES = {"over": "每超员 1 人的权重（--weight-over）",
              "moved": "每调整 1 名学生的权重（--weight-moved）",
              "travel": "每人每公里路程的权重（--weight-travel）",
              "short": "保留学生每少 1 人的权重（--weight-short）",
              "new_over": "新增超员每人的权重（--weight-new-over）",
              "cross": "每名跨乡镇调整学生另加的权重（--weight-cross-town）"}


def planner_rules(over: float, moved: float, travel: float, short: float | None = None,
                  new_over: float | None = None, keep_share: float | None = None,
                  cross: float | None = None) -> tuple[Weights, float]:
    """The weights and keep share of the options given (``None``: the default), checked by
    :func:`check_rules`."""
    default = Weights()
    weights = Weights(over, moved, travel, default.short if short is None else short,
                      default.new_over if new_over is None else new_over,
                      default.cross if cross is None else cross)
    keep_share = KEEP_SHARE if keep_share is None else keep_share
    check_rules(keep_share, weights)
    return weights, keep_share


def check_rules(keep_share: float, weights: Weights) -> None:
    """Refuse, in Chinese, a keep share outside (0, 1] or a weight that is negative or not
    finite (every problem at once).

    >>> check_rules(0.8, Weights())
    >>> check_rules(1.5, Weights(short=-1.0))
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 保留比例（--keep-share）“1.5”无效：应大于 0 且不超过 1；保留学生每少 1 人的权重（--weight-short）“-1”无效：应为不小于 0 的数。
    """
    problems = []
    if not (math.isfinite(keep_share) and 0 < keep_share <= 1):
        problems.append(f"保留比例（--keep-share）{_shown(keep_share)}无效：应大于 0 且不超过 1")
    for key, label in RULE_NAMES.items():
        value = float(getattr(weights, key))
        if not (math.isfinite(value) and value >= 0):
            problems.append(f"{label}{_shown(value)}无效：应为不小于 0 的数")
    if problems:
        raise ConfigError("；".join(problems) + "。")


def _shown(value: float) -> str:
    return f"“{value:g}”" if math.isfinite(value) else "（不是有限数）"


def run_zones_from_files(files: ZoneFiles, out: Path, *, weights: Weights | None = None,
                         max_moved: float | None = None, hard_capacity: bool = False,
                         time_limit: float = 60.0, gap: float = 0.01,
                         method: str = "auto", nearest: int = NEAREST,
                         towns: TownAreas | None = None,
                         keep_share: float | None = KEEP_SHARE) -> ZoneRun:
    """The plan of the files' blocks and schools, written to ``out``."""
    blocks = read_blocks(files.blocks, pupils_field=files.pupils_field,
                         current_field=files.current_field, staff_fields=files.staff_fields,
                         id_field=files.id_field, crs=files.crs)
    schools = read_schools(files.schools, crs=blocks.crs or files.crs)
    data = build_input(blocks, schools, barriers=read_barriers(files.barriers),
                       pins=read_pins(files.pins, blocks, schools), weights=weights,
                       max_moved=max_moved, hard_capacity=hard_capacity,
                       source=files.blocks.name, nearest=nearest, keep_share=keep_share)
    return run_zones(data, out, time_limit=time_limit, gap=gap, method=method, towns=towns)


def run_zones(data: ZoneInput, out: Path, *, time_limit: float = 60.0, gap: float = 0.01,
              method: str = "auto", towns: TownAreas | None = None,
              title: str = "就近划片方案", wider=None, later=None,
              time_limit_name: str = CLI_TIME_LIMIT) -> ZoneRun:
    """Solve ``data``; with hard capacity that cannot fit, say by how much and solve with
    soft capacity (the least over-capacity plan). With staff plans, each is compared with
    the plan under its caps (:mod:`junheng.jobs.zones_staff`); without ``max_moved`` the
    first one's is the plan written. A plan that changes nothing useful is replaced by
    today's zones (:mod:`junheng.zones.verdict`); then ``wider()``, when given, builds the
    input allowed to cross 乡镇 lines, and the verdict names its plan as the option when it
    relieves over capacity. ``later(data, plan, solve)``, when given, gives the notes on
    the building projects this run counts and on those opening later
    (:class:`~junheng.jobs.zones_later.LaterPlaces`); the latter follow the verdict, which
    then points to them. ``towns`` and ``title``: of the map. ``time_limit_name``: what the
    reader sets the time limit with (the CLI's flag, the web form's field)."""
    notes = [*data.notes, *_shortage(data), *link_notes(data.problem, data.blocks.names,
                                                        data.schools.names)]

    def solve(problem: ZoneProblem, start) -> ZonePlan:
        return solve_plan(problem, start, method=method, time_limit=time_limit, gap=gap)

    comparisons = compare_with_staff(data, solve)
    if comparisons and data.problem.max_moved is None:
        first = comparisons[0]
        notes.append(f"调整人数上限取人工方案“{first.name}”的 {first.staff_moved:,.0f} 人。")
        data = replace(data, problem=first.problem)
        plan = first.plan
    else:
        data, plan = _solve_main(data, notes, solve)
    if plan.status == "infeasible":
        raise InfeasibleError("没有满足全部约束的连通学区方案：请检查固定划片、调整人数上限"
                              "和障碍设置（它们可能把学校与其必须包含的地块隔开）。")
    if plan.school.min() < 0:
        raise SolverError("在时间限制内没有找到划片方案：请延长求解时间。", status=plan.status)
    _checked(data, plan)
    if not comparisons:
        data, plan, verdict = _judged(data, plan, gap, wider and (lambda: _solve_main(
            wider(), [], solve)))
    else:
        verdict = judge(data.problem, plan.school, proven=_proven(plan, gap))
    counted, remedy = later(data, plan, solve) if later is not None else ([], [])
    if remedy:
        verdict = replace(verdict, remedy=LATER_POINTER)
    notes[:0] = [verdict.text(), *remedy, *([OPTION_HOW] if verdict.option is not None else []),
                 *counted]
    figures = totals(data.problem, plan.school)
    if figures["方案超员"] > 0:
        notes.append(_where_over(data, plan, verdict.kind == KEEP))
        notes += over_reasons(data.problem, plan.school, data.blocks.names, data.schools.names)
    notes += [c.text() for c in comparisons]
    notes += _proof_notes(plan, gap, time_limit, time_limit_name)
    notes += soft_breaks(data.problem, plan.school, data.schools.names)
    notes += cross_notes(data.problem, plan.school, data.blocks.names, data.schools.names,
                         data.towns)
    notes += baseline_notes(data)
    files = write_zone_outputs(data, plan.school, out, title=title, towns=towns, notes=notes,
                               comparisons=comparisons)
    return ZoneRun(data, plan, figures, files, notes, comparisons, verdict)


def _checked(data: ZoneInput, plan: ZonePlan) -> None:
    broken = check_plan(data.problem, plan.school, data.blocks.names)
    if broken:
        raise SolverError("方案未通过独立校验：" + "；".join(broken[:3]), status=plan.status)


def _proven(plan: ZonePlan, gap: float) -> bool:
    return plan.status in ("optimal", "gap_limit") or plan.gap <= gap


def _judged(data: ZoneInput, plan: ZonePlan, gap: float, wider
            ) -> tuple[ZoneInput, ZonePlan, Verdict]:
    """The plan to write and its verdict: today's zones when the plan changes nothing
    useful, with the cross-乡镇 option (``wider()``: its input and plan) when that relieves
    over capacity."""
    p = data.problem
    verdict = judge(p, plan.school, proven=_proven(plan, gap))
    if verdict.kind != KEEP:
        return data, plan, verdict
    if verdict.moved > 0 and (p.current >= 0).all():
        plan = replace(plan, school=p.current.copy(), objective=p.objective(p.current))
    if wider is None:
        return data, plan, verdict
    wide_data, wide_plan = wider()
    if wide_plan.school.min() < 0:
        return data, plan, verdict
    _checked(wide_data, wide_plan)
    option = as_option(judge(wide_data.problem, wide_plan.school,
                             proven=_proven(wide_plan, gap)))
    return data, plan, replace(verdict, wider=True,
                               option=option if option.kind == CROSS_TOWN else None)


def solve_plan(problem: ZoneProblem, start, *, method: str = "auto", time_limit: float = 60.0,
               gap: float = 0.01) -> ZonePlan:
    """``method`` ``auto``: the window search of :mod:`junheng.zones.windows` from a valid
    start on more than :data:`LARGE` blocks, else the flow model; or ``flow``/``cut``."""
    if start is not None and check_plan(problem, start):
        start = None
    if method == "auto":
        method = "windows" if problem.n > LARGE and start is not None else "flow"
    if method == "windows":
        return solve_windows(problem, start, time_limit=time_limit, relative_gap_limit=gap)
    return solve_zones(problem, method=method, time_limit=time_limit, relative_gap_limit=gap,
                       start=start)


def _solve_main(data: ZoneInput, notes: list[str], solve) -> tuple[ZoneInput, ZonePlan]:
    """The plan from today's zones; hard capacity that cannot fit falls back to soft."""
    problem = data.problem
    current = problem.current if (problem.current >= 0).all() else None
    plan = solve(problem, current)
    if plan.school.min() < 0 and problem.hard_capacity:
        notes.append("按硬性学位约束无可行方案，改为允许超员并使超员人数最少。"
                     if plan.status == "infeasible" else
                     "按硬性学位约束在时间限制内没有找到方案，改为允许超员并使超员人数最少。")
        data = replace(data, problem=replace(problem, hard_capacity=False))
        plan = solve(data.problem, current)
    return data, plan


def _proof_notes(plan: ZonePlan, gap: float, time_limit: float,
                 time_limit_name: str = CLI_TIME_LIMIT) -> list[str]:
    """A plan whose gap is above the requested one says so and what to do, in the words of
    who reads it (``time_limit_name``).

    >>> plan = ZonePlan(np.array([0]), "time_limit", 1.0, 0.9, 0.1004, 30.0, "auto")
    >>> _proof_notes(plan, 1e-4, 30.0, WEB_TIME_LIMIT)[0].split("：")[-1]
    '本方案可行，但可能不是最好；可加大「求解时间上限（秒）」（当前 30 秒）再算。'
    >>> _proof_notes(plan, 1e-4, 30.0)[0].split("；")[-1]
    '可加大 --time-limit（当前 30 秒）再算。'
    """
    if plan.status in ("optimal", "gap_limit") or plan.gap <= gap:
        return []
    shown = f"{plan.gap:.2%}" if 0 <= plan.gap < 1 else "无法估计"
    return [f"未在时限内证明最优，差距 {shown}（要求不超过 {gap:.2%}）：本方案可行，但可能不是最好；"
            f"可加大{time_limit_name}（当前 {time_limit:g} 秒）再算。"]


def baseline_notes(data: ZoneInput) -> list[str]:
    """What 现状 counts when the schools' 在校生 are known (county data)."""
    enrolled, children = data.schools.enrolled, data.blocks.children
    if enrolled is None:
        return []
    p = data.problem
    if children is None:
        return [f"现状、方案划片学生按村居适龄儿童及其划片学校推算（全县 {p.pupils.sum():,.0f} 人），"
                f"不是学校填报的在校生（{enrolled.sum():,.0f} 人，另列“在校生”）。",
                *data.schools.notes]
    at_school = p.pupils[p.root]
    note = (f"现状按在校生校准：各校现划片村居的适龄儿童按该校填报的在校生等比例折算，"
            f"全县按村居适龄儿童推算 {children.sum():,.0f} 人，校准后 {p.pupils.sum():,.0f} 人"
            f"（在校生 {enrolled.sum():,.0f} 人）")
    if (at_school > 0).any():
        note += (f"；{int((at_school > 0).sum())} 所学校没有现划片的村居，其在校生 "
                 f"{at_school.sum():,.0f} 人计在学校所在地")
    unreported = [data.schools.names[s] for s in range(p.k)
                  if not enrolled[s] > 0 and p.today[s] > 0]
    if unreported:
        note += "；" + "、".join(unreported[:3]) + (f"等 {len(unreported)} 所" if len(unreported) > 3
                                                   else "") + "未填报在校生，其村居仍按适龄儿童计"
    big = float(np.max(p.pupils / np.where(children > 0, children, np.inf), initial=0.0))
    if big > 1.5:
        note += (f"；在校生含寄宿生和跨学区就读（择校）的学生，校准把他们计入现学区的村居，部分村居的学生数"
                 f"因此最多达其适龄儿童的 {big:.1f} 倍，超员能否靠调整学区消除须结合这些学生的实际来源判断")
    return [note + "；未校准的推算数另列（村居推算学生）。", *data.schools.notes]


def _shortage(data: ZoneInput) -> list[str]:
    need, have = data.problem.pupils.sum(), data.problem.capacity.sum()
    if need <= have:
        return []
    return [f"全县学生 {need:,.0f} 人，学位 {have:,.0f} 个，缺 {need - have:,.0f} 个学位："
            "任何划片都至少超员这么多，需要扩建或新建学校。"]


def _where_over(data: ZoneInput, plan: ZonePlan, today: bool = False) -> str:
    over = data.problem.over(plan.school)
    parts = [f"{data.schools.names[s]} {over[s]:,.0f} 人" for s in over.argsort()[::-1]
             if over[s] > 0]
    return ("现行划片的超员：" if today else "方案仍有超员：") + "，".join(parts) + "。"
