"""Whether the junior hires of a layout plan's year are for a peak the forecast soon leaves
behind (review rv20 finding 3: 「初中所需 9 人（历史与地理）无小学富余教师对口，须招聘」 and
「连同退休补充共需招聘 9 人」 were permanent 2030 posts while the forecast's junior pupils fell
from 15,959 (2030) to 14,886 (2031) and 11,715 (2033), the 2033 junior 编制 296 below 2030's).

The rule: with junior hires H (the ledger's ``hire_total``: posts by 编制 and retirees'
posts no surplus primary teacher fills) in the plan year Y, today's junior full-time teachers
T (the ledger's junior ``today``) and the forecast's junior 编制 P(y) of each school year after
Y (:func:`~junheng.planning.staffing_absorb.stage_posts`, the plan's open schools at that
year's pupils after the plan, the ledger's 生师比): when some P(y) < T, the junior stage needs
fewer teachers than it has today from year y on, so the H posts cover a peak, and the bureau is
advised to cover it with 临时聘用（代课）、走教 or 县内调剂 instead of permanent posts; when every
P(y) ≥ T (or no year after Y is forecast) the hires stand as they are.

The figures ride in plan.json's ``staffing`` (``junior_posts``: [[year, 编制], …] from Y
through the forecast's last year), made once where the plan is made, so the 布局调整方案, the
整改措施 and the 自评报告 (which receives the staffing ledger without the county) print one rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from junheng.planning.staffing_figures import stage_figures

#: the ways to cover a peak without permanent posts (rv20 3); not 县内调剂: the plan's 县管校聘 moves have
#: already placed every spare teacher the rules allow before these hires (rv21)
PEAK_COVER = "临时聘用（代课）或走教"


def junior_posts(data, plan) -> list[list[int]]:
    """[[year, 编制], …] of the junior stage of a layout ``plan`` on the county's ``data``
    from its staffing year through the forecast's last year ([] without a staffing year or
    a forecast of it)."""
    from junheng.planning.staffing_absorb import stage_posts

    year = (plan.staffing or {}).get("year")
    if not year:
        return []
    posts = stage_posts(data, plan).get("junior") or {}
    return [[int(y), int(n)] for y, n in sorted(posts.items()) if y >= year]


def with_junior_posts(plan, data):
    """``plan`` (a :class:`~.layout_outcome.LayoutOutcome`) whose ``staffing`` carries
    :func:`junior_posts` (unchanged without a ledger or junior figures)."""
    if not plan.staffing:
        return plan
    posts = junior_posts(data, plan)
    return replace(plan, staffing={**plan.staffing, "junior_posts": posts}) if posts else plan


def junior_peak(staffing: Mapping | None) -> dict | None:
    """The module's rule on a ledger (plan.json ``staffing`` with ``junior_posts``): None
    when the junior stage hires none, no year after the plan year is forecast or its 编制
    never falls below today's junior teachers; else ``year`` (Y), ``hire`` (H), ``today``
    (T), ``below`` (the first year y > Y with P(y) < T) and its ``posts``, ``last`` (the
    forecast's last year) and its ``last_posts``.

    Hand case: 20 junior teachers today, 3 to hire in 2030; 编制 22 (2030), 19 (2031) < 20:

    >>> doc = {"year": 2030, "junior_posts": [[2030, 22], [2031, 19], [2032, 17]],
    ...        "schools": [{"stage": "junior", "need": 22, "today": 20, "hire": 2, "surplus": 0}],
    ...        "retirement": {"by_stage": {"junior": 1}}}
    >>> junior_peak(doc)
    {'year': 2030, 'hire': 3, 'today': 20, 'below': 2031, 'posts': 19, 'last': 2032, 'last_posts': 17}
    >>> junior_peak({**doc, "junior_posts": [[2030, 22], [2031, 21], [2032, 20]]}) is None  # never below 20
    True
    """
    doc = staffing or {}
    junior = stage_figures(doc).get("junior") or {}
    hire, today, year = (
        junior.get("hire_total", junior.get("hire", 0)),
        junior.get("today", 0),
        doc.get("year"),
    )
    later = [
        (int(y), int(n)) for y, n in doc.get("junior_posts") or () if year and int(y) > int(year)
    ]
    below = next(((y, n) for y, n in later if n < today), None)
    if not hire or below is None:
        return None
    return {
        "year": int(year),
        "hire": int(hire),
        "today": int(today),
        "below": below[0],
        "posts": below[1],
        "last": later[-1][0],
        "last_posts": later[-1][1],
    }
