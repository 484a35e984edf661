"""Notes of the layout comparison that state the plan's rules in words."""

from __future__ import annotations

import re

from junheng.model import numbers
from junheng.planning.layout_outcome import LayoutOutcome


def limits_note(plan: LayoutOutcome) -> list[str]:
    """The plan's time and distance limits in one sentence, each with what it decides (review
    2026-12-03 19:00 finding 13: 20 and 30 minutes, 5 km straight line and 3 km by road stood
    in the rules with nothing saying why four limits).

    >>> print(limits_note(LayoutOutcome("optimal", (), {}, rules={
    ...     "day_travel_limit_min": 30, "boarding_travel_limit_min": 90, "detour_factor": 1.3,
    ...     "review_minutes_grades_1_3": 20, "school_bus_km": 5.0},
    ...     weights={"transport_min_km": 3, "transport_yuan_per_pupil_year": 0,
    ...              "school_bus_yuan_per_pupil_year": 3000}))[0])
    本方案的时间、距离界限各管一件事：走读单程不超过 30 分钟（超过的四至九年级学生寄宿，单程不超过 90 分钟；一至三年级不寄宿，没有学校在此时间内的，就近保留教学点，即应留必留）；一至三年级走读单程超过 20 分钟的列入“一至三年级远距离”表，需论证并听取家长意见；走读直线距离超过 5 公里的，及按规则须寄宿但没有床位、每日往返的，计为需校车接送，每生每年 3,000 元计校车运行费用；道路距离（直线距离 × 绕行系数 1.3）超过 3 公里、不乘校车的走读生计交通补助，本方案单价为 0，未计。
    """
    r, w = plan.rules or {}, plan.weights or {}
    keys = ("day_travel_limit_min", "boarding_travel_limit_min", "review_minutes_grades_1_3",
            "school_bus_km", "detour_factor")
    if not all(k in r for k in keys):
        return []
    price = w.get("transport_yuan_per_pupil_year") or 0
    fare = (f"，每生每年 {numbers.money(price)}" if price else "，本方案单价为 0，未计")
    road = (f"道路距离（直线距离 × 绕行系数 {r['detour_factor']:g}）超过 {w['transport_min_km']:g} 公里、"
            f"不乘校车的走读生计交通补助{fare}。" if "transport_min_km" in w else "")
    bus = w.get("school_bus_yuan_per_pupil_year") or 0
    cost = f"，每生每年 {numbers.money(bus)}计校车运行费用" if bus else "（未设单价，不计费用）"
    return [f"本方案的时间、距离界限各管一件事：走读单程不超过 {r['day_travel_limit_min']:g} 分钟（超过的四至九年级"
            f"学生寄宿，单程不超过 {r['boarding_travel_limit_min']:g} 分钟；一至三年级不寄宿，没有学校在此时间内的，"
            f"就近保留教学点，即应留必留）；一至三年级走读单程超过 {r['review_minutes_grades_1_3']:g} 分钟的列入"
            "“一至三年级远距离”表，需论证并听取家长意见；走读直线距离超过 "
            f"{r['school_bus_km']:g} 公里的，及按规则须寄宿但没有床位、每日往返的，计为需校车接送{cost}；" + road]


#: what the 自评报告's paragraph on the layout plan adds after the plan's summary
BUILD_FIRST = "先建后撤：学校在接收学校扩建完成后的下一期撤并；其余撤并按现有在校生由少到多分期实施，规模最小的先撤并。"


def layout_paragraph(plan: LayoutOutcome) -> str:
    """The 自评报告's paragraph on the layout plan, without where its documents are: the Word
    report adds them, the web's evaluation page shows it beside their links; a project's
    school the plan leaves mostly empty is stated here too (layoutfix item 7), as facts: the
    county's check of it is on the 报送前核对 sheet (review2 finding 5). A plan with two options
    opens with both and that the 局务会 has not chosen (:func:`options_sentence`); what follows
    is 方案甲's, said as one of the two (review rv5 finding 3: the 自评 committed the county to
    the dearer 方案甲).

    >>> print(layout_paragraph(LayoutOutcome("optimal", (), {"before": {}, "after": {}},
    ...                                      scenario="默认方案", target_year=2030, phases=1)))
    布局调整方案（目标学年 2030）：不撤并、不扩建、不新建学校。先建后撤：学校在接收学校扩建完成后的下一期撤并；其余撤并按现有在校生由少到多分期实施，规模最小的先撤并。
    """
    from junheng.report.layout_decisions import size_refs
    from junheng.report.plan_rows import layout_summary

    body = layout_summary(plan).sentence() + BUILD_FIRST + "".join(size_refs(plan))
    if not plan.alternative:
        return body
    from junheng.planning.layout_options import OPTION_A

    return options_sentence(plan) + f"以下为{OPTION_A}的内容（供比选，不是已决定的方案）：" + body


def options_sentence(plan: LayoutOutcome) -> str:
    """The two options of a plan that opens a new school (方案甲 新建学校, 方案乙 不新建) with the
    figures the layout document's comparison gives, in 万元, what 方案乙 spends less, and that
    the bureau has not yet chosen (planning.layout_options); '' for a plan without an
    ``alternative``.

    >>> plan = LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 52_000_000.0,
    ...     "operating_yuan": 9_000_000.0}}, objective=10.0)
    >>> options_sentence(plan)
    ''

    Hand-worked: 5,200.00 − 84.00 = 5,116.00 万元 less once; 950.00 − 900.00 = 50.00 万元 more a year:

    >>> from dataclasses import replace
    >>> other = {"once_yuan": 840_000.0, "operating_yuan": 9_500_000.0, "objective_yuan": 12.0,
    ...          "unmet": "无", "new_schools": []}
    >>> print(options_sentence(replace(plan, alternative=other)))
    布局调整编制了是否新建学校的两个方案，待局务会比选，尚未决定采用哪一个（比较表见布局调整方案“是否新建学校：两个方案比较”）：方案甲（新建学校；一次性建设投资（含接收学校补足生均面积）5,200.00 万元，每年运行支出 900.00 万元），方案乙（不新建学校；一次性建设投资（含接收学校补足生均面积）84.00 万元，每年运行支出 950.00 万元）；与方案甲相比，方案乙一次性建设投资少 5,116.00 万元，每年运行支出多 50.00 万元；在设定权重下方案甲综合评价值较低。两方案均满足方案规则，是否新建学校由局务会决定。
    """
    from junheng.planning.layout_options import (
        OPTION_A,
        OPTION_B,
        OPTIONS_TITLE,
        option_facts,
        option_headline,
    )
    from junheng.report.layout_choice import saves_text

    if not plan.alternative:
        return ""
    mine, other = option_facts(plan), dict(plan.alternative)

    def figures(f: dict) -> str:
        return (f"一次性建设投资（含接收学校补足生均面积）{numbers.money(f['once_yuan'], numbers.WAN_FROM)}，"
                f"每年运行支出 {numbers.money(f['operating_yuan'], numbers.WAN_FROM)}")

    return (f"布局调整编制了是否新建学校的两个方案，待局务会比选，尚未决定采用哪一个（比较表见布局调整方案“{OPTIONS_TITLE}”）："
            f"{OPTION_A}（新建学校；{figures(mine)}），{OPTION_B}（不新建学校；{figures(other)}）；"
            f"与{OPTION_A}相比，{OPTION_B}{saves_text(mine, other, numbers.WAN_FROM)}；"
            + option_headline(mine, other, dict(plan.weights or {})))


#: ``board_unchanged`` in words (docs/layout-yaml.md; layout_zoning.unchanged_shares)
UNCHANGED_BEDS_NOTE = (
    "就读学校不变的学生按该校现有床位寄宿：规划年仍在原校就读的寄宿生多于该校现有床位的，超出现有床位的寄宿生"
    "按现状安排（今天怎样住宿，规划后仍怎样住宿），不为他们新建宿舍床位，也不计他们的寄宿管理费用；"
    "新增床位只给从别校转入的寄宿生。表中寄宿生数、床位数按此计算。")


def unchanged_beds_note(plan: LayoutOutcome) -> list[str]:
    """The note of ``board_unchanged``: the boarders who stay at their school beyond its
    beds are left as today, with no bed built for them (none when the rule is off).

    >>> unchanged_beds_note(LayoutOutcome("optimal", (), {}, rules={"board_unchanged": False}))
    []
    >>> unchanged_beds_note(LayoutOutcome("optimal", (), {}, rules={"board_unchanged": True}))[0][:32]
    '就读学校不变的学生按该校现有床位寄宿：规划年仍在原校就读的寄宿生'
    """
    return [UNCHANGED_BEDS_NOTE] if (plan.rules or {}).get("board_unchanged") else []


BOARDING_TARGET = ("这些乡镇因此也达不到“每个镇区至少建成寄宿制初中、小学各1所”这类规划目标（规划台账该行按现状"
                   "列出尚无寄宿制小学和初中的乡镇）：如要达到，须另行决定在这些乡镇建设寄宿制学校。")


def with_boarding_target(notes: tuple[str, ...] | list[str], plan: LayoutOutcome) -> list[str]:
    """``notes`` with, in the note naming the towns the plan leaves without a boarding school,
    what that misses of plan targets, as the ledger row says (review finding 13: neither
    document mentioned the other), then its priced options (rv16 5). In the same paragraph, so 这些乡镇 are the towns it names and
    no other county's plan is cited (planner review 2026-12-05 finding 5: 「因此本方案在上述乡镇
    …（如孟津区计划）」 stood eight notes below the towns).

    >>> plan = LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet": "本方案不满足：甲镇不设寄宿制小学。"})
    >>> with_boarding_target(["甲", "本方案不满足：甲镇不设寄宿制小学。"], plan)[1]
    '本方案不满足：甲镇不设寄宿制小学。这些乡镇因此也达不到“每个镇区至少建成寄宿制初中、小学各1所”这类规划目标（规划台账该行按现状列出尚无寄宿制小学和初中的乡镇）：如要达到，须另行决定在这些乡镇建设寄宿制学校。'
    >>> with_boarding_target(["甲"], LayoutOutcome("optimal", (), {}, rules={}))
    ['甲']
    """
    from junheng.report.layout_board_rows import target_notes

    unmet = (plan.rules or {}).get("boarding_per_town_unmet")
    return [t for n in notes for t in (target_notes(f"{n}{BOARDING_TARGET}", plan) if unmet and n == unmet else [n])]


#: the straight-line caveat each closure's reason ends with (planning.layout_trips)
_CAVEAT = re.compile(r"；?通行时间按直线距离估算（[^）]*），需按实际道路核实")
#: the same caveat inside a kept school's reason (layout_zoning, layout_boarding)
_INLINE = (("单程按直线距离估算超过", "单程超过"), ("（按直线距离估算，", "（"))


def without_caveat(reasons: dict[str, str]) -> tuple[dict[str, str], bool]:
    """The 调整清单's reasons without the straight-line caveat, and whether any had it (the
    page says it once, :func:`straight_line_note`: planner review, it repeated on every row).

    >>> without_caveat({"A": "并入乙小学；通行时间按直线距离估算（直线距离 × 绕行系数 1.3），需按实际道路核实；"
    ...                       "走读直线距离超过 5 公里"})
    ({'A': '并入乙小学；走读直线距离超过 5 公里'}, True)
    >>> without_caveat({"B": "保留"})
    ({'B': '保留'}, False)
    >>> without_caveat({"C": "按规则须寄宿 15 人（单程按直线距离估算超过走读上限 30 分钟 15 人）"})[0]
    {'C': '按规则须寄宿 15 人（单程超过走读上限 30 分钟 15 人）'}
    """
    out = {}
    for sid, text in reasons.items():
        text = _CAVEAT.sub("", text)
        for said, plain in _INLINE:
            text = text.replace(said, plain)
        out[sid] = text
    return out, out != reasons


#: what each closure's 划片村居 reason said of its basis (planning.layout_trips.village_text)
_BASIS = "；与按现有在校生推算的“预计在校”口径不同；各接收学校的人数按撤并学年的预计在校生依此去向分配"
#: the same, once in the 调整方案 sheet's note (review rv 13: in 65 理由 cells)
BASIS_NOTE = ("“理由”列的“划片村居规划年学生去向”按各村适龄儿童推算，与按现有在校生推算的“预计在校”"
              "（“规划年不调整（预计）”列）口径不同；各接收学校的人数按撤并学年的预计在校生依此去向分配。")


def without_basis(reasons: dict[str, str], year: int | None = None) -> tuple[dict[str, str], bool]:
    """The 调整清单's reasons without the villages' basis, and whether any had it (the sheet
    says it once, :data:`BASIS_NOTE`); with ``year`` (the target year) the villages' count
    names it, beside the 并入学校 column's pupils of the 实施学年 (rv 6: 「共 3 人」 beside 3 + 2).

    >>> without_basis({"A": "划片村居规划年学生去向（按各村适龄儿童推算，共 20 人" + _BASIS + "）：甲村 20 人到乙小学"}, 2030)
    ({'A': '划片村居规划年（2030 学年）学生去向（按各村适龄儿童推算，共 20 人）：甲村 20 人到乙小学'}, True)
    >>> without_basis({"B": "保留"})
    ({'B': '保留'}, False)
    """
    from junheng.planning.layout_trips import TRIPS_HEAD

    out = {sid: text.replace(_BASIS, "") for sid, text in reasons.items()}
    basis = out != reasons
    if year:
        out = {sid: text.replace(TRIPS_HEAD, f"划片村居规划年（{year} 学年）学生去向", 1) for sid, text in out.items()}
    return out, basis


def straight_line_note(plan: LayoutOutcome, where: str = "本页") -> str:
    """The straight-line caveat once for the whole page (``where``: the sheet, 本表), in the
    plan's own factors.

    >>> straight_line_note(LayoutOutcome("optimal", (), {}, rules={
    ...     "detour_factor": 1.3, "speed_kmh_rural": 25.0, "speed_kmh_urban": 12.0}))
    '本页的通行时间均按直线距离估算（直线距离 × 绕行系数 1.3，镇村 25 公里/小时、城区 12 公里/小时），需按实际道路核实。'
    """
    r = plan.rules or {}
    from junheng.planning.layout_trips import speed_words

    how = (f"（直线距离 × 绕行系数 {r['detour_factor']:g}，{speed_words(r)}）"
           if all(k in r for k in ("detour_factor", "speed_kmh_rural", "speed_kmh_urban")) else "")
    return f"{where}的通行时间均按直线距离估算{how}，需按实际道路核实。"
