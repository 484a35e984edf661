"""The 自评报告's note between its re-check's books and the 整改's (review rv6 N11), from a
county's data and a compliance plan's actions."""

from __future__ import annotations

from dataclasses import replace

from junheng.model.county import CountyData
from junheng.report.books_bridge import books_note
from junheng.standards import Overlay


def test_the_note_names_the_school_the_target_year_makes_short():
    # 魏西坪村小学: 182 pupils, 3,587 books, standard 20 → 20 × 182 − 3,587 = 53 short today;
    # the 整改 buys those 53 and 200 at 第三初级中学 (met today, short after the layout):
    # 53 + 200 = 253
    d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
                                schools=[{"school_id": "A", "name": "魏西坪村小学", "school_type": "primary_school"}],
                                classes=[{"school_id": "A", "grade": "g1", "class_no": "1", "students": 182}],
                                facilities=[{"school_id": "A", "books": 3587}])
    d = replace(d, overlay=Overlay("河南省", "", {"basic-2012": {"books_per_student": {"primary": 20}}}))
    plan = {"target_year": 2030, "layout_year": 2030, "actions": [
        {"item": "books", "school_id": "A", "name": "魏西坪村小学", "quantity": 53.0},
        {"item": "books", "school_id": "S", "name": "第三初级中学", "quantity": 200.0}]}
    assert books_note(plan, d) == (
        "注：整改措施购置图书 253 册，上表按 2025 学年在校生复核缺 53 册；按 2030 学年在校生（含布局调整分流），"
        "第三初级中学另需 200 册，合计 253 册（53 + 200 = 253，见整改措施“图书配备”）。")
    # the 整改 buys what the re-check found short: no note; no plan: no note
    assert books_note({**plan, "actions": plan["actions"][:1]}, d) == ""
    assert books_note(None, d) == ""
