"""The layout's yearly saving traced to today's spending, one computation every document reads
(review rv 1: 1,036.27 万元 a year headlined 640.00 of per-site cost at an assumed 10 万元 a
site and 116.42 of 公用经费保底 not paid today)."""

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_spending import running_change, yearly_money
from junheng.planning.plans_budget import running_parts
from junheng.planning.plans_combined import _layout_change
from junheng.report.layout_money_text import spending_headline


def demo_like(site_yuan: int = 19_200) -> LayoutOutcome:
    """4 教学点 closing in 2027, a new school opening in 2029 (data year 2025, target 2030):
    the sites 7.68 → 1.92 万 (the shipped 1.92 万 a site, brief hsite, hguard); the floor 50 → 0 万 of which 甲 and 乙 are paid 12 万 short today;
    boarding 100 → 103 万; 2 hires 20 万."""
    points = tuple(PlannedSchool(p, f"{p}教学点", "close", phase=2, kind="teaching_point",
                                 students_expected=20) for p in "甲乙丙丁")
    before = {"operating_site_yuan": 4.0 * site_yuan, "funding_floor_yuan": 500_000.0,
              "boarding_cost_yuan": 1_000_000.0, "hire_staff_yuan": 0.0}
    after = {"operating_site_yuan": 1.0 * site_yuan, "funding_floor_yuan": 0.0,
             "boarding_cost_yuan": 1_030_000.0, "hire_staff_yuan": 200_000.0}
    for column in (before, after):
        column["operating_yuan"] = sum(column.values())
    return LayoutOutcome(
        "optimal", (*points, PlannedSchool("N", "新建初级中学", "new", phase=4)),
        {"now": {"floor_unpaid_by_school": {"甲": 70_000.0, "乙": 50_000.0}}, "before": before, "after": after},
        year=2025, target_year=2030, weights={"operating_yuan_per_school": site_yuan, "teacher_yuan_per_year": 100_000,
                                              "funding_floor_pupils": 100})


def test_the_headline_the_year_tables_and_the_joint_summary_read_one_traced_change():
    plan = demo_like()
    # whole: 7.68 + 50 + 100 = 157.68 → 1.92 + 103 + 20 = 124.92 万 (−32.76); sites −7.68 + 1.92 = −5.76 万
    # at the shipped (reference) price; 12 万 of the floor's −50 not paid today; traced
    # −32.76 + 5.76 + 12 = −15 万 a year (the floor −38, boarding +3, hires +20 = −15 万)
    change = running_change(plan)
    assert (change.whole_yuan, change.site_yuan, change.unpaid_yuan, change.traced_yuan) == (
        -327_600.0, -57_600.0, 120_000.0, -150_000.0)
    # 万元 from one million 元 of 运行支出 (190 万); no bus price: said beside the traced change
    assert spending_headline(plan).split("。")[0].partition("；")[2] == (
        "运行支出每年减少 15.00 万元（新增支出按所设单价计，节省只计目前实际拨付的，不含校车或交通补助费用：未设单价）；"
        "按单价测算、县未报实际支出的节省另列，不计入：校点运行费用每年减少 5.76 万元（单价按 1 名专职保安计，见《布局调整方案》"
        "“测算方法和未满足的规则”）；撤并学校目前少拨的公用经费保底 12.00 万元现在并未支出，不计为节省（全部按测算口径，每年运行"
        "支出由 157.68 万元变为 124.92 万元，每年减少 32.76 万元，其中计入上数的 15.00 万元，其余 17.76 万元为另列的节省和"
        "现在并未支出的保底）")  # review rv3 9: 32.76 − 15 = 17.76 = 5.76 at the reference price + 12 not paid today
    # the year table ends at the traced level, the sites apart (−7.68 in 2027, +1.92 in 2029),
    # in 2034: the target year 2030 + the 达标路径's 5 recurring years − 1 (brief hyears 2: one
    # horizon with the joint table; it was 2033, the target year + 3)
    last = yearly_money(plan)[-1]
    assert (last.year, last.running_yuan, last.assumed_yuan) == (2034, -150_000.0, -57_600.0)
    # the joint summary's layout line: −15.00 万元, in cents of 万元
    assert _layout_change(plan) == -1_500
    # its parts add up to the traced change; the sites said apart
    assert running_parts(plan) == [
        ["公用经费保底", -38.0, "撤并的村小学和教学点中 2 个教学点目前未按 100 人拨付的保底 "
                          "12.00 万元不是现在支出的钱，不计为节省；按足额拨付保底计（整改措施要求足额拨付），每年减少 50.00 万元"],
        ["寄宿生管理费用", 3.0, ""], ["新聘教师人员经费", 20.0, "2 人，每人每年按 10.00 万元测算"],
        ["校点运行费用（另列，不计入）", -5.76,
         "单价按 1 名专职保安计，见《布局调整方案》“测算方法和未满足的规则”"]]


def test_a_county_s_own_site_cost_is_traced_money():
    # 150,000 元 a site set by the county (not the shipped 1.92 万): only the floor not paid
    # today is left out; whole (60 + 50 + 100) → (15 + 0 + 103 + 20) = 210 → 138 万, −72;
    # traced −72 + 12 = −60 万
    change = running_change(demo_like(150_000))
    assert (change.whole_yuan, change.site_yuan, change.traced_yuan) == (-720_000.0, 0.0, -600_000.0)


def test_table_1_leads_with_the_traced_change_and_leaves_the_whole_to_section_one():
    # review rv17 11: 表 1 said 「全部按测算口径每年减少 57.00 万元」 beside the 15.00 one can check;
    # the whole (−32.76 = −15 − 5.76 − 12) and its parts stay in （一）
    from junheng.report.layout_money_text import running_cell

    first = spending_headline(demo_like()).split("。")[0].partition("；")[2].split("；")[0]
    cell = running_cell(demo_like(), first)
    assert cell == ("运行支出每年减少 15.00 万元（新增支出按所设单价计，节省只计目前实际拨付的，不含校车或交通补助费用：未设单价）；"
                    "按单价测算、县未报实际支出的节省另列，不计入（分项和全部按测算口径的变化见（一）财政支出）")
    assert "32.76" not in cell


def test_a_fall_at_a_set_unit_price_is_said_apart_not_counted():
    # brief hwords3 1: new spending at the set unit prices, savings only of what is paid today.
    # Boarding 100 → 97 万 (a fall of 3 万 at the set price per boarder): apart, like the sites;
    # whole 157.68 → 118.92 (−38.76); counted −38.76 + 5.76 + 12 + 3 = −18 万 (the floor −38, hires +20)
    plan = demo_like()
    after = {**plan.metrics["after"], "boarding_cost_yuan": 970_000.0}
    after["operating_yuan"] -= 60_000.0
    plan = LayoutOutcome(plan.status, plan.schools, {**plan.metrics, "after": after}, year=plan.year,
                         target_year=plan.target_year, weights=plan.weights)
    change = running_change(plan)
    assert (change.whole_yuan, change.saved_yuan, change.traced_yuan) == (-387_600.0, -30_000.0, -180_000.0)
    # the year table books only the counted change; the joint summary reads the same −18.00
    assert yearly_money(plan)[-1].running_yuan == -180_000.0
    assert _layout_change(plan) == -1_800
    said = spending_headline(plan).split("。")[0]
    assert "运行支出每年减少 18.00 万元（新增支出按所设单价计，节省只计目前实际拨付的" in said
    assert "；按单价测算、县未报实际支出的节省另列，不计入：校点运行费用每年减少 5.76 万元（单价按 1 名专职保安计，见" \
        "《布局调整方案》“测算方法和未满足的规则”）、寄宿生管理费用每年减少 3.00 万元；" in said
    assert ["寄宿生管理费用（另列，不计入）", -3.0, ""] in running_parts(plan)
