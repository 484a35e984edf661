"""The 县区排名 page: each county's latest province-run results, ranked, scoped to the user."""

from __future__ import annotations

from datetime import UTC, datetime

from junheng.store import open_store
from junheng.store.engine import transaction
from junheng.store.province import write_result

from .conftest import COUNTY


def _results(db_url: str) -> None:
    def row(code, job, status, result, error=""):
        return {"county_code": code, "school_year": 2025, "job": job, "stamp": "s",
                "county_name": "示例县" if code == COUNTY else "别县", "city_name": "洛阳市",
                "status": status, "result": result, "error": error, "seconds": 1.0,
                "worker": "w", "import_id": 1, "finished_at": datetime(2026, 3, 1, 8, 30, tzinfo=UTC)}

    quality = {"quality-2017": {"name": "优质均衡", "passes": False, "failures": 5, "pending": 0},
               "basic-2012": {"name": "基本均衡", "passes": True, "failures": 0, "pending": 0}}
    with open_store(db_url) as store, transaction(store.engine, write=True) as conn:
        write_result(conn, row(COUNTY, "evaluate", "done", quality))
        write_result(conn, row(COUNTY, "layout", "timeout", {"status": "time_limit"}))
        write_result(conn, row(COUNTY, "compliance", "failed", {}, "库中示例县的数据不符合工作簿规则。"))
        write_result(conn, row("410999", "evaluate", "done", quality))


def test_the_page_ranks_the_counties_in_scope_with_their_results_and_links(db_url, as_user):
    _results(db_url)
    page = as_user("admin").get("/province")
    assert page.status_code == 200
    text = page.text
    assert "示例县（410306）" in text and "别县" not in text
    assert "优质均衡未达标；基本均衡达标" in text
    assert "超时（保留最优可行方案）" in text
    assert "计算失败" in text and "库中示例县的数据不符合工作簿规则。" in text
    assert 'href="/plans/layout?county=410306&amp;year=2025"' in text
    # one county in the admin's scope: no 排名 column, and the page says why (rv22 finding 9)
    assert ("本页只有 1 个县区有评估结果，排名需要至少两个县区的结果，下表只列结果、不排名次。") in text
    assert '<th class="n">排名</th>' not in text
    assert 'href="/evaluation?county=410306&amp;year=2025"' in text
    assert "2026-03-01 16:30" in text  # 08:30 UTC in Beijing time (review 2026-12-04 finding 15)
    assert "数据已重新导入，结果待重算" not in text


def test_results_on_older_data_are_marked_for_recomputing(db_url, as_user):
    from junheng.io import example_county

    _results(db_url)
    with open_store(db_url) as store:
        store.import_county(example_county(), replace=True, source="again.xlsx")
    text = as_user("admin").get("/province").text
    assert "数据已重新导入，结果待重算" in text


def test_a_city_admin_sees_the_city_and_a_school_user_is_refused(db_url, as_user):
    _results(db_url)
    city = as_user("city_admin").get("/province")
    assert city.status_code == 200
    assert "<h1>洛阳市各县区排名与批量计算结果</h1>" in city.text and "示例县（410306）" in city.text
    assert "别县" not in city.text
    assert as_user("school_a").get("/province").status_code == 403


def test_without_results_the_page_says_how_to_compute_them(as_user):
    page = as_user("inspector").get("/province")
    assert page.status_code == 200
    # a county user has no city: the title reads 县区 once (review finding 15: 本县区县区排名)
    assert "<h1>各县区排名与批量计算结果</h1>" in page.text and "县区县区" not in page.text
    # rv22 finding 9: it says plainly that a ranking needs two counties' results
    assert ("还没有批量计算结果，无法排名：排名需要至少两个县区的批量计算结果，请由系统管理员在服务器上运行全省"
            "批量计算命令（见部署文档中的“全省批量计算”）。本县区的评估结果见“均衡评估”页。") in page.text


def test_a_countys_page_lists_its_failing_items_and_both_plans_rows(db_url, as_user):
    _results(db_url)
    plan = [{"school_id": "4103060001", "name": "示例县城关第一小学", "action": "close",
             "phase": 2, "merged_into": "4103060002", "added_classrooms": 0},
            # rooms built and borrowed by 临时周转 apart (planner review: one count each)
            {"school_id": "4103060002", "name": "示例县城关第二小学", "action": "expand", "phase": 2,
             "merged_into": None, "built_classrooms": 1, "temporary_classrooms": 2}]
    actions = [{"school_id": "4103060001", "name": "示例县城关第一小学", "item": "equipment",
                "quantity": 1250000.0, "unit": "元", "cost": 125.04, "year": 2026}]
    with open_store(db_url) as store, transaction(store.engine, write=True) as conn:
        write_result(conn, {"county_code": COUNTY, "school_year": 2025, "job": "layout",
                            "stamp": "s", "county_name": "示例县", "city_name": "洛阳市",
                            "import_id": 1, "status": "done",
                            "result": {"status": "optimal", "plan": plan}, "error": "",
                            "seconds": 1.0, "worker": "w"})
        write_result(conn, {"county_code": COUNTY, "school_year": 2025, "job": "compliance",
                            "stamp": "s2", "county_name": "示例县", "city_name": "洛阳市",
                            "import_id": 1, "status": "timeout",
                            "result": {"status": "time_limit", "plan": actions}, "error": "",
                            "seconds": 1.0, "worker": "w"})
    admin = as_user("admin")
    text = " ".join(admin.get(f"/province/{COUNTY}").text.split())
    assert "示例县（410306）2025 学年批量计算结果" in text
    assert "<td>示例县城关第一小学（4103060001）</td><td>撤并</td><td class=\"n\">2</td>" in text
    assert ("<th class=\"n\">新建教室</th><th class=\"n\">规划年临时周转教室（间，不新建）</th>" in text
            and "<td>—</td><td class=\"n\">1</td><td class=\"n\">2</td></tr>" in text)
    assert ("<td>示例县城关第一小学</td><td>购置教学仪器设备</td><td class=\"n\">1,250,000</td>"
            "<td>元</td><td class=\"n\">125</td>") in text
    assert "超时（保留最优可行方案）" in text
    assert as_user("other_admin").get(f"/province/{COUNTY}").status_code == 403
    assert admin.get("/province/410399").status_code == 403


def test_two_counties_in_scope_are_ranked(db_url, as_user):
    # the province admin sees 示例县 and 别县, both evaluated (5 failures each): the rank column
    # is back, without the one-county notice
    from .conftest import recoded_county

    with open_store(db_url) as store:
        store.import_county(recoded_county("410999", county_name="别县"), source="b.xlsx")
    _results(db_url)
    text = as_user("province_admin").get("/province").text
    assert '<th class="n">排名</th>' in text and "不排名次" not in text
    assert "示例县（410306）" in text and "别县（410999）" in text
