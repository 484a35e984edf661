"""Brief hq (issue 16): the demo's new primary 城东新区第二小学 (a 建设项目, open from 2027, 2,160
places) takes its crowded neighbours' communities in the 过渡期 instead of their renting rooms
(planning.layout_shifts)."""

from __future__ import annotations


def test_the_new_primary_takes_the_crowded_neighbours_communities_before_they_rent(demo_run):
    from junheng.planning.layout_waiting import temporary_rooms, temporary_yuan

    outcome = demo_run.plan.outcome
    names = {s.school_id: s.name for s in outcome.schools}
    villages = {a.village_id: a.village_name for a in outcome.assignments}
    moves = [(y, villages[v], names[s], names[r], n) for y, v, _st, s, r, n, _m in outcome.shifts]
    # 城关第一小学 was 530 over in 2027 and 180 in 2028 (12 and 4 rooms rented), 第二实验小学
    # 220 and 51 (5 and 2): each moves its community nearest the new school (all within the 30
    # minutes) that fits, and none of them rents a room any more
    assert moves == [(2027, "光明社区", "洛北县城关第一小学", "洛北县城东新区第二小学", 844),
                     (2027, "丰收路社区", "洛北县第二实验小学", "洛北县城东新区第二小学", 389),
                     (2028, "光明社区", "洛北县城关第一小学", "洛北县城东新区第二小学", 778),
                     (2028, "丰收路社区", "洛北县第二实验小学", "洛北县城东新区第二小学", 359)]
    # 第四小学 is still over its 855 seats in 2029 (893 pupils, 1 room), but since branch hm
    # (receivers' rooms by grade) it takes 锦绣社区 and adds 2 rooms: a school the plan adds
    # rooms to is no source of moves (layout_shifts' ``skip``, its years over are its rooms'
    # 过渡期), so 育才社区's 2029 move (411) is gone and the room is borrowed there
    fourth = [(r.year, r.pupils, r.temporary) for r in outcome.transition if names[r.school_id] == "洛北县第四小学"]
    assert fourth == [(2027, 1052, 2), (2028, 971, 2), (2029, 893, 1)]
    # since branch hs 第四中学 is built 2 rooms (it takes 736 juniors, land bought beside it):
    # no school is over its seats outside the target year any more (第四中学 1 / 2 / 1 before)
    assert {names[s] for _, s, _, _ in outcome.overflow} == set()
    # the 过渡期's 临时周转 after the moves, as merged with branches hm and hn (which changed the
    # rooms the plan builds, so not 73 − 24 as hq worked it): temporary_rooms by year 2027 20,
    # 2028 25, 2029 3 (第四小学's 1 among them), 2030 1 = 49 room-years at 2 万元 = 98.00 万元;
    # brief hl: 实验中学's 2 rooms and 新区实验学校's 4th are rented in 2029 and 2030, not built
    # (idle from 2031): 2029 6, 2030 4 = 55 room-years, 110.00 万元
    rooms = temporary_rooms(outcome)
    assert (sum(rooms.values()), round(sum(temporary_yuan(outcome).values()) / 10_000, 2)) == (55, 110.0)
    # the new school's use in its years of moves: 1,762 and 1,625 of 2,160 places (no 2029 move)
    assert "划入后本校 2027 学年小学 1,762 人、学位 2,160 个（利用率 82%），2028 学年小学 1,625 人、学位 2,160 个" \
        "（利用率 75%）。" in outcome.kept_reasons["4103310800"]
