"""The junior hires weighed against the forecast's junior 编制 in words
(:func:`~junheng.planning.staffing_peak.junior_peak`, review rv20 finding 3): one function for
the 教师学段结构失衡 of the three documents, the 自然减员 sentence and the 布局调整方案's 表 2."""

from __future__ import annotations

from collections.abc import Mapping

from junheng.planning.staffing_peak import PEAK_COVER, junior_peak


def peak_text(staffing: Mapping | None, full: bool = True) -> str:
    """「初中编制 2031 学年 1,043 人，比本方案 2030 学年配足的 1,119 人少 76 人…」 beside a junior
    hire figure, "" when :func:`junior_peak` does not apply; ``full``: with the forecast's peak of
    the junior pupils, its last year, the years the hires are needed and the bureau's option (the
    plan itself hires and books them) (the short form stands in 表 2).

    Hand case (junior_peak's): 3 hired in 2030, the 23 posts of 2030 all staffed; 编制 21 in 2031,
    19 in 2032 (4 fewer than 23: the 3 no longer needed); the junior pupils most in 2029:

    >>> doc = {"year": 2030, "junior_posts": [[2030, 23], [2031, 21], [2032, 19], [2033, 17]],
    ...        "junior_pupil_peak": [2029, 320],
    ...        "schools": [{"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0}],
    ...        "retirement": {"by_stage": {"junior": 0}}}
    >>> print(peak_text(doc))
    招生预测全县初中学生（含民办学校）2029 学年最多（320 人）；初中编制 2032 学年 19 人，比本方案 2030 学年配足的 23 人少 4 人（2033 学年 17 人），所需 3 人自 2032 学年起不再需要（本方案按规划年 2030 学年核定编制，此前学生更多的学年所需教师按当年编制核定）：本方案按招聘计费，也可改以临时聘用（代课）或走教补足、不招聘长期在编教师，由局务会决定
    >>> print(peak_text(doc, full=False))
    2032 学年初中编制 19 人，比 2030 学年配足的 23 人少 4 人，也可改以临时聘用（代课）或走教补足、不招聘长期在编教师
    >>> peak_text({**doc, "junior_posts": [[2030, 23], [2031, 21]]})  # 2 fewer: one of the 3 still needed
    ''
    """
    peak = junior_peak(staffing)
    if peak is None:
        return ""
    year, below = peak["year"], peak["below"]
    fewer = f"{peak['posts']:,} 人，比{{}} {year} 学年配足的 {peak['staffed']:,} 人少 {peak['staffed'] - peak['posts']:,} 人"
    if not full:
        return f"{below} 学年初中编制 {fewer.format('')}，也可改以{PEAK_COVER}补足、不招聘长期在编教师"
    then = f"（{peak['last']} 学年 {peak['last_posts']:,} 人）" if peak["last"] > below else ""
    most = f"招生预测全县初中学生（含民办学校）{peak['peak'][0]} 学年最多（{peak['peak'][1]:,} 人）；" if peak["peak"] else ""
    # the plan staffs its year only: a peak of the pupils before it is not 「只在 2030 学年需要」 (rv23 1)
    before = "，此前学生更多的学年所需教师按当年编制核定" if peak["peak"] and peak["peak"][0] < year else ""
    return (
        # the plan hires and books them (the 教师配置汇总, 每年运行支出): the cover is the bureau's option,
        # not a second verdict beside 「须招聘」 (rv21 1); 2031's 编制 against the 2030 teachers the plan
        # staffs, the pupils' peak the forecast's (brief hfix10b 1)
        f"{most}初中编制 {below} 学年 {fewer.format('本方案')}{then}，所需 {peak['hire']:,} 人自 {below} 学年起不再需要"
        f"（本方案按规划年 {year} 学年核定编制{before}）：本方案按招聘计费，"
        f"也可改以{PEAK_COVER}补足、不招聘长期在编教师，由局务会决定"
    )
