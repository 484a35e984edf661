"""Zoning files we have not seen: columns by name, projected coordinates, zipped shapefiles,
staff plans as files, names matched loosely, islands, holes, schools outside every block.
Every error path with its Chinese message; parsers and validators also under hypothesis."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from junheng.errors import ValidationError
from junheng.zones.build import build_input
from junheng.zones.io import folded, read_blocks, read_schools

FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def _refused(call) -> list[str]:
    """The located problems ``call()`` raises."""
    with pytest.raises(ValidationError) as exc:
        call()
    return [str(p) for p in exc.value.problems]


def _geojson(path, cells, props, crs=None):
    document = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": shapely.geometry.mapping(c), "properties": p}
        for c, p in zip(cells, props, strict=True)]}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _schools(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_column_lists_the_columns_the_file_has(tmp_path):
    blocks = _geojson(tmp_path / "b.geojson", [shapely.box(0, 0, 1, 1)], [{"GEOID": "1", "kids": 3}])
    assert _refused(lambda: read_blocks(blocks, id_field="BLOCK")) == [
        "b.geojson / BLOCK：找不到地块编号字段“BLOCK”，可用 --id 指定；现有字段：GEOID、kids。",
        "b.geojson / 学生数：找不到学生数字段（默认找 students、学生数、学生、pupils、人数），"
        "可用 --pupils 指定；现有字段：GEOID、kids。"]
    got = read_blocks(blocks, id_field="geoid", pupils_field="KIDS")  # case ignored
    assert got.names == ["1"] and got.pupils.tolist() == [3.0]


def test_school_csv_problems_with_chinese_headers(tmp_path):
    path = _schools(tmp_path / "s.csv", "学校名称,经度,纬度,学位\n甲小学,112.4,34.6,\n乙小学,112.5,34.6,-5\n"
                                        "甲小学,112.6,34.6,900\n")
    assert _refused(lambda: read_schools(path)) == [
        "s.csv / 第 2 行 / 学位：缺少容量。",
        "s.csv / 第 3 行 / 学位（值：-5）：容量应为不小于 0 的数。",
        "s.csv / 第 4 行 / 学校名称（值：甲小学）：学校名称重复（与第 2 行相同）。"]


def test_a_school_csv_without_capacity_column(tmp_path):
    path = _schools(tmp_path / "s.csv", "school,lon,lat,size\nA,1,2,3\n")
    assert _refused(lambda: read_schools(path)) == ["s.csv / 容量：找不到容量字段（默认找 capacity、容量、学位、学位数、核定学位），"
                              "可用 列名 capacity 指定；现有字段：school、lon、lat、size。"]


# A 2×1 strip of 1 km squares in CGCS2000 / 3-degree Gauss-Kruger CM 111E (EPSG:4547 metres).
def _projected_strip(tmp_path, crs):
    cells = [shapely.box(500000 + 1000 * c, 3830000, 501000 + 1000 * c, 3831000) for c in range(2)]
    return _geojson(tmp_path / "p.geojson", cells, [{"id": "A", "students": 1},
                                                   {"id": "B", "students": 2}], crs)


def test_projected_coordinates_without_a_system_are_refused(tmp_path):
    assert _refused(lambda: read_blocks(_projected_strip(tmp_path, None))) == ["p.geojson / 坐标（值：500000, 3830000）：坐标不是经纬度，文件也未说明坐标系："
                              "请用 --crs 给出坐标系（如 EPSG:4547、EPSG:27700），或把文件转换为经纬度（WGS84）。"]


def test_projected_blocks_and_schools_are_measured_in_metres(tmp_path):
    blocks = read_blocks(_projected_strip(tmp_path, None), crs="EPSG:4547")
    assert blocks.crs == "EPSG:4547"
    schools = read_schools(_schools(tmp_path / "s.csv", "school,x,y,capacity\n甲,500500,3830500,9\n"
                                                        "乙,501500,3830500,9\n"), crs=blocks.crs)
    data = build_input(blocks, schools)
    # Centres 1 km apart east-west on the ellipsoid at 34.6°N; on the sphere of radius
    # 6,371.0088 km the distances use, 1000 × 6371.0088 / N(34.6°) = 1000 × 6371.0088 /
    # 6385.03 = 997.8 m (N: the ellipsoid's prime-vertical radius there).
    assert np.round(data.problem.distance * 1000).tolist() == [[0.0, 998.0], [998.0, 0.0]]
    assert data.problem.edges.tolist() == [[0, 1]]


def test_a_wrong_system_is_said(tmp_path):
    assert _refused(lambda: read_blocks(_projected_strip(tmp_path, "EPSG:坐标"))) == ["p.geojson / 坐标系（值：EPSG:坐标）：无法识别的坐标系：请转换为经纬度（WGS84）。"]


def test_a_zipped_shapefile_is_read(tmp_path):
    pytest.importorskip("pyogrio")
    from pyogrio.raw import write

    cells = [shapely.box(112.40 + 0.01 * c, 34.59, 112.41 + 0.01 * c, 34.60) for c in range(2)]
    folder = tmp_path / "shp"
    folder.mkdir()
    write(folder / "blocks.shp", shapely.to_wkb(cells), [np.array(["A", "B"], object),
                                                        np.array([4, 6])],
          fields=["ID", "PUPILS"], geometry_type="Polygon", crs="EPSG:4326",
          driver="ESRI Shapefile")
    archive = tmp_path / "blocks.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in folder.iterdir():
            z.write(f, f"data/{f.name}")
    blocks = read_blocks(archive)
    assert blocks.names == ["A", "B"] and blocks.pupils.tolist() == [4.0, 6.0]


def test_a_zip_without_a_map_is_said(tmp_path):
    archive = tmp_path / "x.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "无")
    assert _refused(lambda: read_blocks(archive)) == ["x.zip：压缩包中没有 shapefile（.shp）或 GeoJSON 文件。"]


def _row_of_three(tmp_path, extra=None):
    cells = [shapely.box(c, 0, c + 1, 1) for c in range(3)]
    props = [{"id": f"B{c}", "students": 10, "now": "Oak ES", **(extra or {})} for c in range(3)]
    return _geojson(tmp_path / "b.geojson", cells, props)


def test_a_staff_plan_file_is_read_and_checked(tmp_path):
    staff = tmp_path / "planA.csv"
    staff.write_text("block,school\nb0, oak es \nB9,Elm ES\nB1,Elm ES\nB1,Oak ES\n", encoding="utf-8")
    assert _refused(lambda: read_blocks(_row_of_three(tmp_path), staff_fields=[str(staff)])) == ["planA.csv / 第 3 行 / block（值：B9）：地块编号不在地块文件中。",
                              "planA.csv / 第 5 行 / block（值：B1）：地块重复出现。"]
    staff.write_text("地块,学校\nb0, oak es \nB1,Elm ES\nB2,elm  es\n", encoding="utf-8")
    blocks = read_blocks(_row_of_three(tmp_path), staff_fields=[str(staff)], current_field="now")
    schools = read_schools(_schools(tmp_path / "s.csv", "school,lon,lat,capacity\n"
                                                        "Oak ES,0.5,0.5,20\nElm ES,2.5,0.5,20\n"))
    data = build_input(blocks, schools)
    assert data.staff["planA"].tolist() == [0, 1, 1]
    assert data.problem.current.tolist() == [0, 0, 0]


def test_an_island_is_joined_to_its_nearest_block_and_said(tmp_path):
    # B0 | B1 touch; B2 lies 1° east of B1, touching nothing and holding no school. B1 and B2
    # centres: 2° of longitude at 0.5°N = 2 × 111.195 × cos 0.5° = 222.38 km.
    cells = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(3, 0, 4, 1)]
    props = [{"id": f"B{c}", "students": 5} for c in range(3)]
    blocks = read_blocks(_geojson(tmp_path / "b.geojson", cells, props))
    schools = read_schools(_schools(tmp_path / "s.csv", "school,lon,lat,capacity\n甲,0.5,0.5,20\n"))
    data = build_input(blocks, schools)
    assert data.problem.edges.tolist() == [[0, 1], [1, 2]]
    assert data.notes == ("地块B2与其他地块都不相邻（岛或飞地），按直线距离视为与最近的地块B1相邻"
                          "（相距 222.38 公里），可划入B1所在的学区。",)


def test_multipolygons_holes_zero_pupils_and_a_school_outside(tmp_path):
    # B0: a square with a hole that B1 fills exactly; B2: two squares (a multipolygon) east
    # of B0, one touching it. B1 has no pupils. 乙 stands 1° south of B2's far square: its
    # block is B2, 111.195 km away (1° of latitude), though B2's first square is nearer B0.
    ring = shapely.box(0, 0, 3, 3).difference(shapely.box(1, 1, 2, 2))
    multi = shapely.MultiPolygon([shapely.box(3, 0, 4, 1), shapely.box(5, 0, 6, 1)])
    props = [{"id": "B0", "students": 4}, {"id": "B1", "students": 0}, {"id": "B2", "students": 7}]
    blocks = read_blocks(_geojson(tmp_path / "b.geojson", [ring, shapely.box(1, 1, 2, 2), multi],
                                  props))
    schools = read_schools(_schools(tmp_path / "s.csv", "school,lon,lat,capacity\n甲,1.5,1.5,20\n"
                                                        "乙,5.5,-1,20\n"))
    data = build_input(blocks, schools)
    assert data.problem.edges.tolist() == [[0, 1], [0, 2]]
    assert data.problem.root.tolist() == [1, 2]
    assert data.notes == ("乙不在任何地块内，按最近的地块B2（相距 111.20 公里）作为其所在地块。",)


_cells = st.one_of(st.integers(0, 10**6).map(str),
                   st.floats(0, 1e6, allow_nan=False).map(lambda v: f"{v:.3f}"),
                   st.integers(-10**6, -1).map(str), st.sampled_from(["", "十", "n/a", "1e400"]))


@FAST
@given(st.lists(_cells, min_size=1, max_size=12))
def test_every_bad_pupil_count_is_located_and_good_ones_read_exactly(tmp_path, cells):
    path = tmp_path / "b.csv"
    path.write_text("id,lon,lat,students\n" + "".join(
        f"b{i},112.{i:02d},34.6,{v}\n" for i, v in enumerate(cells)), encoding="utf-8")

    def good(v):
        try:
            return 0 <= float(v) < float("inf")
        except ValueError:
            return False

    expected = [f"b.csv / 第 {i + 2} 行 / students（值：{v}）：学生数应为不小于 0 的数。"
                for i, v in enumerate(cells) if v and not good(v)]
    if expected:
        assert _refused(lambda: read_blocks(path)) == expected
        return
    blocks = read_blocks(path)
    assert blocks.pupils.tolist() == [float(v) if v else 0.0 for v in cells]
    blank = [str(i + 2) for i, v in enumerate(cells) if not v]
    assert blocks.notes == ((f"b.csv有 {len(blank)} 个地块的学生数（students）为空，按 0 人计（第 "
                             f"{'、'.join(blank[:5])}{' 等' if len(blank) > 5 else ''} 行）。",)
                            if blank else ())


def test_schools_from_a_geojson_of_points(tmp_path):
    path = _geojson(tmp_path / "s.geojson", [shapely.Point(112.4, 34.6), shapely.Point(112.5, 34.7)],
                    [{"NAME": "甲小学", "学位": "900"}, {"NAME": "乙小学", "学位": 450}])
    schools = read_schools(path)
    assert schools.names == ["甲小学", "乙小学"] and schools.capacity.tolist() == [900.0, 450.0]
    assert schools.lon.tolist() == [112.4, 112.5] and schools.lat.tolist() == [34.6, 34.7]


_name = st.text(st.sampled_from("ab甲乙 EsS"), min_size=1, max_size=8).filter(str.strip)


@FAST
@given(_name, st.sampled_from([str.upper, str.lower, lambda s: f"  {s} ", lambda s: s.replace(" ", "  ")]))
def test_a_school_is_found_whatever_its_case_and_spacing(tmp_path, name, vary):
    blocks = tmp_path / "b.csv"
    blocks.write_text(f"id,lon,lat,students,cur\nA,112.40,34.6,5,\"{vary(name)}\"\n", encoding="utf-8")
    schools = tmp_path / "s.csv"
    schools.write_text(f"school,lon,lat,capacity\n\"{name}\",112.40,34.6,10\n", encoding="utf-8")
    data = build_input(read_blocks(blocks, current_field="cur"), read_schools(schools))
    assert data.problem.current.tolist() == [0]
    assert folded(vary(name)) == folded(name)


@FAST
@given(st.lists(st.sampled_from(["a", "A", " a", "b", "B ", "c"]), min_size=2, max_size=6))
def test_duplicate_ids_are_the_repeats_after_trimming_and_case(tmp_path, ids):
    path = tmp_path / "b.csv"
    path.write_text("id,lon,lat,students\n" + "".join(
        f"\"{v}\",112.{i:02d},34.6,1\n" for i, v in enumerate(ids)), encoding="utf-8")
    first: dict[str, int] = {}
    expected = []
    for i, v in enumerate(ids):
        key = v.strip().lower()
        if key in first:
            expected.append(f"b.csv / 第 {i + 2} 行 / id（值：{v.strip()}）：地块编号重复（与第 {first[key]} 行相同）。")
        else:
            first[key] = i + 2
    if expected:
        assert _refused(lambda: read_blocks(path)) == expected
    else:
        assert read_blocks(path).names == [v.strip() for v in ids]


def test_a_school_outside_its_zone_today_starts_from_its_zone(tmp_path):
    # Four unit squares in a row; 乙 sits in B0, 甲 in B1, but today B0, B1 are 乙's and B2,
    # B3 甲's: 甲's zone must hold B2 (its zone's block nearest the school, 1° east of it at
    # the equator: 111.19 km), not B1, so today's zones stay a valid plan.
    cells = [shapely.box(c, 0, c + 1, 1) for c in range(4)]
    props = [{"id": f"B{c}", "students": 5, "now": "乙" if c < 2 else "甲"} for c in range(4)]
    blocks = read_blocks(_geojson(tmp_path / "b.geojson", cells, props), current_field="now")
    schools = read_schools(_schools(tmp_path / "s.csv", "school,lon,lat,capacity\n"
                                                        "甲,1.5,0.5,20\n乙,0.5,0.5,20\n"))
    data = build_input(blocks, schools)
    assert data.problem.root.tolist() == [2, 0]
    assert data.notes == ("甲所在的地块B1现划入乙：甲的学区改为必须包含其现学区内离学校最近的地块B2"
                          "（相距 111.19 公里）。",)
    from junheng.zones.check import check_plan

    assert check_plan(data.problem, data.problem.current) == []
