"""Review rv29 5 (brief hteachpol): the teacher policy steps are 建议 for the 局务会, and junior
hires the forecast needs for 2 school years only are put as a choice with both figures.

Hand case (test_junior_peak's ledger): plan year 2030, 9 junior hires (3 by 编制 + 6 retirees'
posts), 23 teachers staffed; 编制 14 in 2031 (23 − 14 = 9 ≥ 9): the 9 needed in 2030 only. The
3 by 编制 are paid 10 万元 each from 2029 (the year the new school opens), 30 万元 a year, and
the yearly table runs to 2034: 2029—2034 is 6 school years, 6 × 30 = 180 万元 for posts needed
2 school years (2029, 2030); 代课/走教 for those 2 years has no price in the plan.
"""

from __future__ import annotations

from test_junior_peak import FALLING, ledger

from junheng.planning.hire_rule import hire_rule_text
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_peak import hire_pay, with_junior_posts
from junheng.report.layout_decisions import teacher_row
from junheng.report.staffing_rows import imbalance_sentence
from junheng.report.subject_gaps import fill_rest

PAID = {**ledger(FALLING), "hires_from": 2029, "hire_pay": [300_000, 2034]}
CHOICE = ("所需 9 人只需至 2030 学年，建议局务会选定：招聘在编教师（按编制 3 人每年 30.00 万元，至 2034 学年 180.00 万元，"
          "本方案按此计）或代课、走教（费用未计入）")


def test_the_imbalance_puts_both_choices_with_their_figures():
    first = imbalance_sentence(PAID).split("。")[0]
    assert first.endswith("初中编制 2031 学年 14 人，比本方案 2030 学年配足的 23 人少 9 人（2033 学年 12 人），"
                          "所需 9 人只需至 2030 学年（本方案按规划年 2030 学年核定编制，此前学生更多的学年所需教师按当年编制核定），"
                          "建议局务会选定：招聘在编教师（按编制 3 人每年 30.00 万元，至 2034 学年 180.00 万元，本方案按此计）"
                          "或代课、走教（费用未计入）")
    assert "本方案按招聘计费" not in first


def test_table_2_puts_both_choices_with_their_figures():
    plan = LayoutOutcome("optimal", (), {"after": {"hire_staff_yuan": 300_000.0}}, staffing=PAID)
    assert teacher_row(plan)[1].startswith(
        "招聘初中教师 9 人（其中按编制 3 人，2029 学年起到岗，每年新聘教师人员经费 30.00 万元，自该学年起计入每年运行支出）；"
        "2031 学年初中编制 14 人，比 2030 学年配足的 23 人少 9 人（招聘的在编教师此后仍在岗，人员经费逐年照计）；"
        "所需 9 人只需至 2030 学年，建议局务会选定：招聘在编教师（按编制 3 人至 2034 学年 180.00 万元，本方案按此计）"
        "或代课、走教（费用未计入）；所需为历史与地理教师")


def test_the_pay_of_the_hires_rides_in_the_staffing():
    # a new school in use 2029 (data year 2025 + phase 4), 3 hires at 10 万元: 30 万元 a year from
    # 2029; the yearly table to the target year 2030 + 5 − 1 = 2034
    plan = LayoutOutcome("optimal", (PlannedSchool("N", "新初中", "new", phase=4),),
                         {"before": {"operating_yuan": 0.0}, "after": {"operating_yuan": 300_000.0,
                                                                       "hire_staff_yuan": 300_000.0}},
                         year=2025, target_year=2030, weights={"operating_yuan_per_school": 19_200},
                         staffing=ledger())
    assert hire_pay(plan) == [300_000, 2034]
    county = type("County", (), {"tables": {}})()
    got = with_junior_posts(plan, county, {"junior": dict(FALLING)}).staffing
    assert (got["hires_from"], got["hire_pay"]) == (2029, [300_000, 2034])
    nothing = LayoutOutcome("optimal", (), {"after": {"operating_yuan": 0.0}}, year=2025)
    assert hire_pay(nothing) is None


def test_the_freeze_and_the_pe_art_rule_are_advice():
    assert fill_rest("小学", "初中", 397, 9, (9, "历史与地理")) == (
        "初中所需 9 人（历史与地理）无小学富余教师对口，不能转任；小学富余 397 人，建议富余消化前小学暂停招聘，"
        "由退休不补消化，不足的待编制核减或跨区县统筹")
    assert hire_rule_text({"subject_pool": {"spare": {"primary": 47, "junior": 5}}}) == (
        "小学仍有 47 名、初中仍有 5 名体育艺术教师多于本校按优质均衡标准所需，建议按县管校聘先调剂，不招聘体育艺术教师")
