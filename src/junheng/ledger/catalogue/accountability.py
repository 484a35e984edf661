"""The Xinxiang 问责 rule as a measure: counties in the city's bottom two two years running."""

from __future__ import annotations

from junheng.ledger.registry import CityContext, Params, Reading, count_of, measure, missing


class AccountableParams(Params):
    use_evaluation: bool = True


def _ranking(ctx: CityContext, p: AccountableParams):
    """The city ranking of every county-year of the region, computed once per ledger run."""
    from junheng.ledger.city import rank_city

    key = f"ranking:{p.use_evaluation}"
    if key not in ctx.cache:
        ctx.cache[key] = rank_city(ctx.loader, list(ctx.county_years), evaluator=ctx.evaluator,
                                   use_evaluation=p.use_evaluation)
    return ctx.cache[key]


@measure("accountable_counties", "连续两年排在后两名的县区数", "count", "个", AccountableParams,
         scope="city")
def accountable_counties(ctx: CityContext, p: AccountableParams) -> Reading:
    """按“地市排名”（台账完成率、优质均衡评估）本学年和上一学年都排在后两名、应启动问责的
    县区数（明细为县区代码）；当年县区不足 3 个时不判定。"""
    here = [r for r in ctx.county_years if r.school_year == ctx.school_year]
    if not here:
        return missing(f"{ctx.school_year} 学年没有县区数据")
    if len({r.county_code for r in here}) < 3:
        return missing(f"{ctx.school_year} 学年县区不足 3 个，不判定后两名")
    standings = _ranking(ctx, p).year(ctx.school_year)
    flagged = [s for s in standings if s.accountable]
    bottom = "、".join(s.county_name or s.county_code for s in standings if s.bottom_two)
    named = "、".join(s.county_name or s.county_code for s in flagged)
    note = (f"后两名：{bottom}；" + (f"连续两年排在后两名：{named}" if flagged
                                    else "没有县区连续两年排在后两名"))
    reading = count_of(s.county_code for s in flagged)
    return Reading(reading.numerator, None, reading.items, note)
