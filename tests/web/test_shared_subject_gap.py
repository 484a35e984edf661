"""One rule for the 综合实践活动 gap on the web and in the documents (brief hweb3 item 2, review
rvweb2 finding 10): the web's teacher pages listed 「综合实践 … 缺额 15」 as a plain shortage while the
documents (report.staffing_rows) wrote 「综合实践活动等 3 人（任一学科教师可兼任）」. Both now write a
gap with report.subject_gaps, checked here on the demo county."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from junheng.report.staffing_rows import transfer_subjects
from junheng.store import open_store
from junheng.web import add_web_user, create_app
from junheng.web.teachers_view import teacher_pages

from .conftest import SECRET, close_app, login

SCHOOL = "4103310001"  # 洛北县实验小学
PASSWORD = "shared-gap-pw-9"


@pytest.fixture(scope="module")
def demo_admin(demo_years, tmp_path_factory):
    """The web on a store holding the demo county's newest school year; its admin logged in."""
    folder = tmp_path_factory.mktemp("demo-web")
    url = f"sqlite:///{folder / 'demo.db'}"
    data = demo_years[-1]
    store = open_store(url)
    store.import_county(data, source="demo.xlsx", user="test")
    add_web_user(store, username="demo_admin", password=PASSWORD, role="admin",
                 county_code=data.county_code)
    store.close()
    app = create_app(url, secret_key=SECRET, data_dir=folder / "web-data")
    with TestClient(app, follow_redirects=False) as client:
        assert login(client, "demo_admin", PASSWORD).status_code == 303
        yield client
    close_app(app)


def test_the_school_page_writes_the_practice_gap_as_the_documents_do(demo_years, demo_admin):
    # 洛北县实验小学: 2,273 pupils / 19 = 119.6 -> 测算编制 120; 综合实践活动等 take 15/91 of its
    # weekly class hours: 120 × 15 / 91 = 19.78 -> 应配 20; 5 full-time teachers -> 20 − 5 = 15
    [row] = [r for r in teacher_pages(demo_years[-1]).subjects
             if r["school_id"] == SCHOOL and r["subject"] == "practice"]
    assert (row["need"], row["have"], row["shortage"]) == (19.78, 5, 15)
    page = demo_admin.get(f"/schools/{SCHOOL}/teachers").text
    assert ('<tr><td>综合实践活动等</td><td class="n">20</td><td class="n">5</td>'
            '<td class="n">15（任一学科教师可兼任）</td><td class="n">0</td></tr>') in page
    said = "综合实践活动等 15 人（任一学科教师可兼任）"
    assert f'<p class="note" id="practice-note">{said}：按课时测算，不一定需要新招教师。</p>' in page
    # the documents' sentence of the same gap (a 转任 of 15 teachers to it) in the same words
    assert transfer_subjects({"subjects": {"practice": 15}}) == f"；按学科对口转任：{said}"


def test_only_the_group_any_teacher_may_teach_is_said_so(demo_years, demo_admin):
    rows = teacher_pages(demo_years[-1]).subjects
    shared = [r for r in rows if r["anyone"]]
    # the demo county (as the staffing report counts it): 118 rows of 综合实践活动等, 519 short
    assert {r["subject"] for r in shared} == {"practice"} and len(shared) == 118
    assert sum(r["shortage"] for r in shared) == 519
    assert not any(r["anyone"] for r in rows if r["subject"] != "practice")
    county = demo_admin.get("/teachers").text
    assert ('<p class="note" id="practice-note">综合实践活动等的缺额按课时测算（任一学科教师可兼任），'
            '不一定需要新招教师。</p>') in county
    # on the school page only that row says so: the other gaps (体育 among them) are plain
    page = demo_admin.get(f"/schools/{SCHOOL}/teachers").text
    cells = re.findall(r'<tr><td>([^<]+)</td><td class="n">[^<]*</td><td class="n">[^<]*</td>'
                       r'<td class="n">([^<]*)</td>', page)
    assert [label for label, short in cells if "可兼任" in short] == ["综合实践活动等"]
    assert all(short.isdigit() for label, short in cells if label != "综合实践活动等")
    assert "体育" in dict(cells) and len(cells) > 2
