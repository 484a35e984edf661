"""The standard as a constraint of the layout plan: after the plan, no 优质均衡 2017 CV may
exceed its limit, or, where the county exceeds it already without the plan, get worse (rise by
``WORSE_TOL``, half a unit of the third decimal, or more). Both states are of the planning
year (:class:`~junheng.planning.layout_county.PlanningYear`): before, its pupils at today's
schools; after, the county the plan makes, as the 达标路径 evaluates it (the plan's pupils per
school and stage, its closures, rooms, areas, new schools, the teachers following the pupils).

The CVs are not linear in the plan's decisions (they depend on every school's per-pupil
resources after the merges and moves), so the rule is enforced by a repair loop around the
MILP, each candidate plan re-evaluated by the evaluation engine:

1. solve; re-evaluate; if no CV breaks the rule (:func:`cv_breaches`), done;
2. else keep open the closures that cause the breach and solve again: given ``without``
   (the planned county's evaluation with one closure undone), the fewest closures whose
   undoing, one at a time, lowers the breached CVs by what they exceed, largest first;
   without it (or when no single closure lowers them) the quarter of the closures the
   optimiser chose (closures the plan lists in ``close`` stay) that weigh most on their
   receivers (pupils today over the receiver's pupils after the plan); each with the breach
   as its reason; in the last of ``cv_repair_rounds`` rounds keep all of them;
3. a plan still breaking the rule when the rounds are spent (or with no optional closure
   left) is refused with an :class:`~junheng.errors.InfeasibleError` naming the CVs;
4. a breach that is gone with the units of the ``unsized`` schools left out (open schools
   with no pupils today, a 建设项目's new school: the plan gives them pupils but does not size
   their buildings, so keeping closures open cannot mend it) is not the plan's: the CV is
   reported as it is and :func:`cause_lines` names the school and the remedy (就近划片 more
   pupils into it, or open it in phases), but nothing is kept open or refused for it.

Every CV over its limit after the plan is explained (:func:`cause_lines`) by the schools that
contribute most to it (:mod:`~junheng.planning.cv_causes`).

>>> from types import SimpleNamespace as NS
>>> def ev(cv): return NS(stages={"junior": NS(indicators={"multimedia_rooms_per_100": NS(
...     cv=cv, limit=0.45, name="生均网络多媒体教室数")}, composite_cv=0.3, composite_limit=None)})
>>> [b.text for b in cv_breaches(ev(0.271), ev(0.451))]
['初中生均网络多媒体教室数差异系数 0.271 → 0.451，超过限值 0.45']
>>> cv_breaches(ev(0.50), ev(0.49)), cv_breaches(ev(0.271), ev(0.449))
([], [])
>>> len(cv_breaches(ev(0.6321), ev(0.6324))), len(cv_breaches(ev(0.6321), ev(0.6327)))
(0, 1)
>>> [b.text for b in cv_breaches(ev(0.6321), ev(0.6327))]  # already over: may not get worse
['初中生均网络多媒体教室数差异系数 0.632 → 0.633，不调整布局时已超过限值 0.45，不得再升高 0.0005 以上']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

from junheng.errors import InfeasibleError
from junheng.model.numbers import cv3, cv_change

STAGE_LABELS = {"primary": "小学", "junior": "初中"}
TOL = 1e-9
#: A CV already over its limit counts as worse after the plan when it rises by at least this
#: much: half a unit of the third decimal, the precision the before/after tables show and
#: 督导评估 reports quote (0.271, 0.451); below it the change is rounding noise of moving pupils.
WORSE_TOL = 5e-4


@dataclass(frozen=True)
class CvBreach:
    """One CV of the planned county over its limit and above the county's CV before."""

    stage: str
    indicator: str
    name: str
    before: float
    after: float
    limit: float
    #: the schools left out of ``after`` (rule 4: the plan's own part of the breach), in words
    without: str = ""

    @property
    def text(self) -> str:
        what = (f"不调整布局时已超过限值 {self.limit:g}，不得再升高 0.0005 以上" if self.before > self.limit
                else f"超过限值 {self.limit:g}")
        left = f"（不计{self.without}）" if self.without else ""
        return (f"{STAGE_LABELS.get(self.stage, self.stage)}{self.name}差异系数{left} "
                f"{cv3(self.before)} → {cv3(self.after)}，{what}")


def _cvs(evaluation) -> dict[tuple[str, str], tuple[float, float | None, str]]:
    """(stage, indicator) -> (cv, limit, name), the composite as indicator ``composite``."""
    out = {}
    for stage, res in evaluation.stages.items():
        for key, ind in res.indicators.items():
            out[(stage, key)] = (float(ind.cv), ind.limit, str(ind.name))
        out[(stage, "composite")] = (float(res.composite_cv), res.composite_limit, "综合")
    return out


def cv_limits(evaluation) -> dict[str, dict[str, float]]:
    """The limit of every CV that has one, per stage (the composite as ``composite``)."""
    out: dict[str, dict[str, float]] = {}
    for (stage, key), (_, limit, _) in _cvs(evaluation).items():
        if limit is not None:
            out.setdefault(stage, {})[key] = float(limit)
    return out


def cv_breaches(before, after, unsized: Collection[str] = ()) -> list[CvBreach]:
    """The CVs of ``after`` over their limit and worse than in ``before`` (both evaluations
    of the 优质均衡 2017 standard), the plan's own: a breach that is gone with the units of
    ``unsized`` left out (schools whose buildings the plan does not size, a 建设项目's new
    school, :func:`outside_breaches`) is not listed."""
    return [_own(b, after, unsized) for b in all_breaches(before, after)
            if not _outside(b, after, unsized)]


def outside_breaches(before, after, unsized: Collection[str]) -> list[CvBreach]:
    """The breaches of ``after`` that the schools ``unsized`` cause: with their units left
    out, the CV is within its limit or no worse than before (rule 4 of the module
    docstring)."""
    return [b for b in all_breaches(before, after) if _outside(b, after, unsized)]


def all_breaches(before, after) -> list[CvBreach]:
    """Every CV of ``after`` over its limit and worse than in ``before``."""
    was = _cvs(before)
    out = []
    for (stage, key), (cv, limit, name) in _cvs(after).items():
        if limit is None or not math.isfinite(cv):
            continue
        prev = was.get((stage, key), (0.0, None, name))[0]
        prev = prev if math.isfinite(prev) else 0.0
        if cv > limit + TOL and cv > prev + WORSE_TOL:
            out.append(CvBreach(stage, key, name, prev, cv, float(limit)))
    return out


def _outside(breach: CvBreach, after, unsized: Collection[str]) -> bool:
    if not unsized or not _has_units(after, breach.stage, unsized):
        return False
    cv = without_schools(after, breach.stage, breach.indicator, unsized)
    return not (cv > breach.limit + TOL and cv > breach.before + WORSE_TOL)


def _own(breach: CvBreach, after, unsized: Collection[str]) -> CvBreach:
    """``breach`` with the CV after the plan without the ``unsized`` schools, when it has
    them (so a closure kept open by the repair says the plan's own rise)."""
    if not unsized or not _has_units(after, breach.stage, unsized):
        return breach
    units = after.units
    mine = units[(units["stage"] == breach.stage) & units["school_id"].isin(set(unsized))
                 & (units["students"] > 0)]
    return replace(breach, after=without_schools(after, breach.stage, breach.indicator, unsized),
                   without="、".join(dict.fromkeys(mine["name"].astype(str))))


def _has_units(evaluation, stage: str, schools: Collection[str]) -> bool:
    units = evaluation.units
    mine = (units["stage"] == stage) & units["school_id"].isin(set(schools))
    return bool((units.loc[mine, "students"] > 0).any())


def without_schools(evaluation, stage: str, indicator: str, schools: Collection[str]) -> float:
    """The CV (or the composite) of ``stage`` with the units of ``schools`` left out."""
    from junheng.evaluate.cv import composite_cv
    from junheng.planning.cv_causes import cv_without

    if indicator != "composite":
        return cv_without(evaluation, stage, indicator, schools)
    keys = evaluation.stages[stage].indicators
    return composite_cv(cv_without(evaluation, stage, k, schools) for k in keys)


def enforce_cv_limits(attempt: Callable[[Any], tuple[Any, Any]], config, before, *,
                      without: Callable[[Any, str], Any] | None = None,
                      unsized: Collection[str] = (), first: tuple[Any, Any] | None = None
                      ) -> tuple[Any, Any, dict[str, str]]:
    """Run the repair loop of the module docstring. ``attempt(config)`` solves and returns
    ``(plan, evaluation after)`` (``first``: that of ``config`` when the caller has it);
    ``without(plan, school_id)`` evaluates the plan with that closure undone; ``unsized``
    the schools whose breaches are not the plan's (:func:`cv_breaches`); returns the plan,
    its evaluation and the reasons of the schools kept open by the repair."""
    plan, after = first or attempt(config)
    reasons: dict[str, str] = {}
    rounds = config.cv_repair_rounds if config.cv_limits else 0
    for done in range(rounds + 1):
        breaches = cv_breaches(before, after, unsized) if config.cv_limits else []
        if not breaches:
            return plan, after, reasons
        optional = _optional_closures(plan, config)
        if done == rounds or not optional:
            raise InfeasibleError(
                "布局方案会使差异系数超过限值：" + "；".join(b.text for b in breaches)
                + "。恢复可撤并学校后仍无法满足：请调整“必须撤并的学校”名单、放宽扩建（每校最多新增教室），"
                "或取消“规划后差异系数不得超过标准限值”一项后重试。",
                details={"breaches": [b.__dict__ for b in breaches]})
        keep = (optional if done == rounds - 1 else
                _culprits(plan, optional, breaches, without, unsized) if without is not None
                else [])
        keep = keep or optional[:math.ceil(len(optional) / 4)]
        why = keep_reason(breaches[0])
        reasons.update(dict.fromkeys(keep, why))
        config = config.model_copy(update={"keep": [*config.keep, *keep]})
        plan, after = attempt(config)
    raise AssertionError("unreachable")  # pragma: no cover


def keep_reason(breach: CvBreach) -> str:
    """Why a closure is undone by the repair loop. Where the CV was over its limit before the
    plan, the rise may be a rounding step (0.632 → 0.633): the reason says it is the plan's
    choice at the stated tolerance and how to overrule it (issue 16 review item 17).

    >>> over = CvBreach("junior", "k", "生均网络多媒体教室数", 0.6321, 0.6327, 0.45)
    >>> print(keep_reason(over))
    保留（方案的取舍，可改）：本轮撤并合计会使初中生均网络多媒体教室数差异系数 0.632 → 0.633（升高 0.001）；该差异系数不调整布局时已超过限值 0.45，本方案规定已超限的差异系数不得再升高（按三位小数计），故保留本校（差异系数约束）。如认为此升幅可以接受，可将本校列入撤并名单后重新规划。
    """
    if breach.before <= breach.limit:
        return f"保留：撤并会使{breach.text}（差异系数约束）。"
    rise = cv_change(breach.before, breach.after)
    return (f"保留（方案的取舍，可改）：本轮撤并合计会使{STAGE_LABELS.get(breach.stage, breach.stage)}"
            f"{breach.name}差异系数 {cv3(breach.before)} → {cv3(breach.after)}（升高 {rise:.3f}）；"
            f"该差异系数不调整布局时已超过限值 {breach.limit:g}，本方案规定已超限的差异系数不得再升高"
            "（按三位小数计），故保留本校（差异系数约束）。如认为此升幅可以接受，"
            "可将本校列入撤并名单后重新规划。")


def _cv_of(evaluation, breach: CvBreach, unsized: Collection[str]) -> float:
    """``breach``'s CV in ``evaluation``, on the breach's terms (without the unsized schools
    when it left them out)."""
    if breach.without:
        return without_schools(evaluation, breach.stage, breach.indicator, unsized)
    return _cvs(evaluation)[(breach.stage, breach.indicator)][0]


def _culprits(plan, optional: list[str], breaches: list[CvBreach],
              without: Callable[[Any, str], Any], unsized: Collection[str] = ()) -> list[str]:
    """The fewest closures whose undoing, one at a time, lowers the breached CVs by at least
    what they exceed (largest gain first); [] when none lowers them."""
    gains = {}
    for sid in optional:
        ev = without(plan, sid)
        gains[sid] = sum(max(0.0, b.after - _cv_of(ev, b, unsized)) for b in breaches)
    need = sum(b.after - max(b.limit, b.before + WORSE_TOL / 2) for b in breaches)
    chosen, got = [], 0.0
    for sid in sorted(optional, key=lambda s: (-gains[s], s)):
        if gains[sid] <= 0 or got >= need:
            break
        chosen.append(sid)
        got += gains[sid]
    return chosen


def _optional_closures(plan, config) -> list[str]:
    """Closures the optimiser chose (not listed in ``close``), those that weigh most on their
    receiver first: pupils today over the receiver's pupils after the plan (a merge changes
    the receiver's per-pupil resources, and so the CVs, in that proportion)."""
    sites = plan.problem.sites
    after = {s.school_id: sum(s.students_after.values()) for s in plan.outcome.schools}
    closed = [s for s in plan.outcome.schools
              if s.action == "close" and s.school_id not in config.close]

    def weight(s) -> float:
        return float(sites.at[s.school_id, "pupils_now"]) / max(after.get(s.merged_into, 0), 1)

    return [s.school_id for s in sorted(closed, key=lambda s: (-weight(s), s.school_id))]


def pupil_trend(outcome) -> dict[str, tuple[int, int]]:
    """School -> (its pupils now, in the target year without the plan): the CV sentences say
    a school whose pupils fall (brief hcity 3); a school of both stages is left out (its
    counts are not the stage's)."""
    return {s.school_id: (int(s.students_now), int(s.students_expected)) for s in outcome.schools
            if sum(1 for n in (s.capacity or {}).values() if n) == 1}


def cv_notes(before, after, unsized: Collection[str], tags: dict[str, str],
             trend: dict[str, tuple[int, int]] | None = None) -> tuple[str, ...]:
    """The CV table's notes: :func:`cause_lines` (``trend``: each school's pupils now and in
    the target year without the plan, :func:`~.cv_causes.cause_text`), then each CV within
    its limit the plan raises at three decimals, with the schools whose value changed that
    raise it most (:func:`~.cv_causes.worse_lines`; review rv25 4: not the receiving schools
    deviating most, whose 初中 had not changed)."""
    from junheng.planning.cv_causes import SCENARIOS, over_limit, worse_lines

    return cause_lines(before, after, unsized, tags, trend) + worse_lines(
        before, after, skip=over_limit(after), tags=tags, scenario=SCENARIOS["layout"])


def cause_lines(before, after, unsized: Collection[str] = (),
                tags: dict[str, str] | None = None,
                trend: dict[str, tuple[int, int]] | None = None) -> tuple[str, ...]:
    """One sentence per CV of ``after`` over its limit: the schools that make it so
    (:mod:`~junheng.planning.cv_causes`) and, for a breach the plan does not cause
    (:func:`outside_breaches`), the CV without them and the remedy."""
    from junheng.planning.cv_causes import SCENARIOS, cause_text, cv_causes, over_limit

    theirs = {(b.stage, b.indicator) for b in outside_breaches(before, after, unsized)}
    out = []
    for stage, key in over_limit(after):
        ind = after.stages[stage].indicators[key]
        causes = cv_causes(after, stage, key)
        text = (f"布局调整后{STAGE_LABELS.get(stage, stage)}{ind.name}差异系数 {cv3(ind.cv)}"
                f"（限值 {ind.limit:.2f}）：{cause_text(causes, tags, trend=trend, scenario=SCENARIOS['layout'])}")
        if (stage, key) in theirs:
            text += _outside_text(after, stage, key, unsized, tags or {})
        out.append(text + "。")
    return tuple(out)


def _outside_text(after, stage: str, key: str, unsized: Collection[str],
                  tags: dict[str, str]) -> str:
    units = after.units
    mine = units[(units["stage"] == stage) & units["school_id"].isin(set(unsized))
                 & (units["students"] > 0)]
    names = "、".join(dict.fromkeys(mine["name"].astype(str)))
    kinds = "、".join(dict.fromkeys(tags.get(s, "现无学生的学校") for s in mine["school_id"]))
    cv = without_schools(after, stage, key, unsized)
    mean = after.stages[stage].indicators[key].mean
    remedy = ("规划年学生远少于其校舍所能容纳：须就近划片把周边更多学生划入该校，或分期启用其校舍"
              if (mine[key] > mean).any() else "其条件低于全县平均：须由其建设项目补足")
    return (f"；不计{names}为 {cv3(cv)}，本方案的撤并和分流未使其超过限值。{names}是{kinds}，校舍规模"
            f"不由本方案决定，{remedy}（本方案照常计入这一差异系数，不因此改变撤并）")
