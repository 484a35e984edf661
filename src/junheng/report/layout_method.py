"""How the layout plan was computed, as the 布局调整方案's body says it to a 局务会 (review rv5
13: the body spoke solver, 「求解器目标值下界」「最优性差距」「罚项」): what was weighed, the key
unit prices with where they come from, and one sentence on how near the least the plan is.
The full settings and the solve's figures stay in the 附录 and the workbook's 求解信息."""

from __future__ import annotations

from junheng.model import numbers
from junheng.planning.layout_config import SCHOOL_BUS_YUAN, SITE_COST_SOURCE, SITE_YUAN
from junheng.planning.layout_outcome import LayoutOutcome

#: the price file every county has unless it gives its own (Costs.price_files)
BUILT_IN_PRICES = "costs.yaml"
#: where the default 校车 price comes from (layout_config.SCHOOL_BUS_YUAN)
BUS_SOURCE = "外省参考值，以本县实际替换：参照广东台山市校车试点，约每生每年 2,993 元"


def _yuan(value: float) -> str:
    """A unit price for a reader: 万元 from 100,000 元 up (1,200.00 万元), else 元 (3,500 元).

    >>> _yuan(12_000_000), _yuan(3500), _yuan(100_000)
    ('1,200.00 万元', '3,500 元', '10 万元')
    """
    if value >= 100_000:
        return f"{value / 10_000:,.0f} 万元" if value % 10_000 == 0 and value < 1_000_000 else numbers.money(value)
    return f"{value:,.0f} 元"


def price_source(costs: dict) -> str:
    """Where the building prices come from: the built-in file or the county's.

    >>> price_source({"price_files": ["costs.yaml"]}), price_source({"price_files": ["costs.yaml", "x"]})
    ('内置单价文件，与达标路径同价', '县区单价文件，与达标路径同价')
    """
    files = list(costs.get("price_files") or [BUILT_IN_PRICES])
    own = any(f != BUILT_IN_PRICES for f in files)
    return f"{'县区' if own else '内置'}单价文件，与达标路径同价"


def key_prices(plan: LayoutOutcome) -> str:
    """The unit prices that decide the plan, each with its source; those the plan lacks left out.

    >>> plan = LayoutOutcome("optimal", (), {}, weights={"school_bus_yuan_per_pupil_year": 3000.0,
    ...     "boarder_yuan_per_year": 1500, "operating_yuan_per_school": 19200},
    ...     costs={"teaching_yuan_per_m2": 3500.0, "new_school_yuan": 12_000_000.0, "price_files": ["costs.yaml"]})
    >>> print(key_prices(plan))
    教学及辅助用房每平方米 3,500 元、新建学校基础造价每所 1,200.00 万元（内置单价文件，与达标路径同价）；校车每生每年 3,000 元（外省参考值，以本县实际替换：参照广东台山市校车试点，约每生每年 2,993 元）；寄宿生每人每年增加生活与管理成本 1,500 元（假设值，无文件依据）；每个校点每年的校点运行费用 19,200 元（按每个校点 1 名专职保安估算：河南省三类地区最低工资每月 1,600 元 × 12（豫政〔2021〕33号，下限，未含单位社保），福清市教育局 2021 年按师生员工不足 200 人的学校配 1 名专职保安；水电、取暖和维修由公用经费开支，不足 100 人的农村小规模学校和教学点按 100 人核定的公用经费（国发〔2015〕67号）已单列为“公用经费保底”，不重复计入）
    """
    w, c = plan.weights or {}, plan.costs or {}
    built = [f"{label} {_yuan(float(c[k]))}" for k, label in (
        ("teaching_yuan_per_m2", "教学及辅助用房每平方米"), ("new_school_yuan", "新建学校基础造价每所"))
        if c.get(k) is not None]
    parts = [f"{'、'.join(built)}（{price_source(c)}）"] if built else []
    bus = w.get("school_bus_yuan_per_pupil_year")
    if bus:
        source = BUS_SOURCE if float(bus) == SCHOOL_BUS_YUAN else "县区设定"
        parts.append(f"校车每生每年 {_yuan(float(bus))}（{source}）")
    for key, label, source in (("boarder_yuan_per_year", "寄宿生每人每年增加生活与管理成本", "假设值，无文件依据"),
                               ("operating_yuan_per_school", "每个校点每年的校点运行费用", SITE_COST_SOURCE)):
        if w.get(key):
            own = key == "operating_yuan_per_school" and float(w[key]) != SITE_YUAN
            parts.append(f"{label} {_yuan(float(w[key]))}（{'县区设定' if own else source}）")
    return "；".join(parts)


def floor_clause(plan: LayoutOutcome) -> str:
    """The relief floor (12) as the model holds it, a rule met where it can be, at a price per
    pupil short in the solver's objective (no part of the 综合评价值; the price and the solver
    are the appendix's, rv8 15), and the schools the plan leaves short of it."""
    from junheng.planning.layout_unmet import relief_pupils, relief_short

    said = "保留学校的分流下限尽量满足、不是必须满足的规则（少留的学生按附录所列计入额计入测算模型，不是支出，不计入综合评价值）"
    if (pupils := relief_pupils(plan)) <= 0:
        return said
    who = "、".join(f"{name}少 {f - n:,} 人" for name, n, f in relief_short(plan)) or f"共少 {pupils:,.0f} 人"
    return f"{said}，本方案仍有{who}（原因和可选做法见下文所列未满足的规则）"


#: what the solve makes least (brief hsolve 1: 「取综合评价值最低的一种」 while the solver's
#: objective adds the rooms met by 临时周转 priced as built and the 分流下限's 计入额, 600 万元 on
#: the demo): the sum the appendix's 综合评价值 row spells out (layout_info._borrowed_note), its
#: terms named whether or not a plan has any of them
LEAST_TARGET = "取求解目标（综合评价值加上以临时周转解决的教室按新建计入的年均摊和分流下限的计入额）最低的一种"


def method_paragraph(plan: LayoutOutcome, score: float) -> str:
    """How the plan was computed, in one paragraph: the rules it keeps, the target it makes
    least (:data:`LEAST_TARGET`), what the 综合评价值 (of ``score`` a year) adds up, which parts
    are weights, not spending, and the key prices.

    >>> plan = LayoutOutcome("optimal", (), {}, weights={"yuan_per_pupil_minute": 0.2, "capital_years": 20})
    >>> print(method_paragraph(plan, 38_591_900.0))
    本方案的测算方法：按走读单程时间、学校规模上限等规则，比较撤并、扩建和新建的各种组合，取求解目标（综合评价值加上以临时周转解决的教室按新建计入的年均摊和分流下限的计入额）最低的一种；保留学校的分流下限尽量满足、不是必须满足的规则（少留的学生按附录所列计入额计入测算模型，不是支出，不计入综合评价值）。综合评价值每年 3,859.19 万元，是每年运行支出（校点运行、校车接送、寄宿生活与管理等）和建设投资按 20 年均摊，加上学生通行时间（每名学生单程每分钟 0.2 元）、小规模学校多配教职工等的折算；这些折算是权重，不是支出，综合评价值只用于比选方案。

    A plan short of a floor says so (review rv24 3: 「在…保留学校的分流下限等规则之内…」 while 城关第一小学
    kept 6 pupils under its floor, 600 万元 of the solver's 4,467.59 万元):

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> short = LayoutOutcome("optimal", (PlannedSchool("A", "城关一小", "keep", stay_floor=1_483,
    ...     students_after={"primary": 1_477}),), {"after": {"relief_short_pupils": 6.0}})
    >>> floor_clause(short).split("，本方案")[1]
    '仍有城关一小少 6 人（原因和可选做法见下文所列未满足的规则）'
    """
    w = plan.weights or {}
    years = f"按 {float(w['capital_years']):,.0f} 年均摊" if w.get("capital_years") else "均摊到每年"
    minute = (f"（每名学生单程每分钟 {float(w['yuan_per_pupil_minute']):g} 元）"
              if w.get("yuan_per_pupil_minute") is not None else "")
    prices = key_prices(plan)
    return (f"本方案的测算方法：按走读单程时间、学校规模上限等规则，比较撤并、扩建和新建的各种组合，{LEAST_TARGET}；"
            f"{floor_clause(plan)}。综合评价值每年 {numbers.money(score)}，是每年运行支出（校点运行、校车接送、"
            f"寄宿生活与管理等）和建设投资{years}，加上学生通行时间{minute}、小规模学校多配教职工等的折算；"
            "这些折算是权重，不是支出，综合评价值只用于比选方案。" + (f"主要单价：{prices}。" if prices else ""))


__all__ = ["LEAST_TARGET", "floor_clause", "key_prices", "method_paragraph", "price_source"]
