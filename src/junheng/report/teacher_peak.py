"""The junior hires weighed against the forecast's junior 编制 in words
(:func:`~junheng.planning.staffing_peak.junior_peak`, review rv20 finding 3): one function for
the 教师学段结构失衡 of the three documents, the 自然减员 sentence and the 布局调整方案's 表 2."""

from __future__ import annotations

from collections.abc import Mapping

from junheng.planning.staffing_peak import PEAK_COVER, junior_peak


def peak_text(staffing: Mapping | None, full: bool = True) -> str:
    """「初中编制 2031 学年 1,040 人即少于现有初中专任教师 1,079 人…」 beside a junior hire
    figure, "" when :func:`junior_peak` does not apply; ``full``: with the forecast's last
    year, the years the hires are needed and the bureau's option (the plan itself hires and books them) (the short form stands in the 自然减员 sentence and 表 2).

    Hand case (junior_peak's): 3 hired in 2030, 20 teachers today, 编制 19 in 2031, 17 in 2032:

    >>> doc = {"year": 2030, "junior_posts": [[2030, 22], [2031, 19], [2032, 17]],
    ...        "schools": [{"stage": "junior", "need": 22, "today": 20, "hire": 2, "surplus": 0}],
    ...        "retirement": {"by_stage": {"junior": 1}}}
    >>> print(peak_text(doc))
    初中编制 2031 学年 19 人即少于现有初中专任教师 20 人（2032 学年 17 人），所需 3 人只在 2030 学年需要：本方案按招聘计费，也可改以临时聘用（代课）或走教补足、不招聘长期在编教师，由局务会决定
    >>> print(peak_text(doc, full=False))
    2031 学年初中编制 19 人即少于现有初中专任教师 20 人，也可改以临时聘用（代课）或走教补足、不招聘长期在编教师
    >>> peak_text({**doc, "junior_posts": [[2030, 22], [2031, 20]]})  # not below 20: the hires stand
    ''
    """
    peak = junior_peak(staffing)
    if peak is None:
        return ""
    year, below = peak["year"], peak["below"]
    fewer = f"{peak['posts']:,} 人即少于现有初中专任教师 {peak['today']:,} 人"
    if not full:
        return f"{below} 学年初中编制 {fewer}，也可改以{PEAK_COVER}补足、不招聘长期在编教师"
    then = f"（{peak['last']} 学年 {peak['last_posts']:,} 人）" if peak["last"] > below else ""
    span = f"{year} 学年" if below == year + 1 else f"{year}—{below - 1} 学年"
    return (
        # the plan hires and books them (the 教师配置汇总, 每年运行支出): the cover is the bureau's option,
        # not a second verdict beside 「须招聘」 (rv21 1)
        f"初中编制 {below} 学年 {fewer}{then}，所需 {peak['hire']:,} 人只在 {span}需要：本方案按招聘计费，"
        f"也可改以{PEAK_COVER}补足、不招聘长期在编教师，由局务会决定"
    )
