"""Brief hc2 (review rv): the decisions a 局务会 must take, said where they are decided."""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_json import assumed_passing
from junheng.report.compliance_xlsx import passing_text


def test_a_school_passing_on_assumed_figures_is_counted_apart_as_to_verify():
    # rv 12: 43 of 44 primary units pass, one of them the new 城东新区第二小学 counted on the
    # layout's assumed equipment: 43 − 1 = 42 said passing, the one 待核实
    units = pd.DataFrame({"school_id": ["N", "A", "B", "N"],
                          "stage": ["primary", "primary", "primary", "junior"],
                          "name": ["城东新区第二小学", "甲小学", "乙小学", "城东新区第二小学"],
                          "passes": [True, True, False, True]})
    named = assumed_passing(units, "primary", frozenset({"N"}))
    assert named == ["城东新区第二小学"]
    assert passing_text({"units": 44, "passing": 43, "assumed_passing": named}) == (
        "42/44，另 1 所（城东新区第二小学）按假设值计，待核实")
    # a failing assumed unit is not named (it is not counted as passing); none assumed: as before
    assert assumed_passing(units.assign(passes=[False, True, True, True]), "primary", frozenset({"N"})) == []
    assert assumed_passing(units, "primary", frozenset()) == []
    assert passing_text({"units": 18, "passing": 14}) == "14/18"
    assert passing_text({"units": 18, "passing": None}) == "—/18"


def test_the_recognition_is_held_while_the_basic_standard_fails():
    # rv 14: 认定 2014 → 2025 = 11 年 ≥ 3, but 3 schools below 省定标准 on 2025 data: 待核实,
    # with the reason and where it is rectified; met basic standard: the row stays as computed
    from types import SimpleNamespace as NS

    from junheng.evaluate.held import held_remark

    item = NS(indicator=NS(id="basic_balance_recognised", params={"years": 3.0}), value=11.0)
    # the engine's remark (the hold itself, and its absence when the years are short or the
    # standard is met: tests/evaluate/test_eval_held_recognition.py)
    assert held_remark(item, "3 所学校未达到省定办学基本标准", 2025) == (
        "认定 11 年，已满 3 年；基本均衡成果：按 2025 学年数据 3 所学校未达到省定办学基本标准（见“存在的问题”），"
        "整改后复核（见“整改措施”），复核达到前待核实")


def test_the_towns_without_a_boarding_school_are_named_where_the_rule_is_listed():
    # rv 15: 三 (4) and 表 7 name the towns and the reason, read from the plan's own sentence
    from junheng.planning.layout_outcome import LayoutOutcome
    from junheng.planning.layout_unmet import rule_lines, unmet_labels

    said = ("本方案不满足：石店镇、青口镇、黄城镇不设寄宿制小学，黄城镇不设寄宿制初中（原因：这些乡镇的该学段学校中，"
            "没有一所会有 50 名以上走读单程超过 30 分钟、需要寄宿的学生，也没有现有的该学段寄宿制学校；不为此新建无人住的床位）。")
    plan = LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet": said})
    assert rule_lines(plan) == [
        "“每个乡镇保留寄宿制小学和初中”未全部满足：石店镇、青口镇、黄城镇不设寄宿制小学，黄城镇不设寄宿制初中（原因：这些乡镇的"
        "该学段学校中，没有一所会有 50 名以上走读单程超过 30 分钟、需要寄宿的学生，也没有现有的该学段寄宿制学校；不为此新建无人住的床位）"]
    assert unmet_labels(plan) == ["每个乡镇保留寄宿制小学和初中（石店镇、青口镇、黄城镇不设寄宿制小学，黄城镇不设寄宿制初中）"]
