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
    # main moved 光明社区 (城关第一小学, 844 / 778) and 丰收路社区 (第二实验小学, 389 / 359) to the new
    # school in 2027-2028 and zoned them back in 2030 (rv 3). They are zoned there for good
    # (layout_stay_new): no year move is left, and 2030's 划片 has them at the new school
    assert moves == []
    at = {(villages[a.village_id], a.stage_group): names[a.school_id] for a in outcome.assignments
          if villages[a.village_id] in ("光明社区", "丰收路社区") and a.stage_group != "grades_7_9"}
    assert set(at.values()) == {"洛北县城东新区第二小学"}
    assert [n for n in outcome.notes if n.startswith("过渡期划入新校后不再划回")][0].endswith(
        "洛北县第二实验小学片区丰收路社区小学自 2027 学年起划入建设项目新建学校洛北县城东新区第二小学（单程 20.3 分钟，"
        "在走读上限内），规划年也在该校就读（2030 学年约 311 人），不再划回原校；洛北县城关第一小学片区光明社区小学自 "
        "2027 学年起划入建设项目新建学校洛北县城东新区第二小学（单程 20.8 分钟，在走读上限内），规划年也在该校就读"
        "（2030 学年约 676 人），不再划回原校。")
    # the new school: 1,410 of its 2,160 places in 2030 (main: 423, 20 %); 城关第一小学's
    # 分流下限 1,483 less 光明社区's 676 = 807
    new = next(s for s in outcome.schools if s.school_id == "4103310800")
    first = next(s for s in outcome.schools if s.name == "洛北县城关第一小学")
    assert (new.students_after["primary"], first.stay_floor) == (1410, 807)
    # 第四小学 is still over its 855 seats in 2029 (893 pupils, 1 room), but since branch hm
    # (receivers' rooms by grade) it takes 锦绣社区 and adds 2 rooms: a school the plan adds
    # rooms to is no source of moves (layout_shifts' ``skip``, its years over are its rooms'
    # 过渡期), so 育才社区's 2029 move (411) is gone and the room is borrowed there
    fourth = [(r.year, r.pupils, r.temporary) for r in outcome.transition if names[r.school_id] == "洛北县第四小学"]
    assert fourth == [(2027, 1052, 2), (2028, 971, 2), (2029, 893, 1)]
    assert {names[s] for _, s, _, _ in outcome.overflow} == {"洛北县第四中学"}
    # the 过渡期's 临时周转 after the moves, as merged with branches hm and hn (which changed the
    # rooms the plan builds, so not 73 − 24 as hq worked it): temporary_rooms by year 2027 20,
    # 2028 25, 2029 3 (第四小学's 1 among them), 2030 1 = 49 room-years at 2 万元 = 98.00 万元
    rooms = temporary_rooms(outcome)
    assert (sum(rooms.values()), round(sum(temporary_yuan(outcome).values()) / 10_000, 2)) == (49, 98.0)
