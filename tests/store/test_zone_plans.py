"""就近划片 plans in the store: migration 0011, drafts, adopting (one in force per county,
stage and year; the previous one kept as superseded), audit rows and the ledger's figures."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from junheng.store import open_store
from junheng.store.accounts import list_audit
from junheng.store.engine import alembic_config, current_revision, downgrade, migrate
from junheng.store.zone_plans import (
    ZonePlanDraft,
    adopt_zone_plan,
    in_force,
    in_force_figures,
    list_zone_plans,
    save_zone_plan,
)


def draft(stage: str = "primary", year: int = 2025, seated: float = 90.0) -> ZonePlanDraft:
    blocks = [{"地块": "东关社区", "学生数": 60.0, "现学校": "甲小学", "划入学校": "甲小学",
               "学校序号": 0, "是否调整": False, "距离（公里）": 0.5, "经度": 112.4, "纬度": 34.6}]
    return ZonePlanDraft(county_code="410306", school_year=year, stage=stage,
                         name=f"{year} 学年方案", options={"weight_over": 1000.0},
                         blocks=blocks, schools=[{"学校": "甲小学", "容量": 80}],
                         figures={"学生": 100.0, "方案可就近划片学生": seated, "方案超员": 10.0,
                                  "调整学区学生": 4.0, "方案可就近划片入学比例": seated / 100},
                         solver_status="optimal", gap=0.0)


def test_migrations_walk_to_0011_zone_plans_and_back(tmp_path):
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_revision("0011_zone_plans").down_revision == "0010_ledger_entries"
    store = open_store(f"sqlite:///{tmp_path / 'z.db'}")
    assert current_revision(store.engine) == script.get_current_head()
    assert "zone_plans" in inspect(store.engine).get_table_names()
    downgrade(store.engine, "0010_ledger_entries")
    assert "zone_plans" not in inspect(store.engine).get_table_names()
    migrate(store.engine)
    assert "zone_plans" in inspect(store.engine).get_table_names()
    store.close()


def test_adopting_supersedes_the_plan_in_force_and_keeps_it(store):
    with store.session() as session:
        first = save_zone_plan(session, draft(seated=90.0), by="admin", job_id="j1").id
        second = save_zone_plan(session, draft(seated=97.0), by="admin", job_id="j2").id
        junior = save_zone_plan(session, draft("junior", seated=50.0), by="admin").id
        assert in_force(session, "410306", "primary", 2025) is None
        adopt_zone_plan(session, first, by="admin")
        adopt_zone_plan(session, junior, by="admin")
        adopt_zone_plan(session, second, by="admin", client="127.0.0.1")
        session.commit()
        statuses = {p.id: p.status for p in list_zone_plans(session, "410306")}
        assert statuses == {first: "superseded", second: "in_force", junior: "in_force"}
        assert in_force(session, "410306", "primary", 2025).id == second
        # the superseded plan keeps its rows
        assert list_zone_plans(session, "410306")[-1].blocks[0]["地块"] == "东关社区"
        adopts = list_audit(session, action="zone_plan_adopt")
        assert len(adopts) == 3 and len(list_audit(session, action="zone_plan_save")) == 3
        last = adopts[0]
        assert last.before["编号"] == first and last.before["状态"] == "已生效"
        assert last.after["编号"] == second and last.after["状态"] == "已生效"
        assert last.entity_key == f"2025 学年小学就近划片方案 第 {second} 号"
        figures = in_force_figures(session, "410306")
    primary = figures[("410306", 2025)]["primary"]
    assert (primary.plan_id, primary.seated, primary.pupils) == (second, 97.0, 100.0)
    assert figures[("410306", 2025)]["junior"].seated == 50.0
    assert len(primary.adopted_on) == 10  # an ISO date


def test_adopting_the_plan_already_in_force_changes_nothing(store):
    with store.session() as session:
        plan = save_zone_plan(session, draft(), by="admin").id
        adopt_zone_plan(session, plan, by="admin")
        adopt_zone_plan(session, plan, by="admin")
        session.commit()
        assert len(list_audit(session, action="zone_plan_adopt")) == 1


def test_plans_of_other_years_stay_in_force_side_by_side(store):
    with store.session() as session:
        a = save_zone_plan(session, draft(year=2024), by="admin").id
        b = save_zone_plan(session, draft(year=2025), by="admin").id
        adopt_zone_plan(session, a, by="admin")
        adopt_zone_plan(session, b, by="admin")
        session.commit()
        assert {p.status for p in list_zone_plans(session, "410306")} == {"in_force"}
        assert set(in_force_figures(session, "410306")) == {("410306", 2024), ("410306", 2025)}
