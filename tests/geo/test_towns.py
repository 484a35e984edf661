"""Town areas: Voronoi cells of the villages dissolved by town, and boundary files."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import Point, Polygon, box

from junheng.errors import ConfigError
from junheng.geo.towns import (
    FILE_NOTE,
    INFERRED_NOTE,
    boundary_file,
    cells_by_code,
    colour_indices,
    county_towns,
    read_boundaries,
    towns_from_points,
)


def test_four_villages_of_two_towns_split_the_widened_hull_at_the_bisector():
    # Hull [0,4]×[0,2] widened by 1 with mitred corners is [-1,5]×[-1,3]; the villages of
    # A (x = 0) and B (x = 4) are separated by the bisector x = 2.
    parts = cells_by_code([0, 0, 4, 4], [0, 2, 0, 2], ["A", "A", "B", "B"], margin=1)
    assert sorted(parts) == ["A", "B"]
    assert parts["A"].equals(box(-1, -1, 2, 3))
    assert parts["B"].equals(box(2, -1, 5, 3))
    assert parts["A"].intersection(parts["B"]).area == 0
    assert shapely.union_all(list(parts.values())).equals(box(-1, -1, 5, 3))


def test_three_towns_on_a_line_take_the_strips_between_the_bisectors():
    parts = cells_by_code([0, 2, 6, 6], [0, 0, 0, 2], ["A", "B", "C", "C"], margin=1)
    # Hull: triangle (0,0)-(6,0)-(6,2), widened; bisectors x = 1 (A|B) and x = 4 (B|C)
    # along the bottom edge. A's cell holds the point left of x = 1 on the base line.
    assert parts["A"].contains(Point(0.5, 0)) and parts["B"].contains(Point(1.5, 0))
    assert parts["B"].contains(Point(3.5, 0)) and parts["C"].contains(Point(4.5, 0))
    total = sum(p.area for p in parts.values())
    outline = shapely.union_all(list(parts.values()))
    assert total == pytest.approx(outline.area, abs=1e-9)  # no overlap


def test_villages_at_one_place_share_one_cell_given_to_the_first():
    parts = cells_by_code([0, 0, 4], [0, 0, 0], ["A", "B", "C"], margin=1)
    assert sorted(parts) == ["A", "C"]
    assert parts["A"].bounds == (-1.0, -1.0, 2.0, 1.0)


def test_one_village_is_its_whole_town_and_no_village_no_town():
    assert list(cells_by_code([1], [1], ["A"], margin=1)) == ["A"]
    assert cells_by_code([], [], [], margin=1) == {}


def test_towns_in_longitude_latitude_cover_the_villages_and_do_not_overlap():
    lon = [112.0, 112.01, 112.05, 112.06, 112.03, float("nan"), 112.2]
    lat = [34.0, 34.02, 34.0, 34.02, 34.05, 34.0, 34.0]
    codes = ["1", "1", "2", "2", "3", "1", None]
    towns = towns_from_points(lon, lat, codes, {"1": "甲镇", "2": "乙乡"})
    assert [(a.code, a.name) for a in towns.areas] == [("1", "甲镇"), ("2", "乙乡"), ("3", "")]
    assert towns.source == "villages" and towns.note == INFERRED_NOTE
    by_code = {a.code: a.geometry for a in towns.areas}
    for x, y, code in zip(lon[:5], lat[:5], codes[:5], strict=True):
        assert by_code[code].contains(Point(x, y))
    assert by_code["1"].intersection(by_code["2"]).area < 1e-12
    assert not any(g.contains(Point(112.2, 34.0)) for g in by_code.values())  # no code: left out
    # near 34.02° the border is the bisector of (112.01, 34.02) and (112.06, 34.02): 112.035°
    assert by_code["1"].contains(Point(112.0349, 34.022))
    assert by_code["2"].contains(Point(112.0351, 34.022))


def test_the_example_county_puts_every_village_in_its_own_town():
    from junheng.io import example_county

    data = example_county()
    towns = county_towns(data)
    by_code = {a.code: a.geometry for a in towns.areas}
    assert set(by_code) == {str(c) for c in data.villages["town_code"]}
    for v in data.villages.itertuples():
        assert by_code[str(v.town_code)].contains(Point(v.lon, v.lat)), v.name
    # the example workbook's 乡镇 sheet names both towns (410306001's schools start with the
    # county's name, so without the sheet its name would not be known)
    assert [(a.code, a.name) for a in towns.areas] == [("410306001", "城关镇"),
                                                       ("410306101", "河口乡")]


def _square(x: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]}


def _write(tmp_path, features) -> str:
    path = tmp_path / "towns.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                               ensure_ascii=False), encoding="utf-8")
    return path


def test_a_boundary_file_gives_one_area_per_town_named_from_the_county(tmp_path):
    path = _write(tmp_path, [
        {"type": "Feature", "properties": {"乡镇代码": "410331001000"}, "geometry": _square(0)},
        {"type": "Feature", "properties": {"乡镇代码": "410331001"}, "geometry": _square(1)},
        {"type": "Feature", "properties": {"乡镇名称": "河口乡"}, "geometry": _square(5)}])
    towns = read_boundaries(path, {"410331001": "城关镇"})
    assert towns.source == "file" and towns.note == FILE_NOTE
    assert [(a.code, a.name, a.geometry.area) for a in towns.areas] == [
        ("410331001", "城关镇", 2.0), ("河口乡", "河口乡", 1.0)]


def test_a_boundary_file_with_problems_is_refused_in_chinese(tmp_path):
    with pytest.raises(ConfigError, match=r"^找不到乡镇界线文件 .*none\.geojson。$"):
        read_boundaries(tmp_path / "none.geojson")
    bad = tmp_path / "bad.geojson"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是 UTF-8 编码的 GeoJSON 文件"):
        read_boundaries(bad)
    with pytest.raises(ConfigError, match="中没有要素"):
        read_boundaries(_write(tmp_path, []))
    with pytest.raises(ConfigError, match="第 1 个要素没有乡镇代码或名称"):
        read_boundaries(_write(tmp_path, [{"properties": {"面积": 3}, "geometry": _square(0)}]))
    point = {"type": "Point", "coordinates": [0, 0]}
    with pytest.raises(ConfigError, match=r"第 2 个要素（河口乡）不是面"):
        read_boundaries(_write(tmp_path, [{"properties": {"name": "甲"}, "geometry": _square(0)},
                                          {"properties": {"name": "河口乡"}, "geometry": point}]))


def test_the_boundary_folder_holds_one_file_per_county(tmp_path):
    (tmp_path / "410331.geojson").write_text("{}", encoding="utf-8")
    assert boundary_file(tmp_path, "410331") == tmp_path / "410331.geojson"
    assert boundary_file(tmp_path, "410332") is None
    assert boundary_file(None, "410331") is None


def test_touching_towns_get_different_colours():
    a = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    b = Polygon([(1, 0), (2, 0), (2, 1), (1, 1)])
    c = Polygon([(0, 1), (2, 1), (2, 2), (0, 2)])
    far = Polygon([(5, 5), (6, 5), (6, 6), (5, 6)])
    assert colour_indices([a, b, c, far], 6) == [0, 1, 2, 0]
    assert colour_indices([a, b, c], 2) == [0, 1, 0]  # all taken: wraps round by position
