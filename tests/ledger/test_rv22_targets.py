"""Review rv22 findings 2, 3 and 5: the 规划台账 measures what the plans' words say.

* 集团化办学覆盖率 counts the members of every 集团化 form in the 学校组织 table (教育集团,
  学校联盟, 教育共同体; a 学区 is no such form), as 中牟's own row 13 counts its 联盟;
* 孟津's 「高中全部集中在主城区」 counts 111 主城区 only (112 城乡结合区 is another NBS class);
* 「深化校长职级制改革」 measures 中小学 principals, and no share is called 倒退 when its fall comes
  only from the set growing (a 民办 kindergarten new to 公办, its principal not yet ranked).
"""

from __future__ import annotations

import pytest
from ledger_builders import county, school

from junheng.ledger import compute_measure, plan_from_dict, run_ledger
from junheng.ledger.plan import load_plan

MEMBERS = [("城关教育集团", "education_group", "A"), ("城关教育集团", "education_group", "B"),
           ("二小城乡学校联盟", "alliance", "C"), ("三中城乡教育共同体", "community", "D"),
           ("河口学区", "school_district", "E"), ("机关幼儿园学前教育联盟", "alliance", "K")]
GROUPED = county(
    schools=[school("A", school_group="城关教育集团"), school("B", "junior_school"),
             school("C"), school("D", "nine_year"), school("E"), school("F"),
             school("P", "teaching_point", central_school="A"), school("K", "kindergarten")],
    school_groups=[{"group_name": n, "group_type": t, "school_id": s,
                    "role": "牵头校" if s in "ACDEK" else "成员校"} for n, t, s in MEMBERS])


def test_group_coverage_counts_every_group_form_of_the_school_groups_table():
    # compulsory schools A–F (P a teaching point, K a kindergarten): 6; members of a 教育集团,
    # 联盟 or 共同体: A, B, C, D → 4/6 (E only in a 学区; the 学校表 column names A alone)
    share = compute_measure("school_group_coverage", GROUPED)
    assert (share.numerator, share.denominator, share.items) == (4.0, 6.0, ("A", "B", "C", "D"))
    assert share.note == ""
    # a plan may count the 学区 too: E joins → 5/6
    wide = compute_measure("school_group_coverage", GROUPED, {"group_types": [
        "education_group", "alliance", "community", "school_district"]})
    assert (wide.numerator, wide.denominator) == (5.0, 6.0)


def test_without_the_school_groups_table_the_schools_column_counts_and_says_so():
    data = county(schools=[school("A", school_group="城关教育集团"), school("B")])
    share = compute_measure("school_group_coverage", data)
    assert (share.numerator, share.denominator) == (1.0, 2.0)
    assert share.note == "“学校组织”表未填写，按学校表“教育集团”列计"


def test_the_zhongmou_row_says_which_forms_count():
    # 中牟 「集团化办学覆盖率保持85%以上」 as examples/plans/zhongmou.yaml measures it
    target = next(t for t in load_plan("examples/plans/zhongmou.yaml").targets
                  if t.id == "school_group_coverage")
    assert (target.measure.name, target.measure.params) == ("school_group_coverage", {})
    plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"}, "baseline_year": 2024,
                           "targets": [{"id": "g", "name": target.name, "quote": target.quote,
                                        "measure": "school_group_coverage", "comparator": ">=",
                                        "target": 0.85, "deadline": 2025, "responsible": "县教育局"}]})
    row = run_ledger(plan, lambda c, y: GROUPED, [("410306", 2024)]).targets[0]
    assert row.label == "集团化办学覆盖率（‘学校组织’表中教育集团、学校联盟、教育共同体的成员校，学区不计）"
    assert row.values == {2024: pytest.approx(4 / 6)}


def test_mengjin_s_main_city_is_code_111_only():
    # 孟津 「基本实现全区高中全部集中在主城区」: H1 (完全中学) in 111 主城区, H2 (高级中学) in 112
    # 城乡结合区 → 1 of 2, and the row's note says why 112 is left out
    plan = load_plan("examples/plans/mengjin.yaml")
    target = next(t for t in plan.targets if t.id == "senior_schools_in_main_city")
    assert target.measure.params == {"stage": "senior", "codes": ["111"]}
    assert target.note == ("原文“主城区”按国家统计局城乡划分代码 111 主城区计；112 城乡结合区是另一类"
                           "（城区中主城区以外的部分），不计为主城区。")
    data = county(schools=[school("H1", "complete_secondary", code="111"),
                           school("H2", "senior_school", code="112")])
    share = compute_measure("schools_in_area_share", data, target.measure.params)
    assert (share.numerator, share.denominator) == (1.0, 2.0)
    assert share.note == "不在指定区域的学校：学校H2（城乡结合区）"


def heads(*ranked: tuple[str, str]) -> list[dict]:
    return [{"principal_id": f"P{s}", "school_id": s, "rank": r, "since_year": 2020}
            for s, r in ranked]


SCHOOLS = [school("S1"), school("S2", "junior_school"), school("S3", "senior_school")]
RANKED = heads(("S1", "senior"), ("S2", "middle"), ("S3", "senior"))
#: 2025: the 民办 kindergarten K became 公办, its principal 未评定
GREW = county(2025, schools=[*SCHOOLS, school("K", "kindergarten")],
              principals=[*RANKED, *heads(("K", "unrated"))])


def test_principal_ranks_of_primary_and_secondary_schools_leave_kindergartens_out():
    every = compute_measure("principal_ranked_share", GREW)
    assert (every.numerator, every.denominator) == (3.0, 4.0)
    schools = compute_measure("principal_ranked_share", GREW, {"include_kindergartens": False})
    assert (schools.numerator, schools.denominator, schools.note) == (3.0, 3.0, "")


def principal_ledger(now, params=None):
    measure = {"name": "principal_ranked_share", "params": params or {}}
    plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"}, "baseline_year": 2024,
                           "targets": [{"id": "rank", "name": "深化校长职级制改革", "quote": "……",
                                        "measure": measure, "comparator": ">=", "target": 1.0,
                                        "deadline": 2026, "responsible": "县教育局"}]})
    years = {2024: county(2024, schools=SCHOOLS, principals=RANKED), 2025: now}
    return run_ledger(plan, lambda c, y: years[y], [("410306", 2024), ("410306", 2025)]).targets[0]


def test_a_fall_only_from_a_new_public_school_is_no_regression():
    # 3/3 → 3/4: the three ranked schools are still ranked, the fall is the new 公办园 alone:
    # judged by the trend (1.0 → 0.75 reaches 0.5 by 2026 < 100%) as 滞后, never 倒退
    row = principal_ledger(GREW)
    assert row.values == {2024: 1.0, 2025: 0.75}
    assert row.status.value == "滞后"
    assert row.notes == ("2025：校长职级未评定的学校：学校K",
                         "2024 → 2025 学年的下降只因测算范围扩大（3 → 4），2024 学年计入的 3 个在 2025 "
                         "学年仍全部计入，不计为倒退")
    # the 孟津 plan measures 中小学 principals: 3/3 both years, 已达成
    assert principal_ledger(GREW, {"include_kindergartens": False}).status.value == "已达成"


def test_a_school_losing_its_rank_is_still_a_regression():
    # S2's principal is 未评定 in 2025 (a new head, say) while K joins ranked: 3/4 again, but S2,
    # counted in 2024, is no longer counted → 倒退
    lost = county(2025, schools=[*SCHOOLS, school("K", "kindergarten")],
                  principals=heads(("S1", "senior"), ("S2", "unrated"), ("S3", "senior"),
                                   ("K", "senior")))
    row = principal_ledger(lost)
    assert (row.values, row.status.value) == ({2024: 1.0, 2025: 0.75}, "倒退")
