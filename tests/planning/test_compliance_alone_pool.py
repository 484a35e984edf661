"""The 达标路径 alone builds the county's staffing ledger and does its 县管校聘调剂 before hiring,
as after a layout plan (review vf: the alone run hired 体育艺术 teachers beside a surplus).

The county (quality-2017: 体育艺术 0.9 per 100 pupils, 高于规定学历 4.2; 生师比 小学 19), every
figure by hand: A小学 and B小学, 380 pupils each, so each needs ⌈380 / 19⌉ = 20 teachers and
⌈0.9 × 3.8⌉ = 4 体育艺术 teachers.

* A: 21 teachers (⌈5.3 × 3.8⌉), 4 县级骨干, 2 体育 (⌈0.5 × 3.8⌉), 15 语文: 1 over its 20, 2 short
  of 体育艺术;
* B: 31 teachers (⌈8.0 × 3.8⌉), 4 县级骨干, 12 体育 (⌈3.0 × 3.8⌉), 15 语文: 11 over, 8 体育 over.

So B gives A 2 体育 teachers (县管校聘学科调剂) and nobody is hired, alone and after a layout
plan that keeps both schools; without the 调剂 the plan hired 2 体育艺术 teachers at A.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from junheng.jobs.compliance import run_compliance
from junheng.planning.compliance_json import compliance_dict
from junheng.planning.compliance_layout import after_layout
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_ledger import ledger_after_layout
from junheng.planning.teacher_moves_words import posts_not_rotation

#: the sentence after every list of moves (brief hwords6 3)
POSTS = posts_not_rotation()


@pytest.fixture(autouse=True)
def _todays_pupils(monkeypatch):
    """Every year's pupils are today's (the forecast is not under test: it grows A and B to
    420 pupils in 2026)."""
    from junheng.planning.compliance_county import current_students

    def today(history, target_year):
        now = current_students(history[-1])
        return pd.concat([now.assign(year=y) for y in range(2026, 2030)], ignore_index=True), "", {}

    monkeypatch.setattr("junheng.jobs.compliance.target_students", today)


def _county():
    from compliance_builders import county, primary_school

    return county(primary_school("A", 380, higher=5.3, pe_art=0.5),
                  primary_school("B", 380, higher=8.0, pe_art=3.0))


def _hires(plan) -> float:
    a = plan.actions
    return float(a.loc[a["item"].astype(str).str.startswith("hire_"), "quantity"].sum())


def _run(tmp_path, data, layout=None):
    from compliance_builders import cost_file

    return run_compliance([data], target_year=2026, layout=layout, time_limit=30,
                          costs=cost_file(tmp_path), plan_date=date(2026, 6, 1))


def _layout(data) -> LayoutOutcome:
    """A layout plan that keeps both schools as they are, with its staffing ledger."""
    from compliance_builders import school_id
    from junheng.planning.compliance_county import current_students

    keep = tuple(PlannedSchool(school_id(k), f"{k}小学", "keep", students_after={"primary": 380})
                 for k in "AB")
    plan = LayoutOutcome("optimal", keep, {}, county=data.county_code, year=2025,
                         target_year=2026, scenario="保持现状", rules={"plan_date": "2026-06-01"})
    students = current_students(data).assign(year=2026)
    ledger = ledger_after_layout(data, plan, after_layout(data, plan, students, 2026), 2026)
    ledger.check()
    return LayoutOutcome(**{**plan.__dict__, "staffing": ledger.to_dict()})


def test_the_county_is_as_the_docstring_says():
    from compliance_builders import school_id

    t = _county().teachers
    pe = t[t["subject"].eq("pe")].groupby("school_id").size()
    assert t.groupby("school_id").size().to_dict() == {school_id("A"): 21, school_id("B"): 31}
    assert pe.to_dict() == {school_id("A"): 2, school_id("B"): 12}


@pytest.mark.parametrize("with_layout", [False, True], ids=["alone", "after_layout"])
def test_a_pe_shortage_beside_a_surplus_is_pooled_not_hired(tmp_path, with_layout):
    from compliance_builders import school_id

    data = _county()  # one county: its teacher codes are drawn anew on each call
    plan = _run(tmp_path, data, _layout(data) if with_layout else None)
    assert _hires(plan) == 0
    moves = plan.redeployed
    assert moves[["from_school_id", "to_school_id", "stage", "teacher_type", "kind",
                  "teachers"]].values.tolist() == [
        [school_id("B"), school_id("A"), "primary", "pe_art", "pool", 2]]
    c = plan.staffing["county"]
    # need 20 + 20; today 21 + 31; after the move A 21 + 2 = 23 (3 over), B 29 (9 over)
    assert c == {"need": 40, "today": 52, "moved": 2, "new_posts": 0, "hire": 0, "surplus": 12}
    assert plan.staffing["moved_by_kind"] == {"closure": 0, "kept": 0, "pool": 0, "subject": 2}


def test_alone_the_words_name_the_pooling_not_a_layout(tmp_path):
    from openpyxl import load_workbook

    from junheng.jobs.compliance import write_compliance_outputs

    plan = _run(tmp_path, _county())
    files = write_compliance_outputs(plan, tmp_path / "out")
    book = load_workbook(files[1], read_only=True)
    assert "教师县管校聘调剂" in book.sheetnames and "教师随学生调配" not in book.sheetnames
    assert "教师配置汇总" in book.sheetnames
    doc = compliance_dict(plan)
    r = doc["redeployment"]
    assert (r["after_layout"], r["teachers"], r["pooled"], r["hired_after"]) == (False, 2, 2, 0)
    from junheng.planning.compliance_redeploy import redeployment_lines

    text, rows = redeployment_lines(doc)
    assert text == ("招聘之前，教师调配：县管校聘同学段调剂 2 人（1 所学校调出、1 所学校调入），"
                    "调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 0 人。" + POSTS)
    assert rows == [["B小学", "小学", 2, 0, "县管校聘调剂到A小学：体育艺术教师 2 人"],
                    ["A小学", "小学", 0, 2, "县管校聘调剂自B小学：体育艺术教师 2 人"]]
    kept = [a for a in plan.assumptions if a.startswith("现有教师")]
    assert kept == ["现有教师除县管校聘同学段调剂 2 人外保持不变（退休、调出按同岗位补充）；新招聘教师均为本科学历。"]
    assert any(a.startswith("县管校聘同学段调剂：按生师比富余的教师，在招聘之前调往同学段") and
               a.endswith("1 所学校调出 2 人到 1 所学校，调剂后仍缺的才招聘（见“教师县管校聘调剂”表）。")
               for a in plan.assumptions)
    ledger = next(a for a in plan.assumptions if a.startswith("教师（2026 学年）"))
    # B (乡村, code 220) gives its 2 体育 beyond its need ⌈0.9 × 3.8⌉ = 4 of 12: both left a rural
    # school, none below its need (brief hswap rules 2 and 3)
    # B keeps 8 − 2 = 6 体育 over its 4: no 体育艺术 teacher is hired beside them (rv14 N2)
    assert ("52 人（小学 52 人）比较（非教学岗位不另计）；县管校聘同学段调剂 2 人（其中补体育、音乐、美术教师 "
            "2 人，小学仍有 6 名体育艺术教师多于本校按优质均衡标准所需，建议按县管校聘先调剂，不招聘体育艺术教师；缺编学校先由同学段按编制富余的教师调剂，同一乡镇优先、再全县，仍缺的才招聘；小学富余教师未转任初中"
            "（工作簿未填教师资格证学段，须核实）；其中从乡镇学校调出 2 人，含县级以上骨干教师 0 名、体育艺术教师 2 名，"
            "乡镇学校的骨干教师和体育艺术教师不因调剂低于本校所需）；调配、调剂后按编制需招聘 0 人；小学富余 12 人留在原校"
            "（见“教师配置汇总”表）。") in ledger


def test_alone_without_a_surplus_nothing_moves_and_the_ledger_is_still_kept(tmp_path):
    from compliance_builders import cost_file, county, primary_school

    # B as A: no school over its 20 of 生师比, so nothing moves; each is 2 short of its 4
    # 体育艺术 teachers and hires 1: 3 per 380 pupils is 0.79 per 100, 88 % of 0.9, the one
    # indicator a school may have under the standard (not under 85 %)
    data = county(primary_school("A", 380, higher=5.3, pe_art=0.5),
                  primary_school("B", 380, higher=5.3, pe_art=0.5))
    plan = run_compliance([data], target_year=2026, time_limit=30, costs=cost_file(tmp_path),
                          plan_date=date(2026, 6, 1))
    assert plan.redeployed.empty
    assert plan.staffing["county"]["surplus"] == 2 and plan.staffing["moved_by_kind"]["subject"] == 0
    hires = plan.actions[plan.actions["item"].eq("hire_pe_art")]
    assert hires["quantity"].tolist() == [1.0, 1.0]
    assert compliance_dict(plan)["redeployment"] is None
    assert isinstance(plan.assumptions, tuple) and pd.notna(plan.objective)
