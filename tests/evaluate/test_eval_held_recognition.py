"""Brief hrec: the engine itself holds the 基本均衡 recognition 待核实 while the county's figures
fail 省定办学基本标准, so every consumer (ledger, city ranking, CLI, JSON, reports, web) reads one
verdict. Before, only two output helpers held it: the ledger and the city ranking counted a county
達标 whose schools fail the province's standard.

The county is ``passing_2017`` (tests/evaluate/test_eval_verdicts.py): one primary school of 400
pupils meeting every 2017 item, basic balance recognised 2016 (2025 − 2016 = 9 years ≥ 3), its
教学及辅助用房 1,800 m²: 1,800 / 400 = 4.5 m² a pupil. A province overlay setting 基本均衡's
生均教学及辅助用房面积 for 小学 at 5 fails it (4.5 < 5); at 4 it meets it (4.5 ≥ 4).
"""

from __future__ import annotations

from dataclasses import replace

from test_eval_verdicts import passing_2017

from junheng.evaluate import Status, evaluate
from junheng.evaluate.held import hold_recognition
from junheng.evaluate.items import status_label
from junheng.ledger import compute_measure, rank_city
from junheng.ledger.city import default_ranking_plan
from junheng.ledger.run import CountyYearRef, run_ledger
from junheng.standards import Overlay

RECOGNITION = "basic_balance_recognised"
NAME = "通过国家义务教育发展基本均衡县认定 3 年以上"


def area_overlay(primary: float) -> Overlay:
    return Overlay("某省", "", {"basic-2012": {"teaching_area_per_student": {"primary": primary}}})


def failing():
    """passing_2017 under the 5 m² overlay: 4.5 < 5, the one school below 省定标准."""
    return replace(passing_2017(), overlay=area_overlay(5))


REMARK = (
    "认定 9 年，已满 3 年；基本均衡成果：按 2025 学年数据 1 所学校未达到省定办学基本标准（见“存在的问题”），"
    "整改后复核（见“整改措施”），复核达到前待核实"
)


def recognition(ev):
    return next(i for i in ev.conditions if i.indicator.id == RECOGNITION)


def test_the_engine_holds_the_recognition_while_the_basic_standard_fails():
    ev = evaluate(failing())
    item = recognition(ev)
    assert (item.status, item.disputed, item.value, item.note) == (
        Status.ATTESTATION,
        True,
        9.0,
        REMARK,
    )
    # 达标 before the hold; now 待核实 with this one item pending, nothing failing
    assert (ev.verdict.status, ev.verdict.failures, [f.id for f in ev.verdict.pending]) == (
        "pending",
        (),
        [RECOGNITION],
    )
    assert NAME not in ev.verdict.attested
    assert ev.basic_standard.status is Status.NOT_MET
    assert (
        ev.basic_standard.gap
        == "1 所学校未达到省定办学基本标准：A校（小学）：生均教学及辅助用房面积 4.5 平方米（省定标准 5 平方米）"
    )
    assert hold_recognition(ev, ev.basic_standard) is ev  # once held, held once


def test_the_recognition_stands_when_the_basic_standard_is_met_or_the_years_are_short():
    met = evaluate(replace(passing_2017(), overlay=area_overlay(4)))  # 4.5 ≥ 4
    assert (recognition(met).status, met.verdict.status) == (Status.MET, "pass")
    assert met.basic_standard.status is not Status.NOT_MET
    # recognised 2024: 2025 − 2024 = 1 year < 3, 未达标 on its own; nothing to hold
    young = failing()
    rows = young.county_attestations
    rows = rows.assign(year=rows["year"].where(rows["item"] != RECOGNITION, 2024))
    ev = evaluate(replace(young, tables={**young.tables, "county_attestations": rows}))
    assert (recognition(ev).status, recognition(ev).disputed) == (Status.NOT_MET, False)
    assert [f.id for f in ev.verdict.failures] == [RECOGNITION] and ev.verdict.pending == ()


def test_an_overlay_given_to_evaluate_holds_a_county_without_a_stored_one():
    # `junheng evaluate --overlay FILE` on a county without a stored overlay: the precondition is
    # checked under the overlay given, not the (absent) stored one
    data = replace(passing_2017(), overlay=None)
    ev = evaluate(data, overlay=area_overlay(5))
    assert (recognition(ev).status, ev.verdict.status) == (Status.ATTESTATION, "pending")
    assert recognition(ev).note == REMARK


def test_no_province_standard_holds_the_recognition_with_the_reason():
    # review rvweb 3: with no overlay the 基本均衡 precondition is 待佐证 (no 省定标准 known), yet
    # the web said 「11.00 年 达标」. Now held 待核实 saying why, the verdict pending on it alone
    ev = evaluate(replace(passing_2017(), overlay=None))
    item = recognition(ev)
    assert (ev.basic_standard.status, ev.basic_standard.note) == (Status.ATTESTATION, "未提供省定办学基本标准的标准值")
    assert (item.status, item.disputed, item.doubt, item.value) == (Status.ATTESTATION, True, "基本均衡成果须复核", 9.0)
    assert item.note == ("认定 9 年，已满 3 年；基本均衡成果：按 2025 学年数据，基本均衡的前提条件"
                         "“县域内义务教育学校均达到省定办学基本标准”待佐证（未提供省定办学基本标准的标准值），"
                         "尚不能确认，佐证后复核，复核达到前待核实")
    assert item.closes == ("提供本省义务教育学校办学基本标准的省级覆盖文件（在基本均衡标准下填写各项指标分学段的标准值），"
                           "或使用已附的河南省覆盖文件，按本学年数据复核各校达到省定办学基本标准后确认基本均衡成果")
    assert (ev.verdict.status, [f.id for f in ev.verdict.pending]) == ("pending", [RECOGNITION])
    assert status_label(item) == "待核实（基本均衡成果须复核）"
    # 达标 only when this year's precondition is 达标: the 4 m² overlay (4.5 ≥ 4) and the county's word
    kept = evaluate(passing_2017())
    assert (kept.basic_standard.status, recognition(kept).status, kept.verdict.status) == (
        Status.MET, Status.MET, "pass")


def test_the_ledger_counts_the_held_recognition_as_pending_not_met():
    data = failing()
    # the shipped plan's 义务教育优质均衡评估结论 target: 达成 before; now no value, the open item named
    reading = compute_measure("quality_balanced", data)
    assert (reading.value("bool"), reading.note) == (None, "评估结论待核实：1 项待佐证或缺数据")
    assert reading.items == (
        (
            f"前提条件：{NAME}，待核实（基本均衡成果须复核），现值 9 年，标准 ≥3 年，{REMARK}"
            "（补齐方式：按“整改措施”使未达到省定办学基本标准的学校达标，复核后确认基本均衡成果）"
        ),
    )
    # the item's own value (9 years ≥ 3) is not counted while it is held
    item = compute_measure("quality_item", data, {"item": RECOGNITION})
    assert (item.value("number"), item.note) == (None, f"优质均衡评估项目“{NAME}”待核实：{REMARK}")
    assert (
        compute_measure(
            "quality_item", replace(data, overlay=area_overlay(4)), {"item": RECOGNITION}
        ).value("number")
        == 9.0
    )
    plan = default_ranking_plan()
    [target] = [
        t
        for t in run_ledger(plan, lambda c, y: data, [("410306", 2025)]).targets
        if t.target.id == "quality_balanced"
    ]
    assert target.assessment.met == {2025: None}


def test_the_city_ranking_shows_the_county_pending():
    data = failing()
    ranking = rank_city(
        lambda c, y: data, [CountyYearRef("410306", 2025, "测试县", "洛阳市")], city="洛阳市"
    )
    [row] = ranking.standings
    # before: 达标, 8 of the shipped plan's 8 measured targets met; now 待核实 and the verdict
    # target (待核实, no value) no longer among the measured: 7 of 7
    assert (row.quality_status, row.quality_label, row.quality_failures) == ("pending", "待核实", 0)
    assert (row.targets_met, row.targets_measured) == (7, 7)
