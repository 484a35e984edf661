"""Two layout options side by side, for the bureau to decide: the plan that opens a new school
(方案甲) and the same scenario solved without candidate new sites (方案乙).

Review finding 8 (2026-12-04): the plan with a 5,186 万元 new school was chosen because the
option without it carried the weight of the receivers' sports area beyond the hall cap
(``weights.hall_beyond_cap_yuan_per_m2``, 10,000 元/m² over ``weights.capital_years``), not
because it spent less. The two options are therefore shown as a table of the figures a
bureau decides on, in real units (万元, 间, 平方米 with the schools named, 人, 分钟), with the
weighted 综合评价值 one row labelled as weights; the headline says which option the weights
favour and that the choice is the bureau's, never that one is "最优" against the other.

:func:`option_facts` is what ``plan.json`` keeps of an option (the plan's ``alternative``:
the facts of 方案乙), :func:`option_rows` the table and :func:`option_headline` its first line.
"""

from __future__ import annotations

from typing import Any

from junheng.model import memo, numbers
from junheng.planning.layout_borrow import target_schools
from junheng.planning.layout_compare import objective_terms
from junheng.planning.layout_config import setting_name
from junheng.planning.layout_costs import shown_totals
from junheng.planning.layout_forecast import pupil_basis
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_rules import weighted_status
from junheng.planning.layout_unmet import unmet_count, unmet_labels
from junheng.planning.layout_waiting import temporary_rooms

#: the two options' one name in every document, CLI and web page (review B5: each had three:
#: 方案甲 / 默认方案 / 本方案, 方案乙 / 不新建学校的对比方案 / “不新建学校”方案); first said with
#: what it is (:data:`OPTION_A_FULL`), then alone; every comparison is 乙 relative to 甲
OPTION_A, OPTION_B = "方案甲", "方案乙"
OPTION_A_FULL, OPTION_B_FULL = f"{OPTION_A}（新建学校）", f"{OPTION_B}（不新建学校）"
#: the table's title in every document (Word section, workbook sheet, web panel)
OPTIONS_TITLE = "是否新建学校：两个方案比较"
#: each plan by its name (review: 方案甲 headed 「本方案」 in a table comparing two plans)
OPTION_HEADS = ("项目", OPTION_A_FULL, OPTION_B_FULL, "说明")
#: school types whose size cap is the 一贯制 one (rules ``school_size_cap_through``)
THROUGH = frozenset({"nine_year", "twelve_year"})
_STAGES = {"primary": "小学", "junior": "初中"}


def new_school_years(plan: LayoutOutcome) -> list[tuple[str, str, int, int, int, int]]:
    """(name, stage in words, rooms, last year, pupils then, rooms idle then) of each new
    school's stage whose 过渡期 runs past the target year: its pupils in the last year of the
    transition and the rooms they leave idle (review item 1: 1,186 → 904 pupils)."""
    out = []
    for s in (s for s in plan.schools if s.action == "new"):
        rows = [r for r in plan.transition if r.school_id == s.school_id]
        for stage in sorted({r.stage for r in rows}):
            last = max((r for r in rows if r.stage == stage), key=lambda r: r.year)
            if last.year <= (plan.target_year or last.year):
                continue
            rooms = int((s.added_classrooms_by_stage or {}).get(stage, 0))
            # a new school had no seats before the plan: its overflow is its rooms in use
            out.append((s.name, _STAGES.get(stage, ""), rooms, last.year, last.pupils, max(rooms - last.overflow, 0)))
    return out


def _shown_after(plan: LayoutOutcome) -> tuple[dict[str, Any], bool]:
    """The plan's "after" metrics with 运行支出 and 综合评价值 the sums of the parts 表2 shows
    (review rv2 finding 10), and whether it shows them in 万元."""
    after = plan.metrics.get("after", {})
    wan = max((abs(float(v)) for k, v in after.items() if k.endswith("_yuan")),
              default=0.0) >= numbers.WAN_FROM
    return shown_totals(after, wan), wan


@memo.per_object(deep=True)  # the writers ask for a plan's facts 37 times on the demo
def option_facts(plan: LayoutOutcome) -> dict[str, Any]:
    """What the table shows of one option (JSON): money in 元, the new schools, the schools
    short of seats, of sports area (m²) or over the size cap, travel, status and score."""
    after, wan = _shown_after(plan)
    rules = plan.rules or {}
    open_ = [s for s in plan.schools if s.action != "close"]

    def cap(kind: str) -> int:
        key = "school_size_cap_through" if kind in THROUGH else "school_size_cap"
        return int(rules.get(key) or 0)

    years = new_school_years(plan)
    return {
        "status": weighted_status(plan.status_label),
        "unmet": plan.unmet_text(cvs=False),  # 方案乙 is solved without CV evaluation
        "unmet_labels": unmet_labels(plan, cvs=False),  # the table's short form (rv 6)
        "once_yuan": float(after.get("capital_cost_yuan", 0.0))
        + float(after.get("receiver_area_yuan", 0.0)),
        "operating_yuan": float(after.get("operating_yuan", 0.0)),
        "hire_staff_yuan": float(after.get("hire_staff_yuan", 0.0)),
        "built_rooms": int(after.get("built_classrooms", after.get("added_classrooms", 0))),  # hnew 3
        "new_schools": [
            [
                s.name,
                int(s.added_classrooms),
                sum(s.students_after.values()),
                [list(y[1:]) for y in years if y[0] == s.name],
                s.shown_capital_yuan,
            ]
            for s in plan.schools
            if s.action == "new"
        ],
        **seat_shorts(plan, open_),
        "urban_rooms_short": int(after.get("urban_classroom_shortfall", 0)),
        "sports_short": [
            [s.name, round(s.sports_beyond_cap_area), s.added_sports_area > 0, s.sports_field]
            for s in open_
            if round(s.sports_beyond_cap_area) > 0
        ],
        "sports_weight_yuan": float(after.get("hall_beyond_weight_yuan", 0.0)),
        "temporary": temporary_facts(plan),
        # [school year, rooms] of 临时周转 (the 新建学校规模 note's exception, review rv8 finding 8)
        "temporary_years": [[int(y), int(n)] for y, n in temporary_rooms(plan).items() if n],
        "oversized": [
            [s.name, sum(s.students_after.values()), cap(s.kind)]
            for s in open_
            if cap(s.kind) and sum(s.students_after.values()) > cap(s.kind)
        ],
        "oversized_years": [[y, plan.names.get(s, s), n, c] for y, s, n, c in plan.large],  # rv 4
        "pupil_basis": pupil_basis(rules, yearly=True),  # what the yearly figures are (rv2 8)
        "travel": [float(after.get("mean_travel_min", 0.0)), float(after.get("travel_pupil_minutes", 0.0)),
                   int(after.get("day_pupils_over_limit", 0)), int(after.get("boarders", 0))],
        "objective_yuan": float(after.get("objective_yuan", plan.objective or 0.0)),
        "weights_yuan": sum(round(v / 10_000, 2) * 10_000 if wan else v
                            for _, v, money in objective_terms(after) if not money),
    }


def temporary_facts(plan: LayoutOutcome) -> list:
    """[rooms of the target year met by 临时周转, room-years of the 过渡期, their 万元, the school
    years they fall in]: what an option rents rather than builds, each option counted alike
    (brief hp 4: the table left 方案乙's rentals out; :func:`~.layout_waiting.temporary_rooms`,
    from the first paid year; brief hwin: the years said beside the room-years).

    >>> rooms = {"temporary_room_yuan": 20_000.0}
    >>> temporary_facts(LayoutOutcome("optimal", (), {}, year=2025, costs=rooms,
    ...                               overflow=((2027, "S", "primary", 4), (2028, "S", "primary", 3))))
    [0, 7, 14.0, [2027, 2028]]

    (4 + 3 room-years of 规划年以外学年超出学位或按年级编班缺教室 × 2.00 万元 = 14.00 万元.)
    """
    from junheng.planning.layout_borrow import target_rooms
    from junheng.planning.layout_waiting import room_year_yuan, temporary_rooms

    rented = temporary_rooms(plan)
    years = sum(rented.values())
    kept = target_rooms(plan) if plan.transition else sum(s.temporary_classrooms for s in plan.schools)
    return [int(kept), int(years),
            round(years * room_year_yuan(plan) / 10_000 + 1e-9, 2), [int(y) for y, n in rented.items() if n]]


def temporary_text(facts: dict) -> str:
    """An option's 临时周转 cell: the 过渡期's room-years and 万元 over their school years, the
    target year's rooms; an option stored before it: 未记录.

    >>> temporary_text({"temporary": [2, 73, 146.0, [2027, 2028]]}), temporary_text({"temporary": [0, 0, 0.0]})
    ('过渡期 2027—2028 学年共 73 间·学年、146.00 万元（以临时周转代替新建的教室 2 间）', '无')
    >>> temporary_text({})
    '未记录'
    """
    got = facts.get("temporary")
    if got is None:
        return "未记录"
    kept, years = got[0], got[1]
    if not kept and not years:
        return "无"
    from junheng.planning.borrow_runs import rent_years_text

    return rent_years_text(got, "过渡期") + (
        f"（以临时周转代替新建的教室 {kept:,} 间）" if kept else "")


def _temporary_diff(mine: dict, other: dict) -> str:
    """方案乙's 临时周转 against 方案甲's, as every comparison of the two reads.

    >>> _temporary_diff({"temporary": [2, 73, 146.0]}, {"temporary": [0, 61, 122.0]})
    '方案乙少 12 间·学年、24.00 万元（不计入一次性建设投资）'
    >>> _temporary_diff({"temporary": [2, 73, 146.0]}, {})
    ''
    """
    if mine.get("temporary") is None or other.get("temporary") is None:
        return ""
    d, wan = other["temporary"][1] - mine["temporary"][1], other["temporary"][2] - mine["temporary"][2]
    if not d:
        return "相同"
    return f"{OPTION_B}{'多' if d > 0 else '少'} {abs(d):,} 间·学年、{abs(wan):,.2f} 万元（不计入一次性建设投资）"


def oversized_text(facts: dict, target_year: int | None) -> str:
    """The schools over their size cap: in the target year (``oversized``), then the other
    school years (``oversized_years``, an option stored before them: none said).

    >>> facts = {"oversized": [], "oversized_years": [[2029, "一初中", 2042, 2000],
    ...          [2029, "实验中学", 2038, 2000], [2027, "一初中", 2751, 2000]]}
    >>> oversized_text(facts, 2030)
    '规划年无；2027 学年 1 所：一初中 2,751 人（上限 2,000 人）；2029 学年 2 所：一初中 2,042 人（上限 2,000 人）；实验中学 2,038 人（上限 2,000 人）'
    >>> oversized_text({"oversized": []}, 2030)
    '无'
    """
    head = _listed([f"{n} {k:,} 人（上限 {c:,} 人）" for n, k, c in facts["oversized"]])
    by: dict[int, list[str]] = {}
    for y, n, k, c in facts.get("oversized_years") or ():
        if y != target_year:
            by.setdefault(int(y), []).append(f"{n} {k:,} 人（上限 {c:,} 人）")
    if not by:
        return head
    return f"规划年{'' if head == '无' else ' '}{head}；" + "；".join(f"{y} 学年 {_listed(items)}" for y, items in sorted(by.items()))


def seat_shorts(plan: LayoutOutcome, open_: list) -> dict:
    """``seat_short``: the open schools' pupils over their lasting places, what borrowed rooms
    cover said apart (review rv4 2), but for a school and stage with a 过渡期 row in the target
    year: those are ``target_borrowed``, its rooms borrowed that year (brief hsize)."""
    counted = {(r.school_id, r.stage) for r in plan.transition if r.year == plan.target_year}
    out: dict = {"seat_short": [
        [s.name, _STAGES[k], int(n) - int(s.lasting_capacity.get(k, 0)),
         min(int(n) - int(s.lasting_capacity.get(k, 0)), int(s.temporary_seats.get(k, 0)))]
        for s in open_ for k, n in s.students_after.items()
        if k in _STAGES and int(n) > int(s.lasting_capacity.get(k, 0)) and (s.school_id, k) not in counted]}
    if plan.transition:  # with the pupils over its lasting places (review rv10 finding 11)
        over = {(s.school_id, k): int(n) - int(s.lasting_capacity.get(k, 0))
                for s in open_ for k, n in s.students_after.items()}
        out["target_borrowed"] = [[plan.names.get(k, k), _STAGES.get(st, st), n, max(over.get((k, st), 0), 0)]
                                  for k, st, n in target_schools(plan)]
    return out


def seat_short_text(f: dict) -> str:
    """An option's 规划年学位缺口 cell: the schools borrowing rooms in the target year (the
    过渡期 rows, brief hsize: 「1 所：实验中学初中缺 36 个」 beside 4 schools borrowing 5 rooms)
    and the other schools (no 过渡期 row that year) whose pupils are over their places.

    >>> seat_short_text({"seat_short": [["乙小学", "小学", 20, 0]],
    ...                  "target_borrowed": [["甲中学", "初中", 2], ["丙中学", "初中", 1]]})
    '3 所：乙小学小学缺 20 个；甲中学初中缺教室 2 间（规划年借用临时周转教室）；丙中学初中缺教室 1 间（规划年借用临时周转教室）'
    >>> seat_short_text({"seat_short": [["甲中学", "初中", 36, 36]]})
    '1 所：甲中学初中缺 36 个（其中 36 个过渡期以临时周转教室解决）'

    Borrowing and over its lasting places, both (rv10 11: 实验中学 1,986 pupils on 1,900 places):

    >>> seat_short_text({"seat_short": [], "target_borrowed": [["实验中学", "初中", 3, 86]]})
    '1 所：实验中学初中缺教室 3 间（规划年借用临时周转教室），学生多于学位 86 人'
    """
    return _listed([f"{n}{st}缺 {k:,} 个" + (f"（其中 {b:,} 个过渡期以临时周转教室解决）" if b else "")
                    for n, st, k, *rest in f["seat_short"] for b in (sum(rest),)]
                   + [f"{n}{st}缺教室 {r:,} 间（规划年借用临时周转教室）"
                      + (f"，学生多于学位 {over[0]:,} 人" if over and over[0] > 0 else "")
                      for n, st, r, *over in f.get("target_borrowed", ())])


def _listed(items: list[str]) -> str:
    """'2 所：甲…；乙…', or 无."""
    return f"{len(items)} 所：" + "；".join(items) if items else "无"


def yearly_per_m2(weights: dict) -> float | None:
    """The weight a year per m² of sports area short (``hall_beyond_cap_yuan_per_m2`` over
    ``capital_years``), or None when the settings are not both given."""
    per, years = weights.get("hall_beyond_cap_yuan_per_m2"), weights.get("capital_years")
    if not isinstance(per, int | float) or not isinstance(years, int | float) or not years:
        return None
    return per / years


def sports_short_area(facts: dict) -> float:
    """The sports area short (m²) of an option: its schools' whole m² as every table prints them,
    added up; the one total all three documents read and price (brief hfix10a 1: 表 7 said the
    weight's unrounded 6,610.8 m², 991.62 万元, the 整改措施 6,611 m², 991.65 万元).

    >>> facts = {"sports_short": [["甲", 4_538, True], ["乙", 2_350, True], ["丙", 1_167, True]]}
    >>> sports_short_area(facts), sports_short_area({})
    (8055.0, 0.0)
    """
    return float(sum(int(n) for _, n, *_ in facts.get("sports_short") or ()))


def area_text(area: float) -> str:
    """An area short as every sentence and table writes it: to 0.1 m², trailing zero dropped."""
    return f"{numbers.trimmed(area, 1)} 平方米"


def _areas(items: list, area: float) -> str:
    """The schools' sports area short after their total (:func:`sports_short_area`), largest first, with units: '3,400 平方米：甲 3,280 平方米、乙 120 平方米（无馆）'."""
    if not items:
        return "无"
    items = sorted(items, key=lambda x: -x[1])
    return f"{area_text(area)}：" + "、".join(
        f"{name} {n:,} 平方米" + _why(hall, *field) for name, n, hall, *field in items
    )


def _why(hall: bool, field: bool = False) -> str:
    """A school's case beside its m² (the header names the hall cap's; a stored plan's item
    has no ``field``): '' beyond a hall's cap, else :func:`~.layout_land.beyond_reason`."""
    from junheng.planning.layout_land import beyond_reason

    return "" if hall and not field else f"（{beyond_reason(hall, field)}）"


def _new_text(facts: dict, target_year: int | None) -> str:
    if not facts["new_schools"]:
        return "无"
    year = f"{target_year} 学年" if target_year else "规划年"
    out = []
    for name, rooms, pupils, later, yuan in facts["new_schools"]:
        text = f"{name}（建设投资 {numbers.money(yuan)}，教室 {rooms} 间，{year}学生 {pupils:,} 人"
        for stage, _rooms, last, then, idle in later:
            text += f"；{last} 学年{stage}学生 {then:,} 人" + (
                f"，{idle} 间教室闲置" if idle else ""
            )
        out.append(text + "）")
    return "；".join(out)


def sports_rule(weights: dict) -> str:
    """The weight on the sports area shortfall, per m² and per m² a year, with its settings."""
    per, years = weights.get("hall_beyond_cap_yuan_per_m2"), weights.get("capital_years")
    if yearly_per_m2(weights) is None:
        return "按设定权重计入综合评价值（权重，不是支出）"
    return (
        f"按权重每平方米 {per:,.0f} 元、分 {years:g} 年即每平方米每年 {per / years:,.0f} 元"
        f"计入综合评价值（方案设置{setting_name('hall_beyond_cap_yuan_per_m2')}"
        f"{setting_name('capital_years')}；权重，不是支出）"
    )


class _Pair:
    """The two options' facts, each amount written in the unit of the larger of the two."""

    def __init__(self, mine: dict, other: dict) -> None:
        self.both = ((OPTION_A, mine), (OPTION_B, other))

    def money(self, f: dict, key: str) -> str:
        return numbers.money(f[key], max(abs(g[key]) for _, g in self.both))

    def diff(self, key: str, what: str) -> str:
        """方案乙 relative to 方案甲, as every comparison of the two reads."""
        (_, a), (_, b) = self.both
        d = b[key] - a[key]
        scale = max(abs(a[key]), abs(b[key]))
        return (
            f"{OPTION_B}{what}{'多' if d > 0 else '少'} {numbers.money(abs(d), scale)}"
            if round(d)
            else "相同"
        )

    def each(self, text) -> tuple[str, str]:
        return tuple(text(f) for _, f in self.both)

    def said(self, key: str) -> str:
        return "，".join(f"{o}每年 {self.money(f, key)}" for o, f in self.both)


def _money_rows(p: _Pair) -> list[tuple[str, str, str, str]]:
    def hires(f: dict) -> str:
        yuan = f["hire_staff_yuan"]
        return f"（含新聘教师人员经费 {numbers.money_in(yuan, f['operating_yuan'])}）" if yuan else ""

    return [
        (
            "一次性建设投资（财政支出，含接收学校补足生均面积）",
            *p.each(lambda f: p.money(f, "once_yuan")),
            p.diff("once_yuan", ""),
        ),
        (
            "每年运行支出（财政支出）",
            *p.each(lambda f: p.money(f, "operating_yuan") + hires(f)),
            p.diff("operating_yuan", "每年"),
        ),
    ]


def _sports_said(p: _Pair, weights: dict) -> str:
    """Each option's weight a year, as area × weight per m² where it has one, so a reader
    recomputes it; the weight is of the unrounded areas: where the printed total prices it
    otherwise, 「≈」 and why (hfix10a 1: 8,055 × 500 元 = 402.75 万元, the weight 402.73):

    >>> p = _Pair({"sports_weight_yuan": 0.0}, {"sports_weight_yuan": 4_027_250.0,
    ...           "sports_short": [["甲", 4_538, True], ["乙", 2_350, True], ["丙", 1_167, True]]})
    >>> print(_sports_said(p, {"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20}))
    方案甲每年 0.00 万元，方案乙 8,055 平方米 × 500 元 ≈ 每年 402.73 万元（权重按各校未取整的面积计）
    """
    per = yearly_per_m2(weights)
    out = []
    for o, f in p.both:
        area = sports_short_area(f)
        said, times = p.money(f, "sports_weight_yuan"), area * (per or 0.0)
        exact = numbers.money(times, max(abs(g["sports_weight_yuan"]) for _, g in p.both)) == said
        out.append(f"{o} {area_text(area)} × {per:,.0f} 元 {'=' if exact else '≈'} 每年 {said}"
                   + ("" if exact else "（权重按各校未取整的面积计）") if times else f"{o}每年 {said}")
    return "，".join(out)


#: the 表7 row of the schools short in the target year and its 说明 (review rv8 finding 9: 「学位缺口
#: （学生多于学位的学校）」 listed 第四小学, 845 pupils on 900 places, whose 21 classes grade by
#: grade need a room more than its 20): rooms short by classes, or pupils over the places
SHORT_ROW = "规划年缺教室或学位的学校（按年级编班缺教室的，或学生多于学位的）"
SHORT_NOTE = ("缺教室：学生按年级以标准班额编班所需的教室多于现有教室，学生总数可以不多于学位；"
              "缺学位：学生多于学位")


#: the 表7 row of the county seat's rooms short after the plan and its 说明: the rooms the plan
#: builds count, those it borrows do not, so the figure is the target year's 临时周转 of the
#: row above at the county seat's schools (brief hshort: 「4 间」 beside 10 borrowed)
URBAN_SHORT_ROW = "规划年县城学校缺少的普通教室（逐校按年级编班，方案新建教室后仍缺的，临时周转借用的不算已有教室）"
URBAN_SHORT_NOTE = "一校富余不抵另一校不足；与上行规划年借用的教室同一算法（逐校逐年级编班），上行另含县城以外的学校"


def _school_rows(
    p: _Pair, weights: dict, target_year: int | None
) -> list[tuple[str, str, str, str]]:
    weighed = any(f["sports_weight_yuan"] for _, f in p.both)
    sports = sports_rule(weights) + ("：" + _sports_said(p, weights) if weighed else "")
    return [
        ("新建学校", *p.each(lambda f: _new_text(f, target_year)), ""),
        (SHORT_ROW, *p.each(seat_short_text),
         SHORT_NOTE if any(f.get("target_borrowed") for _, f in p.both) else ""),
        (
            URBAN_SHORT_ROW,
            *p.each(lambda f: f"{f['urban_rooms_short']:,} 间"),
            URBAN_SHORT_NOTE,
        ),
        (
            "布局分流新增的体育运动场馆面积缺口（接收学校超出室内体育馆面积上限、超出留足本校缺口后的校内空地可建面积或不足一座最小馆，"
            "需征地、租用或布局分流；不含各校原有的缺口）",
            *p.each(lambda f: _areas(f["sports_short"], sports_short_area(f))),
            sports,
        ),
        (
            "超规模学校（义务教育学生超过校额上限）",
            *p.each(lambda f: oversized_text(f, target_year)),
            _yearly_basis(p) if any(f.get("oversized_years") for _, f in p.both) else "",
        ),
    ]


def _yearly_basis(p: _Pair) -> str:
    """The 说明 of the 超规模 row: how its yearly pupils are reckoned, as the options stored it
    (an option stored before ``pupil_basis``: the basis left unsaid, the note named)."""
    basis = next((f["pupil_basis"] for _, f in p.both if f.get("pupil_basis")), "")
    return f"规划年和过渡期逐年（{basis + '，' if basis else ''}见“大校额逐年”说明）"


#: the travel facts (``travel``: mean minutes, pupil-minutes, day pupils over the limit, boarders)
_TRAVEL = (
    ("通行：平均单程通行时间", lambda v: f"{v:.2f} 分钟"),
    ("通行：学生单程通行时间合计", lambda v: f"{v / 10_000:,.1f} 万人·分钟/年"),
    ("通行：走读单程超过时间上限的学生", lambda v: f"{v:,} 人"),
    ("寄宿生", lambda v: f"{v:,} 人"),
)


def option_rows(
    mine: dict, other: dict, weights: dict, target_year: int | None = None
) -> list[tuple[str, str, str, str]]:
    """(项目, 方案甲, 方案乙, 说明): the figures a bureau decides on, then the weighted score."""
    from junheng.planning.layout_ranking import weight_caveat  # it reads this module's labels

    p = _Pair(mine, other)
    weights_row = "其中权重（不是支出）" + "、".join(f"{o} {p.money(f, 'weights_yuan')}" for o, f in p.both)
    return [
        *_money_rows(p),
        ("临时周转（借用或租用教室，不新建，按每间每学年计费）", *p.each(temporary_text), _temporary_diff(mine, other)),
        *_school_rows(p, weights, target_year),
        *((label, *p.each(lambda f, i=i, fmt=fmt: fmt(f["travel"][i])), "") for i, (label, fmt) in enumerate(_TRAVEL)),
        ("测算结果", said_status(mine["status"], AMONG_A), said_status(other["status"], AMONG_B), weight_caveat(mine, other, weights)),
        ("未满足的规则", *p.each(unmet_short), UNMET_WHERE if p.each(unmet_short) != ("无", "无") else ""),
        (
            "综合评价值（权重：支出加上通行时间、面积缺口等的折算，只用于比选，不是支出，越低越好）",
            *p.each(lambda f: p.money(f, "objective_yuan")),
            weights_row,
        ),
    ]


#: where the full sentences of the rules the plan does not meet are (review rv 6: the table and
#: its headline repeated them): once, in the plan's 测算方法和未满足的规则 (workbook: 求解信息; CLI: above)
UNMET_WHERE = (f"不含差异系数超限（{OPTION_A}见“是否满足差异系数上限”）；{OPTION_A}逐项的人数、学校和原因见{OPTION_A}的"
               "“未满足的规则”逐项说明")

#: what the proof is of (rv2 11, rv13 14, hsolve: the 综合评价值 plus the 计入额 of 临时周转 rooms and 分流下限)
MODEL_VALUE = "求解目标（综合评价值加计入额）"
#: what each option's 综合评价值 is the least among (review rv15 5: 「最低」 for both 3,859.19 and 4,072.88)
AMONG_A, AMONG_B = "可新建学校条件下", "不新建学校条件下"


def measured_status(plan: LayoutOutcome, among: str = "") -> str:
    """How near the least the option's 综合评价值 is, in the words of the body
    (:func:`~junheng.optimize.status_words.measured_words`; review rv5 13: 「求解模型在设定权重下
    最优（与下界差 0%，在容差 0.01% 内）」 in the options' table).

    >>> measured_status(LayoutOutcome("optimal", (), {}, gap=0.00005), AMONG_B)
    '按所设单价和权重测算，不新建学校条件下求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）'
    """
    from junheng.optimize.status_words import measured_words
    from junheng.planning.layout_rules import OPTIMAL_GAP

    return measured_words(plan.status == "optimal", plan.gap, OPTIMAL_GAP, among + MODEL_VALUE)


def said_status(status: str, among: str = "") -> str:
    """An option's stored status (:func:`~.layout_rules.weighted_status`, or a bare 「最优」 stored
    before rv2 4) in the words of :func:`measured_status`, its gap read back from the text;
    a status with no plan is kept as it is.

    >>> said_status("求解目标在设定权重和计入额下最优（与下界差 0%，在容差 0.01% 内）")
    '按所设单价和权重测算，求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）'
    >>> said_status("可行方案（与下界差 2%，超出容差 0.01%）")
    '按所设单价和权重测算，求解目标（综合评价值加计入额）与最低值相差不超过 2%（测算模型按表列建设和撤并如期实施计算）'
    >>> said_status("最优"), said_status("无可行方案")
    ('按所设单价和权重测算，求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）', '无可行方案')
    """
    import re

    from junheng.optimize.status_words import measured_words
    from junheng.planning.layout_rules import OPTIMAL_GAP

    found = re.search(r"(?:与下界差|差距不超过) ([0-9.]+)%", status)
    gap = float(found.group(1)) / 100 if found else None
    feasible = re.search(r"(?<!无)可行方案", status) is not None
    if "最优" not in status and not feasible:
        return status
    solved = "最优" in status and not feasible
    return measured_words(solved and gap is None, gap, OPTIMAL_GAP, among + MODEL_VALUE)


def unmet_short(f: dict) -> str:
    """An option's rules unmet as a count and short labels (:func:`~.layout_unmet.unmet_count`);
    its full text for facts stored before the labels were kept.

    >>> unmet_short({"unmet": "走读单程……", "unmet_labels": ["走读单程不超过 30 分钟（3 人超过）"]})
    '1 项：走读单程不超过 30 分钟（3 人超过）'
    >>> unmet_short({"unmet": "无"})
    '无'
    """
    return unmet_count(f["unmet_labels"]) if "unmet_labels" in f else f["unmet"]


def option_headline(mine: dict, other: dict, weights: dict | None = None) -> str:
    """Which option the weights favour and what that rests on
    (:func:`~.layout_ranking.ranking_sentence`, the docx's sentence: brief hc2), whether both
    meet the rules, and that the bureau decides (never "最优" of one against the other)."""
    from junheng.planning.layout_ranking import ranking_sentence

    unmet = [
        f"{o}未满足规则 {len(f['unmet_labels'])} 项" if "unmet_labels" in f else f"{o}未满足的规则：{f['unmet']}"
        for o, f in ((OPTION_A, mine), (OPTION_B, other))
        if unmet_short(f) != "无"
    ]
    rules = (
        "两方案均满足方案规则"
        if not unmet
        else f"两方案未满足的规则相同（{unmet_short(mine)}）"
        if unmet_short(mine) == unmet_short(other)
        else "、".join(unmet) + "（不含差异系数超限，见比较表“未满足的规则”行）"
    )
    return f"{ranking_sentence(mine, other, weights or {})}{rules}，是否新建学校由局务会决定。"


def option_reason(mine: dict, other: dict, weights: dict | None = None) -> str:
    """The differences in real units behind the headline (方案乙 relative to 方案甲): money,
    then the sports area."""
    parts = []
    for key, what in (("once_yuan", "一次性建设投资"), ("operating_yuan", "每年运行支出")):
        d = other[key] - mine[key]
        scale = max(abs(mine[key]), abs(other[key]))
        parts.append(
            f"{what}{'多' if d > 0 else '少'} {numbers.money(abs(d), scale)}"
            if round(d)
            else f"{what}相同"
        )
    rented = _temporary_diff(mine, other)
    if rented and rented != "相同":  # 方案乙's rentals said as 方案甲's (brief hp 4)
        parts.append("过渡期临时周转" + rented.removeprefix(OPTION_B))
    text = f"{OPTION_B}与{OPTION_A}相比：" + "，".join(parts)
    area = [sports_short_area(f) for f in (mine, other)]
    if area[0] != area[1]:
        text += (
            f"；布局分流新增的体育运动场馆面积缺口{OPTION_A} {area_text(area[0])}、{OPTION_B} {area_text(area[1])}"
            "（需征地、租用或布局分流，按权重计入综合评价值；不含各校原有的缺口，见整改措施）"
        )
    return text + "。"


def option_table(plan: LayoutOutcome) -> tuple[str, list[tuple[str, str, str, str]]] | None:
    """The headline (with :func:`option_reason`) and the rows comparing ``plan`` with its
    ``alternative``; None for a plan without one."""
    if not plan.alternative:
        return None
    from junheng.planning.layout_like import with_like_row
    from junheng.planning.layout_ranking import priced_gap

    mine, other = option_facts(plan), dict(plan.alternative)
    weights = dict(plan.weights or {})
    return (
        option_headline(mine, other, weights) + option_reason(mine, other, weights)
        + priced_gap(plan, mine, other),
        with_like_row(plan, mine, other, option_rows(mine, other, weights, plan.target_year)),
    )
