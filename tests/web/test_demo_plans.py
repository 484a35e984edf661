"""``junheng demo`` registers its layout plan where ``junheng serve --data-dir`` lists plans."""

from __future__ import annotations

import json
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from junheng.jobs.demo import register_web_plans
from junheng.jobs.layout import run_layout
from junheng.planning import load_layout_config
from junheng.planning.layout_outcome import LayoutOutcome


@pytest.mark.slow
def test_the_demos_layout_plan_is_listed_and_shown_on_the_web(app, as_user, tmp_path):
    state = app.state.web
    data = state.store.load_county("410306", 2025)
    plan = run_layout(data, load_layout_config(name="演示方案", time_limit_s=20),
                      tmp_path / "layout")
    # the app's data directory is tmp_path/web-data, where the demo registers into out/web-data
    assert register_web_plans(tmp_path, data, plan, None) == state.jobs.root.parent
    register_web_plans(tmp_path, data, plan, None)  # a rerun replaces, never duplicates
    jobs = state.jobs.list("410306")
    assert [(j.scenario, j.state, j.username, j.school_year) for j in jobs] == [
        ("演示方案", "done", "demo", 2025)]
    admin = as_user("admin")
    listing = admin.get("/plans/layout").text
    assert "尚无方案" not in listing and jobs[0].job_id in listing
    page = admin.get(f"/plans/layout/jobs/{jobs[0].job_id}").text
    assert "调整前后对比" in page and 'class="map"' in page
    # every changed school shows its reason, as in the workbook's 理由 column (review 14)
    # without the straight-line caveat, which the page says once (planner review)
    from junheng.planning.layout_reasons import action_reasons
    from junheng.report.layout_notes import without_caveat

    reasons, _ = without_caveat(action_reasons(plan.outcome))
    changed = [s for s in plan.outcome.schools if s.action != "keep"]
    assert changed and all(reasons[s.school_id] in page for s in changed)
    book = quote("布局调整方案工作簿.xlsx")  # as the demo's own folder and the CLI name it
    assert admin.get(f"/plans/layout/jobs/{jobs[0].job_id}/files/{book}").status_code == 200


def test_a_compliance_run_is_registered_with_its_target_year(app, tmp_path):
    from junheng.io import example_county

    data = example_county()
    for name in ("layout", "compliance"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "plan.json").write_text("{}", encoding="utf-8")
    plan = SimpleNamespace(outcome=LayoutOutcome("optimal", (), {"before": {}, "after": {}},
                                                 scenario="默认方案", target_year=2030))
    compliance = SimpleNamespace(problem=SimpleNamespace(target_year=2030), layout_year=2030)
    register_web_plans(tmp_path, data, plan, compliance)
    jobs = app.state.web.jobs
    assert [(j.scenario, j.kind) for j in jobs.list(data.county_code, "compliance")] == [
        ("目标 2030 学年（布局调整后，布局方案规划年 2030 学年）", "compliance")]
    assert [j.scenario for j in jobs.list(data.county_code)] == ["默认方案"]
    # the 达标路径 names the layout job it followed: the web's 自评报告 pairs the two
    layout_id = jobs.list(data.county_code)[0].job_id
    request = jobs.job_dir(jobs.list(data.county_code, "compliance")[0].job_id) / "request.json"
    assert json.loads(request.read_text(encoding="utf-8"))["config"]["layout_job"] == layout_id
    # the layout job holds the Word document the web's worker writes, titled as the CLI's
    from docx import Document

    folder = jobs.job_dir(jobs.list(data.county_code)[0].job_id)
    assert sorted(p.name for p in folder.iterdir()) == [
        "plan.json", "progress.json", "request.json", "布局调整方案.docx"]
    assert Document(str(folder / "布局调整方案.docx")).paragraphs[0].text == \
        "洛阳市示例县义务教育学校布局调整方案（规划年 2030 学年）"


def test_the_demos_zone_plans_are_stored_and_listed_on_the_zones_page(app, as_user):
    """Review finding 10: the demo stores a 小学 and an 初中 plan (the web form's defaults) as
    drafts of the demo user, each with its job folder, so /plans/zones is not empty."""
    from junheng.jobs.demo import job_folder
    from junheng.jobs.demo_zones import save_demo_zones

    state = app.state.web
    data = state.store.load_county("410306", 2025)
    saved = save_demo_zones(state.store, data, lambda config, message: job_folder(
        state.jobs.root, data, "zones", config, message))
    assert [(stage, (folder / "zones.xlsx").is_file()) for stage, folder, _ in saved] == [
        ("小学", True), ("初中", True)]
    jobs = {j.job_id: j for j in state.jobs.list("410306", "zones")}
    assert [(jobs[f.name].state, jobs[f.name].username, jobs[f.name].message)
            for _, f, _ in saved] == [("done", "demo", f"划片完成，已保存为第 {i} 号方案（草案）")
                                      for *_, i in saved]
    listing = as_user("admin").get("/plans/zones").text
    assert "尚无方案" not in listing
    assert "2025 学年小学就近划片（示例）" in listing and "2025 学年初中就近划片（示例）" in listing
    # the plan's ratio is no evaluation figure of the same name (inspector finding 4d)
    assert "评估报表中的“就近划片入学比例”按招生表中划片入学新生的占比计算，两者口径不同" in listing
    page = as_user("admin").get(f"/plans/zones/jobs/{saved[0][1].name}").text
    assert "2025 学年小学就近划片（示例）" in page
