"""Brief hnewsch (review rv13 findings 8 and 9) on the demo.

9: 新区实验学校 built 4 初中 rooms and taught 2 初中 classes in 第三小学 (2.7 km) in the target
year 2030; 第三初级中学 built 2 and put 2 classes in 西城小学. Rule (T) (planning.layout_runs):
a school the plan extends builds the rooms its target year needs.

8: the alternative zoning 光明社区 and 丰收路社区 to 城东新区第二小学 for good was called 「在走读
上限内」 and costed as bused; the pupils are beyond 5 km in a straight line (5.3 and 5.2 km),
where the plan's rule puts them on the bus, and the 20.8 minutes are the bus's.
"""

from __future__ import annotations


def test_no_school_the_plan_extends_borrows_in_the_target_year(demo_run):
    from junheng.planning.layout_runs import extends

    outcome = demo_run.plan.outcome
    by_id = {s.school_id: s for s in outcome.schools}
    borrowing = {(by_id[r.school_id].name, r.stage): r.temporary for r in outcome.transition
                 if r.year == outcome.target_year and r.temporary}
    # only the schools that build no room borrow in 2030: 实验中学 3, 第四中学 2 (no build to join)
    assert borrowing == {("洛北县实验中学", "junior"): 3, ("洛北县第四中学", "junior"): 2}
    assert not any(extends(by_id[r.school_id]) for r in outcome.transition
                   if r.year == outcome.target_year and r.temporary)
    # the rooms the target year needs are built: 新区实验学校 6 初中 rooms (was 4 + 2 borrowed),
    # 第三初级中学 4 (2 + 2), 第四小学 2 小学 (1 + 1): 5 rooms more at 42 万元, 210 万元
    built = {by_id[s].name: {st: k for st, k in by_id[s].added_classrooms_by_stage.items() if k}
             for s in ("4103310009", "4103310012", "4103310008")}
    assert built == {"洛北县新区实验学校": {"junior": 6}, "洛北县第三初级中学": {"junior": 4},
                     "洛北县第四小学": {"primary": 2}}
    assert [by_id[s].temporary_classrooms for s in ("4103310009", "4103310012", "4103310008")] == [0, 0, 0]


def test_no_junior_class_sits_in_a_primary_school_in_the_target_year_at_an_extended_school(demo_run):
    import docx

    doc = docx.Document(demo_run.out / "布局调整方案.docx")
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    for school in ("洛北县新区实验学校：", "洛北县第三初级中学："):
        lines = [line for line in text.split("\n") if line.startswith(school)]
        assert lines and not any("2030 学年" in line for line in lines), lines


def test_the_bused_alternative_says_why_its_pupils_ride(demo_run):
    outcome = demo_run.plan.outcome
    note = next(n for n in outcome.notes if n.startswith("过渡期不划出再划回："))
    # 987 riders × 3,000 元 = 296.10 万元; 5 km × 1.3 / 12 km/h × 60 = 32.5 minutes on foot
    assert ("每年多支出 296.10 万元（全部为校车运行费用；多乘校车 987 人：划入的片区到新校直线超过 5 公里，按规则乘校车"
            "（步行、骑车单程至少 32.5 分钟，超过走读上限 30 分钟），所列单程分钟数是乘校车的时间）") in note
    reason = outcome.kept_reasons["4103310800"]
    assert "光明社区（到本校乘校车单程 20.8 分钟（直线 5.3 公里，超过 5 公里的按规则乘校车，计校车运行费用），在走读上限内；" in reason
    assert "到本校单程 20.8 分钟" not in reason


def test_each_room_built_is_asked_for_by_the_peak_rule_or_the_target_year(demo_run):
    """Brief hborrow (review rv17 finding 2): of the rooms each extended school builds, those
    the per-room 临时周转 rule would borrow (needed at most 3 years from 2029, gone by 2033:
    layout_check_years.borrowable on the plan's rows) are all needed in the target year 2030 —
    built by rule (T), none built for a peak outside it."""
    from junheng.planning.layout_check_years import borrowable
    from junheng.planning.layout_later import built_rooms
    from junheng.planning.layout_runs import extends
    from junheng.planning.layout_years import run_start

    outcome = demo_run.plan.outcome
    rules, target = outcome.rules, outcome.target_year
    first = min(r.year for r in outcome.transition)  # 2027, the first school year not yet begun
    opens = run_start(first, rules["expansion_lead_years"])
    assert (opens, rules["temporary_peak_years"]) == (2029, 3)
    found = {}
    for s in outcome.schools:
        for stage in ("primary", "junior"):
            if not extends(s) or not (rooms := built_rooms(s, stage)):
                continue
            need = dict.fromkeys(range(first, target + 4), 0)  # to the last year looked at
            need |= {r.year: r.overflow for r in outcome.transition
                     if (r.school_id, r.stage) == (s.school_id, stage)}
            per_room = borrowable(need, rooms, opens, rules["temporary_peak_years"])
            found[s.name] = (rooms, per_room, need[target])
            # rule (T) leaves none borrowable: every room the per-room rule borrows is needed in 2030
            assert min(per_room, rooms - min(rooms, need[target])) == 0, s.name
    # (rooms built, rooms the per-room rule borrows, the target year's need): the 5 rooms the
    # review counted (2 + 2 + 1, 210 万元) are each needed in 2030
    assert found == {"洛北县第四小学": (2, 1, 2), "洛北县新区实验学校": (6, 2, 6), "洛北县第三初级中学": (4, 2, 4)}
