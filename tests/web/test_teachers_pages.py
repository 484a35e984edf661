"""教师配置 pages: the county page for admins and inspectors, a school's own lists, downloads."""

from __future__ import annotations

import io

import pandas as pd

from .conftest import NINE_YEAR, PRIMARY


def test_county_page_shows_staffing_rotation_and_training(shared_user):
    page = shared_user("admin").get("/teachers")
    assert page.status_code == 200
    for text in ("教师配置", "各校编制", "示例县城关第一小学", "人、编、岗一致检查", "交流轮岗方案",
                 "符合条件教师 51 名，应交流不少于 6 名，安排 6 名，其中骨干教师 2 名",
                 "每百名学生拥有县级以上骨干教师数", "培训学时将不达标的教师"):
        assert text in page.text
    assert "None" not in page.text and "nan" not in page.text


def test_downloads(shared_user):
    admin = shared_user("admin")
    staffing = admin.get("/teachers/staffing.xlsx")
    assert staffing.status_code == 200
    sheets = pd.read_excel(io.BytesIO(staffing.content), sheet_name=None, engine="openpyxl")
    assert list(sheets) == ["编制测算", "学科余缺", "人编岗一致"]
    rotation = pd.read_excel(io.BytesIO(admin.get("/teachers/rotation.xlsx").content),
                             sheet_name="交流名单", engine="openpyxl")
    assert len(rotation) == 6
    assert admin.get("/teachers/other.xlsx").status_code == 404


def test_school_sees_its_own_lists_only(shared_user):
    school = shared_user("school_b")
    assert school.get("/teachers").status_code == 403
    assert school.get(f"/schools/{PRIMARY}/teachers").status_code == 403
    own = school.get(f"/schools/{NINE_YEAR}/teachers")
    assert own.status_code == 200
    # the example plan sends 5 junior teachers to 河口乡九年一贯制学校
    assert "交流到本校（5 名）" in own.text and "本校教师" in own.text
