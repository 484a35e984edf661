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
    # per school, at most its 保底 (review 2026-12-05 finding 4): B's 80 pupils earn 57,600
    # and it is paid 20,000, but only its 保底 of 72,000 × (1 − 80 / 100) = 14,400 is the 保底
    # unpaid; C's 22,000 is under its 保底 of 72,000 × 0.4 = 28,800; A is paid in full
    assert with_floor_unpaid({"pupils": 1}, _county(), config) == {
        "pupils": 1, "floor_schools": 3, "floor_paid_schools": 1, "floor_unpaid_yuan": 74_000.0,
        "floor_points": 1, "floor_paid_points": 0,
        "floor_unpaid_by_school": {"B": 14_400.0, "C": 22_000.0},
        # review rv10 10: what funding each in full adds, B 72,000 − 20,000, C 72,000 − 50,000
        "floor_due_by_school": {"B": 52_000.0, "C": 22_000.0}}
    # no floor set: nothing added
    off = config.model_copy(update={"weights": config.weights.model_copy(
        update={"funding_floor_pupils": 0})})
    assert with_floor_unpaid({"pupils": 1}, _county(), off) == {"pupils": 1}


def test_the_floor_saving_says_what_of_it_the_closed_schools_are_not_paid_today():
    # review 2026-12-05 finding 4: closing B and C saves their 保底, 14,400 + 28,800 = 43,200
    # 元 a year at today's pupils (A's 43,200 stays); but B is paid 20,000, below even its
    # pupils' 57,600, so none of its 保底 is paid (14,400 short), and C is paid 50,000, 6,800
    # above its pupils' 43,200 (22,000 of its 28,800 short): 36,400 元 of the saving is not
    # spent today, 43,200 − 36,400 = 6,800 元 is
    from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    from junheng.planning.plans_budget import running_parts
    from junheng.report.layout_info import floor_unpaid_note

    now = with_floor_unpaid({}, _county(), load_layout_config(None))
    plan = LayoutOutcome(
        "optimal", (PlannedSchool("A", "A村小学", "keep"), PlannedSchool("B", "B村小学", "close"),
                    PlannedSchool("C", "C村小学", "close")),
        {"now": now, "before": {"funding_floor_yuan": 86_400.0}, "after": {"funding_floor_yuan": 43_200.0}},
        year=2025, weights={"funding_floor_pupils": 100})
    assert floor_unpaid_note(plan)[0].partition("同一算法）。")[2] == (
        "其中本方案撤并的村小学和教学点有 2 所学校目前未按 100 人足额拨付，其保底部分共少拨 36,400 元（每校为按 100 人"
        "核定额减去实际拨款，至多为其保底部分，即按 100 人与按实有学生核定额之差）：这部分目前并未支出，撤并后也不会节省；"
        "按目前实际拨付计（现金口径），这项节省每年约 6,800 元。"
        # rv13 13: B's whole 52,000 = 14,400 保底 + 37,600 below its pupils' 57,600 (paid 20,000)
        "这些学校少拨合计 74,000 元（保底部分 36,400 元，另 37,600 元为按实有学生核定也未拨足的部分），为现状少拨的全部，"
        "撤并后不再须补足。按整改措施要求自 2026 学年起足额拨付保底计，撤并全部生效后"
        "这项节省每年 43,200 元；足额拨付须补足的公用经费（每年）：2026 学年起为 0（其余少拨的学校均已撤并）（撤并的学校"
        "不再补足；县财政支出，不是本方案的支出，见“分年度财政支出”表）。")
    # review rv10 10: B and C are all the short schools (52,000 + 22,000 = 74,000), so once
    # they close in 2026 nothing is left to top up; on the lawful baseline the saving is 43,200
    # review rv 1: the part as paid today, −4.32 + 3.64 = −0.68 万元
    assert running_parts(plan) == [["公用经费保底", -0.68, "撤并的村小学和教学点中 2 所学校目前"
                                                     "未按 100 人拨付的保底 3.64 万元不是现在支出的钱，不计为节省；按足额拨付保底计"
                                                     "（整改措施要求足额拨付），每年减少 4.32 万元"]]
    # closing only A, paid in full: the saving is money paid today
    paid = LayoutOutcome("optimal", (PlannedSchool("A", "A村小学", "close"),), plan.metrics, year=2025,
                         weights={"funding_floor_pupils": 100})
    assert floor_unpaid_note(paid)[0].endswith("本方案撤并的村小学和教学点目前没有少拨保底的，这项节省按目前实际拨付的公用经费计算。")
    assert running_parts(paid)[0][2] == ""
