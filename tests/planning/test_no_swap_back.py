"""Brief hswap (review rv5 finding 8): township schools sent teachers to the county town by
县管校聘, then took town teachers by 交流轮岗 and sent as many back in exchange.

Rule 1 (compliance_model (24), checker (24) and (22)): a school that sent teachers of a stage
by 县管校聘 exchanges nobody for a teacher rotated in; the rotated teacher takes the place of
one it sent. Rule 2 (planning.staffing_keep): 县管校聘 never takes a 骨干 or 体育艺术 teacher from
a rural school below its own need. Every figure worked by hand in the test's docstring.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_keep import RuralTeachersTaken, check_kept
from junheng.planning.staffing_ledger import ledger_after_layout


@pytest.fixture
def _todays_pupils(monkeypatch):
    """Every year's pupils are today's (the forecast is not under test)."""
    from junheng.planning.compliance_county import current_students

    def today(history, target_year):
        now = current_students(history[-1])
        return pd.concat([now.assign(year=y) for y in range(2026, 2030)], ignore_index=True), "", {}

    monkeypatch.setattr("junheng.jobs.compliance.target_students", today)


@pytest.mark.usefixtures("_todays_pupils")
def test_a_township_school_that_sent_two_by_pool_takes_one_rotated_without_an_exchange(tmp_path):
    """Quality-2017, 小学 生师比 19. 城区 T小学 (code 111) and 乡村 R小学 (220), 380 pupils each,
    so each needs ⌈380 / 19⌉ = 20 teachers and ⌈1 × 3.8⌉ = 4 县级骨干.

    * T: ⌈4.7 × 3.8⌉ = 18 teachers, 8 骨干 (⌈2.0 × 3.8⌉): 2 short of its 20.
    * R: ⌈5.7 × 3.8⌉ = 22 teachers, 3 骨干 (⌈0.7 × 3.8⌉): 2 over, 1 骨干 short (3 of 4 = 75%,
      below the 85% a school may fall to).

    The ledger's 县管校聘 sends R's 2 over to T (R now at its 20 = 编制). The plan then rotates
    1 骨干 T → R (cheapest: 0.1 万 a year × 5). Before (24), R at its 编制 sent 1 back to T in
    exchange (R → T: 2 by 县管校聘 + 1 exchanged, T → R: 1). Now the rotated teacher takes the
    place of one R sent: R's net outflow is 2 − 1 = 1, no exchange; R has 22 − 2 + 1 = 21
    teachers (no more than the 22 before the 县管校聘), T 18 + 2 − 1 = 19, one short of its 20,
    which the words send to the next source: no surplus anywhere, so T hires 1 (brief hrot5: its
    人员经费 1 × 10 万元 × 5 years = 50 万元 is in the plan). Cost 1 × 0.1 × 5 + 50 = 50.5 万元."""
    from compliance_builders import cost_file, county, primary_school, school_id
    from junheng.jobs.compliance import run_compliance
    from junheng.planning.compliance_check import PlanCheckError, check_plan
    from junheng.planning.compliance_county import apply_actions
    from junheng.planning.compliance_json import compliance_dict
    from junheng.planning.compliance_rotation import exchange_words

    T, R = school_id("T"), school_id("R")
    data = county(primary_school("T", 380, code="111", higher=4.7, backbone=2.0),
                  primary_school("R", 380, higher=5.7, backbone=0.7))
    plan = run_compliance([data], target_year=2026, time_limit=30, plan_date=date(2026, 6, 1),
                          costs=cost_file(tmp_path, items__rotation__unit_cost=0.1))
    assert plan.redeployed[["from_school_id", "to_school_id", "kind", "teachers"]
                           ].values.tolist() == [[R, T, "pool", 2]]
    a = plan.actions
    seen = a[["school_id", "item", "quantity", "to_school_id", "exchanged", "pool_places"]]
    assert seen.astype(object).where(seen.notna(), None).values.tolist() == [
        [T, "rotation", 1.0, R, 0, 1],
        [T, "rotation_cover", 1.0, None, 0, 0]]
    assert check_plan(plan.problem, a) == pytest.approx(50.5)
    after = apply_actions(plan.problem.before, a).teachers
    assert after[after["full_time"]].groupby("school_id").size().to_dict() == {R: 21, T: 19}
    assert exchange_words(compliance_dict(plan)["actions"]) == (
        "交流轮岗调入R小学 1 名：该校已按县管校聘调出同学段教师，交流轮岗教师占用其调出教师的岗位（净调出相应减少），"
        "不交换、不派回本校教师，交流后专任教师不多于县管校聘调出前。调出交流教师的T小学交流期间在岗教师相应少 1 名，"
        "仍须达到编制所需，按同学段按编制富余教师调剂、再招聘的顺序补足（交流教师的编制仍在原校，“教师配置汇总”不变）。")
    with pytest.raises(PlanCheckError, match=r"^\(24\) R小学（小学）已按县管校聘调出教师，又接收交流轮岗并交换派回"
                                             r"本校教师 1 人：同一学段不得既调出教师又交换派回，交流轮岗应调入有编制"
                                             r"空额的学校，或改由培养、招聘补足。$"):
        check_plan(plan.problem, a.assign(exchanged=1))
    # 2 rotated in (T's most: ⌈20% × 8⌉ = 2, (16)): R has 20 + 2 = 22, within its 编制 20 plus
    # the 2 places, so no exchange; without the places (22) refused it (22 > max(20, 20))
    # T then hires 2 in their posts (26): 2 × 10 万元 × 5 years = 100, 101.0 in all
    cover = a[a["item"] == "rotation_cover"]
    a = a[a["item"] == "rotation"]
    two = a.assign(quantity=2.0, built=2.0, cost=1.0, annual_cost=0.2, pool_places=2,
                   funding=[{y: v * 2 for y, v in f.items()} for f in a["funding"]])
    with pytest.raises(PlanCheckError, match=r"^\(26\) T小学（小学）交流轮岗期间须招聘顶岗教师 2 名（调出教师减去交换派回、"
                                             r"本校和同学段按编制富余教师调剂后的人数），方案写 0 名。$"):
        check_plan(plan.problem, two)
    hired = cover.assign(quantity=2.0, built=2.0, cost=100.0, annual_cost=20.0,
                         funding=[{y: v * 2 for y, v in f.items()} for f in cover["funding"]])
    assert check_plan(plan.problem, pd.concat([two, hired])) == pytest.approx(101.0)


def _teacher(tid: str, school: str, subject: str, backbone: str = "none") -> dict:
    return {"teacher_id": tid, "school_id": school, "stage": "primary", "subject": subject,
            "full_time": True, "degree": "bachelor", "backbone": backbone}


def _keep_county() -> CountyData:
    """甲小学 A (城区 111): 8 teachers, 2 骨干, 2 体育, 4 语文. 乙小学 B (镇区 121): 12 teachers,
    B01–B02 骨干 (语文), B03–B11 体育, B12 语文. 190 pupils each."""
    teachers = ([_teacher(f"A0{k}", "A", s, b) for k, (s, b) in enumerate(
                    [("chinese", "county")] * 2 + [("pe", "none")] * 2 + [("chinese", "none")] * 4)]
                + [_teacher("B01", "B", "chinese", "county"), _teacher("B02", "B", "chinese", "county")]
                + [_teacher(f"B{k:02d}", "B", "pe") for k in range(3, 12)]
                + [_teacher("B12", "B", "chinese")])
    schools = [{"school_id": s, "name": n, "school_type": "primary_school", "town_code": "410306001",
                "ownership": "public", "urban_rural_code": c}
               for s, n, c in (("A", "甲小学", "111"), ("B", "乙小学", "121"))]
    return CountyData.from_records({"county_code": "410306", "school_year": 2025},
                                   schools=schools, teachers=teachers)


def test_a_rural_school_keeps_the_backbone_teachers_its_own_pupils_need():
    """190 pupils need ⌈190 / 19⌉ = 10 teachers, ⌈1 × 1.9⌉ = 2 骨干 and ⌈0.9 × 1.9⌉ = 2 体育艺术.
    A has 8 (2 short), B 12 (2 over): 县管校聘 B → A 2. A lacks neither 骨干 nor 体育艺术, so no
    quota sends one; B has 1 teacher who is neither (B12). The second teacher was B01, a 骨干,
    leaving B 1 骨干 of its 2 (the 骨干 went before 体育艺术). B is 镇区, so it may give only
    B12 and, of its 9 体育, the 7 beyond its 2: B12 and B03 go, both 骨干 stay."""
    data = _keep_county()
    plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "keep"),
                                     PlannedSchool("B", "乙小学", "keep")), {})
    now = pd.DataFrame({"school_id": ["A", "B"], "grade": "g1", "students": [190, 190]})
    ledger = ledger_after_layout(data, plan, SimpleNamespace(now=now, moves=None, county=data),
                                 None)
    assert ledger.teacher_moves[["teacher_id", "to_school_id", "kind"]].values.tolist() == [
        ["B03", "A", "pool"], ["B12", "A", "pool"]]
    assert ledger.to_dict()["rural_out"] == {"teachers": 2, "backbone": 0, "pe_art": 1,
                                             "to_town": {"primary": {"from": {"B": 2},
                                                                     "to": {"A": 2}}}}
    # brief hrot3: the reason, with the figures: A (城区) 10 needed, 8 before, 2 short; B (镇区)
    # 12 of its 10, 2 over, keeps its 10
    from junheng.report.staffing_rows import staffing_sentence

    assert ("；小学从 1 所乡镇学校调往城区学校 2 人，因接收的 1 所学校按编制共缺 2 人，调出学校按编制共富余 2 人，"
            "调出后均不少于本校按编制所需）") in staffing_sentence(
        ledger.to_dict())


def test_the_checker_refuses_a_backbone_taken_below_a_rural_schools_need():
    """The move the old rule made: B01 (骨干) and B12 out of B leave B 1 骨干 of its 2."""
    data = _keep_county()
    before = data.teachers.set_index(data.teachers["teacher_id"].astype(str))
    moved = pd.DataFrame({"teacher_id": ["B01", "B12"], "kind": "pool"})
    pupils = pd.DataFrame({"school_id": ["A", "B"], "stage": "primary", "pupils": [190, 190]})
    areas = {"A": "urban", "B": "town"}
    with pytest.raises(RuralTeachersTaken, match=r"^县管校聘从乡镇学校乙小学（小学）调出县级以上骨干教师 1 名，调出后该校只有 "
                                                 r"1 名，少于本校按优质均衡标准所需的 2 名：乡镇学校的骨干教师和体育艺术教师"
                                                 r"不低于本校所需才可调出。$"):
        check_kept(before, moved, pupils, areas, {"B": "乙小学"})
    # the same moves out of a 城区 school are not this rule's
    check_kept(before, moved, pupils, {"A": "urban", "B": "urban"}, {"B": "乙小学"})


def test_a_rural_central_school_gives_only_its_own_spare_pe_art_teachers():
    """Brief hkeep (the demo's 枣寨镇中心小学 sent 6 of its 10 体育艺术 teachers, its need 6).
    生师比 小学 19; 0.9 体育艺术 per 100 pupils.
    - 甲小学 A (城区 111): 570 pupils need ⌈570 / 19⌉ = 30 teachers (has 30 语文) and
      ⌈0.9 × 5.7⌉ = ⌈5.13⌉ = 6 体育艺术 (has 0): short 6.
    - 乙小学 B (乡村 220): 570 pupils, 36 teachers (6 over its 30): B01–B05 体育, B06–B10
      美术, B11–B36 语文. Its own need is 6 体育艺术: 4 to spare.
    - 丙教学点 C (乡村 220, B's 教学点): 20 pupils need ⌈20 / 19⌉ = 2 teachers, has 2 体育: none
      over. The unit B + C (590 pupils) needs ⌈0.9 × 5.9⌉ = 6 and has 12: 6 to spare.
    Before, B gave min(6 over, 6 of its unit, 10) = 6 and kept 4 of its 6; now it gives its
    4 beyond its own 6 (B01–B04, by code), and C its 1 beyond its own ⌈0.9 × 0.2⌉ = 1 (C01):
    C is not over its 生师比 need, so A sends its first 语文 teacher A01 back (县管校聘对调,
    rv14 N2); A's last one short is left to the 达标路径's 招聘, none of the unit's 体育艺术
    teachers being free to go."""
    teachers = ([_teacher(f"A{k:02d}", "A", "chinese") for k in range(1, 31)]
                + [_teacher(f"B{k:02d}", "B", "pe" if k <= 5 else "art" if k <= 10 else "chinese")
                   for k in range(1, 37)]
                + [_teacher("C01", "C", "pe"), _teacher("C02", "C", "pe")])
    schools = [{"school_id": s, "name": n, "school_type": k, "town_code": "410306001",
                "ownership": "public", "urban_rural_code": c, "central_school": p}
               for s, n, k, c, p in (("A", "甲小学", "primary_school", "111", None),
                                     ("B", "乙小学", "primary_school", "220", None),
                                     ("C", "丙教学点", "teaching_point", "220", "B"))]
    data = CountyData.from_records({"county_code": "410306", "school_year": 2025},
                                   schools=schools, teachers=teachers)
    plan = LayoutOutcome("optimal", tuple(PlannedSchool(s, n, "keep") for s, n in (
        ("A", "甲小学"), ("B", "乙小学"), ("C", "丙教学点"))), {})
    now = pd.DataFrame({"school_id": ["A", "B", "C"], "grade": "g1", "students": [570, 570, 20]})
    ledger = ledger_after_layout(data, plan, SimpleNamespace(now=now, moves=None, county=data),
                                 None)
    assert ledger.moves[["from_school_id", "to_school_id", "kind", "teachers"]].values.tolist() \
        == [["B", "A", "subject", 4], ["C", "A", "subject", 1], ["A", "C", "pool", 1]]
    assert ledger.teacher_moves[["teacher_id", "to_school_id", "kind"]].values.tolist() == [
        ["B01", "A", "pool"], ["B02", "A", "pool"], ["B03", "A", "pool"], ["B04", "A", "pool"],
        ["C01", "A", "pool"], ["A01", "C", "pool"]]
    assert ledger.subject_pool == {"spare": {"primary": 0}, "swapped": 1}
    assert ledger.to_dict()["rural_out"] == {"teachers": 5, "backbone": 0, "pe_art": 5,
                                             "to_town": {"primary": {"from": {"B": 4, "C": 1},
                                                                     "to": {"A": 5}}}}
    rows = ledger.schools.set_index("school_id")
    # A 30 + 4 = 34 (4 over its 30), B 36 − 4 = 32 (2 over), C 2 (none)
    assert rows["surplus"].to_dict() == {"A": 4, "B": 2, "C": 0}
