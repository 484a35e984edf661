"""表3 says why a receiver builds (brief hfourth): the classes its target year's pupils form grade
by grade beside its rooms, and its sports area as pupils × the per-pupil area both plans hold
it to, what it has, and each part bought as m² × unit price (rv7: 第四小学 read 111.81 万元
of field and land beside 845 pupils on 855 seats, with no figure saying why)."""

from __future__ import annotations

from dataclasses import replace

from openpyxl import load_workbook
from test_layout_area_model import receiver, school_of
from test_layout_land import config, land_county

from junheng.planning import plan_layout
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.report.layout_xlsx import CLASSES_HEAD, SPORTS_HEAD, write_layout_xlsx
from junheng.report.plan_rows import layout_summary

LAND = "（征用或置换相邻用地并建室外体育运动场地，待决策，须经自然资源部门确认用地）"
RULE = "按优质均衡标准小学生均 7.5 平方米的 86.7%（优质均衡允许一项指标不低于标准的 85%，另留 2% 余量，与达标路径同一口径）即生均约 6.50 平方米"


def detail(outcome: LayoutOutcome, name: str) -> str:
    return {a.name: a.detail for a in layout_summary(outcome).actions}[name]


def test_a_receiver_says_its_sports_gap_and_the_land_it_buys_as_m2_times_price(tmp_path):
    """land_county (test_layout_land): N, 300 pupils and 2,040.90 m² of sports area, receives
    S's 60. 360 × 6.5025 (7.5 × 0.85 × 1.02) = 2,340.90 m² needed, 2,040.90 had: 300 m² short,
    all bought beside it at 600 + 900 = 1,500 元: 450,000 元 = 45.00 万元. Shown whole:
    had 2,041 (5.67 m² a pupil: 2,041 / 360 = 5.669), need 2,041 + 300 = 2,341."""
    plan = plan_layout(land_county(), config(), evaluate_cvs=False)
    assert receiver(plan) == {"N"}
    n = school_of(plan, "N")
    assert dict(n.sports_m2) == {"now": 2040.9, "have": 2040.9, "primary": 6.5025,
                                 "junior": 7.1528, "ratio": 0.867}
    words = (f"补足体育运动场馆 300 平方米（规划年学生 360 人，{RULE}需 2,341 平方米；现有 2,041 平方米，"
             f"生均 5.67 平方米）：扩充体育运动场地用地 300 平方米 × 1,500 元（地价 600 元＋室外体育运动场地 900 元）"
             f"= 45.00 万元{LAND}")
    assert words in detail(plan.outcome, "学校N")
    # plan.json keeps the figures: the plan read back says the same
    again = layout_from_json(layout_json(plan.outcome))
    assert words in detail(again, "学校N")
    sheet = load_workbook(write_layout_xlsx(plan.outcome, tmp_path / "plan.xlsx"))["调整方案"]
    head, *rows = [[c.value for c in r] for r in sheet.iter_rows()]
    row = next(dict(zip(head, r, strict=True)) for r in rows if r[1] == "学校N")
    # hfix8 5: without the land 2,040.90 / 360 / 7.5 = 75.6 %: it passes only with it, 待核实
    held = "；学校达标待核实（扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 75.6%）"
    assert (row[SPORTS_HEAD], row[CLASSES_HEAD]) == (words + held, None)  # it builds no room


def test_a_receiver_short_without_the_plan_leaves_that_gap_to_the_compliance_plan():
    """N with 100 m² less (1,850.75) than its own 300 pupils need (1,950.75): that 100 is the
    达标路径's; the 60 moved need 60 × 6.5025 = 390.15 m², 390 bought (× 1,500 = 585,000 元).
    Shown: need 2,341 (2,340.90), had 1,851 (1,850.75; 1,851 / 360 = 5.14 a pupil), own gap
    2,341 − 1,851 − 390 = 100."""
    data = land_county()
    fac = data.facilities.copy()
    fac.loc[fac["school_id"] == "N", "sports_area"] = 1850.75
    plan = plan_layout(data.with_tables(facilities=fac), config(), evaluate_cvs=False)
    assert receiver(plan) == {"N"}
    assert (
        f"补足体育运动场馆 390 平方米（规划年学生 360 人，{RULE}需 2,341 平方米；现有 1,851 平方米，生均 5.14 平方米；"
        f"不调整时本校 300 人已缺的 100 平方米由达标路径补足）：扩充体育运动场地用地 390 平方米 × 1,500 元"
        f"（地价 600 元＋室外体育运动场地 900 元）= 58.50 万元{LAND}；学校达标待核实（扩充运动场地用地待自然资源部门确认，"
        "不计该用地生均体育运动场馆面积为标准的 72.2%），调整后学位 540 个") in detail(plan.outcome, "学校N")
    # hfix8 5: without the land (1,950.75 + 390 − 390) / 360 / 7.5 = 72.2 %


def test_a_school_building_rooms_says_the_classes_they_are_for():
    """第四小学 of rv7: 845 pupils on 855 seats (19 rooms of 45) still form 21 classes grade by
    grade (its 过渡期 row's overflow 2): 表3 says so beside the room it builds (the other one
    borrowed). Its field (144 m² × 900 = 12.96 万元) and land (659 × 1,500 = 98.85 万元) make
    the 111.81 万元: 845 × 6.5025 = 5,494.61 needed, 4,692 had, 803 short."""
    s = PlannedSchool("D", "第四小学", "expand", phase=4, added_classrooms=2, temporary_classrooms=1,
                      added_classrooms_by_stage={"primary": 2}, capacity={"primary": 945},
                      temporary_seats={"primary": 45}, students_after={"primary": 845},
                      students_expected=537, added_sports_area=144.0, sports_field=True,
                      sports_land_area=659.0, sports_land_yuan=988_500.0, area_yuan=1_118_100.0,
                      sports_m2={"now": 4692.0, "have": 4692.0, "primary": 6.5025, "junior": 7.1528,
                                 "ratio": 0.867})
    plan = LayoutOutcome("optimal", (s,), {}, year=2025, target_year=2030,
                         rules={"class_size_primary": 45}, costs={"land_yuan_per_m2": 600.0},
                         transition=(YearRooms(2030, "D", "primary", 845, 2, 1, 1),))
    got = detail(plan, "第四小学")
    assert got.startswith("新建普通教室 1 间（2030 学年小学 845 人，按年级编班 21 个班、现有教室 19 间），临时周转普通教室")
    assert (f"补足体育运动场馆 803 平方米（规划年学生 845 人，{RULE}需 5,495 平方米；现有 4,692 平方米，生均 5.55 平方米）："
            "校内空地建室外体育运动场地 144 平方米 × 900 元 = 12.96 万元；扩充体育运动场地用地 659 平方米 × 1,500 元"
            f"（地价 600 元＋室外体育运动场地 900 元）= 98.85 万元{LAND}") in got
    # a school that only borrows builds no room: no classes said
    borrows = PlannedSchool("B", "乙小学", "expand", added_classrooms=1, temporary_classrooms=1,
                            added_classrooms_by_stage={"primary": 1}, capacity={"primary": 900},
                            students_after={"primary": 880})
    both = replace(plan, schools=(s, borrows),
                   transition=(*plan.transition, YearRooms(2030, "B", "primary", 880, 1, 0, 1)))
    assert "按年级编班" not in detail(both, "乙小学")
    # a new school's rooms are its size, not rooms beyond those it has (its 18 classes of 821
    # juniors in 18 rooms of 50 would read 「现有教室 0 间」)
    new = PlannedSchool("N", "新初中", "new", phase=4, added_classrooms=18,
                        added_classrooms_by_stage={"junior": 18}, capacity={"junior": 900},
                        students_after={"junior": 821})
    opened = replace(plan, schools=(s, new), rules={"class_size_primary": 45, "class_size_junior": 50},
                     transition=(*plan.transition, YearRooms(2030, "N", "junior", 821, 18, 18, 0)))
    assert detail(opened, "新初中").startswith("新建普通教室 18 间，")


HELD = "学校达标待核实（扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 {}）"


def _dongcheng(land: float = 267.0, added: float = 617.0) -> PlannedSchool:
    """东城小学 of the demo: 595 pupils, 2,127 m² today and its own 858 m² gap (the 达标路径's), 617
    m² of field on its ground and 267 m² of land bought: 2,985 + 617 + 267 = 3,869 m²."""
    return PlannedSchool("E", "东城小学", "expand", phase=4, students_after={"primary": 595}, students_expected=459,
                         added_sports_area=added, sports_field=True, sports_land_area=land,
                         sports_land_yuan=land * 1_500.0,
                         sports_m2={"now": 2127.0, "have": 2985.0, "primary": 6.5025, "junior": 7.1528, "ratio": 0.867})


def test_a_school_passing_only_with_the_land_it_buys_is_said_to_be_held():
    # hfix8 5: 表3 said 86.7 % with the land and no 待核实 while the 整改措施 held 东城小学 at
    # (3,869 − 267) / 595 / 7.5 = 3,602 / 4,462.5 = 80.7 % without it; 第四小学 (4,692 + 144) / 845
    # / 7.5 = 4,836 / 6,337.5 = 76.3 %
    plan = LayoutOutcome("optimal", (_dongcheng(),), {}, year=2025, target_year=2030)
    assert f"须经自然资源部门确认用地）；{HELD.format('80.7%')}" in detail(plan, "东城小学")
    fourth = PlannedSchool("D", "第四小学", "expand", phase=4, students_after={"primary": 845}, added_sports_area=144.0,
                           sports_field=True, sports_land_area=659.0, sports_land_yuan=988_500.0,
                           sports_m2={"now": 4692.0, "have": 4692.0, "primary": 6.5025, "ratio": 0.867})
    assert detail(replace(plan, schools=(fourth,)), "第四小学").endswith(f"{LAND}；{HELD.format('76.3%')}")
    # 100 m² of land bought, 784 built: (3,869 − 100) / 595 / 7.5 = 84.5 %, still below 85 %; 40 m²
    # bought, 844 built: 3,829 / 4,462.5 = 85.8 %, it passes without the land: nothing held
    assert HELD.format("84.5%") in detail(replace(plan, schools=(_dongcheng(100.0, 784.0),)), "东城小学")
    assert "待核实" not in detail(replace(plan, schools=(_dongcheng(40.0, 844.0),)), "东城小学")


def test_the_layout_document_says_the_compliance_re_checks_shares():
    # with a 达标路径 after the plan, its re-check's figures (compliance_summary.held_units's):
    # 新区实验学校 fails the rule without its land in both stages (99.6 %: another indicator is
    # below the standard already, said so: rv19), 东城小学 at 80.7 %; 第四小学's land is not needed by the re-check
    from junheng.planning.layout_sports import with_land_shares

    school = PlannedSchool("X", "新区实验学校", "expand", phase=4, students_after={"primary": 462, "junior": 681},
                           added_sports_area=2123.0, sports_field=True, sports_land_area=689.0,
                           sports_land_yuan=1_033_500.0, sports_m2={"now": 9000.0, "have": 9000.0, "primary": 6.5025,
                                                                    "junior": 8.8434, "ratio": 0.867})
    fourth = replace(_dongcheng(), school_id="D", name="第四小学")
    stages = {"primary": {"land_passing": ["东城小学", "新区实验学校"], "land_shares": [0.807, 0.996]},
              "junior": {"land_passing": ["新区实验学校"], "land_shares": [0.806]}}
    plan = with_land_shares(LayoutOutcome("optimal", (_dongcheng(), school, fourth), {}, year=2025, target_year=2030),
                            stages)
    assert HELD.format("80.7%") in detail(plan, "东城小学")
    assert ("学校达标待核实（扩充运动场地用地待自然资源部门确认，不计该用地小学、初中生均体育运动场馆面积依次为标准的 "
            "99.6%、80.6%；小学虽不低于 85%，但另有指标低于标准，生均体育运动场馆面积须达到标准）") in detail(plan, "新区实验学校")
    assert "待核实" not in detail(plan, "第四小学")
    assert with_land_shares(plan, None) is plan


def test_a_nine_year_school_says_which_stage_sets_its_area_and_what_the_split_gives_the_other():
    """rv20 1: 新区实验学校 (462 小学, 681 初中) read 「按优质均衡标准小学生均 7.5 平方米、初中生均 10.2
    平方米的 86.7%（九年一贯制学校按小学、初中 1 : 1.1 折算…）即生均小学约 8.04 平方米」 while 7.5 ×
    86.7 % = 6.50. The 初中 binds: 10.2 × 0.867 = 8.8434; the area split 1 : 1.1 gives the 小学
    8.8434 ÷ 1.1 = 8.0395 = 107.19 % of 7.5. Need 462 × 8.0395 + 681 × 8.8434 = 3,714.25 +
    6,022.36 = 9,736.61: 现有 6,649 + 2,812 this plan + 275 its own gap = 9,736."""
    school = PlannedSchool("X", "新区实验学校", "expand", phase=4, students_after={"primary": 462, "junior": 681},
                           students_expected=816, added_sports_area=2812.0, sports_field=True,
                           sports_m2={"now": 6649.0, "have": 6924.0, "primary": 8.0395, "junior": 8.8434,
                                      "ratio": 0.867})
    plan = LayoutOutcome("optimal", (school,), {}, year=2025, target_year=2030)
    assert detail(plan, "新区实验学校").startswith(
        "补足体育运动场馆 2,812 平方米（规划年小学 462 人、初中 681 人，按优质均衡标准初中生均 10.2 平方米的 86.7%"
        "（优质均衡允许一项指标不低于标准的 85%，另留 2% 余量，与达标路径同一口径）即生均 10.2 × 86.7% ≈ 8.84 平方米；"
        "九年一贯制学校全校场地按小学、初中 1 : 1.1 拆分，小学随之为生均 8.84 ÷ 1.1 ≈ 8.04 平方米"
        "（小学标准 7.5 平方米的 107.2%），共需 9,736 平方米；现有 6,649 平方米，生均 5.82 平方米；"
        "不调整时本校 816 人已缺的 275 平方米由达标路径补足）")
    # a school of one stage keeps its one-line rule (7.5 × 0.867 = 6.5025)
    fourth = replace(school, name="第四小学", students_after={"primary": 845},
                     sports_m2={"now": 4692.0, "have": 4692.0, "primary": 6.5025, "ratio": 0.867})
    assert f"（规划年学生 845 人，{RULE}需 " in detail(replace(plan, schools=(fourth,)), "第四小学")
