"""The 自评报告's paragraph on the layout plan and the CLI's options table (brief left1 items 3
and 4), on a hand-made small county whose sums are below a million 元:

* 方案甲 opens 新区小学 (840,000 元 once); operating 500,000 → 470,000 元 a year; objective
  90,000 元;
* 方案乙 (its ``alternative``) expands 乙小学 instead (600,000 元 once); operating 500,000 →
  480,000 元; objective 100,000 元, so 方案甲 scores lower; neither misses a rule.
"""

from __future__ import annotations

import re
from dataclasses import replace

from junheng.cli.app import console
from junheng.cli.plan import print_options
from junheng.planning.layout_options import option_facts
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.report.layout_notes import layout_paragraph


def _plan(school: PlannedSchool, capital: float, operating: float, objective: float):
    return LayoutOutcome("optimal", (school,),
                         {"before": {"operating_yuan": 500_000.0},
                          "after": {"capital_cost_yuan": capital, "operating_yuan": operating}},
                         scenario="默认方案", year=2025, target_year=2030, objective=objective)


NEW = _plan(PlannedSchool("N", "新区小学", "new", phase=2, added_classrooms=6,
                          capital_yuan=840_000.0), 840_000.0, 470_000.0, 90_000.0)
ALT = _plan(PlannedSchool("B", "乙小学", "expand", phase=2, added_classrooms=6,
                          capital_yuan=600_000.0), 600_000.0, 480_000.0, 100_000.0)
PLAN = replace(NEW, alternative=option_facts(ALT))


def test_the_paragraph_names_both_options_and_writes_every_sum_in_wan():
    # 840,000 元 = 84.00 万元; 500,000 → 470,000 = 50.00 → 47.00, 3.00 less a year; 方案乙
    # 600,000 = 60.00 and 480,000 = 48.00 (the layout document's comparison figures):
    # 方案乙 84.00 − 60.00 = 24.00 万元 less once, 48.00 − 47.00 = 1.00 万元 more a year.
    # Review rv5 finding 3: the two options first, neither decided; 方案甲's figures after, as one of the two
    assert layout_paragraph(PLAN) == (
        "布局调整编制了是否新建学校的两个方案，待局务会比选，尚未决定采用哪一个（比较表见布局调整方案“是否新建学校：两个方案比较”）："
        "方案甲（新建学校；一次性建设投资（含接收学校补足生均面积）84.00 万元，每年运行支出 47.00 万元），方案乙（不新建学校；"
        "一次性建设投资（含接收学校补足生均面积）60.00 万元，每年运行支出 48.00 万元）；与方案甲相比，方案乙一次性建设投资少 "
        "24.00 万元，每年运行支出多 1.00 万元；在设定权重下方案甲综合评价值较低。两方案均满足方案规则，是否新建学校由局务会决定。"
        "以下为方案甲的内容（供比选，不是已决定的方案）："
        "布局调整方案甲（新建学校；目标学年 2030，2027 学年实施）：新建 1 所。"
        "财政支出：一次性建设投资 84.00 万元；每年运行支出由 50.00 万元变为 47.00 万元（每年减少 3.00 万元；"
        "不含校车或交通补助费用：未设单价）。先建后撤：学校在接收学校扩建完成后的下一期撤并；其余撤并按现有在校生由少到多分期实施，规模最小的先撤并。"
    )
    assert "即布局调整方案" not in layout_paragraph(PLAN)
    assert not re.search(r"\d 元", layout_paragraph(PLAN))


def test_a_plan_without_an_alternative_has_no_options_sentence():
    assert "方案乙" not in layout_paragraph(NEW) and "局务会" not in layout_paragraph(NEW)


def test_the_paragraph_names_the_plan_as_the_options_do_never_by_the_default_name():
    # planner review 2026-12-04: the 自评报告 called the plan “默认方案” (the software's name
    # for an unnamed scenario) where the same paragraph says 方案甲（新建学校）/方案乙（不新建学校）;
    # a plan stored under that name before reads the same; a plan with no 方案乙 is plain 布局调整方案;
    # a name the user gave is kept
    assert "：布局调整方案甲（新建学校；目标学年 2030，2027 学年实施）：" in layout_paragraph(PLAN)
    assert layout_paragraph(NEW).startswith("布局调整方案（目标学年 2030，2027 学年实施）：")
    assert "：布局调整方案“东区扩建”（目标学年 2030，2027 学年实施）：" in layout_paragraph(replace(PLAN, scenario="东区扩建"))
    assert layout_paragraph(replace(NEW, scenario="东区扩建")).startswith(
        "布局调整方案“东区扩建”（目标学年 2030，2027 学年实施）：")
    assert "默认方案" not in layout_paragraph(PLAN) + layout_paragraph(NEW)


def test_the_cli_prints_the_options_table_with_the_documents_figures(monkeypatch):
    monkeypatch.setattr(console, "width", 400)  # one line a row
    with console.capture() as captured:
        print_options(PLAN)
    lines = [re.sub(r"\s*│\s*", "|", line).strip("|") for line in captured.get().splitlines()]
    assert "是否新建学校：两个方案比较" in lines[0]
    # the layout document's table: each amount in the unit of the larger of the two (元 here)
    assert "一次性建设投资（财政支出，含接收学校补足生均面积）|840,000 元|600,000 元|方案乙少 240,000 元" in lines
    assert "每年运行支出（财政支出）|470,000 元|480,000 元|方案乙每年多 10,000 元" in lines
    assert lines[-1].strip() == (
        "在设定权重下方案甲综合评价值较低。两方案均满足方案规则，是否新建学校由局务会决定。"
        "方案乙与方案甲相比：一次性建设投资少 240,000 元，每年运行支出多 10,000 元。"
    )
    with console.capture() as captured:
        print_options(NEW)
    assert captured.get() == ""


def test_the_cli_says_the_rules_unmet_in_full_once(monkeypatch):
    # review rv 6: the CLI printed the full 未满足的规则 three more times (the options table's
    # two columns and its headline); now the status line says them, the table counts them
    from pathlib import Path

    from junheng.cli.plan import _print_plan

    unmet = {"boarding_per_town_unmet": "本方案不满足：甲镇不设寄宿制小学（原因：没有 50 名需要寄宿的学生）。"}
    plan = replace(PLAN, rules=unmet, seconds=1.0,
                   alternative=option_facts(replace(ALT, rules=unmet)))
    monkeypatch.setattr(console, "width", 400)
    with console.capture() as captured:
        _print_plan(plan, Path("out"))
    text = captured.get()
    assert text.count("“每个乡镇保留寄宿制小学和初中”未全部满足：甲镇不设寄宿制小学（原因：没有 50 名需要寄宿的学生）") == 1
    assert "  未满足的规则：“每个乡镇保留寄宿制小学和初中”未全部满足：甲镇不设寄宿制小学（原因：没有 50 名需要寄宿的学生）" in text
    assert "1 项：每个乡镇保留寄宿制小学和初中（甲镇不设寄宿制小学）|1 项：每个乡镇保留寄宿制小学和初中（甲镇不设寄宿制小学）" in re.sub(r"\s*│\s*", "|", text)
    assert "两方案未满足的规则相同（1 项：每个乡镇保留寄宿制小学和初中（甲镇不设寄宿制小学））" in text
