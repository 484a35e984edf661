"""A short 普通教室 gap is met by 临时周转, as the layout plan meets it (planner review: 整改措施
built permanent rooms for one-year peaks): the layout's rule (planning.layout_years.
temporary_rooms) at its threshold (temporary_peak_years, 3 by default), counted from the year a
new room could be in use; a lasting gap still builds.

The example county, data year 2025, planned on 2026-06-01 for 2028: the first plan year is
2026 and a classroom takes 2 years to build (teaching_area.lead_years), so the rule looks at
2028 (target) to 2031 (target + 3). 示例县城关第一小学 has 12 普通教室; today 90, 90, 91, 91,
91, 89 pupils in grades 1–6 form 2 + 2 + 3 + 3 + 3 + 2 = 15 classes: 3 rooms short; 90 in
every grade forms 12 classes: none short.
"""

from datetime import date

import pandas as pd
import pytest

from junheng.io import example_county
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_check import check_plan
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_temporary import PEAK_YEARS, split_rooms, temporary_note
from junheng.planning.layout_config import LayoutConfig

SCHOOL = "4103060001"
TODAY = "today"  # the school's pupils of the data year (3 rooms short)
LEVEL = 90  # pupils in each grade: 12 classes, none short
YEARS = range(2026, 2032)


def _students(school_years: dict[int, object]) -> pd.DataFrame:
    """Every school's pupils of today in each year, 示例县城关第一小学's replaced where given:
    TODAY, LEVEL, or {grade number: pupils} (others at LEVEL)."""
    county = example_county()
    today = current_students(county)
    frames = []
    for year in YEARS:
        frame = today.assign(year=year)
        mine = school_years.get(year, TODAY)
        if mine != TODAY:
            grades = dict.fromkeys(range(1, 7), LEVEL) | (mine if isinstance(mine, dict) else {})
            at = frame["school_id"] == SCHOOL
            frame.loc[at, "students"] = frame.loc[at, "grade"].map(
                {f"g{g}": float(n) for g, n in grades.items()})
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _plan(school_years: dict[int, object], peak_years: int | None = None, costs=None):
    return plan_compliance(example_county(), _students(school_years), 2028, time_limit=10,
                           plan_date=date(2026, 6, 1), peak_years=peak_years, costs=costs)


def _items(plan) -> dict[str, tuple[float, float]]:
    a = plan.actions
    return {i: (float(a.loc[a["item"] == i, "quantity"].sum()),
                round(float(a.loc[a["item"] == i, "cost"].sum()), 2)) for i in sorted(set(a["item"]))}


def test_the_threshold_is_the_layout_plans_own():
    # review rd 3: 3 years by default (a cohort's 初中 years), not 1
    assert PEAK_YEARS == LayoutConfig().temporary_peak_years == 3


def test_a_one_year_peak_is_met_by_temporary_rooms_without_a_classroom_or_building():
    """2028: 3 rooms short; 2029–2031: none. Each of rooms 1–3 is needed in 2028 only (a run of
    1 year ≤ 3, the default, and 2031 does not need it): 3 rooms met by 临时周转 for 1 year each, 3
    间·学年 × 2 万元 = 6 万元, in place of 3 × 120 m² × 0.35 万元 = 126 万元. The music and art
    rooms the 15 classes ask for (ceil(15 / 12) = 2 of each, 1 of each today) are still built,
    and so is their building project: 6 + 33.6 + 31.5 + 30 = 101.1 万元 (221.1 before)."""
    plan = _plan({2029: LEVEL, 2030: LEVEL, 2031: LEVEL})
    assert _items(plan) == {"art_room": (1.0, 31.5), "building": (1.0, 30.0),
                            "music_room": (1.0, 33.6), "temporary_classroom": (3.0, 6.0)}
    assert plan.confirmed and round(plan.objective, 2) == 101.1
    assert check_plan(plan.problem, plan.actions) == pytest.approx(101.1)
    row = plan.actions[plan.actions["item"] == "temporary_classroom"].iloc[0]
    assert row["reason"] == ("普通教室缺口持续不超过 3 年（自新建教室最早可投入使用的 2028 学年起计）："
                             "2028 学年 542 人缺 3 间，2029 学年 540 人不缺，2030 学年 540 人不缺，"
                             "2031 学年 540 人不缺")
    assert row["project"] == "temporary" and row["unit"] == "间·学年"
    # paid when it begins, the peak year (not the first plan year 2026, where the budget-free
    # plan starts every other lead-0 action): 2028, in use then
    assert row["funding"] == {2028: 6.0} and row["in_use_year"] == 2028
    # the lead, then the school's own paragraph (brief htext3)
    at = next(k for k, w in enumerate(plan.warnings) if w.startswith("与布局调整方案同一规则"))
    assert list(plan.warnings[at:at + 2]) == [
        "与布局调整方案同一规则，普通教室缺口持续不超过 3 年（自新建教室最早可投入使用的 2028 学年起计）、末年已不缺的，以临时周转解决、不新建："
        "目标学年 2028 学年借用、不新建的教室 1 所学校共 3 间（1 所学校在缺口的学年借用，最多一年 3 间"
        "（2028 学年），2028 学年共 3 间·学年，每间每学年 2.00 万元（假设值，以本县实际租金替换），共 6.00 万元）。"
        "临时周转指暂用本校其他用房、调整功能室、借用邻近学校校舍或租用装配式临时用房，不计入校舍面积；"
        "缺口持续更久的仍新建。逐校如下（一校一段）：",
        "示例县城关第一小学临时周转 3 间（2028 学年借用，目标学年 2028 学年 3 间；2028 学年 542 人缺 3 间，"
        "2029 学年 540 人不缺，2030 学年 540 人不缺，2031 学年 540 人不缺）。"]


def test_a_lasting_gap_still_builds():
    """3 rooms short in every year 2028–2031 (the last year too): 3 classrooms built, 126 万元,
    221.1 万元 in all, as without the rule."""
    plan = _plan({})
    assert _items(plan)["classroom"] == (3.0, 126.0)
    assert "temporary_classroom" not in _items(plan)
    assert round(plan.objective, 2) == 221.1
    assert not [w for w in plan.warnings if w.startswith("与布局调整方案同一规则")]


def test_a_gap_of_the_thresholds_length_is_temporary_and_one_year_longer_builds():
    """3 rooms short in 2028 and 2029, none after: a run of 2 years. At a threshold of 1 year
    it builds (3 classrooms, 126 万元); at 2 years (the boundary: runs of at most 2) and at the
    default 3 it is 临时周转: 3 rooms × 2 years = 6 间·学年 × 2 万元 = 12 万元 (review rd 3: a
    2-year need built a permanent room)."""
    years = {2030: LEVEL, 2031: LEVEL}
    built = _plan(years, peak_years=1)
    assert _items(built)["classroom"] == (3.0, 126.0)
    assert "temporary_classroom" not in _items(built)
    for temporary in (_plan(years, peak_years=2), _plan(years)):
        assert "classroom" not in _items(temporary)
        assert _items(temporary)["temporary_classroom"] == (6.0, 12.0)
        assert round(temporary.objective, 2) == 107.1  # 12 + 33.6 + 31.5 + 30


def test_a_three_year_gap_is_temporary_by_default_and_built_at_two():
    """3 rooms short in 2028, 2029 and 2030, none in 2031: a run of 3 years. At the default 3
    it is 临时周转: 3 rooms × 3 years = 9 间·学年 × 2 万元 = 18 万元, objective 18 + 33.6 +
    31.5 + 30 = 113.1 万元; at 2 years it builds the 3 classrooms (126 万元). A fourth year
    short is the last year looked at (2031): :func:`test_a_lasting_gap_still_builds`."""
    years = {2031: LEVEL}
    temporary = _plan(years)
    assert "classroom" not in _items(temporary)
    assert _items(temporary)["temporary_classroom"] == (9.0, 18.0)
    assert round(temporary.objective, 2) == 113.1
    built = _plan(years, peak_years=2)
    assert _items(built)["classroom"] == (3.0, 126.0)
    assert "temporary_classroom" not in _items(built)


def test_only_the_rooms_of_the_short_peak_are_temporary():
    """2028: 3 short; 2029: grade 3 at 91 (3 classes), 13 classes, 1 short; then none. Room 1
    is needed 2028–2029 (2 years > 1, the threshold set): built, 42 万元; rooms 2–3 in 2028
    only: 临时周转, their 间·学年 the need beyond the 1 built room: (3 − 1) + (1 − 1) = 2, 4 万元."""
    plan = _plan({2029: {3: 91}, 2030: LEVEL, 2031: LEVEL}, peak_years=1)
    items = _items(plan)
    assert items["classroom"] == (1.0, 42.0)
    assert items["temporary_classroom"] == (2.0, 4.0)
    assert "building" in items
    assert check_plan(plan.problem, plan.actions) == pytest.approx(plan.objective)


def test_without_years_or_with_a_threshold_of_zero_every_room_is_built():
    """Pupils of the target year only (no year column), or peak_years 0 (the layout's 一律建设)."""
    county = example_county()
    plain = plan_compliance(county, current_students(county), 2028, time_limit=10,
                            plan_date=date(2026, 6, 1))
    assert _items(plain)["classroom"] == (3.0, 126.0)
    zero = _plan({2029: LEVEL, 2030: LEVEL, 2031: LEVEL}, peak_years=0)
    assert _items(zero)["classroom"] == (3.0, 126.0)


@pytest.mark.parametrize(("gaps", "short", "expected"), [
    # one year at the peak, the need gone after it: every room temporary, 2 间·学年
    ({2028: 2, 2029: 0, 2030: 0}, 2, (2, 0, 2)),
    # still short in the last year looked at: built though each run is short
    ({2028: 1, 2029: 0, 2030: 1}, 1, (0, 1, 0)),
    # a spare year in between: two runs of 1 year each, both ≤ 1: temporary, 2 间·学年
    ({2028: 1, 2029: -1, 2030: 1, 2031: 0}, 1, (1, 0, 2)),
    # both rooms the target year lacks are built (short in the last year), the 3rd room of
    # 2028 alone is borrowed: 2 + 1 = 3 rooms that year, 1 间·学年 (was 0: the year left short)
    ({2028: 3, 2029: 2, 2030: 2}, 2, (1, 2, 1)),
])
def test_split_rooms_follows_the_layouts_rule(gaps, short, expected):
    split = split_rooms(pd.Series({"A": short}), pd.DataFrame(gaps, index=["A"]), 1)
    assert tuple(int(split.at["A", c]) for c in ("temporary", "built", "room_years")) == expected


def test_the_workbook_and_the_document_name_the_temporary_rooms_with_their_years():
    """整改项目清单: a 临时周转 row with its reason; 整改措施: a 临时周转 paragraph, 6 万元 in 2028."""
    from junheng.planning.compliance_json import compliance_dict
    from junheng.report.compliance_docx import _project_para
    from junheng.report.compliance_xlsx import project_rows

    doc = compliance_dict(_plan({2029: LEVEL, 2030: LEVEL, 2031: LEVEL}))
    row = next(r for r in project_rows(doc) if r["project"] == "temporary")
    assert row["content"] == ("临时周转解决普通教室缺口（不新建） 3 间·学年（普通教室缺口持续不超过 3 年"
                              "（自新建教室最早可投入使用的 2028 学年起计）：2028 学年 542 人缺 3 间，"
                              "2029 学年 540 人不缺，2030 学年 540 人不缺，2031 学年 540 人不缺）")
    assert (row["cost"], row["years"], row["in_use"]) == (6.0, "2028", 2028)
    actions = [a for a in doc["actions"] if a["project"] == "temporary"]
    assert _project_para("temporary", actions, doc) == (
        "1 所学校的普通教室缺口持续较短，以临时周转解决、不新建，共 3 间·学年（逐校各学年的缺口和学生数见本章"
        "“与布局调整方案同一规则”一段后的逐校各段），投资 6.00 万元，2028 学年安排资金，当年实施，2028 学年投入使用。"
        "投资较多的学校：示例县城关第一小学（6.00 万元）。")


def test_after_a_layout_its_borrowed_rooms_are_paid_once():
    """Planner review: the layout met rooms by 临时周转 at 第四中学 and the 达标路径 counted them as
    built and paid its own 临时周转 there in the same years. As the one-year peak above (3
    rooms short in 2028) with a layout plan already borrowing 2 of them in 2028: 3 rooms are
    borrowed that year, one number; the layout pays 2, this plan the 3rd: 1 间·学年 × 2 万元 =
    2 万元, 101.1 − 4 = 97.1 万元 in all."""
    plan = plan_compliance(example_county(), _students({2029: LEVEL, 2030: LEVEL, 2031: LEVEL}),
                           2028, time_limit=10, plan_date=date(2026, 6, 1),
                           borrowed={SCHOOL: {2027: 1, 2028: 2}})
    assert _items(plan)["temporary_classroom"] == (1.0, 2.0)
    assert round(plan.objective, 2) == 97.1
    row = plan.problem.temporary.iloc[0]
    assert (row["temporary"], row["built"], row["room_years"], row["first"]) == (3, 0, 1, 2028)
    # 2027 is before a room could be in use (the layout's alone); 2029–2031 need none
    assert (row["layout"], row["borrowed"]) == ({2028: 2}, {2028: 3})
    at = next(k for k, w in enumerate(plan.warnings) if w.startswith("与布局调整方案同一规则"))
    note = "".join(plan.warnings[at:at + 2])  # the lead and the school's paragraph
    # rv17 6: the run and the most rooms as the layout's 表 5 gives them, its 2027 room included
    # (1 in 2027, 2 + 1 in 2028: at most 3, 2027–2028, 2 years within the limit of 3)
    assert ("示例县城关第一小学临时周转至多 3 间（2027—2028 学年借用，其中 2027 学年即使新建教室也来不及投入使用，目标学年 2028 学年 3 间；"
            "2028 学年 542 人缺 3 间，2029 学年 540 人不缺，2030 学年 540 人不缺，"
            "2031 学年 540 人不缺；其中 2028 学年 2 间·学年布局调整方案同年已临时周转并计费，本方案计其余 1 间·学年）") in note
    # the target year 2028's 3 rooms borrowed (2 + 1), 3 room-years: 2 the layout's, 1 this plan's
    assert ("目标学年 2028 学年借用、不新建的教室 1 所学校共 3 间（1 所学校在缺口的学年借用，最多一年 3 间（2028 学年），"
            "2028 学年共 3 间·学年；布局调整方案已计费 2 间·学年，本方案为其中 1 所学校计 1 间·学年，每间每学年 2.00 万元（假设值，以本县实际租金替换），"
            "共 2.00 万元）") in note


def test_the_layout_may_pay_every_room_year():
    # the layout borrows all 3 rooms in 2028: this plan builds none and pays nothing there
    plan = plan_compliance(example_county(), _students({2029: LEVEL, 2030: LEVEL, 2031: LEVEL}),
                           2028, time_limit=10, plan_date=date(2026, 6, 1),
                           borrowed={SCHOOL: {2028: 3}})
    assert "temporary_classroom" not in _items(plan) and "classroom" not in _items(plan)
    assert round(plan.objective, 2) == 95.1


def test_every_years_need_is_met_built_or_borrowed():
    """Planner review: 第四小学 lacked 4 rooms in 2029 (893 pupils) and 2 in its target year
    2030; the need was capped at 2, so 2029's 3rd and 4th rooms were neither built nor borrowed
    (combined table: 2 rooms that year). Gaps 4, 2, 1, 0, −1 (2029–2033), 3-year rule: rooms 1
    and 2 are needed 3 and 2 years and gone by 2033, so borrowed; nothing built. Borrowed:
    4 + 2 + 1 = 7 间·学年, the layout already pays 1 in 2029: this plan pays 3 + 2 + 1 = 6."""
    gaps = pd.DataFrame({2029: [4, 4], 2030: [2, 3], 2031: [1, 2], 2032: [0, 1], 2033: [-1, 0]},
                        index=["四小", "新区"])
    split = split_rooms(pd.Series({"四小": 2, "新区": 3}), gaps, 3,
                        {"四小": {2029: 1}, "新区": {2029: 2, 2030: 2, 2031: 1}})
    assert split.loc["四小"].to_dict() == {
        "temporary": 4, "built": 0, "room_years": 6, "first": 2029, "layout": {2029: 1},
        "borrowed": {2029: 4, 2030: 2, 2031: 1}, "joint": 0, "was": 6, "opens": 2029,
        "short": 2, "declined": {}}
    # 新区实验学校: gaps 4, 3, 2, 1, 0 against 3 rooms short in 2030. Room 1 is needed 4 years
    # (2029–2032 > 3): built; rooms 2 and 3 (3 and 2 years) borrowed, and 2029's 4th room too:
    # 1 built + 3 borrowed = 4 in 2029, 1 + 2 = 3 in 2030, 1 + 1 = 2 in 2031, 1 built in 2032.
    # The layout borrows 2, 2, 1 there: this plan pays 3 − 2 = 1 间·学年 (2029).
    assert split.loc["新区"].to_dict() == {
        "temporary": 3, "built": 1, "room_years": 1, "first": 2029,
        "layout": {2029: 2, 2030: 2, 2031: 1}, "borrowed": {2029: 3, 2030: 2, 2031: 1},
        "joint": 0, "was": 1, "opens": 2029, "short": 3, "declined": {}}


def test_the_note_counts_the_schools_this_plan_pays_for_as_the_project_paragraph_does():
    # review rv3 finding 7: 「5 所学校共 12 间（8 间·学年…）」 beside 「3 所学校…共 8 间·学年」, and
    # 「本方案计其余 0 间·学年」. 甲 borrows 2 rooms in 2029 and 2030, 1 room-year paid by the
    # layout, 3 by this plan; 乙 borrows 2 in 2029 and 1 in 2030, all 3 room-years paid by the
    # layout: 1 school pays, 3 间·学年, 6.00 万元. Brief hsum: the count is the target year's
    # (2030) as the layout's 「代替新建」: 甲 2 + 乙 1 = 3 rooms at 2 schools (was 「2 所学校共
    # 4 间」, each school's most in a year, 2 + 2); the county's most in a year 2029: 2 + 2 = 4;
    # room-years 4 + 3 = 7 = the layout's 4 + this plan's 3
    from junheng.planning.compliance_temporary import temporary_note

    split = pd.DataFrame([
        {"school_id": "A", "temporary": 2, "built": 0, "room_years": 3, "layout": {2029: 1},
         "borrowed": {2029: 2, 2030: 2},
         "gaps": {2029: 2, 2030: 2, 2031: 0}, "pupils": {2029: 900, 2030: 930, 2031: 880}},
        {"school_id": "B", "temporary": 2, "built": 0, "room_years": 0, "layout": {2029: 2, 2030: 1},
         "borrowed": {2029: 2, 2030: 1},
         "gaps": {2029: 2, 2030: 1, 2031: 0}, "pupils": {2029: 500, 2030: 470, 2031: 440}}])
    # brief htext3: a lead, then a paragraph a school (the list in one paragraph ran to 1,178)
    lead, first, second = temporary_note(split, {"A": "甲小学", "B": "乙小学"}, 2, 2.0, 2030)
    assert lead == (
        "与布局调整方案同一规则，普通教室缺口持续不超过 2 年、末年已不缺的，以临时周转解决、不新建："
        "目标学年 2030 学年借用、不新建的教室 2 所学校共 3 间（2 所学校在缺口的学年借用，最多一年 4 间（2029 学年），"
        "2029—2030 学年共 7 间·学年；布局调整方案已计费 4 间·学年，本方案为其中 1 所学校计 3 间·学年，每间每学年 2.00 万元（假设值，以本县实际租金替换），"
        "共 6.00 万元）。临时周转指暂用本校其他用房、调整功能室、借用邻近学校校舍或租用装配式临时用房，不计入校舍面积；"
        "缺口持续更久的仍新建。逐校如下（一校一段）：")
    assert first.startswith("甲小学临时周转 2 间（2029—2030 学年借用，目标学年 2030 学年 2 间；")
    assert first.endswith("；其中 2029 学年 1 间·学年布局调整方案同年已临时周转并计费，本方案计其余 3 间·学年）。")
    assert second.startswith("乙小学临时周转至多 2 间（2029—2030 学年借用，目标学年 2030 学年 1 间；")
    # brief hwin: the years of the layout's room-years said beside them (2029 2 + 2030 1)
    assert second.endswith("；均由布局调整方案同年临时周转并计费（2029—2030 学年 3 间·学年），本方案不另计费）。")
    assert "其余 0 间" not in lead + first + second


def test_the_building_paragraph_names_the_rooms_idle_at_the_horizons_end(tmp_path):
    """Brief hj: 3 rooms short 2028–2030 (3 years > 2): the 3 rooms are built; in 2031, the
    plan's last year (target 2028 + 3), 12 classes of 90 need no room beyond the school's own
    (gap 0), so all 3 new rooms stand idle: 3 − 0 = 3 spare. A gap lasting to 2031 (3 short)
    leaves none: 3 − 3 = 0."""
    from junheng.planning.compliance_json import compliance_dict
    from junheng.report.compliance_docx import add_compliance_chapter
    from junheng.report.word_document import WordReport

    idle = _plan({2031: LEVEL}, peak_years=2)
    assert _items(idle)["classroom"] == (3.0, 126.0)
    assert idle.problem.idle_end == {SCHOOL: (2031, 3, 3)}
    assert _plan({}).problem.idle_end == {SCHOOL: (2031, 3, 0)}
    doc = compliance_dict(idle)
    assert doc["idle_end"] == [{"school_id": SCHOOL, "name": "示例县城关第一小学", "year": 2031, "built": 3,
                                "spare": 3}]
    report = WordReport()
    add_compliance_chapter(report, doc)
    assert "规划期末 2031 学年（按招生预测）新建普通教室学校的闲置教室：示例县城关第一小学新建 3 间，全校富余 3 间，" \
           "新建的 3 间届时闲置。" in [p.text for p in report.doc.paragraphs]
    # the workbook's 整改项目清单 says it beside the rooms
    from openpyxl import load_workbook

    from junheng.report.compliance_xlsx import write_compliance_xlsx

    book = load_workbook(write_compliance_xlsx(idle, tmp_path / "plan.xlsx"), read_only=True)
    cells = [str(c) for row in book["整改项目清单"].iter_rows(values_only=True) for c in row if c]
    assert any("新建普通教室 3 间（规划期末 2031 学年全校普通教室富余 3 间，新建的 3 间届时闲置）" in c for c in cells)


def test_a_year_the_layout_borrows_in_is_not_said_not_short():
    """Review rv7 Part 2 #1: 实验中学 「2031 学年 1,862 人不缺」 in the sentence whose 9 间·学年 =
    5 + 3 + 1 borrow one room in 2031 (the layout's rule by grade classes). This plan's gaps
    5, 3, 0, −3; rooms borrowed 5, 3, 1 (all the layout's): 2031 says its room, not 「不缺」;
    2032 borrows none and keeps 「富余 3 间」."""
    row = {"school_id": "E", "temporary": 5, "built": 0, "room_years": 0,
           "gaps": {2029: 5, 2030: 3, 2031: 0, 2032: -3},
           "pupils": {2029: 2031, 2030: 1986, 2031: 1862, 2032: 1660},
           "layout": {2029: 5, 2030: 3, 2031: 1}, "borrowed": {2029: 5, 2030: 3, 2031: 1}}
    (lead, school) = temporary_note(pd.DataFrame([row]), {"E": "实验中学"}, 3, 2.0, 2030)
    assert school == ("实验中学临时周转至多 5 间（2029—2031 学年借用，目标学年 2030 学年 3 间；"
                      "2029 学年 2,031 人缺 5 间，2030 学年 1,986 人缺 3 间，"
                      "2031 学年 1,862 人借用 1 间（布局调整方案按年级编班计缺口），2032 学年 1,660 人富余 3 间；"
                      "均由布局调整方案同年临时周转并计费（2029—2031 学年 9 间·学年），本方案不另计费）。")
