"""The procedure a closure needs before it takes effect (review rv10 finding 7): 国办发〔2012〕48号
governs rural closures, and 教育部办公厅's 2016 通报 restates its procedure — 论证, 听证 with the
parents and villages, 公示, 报批 — and the rule that a closure the parents or the hearing object
to is not forced through.

For each closure year of a plan the section 撤并程序 of 布局调整方案 says what must be done by
when (the closure takes effect when the school year opens in September; the hearing is held
before the spring term of that school year, so that parents know a full term ahead and the
approval falls before the summer's enrolment), and what a hearing that objects does to the
plan's figures: the plan was optimised with the closure, so a closure moved or dropped leaves
its pupils, teachers and running costs where they are and the plan must be worked out again.
Every closure in 表 3 and in the workbook's 调整方案 sheet carries its procedure status,
:data:`PENDING` until the county records otherwise.
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from datetime import date

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, closed_count
from junheng.planning.layout_phases import STEP_DUE
from junheng.planning.layout_reviewed import done_clause, reviewed_status, reviews_of

#: a closure's procedure status before anything is done (表 3, the 调整方案 sheet)
PENDING = "待论证、听证"
#: the column 表 3 and the 调整方案 sheet show it under
STATUS_HEAD = "撤并程序"
#: the section's heading in 一、调整方案
SECTION_HEAD = "撤并程序"
#: the rule as the 2016 通报 states it, quoted as 中国教育报 printed it (2016-10)
BASIS = (
    "农村学校和教学点撤并按国办发〔2012〕48号《国务院办公厅关于规范农村义务教育学校布局调整的意见》的要求办理；"
    "教育部办公厅《关于农村义务教育学校布局调整有关问题的通报》（2016 年 10 月）重申：“各地必须严格履行撤并方案的制订、"
    "论证、公示、报批等程序，并通过举行听证会等多种有效途径，保障群众充分参与并监督决策过程。多数学生家长反对或听证会"
    "多数代表反对，学校撤并后学生上学不便、交通安全得不到保障，并入学校住宿和就餐条件不能满足需要，以及撤并后可能导致"
    "超大规模学校或‘大班额’问题的，均不得强行撤并。”"
)


def procedure_status(school: PlannedSchool, plan: LayoutOutcome | None = None) -> str:
    """A school's procedure status as 表 3 shows it: :data:`PENDING` for a closure, '' else;
    with ``plan``, a closure into a school without beds for the pupils who board there by
    the rule is :data:`UNFIT` (:func:`unfit_closures`, review rv11 5).

    >>> procedure_status(PlannedSchool("P", "甲教学点", "close")), procedure_status(PlannedSchool("A", "乙", "keep"))
    ('待论证、听证', '')
    """
    if school.action != "close":
        return ""
    hits = unfit_closures(plan).get(school.school_id) if plan is not None else None
    if not hits:
        review = reviews_of(plan).get(school.school_id) if plan is not None else None
        return PENDING if review is None else reviewed_status(review)
    beds, names = {s.school_id: s.beds_after for s in plan.schools}, plan.names
    several = len(_receivers_of(plan, school)) > 1
    return f"{UNFIT}：" + "；".join(f"接收学校{names.get(r, r) if several else ''}{_short_words(beds.get(r, 0), n)}"
                                   for r, n in hits)


#: a closure whose receiver has no bed for pupils who board there by the plan's rule: the
#: rule quoted in :data:`BASIS` (「并入学校住宿…不能满足需要…不得强行撤并」) forbids it
UNFIT = "不具备撤并条件"


def _short_words(beds: int, need: int) -> str:
    return (f"无寄宿床位（转入须寄宿 {need:,} 人）" if not beds
            else f"寄宿床位不足（规划后 {beds:,} 张，转入须寄宿的另有 {need:,} 人没有床位）")


def _counted(count: str) -> str:
    """:func:`~.layout_outcome.closed_count` as a subject: ' 1 所' (no teaching point) is 学校 1 所."""
    return f"学校{count}" if count.startswith(" ") else count.strip()


def _receivers_of(plan: LayoutOutcome, school: PlannedSchool) -> list[str]:
    """The schools a closure's pupils go to: in the year it closes, then in the target year."""
    ids = list(school.moved_pupils) or ([school.merged_into] if school.merged_into else [])
    return ids + sorted({a.school_id for a in plan.assignments
                         if a.before_school == school.school_id and a.school_id not in ids})


def unfit_closures(plan: LayoutOutcome) -> dict[str, tuple[tuple[str, int], ...]]:
    """Closure id → each of its receivers where its pupils who board there by the plan's rule
    have no bed, and their number (:func:`~.layout_boarding.unhoused_movers`: the rule of the
    model's (5) and of the checker); {} for a plan with none, as every plan the model solves
    (a closure whose boarders need beds builds them or is not made). The receiver's own
    pupils who keep their school are not the closure's (rule (20)): rv11 5's three points
    into 大龙堡 and 东枣岭 sent them only pupils of grades 1–3, within 15 minutes, and the 31
    beyond the day limit were the receivers' own (brief hbed). The last plan's answer is
    kept: 表 3 asks it once per closure."""
    from junheng.planning.layout_boarding import unhoused_movers

    if _LAST and _LAST[0] is plan:
        return _LAST[1]
    closed = [s.school_id for s in plan.schools if s.action == "close"]
    rows = [(a.before_school, a.school_id, a.stage_group, a.travel_min, a.students, a.board_share)
            for a in plan.assignments]
    short = unhoused_movers(rows, {s.school_id: s.beds_after for s in plan.schools}, set(closed),
                            float((plan.rules or {}).get("day_travel_limit_min", 30))) if closed else {}
    out = {sid: hits for sid in closed
           if (hits := tuple((r, n) for (c, r), n in sorted(short.items()) if c == sid))}
    _LAST[:] = [plan, out]
    return out


#: (plan, its :func:`unfit_closures`) of the last plan asked (plans are frozen)
_LAST: list = []


def _when(plan: LayoutOutcome, phase: int | None) -> str:
    if phase is None:
        return "实施期内"
    return f"{plan.year + phase} 学年" if plan.year is not None else f"第 {phase} 期"


def unfit_paragraph(plan: LayoutOutcome) -> str:
    """The closures :func:`unfit_closures` finds, by receiver, and what it takes before they
    may close: the road time checked, or beds built at the receiver (blocks of the plan's
    ``bed_block`` at its bed price, not in the plan's investment); '' for a plan with none,
    as every plan the model solves: a safety net for a plan edited by hand."""
    from junheng.planning.layout_config import Costs

    unfit = unfit_closures(plan)
    if not unfit:
        return ""
    beds, names = {s.school_id: s.beds_after for s in plan.schools}, plan.names
    takers: dict[str, list[str]] = defaultdict(list)
    need: dict[str, int] = defaultdict(int)
    for s in plan.schools:
        for r, n in unfit.get(s.school_id, ()):
            takers[r].append(f"{s.name}（{_when(plan, s.phase)} {n:,} 人）")
            need[r] += n
    rules = plan.rules or {}
    limit, block = f"{float(rules.get('day_travel_limit_min', 30)):g}", int(rules.get("bed_block", 50))
    price = Costs(**{k: v for k, v in (plan.costs or {}).items() if k in Costs.model_fields}).bed_block_cost(block)
    built = {r: -(-need[r] // block) for r in takers}  # blocks
    costs = [f"{names.get(r, r)} {k * block:,} 张、{k * price / 10_000:,.2f} 万元" for r, k in built.items()]
    total = sum(built.values()) * price / 10_000
    closed = [s for s in plan.schools if s.school_id in unfit]
    count = closed_count(closed)
    who = "；".join(f"{names.get(r, r)}（规划后床位 {beds.get(r, 0):,} 张）接收{'、'.join(c)}"
                   for r, c in takers.items())
    return (f"{UNFIT}：{_counted(count)}撤并后转入的学生中有按规则须寄宿的"
            f"（四至九年级走读单程按直线距离估算超过 {limit} 分钟），接收学校没有床位给他们，不符合上引“并入学校住宿和就餐条件"
            f"不能满足需要……均不得强行撤并”：{who}。这些校点撤并前须先解决住宿：按实际道路核实通行时间（在 {limit} 分钟内"
            f"则走读，不需床位），或在接收学校新建宿舍床位（{'；'.join(costs)}"
            + (f"；共 {total:,.2f} 万元" if len(costs) > 1 else "")
            + "，未计入本方案总投资）；未解决的，该校点不撤并，按下文“顺延或不撤并”的办法重新测算。")


def closures_by_year(plan: LayoutOutcome) -> dict[int | None, list[PlannedSchool]]:
    """The plan's closures by the phase they take effect in, earliest first (None last)."""
    out: dict[int | None, list[PlannedSchool]] = defaultdict(list)
    for s in plan.schools:
        if s.action == "close":
            out[s.phase].append(s)
    return dict(sorted(out.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))


#: the steps before a closure in school year Y: (what, year offset from Y, month it ends); the
#: first's date decides the first school year a closure may take effect in (layout_phases)
STEPS = tuple((what, *due) for what, due in zip(("完成逐点论证报告", "召开听证会", "公示撤并方案和听证结果", "完成报批"),
                                                STEP_DUE, strict=True))


def deadlines(year: int, made: date | None = None) -> str:
    """What must be done by when for closures taking effect in school year ``year``; a step
    whose month ended before the plan was made (``made``) is said to be late.

    >>> deadlines(2027)
    '2026 年 9 月底前完成逐点论证报告，2026 年 12 月底前（2027 年春季学期开学前）召开听证会，2027 年 3 月底前公示撤并方案和听证结果，2027 年 5 月底前完成报批，2027 年 9 月秋季开学起撤并'
    >>> deadlines(2027, date(2026, 12, 6)).split("，2026 年 12 月")[0]
    '2026 年 9 月底前完成逐点论证报告（本方案编制日期 2026 年 12 月 6 日已过此期限，须在下一步之前补做，来不及的该学年撤并顺延一年）'
    """
    parts = []
    for what, offset, month in STEPS:
        spring = f"（{year} 年春季学期开学前）" if month == 12 else ""
        late = made is not None and made > date(year + offset, month, monthrange(year + offset, month)[1])
        note = f"（本方案编制日期 {_day(made)}已过此期限，须在下一步之前补做，来不及的该学年撤并顺延一年）" \
            if late else ""
        parts.append(f"{year + offset} 年 {month} 月底前{spring}{what}{note}")
    return "，".join([*parts, f"{year} 年 9 月秋季开学起撤并"])


def _day(made: date) -> str:
    """A date as the document's header writes it (review rv11 5: 「2026-12-06」 beside 「2026 年 12 月 6 日」)."""
    return f"{made.year} 年 {made.month} 月 {made.day} 日"


def _late(year: int, made: date | None) -> bool:
    """Is the first step (the 论证报告) of closures in school year ``year`` due before ``made``?"""
    what, offset, month = STEPS[0]
    return made is not None and made > date(year + offset, month, monthrange(year + offset, month)[1])


def _made(plan: LayoutOutcome) -> date | None:
    made = (plan.rules or {}).get("plan_date")
    return date.fromisoformat(str(made)) if made else None


def _made_for(plan: LayoutOutcome, closed: list[PlannedSchool], made: date | None) -> date | None:
    """The plan's day as the deadlines of a year's closures are late against: None (none is
    late) when the county has 论证'd them all already (the planner closes them no sooner than
    their steps allow, :mod:`.layout_reviewed`)."""
    reviews = reviews_of(plan)
    return None if closed and all(s.school_id in reviews for s in closed) else made


def hearing_premise(plan: LayoutOutcome) -> str:
    """The note under 表 2 (分年度财政支出) for each closure year whose 论证报告 was due before
    the plan was made: its running saving, booked from that year as certain, rests on the
    hearings by the end of the December before; moved a year, that year's saving (the
    closures' step, :func:`~.layout_spending.running_steps` ``closed_rest``) is not made and
    the later years are as the table (review rv11 5); '' when no year is late."""
    from junheng.planning.layout_spending import running_steps, yearly_money

    made = _made(plan)
    if plan.year is None or made is None:
        return ""
    rows = {r.year: r.running_yuan for r in yearly_money(plan)}
    steps, parts = running_steps(plan), []
    for phase, closed in closures_by_year(plan).items():
        if phase is None or not _late(year := plan.year + phase, _made_for(plan, closed, made)):
            continue
        count, step = closed_count(closed), steps.get(year, {}).get("closed_rest", 0.0) / 10_000
        what = f"{year} 学年撤并{'学校' if count.startswith(' ') else ''}{count}"
        moved = (f"；这批撤并全部顺延一年的，{year} 学年年度运行成本变化由 {rows[year] / 10_000:,.2f} 万元变为 "
                 f"{round(rows[year] / 10_000 - step, 2) + 0.0:,.2f} 万元，年度运行成本变化累计少节省 {-step:,.2f} 万元，"
                 f"{year + 1} 学年起不变" if step < 0 and year in rows else "")
        parts.append(f"{what}的论证报告期限（{year - 1} 年 9 月底）在本方案编制日期（{_day(made)}）前已过，"
                     f"表中自 {year} 学年起计的运行成本节省以 {year - 1} 年 12 月底前完成论证和听证为前提{moved}")
    return "。".join(parts) + "。" if parts else ""


#: the same steps for a plan without a data year (its phases have no calendar year)
RELATIVE = ("实施学年前一年 9 月底前完成逐点论证报告，12 月底前（春季学期开学前）召开听证会，实施学年 3 月底前公示"
            "撤并方案和听证结果，5 月底前完成报批，9 月秋季开学起撤并")


def year_line(plan: LayoutOutcome, phase: int | None, closed: list[PlannedSchool]) -> str:
    """One closure year: what closes (pupils and teachers today) and its deadlines.

    >>> plan = LayoutOutcome("optimal", (), {}, year=2025)
    >>> year_line(plan, 2, [PlannedSchool("P", "甲教学点", "close", kind="teaching_point",
    ...     students_now=11, teachers_to_redeploy=2)])
    '2027 学年撤并教学点 1 个（现有在校生 11 人、教师 2 人）：2026 年 9 月底前完成逐点论证报告，2026 年 12 月底前（2027 年春季学期开学前）召开听证会，2027 年 3 月底前公示撤并方案和听证结果，2027 年 5 月底前完成报批，2027 年 9 月秋季开学起撤并。'
    """
    pupils = sum(s.students_now for s in closed)
    teachers = sum(s.teachers_to_redeploy for s in closed)
    count = closed_count(closed)  # ' 1 所' when no teaching point: said as 学校 here
    what = f"撤并{'学校' if count.startswith(' ') else ''}{count}（现有在校生 {pupils:,} 人、教师 {teachers:,} 人）"
    if plan.year is None or phase is None:
        when = "" if phase is None else f"第 {phase} 期"
        return f"{when}{what}：{RELATIVE}。"
    done = done_clause(plan, closed)
    return f"{plan.year + phase} 学年{what}：{deadlines(plan.year + phase, _made_for(plan, closed, _made(plan)))}" \
        + (f"；{done}" if done else "") + "。"


def report_steps(plan: LayoutOutcome) -> str:
    """What the 论证报告 covers for each closure, the plan's own travel limit named."""
    limit = (plan.rules or {}).get("day_travel_limit_min")
    travel = f"（走读单程不超过 {float(limit):g} 分钟，超过的安排校车或寄宿）" if limit else ""
    done = "，已完成论证的写明已完成的步骤" if reviews_of(plan) else ""
    now = (f"现{'' if done else '均'}为“待论证、听证”{done}" if not unfit_closures(plan)
           else f"现为“待论证、听证”{done}，接收学校不具备条件的写明“{UNFIT}”和原因")
    return ("论证报告逐点写明：学生并入哪所学校、撤并后上学距离和单程时间" + travel + "、上下学交通安全，"
            "并入学校的教室、住宿和就餐条件，教师调配；不得因撤并造成学生上学不便或辍学。"
            "听证会听取学生家长、学校师生、村民自治组织和乡镇人民政府的意见。"
            f"“布局调整项目与实施学年”表和《布局调整方案工作簿》“调整方案”表的“撤并程序”列逐点记录进度（{now}）。")


def objection_rule(plan: LayoutOutcome) -> str:
    """What happens when a hearing objects, and what that does to the plan's figures."""
    last = max((p for p in closures_by_year(plan) if p is not None), default=None)
    beyond = (f"{plan.year + last} 学年撤并的顺延后超出本方案的实施期" if plan.year is not None and last
              else "最后一期撤并的顺延后超出本方案的实施期")
    return ("多数学生家长反对或听证会多数代表反对的，该校点不撤并：顺延到下一学年重新论证、听证，或不再撤并"
            f"（{beyond}）。本方案是按“布局调整项目与实施学年”表的撤并全部如期实施求解的：顺延或不撤并的校点，其学生和教师留在原校点，"
            "接收学校的学生数和所需教室、教师调配和编制、分年度财政支出中运行支出的节省、调整前后对比中的教学点数"
            "和校际差异系数都与本方案不同，须把该校点改为保留重新测算。")


def procedure_paragraphs(plan: LayoutOutcome) -> list[str]:
    """The section 撤并程序: the rule quoted, each closure year's deadlines, what the
    论证报告 covers, and what a hearing that objects does; [] for a plan closing nothing."""
    years = closures_by_year(plan)
    if not years:
        return []
    return [BASIS, *(year_line(plan, p, closed) for p, closed in years.items()),
            *filter(None, [unfit_paragraph(plan)]), report_steps(plan), objection_rule(plan)]


def pending_clause(plan: LayoutOutcome) -> str:
    """After 按布局方案的计划已全部完成 in the 整改 and 自评: a plan's closures still need their
    procedure, and a hearing that objects changes the figures, and those :func:`unfit_closures`
    finds may not close as they stand; '' for a plan closing nothing.

    >>> pending_clause(LayoutOutcome("optimal", (PlannedSchool("P", "甲教学点", "close"),), {}))
    '（其中撤并须先经论证、听证、公示、报批，听证后顺延或不撤并的，须重新测算）'
    """
    if not any(s.action == "close" for s in plan.schools):
        return ""
    unfit = [s for s in plan.schools if s.school_id in unfit_closures(plan)]
    why = (f"；{_counted(closed_count(unfit))}的接收学校没有床位给转入的按规则须寄宿的学生，{UNFIT}（见布局调整方案"
           f"“{SECTION_HEAD}”）") if unfit else ""
    return f"（其中撤并须先经论证、听证、公示、报批，听证后顺延或不撤并的，须重新测算{why}）"
