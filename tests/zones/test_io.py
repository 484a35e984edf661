"""Zoning files: every problem located in Chinese (file, row, column, value), nothing solved."""

from __future__ import annotations

import json

import pytest

from junheng.errors import ValidationError
from junheng.zones.build import build_input
from junheng.zones.io import read_blocks, read_schools


def _problems(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_blocks_csv_problems_are_located(tmp_path):
    path = tmp_path / "blocks.csv"
    path.write_text("id,lon,lat,students\nA,112.4,34.6,-3\nA,东经,34.6,5\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        read_blocks(path)
    assert _problems(exc) == [
        "blocks.csv / 第 3 行 / lon（值：东经）：缺少坐标或坐标不是数值。",
        "blocks.csv / 第 2 行 / students（值：-3）：学生数应为不小于 0 的数。",
        "blocks.csv / 第 3 行 / id（值：A）：地块编号重复（与第 2 行相同）。"]


def test_not_geojson_is_said_so(tmp_path):
    path = tmp_path / "blocks.geojson"
    path.write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        read_blocks(path)
    assert _problems(exc) == ["blocks.geojson：不是有效的 GeoJSON 要素集合（FeatureCollection）。"]


def test_two_schools_in_one_block_both_get_a_zone(tmp_path):
    # 甲 and 乙 both sit in A (points: the nearest point). Without zones today A goes to the
    # first listed, 甲; 乙's zone must hold A's free neighbour B instead, and the note says so.
    blocks = tmp_path / "blocks.csv"
    blocks.write_text("id,lon,lat,students\nA,112.40,34.6,5\nB,112.41,34.6,5\n", encoding="utf-8")
    schools = tmp_path / "schools.csv"
    schools.write_text("school,lon,lat,capacity\n甲,112.400,34.6,10\n乙,112.401,34.6,10\n",
                       encoding="utf-8")
    data = build_input(read_blocks(blocks), read_schools(schools))
    assert data.problem.root.tolist() == [0, 1]
    assert data.notes == ("乙与甲位于同一地块A：该地块划入甲，乙的学区改为必须包含相邻地块B。",)


def test_two_schools_in_a_block_without_a_free_neighbour_are_refused(tmp_path):
    blocks = tmp_path / "blocks.csv"
    blocks.write_text("id,lon,lat,students\nA,112.40,34.6,5\nB,112.41,34.6,5\n", encoding="utf-8")
    schools = tmp_path / "schools.csv"
    schools.write_text("school,lon,lat,capacity\n甲,112.400,34.6,10\n乙,112.401,34.6,10\n"
                       "丙,112.41,34.6,10\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        build_input(read_blocks(blocks), read_schools(schools))
    assert _problems(exc) == ["学校 / 第 3 行 / school（值：乙）：与甲位于同一地块A，且相邻地块都已有学校："
                              "请拆分该地块或合并两校。"]


def test_an_unknown_current_school_is_located(tmp_path):
    blocks = tmp_path / "blocks.csv"
    blocks.write_text("id,lon,lat,students,cur\nA,112.40,34.6,5,甲\nB,112.41,34.6,5,丙\n",
                      encoding="utf-8")
    schools = tmp_path / "schools.csv"
    schools.write_text("school,lon,lat,capacity\n甲,112.400,34.6,10\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        build_input(read_blocks(blocks, current_field="cur"), read_schools(schools),
                    source="blocks.csv")
    assert _problems(exc) == ["blocks.csv / 第 3 行 / 现学校（值：丙）：不是学校文件中的学校"
                              "（按名称或代码，不计首尾空格和大小写）。"]


def test_projected_geojson_is_read_in_degrees(tmp_path):
    # A 0.01° cell at 112.4°E 34.6°N written in Web Mercator (EPSG:3857) reads back in degrees.
    from pyproj import Transformer

    forward = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    corners = [(112.40, 34.60), (112.41, 34.60), (112.41, 34.59), (112.40, 34.59), (112.40, 34.60)]
    ring = [list(forward.transform(x, y)) for x, y in corners]
    path = tmp_path / "blocks.geojson"
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        "features": [{"type": "Feature", "properties": {"id": "A", "students": 3},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}}]}))
    bounds = read_blocks(path).geometries[0].bounds
    assert [round(v, 6) for v in bounds] == [112.40, 34.59, 112.41, 34.60]


def test_a_shapefile_is_read(tmp_path):
    pytest.importorskip("pyogrio")
    import numpy as np
    import shapely
    from pyogrio.raw import write

    cells = [shapely.box(112.40 + 0.01 * c, 34.59, 112.41 + 0.01 * c, 34.60) for c in range(2)]
    path = tmp_path / "blocks.shp"
    write(path, shapely.to_wkb(cells), [np.array(["A", "B"], object), np.array([4, 6])],
          fields=["id", "students"], geometry_type="Polygon", crs="EPSG:4326",
          driver="ESRI Shapefile")
    blocks = read_blocks(path)
    assert blocks.names == ["A", "B"] and blocks.pupils.tolist() == [4.0, 6.0]
