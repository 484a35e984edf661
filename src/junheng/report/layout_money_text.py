"""The layout plan's money sentences (its headline, one-off spending, per-site cost and hire
bases), for the workbook (:mod:`junheng.report.layout_xlsx`), the Word plan, the web and the CLI."""

from __future__ import annotations

from junheng.model import numbers
from junheng.model.labels import (
    closed_units,
    funding_bases_differ,
    quota_funding,
)
from junheng.planning.layout_config import SAVED_APART, SITE_COST_SEE, SITE_YUAN, TRACED_BASIS
from junheng.planning.layout_costs import shown_metrics, shown_totals
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_waiting import temporary_yuan
from junheng.planning.plans_budget import priced, transport_priced
from junheng.report.staffing_rows import staffing_sentence

HIRES_ALIKE = "不调整列按不调整时的学生同一口径计需招聘的教师：学生增加所需的招聘不因调整而产生，不计为调整的支出。"


def hire_cost_basis(teacher) -> str:
    """The price of a new teacher and its basis, stated where the 新聘教师人员经费 is used
    (planner review finding 11: 720 万元 for 72 teachers, the 10 万元 each stated nowhere).

    >>> hire_cost_basis(100_000)
    '新聘教师人员经费：调配、调剂后按编制需招聘的教师，每名教师每年人员经费按 10 万元计（依据：本县教职工人均人员经费的测算取值，与小规模学校多配教职工的折算额同一数值），计入每年运行支出；不调整列按不调整时的学生同一口径计需招聘的教师：学生增加所需的招聘不因调整而产生，不计为调整的支出。'
    >>> hire_cost_basis(None)
    ''
    """
    if not isinstance(teacher, int | float):
        return ""
    return ("新聘教师人员经费：调配、调剂后按编制需招聘的教师，每名教师每年人员经费按 "
            f"{numbers.trimmed(teacher / 10_000)} 万元计（依据：本县教职工人均人员经费的测算取值，"
            "与小规模学校多配教职工的折算额同一数值），计入每年运行支出；" + HIRES_ALIKE)


def site_cost_note(weights) -> str:
    """What the comparison's three kinds of figures are: money the bureau spends, staff, and
    the objective's weights (review: redeployed salaries, travel time were 'savings'); the
    per-site price only in 测算方法 (review rv16 8: 「每个校点每年 100,000 元，假设值，无文件依据」
    stood in the body's note).

    >>> site_cost_note({"operating_yuan_per_school": 19_200}).split("校点运行费用（")[1].split("）、")[0]
    '按每个校点的定额，单价按 1 名专职保安计，见《布局调整方案》“测算方法和未满足的规则”；水电、取暖、维修属公用经费'
    >>> site_cost_note({"operating_yuan_per_school": 50_000}).split("校点运行费用（")[1].split("；")[0]
    '按每个校点的定额，单价为县区设定'
    """
    site = weights.get("operating_yuan_per_school")
    teacher = weights.get("teacher_yuan_per_year")
    minute = weights.get("yuan_per_pupil_minute")
    each = (f"按每个校点的定额，{SITE_COST_SEE if site == SITE_YUAN else '单价为县区设定'}；"
            if isinstance(site, int | float) else "每个校点的定额，")
    pay = f"每人每年 {numbers.money(teacher)}" if isinstance(teacher, int | float) else "按人员经费"
    value = (f"每人·分钟 {numbers.trimmed(minute, 4)} 元" if isinstance(minute, int | float)
             else "设定的单价")
    transport = transport_text(weights)
    return (f"财政支出是按所设单价测算的教育局支出（单价多为假设值，见各项）：一次性建设投资（新建学校含基础造价、教室和按生均标准补足的教学及辅助用房），及每年的校点运行费用（{each}水电、取暖、维修属公用经费）、"
            f"公用经费保底、寄宿生生活管理费用和{quota_funding(weights)}；{transport}。{funding_bases_differ(weights)}。"
            "编制：撤并学校的在编教师随学生调配到接收学校，不解聘，人员经费不因撤并而节省；按编制标准核定的教职工"
            f"全县减少时，只有随自然减员不再补充才节省。{hire_cost_basis(teacher)}"
            f"综合评价值另含两项权重，不是财政支出，也不是节省：通行时间按{value}折算，小规模学校、教学点实有教职工"
            f"（不超过按班师比核定的人数）比按生师比核定多出的人数按{pay}计，用于在方案之间取舍。")


def spending_headline(plan: LayoutOutcome, wan: bool = False) -> str:
    """The plan's money in one sentence, only what the bureau spends; then staff and travel;
    ``wan``: every amount in 万元, as the 自评报告 writes all money (brief left1 item 4).

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> m = {"before": {"operating_yuan": 5_000_000.0, "staff_posts": 120,
    ...                 "travel_pupil_minutes": 1_000_000.0},
    ...      "after": {"capital_cost_yuan": 8_400_000.0, "operating_yuan": 4_700_000.0,
    ...                "staff_posts": 116, "teachers_to_redeploy": 9,
    ...                "travel_pupil_minutes": 1_150_000.0}}
    >>> print(spending_headline(LayoutOutcome("optimal", (), m)))
    财政支出：一次性建设投资 840.00 万元；每年运行支出由 500.00 万元变为 470.00 万元（每年减少 30.00 万元；不含校车或交通补助费用：未设单价）。编制：公办义务教育学校按标准（生师比与小规模学校班师比结合）核定的教职工由 120 人变为 116 人，撤并学校的 9 名教师调配到接收学校。通行：学生单程通行时间合计（按全年往返次数计）增加 15.0%。

    With receivers' per-pupil areas priced (oneyear): the 建设投资 holds them, and says so:

    >>> m2 = {**m, "after": {**m["after"], "receiver_area_yuan": 1_600_000.0}}
    >>> print(spending_headline(LayoutOutcome("optimal", (), m2)).split("；")[0])
    财政支出：一次性建设投资 1,000.00 万元（其中接收学校补足生均面积 160.00 万元，需论证）

    Posts falling by more than the closed schools' teachers, and the pupils a bus must carry:

    >>> m["after"].update(staff_posts=100, day_pupils_need_bus=1179, staff_posts_class_ratio=3)
    >>> print(spending_headline(LayoutOutcome("optimal", (), m)))
    财政支出：一次性建设投资 840.00 万元；每年运行支出由 500.00 万元变为 470.00 万元（每年减少 30.00 万元；不含校车或交通补助费用：未设单价，规划后需校车接送的学生 1,179 人）。编制：公办义务教育学校按标准（生师比与小规模学校班师比结合）核定的教职工由 120 人变为 100 人，其中 3 人为小规模学校、教学点按班师比多于生师比核定的教职工，不计入教师配置汇总（该表按生师比逐校逐学段核定 97 人），撤并学校的 9 名教师调配到接收学校；核定数减少 20 人、多于这 9 人，是因为撤并的教学点、小规模学校按班级数（班师比）核定的编制多于其实有教师，学生并入接收学校后按生师比核定，不是减少在岗教师。通行：学生单程通行时间合计（按全年往返次数计）增加 15.0%。
    """
    before, after = plan.metrics.get("before", {}), plan.metrics.get("after", {})
    if "operating_yuan" not in after:
        return ""
    raw = max(abs(float(before.get("operating_yuan", 0.0))), abs(float(after["operating_yuan"])))
    shown_wan = wan or raw >= numbers.WAN_FROM  # the totals as the sums of the parts shown
    before, after = shown_totals(before, shown_wan), shown_totals(after, shown_wan)
    b, a = before.get("operating_yuan", 0.0), after["operating_yuan"]

    def money(yuan: float, beside: float = 0.0) -> str:
        return numbers.money(yuan, max(beside, numbers.WAN_FROM if wan else 0.0))

    text = (f"财政支出：{one_off_text(plan, money)}；"
            + running_text(plan, money, (b, a), _unpriced_transport(plan.weights, after)) + "。")
    if "staff_posts" in after:
        text += _staff_text(before, after, closed_words(plan))
    text += staffing_sentence(plan.staffing)
    return text + travel_text(before, after, plan.weights)


def travel_text(before: dict, after: dict, weights: dict | None) -> str:
    """The travel sentence: the total weighted by each pupil's trips a year (day pupils and
    boarders apart, said beside it) and the mean one-way minutes, each change computed (rv18 7:
    −8.4 % beside a mean's −6.6 % with no word why); '' without the total.

    >>> before = {"travel_pupil_minutes": 73_549_468.0, "mean_travel_min": 7.76}
    >>> after = {"travel_pupil_minutes": 67_377_530.0, "mean_travel_min": 7.25}
    >>> print(travel_text(before, after, {"day_trips_per_year": 360, "boarder_trips_per_year": 72}))
    通行：学生单程通行时间合计（按全年往返次数计：走读生每年单程 360 次、寄宿生 72 次）减少 8.4%；平均单程通行时间由 7.76 分钟变为 7.25 分钟，减少 6.6%。
    >>> travel_text({"travel_pupil_minutes": 1.0}, {"travel_pupil_minutes": 1.15}, {})
    '通行：学生单程通行时间合计（按全年往返次数计）增加 15.0%。'
    """
    if "travel_pupil_minutes" not in after or not before.get("travel_pupil_minutes"):
        return ""

    def change(a: float, b: float) -> str:
        rise = a / b - 1
        return f"{'增加' if rise >= 0 else '减少'} {numbers.percent(abs(rise))}"

    w = weights or {}
    trips = (f"：走读生每年单程 {numbers.trimmed(w['day_trips_per_year'])} 次、寄宿生 "
             f"{numbers.trimmed(w['boarder_trips_per_year'])} 次"
             if {"day_trips_per_year", "boarder_trips_per_year"} <= set(w) else "")
    text = (f"通行：学生单程通行时间合计（按全年往返次数计{trips}）"
            f"{change(after['travel_pupil_minutes'], before['travel_pupil_minutes'])}")
    b, a = before.get("mean_travel_min"), after.get("mean_travel_min")
    if a is not None and b:
        text += f"；平均单程通行时间由 {b:.2f} 分钟变为 {a:.2f} 分钟，{change(a, b)}"
    return text + "。"


def running_text(plan: LayoutOutcome, money, totals: tuple[float, float], transport: str = "") -> str:
    """The yearly running change by its one rule (:data:`~.layout_config.TRACED_BASIS`, brief
    hwords3 1), the savings the county has not reported listed apart (:func:`apart_parts`) and
    the 保底 not paid today said (review rv 1: 1,036.27 万元 a year headlined 640.00 at an
    assumed 10 万元 a site and 116.42 not paid today); ``totals``: 运行支出 before and after as
    the table shows them (the whole, last).

    Hand-worked, an earlier demo's totals: 6,426.00 → 5,369.25 (−1,056.75) less −122.88 of sites
    (64 at 1.92 万元), plus 116.42 not paid: −817.45 万元 a year:

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", tuple(PlannedSchool(f"P{i}", "点", "close", phase=2)
    ...     for i in range(64)), {"now": {"floor_unpaid_by_school": {"P0": 1_164_200.0}},
    ...     "before": {"operating_yuan": 64_260_000.0, "funding_floor_yuan": 4_543_200.0},
    ...     "after": {"operating_yuan": 53_692_500.0, "funding_floor_yuan": 395_300.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 19_200})
    >>> print(running_text(plan, numbers.money, (64_260_000.0, 53_692_500.0)))
    运行支出每年减少 817.45 万元（新增支出按所设单价计，节省只计目前实际拨付的）；按单价测算、县未报实际支出的节省另列，不计入：校点运行费用每年减少 122.88 万元（单价按 1 名专职保安计，见《布局调整方案》“测算方法和未满足的规则”）；撤并学校目前少拨的公用经费保底 116.42 万元现在并未支出，不计为节省（全部按测算口径，每年运行支出由 6,426.00 万元变为 5,369.25 万元，每年减少 1,056.75 万元，其中计入上数的 817.45 万元，其余 239.30 万元为另列的节省和现在并未支出的保底）
    """
    from junheng.planning.layout_spending import running_change

    b, a = totals
    scale = max(abs(b), abs(a))
    c, apart = running_change(plan), apart_parts(plan, lambda d: _change(d, money, scale))
    whole = f"每年运行支出由 {money(b, scale)}变为 {money(a, scale)}"
    if not apart and not round(c.unpaid_yuan):
        return f"{whole}（{_change(a - b, money, scale)}{transport}）"
    text = f"运行支出{_change(c.traced_yuan, money, scale)}（{TRACED_BASIS}{transport and '，' + transport[1:]}）"
    text += f"；{SAVED_APART}：" + "、".join(apart) if apart else ""
    text += (f"；撤并学校目前少拨的公用经费保底 {money(c.unpaid_yuan, scale)}现在并未支出，不计为节省"
             if round(c.unpaid_yuan) else "")
    rest = "和".join(w for w, n in (("另列的节省", apart), ("现在并未支出的保底", round(c.unpaid_yuan))) if n)
    return text + (f"（全部按测算口径，{whole}，{_change(a - b, money, scale)}"
                   f"{_traced_share(a - b, c.traced_yuan, money, scale, rest)}）")


def _change(d: float, money=numbers.money, scale: float = 0.0) -> str:
    """「每年减少 X」, 「每年增加 X」 or 「不变」 for a yearly change ``d`` (元)."""
    return "不变" if not round(d) else f"每年{'减少' if d < 0 else '增加'} {money(abs(d), scale)}"


def apart_parts(plan: LayoutOutcome, change, see: bool = True) -> list[str]:
    """The savings said beside the headline (:data:`~.layout_config.SAVED_APART`), each with its
    yearly ``change`` in words: the per-site cost at its reference price (with where its price
    is said, ``see``) and each fall at a set unit price (:func:`~.layout_spending.set_price_savings`).

    >>> plan = LayoutOutcome("optimal", (), {"before": {"boarding_cost_yuan": 50_000.0},
    ...     "after": {"boarding_cost_yuan": 40_000.0}})
    >>> apart_parts(plan, _change)
    ['寄宿生管理费用每年减少 10,000 元']
    """
    from junheng.planning.layout_spending import running_change, set_price_savings
    from junheng.planning.plans_budget import RUNNING_PARTS

    site = running_change(plan).site_yuan
    out = [f"校点运行费用{change(site)}" + (f"（{SITE_COST_SEE}）" if see else "")] if round(site) else []
    return out + [RUNNING_PARTS[k] + change(v) for k, v in set_price_savings(plan).items()]


def _traced_share(whole: float, traced: float, money, scale: float, rest: str) -> str:
    """Of the whole measured change, the part counted (:data:`~.layout_config.TRACED_BASIS`) and
    the rest (``rest`` what it is), each by its own label (review rv3 9: 「每年减少 1,019.09 万元」
    printed without its 630.00 assumed and 116.42 not paid today); each rounded to 0.01 万元
    (100 元) as shown before the rest is taken, so the two add up to the whole; "" where the two
    do not run the same way. The demo: 1,019.09 − 272.67 = 746.42 (= 630.00 + 116.42).

    >>> _traced_share(-10_190_900.0, -2_726_700.0, numbers.money, 10_190_900.0, "另列的节省和现在并未支出的保底")
    '，其中计入上数的 272.67 万元，其余 746.42 万元为另列的节省和现在并未支出的保底'
    >>> _traced_share(-100.0, 50.0, numbers.money, 100.0, "另列的节省")
    ''
    """
    shown, part = round(abs(whole), -2), round(abs(traced), -2)
    if whole * traced <= 0 or part >= shown:
        return ""
    return f"，其中计入上数的 {money(part, scale)}，其余 {money(shown - part, scale)}为{rest}"


def total_label(plan: LayoutOutcome, label: str) -> str:
    """The comparison's 运行支出合计 row ``label`` with what of its change is counted by the one
    rule and what is apart (:func:`running_text`, review rv 1); ``label`` unchanged when
    nothing is apart.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "点", "close", phase=2),),
    ...     {"before": {"operating_yuan": 2_000_000.0}, "after": {"operating_yuan": 1_930_800.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 19_200})
    >>> print(total_label(plan, "财政支出：运行支出合计（每年）"))
    财政支出：运行支出合计（每年，测算口径；其中计入每年运行支出变化的每年减少 5.00 万元（新增支出按所设单价计，节省只计目前实际拨付的），另列校点运行费用每年减少 1.92 万元，见说明）
    """
    from junheng.planning.layout_spending import running_change

    c = running_change(plan)
    shown = shown_metrics(plan.metrics)
    scale = max(abs(float(shown.get(k, {}).get("operating_yuan", 0.0))) for k in ("before", "after"))
    apart = "、".join(apart_parts(plan, lambda d: _change(d, numbers.money, scale), see=False))
    if not apart and not round(c.unpaid_yuan):
        return label
    unpaid = (f"撤并学校目前少拨的公用经费保底 {numbers.money(c.unpaid_yuan, scale)}"
              if round(c.unpaid_yuan) else "")
    return (label.removesuffix("（每年）") + f"（每年，测算口径；其中计入每年运行支出变化的"
            f"{_change(c.traced_yuan, numbers.money, scale)}（{TRACED_BASIS}），"
            + "和".join(x for x in (apart and f"另列{apart}", unpaid) if x) + "，见说明）")


def running_cell(plan: LayoutOutcome, first: str) -> str:
    """The 方案概要's 每年运行支出变化: ``first``, the counted change with its rule
    (:func:`running_text`'s first clause), then, where a saving is apart, why, and where its
    figures are: the whole measured change and its parts only in （一） (review rv17 11).
    Hand-worked: counted −24,200 + 19,200 = −5,000 元.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "点", "close", phase=2),),
    ...     {"before": {"operating_yuan": 200_000.0}, "after": {"operating_yuan": 175_800.0}},
    ...     year=2025, weights={"operating_yuan_per_school": 19_200})
    >>> print(running_cell(plan, "运行支出每年减少 5,000 元（新增支出按所设单价计，节省只计目前实际拨付的）"))
    运行支出每年减少 5,000 元（新增支出按所设单价计，节省只计目前实际拨付的）；按单价测算、县未报实际支出的节省另列，不计入（分项和全部按测算口径的变化见（一）财政支出）
    """
    if not apart_parts(plan, _change):
        return f"{first}（分项见（一）财政支出）"
    return f"{first}；{SAVED_APART}（分项和全部按测算口径的变化见（一）财政支出）"


def one_off_text(plan: LayoutOutcome, money=numbers.money, priced: bool = False) -> str:
    """The one-off spending: one 建设投资 with the receivers' areas in it, the 临时周转 beside it
    (review re finding 1: 5,564.42 here, 7,674.49 and 7,762.49 elsewhere were all 建设投资),
    each part rounded once to 0.01 万元, the sums the sums of the parts.

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> m = {"after": {"capital_cost_yuan": 55_644_249.0, "receiver_area_yuan": 21_100_651.0}}
    >>> one_off_text(LayoutOutcome("optimal", (), m))
    '一次性建设投资 7,674.49 万元（其中接收学校补足生均面积 2,110.07 万元，需论证）'

    Land beside a receiver is 待决策 until granted, the total without it said (review rv5
    finding 6); 7,674.49 − 150.00 = 7,524.49 万元:

    >>> m["after"].update(sports_land_m2=1000, sports_land_yuan=1_500_000.0)
    >>> print(one_off_text(LayoutOutcome("optimal", (), m, rules={"sports_land_max_m2": 1000})))
    一次性建设投资 7,674.49 万元（其中接收学校补足生均面积 2,110.07 万元，需论证，含扩充体育运动场地用地 1,000 平方米、150.00 万元（待决策，须经自然资源部门确认用地，每校至多 1,000 平方米为假设值，确认前不作准），不计这笔为 7,524.49 万元）

    ``priced``: the document's first total of the 临时周转 says the price of a room-year is an
    assumption (review rv9 3: 「280.00 万元」 said as a fact; 2 room-years × 2.00 万元 here):

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> p = LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 1_000_000.0}}, year=2025,
    ...     costs={"temporary_room_yuan": 20_000.0}, transition=(YearRooms(2027, "E", "junior", 500, 2, 0, 2),))
    >>> print(one_off_text(p, priced=True))
    一次性建设投资 100.00 万元，另过渡期 2027 学年临时周转 2 间·学年、4.00 万元（每间每学年 2.00 万元（假设值，以本县实际租金替换），不计入建设投资），一次性投入合计 104.00 万元
    """
    from junheng.planning.layout_borrow import layout_window, year_span
    from junheng.planning.layout_config import YUAN_PER_WAN
    from junheng.planning.layout_land import pending_land
    from junheng.planning.layout_outcome import shown_yuan
    from junheng.planning.layout_waiting import room_price_words, room_year_yuan
    after = plan.metrics.get("after", {})
    area = shown_yuan([after.get("receiver_area_yuan") or 0.0])
    built = shown_yuan([after.get("capital_cost_yuan", 0.0)]) + area
    wait = shown_yuan(temporary_yuan(plan).values())
    land = shown_yuan([after.get("sports_land_yuan") or 0.0]) if pending_land(plan) else 0.0
    # no 「；」 inside: the 方案概要 row cuts the money sentence at its first one (layout_sections)
    said = "，".join(x for x in (
        f"其中接收学校补足生均面积 {money(area, built)}，需论证" if area else "",
        f"含{pending_land(plan)}，不计这笔为 {money(built - land, built)}" if land else ""
    ) if x)
    text = f"一次性建设投资 {money(built)}" + (f"（{said}）" if said else "")
    if wait:  # brief hwin: its room-years and the school years they fall in said beside the money
        w = layout_window(plan)
        years = f" {year_span({**w.early, **w.later})}临时周转 {w.total:,} 间·学年、" if w.total else "临时周转 "
        price = f"{room_price_words(room_year_yuan(plan) / YUAN_PER_WAN)}，" if priced else ""
        text += f"，另过渡期{years}{money(wait, built)}（{price}不计入建设投资），一次性投入合计 {money(built + wait)}"
    return text


def unsecured_text(plan: LayoutOutcome) -> str:
    """How much of the 建设投资 waits on land (review rv28 finding 3: about 94% of it): a new
    school's build on its candidate site (「候选校址…不是已确定的地块」), the new rooms with no
    site (:func:`~junheng.planning.layout_footprint.unsited_rooms`, 「校内放不下」) at the room
    price the plan counts, the land beside receivers (:func:`~junheng.planning.layout_land.pending_land`,
    「待确认」), each rounded once to 0.01 万元 as the plan shows it; '' where none or only the
    land, which :func:`one_off_text` says beside the same total.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新初中", "new", capital_yuan=39_887_100.0),
    ...     PlannedSchool("X", "新区实验学校", "expand", added_classrooms=2, added_classrooms_by_stage={"junior": 2},
    ...                   spare_ground_m2=2_398, room_ground_m2=0)), {"after": {"sports_land_m2": 2524,
    ...     "sports_land_yuan": 3_786_000.0}}, costs={"teaching_yuan_per_m2": 3500.0})
    >>> unsecured_text(plan)  # 3,988.71 + 2 × 42.00 + 378.60 = 4,451.31
    '建设投资中 4,451.31 万元用地未落实（新建学校在候选校址 3,988.71 万元、新建教室校内放不下 84.00 万元、相邻用地待确认 378.60 万元）'
    """
    from junheng.planning.layout_borrow import room_build_yuan
    from junheng.planning.layout_footprint import room_area, unsited_rooms
    from junheng.planning.layout_land import pending_land
    from junheng.planning.layout_outcome import shown_yuan

    area, after = room_area(plan), plan.metrics.get("after", {})
    parts = (("新建学校在候选校址", sum(s.shown_capital_yuan for s in plan.schools if s.action == "new")),
             ("新建教室校内放不下", shown_yuan([sum(unsited_rooms(s, area) for s in plan.schools) * room_build_yuan(plan)])),
             ("相邻用地待确认", shown_yuan([after.get("sports_land_yuan") or 0.0]) if pending_land(plan) else 0.0))
    said = [(what, yuan) for what, yuan in parts if round(yuan)]
    if not said or said == [parts[-1]]:  # the land alone: :func:`one_off_text` says it already
        return ""
    each = "、".join(f"{what} {numbers.money(yuan, numbers.WAN_FROM)}" for what, yuan in said)
    return f"建设投资中 {numbers.money(sum(y for _, y in said), numbers.WAN_FROM)}用地未落实（{each}）"


def transport_text(weights) -> str:
    """What the plan's yearly spending counts for the school bus and 交通补助.

    >>> transport_text({"school_bus_yuan_per_pupil_year": 3000, "transport_yuan_per_pupil_year": 0})
    '校车运行费用按需校车接送的学生每生每年 3,000 元计'
    >>> transport_text({"transport_yuan_per_pupil_year": 800, "transport_min_km": 3})
    '走读学生道路距离超过 3 公里的按每生每年 800 元计交通补助；校车费用未计入（未设单价）'
    >>> transport_text({})
    '校车等交通费用未计入（未设单价）'
    """
    bus, fare, km = (weights.get(k) for k in ("school_bus_yuan_per_pupil_year",
                                              "transport_yuan_per_pupil_year", "transport_min_km"))
    priced_bus = priced(weights, "school_bus_yuan_per_pupil_year")
    parts = [f"校车运行费用按需校车接送的学生每生每年 {numbers.money(bus)}计"] if priced_bus else []
    if priced(weights, "transport_yuan_per_pupil_year") and isinstance(km, int | float):
        who = "、不乘校车" if parts else ""
        parts.append(f"走读学生道路距离超过 {numbers.trimmed(km, 2)} 公里{who}的按每生每年 {numbers.money(fare)}计交通补助")
    if parts and not priced_bus:
        parts.append("校车费用未计入（未设单价）")
    return "；".join(parts) or "校车等交通费用未计入（未设单价）"


def _unpriced_transport(weights, after: dict) -> str:
    """'；不含校车或交通补助费用…' when the plan prices no bus (review item 9: the saving was
    headlined with 1,179 pupils beyond the bus distance priced 0)."""
    if transport_priced(weights):
        return ""
    bus = after.get("day_pupils_need_bus")
    far = f"，规划后需校车接送的学生 {bus:,} 人" if bus else ""
    return f"；不含校车或交通补助费用：未设单价{far}"


def closed_words(plan: LayoutOutcome) -> str:
    """The plan's closed units as their teachers' owner: 撤并的 64 个教学点, schools by 所 and
    教学点 by 个 (review rd 1); 撤并学校 for a plan that lists none.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> closed_words(LayoutOutcome("optimal", (PlannedSchool("T", "点", "close", kind="teaching_point"),), {}))
    '撤并的 1 个教学点'
    >>> closed_words(LayoutOutcome("optimal", (), {}))
    '撤并学校'
    """
    closed = [s for s in plan.schools if s.action == "close"]
    points = sum(s.kind == "teaching_point" for s in closed)
    return f"撤并的 {closed_units(len(closed) - points, points)}" if closed else "撤并学校"


def _staff_text(before: dict, after: dict, closed: str = "撤并学校") -> str:
    """The 编制 sentence; where the standard posts fall by more than the closed schools'
    teachers, why (review item 9: −379 posts against 161 teachers); ``closed``: who they
    were (:func:`closed_words`)."""
    was, now = before.get("staff_posts", 0), after["staff_posts"]
    moved = after.get("teachers_to_redeploy", 0)
    extra = after.get("staff_posts_class_ratio", 0)
    # fixtext item 2: the staffing ledger counts the 生师比 only (2,227 beside 2,258)
    small = (f"，其中 {extra:,} 人为小规模学校、教学点按班师比多于生师比核定的教职工，不计入教师配置汇总"
             f"（该表按生师比逐校逐学段核定 {now - extra:,} 人）" if extra else "")
    text = (f"编制：公办义务教育学校按标准（生师比与小规模学校班师比结合）核定的教职工由 {was:,} 人变为 {now:,} 人{small}，"
            f"{closed}的 {moved:,} 名教师调配到接收学校")
    if was - now > moved:
        text += (f"；核定数减少 {was - now:,} 人、多于这 {moved:,} 人，是因为撤并的教学点、小规模学校按班级数"
                 "（班师比）核定的编制多于其实有教师，学生并入接收学校后按生师比核定，不是减少在岗教师")
    return text + "。"
