"""What zoning the pinned communities to a 建设项目's new school for good would add a year
(:mod:`~.layout_stay_new` rule 4), in the plan's own cost parts (:mod:`~.layout_costs`): the
yearly spending (财政支出) apart from the weights (权重，不是支出). Brief hpin, review rv5
findings 1 and 7: the note said 「按本方案测算口径每年至少多 327.17 万元」, which a reader took
for money spent, while the figure was a bound of the 综合评价值's difference and held the
travel-time weight (``yuan_per_pupil_minute``). On the demo the pinned plan's 397.41 万元 a
year are 296.10 万元 of school buses (987 more pupils beyond ``school_bus_km``) and 101.31 万元
of the travel-time weight (506.57 万人·分钟 more at 0.2 元).

Every part is taken as the tables print it (0.01 万元, :func:`~.layout_costs.shown_totals`),
so the parts add up to the difference of the two printed 综合评价值 exactly
(:func:`cost_split`).

Hand-worked: a plan whose pinned variant carries 280 more bus riders at 3,000 元 (84.00 万元)
and 1,449,504 more pupil-minutes at 0.2 元 (28.99 万元 of weight), 112.99 万元 in all:

>>> first = {"operating_site_yuan": 200_000.0, "funding_floor_yuan": 0.0, "boarding_cost_yuan": 0.0,
...          "school_bus_yuan": 0.0, "transport_yuan": 0.0, "operating_pupil_yuan": 400_000.0,
...          "hire_staff_yuan": 0.0, "operating_yuan": 600_000.0, "travel_pupil_minutes": 1_000_000.0,
...          "travel_weight_yuan": 200_000.0, "staff_weight_yuan": 0.0, "capital_annual_yuan": 0.0,
...          "hall_beyond_weight_yuan": 0.0, "objective_yuan": 400_000.0}
>>> pinned = {**first, "school_bus_yuan": 840_000.0, "operating_yuan": 1_440_000.0,
...           "travel_pupil_minutes": 2_449_504.0, "travel_weight_yuan": 489_901.0,
...           "objective_yuan": 1_529_901.0}
>>> split = cost_split(first, pinned)
>>> split["school_bus_yuan"], split["travel_weight_yuan"], split["minutes"], split["total"]
(840000.0, 289900.0, 1449504.0, 1129900.0)
>>> print(cost_words(split, 0.2))
每年多支出 84.00 万元（全部为校车运行费用），另增加学生通行时间 144.95 万人·分钟（按“学生通行时间权重”每人·分钟 0.2 元折 28.99 万元，是权重，不是支出），综合评价值合计每年多 112.99 万元

Where the spending does not grow and only the weight decides, the note says so and leaves it
to the 局务会, naming the setting and its value:

>>> print(cost_words({**split, "school_bus_yuan": 0.0, "total": 289_900.0}, 0.2))
财政支出每年不增加，只是增加学生通行时间 144.95 万人·分钟（按“学生通行时间权重”每人·分钟 0.2 元折 28.99 万元，是权重，不是支出），综合评价值合计每年多 28.99 万元：是否为用好新校学位而让这些学生多走这段路，是政策取舍，请局务会决定（“学生通行时间权重”是方案设置，现为每人·分钟 0.2 元，可调整后重新测算）
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.model import numbers
from junheng.planning.layout_config import setting_name
from junheng.planning.layout_costs import shown_totals

#: the objective's yearly spending parts (财政支出), as a sentence names them
SPEND_WORDS = {"school_bus_yuan": "校车运行费用", "boarding_cost_yuan": "寄宿生管理费用",
               "transport_yuan": "走读学生交通补助", "operating_site_yuan": "校点运行费用",
               "funding_floor_yuan": "公用经费保底", "capital_annual_yuan": "建设投资年均摊"}
#: the objective's weights besides travel time (权重，不是支出)
WEIGHT_WORDS = {"staff_weight_yuan": "小规模学校多配教职工", "hall_beyond_weight_yuan": "接收学校体育运动场馆面积缺口"}
TRAVEL = "travel_weight_yuan"


def cost_split(first: Mapping, pinned: Mapping) -> dict[str, float]:
    """Part key -> 元 a year the ``pinned`` plan's part (its metrics' "after") exceeds the
    ``first`` plan's, each as printed (0.01 万元); ``minutes``: the pupil-minutes a year more;
    ``total``: the parts' sum, the difference of the two printed 综合评价值 exactly."""
    a, b = shown_totals(first, True), shown_totals(pinned, True)
    out = {k: round(float(b.get(k, 0.0)) - float(a.get(k, 0.0)), 0) for k in (*SPEND_WORDS, TRAVEL, *WEIGHT_WORDS)}
    out["total"] = round(sum(out.values()), 0)
    out["minutes"] = round(float(pinned.get("travel_pupil_minutes", 0.0)) - float(first.get("travel_pupil_minutes", 0.0)), 0)
    out["riders"] = float(pinned.get("day_pupils_need_bus", 0)) - float(first.get("day_pupils_need_bus", 0))
    return out


def riders_words(riders: float, rules: Mapping | None) -> str:
    """Why the pinned plan's bus is paid (review rv13 8: the note said the community was
    「在走读上限内」 and then costed its pupils as bused, read as walkers priced as riders): the
    pupils it adds to the bus, beyond ``school_bus_km`` in a straight line, and, where the
    shortest such trip on foot or by e-bike (``detour_factor``, ``speed_kmh_urban``) exceeds the
    day limit, that they cannot walk it. "" without riders or rules.

    >>> rules = {"school_bus_km": 5.0, "detour_factor": 1.3, "speed_kmh_urban": 12.0,
    ...          "day_travel_limit_min": 30.0}
    >>> riders_words(987.0, rules)
    '多乘校车 987 人：划入的片区到新校直线超过 5 公里，按规则乘校车（步行、骑车单程至少 32.5 分钟，超过走读上限 30 分钟），所列单程分钟数是乘校车的时间'
    >>> riders_words(0.0, rules), riders_words(12.0, None)
    ('', '')
    """
    get = (rules or {}).get
    if riders < 0.5 or not get("school_bus_km"):
        return ""
    walk = float(get("school_bus_km")) * float(get("detour_factor") or 1.0) / float(get("speed_kmh_urban") or 1.0) * 60
    limit = float(get("day_travel_limit_min") or 0)
    why = (f"（步行、骑车单程至少 {numbers.trimmed(walk, 1)} 分钟，超过走读上限 {numbers.trimmed(limit, 0)} 分钟）"
           if limit and walk > limit else "")
    return (f"多乘校车 {numbers.number(riders, 0)} 人：划入的片区到新校直线超过 {numbers.trimmed(float(get('school_bus_km')), 1)} 公里，"
            f"按规则乘校车{why}，所列单程分钟数是乘校车的时间")


def _wan(yuan: float) -> str:
    return f"{numbers.number(abs(yuan) / 10_000, 2)} 万元"


def _more(yuan: float) -> str:
    return f"{'多' if yuan > 0 else '少'} {_wan(yuan)}"


def cost_words(split: Mapping[str, float], per_minute: float, rules: Mapping | None = None) -> str:
    """The yearly difference ``split`` (:func:`cost_split`) in words: the spending with its
    parts, then the travel time and its weight (``per_minute``, 元 a pupil-minute) and the other
    weights, each marked 不是支出, then the 综合评价值; where the spending does not grow, that the
    weight alone decides, a choice for the 局务会."""
    spend = round(sum(split[k] for k in SPEND_WORDS), 0)
    parts = [(SPEND_WORDS[k], split[k]) for k in SPEND_WORDS if round(split[k] / 100)]
    detail = (f"全部为{parts[0][0]}" if len(parts) == 1 and parts[0][1] == spend
              else "其中" + "、".join(f"{w}{_more(d)}" for w, d in parts) if parts else "")
    if split["school_bus_yuan"] > 0 and (bus := riders_words(split.get("riders", 0.0), rules)):
        detail = f"{detail}；{bus}" if detail else bus
    setting, price = setting_name("yuan_per_pupil_minute"), f"每人·分钟 {numbers.trimmed(per_minute, 2)} 元"
    minutes, travel = split["minutes"], split[TRAVEL]
    way = "增加" if minutes > 0 else "减少"
    weight = (f"{way}学生通行时间 {numbers.number(abs(minutes) / 10_000, 2)} 万人·分钟（按{setting}{price}折 "
              f"{_wan(travel)}，是权重，不是支出）" if round(travel / 100) else "")
    others = "、".join(f"{w}权重{_more(split[k])}" for k, w in WEIGHT_WORDS.items() if round(split[k] / 100))
    weight = "，".join(filter(None, (weight, others and f"{others}（不是支出）")))
    total = f"综合评价值合计每年{_more(split['total'])}"
    if spend >= 100:  # at least 0.01 万元 more spent
        head = f"每年多支出 {_wan(spend)}" + (f"（{detail}）" if detail else "")
        return f"{head}，另{weight}，{total}" if weight else f"{head}，{total}"
    head = "财政支出每年不增加" if spend > -100 else f"财政支出每年少 {_wan(spend)}"
    return (f"{head}{f'（{detail}）' if detail else ''}，只是{weight}，{total}：是否为用好新校学位而让这些学生多走这段路，"
            f"是政策取舍，请局务会决定（{setting}是方案设置，现为{price}，可调整后重新测算）")


def bound_words(yuan: float) -> str:
    """The difference where only the pinned problem's bound is known (rule 4 where the pinned
    plan would be slow to solve): at least, and that it holds the weights.

    >>> bound_words(3_271_700.0)
    '按本方案测算口径每年至少多 327.17 万元（为综合评价值之差的下限，含学生通行时间等按权重的折算，不全是财政支出，未逐项测算）'
    """
    return (f"按本方案测算口径每年至少多 {_wan(yuan)}（为综合评价值之差的下限，含学生通行时间等按权重的折算，"
            "不全是财政支出，未逐项测算）")


def rooms_words(first: Mapping[int, int], first_yuan: float, pinned: Mapping[int, int], pinned_yuan: float) -> str:
    """The 过渡期's 临时周转 the pins would spare (one-off, apart from the yearly figures):
    ``first`` and ``pinned`` each plan's room-years by school year, ``*_yuan`` their cost.

    >>> rooms_words({2027: 17, 2028: 6}, 460_000.0, {}, 0.0)
    '；划入新校则过渡期少临时周转 23 间·学年（一次性 46.00 万元）'
    >>> rooms_words({2027: 2}, 40_000.0, {2027: 2}, 40_000.0)
    ''
    """
    rooms, yuan = sum(first.values()) - sum(pinned.values()), first_yuan - pinned_yuan
    if rooms <= 0:
        return ""
    return f"；划入新校则过渡期少临时周转 {rooms:,} 间·学年（一次性 {_wan(yuan)}）"
