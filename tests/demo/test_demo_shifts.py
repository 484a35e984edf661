"""Brief hq (issue 16): the demo's new primary 城东新区第二小学 (a 建设项目, open from 2027, 2,160
places) would take its crowded neighbours' communities in the 过渡期 instead of their renting
rooms (planning.layout_shifts); review rv 3 and lead 8dd4912e: not where its pupils would
come back or move twice (planning.layout_stay_new)."""

from __future__ import annotations


def test_the_new_primary_takes_the_crowded_neighbours_communities_before_they_rent(demo_run):
    from junheng.planning.layout_waiting import temporary_rooms, temporary_yuan

    outcome = demo_run.plan.outcome
    names = {s.school_id: s.name for s in outcome.schools}
    villages = {a.village_id: a.village_name for a in outcome.assignments}
    moves = [(y, villages[v], names[s], names[r], n) for y, v, _st, s, r, n, _m in outcome.shifts]
    # 城关第一小学 is 530 over in 2027 and 180 in 2028 (12 and 4 rooms), 第二实验小学 220 and 51
    # (5 and 2). Moving 光明社区 and 丰收路社区 to the new school would bring them back in 2030
    # (rv 3) and zoning them there for good costs the plan year some 400 万元 a year more
    # (school buses; layout_stay_new rule 4: the pinned problem's LP relaxation is already
    # some 330 万元 above, so the pinned MILP is not solved and the note says 「至少」, the
    # solver's figure, so not pinned to the 0.01 万元). Once they are left out, 南关社区 and
    # 文化路社区 would be moved in their stead and come back in 2029; 行政路社区 and 学府社区,
    # which the plan zones to 实验小学 and 东城小学, would move their pupils twice (lead
    # 8dd4912e): every one named once (brief hn), no year move, the four years rent
    import re

    assert moves == []
    note = next(n for n in outcome.notes if n.startswith("过渡期不划出再划回："))
    assert re.fullmatch(r"过渡期不划出再划回：洛北县城关第一小学片区光明社区小学、洛北县第二实验小学片区丰收路社区小学"
                        r"规划年仍在原校就读，整体划入建设项目新建学校按本方案测算口径每年至少多 3\d\d\.\d\d 万元；"
                        r"洛北县城关第一小学片区南关社区小学 2029 学年回到原校、洛北县第二实验小学片区文化路社区小学 2029 学年回到原校；"
                        r"洛北县城关第一小学片区行政路社区小学 2029 学年转入洛北县实验小学、"
                        r"洛北县城关第一小学片区学府社区小学 2028 学年转入洛北县东城小学，过渡期划入新校将两次转学；"
                        r"以上片区过渡期不划入新校，超出学位的学年以临时周转解决。", note)
    # brief hseat: the years over count classes grade by grade (the one room rule): 城关第一小学
    # lacks 14 and 8 rooms (12 and 4 by its seats), 第二实验小学 8 and 4 (5 and 2), and
    # 新区实验学校's 小学, within its seats in 2029, lacks 1 room that year
    assert sorted((y, names[s], k) for y, s, _st, k in outcome.overflow) == [
        (2027, "洛北县城关第一小学", 14), (2027, "洛北县第二实验小学", 8),
        (2028, "洛北县城关第一小学", 8), (2028, "洛北县第二实验小学", 4), (2029, "洛北县新区实验学校", 1)]
    # 第四小学 is still over its 855 seats in 2029 (893 pupils, 1 room), but since branch hm
    # (receivers' rooms by grade) it takes 锦绣社区 and adds 2 rooms: a school the plan adds
    # rooms to is no source of moves (layout_shifts' ``skip``, its years over are its rooms'
    # 过渡期), so 育才社区's 2029 move (411) is gone and the room is borrowed there. Since branch
    # hroom its rows count classes grade by grade: 7, 4, 4, 2, 1, 0, 1 rooms short in 2027–2033
    # (the seats said 2, 2, 1); 1 room built, in use from 2029, the rest borrowed
    fourth = [(r.year, r.pupils, r.temporary) for r in outcome.transition if names[r.school_id] == "洛北县第四小学"]
    assert fourth == [(2027, 1052, 7), (2028, 971, 4), (2029, 893, 3), (2030, 845, 1), (2031, 800, 0),
                      (2033, 789, 0)]
    # the 过渡期's 临时周转 (temporary_rooms: the rooms of the 过渡期 rows and of the years over
    # seats outside the target year): 105 room-years at 2 万元 = 210.00 万元 (68 / 136.00 before
    # hroom's grade-by-grade rows and hwait's waiting pupils; the sum worked school by school in
    # test_demo_plans_figures.test_both_options_rentals_are_compared), the 两个方案比较's
    # 「过渡期共 105 间·学年、210.00 万元」; 121 / 242.00 since hseat's grade-by-grade years over
    # and waiting pupils (worked school by school there)
    rooms = temporary_rooms(outcome)
    assert (sum(rooms.values()), round(sum(temporary_yuan(outcome).values()) / 10_000, 2)) == (121, 242.0)
    # no year move: the new school's note says its 2030 use (423 of 2,160) and what to check
    assert "规划年 423 人，学位利用率 20%" in outcome.kept_reasons["4103310800"]
