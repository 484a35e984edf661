"""A new school's lead time (``new_school_lead_years``) and the layout's default yearly budget
(the 达标路径's: 10 % of 一般公共预算教育支出), worked by hand.

Review 2 finding 3: a new 25-classroom junior school with 征地 was built and opened in the
2027 学年, nine months after the 编制日期 2026-12-04, and 7,700.53 万 fell in that year against
a 7,160.70 万 budget the layout Word never named.

The county is ``test_layout_new_cost``'s: data year 2025, a new school N1 (30,917,500 元 =
3,091.75 万: 24 rooms, its classes formed grade by grade, rule (23)) takes the pupils of P and
J, which close. Made on 2026-12-04 the first phase is
2 (2027 学年)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from test_layout_new_cost import J, N, P, closed_county, config

from junheng.jobs.layout import plan_layout_with_projects, with_default_budget
from junheng.model.county import typed_frame
from junheng.planning import plan_layout
from junheng.planning.compliance_actions import COLUMNS
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_later import money_end
from junheng.planning.layout_newsite import sizing_notes
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_phases import (
    ZeroBudget,
    build_earliest,
    closure_phases,
    phase_budget,
    schedule_builds,
)
from junheng.planning.layout_spending import over_budget_years
from junheng.planning.plans_budget import YEAR_NOTE_TAIL, year_note
from junheng.planning.plans_combined import combined_summary
from junheng.report.layout_years import budget_text, transition_rows, transition_text

DECEMBER = date(2026, 12, 4)


def phases(plan) -> dict[str, int]:
    return {s.school_id: s.phase for s in plan.outcome.schools}


def with_spending(data, wan: float):
    """The county with its 2024 一般公共预算教育支出 (万元)."""
    figures = typed_frame("county_figures", [{"year": 2024, "figure": "public_education_spending",
                                              "value": wan, "unit": "万元", "evidence": "决算"}])
    return replace(data, tables={**data.tables, "county_figures": figures})


def test_a_new_school_opens_lead_years_after_the_first_phase_within_the_budget():
    import pandas as pd

    sites = pd.DataFrame({"existing": [True, False]}, index=["A", "N"])
    # first phase 2; A needed in phase 2, N in phase 2 but new: 2 + 2 = phase 4
    earliest = build_earliest(type("C", (), {"new_school_lead_years": 2}), sites,
                              {"A": 2027, "N": 2027}, 2025, 2)
    assert earliest == {"A": 2, "N": 4}
    # 9 a year from phase 2: A (5) in phase 2; N (29) may start in 4 but 5 + 29 = 34 > 3 × 9 =
    # 27 until phase 5 (4 × 9 = 36); X, closing into N, closes after it in phase 6
    build = schedule_builds({"A": 5, "N": 29}, {"N": 1}, annual_budget=9, phases=3,
                            earliest=earliest, first=2)
    assert build == {"A": 2, "N": 5}
    assert closure_phases({"X": {"N"}, "Y": {"A"}}, build, first=2) == {"X": 6, "Y": 3}


def test_the_plan_opens_the_new_school_two_years_on_and_closes_after_it():
    plan = plan_layout(closed_county(), config(112.00, close=[P, J], plan_date=DECEMBER))
    # N1 needed from 2025, first phase 2, lead 2 → phase 4 (2029); P, J close in 2030
    assert phases(plan) == {P: 5, J: 5, N: 4}
    # then the closures' phasing: none before 2028 (rule (26): made in December 2026, a 2027
    # closure's 论证报告 was due by 2026-09-30), spread over 2028—2029; both wait for N (先建后撤)
    assert plan.outcome.notes[0].endswith(
        "新建学校须征地、立项和建设，最早在首个可实施学年之后 2 个学年即 2029 学年启用（建设周期 2 学年）；"
        "其接收学生的撤并随之顺延，此前学生在现就读学校过渡。"
        "撤并须先完成逐点论证报告，再听证、公示、报批（见“撤并程序”）：2027 学年撤并的论证报告期限（2026 年 9 月底）"
        "在编制日期 2026 年 12 月 4 日前已过，撤并最早自 2028 学年起实施。"
        "分期撤并：撤并在 2030 学年的 1 个学年实施：按现有在校生由少到多排入 2028—2029 学年，每学年约 1/2，规模最小的先撤并；"
        "等待接收学校建设的在其建成后的下一学年撤并（先建后撤），预计少于小规模学校标准后撤并的学校在该学年撤并。"
        "各学年撤并：2030 学年学校 2 所。")
    check_plan(plan.problem, layout_json(plan.outcome))
    doc = layout_json(plan.outcome)
    for s in doc["schools"]:
        s["phase"] = 3 if s["school_id"] == N else s["phase"]  # 2028, P and J still after it
    with pytest.raises(PlanViolation, match=r"^新建学校新校在 2028 学年启用，早于首个可实施学年之后 2 个学年"
                                            r"（2029 学年）。$"):
        check_plan(plan.problem, doc)
    no_lead = plan_layout(closed_county(), config(112.00, close=[P, J], plan_date=DECEMBER,
                                                  new_school_lead_years=0))
    # N1 opens 2027 (phase 2); the two closures spread from 2028 (rule (26)) over 2028—2029: the
    # i-th smallest in 3 + ⌊2i / 2⌋, P (i = 0) in 3, J (i = 1) in 4; both after N1 (先建后撤)
    assert phases(no_lead) == {P: 3, J: 4, N: 2}
    assert "新建学校须" not in no_lead.outcome.notes[0]
    # before it opens, its pupils wait at their schools: no 临时周转 at a school not built
    text = transition_text(plan.outcome)
    # N1's 3,091.75 万 paid in its two build years (timing: 1,545.88 + 1,545.87, whole 0.01 万
    # parts, the rest last)
    assert "2028 学年，建设投资 1,545.87 万元，新校（2029 学年启用）的 225 名初中学生在现就读学校过渡、" \
           "新校（2029 学年启用）的 225 名小学学生在现就读学校过渡" in text
    # all years looked at (2025–2028) come before N1 opens in 2029: no room is 临时周转
    assert "临时周转" not in text
    assert [s.temporary_classrooms for s in plan.outcome.schools if s.school_id == N] == [0]
    spent = "当年一次性投入（全方案：各校建设投资和全部临时周转 0 间）"
    assert transition_rows(plan.outcome)[-6:] == [
        ["2027 学年", "合计", "", "", 0, 0, 0, 0, 0, ""],
        ["2027 学年", spent, "", "", "", "", "", "", 0, 1545.88],
        ["2028 学年", "新校", "初中", 225, 0, 0, 0, 0, 0, "", "2029 学年启用前，学生在现就读学校过渡"],
        ["2028 学年", "新校", "小学", 225, 0, 0, 0, 0, 0, "", "2029 学年启用前，学生在现就读学校过渡"],
        ["2028 学年", "合计", "", "", 0, 0, 0, 0, 0, ""],
        ["2028 学年", spent, "", "", "", "", "", "", 0, 1545.87]]  # N1's 3,091.75 万 in 2027–2028


def test_the_layout_is_phased_within_the_compliance_default_budget():
    # 9,000 万 × 10 % = 900 万 a year from 2027: N1's 3,091.75 万 is paid in the two years
    # before it opens (timing). In use 2030, paid 2028–2029: 3,091.75 by 2029 > 3 × 900 = 2,700;
    # in use 2031, paid 2029–2030: 1,545.88 ≤ 2,700 by 2029, 3,091.75 ≤ 3,600 by 2030, so N1
    # opens in 2031 (phase 6) and P and J close in 2032
    data = with_spending(closed_county(), 9_000.0)
    plan = plan_layout_with_projects(data, config(112.00, close=[P, J], plan_date=DECEMBER))
    assert phases(plan) == {P: 7, J: 7, N: 6}
    assert plan.outcome.rules["default_budget_yuan"] == 9_000_000.0
    assert plan.outcome.rules["annual_budget_yuan"] is None
    assert "布局调整年度预算（未给预算，与达标路径的默认预算相同）：按 2024 年一般公共预算教育支出 9,000 万元（含高中等各学段，工作簿未分学段）的 10% 计，" \
           "每年 900.00 万元（假设值，可在计算时指定年度预算，或在县区单价文件中修改预算占比）；布局调整的建设投资按此额度" \
           "分年度安排（按累计额度，当年未用完的结转以后学年），不限制调整后的总投资。" in plan.outcome.notes
    check_plan(plan.problem, layout_json(plan.outcome))
    # 2029 and 2030 pay 1,545.88 and 1,545.87 万 (no 临时周转 before it opens: fix4b), each
    # over its year's 900 (by 645.88 and 645.87), from 2027–2028's 1,800 unspent
    assert over_budget_years(plan.outcome) == {2029: 6_458_800.0, 2030: 6_458_700.0}
    assert budget_text(plan.outcome) == (
        "县未给年度预算，本方案按每年 900.00 万元（测算取值，不是已批复预算）分年度安排建设（按累计额度）：2029 学年一次性投入 "
        "1,545.88 万元，超出当年额度 645.88 万元，由此前学年未用完的额度承担（2027—2028 学年累计未用 1,800.00 万元）；"
        "2030 学年一次性投入 1,545.87 万元，超出当年额度 645.87 万元，由此前学年未用完的额度承担（2027—2029 学年累计未用 "
        "1,154.12 万元）。")  # hfix8 1: 1,800 − 645.88 = 1,154.12 left for 2030


def test_a_given_budget_wins_and_no_figure_means_no_limit():
    cfg = config(112.00, annual_budget_yuan=5_000_000.0)
    assert with_default_budget(cfg, with_spending(closed_county(), 9_000.0)) == (cfg, [])
    cfg = config(112.00)
    assert with_default_budget(cfg, closed_county()) == (cfg, [
        "布局调整年度预算（未给预算，与达标路径的默认预算相同）：工作簿的县级年度数据没有一般公共预算教育支出，"
        "布局调整方案不限年度预算，分年度投资仅供参考。"])


def test_the_joint_year_note_says_this_layouts_own_build_times():
    # review: the note said "默认各 2 学年" whatever the plan's build times were
    plan = LayoutOutcome("optimal", (PlannedSchool("B", "乙小学", "expand", added_classrooms=6),), {},
                         year=2025, target_year=2030,
                         rules={"expansion_lead_years": 2, "new_school_lead_years": 3})
    doc = combined_summary(plan, pd.DataFrame(columns=list(COLUMNS)), 2030)
    assert doc["build_years"] == {"expansion": 2, "new": 3}
    assert year_note(doc) == (
        "布局调整的每项建设在其投入使用（调整方案所列学年）前的建设周期内平均投入（本布局方案的建设周期："
        "扩建、改扩建 2 学年，新建学校 3 学年；首个可实施学年起）；布局调整与达标路径的经常性支出各单列一行，"
        "布局调整的自撤并、新建学校生效的学年起计，达标路径的按其目标学年起计入的年数列出，两行都计到达标路径"
        "计入的最后一年；一次性投入与经常性支出各有合计，两者不相加，每行合计为各年之和。各年均为学年（2027 学年"
        "即 2027 年秋季至 2028 年夏季），年度预算按同一学年比较。")
    assert "数据学年后" not in year_note(doc) and "默认" not in year_note(doc)


def test_the_joint_year_note_says_a_build_without_build_time_is_paid_in_its_year_of_use():
    same_year = {"build_years": {"expansion": 0, "new": 1}}
    assert year_note(same_year) == (
        "布局调整的每项建设在其投入使用（调整方案所列学年）前的建设周期内平均投入（本布局方案的建设周期："
        "扩建、改扩建在投入使用当年投入，新建学校 1 学年；首个可实施学年起）；" + YEAR_NOTE_TAIL)
    # a plan.json written before the layout kept its build times
    old = combined_summary(LayoutOutcome("optimal", (), {}, year=2025, target_year=2030),
                           pd.DataFrame(columns=list(COLUMNS)), 2030)
    assert old["build_years"] is None
    assert year_note(old) == ("布局调整的每项建设计入其投入使用的学年（调整方案所列学年；该布局方案未记录建设周期）；"
                              + YEAR_NOTE_TAIL)


def test_the_joint_year_note_needs_no_horizon_note():
    # review rv3 9 once had the layout's own table end at 2033 and the joint one at 2034, with a
    # note why the sums differ; brief hyears 2: both end at layout_later.money_end (2030 + 5 − 1
    # = 2034 at the shipped 5 recurring years), so the note ends with its tail, nothing after
    doc = {"build_years": {"expansion": 2, "new": 2}, "layout_year": 2030,
           "by_year": {"years": list(range(2027, 2035))}}
    assert year_note(doc).endswith(YEAR_NOTE_TAIL)
    assert money_end(2030) == 2034


def test_the_sizing_note_counts_a_new_school_from_the_year_it_opens():
    # data year 2025, N opens in phase 4 = 2029 with 10 junior rooms (target 2029, 450 pupils);
    # its pupils 480, 430 wait in 2027–2028; from 2029: 420, 380, 330, 290 at 50 a class →
    # 9, 8, 7, 6 rooms; 2032: 10 − 6 = 4 idle; rooms over 6 in 2029–2031 (3 years > 1);
    # 10 − 9 = 1 never needed
    rooms = [(2027, 480, 10), (2028, 430, 9), (2029, 420, 9), (2030, 380, 8), (2031, 330, 7),
             (2032, 290, 6)]
    plan = LayoutOutcome("optimal", (PlannedSchool(
        "N", "新建初级中学", "new", phase=4, added_classrooms=10,
        added_classrooms_by_stage={"junior": 10}, students_after={"junior": 450}),), {},
        year=2025, target_year=2029, rules={"temporary_peak_years": 1}, transition=tuple(
            YearRooms(y, "N", "junior", n, k, 10 if y >= 2029 else 0, 0, 10 if y == 2029 else 0)
            for y, n, k in rooms))
    assert sizing_notes(plan) == (
        "新建学校规模：新建初级中学初中规模按规划年 2029 学年 450 人确定，设初中教室 10 间；按各村适龄儿童逐年推算，"
        "学生最多 2029 学年 420 人，2032 学年 290 人；逐年需用教室 2029 学年 9 间，2030 学年 8 间，2031 学年 7 间，"
        "2032 学年 6 间；2032 学年 4 间闲置：多于该学年所需的教室连续需用 3 年（2029—2031 学年），新建学校按规划年"
        "一次建成（临时周转只用于现有学校扩建），其中 1 间为余量，各年均不需用，闲置教室的用途需论证。",)


def test_a_yearly_budget_of_zero_is_a_budget_in_scheduling_and_in_the_checker():
    # fixtext item 4: docs/layout-yaml.md, a given annual_budget_yuan also caps the total at
    # budget × phases, so 0 builds nothing; scheduling read 0 as "no limit". Both now read 0.
    plan = plan_layout(closed_county(), config(112.00, close=[P, J], plan_date=DECEMBER))
    zero = plan.problem.config.model_copy(update={"annual_budget_yuan": 0.0})
    assert phase_budget(zero) == 0.0
    # N1's whole build, 3,091.75 万 (the module docstring), over 0 × 3 phases
    with pytest.raises(PlanViolation) as err:
        check_plan(replace(plan.problem, config=zero), layout_json(plan.outcome))
    # every breach of the rule: the total and, paid over 2027–2028, the first year's half
    assert err.value.lines == ("建设投资 30,917,500 元超过预算 0 元。",
                               "至 2027 学年建设投资 15,458,750 元超过累计预算。")
    with pytest.raises(ZeroBudget, match="^年度建设预算为 0 元，不能安排建设投资 30,917,500 元（求解结果与预算不符）。$"):
        schedule_builds({N: 30_917_500.0, "A": 0.0}, {}, annual_budget=0.0, phases=3)
    assert schedule_builds({"A": 0.0}, {}, annual_budget=0.0, phases=3, first=2) == {"A": 2}
    # no given budget and a default of 0 (no figure): no limit, as before
    assert phase_budget(zero.model_copy(update={"annual_budget_yuan": None,
                                               "default_budget_yuan": 0.0})) is None
    assert schedule_builds({N: 30_917_500.0}, {}, annual_budget=None, phases=3, first=2) == {N: 2}


def test_the_wait_counts_the_crowding_at_present_schools_the_plan_closes():
    # fixtext item 6: N1's pupils wait at P and J, which the plan closes after N1 opens (2030
    # against 2029), so they are still there. Village 1 with 225 children in grades 1–3 (75 an
    # age), 700 in grades 4–6 (233.3 an age) and 500 in grades 7–9 (166.7 an age), none
    # younger; no classes today, so each grade a third of its group, classes of 45 and 50
    # grade by grade (the one room rule; pooled seats in brackets):
    # * 2025 小学 at P (12 rooms, 540 seats): 225 (75 a grade, 2 classes each, 6) + 700 (233.3,
    #   6 each, 18) = 925 pupils, 24 classes: 385 over, 12 rooms short (⌈385 / 45⌉ = 9);
    # * 2026 小学: ages 5–7 today 0 + 75 + 75 = 150 (50 a grade: 6) + ages 8–10 75 + 233.3 +
    #   233.3 = 541.7 (180.6: 5 each, 15) = 692, 21 classes: 152 over, 9 short (4);
    # * 2027 初中 at J (12 rooms, 600 seats): ages 10–12 233.3 + 233.3 + 166.7 = 633 (211.1 a
    #   grade: 5 each), 15 classes: 33 over, 3 short (1); 2027 小学 75 (25: 3) + 383.3 (127.8:
    #   9) = 459, 12 classes in 12 rooms: none;
    # * 2028 初中: ages 9–11, 700 (233.3: 5 each), 15 classes: 100 over, 3 short (2).
    # Before, P and J were left out and every wait read 0.
    from layout_builders import county, school, village

    from junheng.planning.layout_check_years import _check_waiting

    data = county([village(1, 112.00, g13=225, g46=700, g79=500, code="220")],
                  [school(P, "primary_school", 112.05, code="220"),
                   school(J, "junior_school", 112.05, code="220")], {P: 12, J: 12})
    cfg = config(112.00, close=[P, J], plan_date=DECEMBER)
    plan = plan_layout(data, cfg)
    assert phases(plan) == {P: 5, J: 5, N: 4}
    years = transition_text(plan.outcome).split("闲置）：")[1].split("；")
    # the rooms short are met by 临时周转 at 2 万元 a room-year (review finding 1): 12 × 2 = 24
    assert years[0].endswith("新校（2029 学年启用）的 925 名小学学生在现就读学校过渡，现就读学校学生超出标准学位 "
                             "385 人（按标准班额缺教室 12 间：学校4103060001超出 385 人、缺 12 间），"
                             "现就读学校临时周转 12 间、24.00 万元")
    # each crowding names the school that holds it (review finding 10): 小学 at P, 初中 at J;
    # the rooms short per year add the stages' (2025: 12 + 0; 2026: 9)
    assert years[2:4] == [
        "2027 学年，建设投资 1,950.27 万元，新校（2029 学年启用）的 633 名初中学生在现就读学校过渡，"
        "现就读学校学生超出标准学位 33 人"
        "（按标准班额缺教室 3 间：学校4103060002超出 33 人、缺 3 间）、新校（2029 学年启用）的 459 名小学学生"
        "在现就读学校过渡，现就读学校临时周转 3 间、6.00 万元",
        "2028 学年，建设投资 1,950.27 万元，新校（2029 学年启用）的 700 名初中学生在现就读学校过渡，"
        "现就读学校学生超出标准学位 100 人（按标准班额缺教室 3 间：学校4103060002超出 100 人、缺 3 间）、"
        "新校（2029 学年启用）的 225 名小学学生在现就读学校过渡，现就读学校临时周转 3 间、6.00 万元。新建学校启用前，"
        "学校4103060001、学校4103060002学生超出标准学位（缺教室 2025 学年 12 间、2026 学年 9 间、2027 学年 3 间、"
        "2028 学年 3 间，分校见上），班额超过标准班额、可能形成大班额（56 人及以上），这一状况持续到新校 2029 学年启用"]
    # 12 + 9 + 3 + 3 = 27 room-years, 54 万元, paid year by year
    assert years[4] == ("过渡措施：与扩建学校同一临时周转办法，所缺教室以临时周转解决（暂用本校其他用房、调整功能室、"
                        "借用邻近学校校舍或租用装配式临时用房），每间每学年 2.00 万元，共 27 间·学年、54.00 万元（2025 学年 "
                        "24.00 万元、2026 学年 18.00 万元、2027 学年 6.00 万元、2028 学年 6.00 万元），计入各学年一次性投入和"
                        "分年度财政支出")  # the new school's 3,690.54 万 in 2027–2028 (timing), 2028 the last year
    # the year check re-derives the crowding from the data's classrooms, grade by grade as the
    # plan (2028 初中 at J: 15 classes in 12 rooms, 3 short), and refuses a row that says none
    _check_waiting(data, plan.outcome, cfg)
    wrong = tuple(replace(r, crowded=0, crowded_rooms=0) if (r.year, r.stage) == (2028, "junior")
                  else r for r in plan.outcome.transition)
    with pytest.raises(PlanViolation, match="^新校2028 学年启用前，现就读学校超出标准学位 0 人、缺教室 0 间，"
                                            "应为 100 人、3 间（逐校：学校4103060002 100 人、缺 3 间）。$"):
        _check_waiting(data, replace(plan.outcome, transition=wrong), cfg)
