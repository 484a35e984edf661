"""A county's provincial overlay in the store (migration 0014_county_overlays): set, shown,
cleared, refused when bad, and taken by every evaluation of the county loaded from the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from junheng.errors import ConfigError, StoreError
from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.jobs.evaluations import Evaluations
from junheng.store.accounts import AuditEntry
from junheng.store.engine import current_revision, downgrade, migrate

HENAN = Path(__file__).resolve().parents[2] / "examples" / "overlays" / "henan.yaml"
# 生均图书 100 册: the example county's schools hold fewer, so 基本均衡 fails on it.
STRICT = (
    "name: 某省\nstandards:\n  basic-2012:\n    books_per_student: {primary: 100, junior: 100}\n"
)


@pytest.fixture
def held(store):
    store.import_county(example_county(), source="示例县.xlsx")
    return store


def test_a_set_overlay_is_shown_and_loaded_with_every_year_of_the_county(held):
    assert held.overlay("410306") is None
    stored = held.set_overlay(
        "410306", text=HENAN.read_text(encoding="utf-8"), file_name="henan.yaml", user="局管理员"
    )
    assert (stored.county_code, stored.name, stored.file_name, stored.set_by) == (
        "410306",
        "河南省",
        "henan.yaml",
        "局管理员",
    )
    shown = held.overlay("410306")
    assert shown.yaml_text == HENAN.read_text(encoding="utf-8")
    data = held.load_county("410306", 2025)
    assert data.overlay.name == "河南省"
    assert data.overlay.standards["preschool-2020"]["gross_preschool_rate"] == 0.90


def test_setting_again_replaces_and_clearing_removes_with_an_audit_row_each(held):
    held.set_overlay("410306", text=HENAN.read_text(encoding="utf-8"), file_name="henan.yaml")
    held.set_overlay("410306", text=STRICT, file_name="strict.yaml", user="甲")
    assert held.overlay("410306").name == "某省"
    assert held.clear_overlay("410306", user="乙").file_name == "strict.yaml"
    assert held.overlay("410306") is None and held.load_county("410306", 2025).overlay is None
    assert held.clear_overlay("410306") is None
    with held.session() as session:
        audit = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(a.action, a.username, a.entity_key) for a in audit] == [
        ("overlay_set", "", "410306"),
        ("overlay_set", "甲", "410306"),
        ("overlay_clear", "乙", "410306"),
    ]
    assert audit[1].before["省级补充标准"] == "河南省" and audit[1].after["文件名"] == "strict.yaml"


def test_a_bad_overlay_is_refused_with_the_loaders_message_and_nothing_changes(held):
    held.set_overlay("410306", text=STRICT, file_name="strict.yaml")
    bad = "name: 某省\nstandards:\n  basic-2012:\n    books_per_student: {primary: 很多}\n"
    with pytest.raises(ConfigError) as caught:
        held.set_overlay("410306", text=bad, file_name="bad.yaml")
    assert str(caught.value) == (
        "覆盖文件 bad.yaml / basic-2012 / books_per_student：阈值“很多”"
        "不是数字，请填写数值（比例填小数，如 0.90）。"
    )
    with pytest.raises(
        ConfigError, match="覆盖文件 typo.yaml 中的指标代码“books”在标准 basic-2012 中不存在"
    ):
        held.set_overlay(
            "410306", text="name: 某省\nstandards: {basic-2012: {books: 1}}", file_name="typo.yaml"
        )
    with pytest.raises(ConfigError, match=r"覆盖文件 broken.yaml 格式有误（第 1 行第 8 列附近）"):
        held.set_overlay("410306", text="name: [", file_name="broken.yaml")
    assert held.overlay("410306").file_name == "strict.yaml"


def test_a_county_not_in_the_store_gets_no_overlay(store):
    with pytest.raises(StoreError) as caught:
        store.set_overlay("410399", text=STRICT, file_name="strict.yaml")
    assert str(caught.value) == (
        "库中没有县区 410399 的数据：请先用 junheng import 导入该县区的工作簿，再设置省级补充标准。"
    )


def test_an_evaluation_from_the_store_takes_the_stored_overlay_unless_one_is_named(held):
    national = evaluate(held.load_county("410306", 2025), "basic-2012")
    assert (national.verdict.label, national.standard.basis) == (
        "待核实",
        "国家标准（未设省级补充标准）",
    )
    held.set_overlay("410306", text=STRICT, file_name="strict.yaml")
    data = held.load_county("410306", 2025)
    provincial = evaluate(data, "basic-2012")
    assert (provincial.verdict.label, provincial.standard.basis) == ("未达标", "某省补充标准")
    assert [f.id for f in provincial.verdict.failures] == ["province_school_standard"]
    named = evaluate(data, "basic-2012", overlay=HENAN)
    assert (named.verdict.label, named.standard.basis) == ("待核实", "河南省补充标准")
    shared = Evaluations()
    assert shared.get(data, "basic-2012").verdict.label == "未达标"
    assert shared.get(example_county(), "basic-2012").verdict.label == "待核实"


def test_the_overlays_migration_goes_down_to_0013_and_up_again(held):
    held.set_overlay("410306", text=STRICT, file_name="strict.yaml")
    assert current_revision(held.engine) == "0015_teacher_cert_stage"
    try:
        downgrade(held.engine, "0013_project_sites")
        tables = inspect(held.engine).get_table_names()
        assert "county_overlays" not in tables and "schools" in tables
    finally:
        migrate(held.engine)
    assert current_revision(held.engine) == "0015_teacher_cert_stage"
    assert held.overlay("410306") is None
    held.set_overlay("410306", text=STRICT, file_name="strict.yaml")
    assert held.load_county("410306", 2025).overlay.name == "某省"
