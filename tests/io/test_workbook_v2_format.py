"""Format v2 read from files: version from the content, optional sheets and columns, dates,
Chinese 指标名称, and a v2 county that round-trips through a workbook exactly."""

import datetime as dt

import pandas as pd
import pytest

from junheng.io import inspect_workbook, read_grids, read_workbook, write_template
from junheng.io.reader import workbook_version
from junheng.model import OPTIONAL_KEYS, SHEETS, SHEETS_BY_KEY


def _col(sheet_key, column_key):
    return SHEETS_BY_KEY[sheet_key].keys.index(column_key)


def _v1_grids(grids):
    """The grids as format v1 wrote them: no v2 sheet, no v2 column."""
    out = {}
    for sheet in SHEETS:
        if sheet.optional:
            continue
        keep = [j for j, c in enumerate(sheet.columns) if c.since == "v1"]
        out[sheet.name] = [[row[j] for j in keep] for row in grids[sheet.name]]
    return out


def test_version_comes_from_a_v2_sheet_a_v2_column_or_the_template_mark(county, grids_of):
    grids = grids_of(county)
    v1 = _v1_grids(grids)
    assert workbook_version(v1) == "v1"
    assert workbook_version(grids) == "v2"
    with_column = {**v1, "教师": grids["教师"]}
    assert workbook_version(with_column) == "v2"
    marked = {**v1, "说明": [["县域教育数据工作簿模板（格式第 2 版）"]]}
    assert workbook_version(marked) == "v2"
    # a template written before the mark was worded in Chinese
    assert workbook_version({**v1, "说明": [["县域教育数据工作簿模板（格式 v2）"]]}) == "v2"
    assert workbook_version({**v1, "说明": [["县域教育数据工作簿模板（格式 v1）"]]}) == "v1"


def test_a_v2_workbook_may_leave_out_a_v2_sheet_and_is_told_so(county, grids_of):
    grids = grids_of(county)
    del grids["建设项目"]
    reading = read_grids(grids)
    assert reading.format_version == "v2"
    assert reading.data.projects.empty
    assert "工作簿没有工作表“建设项目”（第 2 版新增，可选），按空表处理。" in reading.notices


def test_a_v2_workbook_missing_a_v2_column_reads_it_as_unknown_with_a_notice(county, grids_of):
    grids = grids_of(county)
    j = _col("teachers", "backbone_year")
    grids["教师"] = [row[:j] + row[j + 1:] for row in grids["教师"]]
    reading = read_grids(grids)
    assert "工作表“教师”没有可选列“骨干认定年份”，按未知处理。" in reading.notices
    assert reading.data.teachers["backbone_year"].isna().all()
    assert reading.problems == []


def test_a_v1_workbook_gets_no_notice_for_the_v2_sheets_and_columns(county, grids_of):
    reading = read_grids(_v1_grids(grids_of(county)))
    assert reading.format_version == "v1"
    assert reading.notices == []
    assert all(reading.data.tables[key].empty for key in OPTIONAL_KEYS)


def test_the_example_county_with_every_v2_sheet_round_trips_through_a_workbook(
        county, xlsx_of):
    reading = inspect_workbook(xlsx_of(county))
    assert (reading.format_version, reading.problems, reading.notices) == ("v2", [], [])
    for key, frame in county.tables.items():
        pd.testing.assert_frame_equal(reading.data.tables[key], frame, check_dtype=True,
                                      obj=key)
    assert reading.data.rotations["start_date"].dtype == "datetime64[ns]"


def test_dates_as_excel_dates_text_or_serial_numbers_read_alike(county, grids_of, raw_xlsx):
    grids = grids_of(county)
    start = _col("projects", "start_date")
    forms = [dt.datetime(2024, 3, 1), "2024/3/1", "2024年3月1日", 45352, "20240301"]
    for i, form in enumerate(forms, start=1):
        grids["建设项目"][i][start] = form
    data = read_workbook(raw_xlsx(grids))
    assert data.projects["start_date"].head(len(forms)).tolist() == [pd.Timestamp(2024, 3, 1)] * 5


def test_a_date_that_is_not_a_date_is_located_with_its_cell(county, grids_of):
    grids = grids_of(county)
    grids["建设项目"][2][_col("projects", "completion_date")] = "明年夏天"
    grids["建设项目"][3][_col("projects", "start_date")] = "2025年3月"
    problems = read_grids(grids).problems
    assert [(p.sheet, p.row, p.column, p.value, p.message) for p in problems] == [
        ("建设项目", 3, "竣工日期", "明年夏天", "“竣工日期”应填日期（如 2025-09-01），“明年夏天”不是日期。"),
        ("建设项目", 4, "开工日期", "2025年3月", "“开工日期”填的“2025年3月”只有年月：请填写完整日期（年、月、日）。"),
    ]


def test_indicators_named_in_chinese_alone_get_their_codes(county, grids_of):
    grids = grids_of(county)
    code = _col("county_indicators", "indicator_code")
    name = _col("county_indicators", "indicator_name")
    grids["县级指标"][1][code] = None
    grids["县级指标"][1][name] = "教师平均工资收入水平与当地公务员平均工资收入水平之比"
    grids["县级指标"][5][code] = None
    grids["县级指标"][5][name] = "初中三年巩固率"
    reading = read_grids(grids)
    assert reading.problems == []
    assert reading.data.county_indicators["indicator_code"].tolist()[:5] == [
        "teacher_pay_ratio", "quality_hs_quota_share", "migrant_public_share",
        "disabled_enrolment_rate", "junior_retention_rate"]


def test_an_unlisted_indicator_name_without_a_code_is_a_problem_on_the_name(county, grids_of):
    grids = grids_of(county)
    grids["县级指标"][2][_col("county_indicators", "indicator_code")] = None
    grids["县级指标"][2][_col("county_indicators", "indicator_name")] = "本县自定指标"
    problems = read_grids(grids).problems
    assert [(p.sheet, p.row, p.column, p.value, p.message) for p in problems] == [
        ("县级指标", 3, "指标名称", "本县自定指标",
         "指标名称不在下拉列表中：请从下拉列表选择，或在“指标代码”列填写指标代码。")]


@pytest.fixture(scope="module")
def template_reading(tmp_path_factory):
    return inspect_workbook(write_template(tmp_path_factory.mktemp("t") / "模板.xlsx"))


def test_the_template_reads_as_v2(template_reading):
    assert template_reading.format_version == "v2"
    assert template_reading.notices == []
