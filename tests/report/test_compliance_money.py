"""The 达标路径's money sentences (review rv 4 and 7): the one-off money and each yearly cost
apart, never added, and one price for a 普通教室 in both plans with the project fee apart."""

from junheng.report.compliance_money import least_words, money_line, room_price

COSTS = {"costs": {"recurring_years": 5, "items": {"teaching_area": {"unit_cost": 0.35}}}}


def _room(school: str, n: int) -> list[dict]:
    # n rooms at 42.00 万元 (120 m² × 0.35) and the school's one project fee of 30.00 万元
    return [{"name": school, "item": "classroom", "unit_cost": 42.0, "cost": 42.0 * n},
            {"name": school, "item": "building", "unit_cost": 30.0, "cost": 30.0}]


def test_a_room_has_the_layouts_price_and_the_fee_is_said_apart():
    # the demo before review rv 4: 5 schools, 6 rooms, 5 fees: 5 × 30.00 = 150.00 万元
    acts = [*_room("第四小学", 2), *_room("新区实验学校", 1), *_room("实验中学", 1),
            *_room("第三初级中学", 1), *_room("第四中学", 1)]
    assert room_price(acts, COSTS) == (
        "普通教室每间 42.00 万元（120 平方米 × 每平方米 0.35 万元，与布局调整方案的教室同一单价）；"
        "另每校每个项目前期与管理费用 30.00 万元（勘察、设计、监理、审批等），5 项共 150.00 万元，"
        "布局调整方案的教室单价不含此项，上列各校投资含此项。")


def test_no_rooms_or_fees_say_nothing_and_a_fee_alone_says_only_the_fee():
    assert room_price([{"item": "music_room", "unit_cost": 33.6, "cost": 33.6}], COSTS) == ""
    # a fee without rooms (special rooms only): no word of the classroom's price
    assert room_price(_room("甲", 1)[1:], COSTS) == (
        "另每校每个项目前期与管理费用 30.00 万元（勘察、设计、监理、审批等），1 项共 30.00 万元，上列各校投资含此项。")


def test_several_yearly_kinds_are_named_under_one_yearly_figure():
    # 2.00 of 租用场地 and 4.20 of 交流补助 a year: 6.20, the kinds named, never added to the one-off
    doc = {**COSTS, "totals": {"one_off": 100.0, "annual": 6.2, "recurring_years": [2030, 2034]},
           "actions": [{"project": "lease", "annual_cost": 2.0, "cost": 10.0, "funding": {"2030": 2.0}},
                       {"project": "rotation", "annual_cost": 4.2, "cost": 21.0, "funding": {"2030": 4.2}},
                       {"project": "books", "annual_cost": 0.0, "cost": 100.0, "funding": {"2027": 100.0}}]}
    assert money_line(doc) == ("一次性投入 100.00 万元（2027 学年），另每年经常性支出 6.20 万元"
                               "（租用场地、交流补助，2030—2034 学年）")


def test_a_solve_without_a_plan_keeps_its_status():
    assert least_words({"status": "no_solution", "gap": None}) == "模型求解状态：限时内未找到方案"
