"""The 公用经费保底 the 经费表 shows paid today, as the layout's 说明 cites it beside its 保底
saving (review 2026-12-04 finding 7): the same schools and shortfall as the evaluation's
item “不足 100 名学生的村小学和教学点按 100 名学生核定公用经费”."""

from evaluate_builders import classes, county, school

from junheng.evaluate import evaluate
from junheng.evaluate.guarantee import floor_shortfall
from junheng.planning import load_layout_config
from junheng.planning.layout_costs import with_floor_unpaid


def _county():
    # three village primaries (城乡分类 220) and one town primary (111), quota 720 元/生:
    # A 40 pupils paid 72,000 (= 100 × 720: funded); B 80 paid 20,000 (52,000 short);
    # C (a 教学点) 60 paid 50,000 (22,000 short); T in town 50 pupils paid 10,000 (outside the rule)
    schools = [school(s, name=f"{s}村小学", urban_rural_code=code, school_type=kind)
               for s, code, kind in (("A", "220", "primary_school"), ("B", "220", "primary_school"),
                                     ("C", "220", "teaching_point"), ("T", "111", "primary_school"))]
    rows = [classes("A", "g1", [40]), classes("B", "g1", [40, 40]), classes("C", "g1", [60]),
            classes("T", "g1", [50])]
    paid = {"A": 72_000.0, "B": 20_000.0, "C": 50_000.0, "T": 10_000.0}
    return county(schools=schools, classes=rows,
                  funding=[{"school_id": s, "public_funding": v, "training_funding": 0.0}
                           for s, v in paid.items()])


def test_the_shortfall_counts_the_schools_and_money_the_evaluation_counts():
    data = _county()
    # 3 schools under the rule, 1 funded, 52,000 + 22,000 = 74,000 元 short; C is a 教学点, unfunded
    assert floor_shortfall(data, 100) == (3, 1, 74_000, 1, 0)
    ev = evaluate(data)
    item = next(r for r in ev.guarantee if r.indicator.id == "small_school_funding")
    assert item.gap == "需补足公用经费 7.40 万元" and round(item.value, 4) == round(1 / 3, 4)


def test_the_layouts_today_column_carries_the_shortfall():
    config = load_layout_config(None)
    assert with_floor_unpaid({"pupils": 1}, _county(), config) == {
        "pupils": 1, "floor_schools": 3, "floor_paid_schools": 1, "floor_unpaid_yuan": 74_000.0,
        "floor_points": 1, "floor_paid_points": 0}
    # no floor set: nothing added
    off = config.model_copy(update={"weights": config.weights.model_copy(
        update={"funding_floor_pupils": 0})})
    assert with_floor_unpaid({"pupils": 1}, _county(), off) == {"pupils": 1}
