"""How the primary teachers a layout plan leaves over are absorbed, school year by school year
(review rv10 finding 14: 「余 539 人需跨学段转岗或县管校聘统筹」 had no numbers, years or owner,
while the new junior school recruited 40 beside 822 candidates).

A bureau fills a new junior school's posts left after the teachers following its pupils and the
县管校聘调剂 first from the surplus primary teachers holding an 初中, 高中 or 中等职业学校
教师资格证 (《教师资格条例》第五条), and recruits only the rest: the staffing ledger does so
(:mod:`~junheng.planning.staffing_transfer`, the workbook's 教师资格证学段; blank = unknown, not
counted), its moves of kind ``transfer`` are the 转任初中 here and its 招聘 is what is left.

Per school year Y from the year after the data's to the ledger's plan year, with L the primary
surplus left at the start of Y (the ledger's primary ``surplus`` plus its 转任 T at the start)
and P the transfers still pending (T until the plan year):

* 退休 = the ledger's primary full-time teachers who retire before Y starts and not before
  Y − 1 starts (:func:`~junheng.planning.retirement.retiring`; the first year also those
  retired earlier; never a transferred one); 退休不补 absorbs min(L − P, 退休);
* 转任初中 = T in the plan year, before it starts (the new school's posts are the plan year's),
  0 before; a new school opening before the plan year needs its transferred teachers at its
  opening, part of the 提前转任 advised for that year (``opening``: its name -> its school
  year, said beside the table, review rv26 4: the ledger has no year for a move, and booking
  them early here would change the table for one school's words);
* 县管校聘调剂 = 0: the ledger has already moved the surplus to every primary school short of
  teachers (its primary ``hire`` is 0), so none is short;
* L of Y + 1 = L − 退休不补 − 转任初中 − 县管校聘调剂,

so the absorbed retirees sum to min(the ledger's surplus, its 退休) = its ``absorbed``
(the transferred teachers retire after the plan year starts) and the last L is its ``left``
(:func:`check_absorption`). After the plan year the same retirements are counted on through
the forecast's last school year, each year against its own 编制 (review rv18 3: at the plan
year's 编制 the surplus was 「至 2039 学年可全部消化」 while the forecast's pupils fell and the
surplus grew again); beyond the forecast no year is told.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.errors import JunhengError
from junheng.planning.retirement import retiring
from junheng.planning.staffing_figures import retire_covered, stage_figures
from junheng.planning.staffing_peak import junior_change, junior_posts
from junheng.planning.staffing_transfer import transferred

#: who carries the table out (review rv10 14: "no owner")
OWNER = "县教育局人事股"
ABSORB_HEADS = ("学年", "上学年末小学富余（人，按本学年学生核定的编制）", "开学前退休不补（人）",
                "转任初中（人，持初中及以上教师资格证）", "县管校聘调剂到缺编学校（人）", "开学时仍富余（人，按本学年编制）")


class AbsorptionImbalance(JunhengError):
    """The year-by-year absorption does not add up to the staffing ledger (a bug)."""


def primary_retirements(teachers: pd.DataFrame, staffing: Mapping, years: range,
                        stage: str = "primary") -> dict[int, int]:
    """Per school year of ``years``: the ledger's (``staffing``: plan.json ``staffing``) full-time
    teachers of ``stage`` (the junior ones for :func:`~.staffing_peak.junior_in_post`) retiring before it starts and not before the year before it starts (the
    first year: all retired before it starts); those it transfers to 初中 (``teacher_moves`` of
    kind ``transfer``) retire as junior teachers, not counted.

    >>> t = pd.DataFrame({"school_id": "A", "stage": "primary", "full_time": True,
    ...                   "sex": ["male", "male", "female", "female"],
    ...                   "birth_year": [1960, 1966, 1970, 1980]})
    >>> doc = {"schools": [{"school_id": "A", "stage": "primary"}]}
    >>> primary_retirements(t, doc, range(2026, 2030))  # 1960 man 2020, 1966 man 2026-12, 1970 woman 2025-08
    {2026: 2, 2027: 1, 2028: 0, 2029: 0}
    """
    ours = {str(s["school_id"]) for s in staffing.get("schools") or ()}
    gone = {str(m["teacher_id"]) for m in staffing.get("teacher_moves") or ()
            if m.get("kind") == "transfer"}
    full = teachers[teachers["full_time"].fillna(False).astype(bool)
                    & teachers["stage"].eq(stage) & teachers["school_id"].astype(str).isin(ours)]
    if gone:
        full = full[~full["teacher_id"].astype(str).isin(gone)]
    out, before = {}, 0
    for year in years:
        gone = int(retiring(full, year).fillna(False).astype(bool).sum())
        out[year] = gone - before
        before = gone
    return out


def absorption(teachers: pd.DataFrame, staffing: Mapping | None, data_year: int,
               start: int | None = None, shifts: Mapping[int, int] | None = None) -> dict | None:
    """The primary surplus of ``staffing`` (plan.json ``staffing`` with its ``retirement``)
    absorbed per school year (module docstring): ``rows`` (year, start, absorbed, transfer, pool,
    end) to the plan year, ``after`` (year, start, absorbed, end) to ``last`` (the last year of
    ``shifts``, else the plan year), ``done`` the year by whose start it is all absorbed for good
    (None: not by ``last``), ``new_schools`` (name, posts, moved, hire) of the new schools that
    recruit. None without a primary surplus or a retirement count.

    ``shifts``: per school year, its primary 编制 less the plan year's (:func:`stage_posts`):
    each row's surplus is at its own year's 编制 (review rv14: the 2027 row began with the 2030
    surplus), the plan year's row at the ledger's; what is absorbed up to the plan year is
    decided on the plan year's surplus (``surplus``: the ledger's, with the transfers still to
    come), after it on the year's own (a year short of teachers absorbs none).

    >>> t = pd.DataFrame({"school_id": "A", "stage": "primary", "full_time": True,
    ...                   "sex": "male", "birth_year": [1965, 1966, 1967, 1968, 1969]})
    >>> doc = {"year": 2028, "retirement": {"year": 2028, "by_stage": {"primary": 3}},
    ...        "schools": [{"school_id": "A", "name": "甲", "stage": "primary", "need": 1, "today": 5,
    ...                     "hire": 0, "surplus": 4, "new_posts": 0, "moved_in": 0}]}
    >>> out = absorption(t, doc, 2025)  # retire 2025-09, 2026-12, 2028-03, 2029-06, 2030-09
    >>> out["rows"], out["after"], out["done"]  # 4 over, 1 + 1 + 1 absorbed; no forecast after 2028
    ([(2026, 4, 1, 0, 0, 3), (2027, 3, 1, 0, 0, 2), (2028, 2, 1, 0, 0, 1)], [], None)

    With 2 more posts in 2026 and 1 more in 2027 than in 2028 (more pupils then), those rows'
    surplus is 2 and 1 smaller; 2028's is the ledger's; the same 编制 in 2029 absorbs the 4th:

    >>> out = absorption(t, doc, 2025, shifts={2026: 2, 2027: 1, 2028: 0, 2029: 0})
    >>> out["rows"], out["after"], out["done"], out["last"]
    ([(2026, 2, 1, 0, 0, 1), (2027, 2, 1, 0, 0, 1), (2028, 2, 1, 0, 0, 1)], [(2029, 1, 1, 0)], 2029, 2029)
    """
    stages = stage_figures(staffing or {})
    ret = (staffing or {}).get("retirement")
    year = (staffing or {}).get("year")
    if not ret or not year or not stages.get("primary", {}).get("surplus"):
        return None
    left = stages["primary"]["surplus"] + transferred(staffing)
    pending = transferred(staffing) + retire_covered(staffing)  # and the junior retirees' posts
    if year <= data_year:  # no school year before the plan's: the transfers are already made
        left, pending = left - pending, 0
    shift = {int(y): int(n) for y, n in (shifts or {}).items()}
    last = max([year, *shift])
    # from the first school year not yet begun (rv13 15: the table began with 2026, under way
    # on the report's day), its row counting every retiree before it
    out = primary_retirements(teachers, staffing, range(max(start or 0, data_year + 1), last + 1))
    rows, after = [], []
    for y, gone in out.items():
        here = left - shift.get(y, 0)  # the surplus at the year's own 编制
        if y <= year:
            absorbed, moved = min(left - pending, gone), pending if y == year else 0
            rows.append((y, here, absorbed, moved, 0, here - absorbed - moved))
            left, pending = left - moved, pending - moved
        else:
            absorbed = max(0, min(here, gone))
            after.append((y, here, absorbed, here - absorbed))
        left -= absorbed
    result = {"rows": rows, "after": after, "last": last, "done": _done_year([*rows, *after]), "owner": OWNER,
              "new_schools": _recruiting(staffing), "transfer": dict(staffing.get("transfer") or {}), "surplus": stages["primary"]["surplus"] + transferred(staffing),
              "shifts": {y: shift.get(y, 0) for y, *_ in rows}, "cut": -shift.get(last, 0)}
    check_absorption(result, stages["primary"])
    return result


def _done_year(rows: list[tuple]) -> int | None:
    """The first school year from which every row (its last cell the surplus left) has none
    left (None: the last has some).

    >>> _done_year([(2029, 3, 1, 2), (2030, 2, 2, 0), (2031, 1, 0, 1), (2032, 1, 1, 0)])
    2032
    >>> _done_year([(2030, 2, 2, 0), (2031, 1, 0, 1)]) is None
    True
    """
    done = None
    for y, *_, end in rows:
        done = (done or y) if end <= 0 else None
    return done


def check_absorption(result: Mapping, primary: Mapping) -> None:
    """Raise :class:`AbsorptionImbalance` unless each row's end is its start less what it
    absorbs, the next row starts where it ends, the rows absorb the ledger's ``absorbed`` and
    end at its ``left``.

    >>> check_absorption({"rows": [(2026, 4, 1, 0, 0, 3)]}, {"absorbed": 2, "left": 3})
    Traceback (most recent call last):
    ...
    junheng.planning.staffing_absorb.AbsorptionImbalance: 小学富余教师逐年消化与教师配置汇总不一致：退休不补合计 1 人，汇总 2 人。
    """
    rows, shift = result["rows"], result.get("shifts") or {}
    for i, (y, start, absorbed, transfer, pool, end) in enumerate(rows):  # the 编制 change between rows apart
        if end != start - absorbed - transfer - pool or (
                i and rows[i - 1][5] + shift.get(rows[i - 1][0], 0) != start + shift.get(y, 0)):
            raise AbsorptionImbalance(f"小学富余教师逐年消化不平衡：{y} 学年。")
    total = sum(r[2] for r in rows)
    if total != primary["absorbed"]:
        raise AbsorptionImbalance(f"小学富余教师逐年消化与教师配置汇总不一致：退休不补合计 {total:,} 人，"
                                  f"汇总 {primary['absorbed']:,} 人。")
    if rows and rows[-1][5] != primary["left"]:
        raise AbsorptionImbalance(f"小学富余教师逐年消化与教师配置汇总不一致：仍富余 {rows[-1][5]:,} 人，"
                                  f"汇总 {primary['left']:,} 人。")


def _recruiting(staffing: Mapping) -> list[tuple[str, int, int, int, int]]:
    """(name, posts, teachers moved in with the pupils or by 县管校聘, transferred from 小学,
    hire) of each new school of the ledger that recruits or takes transfers."""
    into: dict[str, int] = {}
    for m in staffing.get("moves") or ():
        if m.get("kind") == "transfer":
            into[m["to_school_id"]] = into.get(m["to_school_id"], 0) + int(m["teachers"])
    return [(s["name"], int(s["new_posts"]), int(s["moved_in"]) - into.get(s["school_id"], 0),
             into.get(s["school_id"], 0), int(s["hire"]))
            for s in staffing.get("schools") or ()
            if s.get("new_posts") and (s.get("hire") or into.get(s["school_id"]))]


def plan_absorption(plan, data, posts: Mapping | None = None) -> dict | None:
    """:func:`absorption` of a layout ``plan`` (its ``staffing`` and data year) on the county's
    ``data`` (None without data, a data year or a surplus), each year at its own 编制
    (``posts``: :func:`stage_posts`, made here when not given) through the forecast's last year,
    with ``junior_more``: the junior 编制 of that year less the plan year's, from the
    ``staffing``'s ``junior_posts`` (:func:`~.staffing_peak.junior_change`; made from the posts
    for a plan without them; None where either year is not forecast)."""
    from junheng.planning.plans_budget import first_year_of

    if data is None or not plan.year:
        return None
    first = first_year_of(plan.rules or {})
    posts, year = stage_posts(data, plan) if posts is None else posts, (plan.staffing or {}).get("year")
    primary = posts.get("primary", {})
    shifts = {y: n - primary[year] for y, n in primary.items()} if year in primary else None
    out = absorption(data.teachers, plan.staffing, plan.year, first[0] if first else None, shifts)
    if out is not None:
        doc = plan.staffing
        if "junior_posts" not in doc:  # an older plan.json
            doc = {**doc, "junior_posts": junior_posts(data, plan, posts)}
        out["junior_more"] = junior_change(doc, out["last"])
        out["opening"] = opening_before(plan)
    return out


def opening_before(plan) -> dict[str, int]:
    """Name -> school year of the ``plan``'s new schools that open before its staffing year
    (:func:`~.layout_phases.opening_years`, the year 表 7 says; review rv26 4).

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新初中", "new", phase=4),
    ...                                  PlannedSchool("M", "新小学", "new", phase=5)), {}, year=2025,
    ...                      staffing={"year": 2030})
    >>> opening_before(plan)
    {'新初中': 2029}
    """
    from junheng.planning.layout_phases import opening_years

    year, opens = (plan.staffing or {}).get("year"), opening_years(plan)
    return {s.name: opens[s.school_id] for s in plan.schools if year and opens.get(s.school_id, year) < year}


def forecast_figures(result: Mapping | None) -> dict | None:
    """The forecast period's figures of an :func:`absorption` (or :func:`plan_absorption`)
    result, as ``plan.json``'s ``staffing.forecast`` keeps them for every document (brief
    hstaff2 1: the 布局调整方案 said 「2033 学年开学时仍富余 435 人」, the 整改措施 and the 自评报告,
    which receive the staffing figures without the forecast, stopped at 397): ``left_by_year``
    ([[year, surplus at its start], …] to the plan year, 表 5's last column: the surplus primary
    teachers a junior shortfall before the plan year is first covered by, brief hfixB), ``done`` (the
    year by whose start the surplus is all absorbed, None: not within the forecast), ``last``
    (the forecast's last year; None: no year after the plan year forecast), ``retired`` (the
    primary retirees of the years after the plan year up to ``last``), ``cut`` (the primary
    编制 of the plan year less that of ``last``), ``left`` (the surplus at ``last``'s start) and
    ``junior_more`` (:func:`plan_absorption`). None without a result.

    >>> forecast_figures({"done": None, "cut": 156, "junior_more": -296, "rows": [(2029, 497, 40, 0, 0, 457)],
    ...                   "after": [(2031, 477, 43, 434), (2032, 487, 36, 451), (2033, 474, 39, 435)]})
    {'left_by_year': [[2029, 457]], 'done': None, 'last': 2033, 'retired': 118, 'cut': 156, 'left': 435, 'junior_more': -296}
    """
    if result is None:
        return None
    after = result.get("after") or []
    return {"left_by_year": [[int(r[0]), int(r[5])] for r in result.get("rows") or ()],
            "done": result.get("done"), "last": after[-1][0] if after else None,
            "retired": sum(int(r[2]) for r in after), "cut": int(result.get("cut") or 0),
            "left": int(after[-1][3]) if after else None, "junior_more": result.get("junior_more")}


def with_forecast_figures(plan, data, posts: Mapping | None = None):
    """``plan`` (a layout :class:`~.layout_outcome.LayoutOutcome` with its staffing ledger)
    whose ``staffing`` carries :func:`forecast_figures` of :func:`plan_absorption` on the
    county as reported (``data``; ``posts``: its :func:`stage_posts`, when made already): made
    once, where the plan is made (:func:`~.staffing_peak.with_stage_posts`), so the 布局调整方案,
    the 整改措施 and the 自评报告 print the same statement (``plan`` unchanged without a ledger or
    a primary surplus)."""
    from dataclasses import replace

    figures = forecast_figures(plan_absorption(plan, data, posts)) if plan.staffing else None
    if figures is None:
        return plan
    return replace(plan, staffing={**plan.staffing, "forecast": figures})


def stage_posts(data, plan) -> dict[str, dict[int, int]]:
    """Per stage and school year: the 编制 (⌈pupils ÷ 生师比⌉ per school, the ledger's ratios)
    of the schools open that year at that year's pupils:

    * before the plan year, the 过渡期's years (``year_pupils``: each pupil where the plan places
      it that year, a closing school with its pupils until it closes, a new school from its
      opening; from the forecast the plan was solved with) at every school with pupils then
      (brief hpeak: the loads re-derived for those years counted every pupil at the plan's
      school from the first year, the 教学点 closing in 2028 and 2029 as closed in 2027, grown by
      the villages' children where the county as reported has no forecast);
    * the plan year re-derived (:func:`~.layout_check_years.yearly_loads`: the ledger's pupils);
    * after it the plan's own (``year_pupils``) at the plan's open schools (rv18 3: the re-derived
      figures stop where the villages' children are not yet born),

    for the years every school of the stage has a figure (after the plan year). A plan without
    ``year_pupils`` keeps the re-derived years before the plan year."""
    from junheng.planning.layout_check_years import yearly_loads
    from junheng.planning.staffing_ledger import staff_need

    given = (plan.staffing or {}).get("ratio") or {}
    ratio = {"primary": float(given.get("primary") or 19.0), "junior": float(given.get("junior") or 13.5)}
    ours = {s.school_id for s in plan.schools if s.action != "close"}
    loads = yearly_loads(data, plan, ours)
    before: dict[str, dict[int, int]] = {}
    later: dict[tuple[str, str], dict[int, int]] = {}
    for y, school, stage, pupils in getattr(plan, "year_pupils", None) or ():
        if y < plan.target_year and stage in ratio:
            before.setdefault(stage, {})[y] = before.get(stage, {}).get(y, 0) + staff_need(pupils, stage, ratio)
        elif y > plan.target_year and school in ours:
            later.setdefault((school, stage), {})[y] = pupils
    out = {}
    for stage in ratio:
        now = _posts(loads, stage, ratio, staff_need)
        if before:  # the 过渡期's years: one before it was under way on the plan's day (rv13 15)
            now = {y: n for y, n in now.items() if y >= plan.target_year}
        out[stage] = dict(sorted({**before.get(stage, {}), **now, **_posts(later, stage, ratio, staff_need)}.items()))
    return out


def _posts(loads: Mapping, stage: str, ratio: Mapping[str, float], need) -> dict[int, int]:
    """{year: 编制} of ``stage`` over the years every school of ``loads`` of it has."""
    ours = [years for (_, st), years in loads.items() if st == stage]
    common = set.intersection(*(set(y) for y in ours)) if ours else set()
    return {y: sum(need(years[y], stage, ratio) for years in ours) for y in sorted(common)}
