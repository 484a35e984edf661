"""A new school only where its town's need is lasting (review rv15 1: the demo built a new
初中, 3,988.71 万元, while the 县城's 初中 shortage ends by 2032 by the forecast).

The rule of :mod:`~.layout_years` for rooms — an overflow that lasts at most
``temporary_peak_years`` school years and is gone by the last year looked at is met by 临时周转,
not by building — applied to a new school in a 城区 (a town with urban communities, where a
new school answers a shortage; a rural town centre's boarding school answers closures and is
not tested). For a town ``T`` and a stage, the shortage of school year ``y`` is::

    short(T, y) = Σ over T's existing schools  ⌈pupils(s, y) ÷ class size⌉  −  Σ rooms(s)

its pupils at their schools today grown as each village's children of the stage group grow
(:func:`~.layout_years.yearly_pupils`), its rooms before the plan (the forecast's 县城 count:
each school's classes, one school's spare rooms counted against another's lack). The years
tested run from the first a new school can open (the first school year the plan acts in +
``new_school_lead_years``: before it no new school helps) to the last looked at (the target +
:data:`~.layout_later.LATER`). The need is **lasting** when ``short`` > 0 in that last year or
some run of years with ``short`` > 0 lasts longer than ``temporary_peak_years``, or when one
of the town's schools is still over its 校额上限 (大校额) in that last year (:func:`over_cap`); a town
candidate site where neither stage's need is lasting is not offered to the model
(``new_school_need: lasting``, the default; ``any`` offers every site), so 方案甲 and 方案乙,
the objective and the checker (:func:`check_new_need`) read one rule.

>>> lasting({2029: 24, 2030: 22, 2031: 13, 2032: 0, 2033: 0}, 3)
False
>>> lasting({2029: 24, 2030: 22, 2031: 13, 2032: 5, 2033: 0}, 3), lasting({2029: 0, 2033: 2}, 3)
(True, True)
"""

from __future__ import annotations

import math

import pandas as pd

from junheng.planning.layout_data import GROUP_STAGE

_WORDS = {"primary": "小学", "junior": "初中"}


def runs(years: list[int]) -> list[list[int]]:
    """Consecutive school years in runs.

    >>> runs([2029, 2030, 2032])
    [[2029, 2030], [2032]]
    """
    out: list[list[int]] = []
    for y in sorted(years):
        if out and out[-1][-1] == y - 1:
            out[-1].append(y)
        else:
            out.append([y])
    return out


def lasting(short: dict[int, int], limit: int) -> bool:
    """Whether a shortage by school year lasts (module docstring); False without years."""
    if not short:
        return False
    last = max(short)
    return short[last] > 0 or any(len(r) > limit for r in runs([y for y, n in short.items() if n > 0]))


def present_rows(customers: pd.DataFrame) -> list[tuple]:
    """The rows :func:`~.layout_years.yearly_pupils` grows for the town tests: each village's
    stage group with pupils at its school today (village, group, school, target-year pupils,
    today's school)."""
    have = customers[customers["before_site"].notna() & (customers["demand"] > 0)]
    return [(v, g, s, float(d), s) for v, g, s, d in zip(have["village_code"], have["group"],
                                                          have["before_site"], have["demand"], strict=True)]


def town_shortage(data, sites: pd.DataFrame, customers: pd.DataFrame, target: int, years: list[int],
                  closing: frozenset[str] = frozenset()) -> dict[tuple[str, str], dict[int, int]]:
    """(town, stage) -> {school year: rooms short} of the towns with candidate sites (module
    docstring), for ``years``; ``customers`` with ``village_code``, ``group``, ``before_site``
    and ``demand`` (the target year's pupils). ``closing``: the schools the user lists to close
    (``close``): their pupils count, their rooms do not (they need seats elsewhere)."""
    from junheng.planning.layout_years import yearly_pupils

    rows = present_rows(customers)
    pupils = yearly_pupils(data, rows, target, min(years)) if rows else {}
    existing = sites[sites["existing"].astype(bool)]
    towns = set(sites.loc[~sites["existing"].astype(bool), "town_code"])
    out: dict[tuple[str, str], dict[int, int]] = {}
    for town in towns:
        mine = existing[existing["town_code"] == town]
        for stage in ("primary", "junior"):
            rooms = int(mine.loc[~mine.index.isin(closing), f"rooms_{stage}"].sum())
            size = {s: float(mine.at[s, f"class_size_{stage}"]) for s in mine.index}
            out[(town, stage)] = {y: sum(math.ceil(pupils.get((s, stage), {}).get(y, 0) / size[s] - 1e-9)
                                         for s in mine.index) - rooms for y in years}
    return out


def temporary_sites(data, sites: pd.DataFrame, customers: pd.DataFrame, config, target: int,
                    every: bool = False) -> dict[str, str]:
    """Candidate site -> why it is not offered: a town candidate (``urban_town``) where no
    stage's need is lasting from the first year a new school can open (module docstring);
    under ``new_school_need: any`` none, unless ``every`` (the sites the rule would leave out)."""
    from junheng.planning.layout_later import LATER
    from junheng.planning.layout_phases import first_school_year, plan_day

    fresh = sites[~sites["existing"].astype(bool) & sites["urban_town"].astype(bool)]
    if fresh.empty or (getattr(config, "new_school_need", "lasting") != "lasting" and not every):
        return {}
    opens = max(first_school_year(plan_day(config)), data.school_year + 1) + int(config.new_school_lead_years)
    years = list(range(opens, target + LATER + 1))
    if not years:
        return {}
    short = town_shortage(data, sites, customers.assign(stage=customers["group"].map(GROUP_STAGE)),
                          target, years, frozenset(map(str, getattr(config, "close", ()) or ())))
    limit = int(config.temporary_peak_years)
    crowded = over_cap(data, sites, customers, config, target, years[-1])
    out = {}
    for s, town in zip(fresh.index, fresh["town_code"], strict=True):
        need = {st: {y: max(n, 0) for y, n in short[(town, st)].items()} for st in ("primary", "junior")}
        if not any(lasting(n, limit) for n in need.values()) and not crowded.get(town):
            out[s] = need_words(need, opens, years[-1], limit)
    return out


def over_cap(data, sites: pd.DataFrame, customers: pd.DataFrame, config, target: int, last: int
             ) -> dict[str, list[tuple[str, int, int]]]:
    """town -> [(school, pupils, cap)] of its existing schools over their 校额上限 (大校额) in
    the ``last`` school year looked at, their pupils at their schools today grown as
    :func:`town_shortage` grows them: a school that stays 大校额 is a lasting need (issue 16: a
    大校额 school is relieved by expansions, new schools and moving part of its pupils), whatever
    its rooms."""
    from junheng.planning.layout_data import THROUGH_TYPES
    from junheng.planning.layout_years import yearly_pupils

    rows = present_rows(customers)
    pupils = yearly_pupils(data, rows, target, only=last) if rows else {}
    out: dict[str, list[tuple[str, int, int]]] = {}
    for s, row in sites[sites["existing"].astype(bool)].iterrows():
        cap = int(config.school_size_cap_through if row["kind"] in THROUGH_TYPES else config.school_size_cap)
        n = round(sum(pupils.get((s, st), {}).get(last, 0) for st in ("primary", "junior")))
        if n > cap:
            out.setdefault(str(row["town_code"]), []).append((str(row["name"]), n, cap))
    return out


def offered_sites(data, sites: pd.DataFrame, customers: pd.DataFrame, config, target: int
                  ) -> tuple[dict[str, str], pd.DataFrame]:
    """(name -> why of the sites :func:`temporary_sites` leaves out, ``sites`` without them);
    under ``new_school_need: any`` the sites kept with the rule's words in ``temporary_need``
    (:func:`kept_note`: the documents say the yearly shortage of a new school the rule would
    not build)."""
    out = temporary_sites(data, sites, customers, config, target, every=True)
    if getattr(config, "new_school_need", "lasting") != "lasting":
        return {}, sites.assign(temporary_need=pd.Series(out, dtype=object).reindex(sites.index).fillna(""))
    return {str(sites.at[k, "name"]): w for k, w in out.items()}, sites.drop(index=list(out))


def kept_note(sites: pd.DataFrame, schools) -> str:
    """The note on the plan's new schools (``schools``) whose town's need is not lasting, kept
    as ``new_school_need: any`` offers every site ("" without): the town's shortage year by
    year and what the rule would do (review rv15 1)."""
    said = {s.name: str(sites.at[s.school_id, "temporary_need"]) for s in schools
            if s.action == "new" and "temporary_need" in sites and s.school_id in sites.index
            and sites.at[s.school_id, "temporary_need"]}
    return ("新建学校与临时周转年限：" + "；".join(f"{n}：{w.replace('，以临时周转解决，不新建学校', '')}" for n, w in said.items())
            + "；按“新建学校只用于持续的学位缺口”规则（方案设置“新建学校条件”为持续缺口）应以临时周转解决、不新建学校，"
            "本方案未采用该规则，是否新建由局务会决定。") if said else ""


def need_words(need: dict[str, dict[int, int]], opens: int, last: int, limit: int) -> str:
    """A town's shortage by stage in words, from the first year a new school can open.

    >>> print(need_words({"junior": {2029: 24, 2030: 22, 2031: 13, 2032: 0, 2033: 0},
    ...                   "primary": {2029: 0, 2030: 0, 2031: 0, 2032: 0, 2033: 0}}, 2029, 2033, 3))
    新建学校最早 2029 学年启用；该乡镇（街道）现有学校教室逐年缺口：初中 2029 学年 24 间、2030 学年 22 间、2031 学年 13 间，2032 学年起不缺；小学各年不缺；缺口持续不超过临时周转年限 3 年且至 2033 学年已消失，以临时周转解决，不新建学校
    """
    parts = []
    for st in ("junior", "primary"):
        short = [y for y, n in sorted(need[st].items()) if n > 0]
        if not short:
            parts.append(f"{_WORDS[st]}各年不缺")
            continue
        parts.append(_WORDS[st] + " " + "、".join(f"{y} 学年 {need[st][y]} 间" for y in short)
                     + (f"，{short[-1] + 1} 学年起不缺" if short[-1] < last else ""))
    return (f"新建学校最早 {opens} 学年启用；该乡镇（街道）现有学校教室逐年缺口：" + "；".join(parts)
            + f"；缺口持续不超过临时周转年限 {limit} 年且至 {last} 学年已消失，以临时周转解决，不新建学校")


def dropped_note(dropped: dict[str, str]) -> str:
    """The plan's note on the candidate sites not offered (``dropped``: name -> why; "" without).

    >>> dropped_note({"甲片区学校": "缺口短", "乙片区学校": "缺口短"})
    '候选新校址未采用（新建学校只用于持续的学位缺口）：甲片区学校、乙片区学校：缺口短。'
    """
    said: dict[str, list[str]] = {}
    for name, words in dropped.items():
        said.setdefault(words, []).append(name)
    return ("候选新校址未采用（新建学校只用于持续的学位缺口）：" + "；".join(
        f"{'、'.join(n)}：{w}" for w, n in said.items()) + "。") if said else ""


def check_new_need(problem, schools: dict[str, dict], data=None) -> None:
    """The checker's rule (with ``data``): no new school of the plan (``schools``: id -> its
    plan row) in a 城区 town whose need is not lasting (:func:`temporary_sites`, re-derived
    from the problem's existing schools and pupils), each named in Chinese."""
    from junheng.planning.layout_check import PlanViolation

    new = {k: s for k, s in schools.items() if s["action"] == "new"}
    if data is None or not new:
        return
    sites = problem.sites
    urban = set(sites.loc[sites["urban_town"].astype(bool), "town_code"]) if "urban_town" in sites else set()
    rows = [{"site_id": k, "existing": False, "urban_town": True, "town_code": str(s.get("town_code"))}
            for k, s in new.items() if str(s.get("town_code")) in urban]
    if not rows:
        return
    fresh = pd.DataFrame(rows).set_index("site_id", drop=False)
    both = pd.concat([sites[sites["existing"].astype(bool)], fresh])
    dropped = temporary_sites(data, both, problem.customers, problem.config, problem.target_year)
    lines = [f"{new[k].get('name', k)}：{w}，本方案不应新建。" for k, w in dropped.items()]
    if lines:
        raise PlanViolation(*lines)
