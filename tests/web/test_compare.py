"""学年对比: the selected school year against an earlier stored one."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from junheng.io import example_county
from junheng.model import CountyData
from junheng.store import open_store

from .conftest import close_app, copy_db, login, make_app


def year_before(data: CountyData) -> CountyData:
    """The example county one school year earlier, with two classes fewer at the first school."""
    year = data.school_year - 1
    history = data.enrolment_history
    teachers = data.teachers.assign(school_start_year=data.teachers["school_start_year"]
                                    .clip(upper=year))
    classes = data.classes.iloc[2:]
    return CountyData({**data.info, "school_year": year},
                      {**data.tables, "classes": classes, "teachers": teachers,
                       "enrolment_history": history[history["school_year"] < year]})


@pytest.fixture
def two_years(template_db, tmp_path):
    url = copy_db(template_db, tmp_path)
    store = open_store(url)
    store.import_county(year_before(example_county()), source="2024.xlsx", user="test")
    store.close()
    application = make_app(url, tmp_path)
    with TestClient(application, follow_redirects=False) as client:
        login(client, "inspector")
        yield client
    close_app(application)


def test_two_years_side_by_side_with_the_change(two_years):
    page = two_years.get("/evaluation/compare?county=410306&year=2025").text
    assert "基本情况（2024 学年 → 2025 学年）" in page
    latest, earlier = example_county(), year_before(example_county())
    dropped = int(latest.classes["students"].iloc[:2].sum())
    assert re.search(r"<td>班级</td><td class=\"n\">38</td><td class=\"n\">40</td>"
                     r"<td class=\"n \">\+2</td>", page)
    students = f"{int(earlier.classes['students'].sum()):,}"
    assert f"<td class=\"n\">{students}</td><td class=\"n\">1,523</td>" in page
    assert f"+{dropped:,}" in page
    assert "小学 · " in page and "优质均衡校际差异系数" in page


def test_one_stored_year_says_there_is_nothing_to_compare(shared_user):
    page = shared_user("inspector").get("/evaluation/compare").text
    assert "没有更早的学年可以对比" in page
