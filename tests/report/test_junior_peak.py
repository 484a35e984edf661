"""Review rv20 findings 3, 4, 5: the junior hires weighed against the forecast's junior 编制,
表 2's 转任 alternative from the same subject match as the text, and the true reason the
综合评价值 leaves out the 新聘教师人员经费.

A hand-made ledger in the demo's shape, smaller: plan year 2030; 小学 12 over, 2 retire
(absorbed), 2 more fill junior retirees' posts → 8 left; 初中 20 teachers today, 编制 23: 3 to
hire by 编制, 8 retirees less 2 covered → 9 to hire, 历史与地理 all (3 at the new school, 6
retirees' posts), so none of the 3 certified primary teachers left (语文) can be transferred.
"""

from __future__ import annotations

from junheng.planning.layout_compare import difference_note
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.staffing_peak import (
    before_substitutes,
    early_transfers,
    junior_peak,
    with_junior_posts,
)
from junheng.report.layout_decisions import teacher_row
from junheng.report.layout_info import objective_note
from junheng.report.staffing_rows import imbalance_sentence, retirement_sentence


def ledger(posts: list | None = None, short: dict | None = None) -> dict:
    short = {"history": 6} if short is None else short
    return {
        "year": 2030,
        "county": {"hire": 3},
        "retirement": {"year": 2030, "unknown": 0, "by_stage": {"primary": 2, "junior": 8}},
        "schools": [
            {"stage": "primary", "need": 10, "today": 22, "hire": 0, "surplus": 12},
            {"stage": "junior", "need": 23, "today": 20, "hire": 3, "surplus": 0},
        ],
        "transfer": {
            "filled": True,
            "teachers": 0,
            "candidates": 5,
            "unknown": 0,
            "short": [{"school_id": "N", "name": "新初中", "hire": 3, "subjects": {"history": 3}}],
            "retire": {"retirees": 8, "teachers": 2, "subjects": {"math": 2}, "short": short},
            "left": {"teachers": 3, "unknown": 0, "subjects": {"chinese": 3}, "schools": ["P"]},
        },
        **({"junior_posts": posts, "junior_pupil_peak": [2029, 320]} if posts is not None else {}),
    }


#: 编制 23 (2030: the 23 the plan staffs, 20 today + 3 hired), 14 (2031: 23 − 14 = 9, the 9 hired no
#: longer needed), 12 (2033)
FALLING = [[2030, 23], [2031, 14], [2032, 13], [2033, 12]]
#: 编制 23, 21, 20: 3 fewer at most, 6 of the 9 hires still needed
HOLDING = [[2030, 23], [2031, 21], [2032, 20]]


def test_the_rule_applies_when_the_junior_posts_fall_by_the_hires_below_those_the_plan_staffs():
    # 3 + 8 − 2 = 9 hires; 23 staffed in 2030; 23 − 14 = 9 ≥ 9 first in 2031; the forecast's last
    # year 2033 with 12; the forecast's junior pupils most in 2029
    assert junior_peak(ledger(FALLING)) == {
        "year": 2030,
        "hire": 9,
        "staffed": 23,
        "below": 2031,
        "posts": 14,
        "last": 2033,
        "last_posts": 12,
        "peak": [2029, 320],
    }


def test_the_rule_does_not_apply_while_the_hires_are_still_needed_or_none_are_forecast():
    assert junior_peak(ledger(HOLDING)) is None  # 23 − 20 = 3 < 9
    # brief hfix10b 1: 19 is below the 20 teachers of today, but the plan staffs 2030 with 23:
    # 23 − 19 = 4 of the 9 hires are not needed in 2031, 5 are (the rule said all 9 were not)
    assert junior_peak(ledger([[2030, 23], [2031, 19], [2032, 18]])) is None
    assert junior_peak(ledger([[2030, 23]])) is None  # no year after 2030 forecast
    assert junior_peak(ledger()) is None  # an older file without junior_posts
    assert junior_peak(None) is None


def test_a_later_first_year_below_makes_a_longer_peak():
    doc = ledger([[2030, 23], [2031, 22], [2032, 14]])
    assert junior_peak(doc)["below"] == 2032
    assert "所需 9 人只需至 2031 学年（本方案按规划年 2030 学年核定编制，此前学生更多的学年所需教师按当年编制核定）" in imbalance_sentence(doc)


def test_the_imbalance_says_the_peak_beside_the_hires():
    text = imbalance_sentence(ledger(FALLING))
    assert text.split("。")[0] == (
        # rv28 4: the one walk, 12 − 2 − 2 = 8
        "教师学段结构失衡：小学按 2030 学年编制富余 12 人 → 转任补初中退休岗位 2 人 → 退休不补 2 人 → 2030 学年开学时仍富余 8 人；"
        "而初中按编制需招聘 3 人（连同退休补充 9 人）；招生预测公办学校初中学生（与编制同口径）2029 学年最多（320 人）；"
        "初中编制 2031 学年 14 人，比本方案 2030 学年配足的 23 人少 9 人（2033 学年 12 人），"
        "所需 9 人只需至 2030 学年（本方案按规划年 2030 学年核定编制，此前学生更多的学年所需教师按当年编制核定），"
        "建议局务会选定：招聘在编教师（本方案按此计）或代课、走教（费用未计入）"
    )
    assert "（连同退休补充 9 人）。" in imbalance_sentence(
        ledger(HOLDING)
    )  # the hires stand as they are


def test_the_years_before_the_plan_year_short_of_teachers_stand_before_the_fall():
    # rv25 1: 20 junior teachers today, 20 in post in 2027, 19 in 2028, 18 in 2029 (retirees);
    # 编制 2027 20 (not short), 2028 25 (25 − 19 = 6 short), 2029 26 (26 − 18 = 8); the surplus
    # primary teachers those years 11 and 12 (表 5's last column); 2031 below by the 9 hires, the
    # teachers the plan staffs 2030 with named there (before_text no longer names them); brief hwords2:
    # the plan transfers 0 + 2 (the junior retirees' posts) in 2030, so at most 2 early (2 and 2,
    # 4 and 6 代课): a 转任 is for good, more moved early would be moved back
    doc = {**ledger([[2027, 20], [2028, 25], [2029, 26], *FALLING]),
           "junior_in_post": [[2027, 20], [2028, 19], [2029, 18]],
           "forecast": {"left_by_year": [[2027, 10], [2028, 11], [2029, 12], [2030, 8]], "done": None, "last": None,
                        "retired": 0, "cut": 0, "left": None, "junior_more": None}}
    text = imbalance_sentence(doc)
    assert text.split("。")[0].split("（连同退休补充 9 人）；")[1] == (
        "初中编制 2028、2029 学年分别为 25、26 人，在岗专任教师（现有 20 人减退休）缺 6、8 人，"
        "先由小学富余教师提前转任（不超过规划年转任的 2 人），"  # rv28 4: each year's surplus is 表 5's, net of them
        "仍缺的 4、6 人（2028、2029 学年）临时聘用（代课），费用未计入财政支出；"  # rv26 3: 6 − 2, 8 − 2, not priced
        "2031 学年 14 人，比 2030 学年配足的 23 人少 9 人（2033 学年 12 人），所需 9 人只需至 2030 学年，"
        "建议局务会选定：招聘在编教师（本方案按此计）或代课、走教（费用未计入）"
    )
    assert early_transfers(doc) == {2028: 2, 2029: 2}  # 表 5's column, the same function
    assert before_substitutes(doc) == {2028: 4, 2029: 6}  # the 代课 said, from early_transfers (rv26 3)
    # one year short: no 「分别为」; without the years in post, today's 20 and 「至少」
    one = imbalance_sentence({**ledger([[2029, 21], *FALLING])})
    assert ("；初中编制 2029 学年 21 人，比现有专任教师 20 人至少缺 1 人（退休另增缺口），先由小学富余教师提前转任，"
            "仍缺的临时聘用（代课），费用未计入财政支出；2031 学年 14 人，比 2030 学年配足的 23 人少 9 人") in one
    # the years known and none short: the fall alone, without rv23's words
    none = imbalance_sentence(ledger([[2029, 20], *FALLING]))
    assert ("；初中编制 2031 学年 14 人，比本方案 2030 学年配足的 23 人少 9 人（2033 学年 12 人），所需 9 人只需至 2030 学年，"
            "建议局务会选定：招聘在编教师（本方案按此计）") in none
    assert "提前转任" not in none


def test_the_pupils_peak_counts_the_schools_the_posts_count():
    # brief hpeak: 民办 M and 特殊教育 T left out; A + B most in 2028 (300 + 40), not 2029 (M's 90)
    import pandas as pd

    from junheng.planning.staffing_peak import pupil_peak

    table = pd.DataFrame({"school_id": ["A", "B", "M", "T"] * 2, "group": "grades_7_9",
                          "year": [2028] * 4 + [2029] * 4, "pupils": [300.0, 40.0, 10.0, 5.0, 290.0, 40.0, 90.0, 30.0]})
    schools = pd.DataFrame({"school_id": ["A", "B", "M", "T"],
                            "school_type": ["junior_school", "nine_year", "junior_school", "special_education"],
                            "ownership": ["public", "public", "private", "public"]})
    county = type("County", (), {"tables": {"pupil_forecast": table}, "schools": schools})()
    assert pupil_peak(county) == [2028, 340]


def test_the_retirement_sentence_leaves_it_to_the_imbalance_beside_it():
    # the 整改措施's 32 pages: the 自然减员 sentence stands right before the 教师学段结构失衡, which says it
    said = "连同退休补充共需招聘 9 人（均为初中；退休补充接替原岗位，不计入新聘教师人员经费）。"  # rv28 4: the 转任 note there
    assert said in retirement_sentence(ledger(FALLING))


def test_posts_ride_in_the_staffing_once(monkeypatch):
    from junheng.planning import staffing_absorb

    monkeypatch.setattr(
        staffing_absorb,
        "stage_posts",
        lambda data, plan: {"junior": {2029: 30, 2030: 23, 2031: 19}, "primary": {2030: 10}},
    )
    plan = LayoutOutcome("optimal", (), {}, staffing={"year": 2030})
    assert with_junior_posts(plan, None).staffing == {
        "year": 2030,
        "junior_posts": [[2030, 23], [2031, 19]],
    }
    bare = LayoutOutcome("optimal", (), {})
    assert with_junior_posts(bare, None) is bare


def table_row(doc: dict) -> str:
    return teacher_row(
        LayoutOutcome("optimal", (), {"after": {"hire_staff_yuan": 300_000.0}}, staffing=doc)
    )[1]


def test_table_2_drops_the_transfer_no_candidate_matches():
    # rv20 4: all 9 are 历史与地理 (unmatched 3 + 6 = 9 ≥ 9): the row says so, no 「或由…转任」
    assert table_row(ledger(HOLDING)) == (
        "招聘初中教师 9 人（其中按编制 3 人，每年新聘教师人员经费 30.00 万元，已计入每年运行支出）；所需为历史与地理教师，"
        "小学富余教师中持初中及以上教师资格证、所在学校仍富余的 3 人没有对口的，不能转任"
    )
    assert table_row(ledger(FALLING)).startswith(
        "招聘初中教师 9 人（其中按编制 3 人，每年新聘教师人员经费 30.00 万元，已计入每年运行支出）；2031 学年初中编制 14 人，"
        # rv27 4: the pay runs on after the fall (the yearly table to its last year): the hires stay
        "比 2030 学年配足的 23 人少 9 人（招聘的在编教师此后仍在岗，人员经费逐年照计）；所需 9 人只需至 2030 学年，"
        "建议局务会选定：招聘在编教师（本方案按此计）或代课、走教（费用未计入）；所需为历史与地理教师"
    )


def test_table_2_keeps_the_transfer_for_the_part_a_candidate_may_match():
    # the retirees' posts short of nothing: 3 unmatched (the new school's 历史与地理), 9 − 3 = 6 may be
    # transferred; 12 − 2 − 2 = 8 primary left
    assert table_row(ledger(HOLDING, short={})) == (
        "招聘初中教师 9 人（其中按编制 3 人，每年新聘教师人员经费 30.00 万元，已计入每年运行支出）；其中历史与地理 3 人无小学富余"
        "教师对口，其余 6 人或由小学富余教师转任（退休不补、转任后仍富余 8 人，已按资格证学段转任 0 人、补充初中退休岗位 2 人，"
        "持初中及以上教师资格证、所在学校仍富余的还有 3 人，须逐人核实任教学科）"
    )


A = {
    "operating_yuan": 50_354_400.0,
    "operating_pupil_yuan": 10_000_000.0,
    "hire_staff_yuan": 300_000.0,
    "capital_annual_yuan": 3_000_000.0,
    "travel_weight_yuan": 2_000_000.0,
    "staff_weight_yuan": 0.0,
    "hall_beyond_weight_yuan": 0.0,
}


def test_the_comparison_counts_the_hires_only_one_plan_makes():
    # 甲: 运行 5,035.44 − 1,000 − 30 = 4,005.44 + 300 + 200 = 4,505.44; 乙 hires none: 运行 5,035.44 −
    # 32.27 = 5,003.17, less 1,000 = 4,003.17 (2.27 less), 通行 400 (200 more): 4,703.17, 197.73 more;
    # with the hires 乙 spends 30.00 less: 197.73 − 30.00 = 167.73 more
    a = {**A, "objective_yuan": 45_054_400.0}
    b = {
        **A,
        "operating_yuan": 50_031_700.0,
        "hire_staff_yuan": 0.0,
        "travel_weight_yuan": 4_000_000.0,
        "objective_yuan": 47_031_700.0,
    }
    assert difference_note("方案甲", a, "方案乙", b).endswith(
        "综合评价值（两者之和）每年多 197.73 万元。方案乙新聘教师人员经费每年少 30.00 万元（招聘人数在求解后按教师配置汇总核定，"
        "求解模型不计，不计入综合评价值），计入后综合评价值每年多 167.73 万元。"
    )
    same = {
        **b,
        "hire_staff_yuan": 300_000.0,
        "operating_yuan": 50_331_700.0,
    }  # both hire 3: nothing added
    assert difference_note("方案甲", a, "方案乙", same).endswith(
        "综合评价值（两者之和）每年多 197.73 万元。"
    )


def test_the_score_note_gives_the_true_reason():
    note = objective_note(A)
    assert (
        "也不含新聘教师人员经费 30.00 万元：招聘人数在求解后按教师配置汇总核定，求解模型不计）"
        in note
    )
    assert "学生在哪所学校都需要教师" not in note


def test_table_2_says_the_early_transfers_and_the_substitutes_before_the_plan_year():
    # rv26 3: the 局务会's row said nothing of the years before 2030; the shortfalls 6 and 8 of
    # test_the_years_before_the_plan_year_short_of_teachers_stand_before_the_fall, 2 transferred
    # early (the plan year's own 2), 4 and 6 代课 left, unpriced
    doc = {**ledger([[2027, 20], [2028, 25], [2029, 26], *FALLING]),
           "junior_in_post": [[2027, 20], [2028, 19], [2029, 18]],
           "forecast": {"left_by_year": [[2027, 10], [2028, 11], [2029, 12], [2030, 8]]}}
    assert table_row(doc).endswith(
        "不能转任；2028、2029 学年初中缺编 6、8 人，先由小学富余教师提前转任 2、0 人（各学年新转任，即 2030 学年转任的提前到岗），"
        "仍缺的 4、6 人（2028、2029 学年）临时聘用（代课），费用未计入财政支出"
    )


def test_the_hires_the_spending_pays_before_the_plan_year_are_netted_from_the_substitutes():
    # rv27 4: the spending pays the 3 hires by 编制 from 2029 (the year their new school opens,
    # ``hires_from``), so they are in post then: the 2029 shortfall 8 less the 2 moved early less
    # the 3 hired leaves 3 代课, not 6; 2028 (before they start) still 6 − 2 = 4; 表 2 says the year
    # they start and that their pay is booked from it
    doc = {**ledger([[2027, 20], [2028, 25], [2029, 26], *FALLING]),
           "junior_in_post": [[2027, 20], [2028, 19], [2029, 18]], "hires_from": 2029,
           "forecast": {"left_by_year": [[2027, 10], [2028, 11], [2029, 12], [2030, 8]], "done": None, "last": None,
                        "retired": 0, "cut": 0, "left": None, "junior_more": None}}
    assert before_substitutes(doc) == {2028: 4, 2029: 3}
    assert early_transfers(doc) == {2028: 2, 2029: 2}  # 表 5's column unchanged: the transfers come first
    assert ("先由小学富余教师提前转任（不超过规划年转任的 2 人），2029 学年招聘 3 人到岗，"
            "仍缺的 4、3 人（2028、2029 学年）临时聘用（代课），费用未计入财政支出；") in imbalance_sentence(doc)
    row = table_row(doc)
    assert row.startswith("招聘初中教师 9 人（其中按编制 3 人，2029 学年起到岗，每年新聘教师人员经费 30.00 万元，"
                          "自该学年起计入每年运行支出）；2031 学年初中编制 14 人")
    assert row.endswith("先由小学富余教师提前转任 2、0 人（各学年新转任，即 2030 学年转任的提前到岗），2029 学年招聘 3 人到岗，"
                        "仍缺的 4、3 人（2028、2029 学年）临时聘用（代课），费用未计入财政支出")
    # paid from the plan year: in post then, the years before untouched
    assert before_substitutes({**doc, "hires_from": 2030}) == {2028: 4, 2029: 6}
