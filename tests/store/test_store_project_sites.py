"""建设项目's 新址经度, 新址纬度 and 所在乡镇代码 in the store (migration 0013_project_sites)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import inspect

from junheng.io import example_county
from junheng.store import open_store
from junheng.store.engine import current_revision, downgrade, migrate

SITES = ["site_lon", "site_lat", "town_code"]


def test_project_sites_round_trip_through_the_store(store):
    store.import_county(example_county(), source="示例县.xlsx")
    back = store.load_county("410306", 2025).projects.set_index("name")[SITES]
    assert back.loc["示例县城东小学新建工程"].tolist() == [112.6010, 34.9025, "410306001"]
    assert back.loc["示例县实验幼儿园迁建", "site_lon"] == 112.5860
    assert pd.isna(back.loc["示例县实验幼儿园迁建", "town_code"])
    assert back.loc["示例县城关第一小学教学楼改扩建"].isna().all()


def test_the_sites_migration_goes_down_to_0012_and_up_again(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'j.db'}") as store:
        store.import_county(example_county(), source="示例县.xlsx")
        assert current_revision(store.engine) == "0015_teacher_cert_stage"
        downgrade(store.engine, "0012_town_names")
        columns = {c["name"] for c in inspect(store.engine).get_columns("projects")}
        assert not set(SITES) & columns and "status" in columns
        migrate(store.engine)
        back = store.load_county("410306", 2025).projects  # rows kept, their sites unknown
        assert len(back) == 5 and back["site_lon"].isna().all()
