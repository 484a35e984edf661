"""Both plans' 临时周转 counted alike (brief hp 3–5), worked by hand.

第四中学 (demo): the layout borrows 1, 2 and 1 rooms in 2027–2029; the 达标路径 adds 367 m² of
教学及辅助用房 (compulsory part) for 646 juniors in its target year 2030, of which 2031 still
needs 130 m² and 2032 none (5.8 m² a junior pupil: 3,746.8 m² for 646, 3,509.8 for 605).
"""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_temporary_area import split_area
from junheng.planning.layout_options import option_reason, temporary_text
from junheng.planning.layout_outcome import PlannedSchool
from junheng.planning.plans_temporary import joint_breaches, rented_years, rooms_basis, shared_area

#: the standard's area for each year's juniors at 第四中学: 646, 605, 560 and 540 × 5.8 m²
DEMAND = pd.DataFrame({2030: [3_746.8], 2031: [3_509.0], 2032: [3_248.0], 2033: [3_132.0]},
                      index=["D"])


def test_the_joint_check_counts_the_rented_area_with_the_rooms():
    # rooms 2027–2029 (layout) and 367 / 130 m² rented 2030–2031 (达标路径): 5 school years in a
    # row, more than 3; the rooms alone (2027–2029) are 3 and passed before
    borrowed = {"D": {2027: (1, 1), 2028: (2, 2), 2029: (1, 1)}}
    assert joint_breaches(borrowed, {"D": "第四中学"}, 3) == []
    rented = rented_years(pd.DataFrame([{"school_id": "D", "built": 0.0,
                                         "needs": {2030: 367.0, 2031: 130.0, 2032: 0.0, 2033: 0.0}}]))
    assert rented == {"D": {2030: 367, 2031: 130}}
    assert joint_breaches(borrowed, {"D": "第四中学"}, 3, rented) == [
        "第四中学 2027—2031 学年连续 5 个学年借用教室临时周转或租赁教学及辅助用房，超过 3 个学年：2027 学年 1 间"
        "（布局调整借用）、2028 学年 2 间（布局调整借用）、2029 学年 1 间（布局调整借用）、2030 学年租赁教学及辅助用房 "
        "367 平方米（达标路径）、2031 学年租赁教学及辅助用房 130 平方米（达标路径）；达标路径租赁教学及辅助用房的学年与"
        "布局调整方案在同校借用教室的学年相连，须改为新建该部分教学及辅助用房，或调整布局调整方案的建设时序"]


def test_a_school_sharing_its_buildings_with_senior_high_says_why_it_rents_rather_than_builds():
    # lead 782463dd: 第四中学 teaches 高中 too; its 367 m² (compulsory part) at a compulsory share
    # of 0.1732 is 367 / 0.1732 = 2,118.9 -> 2,119 m² built over the whole school, 2,119 − 367 =
    # 1,752 of them 高中's: not built for the joint rule, the run stays a breach and says why
    borrowed = {"D": {2027: (1, 1), 2028: (2, 2), 2029: (1, 1)}}
    split = pd.DataFrame([{"school_id": "D", "rented": 367.0, "share": 0.1732, "built": 0.0,
                           "needs": {2030: 367.0, 2031: 130.0, 2032: 0.0}}])
    shared = shared_area(split)
    assert shared == {"D": (2_119, 1_752)}
    [said] = joint_breaches(borrowed, {"D": "第四中学"}, 3, rented_years(split), shared)
    assert said.startswith("第四中学 2027—2031 学年连续 5 个学年借用教室临时周转或租赁教学及辅助用房，超过 3 个学年")
    assert said.endswith("；达标路径租赁教学及辅助用房的学年与布局调整方案在同校借用教室的学年相连；该校与高中共用校舍，"
                         "按全校口径须建 2,119 平方米，其中高中部分 1,752 平方米，不为缩短临时周转而建，仍租赁，"
                         "需调整布局调整方案的建设时序")
    # a school of its own (share 1) is built for the rule, so it is not listed
    assert shared_area(split.assign(share=1.0)) == {}


def test_the_compliance_plan_builds_the_area_whose_rent_would_join_the_rooms_years():
    # needs: 2030 367; 2031 ⌈367 − (3,746.8 − 3,509)⌉ = ⌈129.2⌉ = 130; 2032 and 2033 none.
    # Alone, both levels (130 m² in 2030–2031, 367 in 2030) last ≤ 3 years and end before 2033:
    # all 367 rented, 367 + 130 = 497 m²·学年 (the demo's 497). Joined to the rooms' 2027–2029,
    # level 130 runs 2027–2031 (5) and level 367 2027–2030 (4): none rented, all 367 built.
    alone = split_area(pd.Series({"D": 367.0}), DEMAND, 2030, 3)
    assert alone.loc["D", ["rented", "built", "area_years"]].tolist() == [367.0, 0.0, 497.0]
    joined = split_area(pd.Series({"D": 367.0}), DEMAND, 2030, 3, joined={"D": {2027, 2028, 2029}})
    assert joined.loc["D", ["rented", "built", "area_years", "joined"]].tolist() == [0.0, 367.0, 0.0, 367.0]
    # a room borrowed in 2026 alone (2026, then 2030–2031) does not join: rented as before
    apart = split_area(pd.Series({"D": 367.0}), DEMAND, 2030, 3, joined={"D": {2026}})
    assert apart.loc["D", "rented"] == 367.0
    # 实验中学 (demo): its rooms are borrowed 2027–2030, 4 years already; building the area
    # would not shorten that run (the layout's), so the area is rented as alone
    stuck = split_area(pd.Series({"D": 367.0}), DEMAND, 2030, 3, joined={"D": {2027, 2028, 2029, 2030}})
    assert stuck.loc["D", "rented"] == 367.0


def test_both_options_rentals_are_in_the_comparison():
    # 方案甲 73 room-years × 2.00 万元 = 146.00, 2 rooms in the target year; 方案乙 61 × 2 = 122.00
    mine = {"once_yuan": 54_544_200.0, "operating_yuan": 1.0, "temporary": [2, 73, 146.0]}
    other = {"once_yuan": 18_663_800.0, "operating_yuan": 1.0, "temporary": [0, 61, 122.0]}
    assert temporary_text(mine) == "过渡期共 73 间·学年、146.00 万元（以临时周转代替新建的教室 2 间）"
    assert temporary_text(other) == "过渡期共 61 间·学年、122.00 万元"
    assert option_reason(mine, other) == (
        "方案乙与方案甲相比：一次性建设投资少 3,588.04 万元，每年运行支出相同，"
        "过渡期临时周转少 12 间·学年、24.00 万元（不计入一次性建设投资）。")


def test_a_school_the_layout_builds_no_room_at_says_why_the_compliance_plan_borrows():
    # a school like 第四小学 (demo) that the layout's solve leaves: 855 seats hold its 845 pupils
    # of 2030 (19 rooms × 45), no room added or borrowed; grade by grade the 达标路径 lacks 4,
    # 2 and 1 rooms in 2029–2031 and borrows them
    s = PlannedSchool("F", "第四小学", "keep", capacity={"primary": 855, "junior": 0},
                      students_after={"primary": 845, "junior": 0})
    split = pd.DataFrame([{"school_id": "F", "temporary": 4, "built": 0, "layout": {},
                           "borrowed": {2029: 4, 2030: 2, 2031: 1},
                           "gaps": {2029: 4, 2030: 2, 2031: 1, 2032: 0, 2033: -1},
                           "pupils": {2029: 893, 2030: 845, 2031: 800, 2032: 786, 2033: 789}}])
    assert rooms_basis(s, split, "F") == (
        "；两个方案的缺口口径不同：布局调整按学段学位核定（学位 855 个，规划年 845 人未超出，不新建），"
        "达标路径按年级编班（每个年级按标准班额）核定（2029 学年 893 人缺 4 间、2030 学年 845 人缺 2 间、2031 学年 "
        "800 人缺 1 间），缺口不超过临时周转年限，由达标路径以临时周转解决、不新建")
    # where the layout builds rooms, or borrows some (its 过渡期 counts them grade by grade, the
    # 达标路径's rule: brief hroom), or the 达标路径 borrows none, nothing more
    assert rooms_basis(PlannedSchool("F", "第四小学", "expand", added_classrooms=2), split, "F") == ""
    assert rooms_basis(s, split.assign(layout=[{2029: 1}]), "F") == ""
    assert rooms_basis(s, split.assign(borrowed=[{}]), "F") == ""


def test_the_rentals_text_always_says_gong_and_puts_its_label_before_it():
    # hwords3 5: temporary_text sniffed 「学年共」 in rent_years_text's output to add 「共」;
    # rent_years_text now always says 「共」 and takes the label, spaced only before a year.
    from junheng.planning.borrow_runs import rent_years_text

    assert rent_years_text([2, 73, 146.0, [2027, 2028]], "过渡期") == "过渡期 2027—2028 学年共 73 间·学年、146.00 万元"
    assert rent_years_text([2, 73, 146.0], "过渡期") == "过渡期共 73 间·学年、146.00 万元"
    assert rent_years_text([0, 61, 122.0]) == "共 61 间·学年、122.00 万元"
    assert temporary_text({"temporary": [0, 6, 12.0, [2029]]}) == "过渡期 2029 学年共 6 间·学年、12.00 万元"
