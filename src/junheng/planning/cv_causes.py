"""Which schools make a 差异系数 exceed its limit (issue 16 item 4): the few evaluation units
that contribute most of the student-weighted squared deviation from the county mean
(:func:`~junheng.evaluate.cv.variance_shares`), each named with its pupils and its value, so
a plan says "主要由某校造成" instead of a blanket reason.

The schools named are the largest contributors, at most ``MOST`` of them, until together they
hold more than ``ENOUGH`` of the deviation (two schools holding half each are both named).

>>> import pandas as pd
>>> from types import SimpleNamespace as NS
>>> # mean (500 × 5 + 500 × 6 + 100 × 70) / 1,100 = 11.36; N: 100 × 58.64² / 378,450 = 0.908
>>> units = pd.DataFrame({"school_id": ["A", "B", "N"], "name": ["甲小学", "乙小学", "新区小学"],
...     "stage": "primary", "students": [500, 500, 100], "ownership": "public",
...     "teaching_area_per_student": [5.0, 6.0, 70.0]})
>>> ev = NS(units=units, stages={"primary": NS(indicators={"teaching_area_per_student": NS(
...     cv=1.5, limit=0.5, name="生均教学及辅助用房面积")})})
>>> c = cv_causes(ev, "primary", "teaching_area_per_student")
>>> [(s.name, round(s.share, 3)) for s in c.schools], round(c.mean, 2)
([('新区小学', 0.908)], 11.36)
>>> print(cause_text(c, {"N": "在建、规划项目新建学校"}))
主要由新区小学（在建、规划项目新建学校，高于平均，规划年 100 人，生均 70.0 平方米，全县平均 11.4 平方米）造成，占学生加权离差平方和的 91%
>>> round(cv_without(ev, "primary", "teaching_area_per_student", {"N"}), 4)
0.0909
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.evaluate.cv import variance_shares, weighted_stats
from junheng.model.numbers import cv3, cv_change
from junheng.standards import load_standard

MOST = 3
ENOUGH = 0.5
_STAGE_WORDS = {"primary": "小学", "junior": "初中"}
_QUALITY = load_standard("quality-2017")
_UNITS = {i.id: i.unit for i in _QUALITY.resource_indicators}
PRIVATE_TAG = "民办"
#: the county whose mean a sentence names (review rv8 finding 12: the 2030 初中 sports mean was
#: 13.2 m² after the layout, 14.1 after the 达标路径 and 14.7 with the land beside, all unnamed)
SCENARIOS = {"layout": "布局调整后", "steps": "达标路径实施后", "land": "另征用相邻用地后"}


@dataclass(frozen=True)
class CvCause:
    """One school's part in a CV: its pupils, its value and its share of the deviation."""

    school_id: str
    name: str
    students: int
    value: float
    share: float
    private: bool = False


@dataclass(frozen=True)
class CvCauses:
    """The schools that make one CV of one stage what it is, and the county mean."""

    stage: str
    indicator: str
    cv: float
    mean: float
    schools: tuple[CvCause, ...]

    @property
    def private_first(self) -> bool:
        """Whether the largest contributor is a 民办 school."""
        return bool(self.schools) and self.schools[0].private


def cv_causes(evaluation, stage: str, indicator: str, *, most: int = MOST,
              enough: float = ENOUGH) -> CvCauses:
    """The largest contributors to ``indicator``'s CV in ``stage`` (module docstring)."""
    units = evaluation.units
    part = units[units["stage"] == stage]
    values, students = part[indicator].astype(float), part["students"].astype(float)
    shares = variance_shares(values, students).sort_values(ascending=False, na_position="last")
    stats = weighted_stats(values, students)
    chosen, held = [], 0.0
    for i, share in shares.items():
        if len(chosen) >= most or held > enough or not np.isfinite(share) or share <= 0:
            break
        row = part.loc[i]
        chosen.append(CvCause(str(row["school_id"]), str(row["name"]), int(row["students"]),
                              float(row[indicator]), float(share),
                              str(row.get("ownership", "")) == "private"))
        held += float(share)
    cv = float(evaluation.stages[stage].indicators[indicator].cv)
    return CvCauses(stage, indicator, cv, float(stats.mean), tuple(chosen))


def value_words(value: float, indicator: str) -> str:
    """A per-pupil (per-hundred) value as a user reads it.

    >>> value_words(70.0809, "teaching_area_per_student"), value_words(2.153, "multimedia_rooms_per_100")
    ('生均 70.1 平方米', '每百名学生 2.15 间')
    """
    unit = _UNITS.get(indicator, "")
    digits = {"平方米": 1, "元": 0}.get(unit, 2)
    head = "每百名学生" if indicator.endswith("_per_100") else "生均"
    return f"{head} {value:,.{digits}f} {unit}"


def cause_text(causes: CvCauses, tags: Mapping[str, str] | None = None,
               when: str = "规划年", trend: Mapping[str, tuple[int, int]] | None = None,
               scenario: str = "") -> str:
    """"主要由 A（tag，规划年 N 人，生均 v，全县平均 m）造成，占…的 s%", or, when the schools
    named hold less than ``ENOUGH`` of it, "偏离全县平均最多的是 …，差距分散在多所学校" ('' without
    a cause); ``tags`` names what a school is (在建、规划项目新建学校 …) by school_id, 民办 by
    itself. ``trend`` (the layout plan's, school_id -> (pupils now, target year without the
    plan)) orders the schools by need (:func:`need_order`) and says a school above the mean
    whose pupils fall (brief hcity 3: a shrinking village school led the 体育运动场馆 sentence).
    ``scenario`` names the county whose mean it is (:data:`SCENARIOS`; review rv8 finding 12:
    three documents' 13.2, 14.1 and 14.7 m² said unnamed).

    >>> c = CvCauses("junior", "sports_area_per_student", 0.69, 13.2, (CvCause("A", "一初中", 1998, 4.7, 0.5),))
    >>> cause_text(c, scenario=SCENARIOS["layout"])
    '主要由一初中（低于平均，规划年 1,998 人，生均 4.7 平方米，布局调整后全县平均 13.2 平方米）造成，占学生加权离差平方和的 50%'
    """
    if not causes.schools:
        return ""
    tags = tags or {}
    mean = value_words(causes.mean, causes.indicator).split(" ", 1)[1]
    parts = []
    for k, s in enumerate(need_order(causes) if trend is not None else causes.schools):
        tag = tags.get(s.school_id) or (PRIVATE_TAG if s.private else "")
        average = f"，{scenario}全县平均 {mean}" if k == 0 else ""
        side = "高于平均" if s.value > causes.mean else "低于平均"  # rv5 12: which side of the CV
        # a school above the mean because its pupils fall says so (below it, falling helps)
        falls = falling_words(*(trend or {}).get(s.school_id, (0, 0))) if s.value > causes.mean else ""
        parts.append(f"{s.name}（{tag + '，' if tag else ''}{side}，{when} {s.students:,} 人{falls}，"
                     f"{value_words(s.value, causes.indicator)}{average}）")
    share = sum(s.share for s in causes.schools)
    if share >= ENOUGH:
        return f"主要由{'、'.join(parts)}造成，占学生加权离差平方和的 {share:.0%}"
    return (f"偏离全县平均最多的是{'、'.join(parts)}，合占学生加权离差平方和的 {share:.0%}，"
            "差距分散在多所学校")


def need_order(causes: CvCauses) -> list[CvCause]:
    """The schools of ``causes`` by what a measure must mend first: those below the mean by
    the area they lack to reach it, (x̄ − xᵢ) × Pᵢ, largest first; those above it after, by
    their share (brief hcity 3).

    >>> c = CvCauses("primary", "sports_area_per_student", 0.7, 20.8, (
    ...     CvCause("H", "后马寨", 195, 71.6, 0.10), CvCause("E", "二实小", 1722, 7.4, 0.08),
    ...     CvCause("S", "实验小学", 1481, 6.8, 0.06)))
    >>> [s.name for s in need_order(c)]
    ['二实小', '实验小学', '后马寨']

    (二实小 (20.8 − 7.4) × 1,722 = 23,075 m² > 实验小学 (20.8 − 6.8) × 1,481 = 20,734 m².)
    """
    low = [s for s in causes.schools if s.value < causes.mean]
    high = [s for s in causes.schools if s.value >= causes.mean]
    return (sorted(low, key=lambda s: -(causes.mean - s.value) * s.students)
            + sorted(high, key=lambda s: -s.share))


def falling_words(now: int, expected: int) -> str:
    """'' or, for a school whose pupils fall without the plan, its pupils now and then.

    >>> falling_words(326, 188), falling_words(1000, 1100), falling_words(0, 0)
    ('，现有 326 人、不调整布局时规划年 188 人，学生减少 42%', '', '')
    """
    if now <= 0 or expected >= now:
        return ""
    return f"，现有 {now:,} 人、不调整布局时规划年 {expected:,} 人，学生减少 {1 - expected / now:.0%}"


def below_text(evaluation, stage: str, indicator: str, when: str = "规划年", scenario: str = "") -> str:
    """The schools below the county mean of ``indicator`` in ``stage`` that hold most of the
    student-weighted deviation (at most ``MOST``), with their pupils and values (民办 said, its
    举办者's to mend): the side of a
    resource CV a measure must raise (rv5 12: a 整改 named a village school at 71.6 m² a pupil,
    far above the mean, as the school whose 场地 to fix). '' when none is below.

    >>> import pandas as pd
    >>> from types import SimpleNamespace as NS
    >>> # mean (500 × 5 + 500 × 6 + 100 × 70) / 1,100 = 11.36: 甲 and 乙 below, 新区 above;
    >>> # shares ∝ 500 × 6.36² = 20,240 (甲) > 500 × 5.36² = 14,380 (乙)
    >>> units = pd.DataFrame({"school_id": ["A", "B", "N"], "name": ["甲小学", "乙小学", "新区小学"],
    ...     "stage": "primary", "students": [500, 500, 100],
    ...     "sports_area_per_student": [5.0, 6.0, 70.0]})
    >>> print(below_text(NS(units=units), "primary", "sports_area_per_student", "目标学年"))
    低于全县平均（11.4 平方米）最多的是甲小学（目标学年 500 人，生均 5.0 平方米）、乙小学（目标学年 500 人，生均 6.0 平方米）
    """
    units = evaluation.units
    part = units[units["stage"] == stage]
    values, students = part[indicator].astype(float), part["students"].astype(float)
    mean = float(weighted_stats(values, students).mean)
    shares = variance_shares(values, students)
    low = shares[(values < mean) & np.isfinite(shares) & (shares > 0)]
    top = low.sort_values(ascending=False, kind="stable").head(MOST)
    if not len(top):
        return ""
    private = part.get("ownership", pd.Series("", index=part.index)).astype(str) == "private"
    names = "、".join(f"{part.at[i, 'name']}（{PRIVATE_TAG + '，' if private[i] else ''}"
                     f"{when} {int(part.at[i, 'students']):,} 人，"
                     f"{value_words(float(part.at[i, indicator]), indicator)}）" for i in top.index)
    said = f"{scenario} " if scenario else ""  # whose mean (review rv8 finding 12)
    return f"低于全县平均（{said}{value_words(mean, indicator).split(' ', 1)[1]}）最多的是{names}"


def cv_without(evaluation, stage: str, indicator: str, schools: Collection[str]) -> float:
    """The CV of ``indicator`` in ``stage`` with the units of ``schools`` left out."""
    units = evaluation.units
    part = units[(units["stage"] == stage) & ~units["school_id"].isin(set(schools))]
    return float(weighted_stats(part[indicator].astype(float),
                                part["students"].astype(float)).cv)


def over_limit(evaluation) -> list[tuple[str, str]]:
    """(stage, indicator) of every single CV over its limit."""
    return [(stage, key) for stage, res in evaluation.stages.items()
            for key, ind in res.indicators.items()
            if ind.limit is not None and np.isfinite(ind.cv) and ind.cv > ind.limit + 1e-12]


def worse_lines(before, after, *, skip: Collection[tuple[str, str]] = (),
                tags: Mapping[str, str] | None = None, when: str = "规划年", scenario: str = "") -> tuple[str, ...]:
    """One sentence per single CV that rises from ``before`` to ``after`` at three decimals, as
    the 布局调整方案 counts the rises (:func:`~junheng.report.layout_cv_text.raised_cvs`), but the
    (stage, indicator) pairs in ``skip``: the change, its limit, the county mean after it and the
    schools that raise it most (:func:`rise_text`: only those whose value of the indicator
    changed, a new school among them, each with its value before → after; ``tags``: what a
    school is, by school_id). Layoutfix item 8: 小学 生均教学及辅助用房 0.335 → 0.477 went
    unsaid; review rv24 10a: a rise under 0.02 (小学 网络多媒体教室 0.452 → 0.461, 初中骨干教师
    0.431 → 0.435) was counted, not explained; review rv25 4: the receiving schools deviating
    most were named though their junior pupils and teachers had not changed."""
    out = []
    for stage, res in after.stages.items():
        for key, ind in res.indicators.items():
            old = getattr(before.stages.get(stage), "indicators", {}).get(key)
            if old is None or (stage, key) in skip or not (np.isfinite(ind.cv) and np.isfinite(old.cv)) \
                    or float(cv3(ind.cv)) <= float(cv3(old.cv)):
                continue
            limit = f"，限值 {ind.limit:.2f}" if ind.limit is not None else ""
            text = (f"布局调整使{_STAGE_WORDS.get(stage, stage)}{ind.name}差异系数 {cv3(old.cv)} → "
                    f"{cv3(ind.cv)}（升高 {cv_change(old.cv, ind.cv):.3f}{limit}）")
            named = rise_text(before, after, stage, key, when, tags)
            if named:
                mean = value_words(_terms(after, stage, key)[1], key).split(" ", 1)[1]
                text += f"：{scenario}全县平均 {mean}，数值变化的学校中使其升高最多的是{named}"
            out.append(text + "。")
    return tuple(out)


def _terms(evaluation, stage: str, indicator: str) -> tuple[pd.DataFrame, float]:
    """Per school of ``stage`` (by school_id): its pupils, its value and its term of the squared
    CV, (Pᵢ/P)(xᵢ − x̄)² / x̄² (the terms add up to CV²); and the student-weighted mean."""
    units = evaluation.units
    part = units[units["stage"] == stage].set_index("school_id")
    values, students = part[indicator].astype(float), part["students"].astype(float)
    stats = weighted_stats(values, students)
    shares = variance_shares(values, students).fillna(0.0)
    frame = pd.DataFrame({"name": part["name"].astype(str), "students": students,
                          "value": values, "term": shares * float(stats.cv) ** 2})
    return frame, float(stats.mean)


def rise_text(before, after, stage: str, indicator: str, when: str = "目标学年",
              tags: Mapping[str, str] | None = None) -> str:
    """The schools that raise a CV from ``before`` to ``after`` most (at most ``MOST``): of those
    whose value changed (a new school among them; review rv25 4: a school whose value stayed
    explains the CV's level, not its rise), for each the CV had it alone stayed as ``before``
    (a new school left out), with its pupils and value then → now and its side of the mean
    after (``tags``: what a school is, by school_id); '' when reverting no school lowers it.

    >>> from types import SimpleNamespace as NS
    >>> def ev(students, values):
    ...     return NS(units=pd.DataFrame({"school_id": ["A", "B"], "name": ["甲小学", "乙小学"],
    ...         "stage": "primary", "students": students, "sports_area_per_student": values}))
    >>> # 甲 500 → 1,000 pupils on the same 3,000 m² (6.0 → 3.0); 乙 unchanged (500, 9.0).
    >>> # after: mean 7,500 / 1,500 = 5.0, sd √(⅔·4 + ⅓·16) = √8 = 2.828, CV 0.566;
    >>> # 甲 as before: mean 7.5, sd 1.5, CV 0.200; 乙 unchanged, not named
    >>> print(rise_text(ev([500, 500], [6.0, 9.0]), ev([1000, 500], [3.0, 9.0]), "primary", "sports_area_per_student"))
    甲小学（学生 500 → 目标学年 1,000 人，生均 6.0 → 3.0 平方米，低于平均；仅该校保持现状则为 0.200）

    乙 with 250 more pupils at its 9.0 (its value unchanged): reverting it alone would lower the
    CV, but it is not named; 甲 as before, with its tag:

    >>> print(rise_text(ev([500, 500], [6.0, 9.0]), ev([1000, 750], [3.0, 9.0]), "primary",
    ...                 "sports_area_per_student", tags={"A": "接收学校"}).split("；")[0])
    甲小学（接收学校，学生 500 → 目标学年 1,000 人，生均 6.0 → 3.0 平方米，低于平均

    甲's pupils unchanged, its area halved (6.0 → 3.0): mean 6.0, sd 3.0, CV 0.500; as before 0.200:

    >>> print(rise_text(ev([500, 500], [6.0, 9.0]), ev([500, 500], [3.0, 9.0]), "primary", "sports_area_per_student"))
    甲小学（学生 500 人不变，生均 6.0 → 3.0 平方米，低于平均；仅该校保持现状则为 0.200）
    """
    old, _ = _terms(before, stage, indicator)
    new, mean = _terms(after, stage, indicator)
    cv = float(np.sqrt(new["term"].sum()))
    drop = {}
    for sid in new.index:
        if sid in old.index and np.isclose(float(old.at[sid, "value"]), float(new.at[sid, "value"]), rtol=0, atol=1e-9):
            continue  # its value did not change: not a cause of the rise (rv25 4)
        rest = new.drop(sid)
        if sid in old.index:
            rest = pd.concat([rest, old.loc[[sid]]])
        drop[sid] = float(weighted_stats(rest["value"], rest["students"]).cv)
    least = pd.Series(drop, dtype=float)
    top = least[least < cv - 1e-6].sort_values(kind="stable").head(MOST)
    parts = []
    for sid, then_cv in top.items():
        r = new.loc[sid]
        now = value_words(float(r["value"]), indicator)
        was = int(old.at[sid, "students"]) if sid in old.index else None
        pupils = f"学生 {was:,} 人不变" if was == int(r["students"]) else f"学生 {was or 0:,} → {when} {int(r['students']):,} 人"
        then = (f"{pupils}，{value_words(float(old.at[sid, 'value']), indicator).rsplit(' ', 1)[0]} → "
                f"{now.split(' ', 1)[1]}" if sid in old.index else
                f"{when}新设，{int(r['students']):,} 人，{now}")
        tag = (tags or {}).get(sid)
        parts.append(f"{r['name']}（{tag + '，' if tag else ''}{then}，{'高于' if r['value'] > mean else '低于'}平均；"
                     f"仅该校保持现状则为 {cv3(then_cv)}）")
    return "、".join(parts)


def short_of_mean(evaluation, stage: str, indicator: str) -> list[tuple[str, str, float, int, float]]:
    """(school_id, name, value, pupils, m² to the mean) of the schools :func:`below_text`
    names: the area each lacks to reach the county's student-weighted mean,
    (x̄ − xᵢ) × Pᵢ, rounded up to a whole m², and the mean last.

    >>> from types import SimpleNamespace as NS
    >>> units = pd.DataFrame({"school_id": ["A", "B", "N"], "name": ["甲小学", "乙小学", "新区小学"],
    ...     "stage": "primary", "students": [500, 500, 100],
    ...     "sports_area_per_student": [5.0, 6.0, 70.0]})
    >>> # mean 12,500 / 1,100 = 11.3636…; 甲 (11.3636 − 5) × 500 = 3,181.8 → 3,182; 乙 2,681.8 → 2,682
    >>> [(s, n, v, p, a) for s, n, v, p, a, _ in short_of_mean(NS(units=units), "primary", "sports_area_per_student")]
    [('A', '甲小学', 5.0, 500, 3182), ('B', '乙小学', 6.0, 500, 2682)]
    """
    frame, mean = _terms(evaluation, stage, indicator)
    low = frame[(frame["value"] < mean) & (frame["term"] > 0)]
    top = low["term"].sort_values(ascending=False, kind="stable").head(MOST)
    return [(str(sid), str(frame.at[sid, "name"]), float(frame.at[sid, "value"]),
             int(frame.at[sid, "students"]),
             int(np.ceil((mean - float(frame.at[sid, "value"])) * float(frame.at[sid, "students"]) - 1e-9)),
             mean) for sid in top.index]
