"""The layout form's 已完成撤并论证的学校 (the plan YAML's ``closures_reviewed``,
:mod:`junheng.planning.layout_reviewed`): typed as 标识码:论证报告完成日期[:听证会日期[:公示日期]],
comma separated."""

from __future__ import annotations

from typing import Any

from junheng.errors import ConfigError

_STEPS = ("report", "hearing", "notice")


def reviews_text(reviews: dict[str, Any]) -> str:
    """``closures_reviewed`` as the form shows it: 标识码:日期[:日期[:日期]], comma separated.

    >>> reviews_text({"A": "2026-09-20", "B": {"report": "2026-09-10", "hearing": "2026-11-30", "notice": None}})
    'A:2026-09-20, B:2026-09-10:2026-11-30'
    """
    days = {c: r if isinstance(r, dict) else {"report": r} for c, r in reviews.items()}
    return ", ".join(":".join([c, *(str(r[k]) for k in _STEPS if r.get(k))]) for c, r in days.items())


def reviews_from(label: str, text: str) -> dict[str, dict[str, str]]:
    """The form's 已完成撤并论证的学校 (``label``) read (:func:`reviews_text`), each day as the 编制日期 is
    typed (2026-09-20, 2026/9/20, 2026年9月20日).

    >>> reviews_from("已完成撤并论证的学校", "A:2026/9/20， B:2026-09-10:2026年11月30日")
    {'A': {'report': '2026-09-20'}, 'B': {'report': '2026-09-10', 'hearing': '2026-11-30'}}
    >>> reviews_from("已完成撤并论证的学校", "A:9月20日")
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: “已完成撤并论证的学校”中“A:9月20日”的日期无效：应为 标识码:年-月-日，如 4103310008:2026-09-20。
    """
    from junheng.planning.layout_phases import parse_day

    out = {}
    for item in filter(None, (t.strip() for t in text.replace("，", ",").split(","))):
        code, *days = (part.strip() for part in item.split(":"))
        try:
            parsed = [parse_day(d) for d in days]
            if not code or not 1 <= len(parsed) <= len(_STEPS) or None in parsed:
                raise ConfigError(item)
        except ConfigError:
            raise ConfigError(f"“{label}”中“{item}”的日期无效：应为 标识码:年-月-日，如 4103310008:2026-09-20。") from None
        out[code] = {k: d.isoformat() for k, d in zip(_STEPS, parsed, strict=False)}
    return out


def reviews_late(config: dict[str, Any], label: str) -> list[str]:
    """The form's 已完成撤并论证的学校 (``label``) done after today (the plan's 编制日期) or out of order, as
    the planner refuses them (:func:`~junheng.planning.layout_reviewed.check_reviews`)."""
    from types import SimpleNamespace

    from junheng.model.times import today_beijing
    from junheng.planning.layout_reviewed import KEY, LABEL, ClosureReview, check_reviews

    try:
        reviews = {c: ClosureReview(**r) for c, r in (config.get("closures_reviewed") or {}).items()}
        check_reviews(SimpleNamespace(plan_date=today_beijing(), closures_reviewed=reviews), None)
    except ConfigError as exc:
        return [str(exc).replace(f"方案设置“{KEY}”（{LABEL}）", f"“{label}”")]
    return []
