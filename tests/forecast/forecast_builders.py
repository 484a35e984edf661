"""A tiny county whose enrolment follows exact ratios, so every projection can be worked by hand.

One town (410306001) with births b(y) = 100 + 10 (y - 2010). Four schools:

* C 城关小学 (primary, urban 111, 11 classrooms): g1 = 0.4 b(y-6); g2, g3 move up whole;
  g4 = its own g3 plus the teaching point's g3 of last year = 0.5 b(y-9); g5, g6 move up.
* P 东村教学点 (teaching point of C, village 220, 6 classrooms): g1 = 0.1 b(y-6), g2, g3
  move up, no g4-g6 (its pupils go to C).
* J 城关初中 (junior, urban 111, 6 classrooms): g7 = last year's county g6 (= C's g6), then up.
* K 城关幼儿园 (kindergarten, 12 classrooms): k1, k2, k3 = 0.5 x children aged 3, 4, 5
  (= 0.5 b(y-3), 0.5 b(y-4), 0.5 b(y-5): no village table, so children = births).

History 2019-2024 in 在校生历史, 2025 in 班级 (one class per grade).
"""

from __future__ import annotations

from junheng.model.county import CountyData

TOWN = "410306001"
C, P, J, K = "4103060001", "4103060002", "4103060003", "4103060004"


def births(year: int) -> int:
    return 100 + 10 * (year - 2010)


def tiny_students(year: int) -> dict[tuple[str, str], int]:
    """Students per (school, grade) in ``year`` by the exact rules of the module docstring."""
    b = births
    return {
        (C, "g1"): 4 * b(year - 6) // 10, (C, "g2"): 4 * b(year - 7) // 10,
        (C, "g3"): 4 * b(year - 8) // 10, (C, "g4"): b(year - 9) // 2,
        (C, "g5"): b(year - 10) // 2, (C, "g6"): b(year - 11) // 2,
        (P, "g1"): b(year - 6) // 10, (P, "g2"): b(year - 7) // 10, (P, "g3"): b(year - 8) // 10,
        (J, "g7"): b(year - 12) // 2, (J, "g8"): b(year - 13) // 2, (J, "g9"): b(year - 14) // 2,
        (K, "k1"): b(year - 3) // 2, (K, "k2"): b(year - 4) // 2, (K, "k3"): b(year - 5) // 2,
    }


def tiny_county(base_year: int = 2025, first_history: int = 2019, **overrides) -> CountyData:
    schools = [
        {"school_id": C, "name": "城关小学", "school_type": "primary_school", "town_code": TOWN,
         "urban_rural_code": "111"},
        {"school_id": P, "name": "东村教学点", "school_type": "teaching_point", "town_code": TOWN,
         "urban_rural_code": "220", "central_school": C},
        {"school_id": J, "name": "城关初中", "school_type": "junior_school", "town_code": TOWN,
         "urban_rural_code": "111"},
        {"school_id": K, "name": "城关幼儿园", "school_type": "kindergarten", "town_code": TOWN,
         "urban_rural_code": "111"},
    ]
    history = [{"school_year": y, "school_id": s, "grade": g, "students": n}
               for y in range(first_history, base_year)
               for (s, g), n in tiny_students(y).items()]
    classes = [{"school_id": s, "grade": g, "class_no": "1", "students": n}
               for (s, g), n in tiny_students(base_year).items()]
    tables = {
        "schools": schools,
        "classes": classes,
        "enrolment_history": history,
        "births": [{"town_code": TOWN, "year": y, "births": births(y)}
                   for y in range(2005, base_year + 1)],
        "facilities": [{"school_id": C, "classrooms": 11}, {"school_id": P, "classrooms": 6},
                       {"school_id": J, "classrooms": 6}, {"school_id": K, "classrooms": 12}],
    }
    tables.update(overrides)
    return CountyData.from_records(
        {"county_code": "410306", "county_name": "示例县", "school_year": base_year}, **tables)
