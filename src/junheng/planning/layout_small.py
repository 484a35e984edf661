"""A school that is not small today closes no sooner than the year it becomes small (issue 16
item 1, planner review finding 2: a village primary of 159 pupils, 97 expected in the target
year, was closed in the first school year as if it were a 小规模学校).

By default only 教学点 and 小规模学校 are 撤并 candidates; with ``small_school_by_target_year``
a rural school with ``small_school_max_pupils`` or more pupils today is a candidate too when
it expects fewer in the target year. Such a school (not a 教学点, not listed in
``close_candidates`` or ``close``) closes in the first school year, from the first one the
plan can act in, whose expected pupils (规划年不调整) are below the threshold, and no sooner
(:func:`closing_phases`); the plan marks it 需论证 and says so (:func:`closing_notes`).

A school year's expected pupils follow the target year's rule
(:func:`~.layout_rules.expected_pupils`, :func:`~.layout_data.site_growth`) with each
customer's pupils grown as its village's children of its stage group grow from that year to
the target year (the rule of :mod:`~.layout_later`; with the county's pupil forecast, as
its school today's forecast pupils grow: :func:`~.layout_years.growth_factors`)::

    demand(j, y) = demand(j) × children(village(j), group(j), y) / children(…, target)

(1 where the target year has no children of the group; a village whose group has no pupils
in the target year is no customer and counts in no year).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.model import CountyData
from junheng.planning.compliance_layout import apportion
from junheng.planning.layout_data import site_growth
from junheng.planning.layout_outcome import main_first
from junheng.planning.layout_rules import expected_pupils, shown_expected


def yearly_customers(data: CountyData, customers: pd.DataFrame, target_year: int,
                     year: int) -> pd.DataFrame:
    """``customers`` with each demand grown to ``year`` (module docstring)."""
    from junheng.planning.layout_years import growth_factors

    keys = list(zip(customers["village_code"], customers["group"], customers["before_site"],
                    strict=True))
    ratio = [1.0 if f is None else f for f in growth_factors(data, keys, target_year, [year])[year]]
    return customers.assign(demand=customers["demand"].to_numpy(float) * np.asarray(ratio))


def expected_in(data: CountyData, problem, year: int) -> pd.Series:
    """Per site: its expected pupils (规划年不调整) in ``year``."""
    cust = yearly_customers(data, problem.customers, problem.target_year, year)
    return expected_pupils(problem.sites, site_growth(cust, problem.sites))


def shown_in(data: CountyData, problem, year: int) -> pd.Series:
    """Per site: :func:`expected_in` in the whole pupils the tables show
    (:func:`~.layout_rules.shown_expected`; the target year's is ``students_expected``)."""
    cust = yearly_customers(data, problem.customers, problem.target_year, year)
    return shown_expected(problem.sites, site_growth(cust, problem.sites))


def split_whole(total: int, weights: dict[str, float]) -> dict[str, int]:
    """``total`` in whole numbers over ``weights``' keys in proportion to them (largest
    remainders, ties to the earlier key; all to the first key when the weights are 0).

    A school of 97 pupils whose villages send 70 and 34 to two receivers: 97 × 70 / 104 =
    65.29 and 97 × 34 / 104 = 31.71, floors 65 + 31 = 96, the one left to the larger
    remainder (0.71); its 11 teachers by those pupils: 11 × 65 / 97 = 7.37, 11 × 32 / 97 =
    3.63, floors 7 + 3, the one left to the second:

    >>> split_whole(97, {"B": 70, "C": 34}), split_whole(11, {"B": 65, "C": 32})
    ({'B': 65, 'C': 32}, {'B': 7, 'C': 4})
    >>> split_whole(3, {"B": 0, "C": 0}), split_whole(0, {"B": 5})
    ({'B': 3, 'C': 0}, {'B': 0})
    """
    keys = list(weights)
    w = pd.Series([max(float(weights[k]), 0.0) for k in keys], index=keys)
    if w.sum() <= 0:
        return {k: (int(total) if i == 0 else 0) for i, k in enumerate(keys)}
    return {k: int(v) for k, v in apportion(w, int(total)).items()}


def with_closing_moves(data: CountyData, problem, schools: pd.DataFrame,
                       receivers: dict[str, dict[str, int]]) -> pd.DataFrame:
    """``schools`` (the planner's per-site frame) with, per closed school, ``moved_pupils``
    (receiver -> its pupils in the school year it closes) and ``moved_teachers`` (receiver
    -> its teachers); empty for the other sites. The pupils are the school's expected pupils that year (:func:`shown_in`,
    the figure its 需论证 sentence and tables give), split as its villages' pupils of the
    target year go (``receivers``, :func:`split_whole`); the teachers to redeploy follow
    the pupils (review 2026-12-04 B6: 70 + 34 = 104 moved from a school expected to have
    97 when it closes, and all 11 teachers to one of its two receivers)."""
    closed = schools[schools["action"] == "close"]
    years = {int(p): shown_in(data, problem, problem.school_year + int(p))
             for p in closed["phase"].dropna().unique()}
    out = {}
    for r in closed.itertuples(index=False):
        to = receivers.get(r.site_id) or {}
        if not to or pd.isna(r.phase):
            continue
        weights = main_first(to, r.merged_into)
        pupils = split_whole(int(years[int(r.phase)].get(r.site_id, 0)), weights)
        out[r.site_id] = (pupils, split_whole(int(r.teachers_to_redeploy), pupils))
    none: tuple[dict, dict] = ({}, {})
    return schools.assign(moved_pupils=[out.get(s, none)[0] for s in schools["site_id"]],
                          moved_teachers=[out.get(s, none)[1] for s in schools["site_id"]])


def not_small_today(sites: pd.DataFrame, config) -> pd.Index:
    """Existing schools (not 教学点) with ``small_school_max_pupils`` or more pupils today
    that the plan does not list in ``close_candidates`` or ``close``."""
    listed = sites.index.isin(list(config.close_candidates) + list(config.close))
    big = (sites["existing"].to_numpy(bool) & (sites["kind"] != "teaching_point").to_numpy()
           & (sites["pupils_now"].to_numpy(float) >= config.small_school_max_pupils))
    return sites.index[big & ~listed]


def small_years(data: CountyData, problem, closed, first_year: int) -> dict[str, int]:
    """Per closed school of :func:`not_small_today`: the first school year from
    ``first_year`` to the target year whose expected pupils (the whole pupils the plan says,
    :func:`shown_in`, as the checker rounds them) the plan closes it on (:func:`closes_on`:
    below the threshold and, under 临界复核, beyond the margin; the target year when none is)."""
    big = [s for s in closed if s in not_small_today(problem.sites, problem.config)]
    out: dict[str, int] = {}
    for year in range(first_year, problem.target_year + 1):
        if len(out) == len(big):
            break
        expected = shown_in(data, problem, year)  # the whole pupils the plan says
        for s in big:
            if s not in out and closes_on(int(expected[s]), problem.config):
                out[s] = year
    return {s: out.get(s, problem.target_year) for s in big}


def closing_phases(close: dict[str, int], data: CountyData, problem, first: int,
                   receivers=None) -> dict[str, int]:
    """``close`` (site -> phase, 先建后撤) with each closure no sooner than its receivers'
    unfinished projects are in use, one at 规划 status no sooner than the first school year
    the plan acts in plus its build time (``receivers``: site -> receiver -> pupils;
    :func:`~.layout_conditions.project_waits`) and each school of :func:`small_years` no
    sooner than its year (phase t: data year + t)."""
    from junheng.planning.layout_conditions import lead_years, project_waits, project_years
    from junheng.planning.layout_phases import plan_day

    ready = {s: y - problem.school_year for s, (_, y) in project_years(
        data, problem.target_year, plan_day(problem.config), lead_years(problem.config)).items()}
    close = project_waits(close, receivers or {}, ready)
    years = small_years(data, problem, list(close), problem.school_year + first)
    return {s: max(p, years[s] - problem.school_year) if s in years else p
            for s, p in close.items()}


def closing_years(data: CountyData, problem, schools: pd.DataFrame
                  ) -> list[tuple[str, int, int, int | None]]:
    """Per closed school of :func:`not_small_today`: (site, closing year, its expected pupils
    then, the year before's when that year is after the data year, else None)."""
    closed = schools.loc[schools["action"] == "close"]
    mine = closed[closed["site_id"].isin(not_small_today(problem.sites, problem.config))]
    out = []
    for r in mine.itertuples(index=False):
        year = problem.school_year + int(r.phase)
        was = (int(shown_in(data, problem, year - 1)[r.site_id])
               if year - 1 > problem.school_year else None)
        out.append((r.site_id, year, int(shown_in(data, problem, year)[r.site_id]), was))
    return out


def is_critical(pupils: int, cfg) -> bool:
    """A projection of ``pupils`` under the small-school line within ``small_school_margin``
    of it (临界), the margin included: the line less the pupils is at most the margin × the
    line (100 and 10 %: 90–99 pupils), which the plan words "在 10% 以内" (review rv 11: 90
    was called "不足 10%", though exactly 10 % below).

    >>> cfg = type("Cfg", (), {"small_school_max_pupils": 100, "small_school_margin": 0.1})()
    >>> is_critical(97, cfg), is_critical(90, cfg), is_critical(89, cfg), is_critical(100, cfg)
    (True, True, False, False)
    >>> is_critical(np.array([97.0, 80.0]), cfg).tolist()
    [True, False]
    """
    line = cfg.small_school_max_pupils
    return (pupils < line) & (line - pupils <= cfg.small_school_margin * line + 1e-9)


def reviewed(cfg) -> bool:
    """Is 临界复核 on (``small_school_review`` with ``small_school_by_target_year``): a
    projection within the margin (:func:`is_critical`) closes no school."""
    return bool(cfg.small_school_review and cfg.small_school_by_target_year)


def closes_on(pupils, cfg):
    """Is a school year's projection of ``pupils`` one the plan closes a school that is not
    small today on: below the line and, under 临界复核 (:func:`reviewed`), not within the
    margin (one test for the target year's candidates, the closing year and the checker;
    review rv 11: 袁桥村小学 closed in 2029 on 90, within 10 % of 100, under 临界复核).

    >>> cfg = type("Cfg", (), {"small_school_max_pupils": 100, "small_school_margin": 0.1,
    ...                        "small_school_review": True, "small_school_by_target_year": True})()
    >>> closes_on(90, cfg), closes_on(89, cfg), closes_on(np.array([95, 80]), cfg).tolist()
    (False, True, [False, True])
    >>> cfg.small_school_review = False
    >>> closes_on(90, cfg), closes_on(100, cfg)
    (True, False)
    """
    below = np.asarray(pupils) < cfg.small_school_max_pupils
    out = below & ~np.asarray(is_critical(pupils, cfg)) if reviewed(cfg) else below
    return out if out.ndim else bool(out)


def within(cfg) -> str:
    """The words of the margin: "在 10% 以内" (the margin included, :func:`is_critical`)."""
    return f"在 {cfg.small_school_margin * 100:g}% 以内"


def critical_clause(year: int, pupils: int, cfg) -> str:
    """The 临界 clause of a closure resting on a projection near the line (planner review:
    袁桥 closes on 97 projected pupils against 100; only without 临界复核, which closes no
    school on such a projection).

    >>> cfg = type("Cfg", (), {"small_school_max_pupils": 100, "small_school_margin": 0.1})()
    >>> critical_clause(2030, 90, cfg)
    '；临界：撤并取决于预测，2030 学年预计 90 人，距小规模学校标准 100 人在 10% 以内（差 10 人），实施前须核实该学年实际在校生，达到 100 人的不撤并'
    """
    line = cfg.small_school_max_pupils
    return (f"；临界：撤并取决于预测，{year} 学年预计 {pupils} 人，距小规模学校标准 {line} 人{within(cfg)}"
            f"（差 {line - pupils} 人），实施前须核实该学年实际在校生，达到 {line} 人的不撤并")


def waited_clause(year: int, pupils: int, cfg) -> str:
    """Why a school closes after a year it already expects fewer than the line in: under
    临界复核 that year's projection is within the margin (:func:`closes_on`).

    >>> cfg = type("Cfg", (), {"small_school_max_pupils": 100, "small_school_margin": 0.1})()
    >>> waited_clause(2029, 90, cfg)
    '2029 学年预计 90 人，距小规模学校标准 100 人在 10% 以内（差 10 人），在预测误差之内，该学年不撤并；'
    """
    line = cfg.small_school_max_pupils
    return (f"{year} 学年预计 {pupils} 人，距小规模学校标准 {line} 人{within(cfg)}（差 {line - pupils} 人），"
            "在预测误差之内，该学年不撤并；")


def closing_notes(data: CountyData, problem, schools: pd.DataFrame) -> dict[str, str]:
    """Per closed school of :func:`not_small_today`: its 需论证 sentence (pupils today, the
    year before its closing year and its closing year: under 临界复核 a year before within
    the margin says why it waits, :func:`waited_clause`), with :func:`critical_clause` when
    its closing year's projection is near the line (never under 临界复核)."""
    cfg = problem.config
    out = {}
    for sid, year, then, was in closing_years(data, problem, schools):
        now = int(problem.sites.at[sid, "pupils_now"])
        before = "" if was is None else (
            waited_clause(year - 1, was, cfg) if reviewed(cfg) and is_critical(was, cfg)
            else f"{year - 1} 学年预计 {was} 人，")
        out[sid] = (f"；需论证：现有在校生 {now} 人，不是小规模学校（少于 {cfg.small_school_max_pupils} 人）；"
                    f"{before}{year} 学年预计 {then} 人，少于 {cfg.small_school_max_pupils} 人，"
                    f"于该学年撤并，不提前"
                    + (critical_clause(year, then, cfg) if is_critical(then, cfg) else ""))
    return out


def critical_note(data: CountyData, problem, schools: pd.DataFrame) -> tuple[str, ...]:
    """The plan's note on its 临界 closures (:func:`is_critical`), () without any."""
    cfg = problem.config
    names = problem.sites["name"]
    hits = [f"{names[sid]}（{year} 学年预计 {then} 人）"
            for sid, year, then, _ in closing_years(data, problem, schools) if is_critical(then, cfg)]
    line = cfg.small_school_max_pupils
    return _listed(hits, f"临界撤并：{len(hits)} 所学校的撤并取决于预测在校生，预测数距小规模学校标准 {line} 人"
                         f"{within(cfg)}：",
                   f"。实施前须核实撤并学年的实际在校生，达到 {line} 人的不撤并。")


def _listed(hits: list[str], head: str, tail: str) -> tuple[str, ...]:
    """A note naming ``hits`` between ``head`` and ``tail``; () without any.

    >>> _listed(["甲", "乙"], "共 2 所：", "。"), _listed([], "共 0 所：", "。")
    (('共 2 所：甲、乙。',), ())
    """
    return (head + "、".join(hits) + tail,) if hits else ()


def under_review(site, cfg) -> bool:
    """Is ``site`` (a row of the planner's sites) kept for 目标学年复核: a rural school, not a
    教学点, with ``small_school_max_pupils`` or more pupils today whose target-year projection
    (``expected``) is under the line but within ``small_school_margin`` of it
    (:func:`is_critical`), or under it while today's pupils are more than the margin over it
    (:func:`dropping`), with ``small_school_review`` on and the school not listed to close
    (planner review finding 7: 袁桥村小学, 159 today and 97 projected, was closed on a forecast
    whose error is larger than 3 pupils; rv 14: then on 85 in 2030).

    >>> cfg = type("Cfg", (), {"small_school_max_pupils": 100, "small_school_margin": 0.1,
    ...                        "small_school_review": True, "small_school_by_target_year": True})()
    >>> site = {"kind": "primary_school", "urban_rural_code": "220", "pupils_now": 150, "expected": 95}
    >>> under_review(site, cfg), under_review({**site, "expected": 80}, cfg)
    (True, True)
    >>> under_review({**site, "pupils_now": 105, "expected": 80}, cfg)
    False
    """
    return bool(cfg.small_school_review and cfg.small_school_by_target_year
                and site["kind"] != "teaching_point"
                and str(site["urban_rural_code"]) not in ("111", "112")
                and site["pupils_now"] >= cfg.small_school_max_pupils
                and getattr(site, "name", None) not in listed(cfg)
                and (is_critical(int(site["expected"]), cfg)
                     or dropping(site["pupils_now"], int(site["expected"]), cfg)))


def listed(cfg) -> set:
    """The schools the user decides on (lists to close, as 撤并 candidates or to keep): never
    kept for 复核 (a school the user keeps receives pupils as any kept school)."""
    return {s for key in ("close_candidates", "close", "keep") for s in getattr(cfg, key, ()) or ()}


def dropping(now, expected, cfg):
    """Is a school well over the small-school line today (by more than ``small_school_margin``
    of it) and projected under it in the target year: a closure resting on one forecast year
    (review rv 14: 袁桥村小学, 159 today, forecast 85 in 2030, closed because 2029's 90 was
    within the margin), kept for 目标学年复核 like the projections within the margin.

    >>> cfg = type("Cfg", (), {"small_school_max_pupils": 100, "small_school_margin": 0.1})()
    >>> dropping(159, 85, cfg), dropping(110, 85, cfg), dropping(109, 85, cfg), dropping(159, 100, cfg)
    (True, True, False, False)
    >>> dropping(np.array([159.0, 105.0]), np.array([85.0, 60.0]), cfg).tolist()
    [True, False]
    """
    line = cfg.small_school_max_pupils
    out = (np.asarray(now) >= line * (1 + cfg.small_school_margin) - 1e-9) & (np.asarray(expected) < line)
    return out if out.ndim else bool(out)


def review_sites(sites: pd.DataFrame, cfg) -> pd.Index:
    """The sites kept for 目标学年复核 (:func:`under_review`; none before ``expected`` is
    known). Such a school receives no pupils from another school
    (:func:`~.layout_rules.receiver_pairs`): closed on review in the target year, whatever it
    took would move twice (review rv2 8: 何岗村教学点's 11 pupils sent into 袁桥村小学)."""
    if "expected" not in sites:
        return sites.index[:0]
    return sites.index[[under_review(site, cfg) for _, site in sites.iterrows()]]


def review_clause(problem, customers: pd.DataFrame) -> str:
    """The clause of an 应留必留 reason naming the schools kept for 复核 that ``customers``
    could reach within the travel limits but may not go to (:func:`review_sites`), "" when
    none: their point stays because the only school near is one the plan leaves open."""
    sites, cfg = problem.sites, problem.config
    review = review_sites(sites, cfg)
    t = problem.travel
    t = t[t["customer"].isin(customers.index) & t["site_id"].isin(review)]
    if not cfg.cross_town:  # the receivers rule: today's 乡镇 only
        home = sites["town_code"].reindex(customers["before_site"].reindex(t["customer"]))
        t = t[sites["town_code"].reindex(t["site_id"]).to_numpy(object) == home.to_numpy(object)]
    group = customers["group"].reindex(t["customer"]).to_numpy(object)
    limit = np.where(group == "grades_1_3", cfg.day_travel_limit_min, cfg.boarding_travel_limit_min)
    if cfg.keep_points_beyond_review:
        limit = np.where(group == "grades_1_3", cfg.review_minutes_grades_1_3, limit)
    near = sorted(set(t.loc[t["travel_min"].to_numpy(float) <= limit + 1e-9, "site_id"]))
    if not near:
        return ""
    names = "、".join(str(sites.at[s, "name"]) for s in near)
    return (f"；限制内的{names}保留至 {problem.target_year} 学年复核，复核后可能撤并，"
            "不接收其他学校的学生，以免学生两次转学")


def review_reason(site, cfg, target_year: int) -> str:
    """The reason of a school kept for 目标学年复核 (:func:`under_review`), with the forecast's
    interval of the target year where known (:func:`range_words`).

    >>> cfg = type("Cfg", (), {"small_school_max_pupils": 100, "small_school_margin": 0.1})()
    >>> print(review_reason({"pupils_now": 150, "expected": 95}, cfg, 2030))
    保留，2030 学年复核：现有在校生 150 人，不是小规模学校；2030 学年预计 95 人，距小规模学校标准 100 人在 10% 以内（差 5 人），在预测误差之内，不撤并，不计入撤并数；2030 学年按实际在校生复核，少于 100 人的再论证撤并。
    >>> print(review_reason({"pupils_now": 159, "expected": 85, "expected_low": 61, "expected_high": 112}, cfg, 2030))
    保留，2030 学年复核：现有在校生 159 人，不是小规模学校；2030 学年预计 85 人（预测区间 61—112 人），比现有在校生少 74 人（减少 47%），现有在校生超出小规模学校标准 100 人的 10% 以上，撤并不能只依据预测，不撤并，不计入撤并数；2030 学年按实际在校生复核，少于 100 人的再论证撤并。
    """
    line, then, now = cfg.small_school_max_pupils, int(site["expected"]), int(site["pupils_now"])
    why = (f"距小规模学校标准 {line} 人{within(cfg)}（差 {line - then} 人），在预测误差之内"
           if is_critical(then, cfg) else
           f"比现有在校生少 {now - then} 人（减少 {(now - then) / now:.0%}），现有在校生超出小规模学校标准 "
           f"{line} 人的 {cfg.small_school_margin * 100:g}% 以上，撤并不能只依据预测")
    return (f"保留，{target_year} 学年复核：现有在校生 {now} 人，不是小规模学校；"
            f"{target_year} 学年预计 {then} 人{range_words(site)}，{why}，不撤并，不计入撤并数；"
            f"{target_year} 学年按实际在校生复核，少于 {line} 人的再论证撤并。")


def range_words(site) -> str:
    """'（预测区间 61—112 人）' from a site's ``expected_low`` and ``expected_high`` (the
    forecast's interval, :func:`~.layout_forecast.with_range`), '' without them."""
    low, high = (site.get(k) if hasattr(site, "get") else None for k in ("expected_low", "expected_high"))
    if low is None or high is None or low != low or high != high:  # x != x: NaN
        return ""
    return f"（预测区间 {int(low):,}—{int(high):,} 人）"


def review_note(problem, schools: pd.DataFrame) -> tuple[str, ...]:
    """The plan's note on the schools it keeps (``schools``: the planner's frame) for
    目标学年复核 (:func:`under_review`), () without any: each with the plan's own target-year
    pupils where they differ from the no-change projection; such a school receives no pupils
    from another school (:func:`review_sites`), which the note says (review rv2 8: 袁桥村小学
    was given 何岗村教学点's pupils, who would move twice were it closed on review)."""
    sites, cfg, target_year = problem.sites, problem.config, problem.target_year
    kept = schools.loc[(schools["action"] != "close") & schools["existing"], "site_id"]
    hits = [f"{sites.at[s, 'name']}（现有 {int(sites.at[s, 'pupils_now'])} 人，"
            f"{planned_pupils(schools, s, int(sites.at[s, 'expected']), target_year)}"
            f"{range_words(sites.loc[s]).replace('（', '，').replace('）', '')}）"
            for s in kept if under_review(sites.loc[s], cfg)]
    line = cfg.small_school_max_pupils
    return _listed(hits, f"{target_year} 学年复核：{len(hits)} 所学校现有在校生不少于小规模学校标准 {line} 人，预计在校生"
                         f"低于标准但距标准{within(cfg)}（在预测误差之内），或现有在校生超出标准 "
                         f"{cfg.small_school_margin * 100:g}% 以上（撤并不能只依据预测），本方案保留、不计入撤并数：",
                   f"。{target_year} 学年按实际在校生复核，少于 {line} 人的再论证撤并；复核学校不接收其他学校的学生，"
                   "以免复核后撤并时学生两次转学。")


def _merged(schools: pd.DataFrame, site_id: str) -> pd.DataFrame:
    """The closed schools of the planner's frame merged into ``site_id``."""
    return schools[(schools["action"] == "close") & (schools["merged_into"] == site_id)]


def planned_pupils(schools: pd.DataFrame, site_id: str, expected: int, target_year: int) -> str:
    """A kept school's target-year pupils as the plan has them: the no-change projection
    alone where the plan leaves it so, else the plan's figure first, with the closed schools
    it receives (the pupils each moves to it, ``moved_pupils``).

    >>> f = pd.DataFrame({"site_id": ["Y", "H"], "name": ["袁桥村小学", "何岗村教学点"],
    ...     "action": ["keep", "close"], "merged_into": [None, "Y"], "students_primary": [114, 0],
    ...     "students_junior": [0, 0], "moved_pupils": [{}, {"Y": 11}]})
    >>> planned_pupils(f, "Y", 97, 2030)
    '按本方案 2030 学年 114 人，其中并入的何岗村教学点学生 11 人，不调整预计 97 人'
    >>> planned_pupils(f.iloc[:1].assign(students_primary=97), "Y", 97, 2030)
    '2030 学年预计 97 人'
    """
    row = schools[schools["site_id"] == site_id].iloc[0]
    after = int(row["students_primary"] + row["students_junior"])
    if after == expected:
        return f"{target_year} 学年预计 {expected} 人"
    merged = "、".join(f"{m.name}学生 {_moved(m, site_id)} 人"
                       for m in _merged(schools, site_id).itertuples(index=False))
    into = f"，其中并入的{merged}" if merged else ""
    return f"按本方案 {target_year} 学年 {after:,} 人{into}，不调整预计 {expected} 人"


def _moved(row, site_id: str) -> int:
    """The pupils a closed school (a row of the planner's frame) moves to ``site_id``."""
    return int((getattr(row, "moved_pupils", None) or {}).get(site_id, 0))


def not_candidate_reason(site, cfg) -> str:
    """Why a small site is no candidate for 撤并 (who may close, issue 16)."""
    if str(site["urban_rural_code"]) in ("111", "112"):
        return "保留：城区学校（教学点），默认不列为撤并对象；如需撤并，请将其列入方案的“另列为撤并对象的学校”。"
    return (f"保留：现有在校生 {int(site['pupils_now'])} 人，不少于小规模学校标准 "
            f"{cfg.small_school_max_pupils} 人，默认不列为撤并对象。")
