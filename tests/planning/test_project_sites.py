"""New sites of 新建 and 迁建 projects (新址经度, 新址纬度, 所在乡镇代码) in planning.projects.

The hand-made county of test_projects: 城关镇 has the 村居 东关社区 (112.40, 34.60); 河口乡 has
上河村 (112.10, 34.25) and 下河村 (112.30, 34.35).

* N2 示例县城东新区小学 (450 places -> floor(450 / 45) = 10 rooms) at (112.42, 34.61): nearest
  村居 东关社区 (0.02° east and 0.01° north, against 上河村 0.32° / 0.36° away), so in 城关镇;
  with 所在乡镇代码 河口乡 it is in 河口乡 at the same site.
* S2 迁建 to (112.15, 34.22), done 2026-07-01: on its old site (112.1, 34.2) in 2025 (not yet
  in use by 1 September 2025), at the new site in 2026.
"""

from __future__ import annotations

import pandas as pd
import pytest
import test_projects
from test_projects import HEKOU, TOWN

from junheng.model import CountyData
from junheng.planning.projects import county_at

county = test_projects.county  # the hand-made county fixture


def _with(data: CountyData, name: str, **values) -> CountyData:
    projects = data.projects.copy()
    at = projects["name"] == name
    for key, value in values.items():
        projects.loc[at, key] = value
    villages = pd.concat([data.villages, pd.DataFrame([{
        "village_code": "410306001201", "name": "东关社区", "town_code": TOWN,
        "lon": 112.40, "lat": 34.60}])], ignore_index=True)
    return data.with_tables(projects=projects, villages=villages)


def _school(built, school_id: str) -> dict:
    rows = built.data.schools[built.data.schools["school_id"] == school_id]
    return rows.iloc[0].to_dict()


def test_a_new_school_stands_at_its_site_in_the_town_of_the_nearest_village(county):
    data = _with(county, "示例县城东新区小学新建工程", site_lon=112.42, site_lat=34.61)
    built = county_at(data, 2026)
    school = _school(built, "4103060801")
    assert (school["town_code"], school["lon"], school["lat"]) == (TOWN, 112.42, 34.61)
    assert school["school_type"] == "primary_school"
    assert "4103060801" in built.new_schools and not built.unplaced
    facility = built.data.facilities.set_index("school_id").loc["4103060801"]
    assert int(facility["classrooms"]) == 10
    entry = next(e for e in built.counted if e.school_id == "4103060801")
    assert entry.adds.endswith("新校（小学），位于城关镇（乡镇按新址最近的村居东关社区），"
                               "新址东经 112.4200 度、北纬 34.6100 度")


def test_a_new_school_with_a_town_code_is_in_that_town(county):
    data = _with(county, "示例县城东新区小学新建工程", site_lon=112.42, site_lat=34.61,
                 town_code=HEKOU)
    school = _school(county_at(data, 2026), "4103060801")
    assert (school["town_code"], school["lon"], school["lat"]) == (HEKOU, 112.42, 34.61)


def test_a_relocated_school_moves_from_the_year_it_is_in_use(county):
    data = _with(county, "河口乡初级中学迁建工程", site_lon=112.15, site_lat=34.22)
    before, after = county_at(data, 2025), county_at(data, 2026)
    assert (_school(before, "S2")["lon"], _school(before, "S2")["lat"]) == (112.1, 34.2)
    assert (_school(after, "S2")["lon"], _school(after, "S2")["lat"]) == (112.15, 34.22)
    assert after.no_build == before.no_build == frozenset({"S2"})
    entry = next(e for e in after.counted if e.name == "河口乡初级中学迁建工程")
    assert entry.adds.endswith("迁建：自竣工后的学年起按新址（东经 112.1500 度、北纬 34.2200 度）计")


def test_without_a_site_nothing_moves(county):
    built = county_at(county, 2026)
    assert (_school(built, "S2")["lon"], _school(built, "S2")["lat"]) == (112.1, 34.2)
    assert [e.school for e in built.unplaced] == ["示例县城东新区小学"]


@pytest.mark.parametrize("year", [2025])
def test_a_new_school_not_yet_in_use_is_not_placed(county, year):
    data = _with(county, "示例县城东新区小学新建工程", site_lon=112.42, site_lat=34.61)
    assert "4103060801" not in set(county_at(data, year).data.schools["school_id"])
