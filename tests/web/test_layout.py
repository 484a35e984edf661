"""布局规划 on the web: the scenario form, the worker process, progress, result and downloads."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import quote

import pytest

from junheng.errors import ConfigError
from junheng.web import layout_view

from .conftest import csrf_of


def _form(client, **changes) -> dict:
    values = layout_view.default_values(2025)
    values.update({k: str(v) for k, v in changes.items()})
    data = {k: v for k, v in values.items() if v != ""}
    data["csrf_token"] = csrf_of(client, "/plans/layout")
    return data


def test_the_form_carries_the_planners_defaults():
    values = layout_view.default_values(2025)
    assert float(values["day_travel_limit_min"]) == 30
    assert values["boarding_per_town"] == "on"
    assert values["min_school_size.teaching_point"] == "30"
    assert values["target_year"] == "2030"  # data year + 5
    # prices from the unit-price file the compliance path uses; no budget unless given
    assert values["costs.teaching_yuan_per_m2"] == "3500"
    # money in 万元 (review rw finding 8): 12,000,000 元 is 1,200 万元, 19,200 元 (the per-site
    # default, one guard at 河南's minimum wage: brief hguard) is 1.92 万元
    assert values["costs.new_school_yuan"] == "1,200"
    assert values["weights.operating_yuan_per_school"] == "1.92"
    assert values["annual_budget_yuan"] == ""


def test_the_form_values_become_a_config_the_planner_accepts():
    values = layout_view.default_values(2025)
    values.update({"day_travel_limit_min": "25", "keep": "4103060004， 4103060001",
                   "boarding_per_town": "", "weights.operating_yuan_per_school": "30"})
    config = layout_view.config_from_form(values)
    assert config["day_travel_limit_min"] == 25.0
    assert config["keep"] == ["4103060004", "4103060001"]
    assert config["boarding_per_town"] is False
    assert config["weights"]["operating_yuan_per_school"] == 300000.0  # 30 万元 × 10,000
    assert config["weights"]["yuan_per_pupil_minute"] == 0.2  # untouched defaults kept


def test_a_non_number_is_refused_with_the_fields_label():
    values = layout_view.default_values(2025)
    values["phases"] = "三"
    with pytest.raises(ConfigError, match=re.escape("“给出每年建设预算时的预算年数，总投资不超过每年预算乘以该年数”应为数字（只写数字和小数点，不加空格、逗号或下划线），现为“三”。")):
        layout_view.config_from_form(values)


def test_a_value_the_planner_refuses_is_shown_on_the_page(as_user):
    admin = as_user("admin")
    response = admin.post("/plans/layout", data=_form(admin, day_travel_limit_min="-5"))
    assert response.status_code == 422
    assert "方案配置有误：“走读学生单程通行分钟数上限”值 -5.0 无效：应大于 0" in response.text
    from .leaks import visible_text

    assert "day_travel_limit_min" not in visible_text(response.text)


def test_an_unknown_job_is_404(as_user):
    assert as_user("admin").get("/plans/layout/jobs/20250101000000-deadbeef").status_code == 404
    assert as_user("admin").get("/plans/layout/jobs/..%2F..%2Fetc").status_code == 404


def _wait(client, path: str, timeout: float = 120.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = client.get(f"{path}/progress", headers={"HX-Request": "true"})
        assert progress.status_code == 200
        if progress.headers.get("HX-Refresh") == "true":
            return client.get(path).text
        assert "<progress" in progress.text
        time.sleep(0.3)
    raise AssertionError("规划任务超时")


@pytest.mark.slow
def test_a_scenario_runs_in_the_worker_and_shows_map_actions_and_downloads(app, as_user):
    admin = as_user("admin")
    response = admin.post("/plans/layout", data=_form(admin, name="测试方案", time_limit_s=30))
    assert response.status_code == 303
    path = response.headers["location"]
    job_id = path.rsplit("/", 1)[1]
    page = _wait(admin, path)
    assert "最优" in page or "可行方案" in page
    assert 'class="map"' in page
    assert "调整前后对比" in page and "教学点数" in page
    assert "财政支出：一次性建设投资" in page and "每年运行支出由" in page  # the headline
    for name in ("布局调整方案工作簿.xlsx", "plan.json", "布局方案地图.html", "布局调整方案.docx"):
        download = admin.get(f"{path}/files/{quote(name)}")
        assert download.status_code == 200, name
    # the plan is made on the day it was asked for (the suite's 2026-12-05), which the request
    # keeps: the worker process, which reads the machine's clock, plans on that day
    folder = app.state.web.jobs.job_dir(job_id)
    assert json.loads((folder / "request.json").read_text(encoding="utf-8"))["config"][
        "plan_date"] == "2026-12-05"
    assert admin.get(f"{path}/files/plan.json").json()["rules"]["plan_date"] == "2026-12-05"
    assert "方案乙（不新建学校）与方案甲（新建学校）的比较" not in page  # the plan opens no new school
    assert admin.get(f"{path}/files/secret.txt").status_code == 404
    # Inspectors of the county may read the result; another county's admin may not.
    assert as_user("inspector").get(path).status_code == 200
    assert as_user("other_admin").get(path).status_code == 403
    listing = admin.get("/plans/layout").text
    assert "测试方案" in listing and job_id in listing
    # A scenario no school can satisfy fails with the planner's Chinese explanation.
    response = admin.post("/plans/layout", data=_form(admin, name="不可行", close="4103060001, "
                          "4103060002, 4103060003, 4103060004", new_sites="none"))
    failed = _wait(admin, response.headers["location"])
    assert "失败" in failed
    assert re.search(r'class="alert error" role="alert">\s*<p><b>计算失败</b>（任务编号 [^）]+）：'
                     r'[^<]*[\u4e00-\u9fff]', failed)


def test_the_budget_is_entered_in_wan_yuan_and_kept_in_yuan():
    """Review finding 11: every output shows money in 万元, so the form asks the budget in
    万元 too: the default is 不限 (blank, the same as the compliance plan); 6,500 万元 entered is
    65,000,000 元 for the planner; blank is 不限."""
    field = next(f for f in layout_view.FORM_FIELDS if f.key == "annual_budget_yuan")
    assert field.unit == "万元"
    values = layout_view.default_values(2025)
    assert values["annual_budget_yuan"] == ""
    values["annual_budget_yuan"] = "6,500"
    assert layout_view.config_from_form(values)["annual_budget_yuan"] == 65_000_000.0
    values["annual_budget_yuan"] = ""
    assert layout_view.config_from_form(values)["annual_budget_yuan"] is None
    values["annual_budget_yuan"] = "-100"  # refused in 万元, as typed, not as -1,000,000 元
    with pytest.raises(ConfigError, match=r"^“每年建设预算（空为按达标路径的默认预算分年度安排：一般公共预算教育支出的 10%，"
                                          r"无此数据时不限）”应不小于 0 "
                                          r"万元，现为“-100”万元。$"):
        layout_view.config_from_form(values)


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e3", "1,2,3", "30,0"])
def test_a_non_finite_number_is_refused_with_the_fields_label(text):
    values = layout_view.default_values(2025)
    values["day_travel_limit_min"] = text
    with pytest.raises(ConfigError, match=re.escape(f"“走读学生单程通行分钟数上限”应为数字（只写数字和小数点，不加空格、逗号或下划线），现为“{text}”。")):
        layout_view.config_from_form(values)


def test_the_temporary_peak_years_are_a_form_field_checked_by_the_planner():
    """The 过渡期 key (planning.layout_years): default 3 years (review rd 3), 0 to 6, an error
    in words."""
    values = layout_view.default_values(2025)
    assert values["temporary_peak_years"] == "3"
    values["temporary_peak_years"] = "2"
    assert layout_view.config_from_form(values)["temporary_peak_years"] == 2
    values["temporary_peak_years"] = "7"
    with pytest.raises(ConfigError, match="临时周转.*值 7 无效：应不大于 6"):
        layout_view.config_from_form(values)


def test_the_travel_limits_carry_the_plans_own_labels():
    """Review rv finding 11: the 30-minute rule (beyond it grades 4-9 board) was labelled "走读（1–3 年级）"."""
    labels = {f.key: f.label for f in layout_view.FORM_FIELDS}
    assert labels["day_travel_limit_min"] == "走读学生单程通行分钟数上限"
    assert labels["boarding_travel_limit_min"] == "寄宿学生单程通行分钟数上限"
    assert not any("1–3 年级" in label for label in labels.values())


def test_the_default_new_sites_read_as_the_plans_annex_words_them():
    """Review rv24 8: the form said 「各乡镇驻地」 while the default is every town seat and every urban
    片区 centre (the 求解信息 sheet's words; the demo's default plan builds an urban 片区 school)."""
    from junheng.report.layout_info import SETTING_VALUES

    choices = {f.key: dict(f.choices) for f in layout_view.FORM_FIELDS if f.choices}["new_sites"]
    assert choices == {"town_centres": "各乡镇驻地及城区各片区中心", "none": "不新建"}
    assert SETTING_VALUES["town_centres"] == choices["town_centres"]
