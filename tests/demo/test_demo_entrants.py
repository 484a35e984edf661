"""Planner review rv14 N1 (brief hentry): in the demo the plan moves whole stage groups of
enrolled 县城 pupils in the move's first year (rezoning_grades: whole, still the default);
placed by the entry rule (planning.layout_entrants) no enrolled grade moves: the receivers fill
grade by grade and the old schools keep their older cohorts, which the plan names school by
school."""

from __future__ import annotations

from dataclasses import replace


def _placed(demo_run, rule: str):
    from junheng.jobs.layout import with_forecast
    from junheng.planning.layout_large import pupils_by_year
    from junheng.planning.layout_phases import plan_day
    from junheng.planning.projects import county_at

    plan = demo_run.plan
    outcome = replace(plan.outcome, rules={**plan.outcome.rules, "rezoning_grades": rule})
    data = demo_run.imported.history[-1]
    built = county_at(data, outcome.target_year, today=plan_day(plan.problem.config))
    county = with_forecast(built.data, demo_run.forecast.students[
        ["school_id", "grade", "year", "students"]])
    return outcome, county, pupils_by_year(outcome, county, plan.problem.sites)


def test_the_entry_rule_moves_no_enrolled_grade_and_says_who_stays(demo_run):
    from junheng.planning.layout_entrants import entry_first, entry_note
    from junheng.planning.layout_large import _timing
    from junheng.planning.layout_waiting import first_paid_year, plan_moves

    assert demo_run.plan.problem.config.rezoning_grades == "whole"
    whole, county, by_whole = _placed(demo_run, "whole")
    entry, _, by_entry = _placed(demo_run, "entry")
    names = {s.school_id: s.name for s in whole.schools}
    sites = demo_run.plan.problem.sites
    moves = plan_moves(entry, county, sites)
    timing = (*_timing(entry), moves, entry_first(entry.rules, max(first_paid_year(entry), entry.year + 1)))
    # the enrolled pupils the whole-stage placement (the default) puts at the receivers beyond the
    # entering grades, by year: pupils who change school mid-course; none under the entry rule
    more: dict[tuple[int, str, str], int] = {}
    for year in sorted(by_whole):
        for (s, st), n in by_whole[year].items():
            if (gap := n - by_entry[year].get((s, st), 0)) > 0:
                more[(year, names[s], st)] = gap
    by_year: dict[int, int] = {}
    for (year, _, _), n in more.items():
        by_year[year] = by_year.get(year, 0) + n
    assert by_year == {2027: 615, 2028: 548, 2029: 1419, 2030: 769, 2031: 165, 2032: 30, 2033: 15}
    # 文化路社区片区初级中学 opens in 2029 with 八、九年级 of 第一初级中学 under whole: 559 pupils;
    # 新区实验学校 takes 155 enrolled 初中 pupils in 2029
    assert (more[(2029, "文化路社区片区初级中学", "junior")], more[(2029, "洛北县新区实验学校", "junior")],
            more[(2029, "洛北县新区实验学校", "primary")]) == (559, 155, 90)
    note = entry_note(entry, timing)[0]
    assert note.startswith("划片只对新生（《义务教育法》第十二条就近入学，每年招生入学按片区招收一年级、七年级新生）："
                           "划片调整和新建学校的片区自调整学年起只对起始年级新生，其他年级在原校就读至毕业，撤并的学校学生全部转出；"
                           "本方案的学位和校额按目标学年 2030 学年全部按新片区就读核定，目标学年仍在原校的学生逐校列出。")
    assert ("洛北县第一初级中学：2029 学年起七年级新生按新片区入学（划入文化路社区片区初级中学），八、九年级在原校就读至毕业，"
            "2031 学年完成；目标学年 2030 学年仍有初中原片区学生 274 人在洛北县第一初级中学就读；") in note
    assert ("洛北县实验中学：2029 学年起七年级新生按新片区入学（划入洛北县新区实验学校、洛北县第一初级中学、洛北县第三初级中学、"
            "洛北县第四中学），八、九年级在原校就读至毕业，2031 学年完成；目标学年 2030 学年仍有初中原片区学生 135 人在洛北县实验中学就读") in note
    # the default plan says none of it
    assert not any(n.startswith("划片只对新生") for n in whole.notes)
