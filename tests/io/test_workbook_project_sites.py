"""建设项目's optional 新址经度, 新址纬度 and 所在乡镇代码: their rules and exact messages.

The example county's 建设项目 (frame row i is Excel row i + 2): 1 城关第一小学 改扩建, 3 新建城东小学
(its site 112.6010, 34.9025 in 城关镇), 4 实验幼儿园 迁建 (竣工, its new site as in 学校). Any float in 新址经度 (新址纬度) is a problem exactly when it is outside
73–135.5 (3.5–53.6) or not finite (hypothesis).
"""


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_builders import check_problem

from junheng.io import validate_county


def _sited(county, edit, position=3, lon=112.5, lat=34.7, **more):
    return edit(county, "projects", position, site_lon=lon, site_lat=lat, **more)


def test_a_new_school_with_its_site_and_town_is_valid(county, edit):
    assert validate_county(_sited(county, edit, town_code="410306001")) == []
    assert validate_county(_sited(county, edit, position=4)) == []


def test_a_site_needs_both_coordinates(county, edit):
    only_lon = edit(county, "projects", 3, site_lon=112.5, site_lat=None)
    check_problem(only_lon, "建设项目", 5, "新址纬度", None, "已填新址经度，须同时填写新址纬度。")


def test_only_a_new_build_or_relocation_has_a_new_site(county, edit):
    problems = validate_county(_sited(county, edit, position=1))
    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (3, "新址经度", 112.5, "只有新建、迁建项目填写新址：其他项目在原校址建设，请留空。"),
        (3, "新址纬度", 34.7, "只有新建、迁建项目填写新址：其他项目在原校址建设，请留空。")]


def test_only_a_new_build_names_its_town(county, edit):
    check_problem(edit(county, "projects", 4, town_code="410306001"), "建设项目", 6, "所在乡镇代码",
                  "410306001",
                  "只有新建学校填写所在乡镇代码：其他项目的学校已在“学校”表中登记乡镇，请留空。")


def test_a_new_schools_town_is_of_this_county(county, edit):
    check_problem(edit(county, "projects", 3, town_code="410307001"), "建设项目", 5, "所在乡镇代码",
                  "410307001", "乡镇代码不属于本县区：前 6 位应为县区代码 410306。")


_REASON = {"site_lon": "经度应在东经 73–135.5 度", "site_lat": "纬度应在北纬 3.5–53.6 度"}
_HEADER = {"site_lon": "新址经度", "site_lat": "新址纬度"}
_RANGE = {"site_lon": (73.0, 135.5), "site_lat": (3.5, 53.6)}


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(["site_lon", "site_lat"]),
       value=st.floats(allow_nan=False, allow_infinity=False, width=32))
def test_a_coordinate_is_refused_exactly_outside_china(county, edit, column, value):
    data = _sited(county, edit, **{column.removeprefix("site_"): value})
    problems = [p for p in validate_county(data) if p.column == _HEADER[column]]
    low, high = _RANGE[column]
    inside = low <= value <= high
    assert len(problems) == (0 if inside else 1)
    if not inside:
        problem = problems[0]
        assert (problem.sheet, problem.row, problem.value) == ("建设项目", 5, value)
        assert problem.message.startswith(f"“{_HEADER[column]}”为 ")
        assert problem.message.endswith(f"，不在中国境内（{_REASON[column]}之间）：请检查经纬度是否填反，"
                                        "新址按 WGS84 坐标填写。")
