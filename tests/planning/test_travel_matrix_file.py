"""The travel matrix file a user gives ``plan layout --travel-matrix`` (jobs.layout.read_travel_matrix):
Chinese headers as the 就近划片 files have them, the code headers, GBK from Excel, and each error."""

import pytest

from junheng.errors import ConfigError
from junheng.jobs.layout import read_travel_matrix


def test_chinese_headers_saved_as_gbk_read_as_the_codes(tmp_path):
    path = tmp_path / "通行时间.csv"
    path.write_bytes("村居代码,学校代码,分钟\n410306001,0012,12.5\n".encode("gbk"))
    frame = read_travel_matrix(path)
    assert frame.to_dict("records") == [{"village_code": "410306001", "school_id": "0012", "minutes": 12.5}]


def test_code_headers_still_read(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("village_code,school_id,Minutes\n01,S1,3\n", encoding="utf-8")
    assert read_travel_matrix(path).to_dict("records") == [{"village_code": "01", "school_id": "S1", "minutes": 3.0}]


@pytest.mark.parametrize(("text", "said"), [
    ("村居代码,分钟\n01,3\n", "缺少列：学校代码（表头应为 村居代码、学校代码、分钟）。"),
    ("村居代码,学校代码,分钟\n01,S1,3\n02,S1,半小时\n", "第 3 行“分钟”为“半小时”：应为非负的分钟数。"),
])
def test_a_missing_column_or_a_bad_minute_is_named_in_chinese(tmp_path, text, said):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_travel_matrix(path)
    assert str(err.value) == f"通行时间表 {path} {said}"


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(ConfigError, match="找不到通行时间表文件"):
        read_travel_matrix(tmp_path / "无.csv")


def test_no_file_no_matrix():
    assert read_travel_matrix(None) is None
