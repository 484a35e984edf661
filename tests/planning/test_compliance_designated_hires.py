"""Brief hteach 1: the 达标路径 names a hire 体育、音乐、美术 only as far as the school's standard
asks; the other hires a school needs (for 高于规定学历) are 招聘高于规定学历专任教师 — a reader
saw 「招聘体育艺术 16 人」 beside 「少 4 名」."""

from datetime import date

import numpy as np

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_actions import designated
from junheng.planning.compliance_check import check_plan
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_data import build_problem
from junheng.planning.compliance_model import build_model

P = school_id("P")


def _county():
    """A meets every indicator; P (1,000 pupils) has 10 骨干 + 6 体育艺术 + 14 others = 30
    高于规定学历 teachers (3.0 per 100 against 4.2: 42 asked, the 85% floor ⌈35.7⌉ = 36) and
    6 体育艺术 (0.6 against 0.9: 9 asked, 67%, below the floor)."""
    return county(primary_school("A", 1000), primary_school("P", 1000, higher=3.0, pe_art=0.6))


def test_a_school_hires_as_many_pe_art_teachers_as_its_standard_asks_and_no_more(tmp_path):
    # Cheapest: 6 hires (each one more 高于规定学历: 30 + 6 = 36, the floor), 3 of them 体育艺术
    # (6 + 3 = 9, met): 6 of 7 met, 高于规定学历 at 36 / 42 = 85.7%. Both hires cost 10 万元 a
    # year × 5 years: 6 × 50 = 300 万元.
    data = _county()
    plan = plan_compliance(data, current_students(data), 2026, costs=load_costs(cost_file(tmp_path)),
                           time_limit=30, plan_date=date(2026, 6, 1))
    a = plan.actions
    assert sorted(zip(a["school_id"], a["item"], a["quantity"], strict=True)) == [
        (P, "hire_pe_art", 3.0), (P, "hire_teacher", 3.0)]
    assert plan.confirmed
    assert check_plan(plan.problem, a) == 300.0


def test_pe_art_hires_beyond_the_standard_are_named_higher_degree_hires(tmp_path):
    # The solver's naming when it calls all 6 hires 体育艺术: 6 + 6 = 12 against ⌈9⌉, 3 too many;
    # they become 招聘高于规定学历专任教师 (the same cost, the same 高于规定学历 count).
    data = _county()
    problem = build_problem(data, current_students(data), 2026,
                            costs=load_costs(cost_file(tmp_path)), plan_date=date(2026, 6, 1))
    model = build_model(problem)
    unit = int(np.flatnonzero(problem.units["school_id"].to_numpy() == P)[0])
    values = np.zeros(model.milp.n_cols)
    values[model.block("hire_pe_art")[unit]] = 6.0
    got = designated(model, values)
    assert got[model.block("hire_pe_art")[unit]] == 3.0
    assert got[model.block("hire_teacher")[unit]] == 3.0
    assert got.sum() == values.sum()  # nothing else changes
