"""Whether the junior hires of a layout plan's year are for a peak the forecast soon leaves
behind (review rv20 finding 3: 「初中所需 9 人（历史与地理）无小学富余教师对口，须招聘」 and
「连同退休补充共需招聘 9 人」 were permanent 2030 posts while the forecast's junior pupils fell
from 15,959 (2030) to 14,886 (2031) and 11,715 (2033), the 2033 junior 编制 296 below 2030's).

The rule: with junior hires H (the ledger's ``hire_total``: posts by 编制 and retirees'
posts no surplus primary teacher fills) in the plan year Y, the junior teachers S the plan staffs
Y with (the ledger's junior ``need`` + ``surplus``: every post filled, by the hires among others)
and the forecast's junior 编制 P(y) of each school year after Y
(:func:`~junheng.planning.staffing_absorb.stage_posts`, the plan's open schools at that year's
pupils after the plan, the ledger's 生师比): when some S − P(y) ≥ H, the stage needs none of the
H hired from year y on, so the H posts cover a peak, and the bureau may cover it with
临时聘用（代课） or 走教 instead of permanent posts; otherwise (or no year after Y forecast) the
hires stand as they are. (rv21 + re-read, brief hfix10b 1: the rule compared P(2031) = 1,043 with
today's 1,079 junior teachers, not with the 1,119 the plan staffs 2030 with.) Beside it the
forecast's peak of the junior pupils (:func:`pupil_peak`, the county's 招生预测: 2029 with 15,453 on
the demo, not the plan year 2030).

Before Y (brief hpeak, rv23: the 公办 junior pupils of 2028 and 2029 need about 34 posts more than
the 1,119 the plan staffs 2030 with, and the plan said nothing of how many): the school years
of the 过渡期 whose 编制 P(y) is above the junior teachers in post that year I(y)
(:func:`junior_before`; 1,120, 1,152 and 1,154 in 2027–2029 on the demo). The plan's transfers,
hires and retirees' replacements all come before Y starts, so I(y) is today's junior teachers
less those retired before y starts (:func:`junior_in_post`), not S (review rv25 finding 1: the
shortfall was said as 1, 33 and 35 against the 1,119 reached only in 2030). It is met first by
surplus primary teachers transferred early (the document's own rule, 「初中所需教师应先由小学富余
教师转任解决」), at most the plan's own transfers of its year (:func:`early_transfers`, brief hwords2: a
转任 is for good, 122 moved in 2029 beside the 103 kept in 2030 would move 19 back), the rest by
:data:`BEFORE_COVER` (:func:`before_substitutes`, not priced), less the plan's junior hires by 编制 in
post in those years (:func:`early_hires`, review rv27 4: the yearly spending pays them from the year
the new school or expansions where their posts are is in use, :func:`hires_from`; 2029 on the demo,
so its 代课 is 122 − 103 − 3 = 16, not 19; 2028's 112 − 103 = 9).

The pupils' peak counts the pupils the 编制 is made for: the public compulsory schools' (no 民办
学校, no 特殊教育学校: the ledger's schools), not the county's (brief hpeak: 16,439 with the 民办
schools' beside 编制 of the 公办 ones; 15,453 without them, the 过渡期's own 2029 pupils).

The figures ride in plan.json's ``staffing`` (``junior_posts``: [[year, 编制], …] from the first
school year after the data year the 过渡期 has through the forecast's last year;
``junior_pupil_peak``: [year, pupils]), made once where the
plan is made (:func:`with_stage_posts`, which also gives ``forecast``), so the 布局调整方案, the
整改措施 and the 自评报告 (which receives the staffing ledger without the county) print one rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from junheng.planning.staffing_figures import retire_covered, stage_figures
from junheng.planning.staffing_transfer import transferred

#: the ways to cover a peak without permanent posts (rv20 3); not 县内调剂: the plan's 县管校聘 moves have
#: already placed every spare teacher the rules allow before these hires (rv21)
PEAK_COVER = "临时聘用（代课）或走教"
#: what covers a junior shortfall before the plan year after the early transfers: 走教 only moves the
#: teachers already there, it cannot fill a county-wide gap (rv25 1)
BEFORE_COVER = "临时聘用（代课）"


def junior_posts(data, plan, posts: Mapping | None = None) -> list[list[int]]:
    """[[year, 编制], …] of the junior stage of a layout ``plan`` on the county's ``data``
    from the first school year after its data year (:func:`~.staffing_absorb.stage_posts`: the
    过渡期's first; the staffing year for a plan without a data year) through the forecast's last
    year ([] without a staffing year or a forecast of it); ``posts``:
    :func:`~.staffing_absorb.stage_posts` already made."""
    from junheng.planning.staffing_absorb import stage_posts

    year = (plan.staffing or {}).get("year")
    if not year:
        return []
    first = plan.year + 1 if getattr(plan, "year", None) else year
    junior = ((stage_posts(data, plan) if posts is None else posts).get("junior")) or {}
    return [[int(y), int(n)] for y, n in sorted(junior.items()) if y >= first]


def pupil_peak(data, stage_group: str = "grades_7_9") -> list[int] | None:
    """[year, pupils] of the school year with the most pupils of ``stage_group`` at the public
    compulsory schools (:func:`~.staffing_ledger.public_compulsory`, the schools whose 编制 the
    ledger counts; every school where ``data`` has no school table) in the enrolment forecast
    ``data`` carries (its ``pupil_forecast`` table; the first of equal years), None without one.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"school_id": ["A", "B", "A", "B", "A"], "group": "grades_7_9",
    ...                       "year": [2028, 2028, 2029, 2029, 2030], "pupils": [90.4, 10.0, 95.0, 10.0, 99.0]})
    >>> pupil_peak(type("County", (), {"tables": {"pupil_forecast": table}})())
    [2029, 105]

    B a 民办 school: A's pupils alone, most in 2030.

    >>> schools = pd.DataFrame({"school_id": ["A", "B"], "school_type": "junior_school",
    ...                         "ownership": ["public", "private"]})
    >>> pupil_peak(type("County", (), {"tables": {"pupil_forecast": table}, "schools": schools})())
    [2030, 99]
    """
    from junheng.planning.layout_forecast import FORECAST_TABLE
    from junheng.planning.staffing_ledger import public_compulsory

    table = (getattr(data, "tables", None) or {}).get(FORECAST_TABLE)
    if table is None or table.empty:
        return None
    mine = table[table["group"].eq(stage_group)]
    schools = getattr(data, "schools", None)
    if schools is not None:
        mine = mine[mine["school_id"].isin(public_compulsory(schools))]
    if mine.empty:
        return None
    total = mine.groupby("year")["pupils"].sum().round().astype(int)
    return [int(total.idxmax()), int(total.max())]


def junior_in_post(teachers, staffing: Mapping, years) -> list[list[int]]:
    """[[year, teachers], …] per school year of ``years``: the ledger's junior teachers of today
    (``staffing``'s junior ``today``) less its junior full-time teachers retired before the year
    starts (:func:`~.staffing_absorb.primary_retirements` of the junior stage); [] without
    teachers with a sex and a birth year (the transfers, hires and retirees' replacements of the
    plan come before the plan year starts, not in these years).

    >>> import pandas as pd
    >>> t = pd.DataFrame({"teacher_id": ["a", "b", "c"], "school_id": "J", "stage": "junior", "full_time": True,
    ...                   "sex": "male", "birth_year": [1960, 1966, 1980]})
    >>> doc = {"schools": [{"school_id": "J", "stage": "junior", "need": 5, "today": 3, "hire": 2, "surplus": 0}]}
    >>> junior_in_post(t, doc, range(2026, 2029))  # 1960 man gone 2020, 1966 man 2026-12
    [[2026, 2], [2027, 1], [2028, 1]]
    """
    from junheng.planning.staffing_absorb import primary_retirements

    today = (stage_figures(staffing).get("junior") or {}).get("today")
    if not today or teachers is None or not {"sex", "birth_year", "stage"} <= set(getattr(teachers, "columns", ())):
        return []
    out, left = [], int(today)
    for year, gone in primary_retirements(teachers, staffing, years, stage="junior").items():
        left -= gone
        out.append([int(year), left])
    return out


def with_junior_posts(plan, data, posts: Mapping | None = None, forecast=None):
    """``plan`` (a :class:`~.layout_outcome.LayoutOutcome`) whose ``staffing`` carries
    :func:`junior_posts`, the :func:`pupil_peak` of the junior pupils of the county carrying
    the forecast (``forecast``, else ``data``), the :func:`junior_in_post` of the years of
    the posts before the plan year and ``hires_from`` (:func:`hires_from`) (unchanged without
    a ledger or junior figures)."""
    if not plan.staffing:
        return plan
    got = junior_posts(data, plan, posts)
    if not got:
        return plan
    peak = pupil_peak(data if forecast is None else forecast)
    extra = {"junior_pupil_peak": peak} if peak else {}
    if (start := hires_from(plan)) is not None:
        extra["hires_from"] = start
    if pay := hire_pay(plan):
        extra["hire_pay"] = pay
    years = [y for y, _ in got if y < int(plan.staffing["year"])]
    if years and (here := junior_in_post(getattr(data, "teachers", None), plan.staffing, range(years[0], years[-1] + 1))):
        extra["junior_in_post"] = here
    return replace(plan, staffing={**plan.staffing, "junior_posts": got, **extra})


def hires_from(plan) -> int | None:
    """The school year the hires by 编制 of a layout ``plan`` are in post from: the year its
    yearly spending pays them from (the 新聘教师 step of
    :func:`~.layout_spending.running_steps`: the year the last new school or expansion is in use,
    where their posts are; review rv27 4: the 代课 before the plan year is net of them from then),
    None where it pays none.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新初中", "new", phase=4),),
    ...     {"before": {"operating_yuan": 0.0}, "after": {"operating_yuan": 300_000.0, "hire_staff_yuan": 300_000.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 19_200})
    >>> hires_from(plan)
    2029
    """
    from junheng.planning.layout_spending import running_steps

    return next((year for year, steps in running_steps(plan).items() if "hire" in steps), None)


def hire_pay(plan) -> list[int] | None:
    """[the yearly pay of a layout ``plan``'s hires by 编制 (元, the 新聘教师 step of
    :func:`~.layout_spending.running_steps`), the last school year of its yearly money
    (:func:`~.layout_spending.yearly_money`)]: what the plan books for permanent posts
    (brief hteachpol, rv29 5: 30 万元 a year from 2029 through 2034 on the demo, though the
    forecast needs the posts only through 2030), None where it pays none.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新初中", "new", phase=4),),
    ...     {"before": {"operating_yuan": 0.0}, "after": {"operating_yuan": 300_000.0, "hire_staff_yuan": 300_000.0}},
    ...     year=2025, target_year=2030, weights={"operating_yuan_per_school": 19_200})
    >>> hire_pay(plan)
    [300000, 2034]
    """
    from junheng.planning.layout_spending import running_steps, yearly_money

    pay = next((steps["hire"] for steps in running_steps(plan).values() if "hire" in steps), None)
    rows = yearly_money(plan) if pay else []
    return [round(pay), rows[-1].year] if rows else None


def with_stage_posts(plan, data, forecast=None):
    """``plan`` with :func:`with_junior_posts` (``forecast``: the county carrying the enrolment
    forecast when ``data``, the county as reported, does not) and then
    :func:`~.staffing_absorb.with_forecast_figures`, both from one
    :func:`~.staffing_absorb.stage_posts` (brief hfix10b 4: each made it again on the same plan),
    ``forecast.junior_more`` from the ``junior_posts`` (:func:`junior_change`)."""
    from junheng.planning.staffing_absorb import stage_posts, with_forecast_figures

    if not plan.staffing or not plan.staffing.get("year"):
        return plan
    posts = stage_posts(data, plan)
    return with_forecast_figures(with_junior_posts(plan, data, posts, forecast), data, posts)


def junior_change(staffing: Mapping | None, last: int | None) -> int | None:
    """The junior 编制 of ``last`` less the plan year's, from ``staffing``'s ``junior_posts``
    (None where either is not there).

    >>> junior_change({"year": 2030, "junior_posts": [[2030, 1119], [2031, 1043], [2033, 823]]}, 2033)
    -296
    >>> junior_change({"year": 2030, "junior_posts": [[2030, 1119]]}, 2033) is None
    True
    """
    doc = staffing or {}
    posts = {int(y): int(n) for y, n in doc.get("junior_posts") or ()}
    year = doc.get("year")
    if last is None or year is None or int(last) not in posts or int(year) not in posts:
        return None
    return posts[int(last)] - posts[int(year)]


def _staffed(doc: Mapping) -> tuple[int, int]:
    """The junior hires H (``hire_total``) and the junior teachers S the plan staffs its year with
    (``need`` + ``surplus``) of a ledger."""
    junior = stage_figures(doc).get("junior") or {}
    return int(junior.get("hire_total", junior.get("hire", 0))), int(junior.get("need", 0) + junior.get("surplus", 0))


def junior_before(staffing: Mapping | None) -> dict | None:
    """The school years before the plan year whose junior 编制 (``staffing``'s ``junior_posts``)
    is above the junior teachers in post that year (``junior_in_post``; where it is not
    carried, today's, the ledger's junior ``today``: the retirees then only add to the
    shortfall): None without any; else ``year`` (Y), ``today``, ``known`` (the teachers in post
    by year carried), ``years`` ([[year, 编制, in post, primary surplus], …], the surplus
    primary teachers at the year's start, ``forecast.left_by_year``, None where not carried).

    Hand case: 20 junior teachers today, 19 in 2028 and 2029; 2027 19 (not above 20), 2028 25
    and 2029 26; 7 and 9 surplus primary teachers those years:

    >>> doc = {"year": 2030, "junior_posts": [[2027, 19], [2028, 25], [2029, 26], [2030, 23]],
    ...        "junior_in_post": [[2027, 20], [2028, 19], [2029, 19]],
    ...        "forecast": {"left_by_year": [[2027, 5], [2028, 7], [2029, 9], [2030, 4]]},
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}]}
    >>> junior_before(doc)
    {'year': 2030, 'today': 20, 'known': True, 'years': [[2028, 25, 19, 7], [2029, 26, 19, 9]]}
    >>> junior_before({**doc, "junior_posts": [[2029, 19], [2030, 23]]}) is None
    True
    """
    doc = staffing or {}
    year, today = doc.get("year"), (stage_figures(doc).get("junior") or {}).get("today")
    if not year or not today:
        return None
    here = {int(y): int(n) for y, n in doc.get("junior_in_post") or ()}
    left = {int(y): int(n) for y, n in (doc.get("forecast") or {}).get("left_by_year") or ()}
    above = [[int(y), int(n), here.get(int(y), int(today)), left.get(int(y))]
             for y, n in doc.get("junior_posts") or () if int(y) < int(year) and int(n) > here.get(int(y), int(today))]
    return {"year": int(year), "today": int(today), "known": bool(here), "years": above} if above else None


def plan_transfers(staffing: Mapping | None) -> int:
    """The surplus primary teachers the plan itself transfers to 初中 in its year: into the
    junior posts (:func:`~.staffing_transfer.transferred`) and the junior retirees' posts
    (:func:`~.staffing_figures.retire_covered`), 表 5's 转任初中 of the plan year (103 on the demo).

    >>> plan_transfers({"moves": [{"kind": "transfer", "teachers": 2}], "transfer": {"retire": {"teachers": 5}}})
    7
    """
    return transferred(staffing) + retire_covered(staffing)


def early_transfers(staffing: Mapping | None) -> dict[int, int]:
    """School year before the plan year -> the surplus primary teachers the documents advise
    to transfer early to 初中 (brief hwords 2: 「先由当年小学富余教师提前转任」 beside a 逐年消化
    table whose 转任初中 began in the plan year): that year's junior shortfall
    (:func:`junior_before`: 编制 less the junior teachers in post), at most that year's primary
    surplus and at most the plan's own transfers (:func:`plan_transfers`: a 转任 is for good, and
    more moved early than the plan year keeps would be moved back, brief hwords2: 122 in 2029
    beside 103 in 2030 on the demo); the rest of the shortfall is
    :data:`BEFORE_COVER`; {} without a shortfall or without the surplus by year (an older file).

    >>> doc = {"year": 2030, "junior_posts": [[2027, 19], [2028, 25], [2029, 30], [2030, 23]],
    ...        "junior_in_post": [[2027, 20], [2028, 19], [2029, 19]],
    ...        "forecast": {"left_by_year": [[2027, 5], [2028, 7], [2029, 9], [2030, 4]]},
    ...        "moves": [{"kind": "transfer", "teachers": 3}], "transfer": {"retire": {"teachers": 5}},
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}]}
    >>> early_transfers(doc)  # 2028 short 6 of 7 spare; 2029 short 11, 9 spare, the plan's 8 (3 + 5)
    {2028: 6, 2029: 8}
    >>> early_transfers({**doc, "moves": [], "transfer": {}})  # the plan transfers none: none early
    {}
    """
    got = junior_before(staffing)
    if got is None or any(left is None for *_, left in got["years"]):
        return {}
    most = plan_transfers(staffing)
    return {y: n for y, posts, here, left in got["years"] if (n := min(posts - here, left, most)) > 0}


def early_hires(staffing: Mapping | None) -> dict[int, int]:
    """School year of :func:`junior_before`'s shortfall -> the plan's junior hires by 编制 (the
    ledger's junior ``hire``) in post that year: from ``hires_from`` (:func:`hires_from`, the
    year the spending pays them from) on; {} without a shortfall, a start year or hires.

    >>> doc = {"year": 2030, "junior_posts": [[2028, 25], [2029, 26], [2030, 23]], "hires_from": 2029,
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}]}
    >>> early_hires(doc), early_hires({**doc, "hires_from": 2030})
    ({2029: 3}, {})
    """
    got, start = junior_before(staffing), (staffing or {}).get("hires_from")
    hire = int((stage_figures(staffing or {}).get("junior") or {}).get("hire") or 0)
    if got is None or start is None or not hire:
        return {}
    return {y: hire for y, *_ in got["years"] if y >= int(start)}


def before_substitutes(staffing: Mapping | None) -> dict[int, int]:
    """School year before the plan year -> the junior shortfall (:func:`junior_before`) the
    :func:`early_transfers` and the :func:`early_hires` leave, met by :data:`BEFORE_COVER` (review
    rv26 3: the documents left the reader to work out 9 and 16 on the demo; rv27 4: the hires the
    spending pays from 2029 are in post then, 19 before them); the years with none left out, {}
    where :func:`early_transfers` cannot be told (no shortfall, no surplus by year).

    >>> doc = {"year": 2030, "junior_posts": [[2027, 19], [2028, 25], [2029, 30], [2030, 23]],
    ...        "junior_in_post": [[2027, 20], [2028, 19], [2029, 19]],
    ...        "forecast": {"left_by_year": [[2027, 5], [2028, 7], [2029, 9], [2030, 4]]},
    ...        "moves": [{"kind": "transfer", "teachers": 3}], "transfer": {"retire": {"teachers": 5}},
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}]}
    >>> before_substitutes(doc)  # 2028 short 6, 6 early; 2029 short 11, 8 early
    {2029: 3}
    >>> before_substitutes({**doc, "moves": [], "transfer": {}})  # none early: the whole shortfall
    {2028: 6, 2029: 11}
    >>> before_substitutes({**doc, "hires_from": 2029})  # the 3 hired in post in 2029: 11 − 8 − 3
    {}
    >>> before_substitutes({**doc, "moves": [], "transfer": {}, "hires_from": 2028})
    {2028: 3, 2029: 8}
    """
    got = junior_before(staffing)
    if got is None or any(left is None for *_, left in got["years"]):
        return {}
    early, hired = early_transfers(staffing), early_hires(staffing)
    return {y: n for y, posts, here, _ in got["years"]
            if (n := posts - here - early.get(y, 0) - hired.get(y, 0)) > 0}


def junior_peak(staffing: Mapping | None) -> dict | None:
    """The module's rule on a ledger (plan.json ``staffing`` with ``junior_posts``): None
    when the junior stage hires none, no year after the plan year is forecast or its 编制
    never falls by the hires below the teachers the plan staffs the plan year with; else
    ``year`` (Y), ``hire`` (H), ``staffed`` (S), ``below`` (the first year y > Y with
    S − P(y) ≥ H) and its ``posts``, ``last`` (the forecast's last year) and its
    ``last_posts``, ``peak`` ([year, pupils] of the forecast's junior pupils, None when not
    carried).

    Hand case: 编制 23 in 2030 (20 teachers today, 3 to hire, the 23 the plan staffs), 21 in
    2031 (only 2 fewer than 23: one of the 3 still needed), 19 in 2032 (4 fewer ≥ 3); 2029
    before the plan year is not weighed:

    >>> doc = {"year": 2030, "junior_posts": [[2029, 12], [2030, 23], [2031, 21], [2032, 19]],
    ...        "junior_pupil_peak": [2029, 320],
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}],
    ...        "retirement": {"by_stage": {"junior": 0}}}
    >>> junior_peak(doc)
    {'year': 2030, 'hire': 3, 'staffed': 23, 'below': 2032, 'posts': 19, 'last': 2032, 'last_posts': 19, 'peak': [2029, 320]}
    >>> junior_peak({**doc, "junior_posts": [[2030, 23], [2031, 21], [2032, 21]]}) is None  # 2 fewer < 3
    True
    """
    doc = staffing or {}
    (hire, staffed), year = _staffed(doc), doc.get("year")
    later = [
        (int(y), int(n)) for y, n in doc.get("junior_posts") or () if year and int(y) > int(year)
    ]
    below = next(((y, n) for y, n in later if staffed - n >= hire), None)
    if not hire or below is None:
        return None
    peak = doc.get("junior_pupil_peak")
    return {
        "year": int(year),
        "hire": int(hire),
        "staffed": int(staffed),
        "below": below[0],
        "posts": below[1],
        "last": later[-1][0],
        "last_posts": later[-1][1],
        "peak": [int(peak[0]), int(peak[1])] if peak else None,
    }
