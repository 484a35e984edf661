"""Small hand-made counties for the layout planner, with distances simple enough to reason
about: villages and schools on one parallel (lat 34°), 0.05° of longitude apart.

At lat 34°, 0.05° of longitude is 0.05 × 111.195 × cos 34° ≈ 4.609 km (haversine gives
4.6094); at the rural speed 25 km/h with detour factor 1.3 that is
4.6094 × 1.3 / 25 × 60 ≈ 14.38 minutes per step.
"""

from __future__ import annotations

from junheng.model import CountyData
from junheng.planning import load_layout_config

#: The flat operating cost of the first model (400,000 元 per open site) and no 公用经费
#: floor: the hand-worked objectives of the rule tests use it; test_layout_costs.py works
#: the default costs (per-site staffing, the floor) by hand.
#: (no school bus price: the hand-worked objectives trade travel against sites; the bus has
#: its own tests, test_layout_bus)
FLAT_COSTS = {"operating_yuan_per_school": 400_000, "funding_floor_pupils": 0,
              "school_bus_yuan_per_pupil_year": 0}
#: The unit prices the hand-worked objectives were first written with (v1 scenario keys, still
#: honoured over the unit-price file): 800,000 元 a classroom, 1,500,000 元 per 50 beds.
V1_PRICES = {"classroom_yuan": 800_000, "bed_block_yuan": 1_500_000}

COUNTY = "410306"
TOWN = "410306101"
C1, TP, J = "4103060001", "TP01", "4103060002"


def ages(g13: int = 0, g46: int = 0, g79: int = 0) -> dict[str, int]:
    """Children of a village: the group totals spread on ages 6-8, 9-11, 12-14 (0 elsewhere)."""
    out = {f"age_{a}": 0 for a in range(15)}
    for total, span in ((g13, (6, 7, 8)), (g46, (9, 10, 11)), (g79, (12, 13, 14))):
        base, extra = divmod(total, 3)
        for i, a in enumerate(span):
            out[f"age_{a}"] = base + (1 if i < extra else 0)
    return out


def village(n: int, lon: float, *, g13=0, g46=0, g79=0, code="210", town=TOWN) -> dict:
    return {"village_code": f"{town}{n:03d}", "name": f"村{n}", "town_code": town,
            "urban_rural_code": code, "lon": lon, "lat": 34.0, "crs": "WGS84",
            **ages(g13, g46, g79)}


def school(sid: str, kind: str, lon: float, *, beds=0, central=None, town=TOWN,
           code="121") -> dict:
    return {"school_id": sid, "name": f"学校{sid}", "school_type": kind, "ownership": "public",
            "town_code": town, "urban_rural_code": code, "lon": lon, "lat": 34.0,
            "crs": "WGS84", "central_school": central, "boarding": beds > 0,
            "boarding_beds": beds if beds else None}


def county(villages, schools, classrooms: dict[str, int], classes=()) -> CountyData:
    info = {"county_code": COUNTY, "county_name": "示例县", "city_name": "洛阳市",
            "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}
    facilities = [{"school_id": s, "classrooms": n} for s, n in classrooms.items()]
    return CountyData.from_records(info, villages=villages, schools=schools,
                                   facilities=facilities, classes=list(classes))


def line_county(*, far_village: bool = True, c1_rooms: int = 12, c1_beds: int = 100,
                j_beds: int = 200, classes=()) -> CountyData:
    """A central primary C1 at 112.00, a teaching point TP (2 rooms) at 112.10, a junior
    school J (12 rooms) at 112.05; villages 1–3 at 112.00, 112.05, 112.10 with
    60/30/12 children in each stage group, and village 4 at 112.15 with 9 each; ``classes``
    the 班级 rows (today's boarders)."""
    villages = [village(1, 112.00, g13=60, g46=60, g79=60),
                village(2, 112.05, g13=30, g46=30, g79=30),
                village(3, 112.10, g13=12, g46=12, g79=12)]
    if far_village:
        villages.append(village(4, 112.15, g13=9, g46=9, g79=9))
    schools = [school(C1, "primary_school", 112.00, beds=c1_beds),
               school(TP, "teaching_point", 112.10, central=C1),
               school(J, "junior_school", 112.05, beds=j_beds)]
    return county(villages, schools, {C1: c1_rooms, TP: 2, J: 12}, classes)


def flat_config(**kw):
    """A scenario of the hand-worked counties: no new sites, no boarding rule, the data year
    as target, villages' children as pupils (no today's shares), no review minutes for the
    points, :data:`FLAT_COSTS`; ``kw`` on top."""
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "today_shares": False, "keep_points_beyond_review": False, "weights": FLAT_COSTS}
    return load_layout_config(None, **{**base, **kw})
