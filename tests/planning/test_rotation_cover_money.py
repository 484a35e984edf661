"""Brief hrot5 (issue 16 item 5, hwords3 4): the 达标路径's 交流轮岗 sends teachers and the sending
schools must recruit in their place; the bureau pays them. The hires' 人员经费 (costs.yaml's
``hire_teacher``, 10 万元 per teacher a year) is now one yearly action per sending school, in the
plan's total, its 每年经常性支出 and its 分年度 figures, and the 交流轮岗 paragraph says the sum."""

from __future__ import annotations

import pandas as pd
import pytest
from test_rotation_cover import _rot, _staff

from junheng.planning.compliance_check import PlanCheckError, _check_costs, _check_years
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_rotation import exchange_words
from junheng.planning.rotation_cover import cover_actions


def _actions(rot):
    return pd.DataFrame(rot).assign(cost=3.0, annual_cost=0.6)


def _demo_like():
    # 第一初级中学 at its 编制 (161 − 13 = 148) sends 2, 新区实验学校 (32 + 19 = 51) sends 1,
    # 乙中学 (149 of 148) sends 1 and fills it from its own 1 beyond its 编制, leaving the stage no
    # surplus to 调剂: 3 hired, 乙 none
    rot = [_rot("1", "洛北县第一初级中学", 2, places=2), _rot("9", "洛北县新区实验学校", 1, places=1),
           _rot("B", "乙中学", 1)]
    staffing = {"schools": [_staff("1", 148, 161, moved_out=13), _staff("9", 51, 32, moved_in=19),
                            _staff("B", 148, 149)]}
    return rot, staffing


def test_each_school_that_hires_pays_ten_wan_a_teacher_a_year_for_five_years():
    # 2 × 10 = 20.00 万元 a year, × 5 years (recurring_years) = 100.00; 1 × 10 × 5 = 50.00;
    # paid 2030—2034 (the target year on) like the rotation's 交流补助; 乙中学 hires none
    rot, staffing = _demo_like()
    out = cover_actions(_actions(rot), staffing, load_costs(), 2030)
    new = out[out["item"] == "rotation_cover"]
    assert new[["school_id", "name", "quantity", "annual_cost", "cost", "project"]].to_dict(
        "records") == [
        {"school_id": "1", "name": "洛北县第一初级中学", "quantity": 2.0, "annual_cost": 20.0,
         "cost": 100.0, "project": "teachers"},
        {"school_id": "9", "name": "洛北县新区实验学校", "quantity": 1.0, "annual_cost": 10.0,
         "cost": 50.0, "project": "teachers"}]
    assert new["funding"].tolist() == [dict.fromkeys(range(2030, 2035), 20.0),
                                       dict.fromkeys(range(2030, 2035), 10.0)]
    assert new["reason"].tolist() == ["交流轮岗期间顶替本校调出的 2 名交流教师",
                                      "交流轮岗期间顶替本校调出的 1 名交流教师"]
    assert len(out) == len(rot) + 2


def test_the_paragraph_says_the_money_and_where_it_is_counted():
    # 3 hired: 30.00 万元 a year, 2030—2034, 150.00 in all
    rot, staffing = _demo_like()
    out = cover_actions(_actions(rot), staffing, load_costs(), 2030)
    said = exchange_words(out.to_dict("records"), staffing)
    assert said.endswith(
        "须招聘 1 名；乙中学调出 1 名（现有 149 名，编制 148 名），本校按编制富余的 1 名顶岗。"
        "招聘的 3 名不在“教师配置汇总”的招聘人数内，人员经费按每人每年 10 万元计每年 30.00 万元，"
        "2030—2034 学年共 150.00 万元，已计入本方案“教师招聘”的每年经常性支出。")
    assert "人员经费未计入本方案" not in said


def test_no_hire_no_money():
    # the sender's own surplus fills the post, or no staffing figures: the actions as they were
    rot = [_rot("B", "乙中学", 1)]
    acts = _actions(rot)
    assert cover_actions(acts, {"schools": [_staff("B", 148, 150)]}, load_costs(), 2030) is acts
    assert cover_actions(acts, None, load_costs(), 2030) is acts
    empty = pd.DataFrame()
    assert cover_actions(empty, {"schools": []}, load_costs(), 2030) is empty


class _Problem:
    """What the checker's cost and year rules read of a plan."""

    costs = load_costs()
    target_year = 2030
    first_year = 2027
    plan_date = None


def test_the_checker_prices_the_backfill_as_a_hire_and_finds_a_wrong_sum():
    rot, staffing = _demo_like()
    out = cover_actions(_actions(rot).assign(unit_cost=0.6, forced=False, lead_years=0),
                        staffing, load_costs(), 2030)
    new = out[out["item"] == "rotation_cover"].reset_index(drop=True)
    assert _check_costs(_Problem, new) == pytest.approx(150.0)
    _check_years(_Problem, new)
    wrong = new.assign(cost=[90.0, 50.0])
    with pytest.raises(PlanCheckError, match="洛北县第一初级中学 招聘专任教师顶替交流轮岗调出教师（交流期间每人每年） "
                                             "的费用 90.00 万元与单价计算的 100.00 万元不符。"):
        _check_costs(_Problem, wrong)
