"""Brief hcity on the demo: where 实验中学's borrowed rooms go (0 m² of spare ground) and the
entry-grade 学区调整 it could have, 城东新区第二小学's pupils and 分批启用, and the 小学
体育运动场馆 CV sentence led by the schools short of area, 后马寨 said to be shrinking."""

from __future__ import annotations


def test_borrowed_rooms_named_with_their_lenders_and_the_entry_grade_option(demo_run):
    from junheng.report.layout_xlsx import comparison_notes

    notes = comparison_notes(demo_run.plan.outcome)
    lend = next(n for n in notes if n.startswith("临时周转教室的去向"))
    # 2028: 12 rooms (3 of its own, 9 of pupils waiting for their receivers); the urban junior
    # schools are full or borrow that year, primary schools within 3 km lend
    assert "洛北县实验中学：2027 学年 10 间：借用洛北县第二小学" in lend
    assert "2028 学年 12 间：借用洛北县第二小学" in lend
    # rv9: 实验小学's 2027 spare rooms (2,340 seats − 1,705 pupils → 14, all its overdue 改扩建's)
    # are lent no more: its 1,705 pupils already take its sports area below the 85 % floor
    # (10,092 m² today ÷ (6.5025 × 0.85 ÷ 0.867 = 6.375 m²) = 1,583 pupils), the limit the
    # 学区调整 keeps; the schools held back are said a line a year
    assert "\n2027 学年：洛北县第二小学空余 1 间" in lend
    assert "洛北县实验小学空余 14 间，校内学生 1,705 人，体育运动场馆当年已低于标准的 85%，不能再收学生" in lend
    # 第二小学 lends 1 初中 room to 实验中学 and 1 小学 room to 城关第一小学: 749 + 50 + 45 = 844 on
    # campus; a 初中 pupil in a 小学 counts at the 初中 standard, 10.2 × 0.85 = 8.67 m² (rv11 10)
    assert "借用洛北县第二小学 1 间（直线 0.2 公里，当年空余 3 间，借出后校内学生 844 人，校额上限 2,000 人）" in lend
    # rv11 3: the sports area standing in 2027, not the area built in 2029: 新区实验学校 449 小学
    # × 8.0395 × 0.85 ÷ 0.867 (7.88) + 441 初中 × 8.67 = 3,538 + 3,823 = 7,362 m² > its 6,649 m²;
    # 东城小学 574 × 6.375 = 3,659 m² > 2,127: both below the floor, 第四中学 rents its 2 rooms
    assert "洛北县第四中学：2027 学年 2 间：直线 3 公里内没有当年有空余教室、且在校额上限和达标要求内可以借出的学校，租用校外用房" in lend
    assert "洛北县新区实验学校空余 3 间，校内学生 890 人，体育运动场馆当年已低于标准的 85%，不能再收学生" in lend
    # brief hborrow3 (each year's classes at that year's forecast grades, rule (24)): 3 spare, (720 −
    # 574) ÷ 45 = 3 and its 16 rooms less its 2027 classes allow 3 (2 before, at the target year's grades)
    assert "洛北县东城小学空余 3 间，校内学生 574 人，体育运动场馆当年已低于标准的 85%，不能再收学生" in lend
    # rv11 4: 第四小学 lends none in 2031; 第四中学 borrows from 第三小学 since brief hnewsch (rule
    # (T): 新区实验学校 builds its 2030 rooms and no longer takes 第三小学's 2030–2031 rooms)
    assert "2031 学年 1 间：借用洛北县第三小学 1 间（直线 1.2 公里，当年空余 8 间，借出后校内学生 548 人" in lend
    assert "洛北县第四小学 1 间（直线 1.1 公里" not in lend
    assert "所借教室中" not in lend and "列为风险" not in lend  # no loan rests on the project now
    assert lend.endswith("。\n初中班级借用小学校舍的，须按初中配备课桌椅和实验条件，作息分开安排。")
    entry = next(n for n in notes if n.startswith("学区调整的选择"))
    # 3 rooms in 2030 = 3 classes of 50; 第一初级中学 has 2,550 − 1,998 = 552 seats but a cap of
    # 2,000 (rv8 1): 2 places; its sports area 1,998 × 8.8434 m² holds 2,037 at 85 %: 39 more
    assert ("洛北县实验中学规划年 2030 学年借用初中教室 3 间，校内空地放不下；若把该校 2030 学年七年级新生 150 人"
            "（3 个班，每班按标准班额 50 人）划出，直线 3 公里内没有初中学校在走读单程 30 分钟以内、校额上限和达标要求内容纳这些学生"
            "（最近的洛北县第一初级中学直线 0.4 公里，2030 学年 1,998 人，校额上限 2,000 人，只能再收 2 人；"
            "体育运动场馆按标准的 85% 只能再收 39 人），不能靠学区调整解决") in entry
    assert "划入洛北县第一初级中学" not in entry
    assert "该校借用初中教室 10、12、5 间，直线 3 公里内没有初中学校在走读单程 30 分钟以内、校额上限和达标要求内容纳这些班" in entry
    # brief hnewsch rule (T): 新区实验学校 and 第四小学 build their 2030 rooms (they extend), so
    # neither borrows in the target year and neither has a 学区调整 line (新区's 初中 1, 2 in
    # 2028–2029 and 2 in 2030, 第四小学's class into 第三小学 0.4 km before); 第四中学 has one
    lines = entry.split("\n")
    assert not [line for line in lines if line.startswith(("洛北县新区实验学校", "洛北县第四小学"))]
    assert "划入洛北县第三小学（直线 0.4 公里" not in entry
    assert any(line.startswith("洛北县第四中学规划年 2030 学年借用初中教室 2 间，校内空地放不下；") for line in lines)
    ground = next(n for n in notes if n.startswith("校内无空地"))
    assert "借用哪些学校、能否学区调整见“临时周转教室的去向”“学区调整的选择”" in ground


def test_no_lender_has_more_pupils_on_its_campus_than_its_cap_in_any_year(demo_run):
    from junheng.planning.layout_lend import placements, receiver_room, size_cap, spare_rooms

    plan = demo_run.plan.outcome
    by_id = {s.school_id: s for s in plan.schools}
    found = placements(plan)
    hosted: dict[tuple[str, int], int] = {}
    for p in found:
        for k, n in p.hosted:
            hosted[(k, p.year)] = hosted.get((k, p.year), 0) + n
    # re-derived: its own pupils that year + every class it hosts, at the class size of its stage
    for (k, year), n in hosted.items():
        own = sum(m for y, sid, _st, m in plan.year_pupils if y == year and sid == k)
        assert own + n <= size_cap(plan, by_id[k]), (plan.names[k], year)
        assert {c for p in found if p.year == year for c in p.campus if c[0] == k} == {(k, own + n, size_cap(plan, by_id[k]))}
    # rv9: 实验小学 had about 2,370 on campus in 2027 (1,705 + 7 × 50 + 7 × 45); 第三小学 hosted
    # 245 in 2030 (2 × 50 + 45 + 2 × 50) where the 学区调整 says it takes 158: now 100 (第四中学's
    # 2 × 50 since brief hnewsch; 新区实验学校 builds its 2030 rooms)
    third = next(s.school_id for s in plan.schools if s.name == "洛北县第三小学")
    assert hosted[(third, 2030)] == 100 <= receiver_room(plan, by_id[third], "primary", 2030) == 158
    # rv11 4: 第四小学 builds 2 rooms since brief hnewsch (rule (T): its 2030 room built): 19 + 2
    # = 21 rooms, 20 classes in 2031: 1 spare (it lends none: 第四中学 borrows 第三小学's)
    fourth = next(s.school_id for s in plan.schools if s.name == "洛北县第四小学")
    assert spare_rooms(plan, 2031).get(fourth) == 1
    assert not any(k == next(s.school_id for s in plan.schools if s.name == "洛北县实验小学")
                   for p in found if p.year == 2027 for k, *_ in p.lenders)


def test_the_empty_project_school_says_its_pupils_and_rooms_to_open(demo_run):
    from junheng.report.plan_rows import size_warnings

    (warning,) = [w for w in size_warnings(demo_run.plan.outcome) if "城东新区第二小学" in w]
    # 北苑社区 54 + 125 + 68 + 176 = 423 in 2030; 2,160 seats ÷ 45 = 48 rooms; most pupils
    # 529 (2027) ÷ 6 grades = 88.2 → 2 classes a grade → 12 rooms
    assert "学生来源：规划年划入本校的片区为北苑社区 423 人（按招生预测推算）" in warning
    assert "可先启用 12 间，其余 36 间（共 48 间）" in warning
    # rv8 11: 2027 529 pupils → 12 of 48 rooms used, 36 idle beside the rooms rented: 12, the
    # lenders held to the sports area they have in 2027 (rv11 3: 实验中学 8, 城关一小 2, 第四中学 2)
    assert ("可作为租用的替代：2027 学年本校未启用教室 36 间，同年租用校外用房 12 间：洛北县实验中学 8 间（直线 5.4 公里）、"
            "洛北县城关第一小学 2 间（直线 5.3 公里）、洛北县第四中学 2 间（直线 4.7 公里）") in warning
    assert "整体划入本校（以上片区合计）每年多支出" in warning  # the bus money kept


def test_sports_ground_sentence_led_by_the_schools_short(demo_run):
    (line,) = [c for c in demo_run.plan.outcome.evaluation.causes if c.startswith("布局调整后小学生均体育运动场馆面积")]
    # 第二实验小学 lacks (20.8 − 7.4) × 1,722 ≈ 23,000 m², 实验小学 (20.8 − 6.8) × 1,481 ≈ 20,700;
    # 后马寨 (above the mean) after them, 326 pupils now, 188 in 2030 without the plan
    assert "偏离全县平均最多的是洛北县第二实验小学（低于平均" in line
    assert line.index("洛北县实验小学") < line.index("桃桥镇后马寨村小学")
    assert "桃桥镇后马寨村小学（高于平均，规划年 195 人，现有 326 人、不调整布局时规划年 188 人，学生减少 42%" in line
