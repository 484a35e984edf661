"""Names instead of codes: 乡镇 name, 城乡分类 label and 所属中心校 by name on school pages."""

from __future__ import annotations

from .conftest import NINE_YEAR, PRIMARY

TEACHING_POINT = "4103060004"  # 河口乡上河教学点, 所属中心校 4103060003


def test_school_page_shows_town_name_urban_rural_label_and_central_school_name(shared_user):
    admin = shared_user("admin")
    assert "乡镇 河口乡 · 城乡分类 乡中心区" in admin.get(f"/schools/{NINE_YEAR}").text
    point = admin.get(f"/schools/{TEACHING_POINT}").text
    assert "乡镇 河口乡 · 城乡分类 村庄 · 所属中心校 河口乡九年一贯制学校" in point
    primary = admin.get(f"/schools/{PRIMARY}").text
    assert "乡镇 城关镇 · 城乡分类 主城区" in primary  # named by the 乡镇 sheet


def test_school_list_shows_the_town_name(shared_user):
    page = shared_user("admin").get("/schools").text
    assert "<th>乡镇</th>" in page and "<td>河口乡</td>" in page
