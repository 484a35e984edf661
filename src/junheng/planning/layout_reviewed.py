"""Closures a county has already 论证'd (issue 16, brief hkeys 1): the plan YAML's
``closures_reviewed`` names each school whose 逐点论证报告 is done, with the day it was done and,
when held, the day of its 听证会 and of its 公示.

Rule (26) (:func:`~.layout_phases.closure_first_year`) lets no closure take effect in a school
year whose 论证报告 was due (9-30 of the year before) before the plan's day. For a school listed
here the steps done count from the days given and the steps still to do from the plan's day: it
may close in the first school year in which every step, done or not, is within its deadline
(:data:`~.layout_phases.STEP_DUE`). A plan made on 2026-12-06 closes nothing before 2028, but a
point whose 论证报告 was done on 2026-09-20 may close in 2027 (its hearing still due by
2026-12-31).

>>> review = ClosureReview(report=date(2026, 9, 20))
>>> reviewed_year(review, date(2026, 12, 6)), reviewed_year(review, date(2027, 1, 10))
(2027, 2028)
>>> reviewed_year(ClosureReview(report=date(2026, 9, 20), hearing=date(2026, 12, 20)),
...               date(2027, 1, 10))
2027
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from junheng.errors import ConfigError
from junheng.planning.layout_phases import STEP_DUE, first_phase, plan_day

#: the key in the plan YAML, as an error names it
KEY = "closures_reviewed"
#: what the key is, in the plan's words
LABEL = "已完成撤并论证的学校"
#: the steps a county may record as done, in order (the last, 报批, comes after the plan)
STEP_NAMES = (("report", "论证报告完成日期", "完成逐点论证报告"), ("hearing", "听证会日期", "召开听证会"),
              ("notice", "公示日期", "公示撤并方案和听证结果"))


class ClosureReview(BaseModel):
    """The days a school's closure steps were done; a bare date is the 论证报告's day."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    report: date
    hearing: date | None = None
    notice: date | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_date(cls, value: Any) -> Any:
        return value if isinstance(value, Mapping) else {"report": value}


def done_steps(review: ClosureReview) -> list[tuple[str, date]]:
    """(what, day) of each step done, in order."""
    return [(words, getattr(review, key)) for key, _, words in STEP_NAMES if getattr(review, key)]


def reviewed_year(review: ClosureReview, on: date) -> int:
    """The first school year a closure may take effect in with its steps done on the days of
    ``review`` and the others still to do from ``on`` (the plan's day): each step's day no
    later than the end of its month (:data:`~.layout_phases.STEP_DUE`)."""
    days = [review.report, review.hearing, review.notice]
    days += [None] * (len(STEP_DUE) - len(days))
    return max((day or on).year - offset + ((day or on).month > month)
               for day, (offset, month) in zip(days, STEP_DUE, strict=True))


def reviewed_phases(cfg, data_year: int) -> dict[str, int]:
    """Each listed school -> the first phase (data year + t) it may close in: its
    :func:`reviewed_year`, no sooner than the plan's first phase.

    >>> from types import SimpleNamespace as NS
    >>> cfg = NS(plan_date=date(2026, 12, 6), closures_reviewed={"P": ClosureReview(report="2026-09-20")})
    >>> reviewed_phases(cfg, 2025)
    {'P': 2}
    """
    day = plan_day(cfg)
    first = first_phase(data_year, day)
    return {s: max(first, reviewed_year(r, day) - data_year)
            for s, r in (getattr(cfg, "closures_reviewed", None) or {}).items()}


def closing_years(problem, data, receivers: Mapping[str, Any], build: Mapping[str, int]) -> dict[str, int]:
    """Each closed site's phase: no sooner than its receivers' builds (先建后撤); the sites
    not listed spread from :func:`~.layout_phases.closure_window`'s first phase
    (:func:`~.layout_phases.spread_closures`), each listed one from its
    :func:`reviewed_phases`; then :func:`~.layout_small.closing_phases`."""
    from junheng.planning.layout_phases import closure_phases, closure_window, spread_closures
    from junheng.planning.layout_small import closing_phases

    shut, span = closure_window(problem.config, problem.school_year)
    early = reviewed_phases(problem.config, problem.school_year)
    taken = {s: set(r) for s, r in receivers.items()}
    close = spread_closures(closure_phases({s: r for s, r in taken.items() if s not in early}, build, shut),
                            problem.sites["pupils_now"], shut, span)
    for s in early.keys() & taken.keys():
        close[s] = closure_phases({s: taken[s]}, build, min(early[s], shut))[s]
    return closing_phases(close, data, problem, min([shut, *early.values()]), receivers)


def check_reviews(cfg, sites: Mapping[str, str] | None) -> None:
    """Refuse a listed school that is not among ``sites`` (code -> name; None: not checked) and
    a step done after the plan's day or before the step it follows, naming the key, the school
    and the day.

    >>> from types import SimpleNamespace as NS
    >>> cfg = NS(plan_date=date(2026, 12, 6), closures_reviewed={"P": ClosureReview(report="2026-12-20")})
    >>> check_reviews(cfg, {"P": "甲村教学点"})
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 方案设置“closures_reviewed”（已完成撤并论证的学校）中 P（甲村教学点）的论证报告完成日期 2026-12-20 晚于编制日期 2026-12-06：只能填写已经完成的论证、听证和公示。
    >>> check_reviews(NS(plan_date=None, closures_reviewed={"Q": ClosureReview(report="2026-09-20")}), {})
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 方案设置“closures_reviewed”（已完成撤并论证的学校）中的 Q 不是本县参与布局规划的学校标识码。
    """
    day, problems = plan_day(cfg), []
    reviews = getattr(cfg, "closures_reviewed", None) or {}
    if sites is None:
        sites = dict.fromkeys(reviews, "")
    for code, review in reviews.items():
        if code not in sites:
            problems.append(f"中的 {code} 不是本县参与布局规划的学校标识码")
            continue
        name = f"{code}（{sites[code]}）" if sites[code] else f"{code} "
        if review.notice is not None and review.hearing is None:
            problems.append(f"中 {name}有公示日期而没有听证会日期：应先听证再公示")
        before = None
        for key, label, _ in STEP_NAMES:
            done = getattr(review, key)
            if done is not None and done > day:
                problems.append(f"中 {name}的{label} {done.isoformat()} 晚于编制日期 "
                                f"{day.isoformat()}：只能填写已经完成的论证、听证和公示")
            elif done is not None and before is not None and done < before[1]:
                problems.append(f"中 {name}的{label} {done.isoformat()} 早于{before[0]} "
                                f"{before[1].isoformat()}：应依次论证、听证、公示")
            before = (label, done) if done is not None else before
    if problems:
        raise ConfigError("；".join(f"方案设置“{KEY}”（{LABEL}）{p}" for p in problems) + "。")


def reviewed_rules(cfg) -> dict[str, dict[str, str | None]]:
    """The listed schools' days as the plan's rules keep them (plan.json: ISO days)."""
    return {s: {key: (getattr(r, key).isoformat() if getattr(r, key) else None) for key, _, _ in STEP_NAMES}
            for s, r in (getattr(cfg, "closures_reviewed", None) or {}).items()}


def reviews_of(plan) -> dict[str, ClosureReview]:
    """A plan's listed schools (from its rules; {} for a plan without them)."""
    given = (getattr(plan, "rules", None) or {}).get(KEY) or {}
    return {s: _review(r) for s, r in given.items()}


def _review(days: Mapping[str, Any]) -> ClosureReview:
    return ClosureReview(**{k: v for k, v in days.items() if v})


def _day(done: date) -> str:
    return f"{done.year} 年 {done.month} 月 {done.day} 日"


def done_words(review: ClosureReview) -> str:
    """「已于 2026 年 9 月 20 日完成逐点论证报告」, with the hearing and 公示 when done.

    >>> done_words(ClosureReview(report="2026-09-20", hearing="2026-11-30"))
    '已于 2026 年 9 月 20 日完成逐点论证报告、2026 年 11 月 30 日召开听证会'
    """
    return "已于 " + "、".join(f"{_day(day)}{what}" for what, day in done_steps(review))


def done_clause(plan, closed) -> str:
    """The 撤并程序 line's clause on the closures of one year already 论证'd (``closed``: the
    year's PlannedSchools), '' when none: 「其中甲村教学点已于 2026 年 9 月 20 日完成逐点论证报告」."""
    reviews = reviews_of(plan)
    parts = [f"{s.name}{done_words(reviews[s.school_id])}" for s in closed if s.school_id in reviews]
    return f"其中{'；'.join(parts)}（{KEY_WORDS}），其余步骤按上述期限办理" if parts else ""


#: how a document names the setting the days come from
KEY_WORDS = "方案设置“已完成撤并论证的学校”"


def reviewed_status(review: ClosureReview) -> str:
    """The closure's 撤并程序 status once some steps are done (表 3, the 调整方案 sheet).

    >>> reviewed_status(ClosureReview(report="2026-09-20")), reviewed_status(
    ...     ClosureReview(report="2026-09-20", hearing="2026-11-30", notice="2027-03-01"))
    ('已完成论证，待听证、公示、报批', '已完成论证、听证、公示，待报批')
    """
    steps = ("论证", "听证", "公示", "报批")
    done = 1 + (review.hearing is not None) + (review.notice is not None)
    return f"已完成{'、'.join(steps[:done])}，待{'、'.join(steps[done:])}"


def reviews_shown(given: Mapping[str, Mapping[str, Any]] | None, names: Mapping[str, str]) -> str:
    """The plan's ``closures_reviewed`` (its rules: ISO days) as the table of settings shows it;
    "—" for none.

    >>> reviews_shown({"P": {"report": "2026-09-20", "hearing": None}}, {"P": "甲村教学点"})
    '甲村教学点已于 2026 年 9 月 20 日完成逐点论证报告'
    >>> reviews_shown({}, {})
    '—'
    """
    shown = [f"{names.get(s) or f'标识码 {s}'}{done_words(_review(r))}"
             for s, r in (given or {}).items()]
    return "；".join(shown) or "—"
