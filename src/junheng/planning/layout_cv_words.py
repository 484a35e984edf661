"""The words of a layout plan's 差异系数 over their limit, one function per fact, used by every
face that says them (表 1, 表 11, section 三, the 方案校验 note, the web headline).

The plan's rule for a CV (:mod:`~junheng.planning.layout_cv`): within the limit, or, when the
county is already over it in the plan year without the adjustment, no higher than then (within
:data:`~junheng.planning.layout_cv.WORSE_TOL`). A CV over its limit that keeps that rule is not
a breach of the plan (review rv16 1: 「否（本方案不满足）：…0.712 超过限值 0.50（2030 学年不调整布局时
0.737）」 for a plan that lowers the CV); nor does it pass the limit. Each item says which of the two
it is, and what the 达標路径 made after the plan does to it (:func:`path_words`, review rv28 2: not
「须由达标路径补足」 when the 达标路径 itself cannot bring it under): its value after the 达标路径 when
the layout document is written with one (:func:`with_path`), else the neutral 「须另行整改」; beside the
plan year's value, the data year's (「2025 学年 0.632」), since the city compares with that one.
"""

from __future__ import annotations

import math
from dataclasses import replace

from junheng.model.numbers import cv3
from junheng.planning.layout_cv import WORSE_TOL

STAGES = {"primary": "小学", "junior": "初中"}
#: the rule a CV already over its limit keeps, in the words the appendix states it (表 11 规则)
KEPT_RULE = "规则“已超限的不高于规划年不调整布局时”"
#: what is said of a CV still over its limit when no 达标路径 figures are at hand (review rv28 2)
ELSEWHERE = "须另行整改"
#: the 达标路径 cannot bring it under either: where its remedy (unfunded, for the 局务会) is said
NOT_EVEN = "达标路径也不能使其降到限值以下，见《整改措施》"


def path_words(paths, data_year: int | None = None, *, short: bool = True) -> str:
    """What the 达标路径 does to the CVs the plan kept but left over their limit, ``paths`` =
    (limit, value after the 达标路径 or None, data year's value or None) each; one sentence for
    every face (review rv28 2). ``short``: the count only, else one CV with its figure.

    >>> path_words([(0.5, 0.708, 0.632), (0.45, 0.597, 0.674)])
    '达标路径也不能使其降到限值以下，见《整改措施》'
    >>> path_words([(0.5, 0.708, 0.632), (0.45, 0.44, 0.674)])
    '其中 1 项达标路径也不能使其降到限值以下，见《整改措施》，1 项达标路径实施后降到限值以下'
    >>> path_words([(0.5, 0.48, 0.632)]), path_words([(0.5, None, 0.632)])
    ('达标路径实施后降到限值以下', '须另行整改')
    >>> path_words([(0.5, 0.708, 0.632)], 2025, short=False)
    '达标路径实施后 0.708，高于 2025 学年，仍超过限值，达标路径也不能使其降到限值以下，见《整改措施》'
    >>> path_words([(0.45, 0.597, 0.674)], 2025, short=False), path_words([(0.5, 0.48, None)], short=False)
    ('达标路径实施后 0.597，仍超过限值，达标路径也不能使其降到限值以下，见《整改措施》', '达标路径实施后 0.480，在限值以内')
    >>> path_words([(0.5, None, 0.632)], short=False)
    '仍超过限值，须另行整改'
    """
    if not paths or any(p is None or not math.isfinite(p) for _, p, _ in paths):
        return ELSEWHERE if short else f"仍超过限值，{ELSEWHERE}"
    still = sum(p > lim + 1e-9 for lim, p, _ in paths)
    if not short:
        (lim, p, now), = paths
        higher = (f"，高于 {data_year} 学年" if data_year and now is not None and math.isfinite(now)
                  and p > now + WORSE_TOL else "")
        return f"达标路径实施后 {cv3(p)}{higher}，" + (f"仍超过限值，{NOT_EVEN}" if still else "在限值以内")
    if not still:
        return "达标路径实施后降到限值以下"
    if still == len(paths):
        return NOT_EVEN
    return f"其中 {still} 项{NOT_EVEN}，{len(paths) - still} 项达标路径实施后降到限值以下"


def with_path(plan, doc):
    """``plan`` (a :class:`~.layout_outcome.LayoutOutcome`) with its CVs carrying the values after
    the 达标路径 ``doc`` (that plan's plan.json) when it was made after this plan for the same
    target year, and its 方案校验 note (written when the plan was checked, before the 达标路径)
    saying :func:`count_words` with them; else unchanged (the words then say :data:`ELSEWHERE`)."""
    cvs = plan.evaluation
    if (cvs is None or not doc or doc.get("layout_year") != plan.target_year
            or doc.get("target_year") != plan.target_year):
        return plan
    stages = (doc.get("after") or {}).get("stages") or {}
    path = {st: {k: float(v) for k, v in (one.get("cv") or {}).items() if v is not None}
            for st, one in stages.items()}
    out = replace(plan, evaluation=replace(cvs, path=path))
    was, now = plan_count(plan), plan_count(out)
    notes = tuple(n.replace(was, now) if was and n.startswith("方案校验：") else n for n in plan.notes)
    return replace(out, notes=notes)


def kept(after: float, limit: float, before: float | None) -> bool:
    """Whether a CV over its ``limit`` after the plan keeps the rule: over already without the
    adjustment and no higher than then.

    >>> kept(0.712, 0.5, 0.737), kept(0.7374, 0.5, 0.737), kept(0.738, 0.5, 0.737)
    (True, True, False)
    >>> kept(0.52, 0.5, 0.48), kept(0.52, 0.5, None)
    (False, False)
    """
    return (before is not None and math.isfinite(before) and before > limit
            and after <= before + WORSE_TOL)


def item_words(stage: str, name: str, after: float, limit: float, before: float | None,
               today: float | None = None, path: float | None = None, *, year: int | None = None,
               data_year: int | None = None) -> str:
    """One CV over its limit after the plan, in words: kept the rule (already over, lowered or
    not raised: still over the limit, :func:`path_words` says what then) or broke it; the data
    year's value ``today`` beside the plan year's when known, ``path`` the value after the 达标路径.

    >>> item_words("primary", "生均体育运动场馆面积", 0.712, 0.5, 0.737, 0.632, 0.708, year=2030, data_year=2025)
    '小学生均体育运动场馆面积差异系数：2025 学年 0.632，2030 学年布局调整后 0.712，高于 2025 学年；不调整布局时已超过限值 0.50（0.737），布局调整后低于不调整布局时，符合规则“已超限的不高于规划年不调整布局时”；达标路径实施后 0.708，高于 2025 学年，仍超过限值，达标路径也不能使其降到限值以下，见《整改措施》'
    >>> item_words("primary", "生均体育运动场馆面积", 0.712, 0.5, 0.737, year=2030)
    '小学生均体育运动场馆面积差异系数：2030 学年不调整布局时已超过限值 0.50（0.737），布局调整后降至 0.712，符合规则“已超限的不高于规划年不调整布局时”；仍超过限值，须另行整改'
    >>> item_words("junior", "生均体育运动场馆面积", 0.7372, 0.45, 0.737, year=2030).split("，")[1]
    '布局调整后为 0.737（升高不到 0.0005）'
    >>> item_words("junior", "生均图书册数", 0.52, 0.45, 0.40)
    '初中生均图书册数差异系数：布局调整后 0.520 超过限值 0.45（规划年不调整布局时 0.400），不符合规则'
    >>> item_words("junior", "生均图书册数", 0.62, 0.45, 0.55)
    '初中生均图书册数差异系数：布局调整后 0.620 超过限值 0.45（规划年不调整布局时 0.550），已超限又升高，不符合规则“已超限的不高于规划年不调整布局时”'
    """
    when = f"{year} 学年" if year else "规划年"
    head = f"{STAGES.get(stage, '')}{name}差异系数："
    if kept(after, limit, before):
        path_said = path_words([(limit, path, today)], data_year, short=False)
        if data_year and today is not None and math.isfinite(today):  # rv29 3: today's first
            moved = "低于不调整布局时" if after < before - WORSE_TOL else f"升高不到 {WORSE_TOL:g}"
            return (f"{head}{data_year} 学年 {cv3(today)}，{when}布局调整后 {cv3(after)}，"
                    f"{versus(after, today, data_year)}；不调整布局时已超过限值 {limit:.2f}（{cv3(before)}），"
                    f"布局调整后{moved}，符合{KEPT_RULE}；{path_said}")
        moved = (f"布局调整后降至 {cv3(after)}" if after < before - WORSE_TOL
                 else f"布局调整后为 {cv3(after)}（升高不到 {WORSE_TOL:g}）")
        return f"{head}{when}不调整布局时已超过限值 {limit:.2f}（{cv3(before)}），{moved}，符合{KEPT_RULE}；{path_said}"
    was = f"（{when}不调整布局时 {cv3(before)}）" if before is not None and math.isfinite(before) else ""
    worse = ("已超限又升高，不符合" + KEPT_RULE if before is not None and math.isfinite(before)
             and before > limit else "不符合规则")
    return f"{head}布局调整后 {cv3(after)} 超过限值 {limit:.2f}{was}，{worse}"


def versus(value: float, today: float, data_year: int) -> str:
    """``value`` beside the data year's ``today``, at the three decimals said.

    >>> versus(0.712, 0.632, 2025), versus(0.6, 0.632, 2025), versus(0.6324, 0.632, 2025)
    ('高于 2025 学年', '低于 2025 学年', '与 2025 学年持平')
    """
    a, b = round(value, 3), round(today, 3)
    return f"高于 {data_year} 学年" if a > b else f"低于 {data_year} 学年" if a < b else f"与 {data_year} 学年持平"


def named_over(cvs) -> list[tuple]:
    """(stage, name, after, limit, before, today, path) of every CV of ``cvs`` (a
    :class:`~.layout_outcome.CvComparison`) over its limit after the plan: ``today`` its data
    year's value, ``path`` its value after the 达标路径 (None when not known)."""
    from junheng.planning.layout_outcome import cv_name

    return [(stage, cv_name(key), after, limit, before, cvs.today.get(stage, {}).get(key),
             cvs.path.get(stage, {}).get(key)) for stage, key, after, limit, before in cvs.over_limit()]


def plan_count(plan) -> str:
    """:func:`count_words` of a layout plan ('' when not evaluated or none over)."""
    cvs = plan.evaluation
    return count_words([o[2:] for o in named_over(cvs)]) if cvs is not None else ""


def count_words(over: list[tuple]) -> str:
    """How many CVs are over their limit after the plan, ``over`` = (after, limit, before[,
    today, path]) each, whether the plan keeps the rule for them and what the 达标路径 does to
    those it keeps (:func:`path_words`); '' when none.

    >>> count_words([(0.712, 0.5, 0.737, 0.632, 0.708), (0.693, 0.45, 0.783, 0.674, 0.597)])
    '差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，达标路径也不能使其降到限值以下，见《整改措施》）'
    >>> count_words([(0.712, 0.5, 0.737), (0.693, 0.45, 0.783)])
    '差异系数 2 项超过限值（均为不调整布局时已超限、本方案未使其变差，须另行整改）'
    >>> count_words([(0.712, 0.5, 0.737), (0.52, 0.45, 0.40)])
    '差异系数 2 项超过限值（其中 1 项本方案使其超限或变差，不符合规则；1 项不调整布局时已超限、本方案未使其变差，须另行整改）'
    >>> count_words([(0.52, 0.45, 0.40)]), count_words([])
    ('差异系数 1 项超过限值（本方案使其超限或变差，不符合规则）', '')
    """
    if not over:
        return ""
    paths = _kept_paths(over)
    good = len(paths)
    bad = len(over) - good
    head = f"差异系数 {len(over)} 项超过限值"
    if not bad:
        return f"{head}（{'均' if good > 1 else ''}为不调整布局时已超限、本方案未使其变差，{path_words(paths)}）"
    if not good:
        return f"{head}（本方案使其超限或变差，不符合规则）"
    return (f"{head}（其中 {bad} 项本方案使其超限或变差，不符合规则；{good} 项不调整布局时已超限、"
            f"本方案未使其变差，{path_words(paths)}）")


def _kept_paths(over: list[tuple]) -> list[tuple[float, float | None, float | None]]:
    """(limit, path, today) of each (after, limit, before[, today, path]) of ``over`` whose CV
    keeps the rule."""
    return [(o[1], o[4] if len(o) > 4 else None, o[3] if len(o) > 3 else None) for o in over if kept(*o[:3])]


def verdict_words(over: list[tuple], year: int | None, data_year: int | None = None) -> str:
    """是否满足差异系数上限: ``over`` = (stage, name, after, limit, before[, today, path]) of every
    CV over its limit after the plan (:func:`named_over`). 否 only when the plan breaks the rule for one; when it keeps the rule
    for all, neither 是 nor 否 but both facts (review rv16 1).

    >>> verdict_words([], 2030)
    '是（本方案满足）'
    >>> verdict_words([("primary", "生均体育运动场馆面积", 0.712, 0.5, 0.737)], 2030).split("：")[0]
    '符合规则“已超限的不高于规划年不调整布局时”，仍未达到限值（须另行整改）'
    >>> verdict_words([("junior", "生均图书册数", 0.52, 0.45, 0.40)], 2030).split("：")[0]
    '否（本方案不满足）'
    """
    if not over:
        return "是（本方案满足）"
    text = "；".join(item_words(*o, year=year, data_year=data_year) for o in over)
    if all(kept(*o[2:5]) for o in over):
        return f"符合{KEPT_RULE}，仍未达到限值（{path_words(_kept_paths([o[2:] for o in over]))}）：{text}"
    return f"否（本方案不满足）：{text}"
