"""The layout plan's CV sentence for the 自评报告 and the 布局调整方案 (hr item 2): 优质均衡
2017 judges each resource indicator's CV on its own, so the sentence names every single CV
the plan raises first; the mean of the single CVs follows as this system's reference figure
(:data:`~junheng.evaluate.cv.COMPOSITE_REFERENCE`), never as an improvement on its own (the
demo's plan lowered the primary mean 0.456 → 0.434 while it raised 生均教学及辅助用房
0.383 → 0.473)."""

from __future__ import annotations

import math

from junheng.evaluate.cv import COMPOSITE_REFERENCE
from junheng.model.numbers import cv3
from junheng.planning.layout_outcome import CvComparison
from junheng.report.report_format import STAGE_LABELS, STAGE_ORDER, fmt_limit, indicator_short


def raised_cvs(cvs: CvComparison, stage: str) -> tuple[list[str], int]:
    """The single CVs of ``stage`` the plan raises at three decimals, as 「name before →
    after」 (largest rise first), and how many single CVs both columns hold.

    >>> cvs = CvComparison({"primary": {"teaching_area_per_student": 0.383088,
    ...     "sports_area_per_student": 0.745424, "composite": 0.456}},
    ...     {"primary": {"teaching_area_per_student": 0.473291,
    ...     "sports_area_per_student": 0.71285, "composite": 0.434}}, ())
    >>> raised_cvs(cvs, "primary")
    (['生均教学及辅助用房 0.383 → 0.473'], 2)
    """
    before, after = cvs.before.get(stage, {}), cvs.after.get(stage, {})
    pairs = [(k, before[k], after.get(k)) for k in before if k != "composite"]
    pairs = [(k, a, b) for k, a, b in pairs
             if b is not None and math.isfinite(a) and math.isfinite(b)]
    up = sorted(((k, a, b) for k, a, b in pairs if float(cv3(b)) > float(cv3(a))),
                key=lambda t: float(cv3(t[1])) - float(cv3(t[2])))
    return [f"{indicator_short(k, k)} {cv3(a)} → {cv3(b)}" for k, a, b in up], len(pairs)


def composite_change(cvs: CvComparison | None, year: int | None = None,
                     target: int | None = None) -> str:
    """The plan's CVs per stage: the single CVs it raises (:func:`raised_cvs`), then the
    composite as the system's reference figure, before and after, saying in words when the
    plan widens it (review rv2 5); "" without the CVs. The 调整前 figure is named as the
    planning year ``target`` without the plan, and the data year ``year``'s figure
    (``cvs.today``) stands beside it, with a sentence where the plan ends above it (rv
    finding 4: 「由 0.456 降至 0.451」 read as an improvement beside today's 0.385).

    >>> cvs = CvComparison({"primary": {"composite": 0.42329}, "junior": {"composite": 0.37902}},
    ...     {"primary": {"composite": 0.428521}, "junior": {"composite": 0.323912}}, ())
    >>> composite_change(cvs)
    '差异系数：小学综合差异系数（参考值，非评估办法指标）由 0.423 升至 0.429，本方案扩大小学校际差距；初中综合差异系数（参考值，非评估办法指标）由 0.379 降至 0.324。'
    """
    parts, above = [], []
    for stage in STAGE_ORDER:
        was = (cvs.before.get(stage, {}) if cvs else {}).get("composite")
        now = (cvs.after.get(stage, {}) if cvs else {}).get("composite")
        if was is None or now is None or not (math.isfinite(was) and math.isfinite(now)):
            continue
        label, a, b = STAGE_LABELS[stage], cv3(was), cv3(now)
        raised, singles = raised_cvs(cvs, stage)
        lead = (f"{label}本方案使 {len(raised)} 项单项差异系数升高：{'、'.join(raised)}；"
                if raised else f"{label} {singles} 项单项差异系数均未升高；" if singles else "")
        then = cvs.today.get(stage, {}).get("composite") if year and target else None
        if then is not None and math.isfinite(then):
            parts.append(f"{lead}{label}{COMPOSITE_REFERENCE} {target} 学年不调整布局时 {a}，调整后 {b}"
                         f"（{year} 学年 {cv3(then)}）"
                         + (f"，本方案扩大{label}校际差距" if float(b) > float(a) else ""))
            if float(b) > float(cv3(then)):
                above.append((label, a, b, cv3(then), bool(raised)))
        elif float(b) > float(a):
            parts.append(f"{lead}{label}{COMPOSITE_REFERENCE}由 {a} 升至 {b}，本方案扩大{label}校际差距")
        elif float(b) < float(a):
            parts.append(f"{lead}{label}{COMPOSITE_REFERENCE}由 {a} 降至 {b}")
        else:
            parts.append(f"{lead}{label}{COMPOSITE_REFERENCE} {a}，不变")
    return (f"差异系数：{'；'.join(parts)}。" if parts else "") + "".join(
        above_today(label, a, b, then, year, raised) for label, a, b, then, raised in above)


def above_today(label: str, was: str, now: str, then: str, year, raised: bool = False) -> str:
    """The sentence for a stage whose composite after the plan (``now``) stays above the data
    year's (``then``), ``was`` the planning year's without the plan; ``raised``: the plan
    raises a single CV of the stage, so a lower composite narrows no gap on its own.

    >>> above_today("小学", "0.380", "0.400", "0.385", 2025)
    '小学调整后高于 2025 学年：本方案扩大校际差距，须由达标路径整改缩小。'
    >>> above_today("小学", "0.456", "0.434", "0.385", 2025, raised=True)[-38:]
    '本方案使参考值降低，但使上列单项差异系数升高，校际差距须由达标路径整改缩小。'
    """
    if float(was) <= float(then):
        return f"{label}调整后高于 {year} 学年：本方案扩大校际差距，须由达标路径整改缩小。"
    cause = f"{label}调整后仍高于 {year} 学年：规划年各校学生数的变化（含在建项目）使其不调整布局时升至 {was}，"
    if float(now) > float(was):
        return cause + "本方案又使其升高，校际差距须由达标路径整改缩小。"
    if raised:
        return cause + "本方案使参考值降低，但使上列单项差异系数升高，校际差距须由达标路径整改缩小。"
    return cause + "本方案只缩小其中一部分，其余校际差距由达标路径整改缩小。"


#: the 布局调整方案's CV table: the limit and whether the CV after the plan is within it, a
#: projection of the plan year, not a 达标 (review rv29 2: 「达标」 for 0.494 against 0.50)
LIMIT_HEADS = ("限值", "调整后是否超过限值")
#: the verdicts of that column: within the limit, over it, no limit
WITHIN, OVER = "预计不超过限值", "预计超过限值"


def cv_limit_rows(cvs: CvComparison | None) -> list[list[str]]:
    """The CVs before and after the plan with the limit the workbook's 差异系数对比 sheet prints
    (``cvs.limits``) and :data:`WITHIN` or :data:`OVER` after the plan, as the rule judges it (over by more
    than 1e-12, :func:`~junheng.planning.cv_causes.over_limit`); the composite, which has
    no limit, 「—」 (review rv24 2: 表 11 had no 限值, 0.512 → 0.494 against 0.50 unreadable).

    >>> cvs = CvComparison({"primary": {"backbone_teachers_per_100": 0.512, "composite": 0.45}},
    ...     {"primary": {"backbone_teachers_per_100": 0.494, "composite": 0.431}}, (),
    ...     {"primary": {"backbone_teachers_per_100": 0.5}})
    >>> cv_limit_rows(cvs)
    [['小学', '县级以上骨干教师', '0.512', '0.494', '0.50', '预计不超过限值'], ['小学', '综合差异系数（参考值，非评估办法指标）', '0.450', '0.431', '—', '—']]
    >>> cv_limit_rows(CvComparison({"junior": {"backbone_teachers_per_100": 0.6}},
    ...     {"junior": {"backbone_teachers_per_100": 0.4504}}, (), {"junior": {"backbone_teachers_per_100": 0.45}}))
    [['初中', '县级以上骨干教师', '0.600', '0.450', '0.45', '预计超过限值']]
    """
    if cvs is None:
        return []
    out = []
    for stage, before in cvs.before.items():
        for key, cv in before.items():
            after = cvs.after.get(stage, {}).get(key)
            limit = cvs.limits.get(stage, {}).get(key)
            known = limit is not None and after is not None and math.isfinite(after)
            verdict = (OVER if after > limit + 1e-12 else WITHIN) if known else "—"
            out.append([STAGE_LABELS.get(stage, stage),
                        COMPOSITE_REFERENCE if key == "composite" else indicator_short(key, key),
                        cv3(cv), cv3(after), fmt_limit(limit), verdict])
    return out
