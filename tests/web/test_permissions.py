"""Every route for every role: who may read, who may write, and the denials for everyone else.

Permissions are enforced by the server, so each check below goes straight to the URL (no
link is followed) and a logged-in user of the wrong role or scope gets 403.
"""

from __future__ import annotations

import pytest

from .conftest import COUNTY, NINE_YEAR, PRIMARY, csrf_of, post_form


@pytest.fixture
def as_user(shared_user):
    """Reads share one app and one login per user in this module."""
    return shared_user

COUNTY_PAGES = ("/evaluation", "/class-size", "/forecast", "/plans/layout", "/ledger",
                "/audit", "/province")


@pytest.mark.parametrize("path", ("/", "/schools", f"/schools/{PRIMARY}",
                                  f"/schools/{NINE_YEAR}", f"/schools/{NINE_YEAR}/facilities",
                                  "/submissions", "/import", *COUNTY_PAGES))
def test_admin_reads_every_page_of_the_county(as_user, path):
    assert as_user("admin").get(path).status_code == 200


@pytest.mark.parametrize("path", ("/", "/schools", f"/schools/{NINE_YEAR}",
                                  f"/schools/{NINE_YEAR}/facilities", "/submissions",
                                  *COUNTY_PAGES))
def test_inspector_reads_every_page_of_the_county(as_user, path):
    assert as_user("inspector").get(path).status_code == 200


def test_inspector_cannot_open_the_import_page(as_user):
    response = as_user("inspector").get("/import")
    assert response.status_code == 403
    assert "督学没有修改权限" in response.text


def test_city_admin_reaches_the_counties_of_the_city(as_user):
    client = as_user("city_admin")
    assert client.get(f"/?county={COUNTY}").status_code == 200
    assert client.get(f"/schools/{PRIMARY}").status_code == 200


def test_school_user_sees_its_own_school(as_user):
    client = as_user("school_a")
    assert client.get("/").headers["location"] == f"/schools/{PRIMARY}"
    assert client.get(f"/schools/{PRIMARY}").status_code == 200
    assert client.get(f"/schools/{PRIMARY}/facilities").status_code == 200
    table = client.get("/schools").text
    assert "示例县城关第一小学" in table
    assert "河口乡九年一贯制学校" not in table
    assert "示例县第一初级中学" not in table


@pytest.mark.parametrize("path", (f"/schools/{NINE_YEAR}", f"/schools/{NINE_YEAR}/facilities"))
def test_school_user_cannot_read_another_schools_pages(as_user, path):
    response = as_user("school_a").get(path)
    assert response.status_code == 403
    assert "您只能查看和填报本校数据" in response.text


@pytest.mark.parametrize("path", (*COUNTY_PAGES, "/import"))
def test_school_user_cannot_read_county_pages(as_user, path):
    assert as_user("school_a").get(path).status_code == 403


def test_school_user_cannot_post_to_another_schools_form(as_user):
    response = post_form(as_user("school_a"), f"/schools/{NINE_YEAR}/facilities",
                         {"version": "1", "import_id": "1", "teaching_area": "1"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ("/import/confirm", "/plans/layout", "/submissions/1/approve",
                                  "/submissions/1/reject"))
def test_school_user_cannot_post_county_actions(as_user, path):
    assert post_form(as_user("school_a"), path, {"version": "1", "token": "x"}
                     ).status_code in (403, 404)


@pytest.mark.parametrize("path", (f"/schools/{PRIMARY}/facilities", "/import/confirm",
                                  "/plans/layout", "/submissions/1/approve",
                                  "/submissions/1/reject"))
def test_inspector_posting_anything_gets_403(as_user, path):
    response = post_form(as_user("inspector"), path,
                         {"version": "1", "import_id": "1", "token": "x"})
    assert response.status_code == 403


def test_inspector_cannot_upload_a_workbook(as_user, tmp_path):
    client = as_user("inspector")
    response = client.post("/import", data={"csrf_token": csrf_of(client, "/")},
                           files={"file": ("a.xlsx", b"PK\x03\x04", "application/octet-stream")})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ("/", "/schools", f"/schools/{PRIMARY}", *COUNTY_PAGES,
                                  "/import"))
def test_admin_of_another_county_is_refused_this_county(as_user, path):
    sep = "&" if "?" in path else "?"
    response = as_user("other_admin").get(f"{path}{sep}county={COUNTY}")
    assert response.status_code == 403
    assert f"您没有查看县区 {COUNTY} 的权限" in response.text


def test_admin_of_another_county_cannot_approve_this_countys_submission(as_user):
    school = as_user("school_a")
    form = school.get(f"/schools/{PRIMARY}/facilities").text
    assert 'name="version" value="1"' in form
    response = post_form(school, f"/schools/{PRIMARY}/facilities",
                         _facility_form(version=1, import_id=1))
    assert response.status_code == 303
    submission = response.headers["location"].split("/")[2].split("?")[0]
    other = as_user("other_admin")
    assert other.get(f"/submissions/{submission}").status_code == 403
    assert post_form(other, f"/submissions/{submission}/approve",
                     {"version": "1"}).status_code == 403


def test_school_user_cannot_read_another_schools_submission(as_user):
    school_b = as_user("school_b")
    response = post_form(school_b, f"/schools/{NINE_YEAR}/facilities",
                         _facility_form(version=1, import_id=1, classes=_NINE_YEAR_CLASSES))
    assert response.status_code == 303, response.text
    submission = response.headers["location"].split("/")[2].split("?")[0]
    response = as_user("school_a").get(f"/submissions/{submission}")
    assert response.status_code == 403
    assert as_user("school_b").get(f"/submissions/{submission}").status_code == 200


def test_unknown_school_is_404(as_user):
    assert as_user("admin").get("/schools/9999999999").status_code == 404


_PRIMARY_CLASSES = [(g, str(n), s) for g, sizes in
                    (("g1", (46, 44)), ("g2", (45, 45)), ("g3", (47, 44)), ("g4", (45, 46)),
                     ("g5", (48, 43)), ("g6", (44, 45))) for n, s in enumerate(sizes, 1)]
_NINE_YEAR_CLASSES = [(g, "1", s) for g, s in (("g1", 32), ("g2", 30), ("g3", 33), ("g4", 31),
                                               ("g5", 34), ("g6", 35), ("g7", 38), ("g8", 36),
                                               ("g9", 37))]


def _facility_form(*, version: int, import_id: int, classes=None, **facility) -> dict:
    values = {"teaching_area": "2750", "sports_area": "4300", "equipment_value": "1250000",
              "books": "16500", "computers": "80", "multimedia_rooms": "13",
              "classrooms": "12", "music_rooms": "1", "music_room_area": "96",
              "art_rooms": "1", "art_room_area": "90", "outdoor_play_area": ""}
    values.update({k: str(v) for k, v in facility.items()})
    rows = _PRIMARY_CLASSES if classes is None else classes
    return {"version": str(version), "import_id": str(import_id), **values,
            "class_grade": [r[0] for r in rows], "class_class_no": [r[1] for r in rows],
            "class_students": [str(r[2]) for r in rows],
            "class_boarders": ["" for _ in rows], "class_migrant_students": ["" for _ in rows],
            "class_disabled_students": ["" for _ in rows]}
