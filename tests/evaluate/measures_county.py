"""One small county for the shared measures (班额/校额, 就近划片, 学前, 寄宿, 教学点), every
number chosen so the answers can be worked out by hand; used by the evaluate and ledger tests."""

from __future__ import annotations

from evaluate_builders import classes, county, school

from junheng.model import CountyData


def village(code: str, town: str, urban_rural: str, **ages: int) -> dict:
    row = {"village_code": code, "name": code, "town_code": town, "urban_rural_code": urban_rural,
           "lon": 112.4, "lat": 34.6, "crs": "WGS84"}
    row.update({f"age_{a}": None for a in range(15)})
    row.update(ages)
    return row


def measures_county() -> CountyData:
    """Schools (urban 111 unless said): A primary; T primary (122); J junior (112); B junior
    (121, boarding, 200 beds); C nine-year (220, boarding, beds unknown); V private primary;
    S special education; P teaching point (220, flagged boarding); H senior (boarding, 500 beds);
    K1 public, K2 affordable private, K3 private kindergarten (普惠 unknown)."""
    schools = [
        school("A", name="城关小学"),
        school("T", name="镇小学", urban_rural_code="122", town_code="410306101"),
        school("J", "junior_school", name="城区初中", urban_rural_code="112"),
        school("B", "junior_school", name="镇初中", urban_rural_code="121",
               town_code="410306101", boarding=True, boarding_beds=200),
        school("C", "nine_year", name="村九年制", urban_rural_code="220",
               town_code="410306101", boarding=True),
        school("V", name="民办小学", ownership="private"),
        school("S", "special_education", name="特教学校"),
        school("P", "teaching_point", name="村教学点", urban_rural_code="220",
               town_code="410306101", boarding=True, central_school="C"),
        school("H", "senior_school", name="一高", boarding=True, boarding_beds=500),
        school("K1", "kindergarten", name="公办园"),
        school("K2", "kindergarten", name="普惠园", ownership="private", affordable=True),
        school("K3", "kindergarten", name="民办园", ownership="private"),
    ]
    rows = [
        classes("A", "g1", [56, 65, 66, 40]), classes("A", "g2", [55]),
        classes("T", "g1", [45]),
        classes("B", "g7", [70, 50], boarders=20),
        classes("C", "g1", [30]), classes("C", "g7", [60], boarders=20),
        classes("V", "g1", [58]),
        classes("S", "g1", [12]), classes("S", "k2", [8]),
        classes("P", "g1", [10]),
        classes("H", "s1", [70, 56]),
        classes("K1", "k1", [25]), classes("K1", "k0", [20]),
        classes("K2", "k2", [30]), classes("K3", "k3", [36]),
    ]
    enrolment = [
        {"school_id": "A", "grade": "g1", "entrants": 200, "zone_entrants": 190},
        {"school_id": "T", "grade": "g1", "entrants": 50, "zone_entrants": 45},
        {"school_id": "J", "grade": "g7", "entrants": 80, "zone_entrants": 78},
        {"school_id": "B", "grade": "g7", "entrants": 100, "zone_entrants": 90},
        {"school_id": "C", "grade": "g1", "entrants": 30, "zone_entrants": 30},
        {"school_id": "V", "grade": "g1", "entrants": 60, "zone_entrants": 0},
        {"school_id": "S", "grade": "g1", "entrants": 12, "zone_entrants": 0},
    ]
    villages = [village("410306001001", "410306001", "111", age_3=30, age_4=30, age_5=40),
                village("410306101001", "410306101", "220", age_3=10, age_4=10)]
    return county(schools=schools, classes=rows, enrolment=enrolment, villages=villages)
