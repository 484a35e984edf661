"""The independent checker's part for 就近入学 (planner review finding 9), re-derived from the
problem's frames (not from :mod:`layout_rules`):

* a school is *open for sure* when it is an existing complete school (not a 教学点, not being
  relocated, not closed by the plan) that may not close or that the plan keeps;
* a school *has room* when its expected pupils of the target year fit its seats at standard
  class size per stage and its size cap (no overload);
* a village's stage group whose school today is open for sure and has room leaves it only
  for a nearer school (:func:`nearer_rule`);
* the relief floor (12) does not hold the pupils of a school's own villages that a nearer
  school open for sure — a kept school with no pupils today, or the village's own 划片学校 —
  can seat without building (:func:`freed_by_nearer`): villages taken by the minutes they
  save, most first, each whole to the nearest such school with room left (its seats less
  its expected pupils).
"""

from __future__ import annotations

from collections import defaultdict

from junheng.model.memo import per_object
from junheng.planning.layout_data import LayoutProblem

STAGES = ("primary", "junior")
#: of one rule's problems the checker names at most this many, and counts the rest
LISTED = 20


class Problems:
    """Every problem one rule of the checker finds, raised together
    (:class:`~.layout_check.PlanViolation`), the first :data:`LISTED` by name and the rest
    counted (review: a rule named only its first problem).

    >>> found = Problems()
    >>> for k in range(22):
    ...     found.add(f"甲{k}。")
    >>> found.listed()[-2:]
    ('甲19。', '同类问题另有 2 处未列出（本项共 22 处）。')
    """

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def run(self, step, *args):
        """``step(*args)``'s result, or None with its problems kept."""
        from junheng.planning.layout_check import PlanViolation

        try:
            return step(*args)
        except PlanViolation as exc:
            self.lines.extend(exc.lines)
            return None

    def listed(self) -> tuple[str, ...]:
        more = len(self.lines) - LISTED
        if more <= 0:
            return tuple(self.lines)
        return (*self.lines[:LISTED], f"同类问题另有 {more} 处未列出（本项共 {len(self.lines)} 处）。")

    def raise_any(self) -> None:
        if self.lines:
            from junheng.planning.layout_check import PlanViolation

            raise PlanViolation(*self.listed())


def school_label(problem: LayoutProblem, sid: str) -> str:
    """A school as the checker's messages name it, as users know it: its name, with its code
    in parentheses when another site shares the name; '学校（代码 <code>）' where it has none.

    >>> import pandas as pd
    >>> from types import SimpleNamespace as NS
    >>> p = NS(sites=pd.DataFrame({"name": ["甲小学", "乙小学", "乙小学"]}, index=["A", "B", "C"]))
    >>> school_label(p, "A"), school_label(p, "B"), school_label(p, "X")
    ('甲小学', '乙小学（B）', '学校（代码 X）')
    >>> school_label(NS(sites=pd.DataFrame({"name": ["N1"]}, index=["N1"])), "N1")
    '学校（代码 N1）'
    """
    names = problem.sites.get("name")
    name = str(names.get(sid) or "") if names is not None else ""
    if not name or name in ("nan", sid):  # a candidate site given by its code only
        return f"学校（代码 {sid}）"
    return f"{name}（{sid}）" if int((names == name).sum()) > 1 else name


def village_label(problem: LayoutProblem, code: str) -> str:
    """A village as the checker's messages name it: its name, with its code in parentheses
    when another village shares the name; '村居 <code>' where it has none.

    >>> import pandas as pd
    >>> from types import SimpleNamespace as NS
    >>> c = pd.DataFrame({"village_code": ["V1", "V2", "V3"], "village_name": ["袁桥村", "何岗村", "何岗村"]})
    >>> p = NS(customers=c)
    >>> village_label(p, "V1"), village_label(p, "V2"), village_label(p, "V9")
    ('袁桥村', '何岗村（V2）', '村居 V9')
    """
    cust = problem.customers
    if "village_name" not in cust:
        return f"村居 {code}"
    names = cust.drop_duplicates("village_code").set_index("village_code")["village_name"]
    name = str(names.get(code) or "")
    if not name or name == "nan":
        return f"村居 {code}"
    return f"{name}（{code}）" if int((names == name).sum()) > 1 else name


def town_label_of(problem: LayoutProblem, town: str, data=None) -> str:
    """A 乡镇 by its name, else by its code: with the county ``data`` the plan's own names
    (:func:`~junheng.model.places.town_names`: the 乡镇 sheet, the county's name left out),
    without it as the problem's schools' names give it.

    >>> import pandas as pd
    >>> from types import SimpleNamespace as NS
    >>> s = pd.DataFrame({"town_code": ["410306101"], "name": ["河口乡中心小学"]})
    >>> town_label_of(NS(sites=s), "410306101"), town_label_of(NS(sites=s), "410306102")
    ('河口乡', '乡镇（代码 410306102）')
    >>> from junheng.io import example_county
    >>> town_label_of(NS(sites=s), "410306101", example_county())
    '河口乡'
    """
    from junheng.model.places import town_label, town_names, town_names_from

    if data is not None:
        return town_label(town, town_names(data))
    sites = problem.sites
    return town_label(town, town_names_from(zip(sites["town_code"], sites["name"], strict=True)))


@per_object(deep=True)  # the checks ask per school: 82 times, 4 problems on the demo
def expected_by_stage(problem: LayoutProblem) -> dict[str, dict[str, float]]:
    """Per existing site and stage: today's pupils × the town's children of the target year
    over its pupils today (规划年不调整); a site whose customers of the stage are calibrated to
    the forecast (planning.layout_forecast): their pupils."""
    sites, cust = problem.sites, problem.customers
    town_of = sites["town_code"].to_dict()
    kids: dict = defaultdict(float)
    own: dict = defaultdict(float)
    forecast = set()
    for r in cust.itertuples():
        if isinstance(r.before_site, str):
            kids[(town_of[r.before_site], _stage(r.group))] += r.demand
            own[(r.before_site, _stage(r.group))] += r.demand
            if getattr(r, "calibrated", False):
                forecast.add((r.before_site, _stage(r.group)))
    now: dict = defaultdict(float)
    for r in sites[sites["existing"]].itertuples():
        now[(r.town_code, "primary")] += r.students_primary_now
        now[(r.town_code, "junior")] += r.students_junior_now
    out = {}
    for sid, site in sites[sites["existing"]].iterrows():
        key = site["town_code"]
        out[sid] = {st: own[(sid, st)] if (sid, st) in forecast and site[f"students_{st}_now"] > 0
                    else site[f"students_{st}_now"] * (kids[(key, st)] / now[(key, st)]
                                                       if now[(key, st)] else 1.0)
                    for st in STAGES}
    return out


def overloads(problem: LayoutProblem) -> dict[str, float]:
    """Per existing site: expected pupils over the size cap or over the seats per stage."""
    sites = problem.sites
    out = {}
    for sid, exp in expected_by_stage(problem).items():
        out[sid] = max(round(sum(exp.values())) - sites.at[sid, "size_cap"],
                       sum(max(0.0, exp[st] - sites.at[sid, f"seats_{st}"]) for st in STAGES))
    return out


def open_for_sure(problem: LayoutProblem) -> set[str]:
    from junheng.planning.layout_check_rules import is_candidate

    cfg, sites = problem.config, problem.sites
    keep, close = set(cfg.keep), set(cfg.close)
    moving = sites.get("relocating", {})
    return {sid for sid, s in sites.iterrows()
            if s["existing"] and s["kind"] != "teaching_point" and not bool(moving.get(sid, False))
            and sid not in close and (sid in keep or not is_candidate(problem, sid))}


def _stage(group: str) -> str:
    return "junior" if group == "grades_7_9" else "primary"


def _pair_minutes(problem: LayoutProblem) -> dict[tuple[int, str], float]:
    p = problem.pairs
    return {(int(c), s): float(t) for c, s, t in
            zip(p["customer"], p["site_id"], p["travel_min"], strict=True)}


def nearer_rule(problem: LayoutProblem):
    """A function (customer, target) -> why the group may not move there, or None: its
    school today is open for sure with room and ``target`` is farther."""
    sure, over = open_for_sure(problem), overloads(problem)
    paired = _pair_minutes(problem)
    minutes = problem.travel.groupby(["customer", "site_id"])["travel_min"].min()
    befores = problem.customers["before_site"]

    def why(customer: int, target: str) -> str | None:
        before = befores.at[customer]
        if not isinstance(before, str) or before not in sure or over.get(before, 1.0) > 0:
            return None
        home, t = paired.get((customer, before)), minutes.get((customer, target), float("inf"))
        if home is None or t <= home + 1e-9:
            return None
        return (f"转入{school_label(problem, target)}（单程 {t:.1f} 分钟），比现就读的{school_label(problem, before)}（{home:.1f} 分钟）更远，"
                "而现就读学校规划年不调整也有足够学位：学生只转入更近的学校。")

    return why


def freed_by_nearer(problem: LayoutProblem) -> dict[str, float]:
    """Per school: its own villages' pupils that a nearer school open for sure can seat, and
    (新校优先) those a kept new school within the day limit can seat while the school is
    over its places or size cap, up to that overload."""
    sites, cust = problem.sites, problem.customers
    sure = open_for_sure(problem)
    expected = expected_by_stage(problem)
    room = {(sid, st): max(0.0, sites.at[sid, f"seats_{st}"] - round(expected[sid][st]))
            for sid in sure for st in STAGES}
    over = {sid: max(round(sum(e.values())) - sites.at[sid, "size_cap"],
                     sum(max(0.0, e[st] - sites.at[sid, f"seats_{st}"]) for st in e))
            for sid, e in expected.items()}
    minutes = _pair_minutes(problem)
    opening = {sid for sid in sure if not (sites.at[sid, "students_primary_now"]
                                           + sites.at[sid, "students_junior_now"])
               and sid in set(problem.config.keep)}
    options = defaultdict(list)
    for (c, sid), t in minutes.items():
        before = cust.at[c, "before_site"]
        zone = cust.at[c, "zone_junior" if cust.at[c, "group"] == "grades_7_9"
                       else "zone_primary"] if "zone_primary" in cust else None
        if sid not in sure or sid not in opening and sid != zone or not isinstance(before, str) \
                or sid == before or (c, before) not in minutes:
            continue
        reach = (sid in opening and over.get(before, 0) > 0
                 and t <= problem.config.day_travel_limit_min + 1e-9)
        if t < minutes[(c, before)] or reach:
            options[c].append((t, sid))
    order = sorted(options, key=lambda c: (-(minutes[(c, cust.at[c, "before_site"])]
                                             - min(options[c])[0]), c))
    out: dict[str, float] = defaultdict(float)
    for c in order:
        st, demand, before = _stage(cust.at[c, "group"]), float(cust.at[c, "demand"]), \
            cust.at[c, "before_site"]
        for t, sid in sorted(options[c]):
            farther = t >= minutes[(c, before)]
            if room[(sid, st)] >= demand and not (farther and out[before] >= over[before]):
                room[(sid, st)] -= demand
                out[before] += demand
                break
    return out
