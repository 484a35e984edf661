"""Review finding 11: a merge target's 说明 says what the county's layout plan does for it
(how many of the schools it counts the plan closes, in which school year, how many stay as
应留必留) and whether the target is then met by its deadline."""

from __future__ import annotations

from dataclasses import replace

from ledger_builders import county, school

from junheng.jobs.ledger import closures_of
from junheng.ledger import plan_from_dict, run_ledger
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

# Baseline 2024: 教学点 P1–P5 and 村小学 V1 (220) each with 10 pupils; C1 a town school.
# 2025: P1 is gone (merged: 1). The plan (data year 2025) closes P2, P3 in phase 2 (2027) and
# V1 in phase 1 (2026), keeps P4 as 应留必留 and P5 for its cost, and closes C1 (not counted).
IDS = ("C1", "P1", "P2", "P3", "P4", "P5", "V1")


def _year(year: int, ids: tuple[str, ...]):
    kinds = {
        "C": ("primary_school", "121"),
        "P": ("teaching_point", "220"),
        "V": ("primary_school", "220"),
    }
    return county(
        year,
        schools=[school(i, kinds[i[0]][0], code=kinds[i[0]][1]) for i in ids],
        classes=[{"school_id": i, "grade": "g1", "class_no": "1", "students": 10} for i in ids],
    )


def _plan(target: int, deadline: int):
    return plan_from_dict(
        {
            "plan": "示例",
            "region": {"county_code": "410306"},
            "baseline_year": 2024,
            "targets": [
                {
                    "id": "merge",
                    "name": "撤并教学点",
                    "quote": "……",
                    "measure": {
                        "name": "teaching_points_merged",
                        "params": {"include_village_primaries": True},
                    },
                    "comparator": ">=",
                    "target": target,
                    "deadline": deadline,
                    "responsible": "县教育局",
                }
            ],
        }
    )


LAYOUT = LayoutOutcome(
    "optimal",
    (
        PlannedSchool("P2", "学校P2", "close", phase=2),
        PlannedSchool("P3", "学校P3", "close", phase=2),
        PlannedSchool("V1", "学校V1", "close", phase=1),
        PlannedSchool("C1", "学校C1", "close", phase=1),
        PlannedSchool("P4", "学校P4", "keep"),
        PlannedSchool("P5", "学校P5", "keep"),
    ),
    {},
    year=2025,
    scenario="默认方案",
    kept_reasons={"P4": "应留必留：村居的一至三年级学生在通行时间限制内……", "P5": "保留更省"},
)
YEARS = {2024: _year(2024, IDS), 2025: _year(2025, tuple(i for i in IDS if i != "P1"))}


def _note(target: int, deadline: int, layout=LAYOUT) -> tuple[str, ...]:
    ledger = run_ledger(
        _plan(target, deadline),
        lambda code, year: YEARS[year],
        [("410306", 2024), ("410306", 2025)],
        closures=closures_of(layout),
    )
    return ledger.targets[0].notes


def test_the_merge_target_names_the_plan_late_and_short():
    # 1 merged + P2, P3, V1 = 4 of 6 by 2027 (2 short); P2, P3 close in 2027 against 2026 (1 year
    # late), V1 in 2026 (on time, so not named as late); by 2026 the plan has 1 + V1 = 2, and the
    # trend (0 in 2024, 1 in 2025: 1 a year) also 2 by 2026: each count with its year (review
    # rv20 9: 「少于目标 4 个」 by 2029 stood beside the row's 到期预计 4, a count by 2026)
    assert _note(6, 2026)[-1] == (
        "布局调整方案拟于 2026 学年、2027 学年撤并本目标所计学校中的 3 个（教学点 2 个、村小学 1 所），"
        "另有教学点 1 个应留必留；连同已撤并的 1 个，至 2027 学年共 4 个，比目标少 2 个；"
        "晚于期限（2026 学年）：2027 学年撤并的教学点 2 个晚 1 学年，"
        "到期（2026 学年）按本方案只有 2 个（按已撤并数的趋势预计 2 个，即“到期预计”），不能按期完成"
    )


def test_late_but_reaching_the_target_later_says_so():
    # target 4 by 2026: 1 merged + V1 (2026) = 2 by then, 4 by 2027 (P2, P3): the target is
    # reached a year late, not short
    assert _note(4, 2026)[-1].endswith(
        "连同已撤并的 1 个，至 2027 学年共 4 个，达到目标；晚于期限（2026 学年）：2027 学年撤并的教学点 2 个晚 1 学年，"
        "到期（2026 学年）按本方案只有 2 个（按已撤并数的趋势预计 2 个，即“到期预计”），不能按期完成"
    )


def test_on_time_but_short_says_by_which_year():
    # target 6 by 2027: all closures by 2027, 4 in all: 2 short by the deadline itself
    assert _note(6, 2027)[-1].endswith("连同已撤并的 1 个，至 2027 学年共 4 个，比目标少 2 个")


def test_the_measure_names_the_village_schools_it_counts():
    # review rv20 9: the 测算方式 said 「较基准年撤并的教学点数」 while the count takes in 村小学
    from junheng.ledger.catalogue.layout import MergedParams
    from junheng.ledger.registry import scoped_label

    assert scoped_label("较基准年撤并的教学点数", MergedParams(include_village_primaries=True)) == (
        "较基准年撤并的教学点数（含村小学）")
    assert scoped_label("较基准年撤并的教学点数", MergedParams()) == "较基准年撤并的教学点数"


def test_each_closure_year_is_late_by_its_own_years():
    # review A18: the demo's "晚于期限（2026 学年）4 学年" was 2030's lateness, true only for the
    # village school closed then; against a 2025 deadline V1 (2026) is 1 year late, P2/P3 (2027) 2
    assert "晚于期限（2025 学年）：2026 学年撤并的村小学 1 所晚 1 学年、2027 学年撤并的教学点 2 个晚 2 学年，" \
        "到期（2025 学年）按本方案只有 1 个，不能按期完成" in _note(6, 2025)[-1]


def test_the_closure_note_is_a_reason_the_web_shows_beside_the_row():
    # review A18: the web ledger shows a row's reasons (TargetProgress.reasons): the layout's
    # closures against the deadline are one of them, the baseline note is not
    ledger = run_ledger(_plan(6, 2026), lambda code, year: YEARS[year],
                        [("410306", 2024), ("410306", 2025)], closures=closures_of(LAYOUT))
    [reason] = ledger.targets[0].reasons
    assert reason == ledger.targets[0].notes[-1] and "晚 1 学年" in reason


def test_the_merge_target_met_in_time_says_so_and_no_layout_says_nothing():
    assert _note(4, 2027)[-1].endswith("连同已撤并的 1 个，至 2027 学年共 4 个，可在期限（2027 学年）内达到目标")
    assert not any("布局调整方案" in n for n in _note(4, 2027, layout=None))


def test_the_closures_of_a_layout_plan():
    found = closures_of(LAYOUT)
    # planner review 2026-12-04: the note named the plan “默认方案”, the software's name for an
    # unnamed scenario; a plan with a 方案乙 is 方案甲（新建学校）, as its documents call it; a
    # name the user gave is kept
    assert found.plan == "布局调整方案"
    assert closures_of(replace(LAYOUT, alternative={"once_yuan": 0.0})).plan == "布局调整方案甲（新建学校）"
    assert closures_of(replace(LAYOUT, scenario="东区扩建")).plan == "布局调整方案“东区扩建”"
    assert dict(found.closes) == {"P2": 2027, "P3": 2027, "V1": 2026, "C1": 2026}
    assert found.must_stay == frozenset({"P4"})


def test_the_self_report_says_in_its_ledger_row_the_target_is_late():
    # review 2026-12-04 finding 18: the 自评报告's ledger section named 滞后 but not that the
    # layout closes the points a school year after the target's deadline (2027 vs 2026); the
    # planner review after it: the row itself says why (its 未达成的原因 cell), once
    from junheng.report.self_evaluation_docx import _ledger
    from junheng.report.word_document import WordReport

    ledger = run_ledger(_plan(6, 2026), lambda code, year: YEARS[year],
                        [("410306", 2024), ("410306", 2025)], closures=closures_of(LAYOUT))
    name, [note] = ledger.targets[0].target.name, ledger.targets[0].reasons
    assert note.endswith("晚于期限（2026 学年）：2027 学年撤并的教学点 2 个晚 1 学年，"
                         "到期（2026 学年）按本方案只有 2 个（按已撤并数的趋势预计 2 个，即“到期预计”），不能按期完成")
    r = WordReport()
    _ledger(r, ledger)
    [table] = r.doc.tables
    heads, row = ([c.text for c in r_.cells] for r_ in table.rows)
    assert heads[-1] == "未达成的原因" and row[0] == name == "撤并教学点" and row[4] == "滞后"
    # 0 merged in 2024, 1 in 2025: the trend 1 a year gives 2 by 2026, short of 6; since branch
    # hcli the count carries its measure's unit (the plan names none: 教学点 are counted in 个)
    assert row[-1] == f"按趋势到期预计 2 个，达不到目标；{note}"
    assert not [p.text for p in r.doc.paragraphs if "不能按期完成" in p.text]  # said once, in the row
