"""The 乡镇 sheet in the store (migration 0012_town_names): stored, loaded back, named."""

from __future__ import annotations

from county_builders import assert_same_county
from sqlalchemy import text

from junheng.io import example_county
from junheng.model import typed_frame
from junheng.model.places import town_names
from junheng.store import open_store
from junheng.store.engine import current_revision, downgrade, migrate

TOWNS = [{"town_code": "410306001", "town_name": "城关镇"},
         {"town_code": "410306101", "town_name": "河口乡"}]


def test_town_names_round_trip_through_the_store(store):
    county = example_county().with_tables(towns=typed_frame("towns", TOWNS))
    record = store.import_county(county, source="示例县.xlsx")
    assert record.row_counts["towns"] == 2
    back = store.load_county("410306", 2025)
    assert_same_county(back, county)
    assert town_names(back) == {"410306001": "城关镇", "410306101": "河口乡"}


def test_the_towns_migration_goes_down_to_0011_and_up_again(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'j.db'}") as store:
        store.import_county(example_county(), source="示例县.xlsx")
        assert current_revision(store.engine) == "0015_teacher_cert_stage"
        downgrade(store.engine, "0011_zone_plans")
        with store.engine.connect() as conn:
            tables = {r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'table'"))}
        assert "towns" not in tables and "schools" in tables
        migrate(store.engine)
        store.delete_county("410306", 2025)
        store.import_county(example_county().with_tables(towns=typed_frame("towns", TOWNS)))
        assert len(store.load_county("410306", 2025).towns) == 2
