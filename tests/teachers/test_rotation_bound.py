"""Brief hrot4: the 交流轮岗 MILP proves its plan optimal where it is cheap. A receiver at its
编制 (:func:`test_rotation_exchange.at_quota`) once gave an LP bound of 243.69 under a plan of
277.02 (the big-M of (13) summed class sizes over arcs, and (9)–(10) let Δ sit at a fraction);
with the tight big-M, (16) and the chord (17) the LP relaxation meets the plan."""

from __future__ import annotations

import numpy as np
import pytest
from test_rotation_exchange import at_quota

from junheng.jobs.teachers import status_text
from junheng.optimize.highs import HighsSolver
from junheng.optimize.model import Milp
from junheng.teachers.rotation import _chord_rows, build_model, candidate_arcs
from junheng.teachers.rotation_check import check_exchanges, shortages
from junheng.teachers.rotation_plan import plan_json, plan_rotation


@pytest.fixture(scope="module")
def planned():
    return plan_rotation(at_quota())


def test_the_plan_is_proven_optimal_at_a_receiver_at_its_quota(planned):
    """U (270 pupils) and V (135) hold 高于规定学历 10 and 10 of 20, 骨干 2 (U05, U06) and 0 of
    2, 体育艺术 0 and 1 of 1; their shares by pupils are 2/3 and 1/3: 13.33 / 6.67, 1.33 /
    0.67, 0.67 / 0.33. U05 (骨干, 高学历) goes to V, V sends V10 (高学历) back: 高学历 stays 10
    and 10 (|10 − 13.33| + |10 − 6.67| = 6.67, × 100 / 20), 骨干 1 and 1 (0.33 + 0.33, × 100 /
    2), 体育艺术 0 and 1 (0.67 + 0.67, × 100 / 1): 33.33 + 33.33 + 133.33 = 200; 2 teachers
    moved × 0.01 = 0.02; the subject shortages left, 体育/音乐/美术 × 10: 61 (brief hstaff, was
    77 by the nine-year shares). Grades 7–9 alike: 102 weekly hours, 道德与法治 6, 语文 15, 数学 13,
    外语 11, 历史地理 10, 科学 14, 信息科技 2, 体育 9, 音乐 3, 美术 3, 综合实践 16. U (编制 20, 10
    语文 teachers) needs 20 × h/102 rounded: 1, 3, 3, 2, 2, 3, 0, 2, 1, 1, 3 and is short of
    18 besides 语文, 4 of them 体育/音乐/美术; V (编制 10, 1 体育 and 9 语文) needs 1, 1, 1, 1, 1,
    1, 0, 1, 0, 0, 2 and is short of 7, none 体育/音乐/美术: 25 − 4 + 10 × 4 = 61."""
    r = planned.result
    short = shortages(planned.data, planned.moves)   # (8) counts the moves only
    assert (short["all"], short["priority"]) == (25, 4)
    assert short["all"] - short["priority"] + 10 * short["priority"] == 61
    assert (r.status.value, r.objective, r.bound, r.gap) == ("optimal", pytest.approx(261.02),
                                                             pytest.approx(261.02), 0.0)
    assert planned.checked_objective == pytest.approx(261.02)
    assert [(m.teacher_id, planned.data.school_ids[m.to_index]) for m in planned.moves] == [
        ("U05", "4103060002")]
    assert [e["teacher_id"] for e in planned.exchanges] == ["V10"]
    assert status_text(plan_json(planned)["solve"]) == "最优（与下界差 0%，在容差 0.01% 内）"


def test_the_lp_relaxation_meets_the_plan(planned):
    """The LP bound is the plan's 261.02 (277.02 before brief hstaff; was 243.69: ⅓ of U01 and ⅔ of U05 moved, 骨干 dev
    0); V may send back ē = min(|pool| 1, net gain ⌈20% × 10⌉ = 2 − room 0) = 1 teacher."""
    d, config = planned.data, planned.config
    model = build_model(d, candidate_arcs(d, config), config)
    lp = HighsSolver().solve(model, relax=True)
    assert lp.objective == pytest.approx(261.02)
    assert model.upper[model.block("back")].tolist() == [1.0]
    assert [g for g, _, _ in model.row_groups()].count("(17)") == 1


def test_the_checker_finds_a_receiver_that_sends_nobody_back(planned):
    """(13) re-derived without the solver: V at its 编制 takes U05 and must send 1 back."""
    assert check_exchanges(planned.data, planned.moves, []) == [
        "乙中学已达编制应交换派回 1 名，实际派回 0 名（符合交流条件的教师不足）"]
    assert all(v == [] for v in planned.violations.values())


@pytest.mark.parametrize("target", [0.25, 0.5, 0.8, -1.3, 2.6])
def test_the_chord_holds_at_every_whole_change(target):
    """(17): d ≥ f + (1 − 2f)(Δ − ⌊c⌋) is met by d = |Δ − c| at every whole Δ (equal at ⌊c⌋
    and ⌈c⌉) and cuts off the LP's d = 0 at Δ = c."""
    m = Milp()
    dev = m.add_block("d", cost=[1.0], lower=0, upper=np.inf, integer=False)
    delta = m.add_block("Δ", cost=[0.0], lower=-10, upper=10, integer=True)
    _chord_rows(m, np.array([0, 0]), np.r_[dev, delta], np.array([1.0, -1.0]),
                np.array([target]), np.array([True]))
    for change in range(-5, 6):
        assert m.violations([abs(change - target), change])["(17)"] <= 1e-9
    low = np.floor(target)
    assert m.violations([target - low, low])["(17)"] == pytest.approx(0.0, abs=1e-9)
    assert m.violations([0.0, target])["(17)"] > 0.1
