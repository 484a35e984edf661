"""The junior hires weighed against the forecast's junior 编制 in words
(:func:`~junheng.planning.staffing_peak.junior_peak`, review rv20 finding 3): one function for
the 教师学段结构失衡 of the three documents, the 自然减员 sentence and the 布局调整方案's 表 2;
the school years before the plan year that need more junior 编制 than the plan staffs
(:func:`~junheng.planning.staffing_peak.junior_before`, brief hpeak) in the same sentence."""

from __future__ import annotations

from collections.abc import Mapping

from junheng.planning.plans_transition import year_span
from junheng.planning.staffing_peak import PEAK_COVER, junior_before, junior_peak

#: the pupils the peak counts: the schools whose 编制 is counted (brief hpeak: not the 民办 ones)
#: (公办: no 民办学校; 与编制同口径: no 特殊教育学校 either, the ledger's schools)
PEAK_PUPILS = "招生预测公办学校初中学生（与编制同口径）"
#: the plan staffs its year only: a peak of the pupils before it is not 「只在 2030 学年需要」 (rv23 1)
EARLIER = "（本方案按规划年 {} 学年核定编制，此前学生更多的学年所需教师按当年编制核定）"


def peak_text(staffing: Mapping | None, full: bool = True) -> str:
    """「初中编制 2031 学年 1,043 人，比本方案 2030 学年配足的 1,119 人少 76 人…」 beside a junior
    hire figure, "" when :func:`junior_peak` does not apply; ``full``: with the forecast's peak of
    the junior pupils, the years before the plan year above the teachers it staffs
    (:func:`before_text`, also where :func:`junior_peak` does not apply), its last year, the years
    the hires are needed and the bureau's option (the plan itself hires and books them) (the
    short form stands in 表 2).

    Hand case (junior_peak's): 3 hired in 2030, the 23 posts of 2030 all staffed; 编制 25 in
    2029, 21 in 2031, 19 in 2032 (4 fewer than 23: the 3 no longer needed); the junior pupils
    most in 2029:

    >>> doc = {"year": 2030, "junior_posts": [[2029, 25], [2030, 23], [2031, 21], [2032, 19], [2033, 17]],
    ...        "junior_pupil_peak": [2029, 320],
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}],
    ...        "retirement": {"by_stage": {"junior": 0}}}
    >>> print(peak_text(doc))
    招生预测公办学校初中学生（与编制同口径）2029 学年最多（320 人）；初中编制 2029 学年 25 人，比 2030 学年配足的 23 人多 2 人，多出的可临时聘用（代课）或走教；2032 学年 19 人，比 2030 学年少 4 人（2033 学年 17 人），所需 3 人自 2032 学年起不再需要：本方案按招聘计费，也可改以临时聘用（代课）或走教补足、不招聘长期在编教师，由局务会决定
    >>> print(peak_text(doc, full=False))
    2032 学年初中编制 19 人，比 2030 学年配足的 23 人少 4 人，也可改以临时聘用（代课）或走教补足、不招聘长期在编教师
    >>> print(peak_text({**doc, "junior_posts": [[2029, 25], [2030, 23], [2031, 21]]}))  # one of the 3 still needed
    招生预测公办学校初中学生（与编制同口径）2029 学年最多（320 人）；初中编制 2029 学年 25 人，比 2030 学年配足的 23 人多 2 人，多出的可临时聘用（代课）或走教
    >>> peak_text({**doc, "junior_posts": [[2029, 23], [2030, 23], [2031, 21]]})
    ''
    """
    peak = junior_peak(staffing)
    if not full:
        return short_text(peak) if peak else ""
    before = before_text(staffing)
    if peak is None and not before:
        return ""
    pupils = (peak or {}).get("peak") or (staffing or {}).get("junior_pupil_peak")
    most = [f"{PEAK_PUPILS}{pupils[0]} 学年最多（{int(pupils[1]):,} 人）"] if pupils else []
    # a file without the years before the plan year (made before brief hpeak): said as before (rv23 1)
    unknown = not any(int(y) < int(staffing["year"]) for y, _ in staffing.get("junior_posts") or ())
    earlier = bool(pupils) and unknown and int(pupils[0]) < int(staffing["year"])
    return "；".join([*most, *([before] if before else []), *([after_text(peak, bool(before), earlier)] if peak else [])])


def short_text(peak: Mapping) -> str:
    """The short form of :func:`peak_text` (表 2): the first year the hires are not needed."""
    less = peak["staffed"] - peak["posts"]
    return (f"{peak['below']} 学年初中编制 {peak['posts']:,} 人，比 {peak['year']} 学年配足的 {peak['staffed']:,} 人少 "
            f"{less:,} 人，也可改以{PEAK_COVER}补足、不招聘长期在编教师")


def before_text(staffing: Mapping | None) -> str:
    """「初中编制 2027—2029 学年分别为…，比 2030 学年配足的 1,119 人多…」: the years before the plan
    year whose junior 编制 is above the teachers the plan staffs it with
    (:func:`~junheng.planning.staffing_peak.junior_before`), each staffed by its own 编制, the
    posts above met by the peak's cover (they are not needed from the plan year on); "" without
    any.

    >>> doc = {"year": 2030, "junior_posts": [[2027, 23], [2028, 25], [2029, 26], [2030, 23]],
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}]}
    >>> print(before_text(doc))
    初中编制 2028、2029 学年分别为 25、26 人，比 2030 学年配足的 23 人多 2、3 人，多出的可临时聘用（代课）或走教
    >>> print(before_text({**doc, "junior_posts": [[2027, 24], [2028, 25], [2029, 26], [2030, 23]]}).split("，")[0])
    初中编制 2027—2029 学年分别为 24、25、26 人
    """
    got = junior_before(staffing)
    if got is None:
        return ""
    years, posts = [y for y, _ in got["years"]], [n for _, n in got["years"]]
    more = "、".join(f"{n - got['staffed']:,}" for n in posts)
    span = year_span(years) if len(years) > 2 else "、".join(map(str, years)) + " 学年"  # 2028、2029 学年
    each = "分别为 " if len(years) > 1 else " "
    return (f"初中编制 {span}{each}{'、'.join(f'{n:,}' for n in posts)} 人，比 {got['year']} 学年配足的 "
            f"{got['staffed']:,} 人多 {more} 人，多出的可{PEAK_COVER}")


def after_text(peak: Mapping, said: bool, earlier: bool = False) -> str:
    """The first year after the plan year whose junior 编制 is below the teachers the plan staffs
    by the hires, the forecast's last, and the bureau's option (``said``: the staffed count said
    before it, by :func:`before_text`; ``earlier``: the pupils' peak before the plan year while
    the 编制 of the years before it is not known, rv23 1's words)."""
    year, below = peak["year"], peak["below"]
    than = f" {year} 学年" if said else f"本方案 {year} 学年配足的 {peak['staffed']:,} 人"
    then = f"（{peak['last']} 学年 {peak['last_posts']:,} 人）" if peak["last"] > below else ""
    # the plan hires and books them (the 教师配置汇总, 每年运行支出): the cover is the bureau's option,
    # not a second verdict beside 「须招聘」 (rv21 1); 2031's 编制 against the 2030 teachers the plan
    # staffs (brief hfix10b 1); the years before the plan year said by before_text (brief hpeak, rv23 1)
    return (f"{'' if said else '初中编制 '}{below} 学年 {peak['posts']:,} 人，比{than}少 {peak['staffed'] - peak['posts']:,} 人{then}，"
            f"所需 {peak['hire']:,} 人自 {below} 学年起不再需要{EARLIER.format(year) if earlier else ''}：本方案按招聘计费，"
            f"也可改以{PEAK_COVER}补足、不招聘长期在编教师，由局务会决定")
