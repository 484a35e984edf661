"""Brief hrot2: ``junheng plan rotation`` applies the 达标路径's exchange rule — a receiver at
its 编制 sends one of its own back for each teacher rotated in beyond it, the 骨干 share counts
those sent back — and both paths name the same teachers for the same moves."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from teacher_builders import classes, county, school, teachers

from cli_run import invoke
from junheng.evaluate.units import UnitRules, build_units
from junheng.io.writer import write_workbook
from junheng.planning.compliance_county import apply_actions
from junheng.planning.compliance_data import actions_frame
from junheng.planning.compliance_rotation import exchanged
from junheng.teachers.rotation_exchange import exchange_moves, exchange_units

U, V = "4103060001", "4103060002"


def _t(teacher_id: str, school_id: str, **kw) -> list[dict]:
    return teachers(school_id, 1, stage="junior", teacher_id=teacher_id, **kw)


def at_quota(v_since: int = 2023):
    """城区 甲中学 U: 270 pupils (6 classes of 45), 10 teachers; U01-U05 there since 2015 (10
    years, eligible), U05 a 县级骨干; U06 a 骨干 since 2023 (2 years, not eligible), U07-U10
    since 2023. 乡村 乙中学 V: 135 pupils, 编制 ⌈135 / 13.5⌉ = 10, and 10 teachers: at its 编制;
    V01 teaches 体育, V02-V10 语文; V01-V09 there since ``v_since``, V10 since 2015 (eligible)."""
    urban = ([_t(f"U0{i}", U) for i in range(1, 5)] + [_t("U05", U, backbone="county")]
             + [_t("U06", U, backbone="county", school_start_year=2023)]
             + [_t(f"U{i:02d}", U, school_start_year=2023) for i in range(7, 11)])
    rural = ([_t("V01", V, subject="pe", school_start_year=v_since)]
             + [_t(f"V{i:02d}", V, school_start_year=v_since) for i in range(2, 10)]
             + [_t("V10", V)])
    return county(
        schools=[school(U, "junior_school", name="甲中学"),
                 school(V, "junior_school", code="220", name="乙中学")],
        classes=[classes(U, g, [45, 45]) for g in ("g7", "g8", "g9")]
        + [classes(V, g, [45]) for g in ("g7", "g8", "g9")],
        teachers=urban + rural,
        facilities=[{"school_id": s, "teaching_area": 2000.0, "sports_area": 4000.0,
                     "equipment_value": 1e6, "books": 10000, "computers": 50,
                     "multimedia_rooms": 6, "classrooms": 6} for s in (U, V)])


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("at-quota")
    book = write_workbook(at_quota(), folder / "县.xlsx")
    out = invoke("plan", "rotation", "--file", book, "--out", folder / "out",
                 "--apply", folder / "after.xlsx")
    return out, folder


def test_the_command_exchanges_at_a_receiver_at_its_quota(run):
    out, folder = run
    # 6 eligible (U01-U05, V10): at least ⌈10% × 6⌉ = 1, at most ⌊20% × 6⌋ = 1. Only 城区 →
    # 乡村: U → V. V is at its 编制 (10 of 10): the one rotated in is an exchange, V sends one
    # back, so 2 are rotated and 骨干 ≥ 20% × 2 = 0.4: the one sent is the only eligible 骨干,
    # U05. Brief hrot3: V sends back only a teacher the 交流轮岗 rules let rotate: V10, 10 years
    # there (before: V02, the lowest number, who came in 2023).
    assert out.exit_code == 0
    for line in ("应交流不少于 1 名，安排 1 名，其中骨干教师 1 名；调入学校已达编制的交换派回 1 名，"
                 "交流轮岗教师合计 2 名，其中骨干教师 1 名，占 50.0%",
                 "调入的 1 所学校均已达编制（按编制标准核定的教职工），交流轮岗按交换安排：乙中学 1 名，"
                 "各校同时派出同样人数的本校教师到调出学校（不计交流补助）；交流后各调入学校的专任教师"
                 "不超过编制（交流前已超编的不多于交流前）。",
                 "本方案是 2025 学年的年度交流轮岗名单（按现有学校和教师，交流不少于可安排交流教师的 10%）；"
                 "不含布局调整后的学校变化和县管校聘调配，也不含达标路径（整改措施）为补足骨干教师、"
                 "体育艺术教师指标在目标学年安排的交流轮岗，两者人数不同；调入学校已达编制的，两者都按"
                 "交换安排。"):
        assert line in out
    doc = json.loads((folder / "out" / "plan.json").read_text(encoding="utf-8"))
    assert [(m["teacher_id"], m["from_school_id"], m["to_school_id"]) for m in doc["moves"]] == [
        ("U05", U, V)]
    assert [(m["teacher_id"], m["from_school_id"], m["to_school_id"], m["for_school_id"])
            for m in doc["exchanges"]] == [("V10", V, U, V)]
    assert (doc["exchanged"], doc["backbone_exchanged"], doc["violations"]) == (1, 0, {})
    # the figures after count the exchange: 高于规定学历 (all 20 本科) per 100 pupils stays
    # U 10 / 270, V 10 / 135: mean 20 / 405; deviations −1.235, 2.469 per 100, weighted variance
    # (270 × 1.524 + 135 × 6.097) / 405 = 3.048, CV 1.746 / 4.938 = 0.3536 (without the teacher
    # sent back: U 9, V 11, CV 0.4597)
    higher = next(i for i in doc["indicators"] if i["key"] == "higher_degree")
    assert (higher["cv_before"], higher["cv_after"]) == (0.3536, 0.3536)
    sheet = pd.read_excel(folder / "out" / "交流轮岗名单.xlsx", sheet_name="交流名单",
                          engine="openpyxl")
    assert sheet[["交流方式", "教师编号"]].values.tolist() == [
        ["调出交流", "U05"], ["调入学校已达编制，交换派回", "V10"]]


def test_the_compliance_path_names_the_same_teachers_for_the_same_moves():
    """The 达标路径's rows for the command's move (U → V, one 骨干, junior) with its own
    ``exchanged``: its county after the plan has every teacher where the command's applied
    county has them (U05 at V, V02 at U, the rest unmoved). All of V's teachers are eligible
    here (since 2015): the 达标路径 does not yet ask the exchange to be eligible (brief hrot3)."""
    from junheng.teachers.rotation_data import RotationConfig
    from junheng.teachers.rotation_plan import apply_rotation, plan_rotation

    data = at_quota(v_since=2015)
    # 15 eligible: at least ⌈5% × 15⌉ = 1, at most ⌊10% × 15⌋ = 1
    plan = plan_rotation(data, RotationConfig(share=0.05, max_share=0.1))
    units = build_units(data, UnitRules()).frame
    rows = exchanged(units, [{"item": "rotation", "school_id": U, "to_school_id": V,
                              "stage": "junior", "teacher_type": "backbone", "quantity": 1}])
    assert [r["exchanged"] for r in rows] == [1]   # V: 10 + 1 − max(10, 10) = 1
    actions = actions_frame(rows).assign(exchanged=[r["exchanged"] for r in rows])
    theirs = apply_actions(data, actions).teachers.set_index("teacher_id")
    ours = apply_rotation(data, plan).teachers.set_index("teacher_id")
    assert ours["school_id"].to_dict() == theirs["school_id"].to_dict()
    assert {t: ours.at[t, "school_id"] for t in ("U05", "V02")} == {"U05": V, "V02": U}


def test_an_ineligible_teacher_is_not_sent_back_and_the_checker_says_so():
    """Brief hrot3: V (at its 编制) has no teacher the 交流轮岗 rules let rotate when V10 too
    came in 2023: U → V cannot be an exchange, and the quota (1 of U01-U05) has nowhere to go.
    The checker rejects sending back V02 (2 years at V) for the plan's move."""
    from junheng.errors import InfeasibleError
    from junheng.teachers.rotation import Move
    from junheng.teachers.rotation_check import check_exchanges
    from junheng.teachers.rotation_data import RotationConfig, rotation_data
    from junheng.teachers.rotation_plan import plan_rotation
    from junheng.teachers.rules import load_rules
    from junheng.teachers.staffing import staffing_report

    data = at_quota()
    data = data.with_tables(teachers=data.teachers.assign(school_start_year=data.teachers[
        "school_start_year"].where(data.teachers["teacher_id"] != "V10", 2023)))
    with pytest.raises(InfeasibleError, match="^符合条件的教师 5 名，至少交流 1 名；可调入的学校已达编制的须"
                       "交换（派回本校符合交流条件的教师），按编制空额 0 名和可派回的教师 0 名，最多只能"
                       "调入 0 名。$"):
        plan_rotation(data)
    rules = load_rules()
    d = rotation_data(at_quota(), staffing_report(at_quota(), rules), rules.group_of,
                      RotationConfig())
    cls = next(c for c, m in enumerate(d.class_members) if "U05" in m)
    move = [Move("U05", d.school_ids.index(U), d.school_ids.index(V), cls)]
    assert check_exchanges(d, move, [{"teacher_id": "V10", "from_school_id": V,
                                      "for_school_id": V}]) == []
    assert check_exchanges(d, move, [{"teacher_id": "V02", "from_school_id": V,
                                      "for_school_id": V}]) == [
        "交换派回的教师 V02 不符合交流条件（任教年限、年龄、本学年已交流或交流未结束）"]
    assert check_exchanges(d, move, []) == [
        "乙中学已达编制应交换派回 1 名，实际派回 0 名（符合交流条件的教师不足）"]


def _compliance_exchange(tmp_path, **late):
    """The county of the 达标路径's exchange test (brief hteach 3): D (1000 pupils, 骨干 0.5 per
    100) with 11 more 高中及以下 teachers (``late``: their attributes), A (城区, 骨干 2 per
    100); its plan, the teachers rotated into D and sent back to A, and the command's rule on
    the same moves."""
    from compliance_builders import _teachers, cost_file, primary_school, school_id
    from compliance_builders import county as compliance_county
    from junheng.planning.compliance import plan_compliance
    from junheng.planning.compliance_costs import load_costs
    from junheng.planning.compliance_county import current_students

    d = primary_school("D", 1000, backbone=0.5)
    a, dd = school_id("A"), school_id("D")
    d["teachers"] += _teachers(dd, 11, degree="secondary_or_below", **late)
    data = compliance_county(primary_school("A", 500, code="111", backbone=2.0), d)
    costs = load_costs(cost_file(tmp_path, items__rotation__unit_cost=0.1))
    plan = plan_compliance(data, current_students(data), 2026, costs=costs, time_limit=30,
                           plan_date=date(2026, 6, 1))
    after = apply_actions(plan.problem.before, plan.actions).teachers
    went = after[(after["school_id"] == dd) & after["rotated_in"]]
    back = after[(after["school_id"] == a) & after["rotated_in"]]
    before = plan.problem.before
    ours = exchange_moves(before, exchange_units(before),
                          [(t, a, dd, "primary") for t in went["teacher_id"]])
    return data, went, back, [(m["teacher_id"], m["to_school_id"]) for m in ours], a


def test_the_command_sends_back_whom_a_compliance_plan_sends_back(tmp_path):
    """Its plan rotates 2 骨干 from A into D, at its 编制, and D sends 2 高中及以下 teachers
    back. The command's exchange rule (exchange_moves) on the same county and moves sends back
    the same 2 teachers."""
    _, went, back, ours, a = _compliance_exchange(tmp_path)
    assert (len(went), len(back)) == (2, 2)
    assert ours == [(t, a) for t in back["teacher_id"]]


def test_one_backbone_floor_for_both_paths():
    """The command's default 骨干 share is the standard's floor the 达标路径's (23) keeps."""
    from junheng.planning.compliance_rotation import backbone_floor
    from junheng.standards import load_standard
    from junheng.teachers.rotation_data import RotationConfig

    assert RotationConfig().backbone_share == backbone_floor(load_standard("quality-2017")) == 0.2


def test_the_compliance_path_sends_back_only_eligible_teachers(tmp_path):
    """Brief hrot3, the 达标路径's county above with D's 11 高中及以下 teachers come in 2025 (1
    year at D in 2026): its plan still exchanges at D, but D sends back none of them — they
    were first in exchange_pool's order — only teachers there since 2015; the command's rule
    sends back the same."""
    data, went, back, ours, a = _compliance_exchange(tmp_path, school_start_year=2025)
    assert len(back) == len(went) > 0
    start = data.teachers.set_index("teacher_id")["school_start_year"]
    assert sorted(start[back["teacher_id"]].unique()) == [2015]
    assert ours == [(t, a) for t in back["teacher_id"]]
