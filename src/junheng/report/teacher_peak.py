"""The junior hires weighed against the forecast's junior 编制 in words
(:func:`~junheng.planning.staffing_peak.junior_peak`, review rv20 finding 3): one function for
the 教师学段结构失衡 of the three documents, the 自然减员 sentence and the 布局调整方案's 表 2;
the school years before the plan year that need more junior 编制 than the plan staffs
(:func:`~junheng.planning.staffing_peak.junior_before`, brief hpeak) in the same sentence."""

from __future__ import annotations

from collections.abc import Mapping

from junheng.model.numbers import wan_text
from junheng.planning.plans_transition import year_span
from junheng.planning.staffing_figures import stage_figures
from junheng.planning.staffing_peak import (
    BEFORE_COVER,
    before_substitutes,
    early_hires,
    early_transfers,
    junior_before,
    junior_peak,
    plan_transfers,
)

#: the pupils the peak counts: the schools whose 编制 is counted (brief hpeak: not the 民办 ones)
#: (公办: no 民办学校; 与编制同口径: no 特殊教育学校 either, the ledger's schools)
PEAK_PUPILS = "招生预测公办学校初中学生（与编制同口径）"
#: the plan staffs its year only: a peak of the pupils before it is not 「只在 2030 学年需要」 (rv23 1)
EARLIER = "（本方案按规划年 {} 学年核定编制，此前学生更多的学年所需教师按当年编制核定）"
#: the 代课 before the plan year has no price in the plan (review rv26 3: in no 财政支出 line)
UNPRICED = "费用未计入财政支出"
#: the ways to meet a junior need the forecast soon ends without permanent posts, as the 局务会's choice says them
TEMPORARY = "代课、走教"
#: hires by 编制 are permanent posts: they stay after the junior 编制 falls, and so does their pay (rv27 4)
STAYING = "招聘的在编教师此后仍在岗，人员经费逐年照计"
#: the hand case of :func:`before_text`'s and :func:`before_short`'s examples: 2028 short 6 (7
#: spare primary teachers), 2029 short 7 (9 spare); the plan transfers 2 + 4 = 6 in 2030 and hires 3
_BEFORE_CASE = {"year": 2030, "junior_posts": [[2027, 19], [2028, 25], [2029, 26], [2030, 23]],
                "junior_in_post": [[2027, 20], [2028, 19], [2029, 19]],
                "forecast": {"left_by_year": [[2027, 5], [2028, 7], [2029, 9], [2030, 4]]},
                "moves": [{"kind": "transfer", "teachers": 2}], "transfer": {"retire": {"teachers": 4}},
                "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}]}


def peak_text(staffing: Mapping | None, full: bool = True) -> str:
    """「初中编制 2031 学年 1,043 人，比本方案 2030 学年配足的 1,119 人少 76 人…」 beside a junior
    hire figure, "" when :func:`junior_peak` does not apply; ``full``: with the forecast's peak of
    the junior pupils, the years before the plan year above the teachers it staffs
    (:func:`before_text`, also where :func:`junior_peak` does not apply), its last year, the years
    the hires are needed and the bureau's option (the plan itself hires and books them) (the
    short form stands in 表 2).

    Hand case (junior_peak's): 3 hired in 2030, the 23 posts of 2030 all staffed; 编制 25 in
    2029 (19 junior teachers in post then, 4 surplus primary ones), 21 in 2031, 19 in 2032 (4
    fewer than 23: the 3 no longer needed, 2030 and 2031 only); the junior pupils most in 2029 (said
    by the 编制 of the years before the plan year, said where these are not); the 3 paid 10 万元
    each a year from 2030 through the table's 2034, 5 × 30 = 150 万元:

    >>> doc = {"year": 2030, "junior_posts": [[2029, 25], [2030, 23], [2031, 21], [2032, 19], [2033, 17]],
    ...        "junior_pupil_peak": [2029, 320], "junior_in_post": [[2029, 19]],
    ...        "forecast": {"left_by_year": [[2029, 4], [2030, 1]]}, "moves": [{"kind": "transfer", "teachers": 5}],
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}],
    ...        "retirement": {"by_stage": {"junior": 0}}, "hires_from": 2030, "hire_pay": [300_000, 2034]}
    >>> print(peak_text(doc))
    初中编制 2029 学年 25 人，在岗专任教师（现有 20 人减退休）缺 6 人，先由小学富余教师提前转任，仍缺的 2 人（2029 学年）临时聘用（代课），费用未计入财政支出；2032 学年 19 人，比 2030 学年配足的 23 人少 4 人（2033 学年 17 人），所需 3 人只需至 2031 学年，建议局务会选定：招聘在编教师（按编制 3 人每年 30.00 万元，至 2034 学年 150.00 万元，本方案按此计）或代课、走教（费用未计入）
    >>> print(peak_text(doc, full=False))
    2032 学年初中编制 19 人，比 2030 学年配足的 23 人少 4 人（招聘的在编教师此后仍在岗，人员经费逐年照计）；所需 3 人只需至 2031 学年，建议局务会选定：招聘在编教师（按编制 3 人至 2034 学年 150.00 万元，本方案按此计）或代课、走教（费用未计入）
    >>> print(peak_text({**doc, "junior_posts": [[2030, 23], [2032, 19]]}).split("；")[0])  # no year before: the peak said
    招生预测公办学校初中学生（与编制同口径）2029 学年最多（320 人）
    >>> print(peak_text({**doc, "junior_posts": [[2029, 25], [2030, 23], [2031, 21]]}))  # one of the 3 still needed
    初中编制 2029 学年 25 人，在岗专任教师（现有 20 人减退休）缺 6 人，先由小学富余教师提前转任，仍缺的 2 人（2029 学年）临时聘用（代课），费用未计入财政支出
    >>> peak_text({**doc, "junior_posts": [[2029, 19], [2030, 23], [2031, 21]]})
    ''
    """
    peak = junior_peak(staffing)
    if not full:
        return short_text(peak, staffing) if peak else ""
    before = before_text(staffing)
    if peak is None and not before:
        return ""
    pupils = (peak or {}).get("peak") or (staffing or {}).get("junior_pupil_peak")
    # the years before the plan year said by their 编制 show the peak (rv29 5: the words it saves pay for the 局务会's choice)
    most = [f"{PEAK_PUPILS}{pupils[0]} 学年最多（{int(pupils[1]):,} 人）"] if pupils and not before else []
    # a file without the years before the plan year (made before brief hpeak): said as before (rv23 1)
    unknown = not any(int(y) < int(staffing["year"]) for y, _ in staffing.get("junior_posts") or ())
    earlier = bool(pupils) and unknown and int(pupils[0]) < int(staffing["year"])
    return "；".join([*most, *([before] if before else []), *([after_text(peak, bool(before), earlier, staffing)] if peak else [])])


def short_text(peak: Mapping, staffing: Mapping | None = None) -> str:
    """The short form of :func:`peak_text` (表 2): the first year the hires are not needed, that
    the plan's hires stay in post and paid after it (review rv27 4: beside 「每年新聘教师人员
    经费…」 the fall read as if the pay stopped, while the yearly table runs it to its last year)
    and the 局务会's choice with its figures (:func:`choice_text`, rv29 5)."""
    less = peak["staffed"] - peak["posts"]
    return (f"{peak['below']} 学年初中编制 {peak['posts']:,} 人，比 {peak['year']} 学年配足的 {peak['staffed']:,} 人少 "
            f"{less:,} 人（{STAYING}）；{choice_text(staffing, peak, yearly=False)}")


def choice_text(staffing: Mapping | None, peak: Mapping, earlier: str = "", yearly: bool = True) -> str:
    """「所需 9 人只需至 2030 学年，建议局务会选定：招聘在编教师（按编制 3 人每年 30.00 万元，至 2034
    学年 180.00 万元，本方案按此计）或代课、走教（费用未计入）」: the two ways to meet junior hires
    the forecast needs only until :func:`~junheng.planning.staffing_peak.junior_peak`'s ``below``
    year, side by side for the 局务会 (review rv29 5: the plan booked permanent posts as settled
    and offered 代课 only as an alternative): permanent posts at the pay the plan books from the
    year they are in post (``hires_from``, else the plan year) through its yearly table's last
    year (``hire_pay``: :func:`~junheng.planning.staffing_peak.hire_pay`), or 代课/走教 for the
    years they are needed, unpriced (the plan has no price for them); ``earlier``: said after the
    years (:data:`EARLIER`); ``yearly``: with the hires and their pay a year (表 2 says them before).

    Hand case: 3 hired by 编制 of 5 in all, 30 万元 a year from 2029, the table to 2034 (6 years),
    no longer needed from 2031:

    >>> doc = {"year": 2030, "hires_from": 2029, "hire_pay": [300_000, 2034],
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}]}
    >>> print(choice_text(doc, {"year": 2030, "hire": 5, "below": 2031}))
    所需 5 人只需至 2030 学年，建议局务会选定：招聘在编教师（按编制 3 人每年 30.00 万元，至 2034 学年 180.00 万元，本方案按此计）或代课、走教（费用未计入）
    >>> print(choice_text(doc, {"year": 2030, "hire": 5, "below": 2031}, yearly=False))
    所需 5 人只需至 2030 学年，建议局务会选定：招聘在编教师（按编制 3 人至 2034 学年 180.00 万元，本方案按此计）或代课、走教（费用未计入）
    >>> print(choice_text({"year": 2030}, {"year": 2030, "hire": 5, "below": 2032}))  # an older file: no pay carried
    所需 5 人只需至 2031 学年，建议局务会选定：招聘在编教师（本方案按此计）或代课、走教（费用未计入）
    """
    doc = staffing or {}
    pay, hired = doc.get("hire_pay"), (stage_figures(doc).get("junior") or {}).get("hire")
    cost = ""
    if pay and hired:
        years = int(pay[1]) - int(doc.get("hires_from") or doc["year"]) + 1
        # rv30 8: the sum is the 编制 hires' only, said so where their yearly pay is not (the need is more)
        each = f"按编制 {int(hired):,} 人" + (f"每年 {wan_text(pay[0])}，" if yearly else "")
        cost = f"{each}至 {pay[1]} 学年 {wan_text(pay[0] * years)}，"
    return (f"所需 {peak['hire']:,} 人只需至 {peak['below'] - 1} 学年{earlier}，建议局务会选定：招聘在编教师（{cost}本方案按此计）"
            f"或{TEMPORARY}（费用未计入）")


def before_text(staffing: Mapping | None) -> str:
    """「初中编制 2027—2029 学年分别为…，在岗专任教师（现有 1,079 人减退休）缺…」: the years
    before the plan year whose junior 编制 is above the junior teachers in post that year
    (:func:`~junheng.planning.staffing_peak.junior_before`; review rv25 finding 1: it was weighed
    against the teachers the plan staffs only its own year with), covered in the document's own
    order: surplus primary teachers transferred early (that year's surplus, 表 5; at most the plan's
    own transfers, said where they are fewer, brief hwords2), then
    :data:`~junheng.planning.staffing_peak.BEFORE_COVER`; "" without any.

    Hand case (:data:`_BEFORE_CASE`): the plan transfers 6, so 6 and 6 early, the 1 of 2029 left
    代课 (said with its year, review rv26 3); with its 3 hires in post from 2029 (the year the
    spending pays them from, review rv27 4) none left:

    >>> doc = _BEFORE_CASE
    >>> print(before_text(doc))
    初中编制 2028、2029 学年分别为 25、26 人，在岗专任教师（现有 20 人减退休）缺 6、7 人，先由小学富余教师提前转任（不超过规划年转任的 6 人），仍缺的 1 人（2029 学年）临时聘用（代课），费用未计入财政支出
    >>> print(before_text({**doc, "hires_from": 2029}))
    初中编制 2028、2029 学年分别为 25、26 人，在岗专任教师（现有 20 人减退休）缺 6、7 人，先由小学富余教师提前转任（不超过规划年转任的 6 人），2029 学年招聘 3 人到岗
    >>> print(before_text({**doc, "transfer": {"retire": {"teachers": 5}}}))  # 7 ≥ every shortfall: no cap, no 代课
    初中编制 2028、2029 学年分别为 25、26 人，在岗专任教师（现有 20 人减退休）缺 6、7 人，先由小学富余教师提前转任
    >>> print(before_text({**doc, "moves": [], "transfer": {}}))  # the plan transfers none: none early
    初中编制 2028、2029 学年分别为 25、26 人，在岗专任教师（现有 20 人减退休）缺 6、7 人，由临时聘用（代课）补足，费用未计入财政支出
    >>> print(before_text({**doc, "moves": [], "transfer": {}, "hires_from": 2029}))
    初中编制 2028、2029 学年分别为 25、26 人，在岗专任教师（现有 20 人减退休）缺 6、7 人，2029 学年招聘 3 人到岗，仍缺的由临时聘用（代课）补足，费用未计入财政支出

    Without the teachers in post by year (an older file): today's, the shortfall at least;
    without the primary surplus by year, unnumbered:

    >>> old = {k: v for k, v in doc.items() if k not in ("junior_in_post", "forecast")}
    >>> print(before_text({**old, "junior_posts": [[2027, 24], [2028, 25], [2029, 26], [2030, 23]]}))
    初中编制 2027—2029 学年分别为 24、25、26 人，比现有专任教师 20 人至少缺 4、5、6 人（退休另增缺口），先由小学富余教师提前转任，仍缺的临时聘用（代课），费用未计入财政支出
    """
    got = junior_before(staffing)
    if got is None:
        return ""
    years = [r[0] for r in got["years"]]
    span, each, short = _span(years), "分别为 " if len(years) > 1 else " ", _shortfalls(got)
    gap = (f"在岗专任教师（现有 {got['today']:,} 人减退休）缺 {short} 人" if got["known"]
           else f"比现有专任教师 {got['today']:,} 人至少缺 {short} 人（退休另增缺口）")
    return f"初中编制 {span}{each}{'、'.join(f'{r[1]:,}' for r in got['years'])} 人，{gap}，{_cover(staffing, got)}"


def _span(years: list[int]) -> str:
    """「2027—2029 学年」 (three years or more), 「2028、2029 学年」."""
    return year_span(years) if len(years) > 2 else "、".join(map(str, years)) + " 学年"


def _shortfalls(got: Mapping) -> str:
    """「67、112、122」: :func:`~junheng.planning.staffing_peak.junior_before`'s shortfalls."""
    return "、".join(f"{n - here:,}" for _, n, here, _ in got["years"])


def _cover(staffing: Mapping, got: Mapping) -> str:
    """How :func:`before_text`'s shortfalls are covered: surplus primary teachers transferred
    early (:func:`~junheng.planning.staffing_peak.early_transfers`; where the plan's own
    transfers cap them, that cap said, brief hwords2), then
    :data:`~junheng.planning.staffing_peak.BEFORE_COVER` (:func:`substitutes_text`, numbered
    where the surplus by year is known, review rv26 3); without the plan transferring any, the
    latter only; the plan's hires in post before the plan year said between them
    (:func:`hires_text`, review rv27 4)."""
    most, hired = plan_transfers(staffing), hires_text(staffing)
    if not most:
        return f"{hired[1:]}，仍缺的由{BEFORE_COVER}补足，{UNPRICED}" if hired else f"由{BEFORE_COVER}补足，{UNPRICED}"
    left = [r[3] for r in got["years"]]
    numbered = all(n is not None for n in left)
    if numbered:
        early = early_transfers(staffing)
        capped = any(early.get(y, 0) < min(n - here, spare) for y, n, here, spare in got["years"])
        rest = substitutes_text(before_substitutes(staffing))
    else:
        capped = any(n - here > most for _, n, here, _ in got["years"])
        rest = f"，仍缺的{BEFORE_COVER}，{UNPRICED}"
    cap = f"（不超过规划年转任的 {most:,} 人）" if capped else ""  # rv28 4: each year's surplus is 表 5's, net of them
    return f"先由小学富余教师提前转任{cap}{hired}{rest}"


def hires_text(staffing: Mapping) -> str:
    """「，2029 学年招聘 3 人到岗」: the plan's junior hires by 编制 in post in the years before
    the plan year (:func:`~junheng.planning.staffing_peak.early_hires`: from the year the
    spending pays them from, review rv27 4), "" without any.

    >>> print(hires_text({**_BEFORE_CASE, "hires_from": 2028}))
    ，2028 学年招聘 3 人到岗
    >>> hires_text(_BEFORE_CASE)
    ''
    """
    hired = early_hires(staffing)
    return f"，{staffing['hires_from']} 学年招聘 {max(hired.values()):,} 人到岗" if hired else ""


def substitutes_text(left: Mapping[int, int]) -> str:
    """「，仍缺的 9、16 人（2028、2029 学年）临时聘用（代课），费用未计入财政支出」 of
    :func:`~junheng.planning.staffing_peak.before_substitutes`, "" without any (review rv26 3).

    >>> print(substitutes_text({2028: 9, 2029: 16}))
    ，仍缺的 9、16 人（2028、2029 学年）临时聘用（代课），费用未计入财政支出
    >>> substitutes_text({})
    ''
    """
    if not left:
        return ""
    return (f"，仍缺的 {'、'.join(f'{n:,}' for n in left.values())} 人（{'、'.join(map(str, left))} 学年）"
            f"{BEFORE_COVER}，{UNPRICED}")


def before_short(staffing: Mapping | None) -> str:
    """The years before the plan year in 表 2's teacher row (review rv26 3: the 局务会's table said
    nothing of the early transfers or the 代课): the shortfalls, the advised early transfers
    (each year's new ones, the plan year's own transfers come early) and the 代课 left; "" without a
    shortfall; the plan's hires in post before the plan year between (rv27 4). Hand case
    (:data:`_BEFORE_CASE`, :func:`before_text`'s):

    >>> doc = _BEFORE_CASE
    >>> print(before_short(doc))
    2028、2029 学年初中缺编 6、7 人，先由小学富余教师提前转任 6、0 人（各学年新转任，即 2030 学年转任的提前到岗），仍缺的 1 人（2029 学年）临时聘用（代课），费用未计入财政支出
    >>> print(before_short({**doc, "hires_from": 2029}))
    2028、2029 学年初中缺编 6、7 人，先由小学富余教师提前转任 6、0 人（各学年新转任，即 2030 学年转任的提前到岗），2029 学年招聘 3 人到岗
    >>> print(before_short({**doc, "moves": [], "transfer": {}}))
    2028、2029 学年初中缺编 6、7 人，由临时聘用（代课）补足，费用未计入财政支出
    """
    got = junior_before(staffing)
    if got is None:
        return ""
    head = f"{_span([r[0] for r in got['years']])}初中{'' if got['known'] else '至少'}缺编 {_shortfalls(got)} 人，"
    early = early_transfers(staffing)
    if not early:
        return head + _cover(staffing, got)
    moved, done = [], 0  # rv28 4: each year's new ones, as 表 5's 转任初中 books them (a 转任 is for good)
    for y, *_ in got["years"]:
        moved, done = [*moved, max(done, early.get(y, 0)) - done], max(done, early.get(y, 0))
    return (f"{head}先由小学富余教师提前转任 {'、'.join(f'{n:,}' for n in moved)} 人（各学年新转任，即 {got['year']} 学年转任的提前到岗）"
            f"{hires_text(staffing)}{substitutes_text(before_substitutes(staffing))}")


def after_text(peak: Mapping, said: bool, earlier: bool = False, staffing: Mapping | None = None) -> str:
    """The first year after the plan year whose junior 编制 is below the teachers the plan staffs
    by the hires, the forecast's last, and the 局务会's choice (:func:`choice_text`) (``said``:
    「初中编制」 said before it, by :func:`before_text`, which no longer names the teachers the
    plan staffs (rv25 1); ``earlier``: the pupils' peak before the plan year while the 编制 of the
    years before it is not known, rv23 1's words)."""
    year, below = peak["year"], peak["below"]
    than = f"{' ' if said else '本方案 '}{year} 学年配足的 {peak['staffed']:,} 人"
    then = f"（{peak['last']} 学年 {peak['last_posts']:,} 人）" if peak["last"] > below else ""
    # the plan books the hires (the 教师配置汇总, 每年运行支出); whether they are permanent posts or
    # 代课 is the 局务会's (rv21 1, rv29 5); 2031's 编制 against the 2030 teachers the plan staffs
    # (brief hfix10b 1); the years before the plan year said by before_text (brief hpeak, rv23 1)
    return (f"{'' if said else '初中编制 '}{below} 学年 {peak['posts']:,} 人，比{than}少 {peak['staffed'] - peak['posts']:,} 人{then}，"
            + choice_text(staffing, peak, EARLIER.format(year) if earlier else ""))
