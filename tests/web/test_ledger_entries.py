"""规划台账 · 手工填报: the county admin enters a manual target's value with evidence files;
each entry is a version, audited; the ledger's status follows the newest value."""

from __future__ import annotations

import re

from sqlalchemy import select

from junheng.store.accounts import AuditEntry
from junheng.store.ledger_entries import LedgerEntryRow, LedgerFileRow

from .conftest import csrf_of

PLAN = "mengjin"
PDF = ("拨款凭证.pdf", b"%PDF-1.4 evidence", "application/pdf")


def _status_of(page: str, name: str) -> str:
    row = re.search(rf"<tr><td title=\"[^\"]*\">{name}</td>.*?<span class=\"status\">(.*?)</span>",
                    page, re.S)
    return row.group(1)


def _enter(client, *, files=(PDF,), **fields):
    data = {"plan": PLAN, "target": "layout_plan", "year": "2025", "value": "是",
            "date": "2025-06-30", "note": "区政府常务会通过", **fields}
    data["csrf_token"] = csrf_of(client, f"/ledger?plan={PLAN}")
    return client.post("/ledger/entries", data=data,
                       files=[("files", (n, body, kind)) for n, body, kind in files])


def _rows(app, model):
    with app.state.web.sessions() as session:
        return list(session.scalars(select(model)))


def test_an_admin_enters_a_value_and_the_status_follows_it(app, as_user):
    admin = as_user("admin")
    before = admin.get(f"/ledger?plan={PLAN}").text
    assert _status_of(before, "编制学校布局三年专项规划") == "待填报"
    response = _enter(admin)
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/ledger?plan={PLAN}&entered=layout_plan")
    page = admin.get(f"/ledger?plan={PLAN}").text
    assert _status_of(page, "编制学校布局三年专项规划") == "已达成"
    assert "第 1 版" in page and "拨款凭证.pdf" in page and "区政府常务会通过" in page
    [entry] = _rows(app, LedgerEntryRow)
    assert (entry.county_code, entry.plan, entry.target_id, entry.school_year, entry.version,
            entry.value, entry.entered_by) == ("410306", PLAN, "layout_plan", 2025, 1, True, "admin")
    [audit] = [a for a in _rows(app, AuditEntry) if a.action == "ledger_entry"]
    assert (audit.username, audit.entity_key, audit.before) == (
        "admin", "编制学校布局三年专项规划 2025 学年 第 1 版", None)
    assert audit.after == {"规划": "孟津区关于加快推进教育高质量发展的意见", "目标": "编制学校布局三年专项规划",
                           "学年": 2025, "版本": 1, "填报值": "是", "日期": "2025-06-30",
                           "说明": "区政府常务会通过", "佐证材料": ["拨款凭证.pdf"]}


def test_a_new_entry_is_a_new_version_and_the_old_one_stays(app, as_user):
    admin = as_user("admin")
    assert _enter(admin).status_code == 303
    assert _enter(admin, value="否", note="规划被退回修改",
                  files=[("会议纪要.docx", b"PK docx", "application/octet-stream"),
                         ("照片.jpg", b"\xff\xd8jpeg", "image/jpeg")]).status_code == 303
    page = admin.get(f"/ledger?plan={PLAN}").text
    assert _status_of(page, "编制学校布局三年专项规划") != "已达成"
    assert "第 1 版" in page and "第 2 版" in page
    assert page.index("第 2 版") < page.index("第 1 版")  # newest first
    entries = sorted(_rows(app, LedgerEntryRow), key=lambda e: e.version)
    assert [(e.version, e.value) for e in entries] == [(1, True), (2, False)]
    assert len(_rows(app, LedgerFileRow)) == 3
    audits = [a for a in _rows(app, AuditEntry) if a.action == "ledger_entry"]
    assert (audits[-1].before["填报值"], audits[-1].after["填报值"]) == ("是", "否")


def test_the_county_users_download_the_file_and_others_cannot(app, as_user):
    assert _enter(as_user("admin")).status_code == 303
    [stored] = _rows(app, LedgerFileRow)
    download = as_user("inspector").get(f"/ledger/files/{stored.id}")
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 evidence"
    assert "filename*=UTF-8''%E6%8B%A8%E6%AC%BE%E5%87%AD%E8%AF%81.pdf" in \
        download.headers["content-disposition"]
    other = as_user("other_admin").get(f"/ledger/files/{stored.id}")
    assert other.status_code == 403 and "您没有查看该县区佐证材料的权限" in other.text
    assert as_user("school_a").get(f"/ledger/files/{stored.id}").status_code == 403
    assert as_user("inspector").get("/ledger/files/999").status_code == 404


def test_an_inspector_sees_the_history_but_no_form_and_cannot_post(app, as_user):
    assert _enter(as_user("admin")).status_code == 303
    inspector = as_user("inspector")
    page = inspector.get(f"/ledger?plan={PLAN}").text
    assert "拨款凭证.pdf" in page and 'action="/ledger/entries"' not in page
    response = _enter(inspector)
    assert response.status_code == 403 and "督学为只读账号，不能提交或修改数据。" in response.text
    assert len(_rows(app, LedgerEntryRow)) == 1


def test_a_school_user_cannot_post(app, as_user):
    response = _enter(as_user("school_a"))
    assert response.status_code == 403
    assert _rows(app, LedgerEntryRow) == []


BAD_FORMS = [
    ({"value": "也许"}, [PDF], "目标“编制学校布局三年专项规划”的填报值应选择“是”或“否”，收到“也许”。"),
    ({"target": "layout_investment", "value": "很多"}, [PDF],
     "目标“学校布局优化投资3.98亿元”的填报值“很多”不是数值。"),
    ({"target": "layout_investment", "value": "inf"}, [PDF],
     "目标“学校布局优化投资3.98亿元”的填报值“inf”不是数值。"),
    ({"target": "new_or_expanded_schools"}, [PDF],
     "所选目标不是本规划可手工填报的目标（计划已更改或表单已过期）：请刷新页面后在列表中选择。"),
    ({"year": "1999"}, [PDF], "学年 1999 不在本规划的填报范围内"),
    ({"date": "2025-02-30"}, [PDF], "日期“2025-02-30”不存在：请核对年月日。"),
    ({"date": "30/06/2025"}, [PDF], "日期“30/06/2025”格式不对：应为 年-月-日，如 2025-09-01。"),
    ({}, [], "请上传至少一个佐证材料文件。"),
    ({}, [("病毒.exe", b"MZ", "application/octet-stream")], "佐证材料“病毒.exe”的类型不支持"),
    ({}, [("空.pdf", b"", "application/pdf")], "佐证材料“空.pdf”是空文件：请重新选择。"),
]


def test_a_bad_form_is_refused_in_chinese_and_stores_nothing(app, as_user):
    admin = as_user("admin")
    for fields, files, message in BAD_FORMS:
        response = _enter(admin, files=files, **fields)
        assert response.status_code == 422, fields
        assert "填报未保存：" + message in response.text, (fields, message)
    assert _rows(app, LedgerEntryRow) == [] and _rows(app, LedgerFileRow) == []
    assert not [a for a in _rows(app, AuditEntry) if a.action == "ledger_entry"]


def test_a_bad_form_keeps_what_was_typed(as_user):
    response = _enter(as_user("admin"), value="也许", note="待区政府批复")
    assert 'value="也许"' in response.text and 'value="待区政府批复"' in response.text


def test_an_unknown_plan_is_404_and_a_missing_plan_400(as_user):
    admin = as_user("admin")
    assert _enter(admin, plan="nope").status_code == 404
    assert _enter(admin, plan="").status_code == 400


def test_a_backup_keeps_the_entries_and_their_files(app, as_user, tmp_path):
    from junheng.store.backup import backup_store, restore_store

    assert _enter(as_user("admin")).status_code == 303
    archive = tmp_path / "backup.zip"
    backup_store(str(app.state.web.store.engine.url), archive)
    restored = f"sqlite:///{tmp_path / 'restored.db'}"
    restore_store(restored, archive)
    from junheng.store import open_store

    store = open_store(restored)
    with store.session() as session:
        [file_row] = session.scalars(select(LedgerFileRow)).all()
        assert (file_row.filename, file_row.data) == ("拨款凭证.pdf", b"%PDF-1.4 evidence")
    store.close()


def test_the_ledger_form_history_errors_and_audit_do_not_leak(as_user):
    from .leaks import leaks, visible_text
    from .test_leaks import DATA_WORDS, scrub

    admin = as_user("admin")
    assert _enter(admin).status_code == 303
    pages = {"admin": admin.get(f"/ledger?plan={PLAN}").text,
             "inspector": as_user("inspector").get(f"/ledger?plan={PLAN}").text,
             "audit": admin.get("/audit?action=ledger_entry").text}
    for fields, files, _ in BAD_FORMS:
        if fields.get("value") != "inf":  # the message quotes what the user typed
            pages[str(fields)] = _enter(admin, files=files, **fields).text
    found = {k: leaks(scrub(visible_text(v)), DATA_WORDS) for k, v in pages.items()}
    assert {k: f for k, f in found.items() if f} == {}


def test_the_leak_crawler_reaches_every_plan_ledger_with_its_entries(as_user):
    from .leaks import leaks
    from .test_leaks import DATA_WORDS, crawl

    admin = as_user("admin")
    assert _enter(admin).status_code == 303
    pages = crawl(admin, "/ledger")
    plans = {p for p in pages if p.startswith("/ledger?plan=")}
    assert plans == {f"/ledger?plan={p}" for p in
                     ("chanhe", "luoyang", "mengjin", "xinxiang", "zhongmou")}
    assert "拨款凭证.pdf" in pages["/ledger?plan=mengjin"]
    found = {path: leaks(text, DATA_WORDS) for path, text in pages.items()}
    assert {path: f for path, f in found.items() if f} == {}


def test_another_countys_plan_is_marked_as_an_example_on_the_web(as_user):
    # The review found 孟津's plan shown as the example county's own (区教育局 responsible, no
    # mark) while the xlsx says 示例: the web now says the same as the xlsx.
    page = as_user("inspector").get(f"/ledger?plan={PLAN}").text
    assert "<h2>示例：《孟津区关于加快推进教育高质量发展的意见》规划在本县数据上的测算 · " in page
    assert "这是孟津区的规划，只作示例：按它的目标在" in page
    assert "不是本县区的承诺，责任单位照原文列出。" in page




def test_the_plans_a_county_entered_values_for_newest_first(app, as_user):
    # what the web's 自评报告 falls back on for a city's plan (brief left1 item 6)
    from junheng.store.ledger_entries import add_entry, entered_plans

    with app.state.web.sessions() as session:
        assert entered_plans(session, county_code="410306") == []
        for plan in ("luoyang", "mengjin", "luoyang"):
            add_entry(session, county_code="410306", plan=plan, target_id="t", school_year=2025,
                      value=True, value_date=None, note="", files=(), by="admin")
        add_entry(session, county_code="410122", plan="zhongmou", target_id="t",
                  school_year=2025, value=True, value_date=None, note="", files=(), by="admin")
        assert entered_plans(session, county_code="410306") == ["luoyang", "mengjin"]


def test_without_plans_the_page_asks_the_administrator_in_plain_words(db_url, tmp_path):
    # review 2026-12-04 finding 4: the message named "YAML" and the option "--plans-dir"
    from .conftest import Logins, close_app, make_app

    (tmp_path / "empty").mkdir()
    application = make_app(db_url, tmp_path, plans_dir=tmp_path / "empty")
    logins = Logins(application, reuse=False)
    try:
        page = logins("admin").get("/ledger").text
    finally:
        logins.close()
        close_app(application)
    assert '<div class="alert warn" role="status">未找到规划文件，请管理员在启动网页系统时指定规划' \
        '文件目录。</div>' in page
    assert "YAML" not in page and "--plans-dir" not in page


def test_without_the_option_the_web_finds_the_shipped_plans_from_any_folder(tmp_path):
    from junheng.jobs.ledger import EXAMPLE_PLANS
    from junheng.web.app import default_plans_dir

    assert default_plans_dir(tmp_path) == EXAMPLE_PLANS  # started outside the repository
    assert {p.stem for p in EXAMPLE_PLANS.glob("*.yaml")} >= {"mengjin", "zhongmou"}
    (tmp_path / "examples" / "plans").mkdir(parents=True)
    assert default_plans_dir(tmp_path) == tmp_path / "examples" / "plans"  # a county's own


def test_the_reasons_say_what_the_latest_year_should_read_by_now(as_user):
    # brief h3: a planner reads "按进度应达 X，实际 Y". 孟津's 布局投资 (manual, ≥ 39,800 万元 by
    # 2026, baseline 2023) entered as 9,800 in 2023 and 20,000 in 2025: on the straight line
    # from the baseline to the target, 2025 should read 9,800 + (39,800 − 9,800) × 2 / 3 =
    # 29,800. The trend 9,800 → 20,000 (5,100 a year) reaches 25,100 in 2026: 滞后. The
    # baseline year's value is listed too (the page listed only the store's years, 2025).
    from .leaks import visible_text

    admin = as_user("admin")
    for year, value in (("2023", "9800"), ("2025", "20000")):
        assert _enter(admin, target="layout_investment", year=year, value=value).status_code == 303
    page = visible_text(admin.get(f"/ledger?plan={PLAN}").text)
    assert ("学校布局优化投资3.98亿元（滞后）：目标 ≥ 39,800 万元，期限 2026 学年；2023 学年 9,800 万元；"
            "2025 学年 20,000 万元；按进度 2025 学年应达 29,800 万元，实际 20,000 万元；按趋势到期预计 25,100 万元") in page


def test_a_row_with_only_its_baseline_year_has_no_expected_value(as_user):
    # one value (2025, the effective baseline): nothing to say "by now" beyond the value itself
    from .leaks import visible_text

    admin = as_user("admin")
    assert _enter(admin, target="layout_investment", value="20000").status_code == 303
    page = visible_text(admin.get(f"/ledger?plan={PLAN}").text)
    assert "学校布局优化投资3.98亿元（无进展）：目标 ≥ 39,800 万元，期限 2026 学年；2025 学年 20,000 万元" in page
    assert "按进度" not in page


def test_opening_the_entry_address_goes_back_to_the_ledger_of_the_same_plan(as_user):
    # review rw 15: a GET of /ledger/entries answered 405 不支持该操作
    for user in ("admin", "inspector"):
        client = as_user(user)
        response = client.get(f"/ledger/entries?plan={PLAN}", follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/ledger?plan={PLAN}#entries"
        assert client.get("/ledger/entries", follow_redirects=False).headers["location"] == \
            "/ledger"
    assert as_user("school_a").get("/ledger/entries", follow_redirects=False).status_code == 403
