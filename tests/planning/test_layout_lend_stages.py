"""The 学区调整 option stage by stage and within the 走读 limit (brief hnew 1–2, rv9: the demo's
新区实验学校, a 九年一贯制, had its 小学部 rooms tested against 初中 receivers, and a receiver was
chosen however long the trip)."""

from dataclasses import replace

from junheng.planning.layout_entry import entry_moves, entry_note
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms

LON, LAT = 112.70, 34.60


def _county(target_stage: str = "junior", p_pupils: int = 800) -> LayoutOutcome:
    # 0.01° of latitude is 1.112 km: 第五初中 0.445 km north of 一贯制学校, 第三小学 1.112 km
    schools = (
        PlannedSchool("E", "一贯制学校", "expand", kind="nine_year", capacity={"primary": 585, "junior": 700},
                      spare_ground_m2=0, room_ground_m2=0, lon=LON, lat=LAT),
        PlannedSchool("J", "第五初中", "keep", kind="junior_school", capacity={"primary": 0, "junior": 1500},
                      lon=LON, lat=LAT + 0.004),
        PlannedSchool("P", "第三小学", "keep", kind="primary_school", capacity={"primary": 900, "junior": 0},
                      lon=LON, lat=LAT + 0.01))
    transition = (YearRooms(2028, "E", "junior", 690, 2, 0, 2), YearRooms(2028, "E", "primary", 530, 3, 0, 3),
                  YearRooms(2030, "E", target_stage, 681, 2, 0, 2))
    pupils = tuple((y, "E", st, n) for y in (2028, 2030, 2031, 2032) for st, n in (("primary", 462), ("junior", 681)))
    pupils += ((2028, "J", "junior", 1200), (2030, "J", "junior", 1200), (2031, "J", "junior", 1250),
               (2032, "J", "junior", 1300), (2028, "P", "primary", 800), (2030, "P", "primary", p_pupils),
               (2031, "P", "primary", p_pupils), (2032, "P", "primary", p_pupils))
    return LayoutOutcome("optimal", schools, {}, year=2025, target_year=2030,
                         rules={"plan_date": "2026-12-05", "class_size_junior": 50, "class_size_primary": 45},
                         costs={"temporary_room_ground_m2": 100.0}, transition=transition, year_pupils=pupils)


def test_a_through_schools_primary_rooms_are_tested_against_primary_schools_only():
    (m,) = entry_moves(_county())
    # 2030: 2 junior rooms → 100 七年级 to 第五初中 (1,500 − 1,200 = 300, 250, 200 spare)
    assert (m.stage, m.to, m.pupils, m.spare, m.ended) == (
        "junior", "J", 100, ((2030, 300), (2031, 250), (2032, 200)), (2030,))
    # 2028: 2 junior rooms (100 pupils ≤ 第五初中's 300) have a receiver; the 3 primary rooms
    # (3 × 45 = 135 pupils) only a 小学 may take: 第三小学 900 − 800 = 100 < 135. Pooled (5 rooms
    # × 50 = 250 ≤ 300) they were all 「solved」 by the 初中
    assert m.earlier == (("primary", 2028, 3),)
    assert entry_note(_county()).endswith(
        "一贯制学校 2030—2032 学年初中各少 2 个班，2030 学年不再借用；2028 学年该校借用小学教室 3 间，直线 3 公里内没有小学"
        "在走读单程 30 分钟以内、校额上限和达标要求内容纳这些班，不能靠学区调整解决。")


def test_a_primary_pupil_is_never_sent_to_a_junior_school():
    # 2030: 2 primary rooms → 90 一年级 (462 ÷ 6 = 77 a grade ≥ 90? no: 90 > 77, left out)
    assert entry_moves(_county("primary")) == []
    plan = _county("primary")
    one = replace(plan, transition=(*plan.transition[:2], YearRooms(2030, "E", "primary", 462, 1, 0, 1)))
    (m,) = entry_moves(one)
    # 1 room → 45 pupils: 第五初中 (0.445 km, 300 spare junior seats) teaches no 小学; 第三小学
    # 1.112 km takes them: 900 − 800 = 100 spare each year, 55 left
    assert (m.to, m.pupils, m.spare) == ("P", 45, ((2030, 100), (2031, 100), (2032, 100)))
    full = _county("primary", p_pupils=880)
    full = replace(full, transition=(*full.transition[:2], YearRooms(2030, "E", "primary", 462, 1, 0, 1)))
    (m,) = entry_moves(full)
    # 第三小学 900 − 880 = 20 < 45: no receiver; the nearest named is the 小学, not the nearer 初中
    assert (m.to, m.refused.school_id, m.refused.short) == ("", "P", True)
    assert ("划出，直线 3 公里内没有小学在走读单程 30 分钟以内、校额上限和达标要求内容纳这些学生（最近的第三小学直线 1.1 公里，"
            "2030 学年 880 人，空余学位不足），不能靠学区调整解决") in entry_note(full)


def _urban(lat_p: float) -> LayoutOutcome:
    # a 城区 school walking at 3.9 km/h: 2.0015 km × 1.3 ÷ 3.9 × 60 = 40.0 minutes
    plan = _county()
    schools = tuple(replace(s, urban_rural_code="111") if s.school_id == "E"
                    else replace(s, lat=lat_p) if s.school_id == "J" else s for s in plan.schools)
    return replace(plan, schools=schools, rules={**plan.rules, "speed_kmh_urban": 3.9})


def test_a_receiver_beyond_the_day_limit_is_refused_with_its_minutes():
    (m,) = entry_moves(_urban(LAT + 0.018))
    # 第五初中 0.018° = 2.0015 km: 40.0 minutes > 30, its 300 spare seats notwithstanding
    assert (m.to, round(m.refused.km, 2), round(m.refused.minutes, 1), m.refused.short) == ("", 2.0, 40.0, False)
    assert ("划出，直线 3 公里内没有初中学校在走读单程 30 分钟以内、校额上限和达标要求内容纳这些学生（最近的第五初中直线 "
            "2.0 公里，步行/乘车超过 30 分钟（单程约 40.0 分钟）），不能靠学区调整解决") in entry_note(_urban(LAT + 0.018))
    # 2028's 2 junior rooms: the same trip, said with the stage
    assert m.earlier == (("junior", 2028, 2), ("primary", 2028, 3))
    # 1.112 km: 1.112 × 1.3 ÷ 3.9 × 60 = 22.2 minutes, within the limit: taken
    (near,) = entry_moves(_urban(LAT + 0.01))
    assert (near.to, round(near.minutes, 1)) == ("J", 22.2)
    assert "划入第五初中（直线 1.1 公里，步行/乘车约 22.2 分钟；" in entry_note(_urban(LAT + 0.01))
