"""The 「需局务会决定的事项」 table near the top of 布局调整方案.docx (review rv10 finding 15: the
decisions were spread over a 50,000-character plan that said 「过渡期 2027—2031 学年共 140
间·学年、280.00 万元」 seven times; a 局务会 member could not find them). One row a decision:
what is decided, its options with what each costs, and the part of the document where the
detail is said once.

Every figure is read from the objects the rest of the document prints from, never retyped:
each option's money (:func:`~junheng.planning.layout_options.option_facts`), the 过渡期's
room-years (:func:`~junheng.planning.borrow_runs.rent_years_text`), the rooms met by 临时周转
instead of built (:func:`~junheng.planning.layout_borrow.saving_words`), the receivers' areas
and the land beside them (:func:`~junheng.planning.layout_land.pending_land`), the rules unmet
(:func:`~junheng.planning.layout_unmet.unmet_labels`).
"""

from __future__ import annotations

from junheng.model import numbers
from junheng.planning.layout_outcome import LayoutOutcome

#: the table's title and heads
DECISIONS_TITLE = "需局务会决定的事项"
DECISIONS_HEADS = ("事项", "可选做法及费用", "详见")
#: the 详见 cells: the document's parts by their names (a sub-head's number moves as parts
#: come and go; its name does not)
TRANSITION_PART = "过渡期"
NOTES_PART = "调整前后对比的说明"
TEACHERS_PART = "教师编制与调配"


def _wan(yuan: float) -> str:
    return numbers.money(yuan, numbers.WAN_FROM)


def new_school_row(plan: LayoutOutcome, section: str) -> list[str]:
    """是否新建学校: each option's one-off investment and yearly running cost ([] without an
    ``alternative``); ``section`` the document's comparison of the two.

    >>> plan = LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 52_000_000.0,
    ...     "operating_yuan": 9_000_000.0}}, alternative={"once_yuan": 840_000.0, "operating_yuan": 9_500_000.0})
    >>> print(new_school_row(plan, "二、是否新建学校：两个方案比较")[1])
    方案甲（新建学校）：一次性建设投资 5,200.00 万元，每年运行支出 900.00 万元；方案乙（不新建学校）：一次性建设投资 84.00 万元，每年运行支出 950.00 万元
    """
    from junheng.planning.layout_options import OPTION_A_FULL, OPTION_B_FULL, option_facts
    from junheng.planning.layout_ranking import priced_gap

    if not plan.alternative:
        return []
    a, b = option_facts(plan), dict(plan.alternative)
    def money(f: dict, key: str) -> str:  # both options in one unit, as the comparison says them
        return numbers.money(f[key], max(abs(a[key]), abs(b[key])))

    each = "；".join(f"{name}：一次性建设投资 {money(f, 'once_yuan')}，每年运行支出 {money(f, 'operating_yuan')}"
                    for name, f in ((OPTION_A_FULL, a), (OPTION_B_FULL, b)))
    priced = priced_gap(plan, a, b).partition("；")[0]  # its verdict on the weight: in the section
    return ["是否新建学校", each + (f"；{priced}" if priced else ""), section]


def versus_short(plan: LayoutOutcome, section: str) -> str:
    """The 方案概要 row 与方案乙比较 ('' without an ``alternative``): what 方案乙 costs less once
    and each year and where the choice is set out (this table, ``section``); the ranking and
    the priced sports area are said there, not here (rv10 15: a cell of nearly 400 characters).

    >>> plan = LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 52_000_000.0,
    ...     "operating_yuan": 9_000_000.0}}, alternative={"once_yuan": 840_000.0, "operating_yuan": 9_500_000.0})
    >>> print(versus_short(plan, "二、是否新建学校：两个方案比较"))
    方案乙（不新建学校）一次性建设投资少 5,116.00 万元，每年运行支出多 50.00 万元；选择哪个方案由局务会决定（见“需局务会决定的事项”和“二、是否新建学校：两个方案比较”）。
    """
    from junheng.planning.layout_options import OPTION_B_FULL, option_facts
    from junheng.report.layout_choice import DECIDES, saves_text

    if not plan.alternative:
        return ""
    where = "和".join(f"“{x}”" for x in (DECISIONS_TITLE, section) if x)
    return (f"{OPTION_B_FULL}{saves_text(option_facts(plan), dict(plan.alternative))}；"
            f"{DECIDES.removesuffix('。')}（见{where}）。")


def transition_row(plan: LayoutOutcome) -> list[str]:
    """过渡期 借用或租用教室 against building: the room-years and their rent, the rooms met by
    临时周转 instead of built and what that saves ([] without 临时周转).

    Hand-worked: 4 room-years at 2.00 万元 = 8.00 万元 (2027 only, no room kept unbuilt):

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 1.0}}, year=2025,
    ...     costs={"temporary_room_yuan": 20_000.0}, transition=(YearRooms(2027, "S", "primary", 500, 4, 0, 4),))
    >>> print(transition_row(plan)[1])
    借用或租用教室：过渡期 2027 学年共 4 间·学年、8.00 万元（每间每学年 2.00 万元，假设值）；或在需用的学年前建成教室
    """
    from junheng.planning.borrow_runs import rent_years_text
    from junheng.planning.layout_borrow import kept_rooms, saving_words
    from junheng.planning.layout_footprint import land_first
    from junheng.planning.layout_options import option_facts
    from junheng.planning.layout_waiting import room_year_yuan

    got = option_facts(plan).get("temporary")
    if not got or not got[1]:
        return []
    price = room_year_yuan(plan) / 10_000
    rent = f"借用或租用教室：{rent_years_text(got, '过渡期')}" + (f"（每间每学年 {price:,.2f} 万元，假设值）" if price else "")
    kept, land = kept_rooms(plan), land_first(plan)  # rv28 3: no ground, said where it is offered
    build = (f"新建规划年仍借用的 {kept:,} 间（{land + '；' if land else ''}不新建：{saving_words(plan)}）" if kept
             else "在需用的学年前建成教室")
    return ["过渡期借用、租用教室还是提前建设", f"{rent}；或{build}", TRANSITION_PART]


def area_row(plan: LayoutOutcome) -> list[str]:
    """接收学校补足生均面积 (需论证) and the land beside them (待决策): build and buy, or move
    fewer pupils there ([] where the plan has none).

    >>> plan = LayoutOutcome("optimal", (), {"after": {"receiver_area_yuan": 6_638_100.0,
    ...     "sports_land_m2": 2524, "sports_land_yuan": 3_786_000.0}}, rules={"sports_land_max_m2": 1000})
    >>> print(area_row(plan)[1])
    补足：接收学校补足生均面积 663.81 万元，其中扩充体育运动场地用地 2,524 平方米、378.60 万元须经自然资源部门确认用地；或减少分流、另选接收学校
    """
    from junheng.planning.layout_land import pending_land

    after = dict((plan.metrics or {}).get("after", {}))
    area = float(after.get("receiver_area_yuan") or 0.0)
    if not round(area):
        return []
    land = pending_land(plan)
    land_words = (f"，其中{land.split('（')[0]}须经自然资源部门确认用地" if land else "")
    return ["接收学校补足生均面积（需论证）",
            f"补足：接收学校补足生均面积 {_wan(area)}{land_words}；或减少分流、另选接收学校", NOTES_PART + "“需论证”"]


def rules_row(plan: LayoutOutcome, section: str) -> list[str]:
    """The rules the plan does not meet: accept them as exceptions or change the settings and
    compute again ([] where it meets them all).

    >>> plan = LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet": "…"})
    >>> rules_row(plan, "三、测算方法和未满足的规则")
    ['未满足的规则 1 项', '作为例外接受：每个乡镇保留寄宿制小学和初中；或调整方案设置后重新测算', '三、测算方法和未满足的规则']
    """
    from junheng.planning.layout_unmet import unmet_labels

    labels = unmet_labels(plan, cvs=False)
    if not labels:
        return []
    return [f"未满足的规则 {len(labels)} 项", f"作为例外接受：{'、'.join(labels)}；或调整方案设置后重新测算", section]


def relief_rows(plan: LayoutOutcome, section: str) -> list[list[str]]:
    """A school short of its relief floor that a community zoned away would bring to it
    (:func:`~junheng.planning.layout_keep_whole.keep_choice`): the plan or that community here,
    each with its pupils and the receiver's top-up of per-pupil areas it keeps or no longer
    needs (:func:`~junheng.planning.layout_keep_whole.freed_need`; review hxuefu: 表 2 did not
    offer 学府社区's 136, said only in ``section``), the years the option breaks a rule and where
    they are said year by year (rv27 6: a cell of 564 characters; a row in about 200).

    >>> from junheng.planning.layout_outcome import PlannedSchool, VillageAssignment as VA
    >>> a = PlannedSchool("A", "城关一小", "keep", capacity={"primary": 1_980}, students_after={"primary": 1_477}, stay_floor=1_483)
    >>> b = PlannedSchool("B", "东城小学", "keep", students_after={"primary": 595}, stay_floor=413,
    ...     added_sports_area=617.0, sports_field=True, sports_land_area=267.0, area_yuan=955_800.0,
    ...     sports_m2={"now": 2127.0, "have": 2984.6475, "primary": 6.5025, "ratio": 0.867})
    >>> moved = VA("V", "grades_1_3", "B", 136, 0.1, 0.9, False, village_name="学府社区", before_school="A")
    >>> plan = LayoutOutcome("optimal", (a, b), {"after": {"relief_short_pupils": 6.0, "receiver_area_yuan": 6_638_100.0,
    ...     "capital_cost_yuan": 44_927_100.0, "sports_land_m2": 2_524.0}},
    ...     assignments=(moved, VA("V", "grades_1_3", "B", 459, 0.1, 0.9, False, village_name="学府社区", before_school="B")))
    >>> for cell in relief_rows(plan, "三")[0]: print(cell)
    学府社区 136 人留在城关一小还是划入东城小学
    按本方案划入东城小学：城关一小 1,477 人，为分流下限的 99.6%；东城小学补足生均面积 95.58 万元；或留在城关一小（该社区仍由两校分别接收）：该校 1,613 人，达到分流下限；东城小学不再需要补足，一次性建设投资减为 5,060.94 万元
    三
    """
    from junheng.planning import layout_keep_whole as kw
    from junheng.planning.layout_unmet import relief_cases
    from junheng.planning.layout_zone_price import zone_rows

    by, rows = {s.name: s for s in plan.schools}, []
    for name, n, f, parts, rooms, seats, whole in relief_cases(plan):
        got = kw.keep_choice(n, f, parts, rooms, seats, whole)
        if got is None or got[0] == "none" or got[2] not in by:
            continue
        kind, village, school, k, _all, stage = got
        r, key = by[school], kw.stage_key(by[school], stage)
        paid = f"；{school}补足生均面积 {_wan(r.area_yuan)}" if round(r.area_yuan) else ""
        keeps = (f"留在{name}（该社区仍由两校分别接收）" if kind == "split"
                 else f"整体划入{name}（须核对该社区到{name}的走读时间）")
        rows.append([f"{village}{f' {k:,} 人' if kind == 'split' else '整体'}留在{name}还是划入{school}",
                     f"按本方案划入{school}：{name} {n:,} 人，为分流下限的 {100 * n / f:.1f}%{paid}；或{keeps}："
                     f"该校 {n + k:,} 人，达到分流下限{_freed_words(plan, r, key, k) if paid else ''}"
                     f"{_kept_years_words(plan, r, by.get(name), village, key, k)}", section])
    return rows + [[item, said, NOTES_PART + "“划片选择的代价”"] for item, said in zone_rows(plan)]


def _freed_words(plan: LayoutOutcome, r, key: str, k: int) -> str:
    """What the receiver ``r`` no longer tops up with ``k`` fewer pupils of ``key``
    (:func:`~junheng.planning.layout_keep_whole.freed_need`): its top-up and the one-off
    investment less its ``area_yuan`` (review rv26 5: 5,156.52 → 5,060.94 万元 went unsaid; the
    areas and land freed are said in the remedy's paragraph, rv27 6), or that it is to be
    computed again."""
    from junheng.planning import layout_keep_whole as kw
    from junheng.planning.layout_options import option_facts
    from junheng.planning.layout_outcome import shown_yuan

    if kw.freed_need(r, key, k) is None:
        return f"；{r.name}补足生均面积须重新核算"
    once = float(option_facts(plan).get("once_yuan") or 0.0)
    less = shown_yuan([r.area_yuan])
    return f"；{r.name}不再需要补足" + (f"，一次性建设投资减为 {_wan(shown_yuan([once]) - less)}" if round(once) else "")


def _kept_years_words(plan: LayoutOutcome, r, b, village: str, key: str, k: int) -> str:
    """The option's breaks beside its figures: the school keeping them whose sports works are
    to be computed again (:func:`~junheng.planning.layout_keep_whole.school_sports`), the years
    it is over its seats or 校额上限 (:func:`~junheng.planning.layout_keep_whole.kept_over`), and
    where the years are said (rv27 6: a 564-character cell); without the moves by year, the
    rooms to count again where the plan has its pupils by year."""
    from junheng.planning import layout_keep_whole as kw

    if b is None:
        return ""
    again = f"；{b.name}{kw.SPORTS_AGAIN}" if kw.school_sports(b, key, k).endswith(kw.SPORTS_AGAIN) else ""
    years = kw.kept_over(plan, r, b, village, key, k, full=False)
    if not years:
        rooms = kw.rooms_again(plan, r, b).split("（")[0]
        return f"{again}；{rooms}" if rooms else again
    over = "".join(f"；{y} 学年{b.name}{'、'.join(words)}" for y, _m, _had, words in years if words)
    return f"{again}{over}；逐年见“{kw.years_head(village, b.name)}”"


def ground_row(plan: LayoutOutcome) -> list[str]:
    """The expanding schools whose new rooms do not fit on their open land
    (:func:`~junheng.planning.layout_footprint.unfit_schools`): add storeys or rebuild on site,
    at the room price the plan counts, or send fewer pupils there ([] where all fit).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> s = PlannedSchool("X", "新区实验学校", "expand", added_classrooms=4,
    ...                   added_classrooms_by_stage={"junior": 4}, spare_ground_m2=2_398, room_ground_m2=0)
    >>> plan = LayoutOutcome("optimal", (s,), {}, costs={"teaching_yuan_per_m2": 3500.0})
    >>> print(ground_row(plan)[1])  # 120 m² × 3,500 元 = 42.00 万元 a room
    加层（现有教学楼层数无数据，须现场核定）或原址改扩建，新建教室按每间 42.00 万元计入建设投资；或减少分流、另选接收学校
    """
    from junheng.planning.layout_borrow import room_build_yuan
    from junheng.planning.layout_footprint import unfit_schools

    names = unfit_schools(plan)
    if not names:
        return []
    return [f"{'、'.join(names)}新建教室校内放不下",
            f"加层（现有教学楼层数无数据，须现场核定）或原址改扩建，新建教室按每间 {_wan(room_build_yuan(plan))}"
            "计入建设投资；或减少分流、另选接收学校", NOTES_PART + "“新建教室的用地”"]


def teacher_row(plan: LayoutOutcome) -> list[str]:
    """One stage's surplus teachers beside the other stage's hires (the staffing ledger's
    :func:`~junheng.planning.staffing_figures.stage_figures`): hire, at the new teachers' pay
    the plan counts each year, or move the surplus across ([] where no stage has both); for the
    junior stage also the school years before the plan year short of teachers, their early
    transfers and 代课 (:func:`~junheng.report.teacher_peak.before_short`, review rv26 3).

    Hand-worked: 664 primary surplus, 133 retire unreplaced: 531 left; 72 junior posts and
    56 retirees replaced: 128 to hire; 72 × 10 万元 = 720.00 万元 a year:

    >>> doc = {"year": 2030, "retirement": {"by_stage": {"primary": 133, "junior": 56}},
    ...        "schools": [{"stage": "primary", "need": 1076, "today": 1740, "hire": 0, "surplus": 664},
    ...                    {"stage": "junior", "need": 1151, "today": 1079, "hire": 72, "surplus": 0}]}
    >>> plan = LayoutOutcome("optimal", (), {"after": {"hire_staff_yuan": 7_200_000.0}}, staffing=doc)
    >>> print(teacher_row(plan)[1])
    招聘初中教师 128 人（其中按编制 72 人，每年新聘教师人员经费 720.00 万元，已计入每年运行支出）；或由小学富余教师转任（退休不补后仍富余 531 人，须逐人核实资格证学段和任教学科）

    With the year the spending pays them from (``hires_from``, review rv27 4: the year they are in post):

    >>> plan = LayoutOutcome("optimal", (), plan.metrics, staffing={**doc, "hires_from": 2029})
    >>> print(teacher_row(plan)[1][:70])
    招聘初中教师 128 人（其中按编制 72 人，2029 学年起到岗，每年新聘教师人员经费 720.00 万元，自该学年起计入每年运行支出）
    """
    from junheng.model.labels import STAGE_LABELS
    from junheng.planning.staffing_figures import stage_figures
    from junheng.planning.staffing_transfer import certified_left
    from junheng.report.subject_gaps import unmatched
    from junheng.report.teacher_peak import before_short, peak_text

    stages = stage_figures(plan.staffing or {})
    pay = float(dict((plan.metrics or {}).get("after", {})).get("hire_staff_yuan") or 0.0)
    for extra, short in (("primary", "junior"), ("junior", "primary")):
        f, g = stages.get(extra), stages.get(short)
        if not f or not g or not g["hire"] or not f.get("left", f["surplus"]):
            continue
        a, b = STAGE_LABELS[extra], STAGE_LABELS[short]
        paid = _paid_text(pay, (plan.staffing or {}).get("hires_from"))
        found = (plan.staffing or {}).get("transfer") or {}
        cover = (found.get("retire") or {}).get("teachers") or 0
        hire = g.get("hire_total", g["hire"])
        peak = f"；{peak}" if (peak := peak_text(plan.staffing, full=False)) else ""  # rv20 3
        early = f"；{e}" if short == "junior" and (e := before_short(plan.staffing)) else ""  # rv26 3
        # rv29 5: the 局务会's choice after the hires, not nested in their brackets
        hired = f"招聘{b}教师 {hire:,} 人（其中按编制 {g['hire']:,} 人{paid}）{peak}"
        matched = extra == "primary" and found.get("filled")
        lack = unmatched(found) if matched else (0, "")
        if lack[0] >= hire:  # rv20 4: none of the certified surplus teaches what is hired
            return [f"{b}所需教师从哪里来", f"{hired}；所需为{lack[1]}教师，{a}富余教师中持初中及以上教师资格证、所在学校仍富余的"
                    f" {certified_left(found)[0]:,} 人没有对口的，不能转任{early}", TEACHERS_PART]
        check = (f"已按资格证学段转任 {found['teachers']:,} 人" + (f"、补充初中退休岗位 {cover:,} 人" if cover else "")
                 + f"，持初中及以上教师资格证、所在学校仍富余的还有 {certified_left(found)[0]:,} 人，须逐人核实任教学科"
                 if matched else "须逐人核实资格证学段和任教学科")
        part = f"其中{lack[1]} {lack[0]:,} 人无{a}富余教师对口，其余 {hire - lack[0]:,} 人或" if lack[0] else "或"
        return [f"{b}所需教师从哪里来", f"{hired}；{part}由{a}富余教师转任（退休不补{'、转任' if f.get('cover') else ''}后仍富余 "
                f"{f.get('left', f['surplus']):,} 人，{check}）{early}", TEACHERS_PART]
    return []


def _paid_text(pay: float, start: int | None) -> str:
    """「，2029 学年起到岗，每年新聘教师人员经费 30.00 万元，自该学年起计入每年运行支出」: the hires'
    pay a year and the year the spending pays it from (``start``, said where known, rv27 4)."""
    if not round(pay):
        return ""
    if start is None:
        return f"，每年新聘教师人员经费 {_wan(pay)}，已计入每年运行支出"
    return f"，{start} 学年起到岗，每年新聘教师人员经费 {_wan(pay)}，自该学年起计入每年运行支出"


def low_use_rows(plan: LayoutOutcome) -> list[list[str]]:
    """A kept school the plan leaves mostly empty (:func:`~junheng.report.plan_rows.size_warnings`):
    its pupils and use, and the yearly cost of sending it the nearby pupils its note prices.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> from junheng.planning.layout_reasons import opening_reason
    >>> p = LayoutOutcome("optimal", (PlannedSchool("N", "新区二小", "keep"),), {},
    ...                   kept_reasons={"N": opening_reason({"seats_primary": 2160, "seats_junior": 0}, 371)})
    >>> low_use_rows(p)
    [['新区二小学位利用率低', '核实项目规模（规划年 371 人，学位利用率 17%）；或给它划入更多片区', '调整前后对比的说明“学位利用率低”']]
    """
    import re

    from junheng.report.plan_rows import size_warnings

    rows = []
    for text in size_warnings(plan):
        name = text.removeprefix("学位利用率低，需核实：").split("（")[0]
        use = re.search(r"规划年 ([\d,]+ 人)，学位利用率 (\d+%)", text)
        paid = re.search(r"划入本校（[^）]*）每年多支出 ([\d,.]+ 万元)", text)
        more = f"，每年多支出 {paid.group(1)}（校车等）" if paid else ""
        rows.append([f"{name}学位利用率低",
                     f"核实项目规模{f'（规划年 {use.group(1)}，学位利用率 {use.group(2)}）' if use else ''}；"
                     f"或给它划入更多片区{more}", NOTES_PART + "“学位利用率低”"])
    return rows


#: where the 整改措施 says the 高中 bill in full, with its figures (brief hhigh, rv13 3)
SENIOR_DECISION = "《整改措施》“须由局务会决定（与高中共用部分的高中经费）”"


def senior_row(plan: LayoutOutcome) -> list[str]:
    """The schools that share their grounds with a 高中 and whose sports top-up takes their
    spare ground (:func:`~junheng.planning.layout_ground.shared_reason`): the whole block is
    built, the 初中 counts only its share, the rest is the 高中's bill — a decision with its
    options; its m² and 万元 are the 整改措施's, said there once ([] where there is none).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> s = PlannedSchool("D", "第四中学", "keep", kind="complete_secondary", spare_ground_m2=12_701, room_ground_m2=4)
    >>> t = PlannedSchool("E", "第五中学", "keep", kind="complete_secondary", spare_ground_m2=900, room_ground_m2=900)
    >>> row = senior_row(LayoutOutcome("optimal", (s, t), {}))
    >>> row[0]
    '第四中学与高中共用部分的高中经费'
    >>> print(row[1])
    补足初中所需体育运动场地须建整块场地，按评估办法初中只计其中一部分，其余为高中部分：由高中经费安排（按布局调整与达标路径测算）；或只建初中所需部分（初中按加权只计其中一部分，学校达标不能计足）；或初中单独使用的场地和教室不与高中共用、按初中独立使用计（须经市级复核认可）
    """
    from junheng.model.codes import SCHOOL_TYPE_STAGES

    names = [s.name for s in plan.schools
             if "senior" in SCHOOL_TYPE_STAGES.get(s.kind, frozenset()) and s.action != "close"
             and s.spare_ground_m2 is not None and s.room_ground_m2 is not None
             and s.room_ground_m2 < s.spare_ground_m2 - 0.5]
    if not names:
        return []
    return [f"{'、'.join(names)}与高中共用部分的高中经费",
            "补足初中所需体育运动场地须建整块场地，按评估办法初中只计其中一部分，其余为高中部分：由高中经费安排"
            "（按布局调整与达标路径测算）；或只建初中所需部分（初中按加权只计其中一部分，学校达标不能计足）；"
            "或初中单独使用的场地和教室不与高中共用、按初中独立使用计（须经市级复核认可）", SENIOR_DECISION]


def other_row(decide: list[str], head: str) -> list[str]:
    """The decisions said in full under ``head`` (the boarders a town school keeps, the campus
    a relocation leaves: :mod:`~junheng.planning.layout_boarders`), named in one row ([] none).

    >>> other_row(["须由局务会决定（城镇学校外村寄宿生回流乡镇初中）：甲中学……", "乙高中迁建工程 2025 年 8 月竣工：原校区……"],
    ...           "须由局务会决定的布局事项")
    ['其他布局事项 2 项', '城镇学校外村寄宿生回流乡镇初中；乙高中迁建工程 2025 年 8 月竣工后的原校区用途（各项的做法和费用随各项列出）', '须由局务会决定的布局事项']
    """
    import re

    if not decide:
        return []
    labels = [m.group(1) if (m := re.match(r"须由局务会决定（([^）]*)）", t)) else
              t.split("：")[0] + ("后的原校区用途" if "原校区" in t else "") for t in decide]
    return [f"其他布局事项 {len(decide)} 项", "；".join(labels) + "（各项的做法和费用随各项列出）", head]


def decision_rows(plan: LayoutOutcome, options: str, method: str) -> list[list[str]]:
    """The table's rows, in the order a 局务会 takes them: the new school, the 过渡期, the
    receivers' areas, the rooms that do not fit, the teachers, a school left mostly empty, a
    community that would bring a school to its relief floor, the rules unmet; ``options`` and ``method`` the document's sections on the two options and on
    the rules unmet.

    >>> decision_rows(LayoutOutcome("optimal", (), {}), "", "三")
    []
    """
    from junheng.report.layout_board_rows import boarding_rows

    rows = (new_school_row(plan, options) if options else [], transition_row(plan), area_row(plan),
            ground_row(plan), senior_row(plan), teacher_row(plan), *low_use_rows(plan),
            *relief_rows(plan, method), rules_row(plan, method),
            *boarding_rows(plan))
    return [r for r in rows if r]


#: how the 新建学校规模 note sets 方案乙 beside the new school
#: (:func:`~junheng.planning.layout_like.like_sentence`) and how that note goes on after it
LIKE_LEAD, LIKE_END = "与方案乙（不新建学校）同口径比较（同样的学生）：", "，是否新建由局务会论证决定"


def referenced_notes(notes: list[str], section: str) -> list[str]:
    """The 调整前后对比 notes of the document with the comparison of the two options said once,
    in ``section`` (its 表 and the 需局务会决定的事项): the long 方案乙 note (about 1,100
    characters, the table's rows again) and the 新建学校规模 note's like-for-like comparison
    become references; the workbook's sheet keeps them in full (a sheet is looked up, not read).
    Without ``section`` (one option) the notes are as they are.

    >>> notes = ["方案乙（不新建学校：不设候选新校址……）：建设投资 1.00 万元（方案甲 2.00 万元）。",
    ...          "新建学校规模：甲初中 18 间；" + LIKE_LEAD + "方案乙其他学校建设投资多 1.00 万元" + LIKE_END + "。",
    ...          "方案乙与方案甲相比：计入综合评价值的财政支出每年少 1.00 万元。"]
    >>> for n in referenced_notes(notes, "二、是否新建学校：两个方案比较"): print(n)
    方案乙（不新建学校）与方案甲（新建学校）的逐项比较见“二、是否新建学校：两个方案比较”（全文见《布局调整方案工作簿》“调整前后对比”表的说明）。
    新建学校规模：甲初中 18 间；与方案乙（不新建学校）的同口径比较见“二、是否新建学校：两个方案比较”，是否新建由局务会论证决定。
    方案乙与方案甲相比：计入综合评价值的财政支出每年少 1.00 万元。
    >>> referenced_notes(notes, "") == notes
    True
    """
    import re

    from junheng.planning.layout_options import OPTION_A_FULL, OPTION_B, OPTION_B_FULL
    from junheng.report.layout_board_rows import in_table
    from junheng.report.layout_docx import LAYOUT_WORKBOOK

    if not section:
        return in_table(notes)
    out = []
    for note in in_table(notes):
        if note.startswith(f"{OPTION_B}（"):
            note = (f"{OPTION_B_FULL}与{OPTION_A_FULL}的逐项比较见“{section}”"
                    f"（全文见{LAYOUT_WORKBOOK}“调整前后对比”表的说明）。")
        elif LIKE_LEAD in note:
            note = re.sub(re.escape(LIKE_LEAD) + ".*?(?=" + re.escape(LIKE_END) + ")",
                          f"与{OPTION_B_FULL}的同口径比较见“{section}”", note, count=1)
        out.append(note)
    return out


def size_refs(plan: LayoutOutcome) -> tuple[str, ...]:
    """The 自评报告's word on a kept school the plan leaves mostly empty: the first sentence of
    its facts (:func:`~junheng.report.plan_rows.size_facts`) and where the rest is (rv10 15:
    about 2,500 characters copied word for word from the layout plan's note).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> from junheng.planning.layout_reasons import opening_reason
    >>> p = LayoutOutcome("optimal", (PlannedSchool("N", "新区二小", "keep"),), {},
    ...                   kept_reasons={"N": opening_reason({"seats_primary": 2160, "seats_junior": 0}, 371)})
    >>> print(size_refs(p)[0])
    学位利用率低：新区二小（保留）：建设项目的新建学校，学位 2,160 个按项目建设（不是本方案确定的规模）；本方案按就近入学给它分配学生（离它比离原校近的先转入），规划年 371 人，学位利用率 17%，其余学位空余（原因、学生来源和分批启用见《布局调整方案》“调整前后对比”的说明“学位利用率低”）。
    """
    from junheng.report.layout_docx import LAYOUT_DOCX_REF
    from junheng.report.plan_rows import size_facts

    where = f"（原因、学生来源和分批启用见{LAYOUT_DOCX_REF}“调整前后对比”的说明“学位利用率低”）。"
    return tuple(fact.split("。")[0] + where for fact in size_facts(plan))


def instead_lead(plan: LayoutOutcome) -> str:
    """The lead's sentence on the rooms met by 临时周转 instead of built
    (:func:`~junheng.planning.layout_borrow.instead_sentence`) with its money left to the
    table's 过渡期 row and to 过渡期 (rv10 15: the same saving said three times); '' where none.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "甲", "expand", temporary_classrooms=2,
    ...     temporary_yuan=840_000.0),), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2030, "E", "junior", 520, 2, 0, 2),))
    >>> instead_lead(plan)
    '规划年 2030 学年 1 所学校共 2 间普通教室以临时周转代替新建（缺口持续不超过临时周转年限或建成后多数学年闲置），费用见“需局务会决定的事项”和“过渡期”。'
    """
    from junheng.planning.layout_borrow import instead_sentence, saving_words

    text, saving = instead_sentence(plan), saving_words(plan, named=False)
    return text.replace(f"，{saving}（见“过渡期”）", f"，费用见“{DECISIONS_TITLE}”和“过渡期”") if saving else text
