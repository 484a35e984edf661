"""就近划片 as a use case: read the files, build the problem, solve, explain a plan that
cannot fit, write the outputs. Prints nothing; the CLI renders :class:`ZoneRun`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from junheng.errors import InfeasibleError, SolverError
from junheng.geo.towns import TownAreas
from junheng.report.zones_outputs import write_zone_outputs
from junheng.zones.build import NEAREST, build_input, read_pins
from junheng.zones.check import check_plan, soft_breaks
from junheng.zones.io import ZoneInput, read_barriers, read_blocks, read_schools
from junheng.zones.model import solve_zones
from junheng.zones.problem import Weights, ZonePlan
from junheng.zones.summary import totals

STATUS_TEXT = {"optimal": "已证明最优", "gap_limit": "达到要求的最优性差距",
               "time_limit": "到达时间上限（未证明最优）"}


@dataclass
class ZoneRun:
    data: ZoneInput
    plan: ZonePlan
    totals: dict
    files: list[Path]
    notes: list[str] = field(default_factory=list)

    @property
    def status_text(self) -> str:
        return STATUS_TEXT.get(self.plan.status, self.plan.status)


@dataclass(frozen=True)
class ZoneFiles:
    blocks: Path
    schools: Path
    barriers: Path | None = None
    pins: Path | None = None
    current_field: str | None = None
    pupils_field: str | None = None
    staff_field: str | None = None


def run_zones_from_files(files: ZoneFiles, out: Path, *, weights: Weights | None = None,
                         max_moved: float | None = None, hard_capacity: bool = False,
                         time_limit: float = 60.0, gap: float = 0.01,
                         method: str = "flow", nearest: int = NEAREST,
                         towns: TownAreas | None = None) -> ZoneRun:
    """The plan of the files' blocks and schools, written to ``out``."""
    blocks = read_blocks(files.blocks, pupils_field=files.pupils_field,
                         current_field=files.current_field, staff_field=files.staff_field)
    schools = read_schools(files.schools)
    data = build_input(blocks, schools, barriers=read_barriers(files.barriers),
                       pins=read_pins(files.pins, blocks, schools), weights=weights,
                       max_moved=max_moved, hard_capacity=hard_capacity,
                       source=files.blocks.name, nearest=nearest)
    return run_zones(data, out, time_limit=time_limit, gap=gap, method=method, towns=towns)


def run_zones(data: ZoneInput, out: Path, *, time_limit: float = 60.0, gap: float = 0.01,
              method: str = "flow", towns: TownAreas | None = None,
              title: str = "就近划片方案") -> ZoneRun:
    """Solve ``data``; with hard capacity that cannot fit, say by how much and solve with
    soft capacity (the least over-capacity plan). ``towns`` and ``title``: of the map."""
    notes = _shortage(data)
    data, start = _with_staff_plan(data, notes)
    problem = data.problem
    plan = solve_zones(problem, method=method, time_limit=time_limit,
                       relative_gap_limit=gap, start=start)
    if plan.school.min() < 0 and problem.hard_capacity:
        notes.append("按硬性学位约束无可行方案，改为允许超员并使超员人数最少。"
                     if plan.status == "infeasible" else
                     "按硬性学位约束在时间限制内没有找到方案，改为允许超员并使超员人数最少。")
        from dataclasses import replace

        data = ZoneInput(replace(problem, hard_capacity=False), data.blocks, data.schools,
                         data.staff)
        plan = solve_zones(data.problem, method=method, time_limit=time_limit,
                           relative_gap_limit=gap, start=start)
    if plan.status == "infeasible":
        raise InfeasibleError("没有满足全部约束的连通学区方案：请检查固定划片、调整人数上限"
                              "和障碍设置（它们可能把学校与其必须包含的地块隔开）。")
    if plan.school.min() < 0:
        raise SolverError("在时间限制内没有找到划片方案：请延长求解时间。", status=plan.status)
    broken = check_plan(data.problem, plan.school, data.blocks.names)
    if broken:
        raise SolverError("方案未通过独立校验：" + "；".join(broken[:3]), status=plan.status)
    figures = totals(data.problem, plan.school)
    if figures["方案超员"] > 0:
        notes.append(_where_over(data, plan))
    notes += _proof_notes(plan, gap, time_limit)
    notes += soft_breaks(data.problem, plan.school, data.schools.names)
    notes += _baseline_notes(data)
    files = write_zone_outputs(data, plan.school, out, title=title, towns=towns, notes=notes)
    return ZoneRun(data, plan, figures, files, notes)


def _proof_notes(plan: ZonePlan, gap: float, time_limit: float) -> list[str]:
    """A plan whose gap is above the requested one says so and what to do."""
    if plan.status in ("optimal", "gap_limit") or plan.gap <= gap:
        return []
    shown = f"{plan.gap:.2%}" if 0 <= plan.gap < 1 else "无法估计"
    return [f"未在时限内证明最优，差距 {shown}（要求不超过 {gap:.2%}）：本方案可行，但可能不是最好；"
            f"可加大 --time-limit（当前 {time_limit:g} 秒）再算。"]


def _baseline_notes(data: ZoneInput) -> list[str]:
    """What 现状 counts when the schools' 在校生 are known (county data)."""
    if data.schools.enrolled is None:
        return []
    return [f"现状、方案划片学生按村居适龄儿童及其划片学校推算（全县 {data.problem.pupils.sum():,.0f} 人），"
            f"不是公办学校填报的在校生（{data.schools.enrolled.sum():,.0f} 人，另列“在校生”）；"
            "民办学校不参与划片。"]


def _with_staff_plan(data: ZoneInput, notes: list[str]):
    """With a staff plan: move at most as many pupils as it does (unless a cap is given)
    and start from it; else start from today's zones."""
    problem, staff = data.problem, data.staff
    current = problem.current if (problem.current >= 0).all() else None
    if staff is None or (staff < 0).any():
        return data, current
    moved, over = problem.moved(staff), problem.over(staff).sum()
    notes.append(f"人工方案：超员 {over:,.0f} 人，调整学区 {moved:,.0f} 人。")
    if problem.max_moved is None:
        from dataclasses import replace

        problem = replace(problem, max_moved=moved)
        notes.append(f"调整人数上限取人工方案的 {moved:,.0f} 人。")
    start = staff if not check_plan(problem, staff) else current
    return ZoneInput(problem, data.blocks, data.schools, staff), start


def _shortage(data: ZoneInput) -> list[str]:
    need, have = data.problem.pupils.sum(), data.problem.capacity.sum()
    if need <= have:
        return []
    return [f"全县学生 {need:,.0f} 人，学位 {have:,.0f} 个，缺 {need - have:,.0f} 个学位："
            "任何划片都至少超员这么多，需要扩建或新建学校。"]


def _where_over(data: ZoneInput, plan: ZonePlan) -> str:
    over = data.problem.over(plan.school)
    parts = [f"{data.schools.names[s]} {over[s]:,.0f} 人" for s in over.argsort()[::-1]
             if over[s] > 0]
    return "方案仍有超员：" + "，".join(parts) + "。"
