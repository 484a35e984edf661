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
    # each 班额 band with its sizes (review rv2 finding 9: the ledger's 大班额 counts 56 人以上)
    assert "<td>大班额（义务教育，56–65 人）</td>" in page
    assert "<td>超大班额（义务教育，66 人及以上）</td>" in page


def test_one_stored_year_says_there_is_nothing_to_compare(shared_user):
    page = shared_user("inspector").get("/evaluation/compare").text
    assert "没有更早的学年可以对比" in page


def _with_cv(ev, stage: str, indicator: str, cv: float):
    """``ev`` with one stage's indicator CV set to ``cv`` (the rest as evaluated)."""
    from dataclasses import replace
    result = ev.stages[stage]
    indicators = {**result.indicators, indicator: replace(result.indicators[indicator], cv=cv)}
    return replace(ev, stages={**ev.stages, stage: replace(result, indicators=indicators)})


def test_cv_change_is_the_difference_of_the_two_shown_figures():
    """Review rv2 finding 4: 0.5224 → 0.5026 shows 0.522 → 0.503 and the change -0.019 (the
    自评 表6 figure), not -0.020; 0.3904 → 0.3595 reads -0.030, not -0.031."""
    from junheng.evaluate import evaluate
    from junheng.report.self_report.chapters import cv_changes
    from junheng.web.compare_view import cv_compare_rows
    ev = evaluate(example_county())
    stage = next(iter(ev.stages))
    first, second = list(ev.stages[stage].indicators)[:2]
    before = _with_cv(_with_cv(ev, stage, first, 0.5224), stage, second, 0.3904)
    after = _with_cv(_with_cv(ev, stage, first, 0.5026), stage, second, 0.3595)
    rows = cv_compare_rows(before, after)
    shown = [(r.before, r.after, r.change, r.worse) for r in rows[:2]]
    assert shown == [("0.522", "0.503", "-0.019", False), ("0.390", "0.360", "-0.030", False)]
    table = cv_changes(after, before)[0]
    assert [row[2:] for row in table[:2]] == [["0.522", "0.503", "-0.019"],
                                              ["0.390", "0.360", "-0.030"]]
