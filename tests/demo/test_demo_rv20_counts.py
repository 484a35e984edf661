"""Review rv20 2, 6, 7, 9 in the demo: the 规划台账's trend and merge clauses say figures that
differ and counts with their years; the 整改措施 and the 自评报告 count one risk list alike, and
the new 骨干 by school."""

from __future__ import annotations

import json

from demo_helpers import docx_text


def _ledger(demo_run, county: str) -> dict:
    path = demo_run.out / f"规划台账示例（{county}）数据.json"
    return {t["id"]: t for t in json.loads(path.read_text("utf-8"))["targets"]}


def test_zhongmu_s_fall_reads_as_a_fall(demo_run):
    # rv20 2: 0.968111 → 0.967638 read 「96.8% → 96.8%」; at two decimals 96.81% → 96.76%
    row = _ledger(demo_run, "中牟县")["near_zone_junior"]
    assert [round(v, 6) for v in row["values"].values()] == [0.968111, 0.967638]
    assert row["notes"][-1] == "逐年下降：2024 学年 96.81% → 2025 学年 96.76%，目前仍达到目标"


def test_mengjin_s_merge_row_says_each_count_with_its_year(demo_run):
    # rv20 9: 「少于目标 4 个」 (66 by 2029) stood beside 到期预计 4 (the trend 0 → 2 to 2026);
    # now 66 by 2029, 4 short; by 2026 the plan closes none: 2 (the 2 already merged), trend 4
    row = _ledger(demo_run, "孟津区")["teaching_points_merged"]
    assert row["label"] == "较基准年撤并的教学点数（含村小学）"
    assert (row["values"], row["projected"]) == ({"2024": 0, "2025": 2}, 4.0)
    assert row["notes"][-1] == (
        "布局调整方案甲（新建学校）拟于 2028 学年、2029 学年撤并本目标所计学校中的 64 个（教学点 64 个），另有教学点 6 个"
        "应留必留；连同已撤并的 2 个，至 2029 学年共 66 个，比目标少 4 个；晚于期限（2026 学年）：2028 学年撤并的教学点 "
        "31 个晚 2 学年、2029 学年撤并的教学点 33 个晚 3 学年，到期（2026 学年）按本方案只有 2 个（按已撤并数的趋势预计 "
        "4 个，即“到期预计”），不能按期完成"
    )


def test_the_risk_list_has_one_size_in_both_documents(demo_run):
    # rv20 6: 表 4's rows reaching the standard on a thin margin are 11 school-学段 of 10 schools
    # (桃桥镇九年制学校 小学 and 初中); both documents say so, from labels.schools_stages
    plan = json.loads((demo_run.out / "compliance" / "plan.json").read_text("utf-8"))
    units = {(m["name"], m["stage"]) for m in plan["standard_margins"] if not m.get("floor")}
    assert (len(units), len({n for n, _ in units})) == (11, 10)
    fixes = docx_text(demo_run.out / "compliance" / "整改措施.docx")
    report = docx_text(demo_run.out / "自评报告.docx")
    assert "风险：表中 10 所学校（11 个学段）按规划年预测的学生数达到标准" in fixes
    assert "达到标准但余量小于招生预测误差的有 10 所学校（11 个学段），余量最小的是" in report
    # the 85 % list: 8 schools, 4 of them among the 10 (文化路, 赵东店, 桃桥, 竹关): 14 in all
    assert (
        "表中按“其余指标不低于 85%”计达标、余量小于预测误差或待骨干教师认定的有 8 所学校（其中 4 所已在上述 "
        "10 所学校之中，另有 4 所）"
    ) in fixes
    for text in (fixes, report):  # rv20 7: the 骨干 table's 10 rows are 9 schools
        assert "表中 9 所学校（10 个学段）均不再达到学校达标要求" in text
        assert "新认定县级骨干教师 22 人，分在 9 所学校（10 个学段），其认定条件" in text
