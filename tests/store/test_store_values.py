"""Any value a cell can hold comes back from the database unchanged, and imports do not collide."""

from __future__ import annotations

import threading

import pytest
from county_builders import assert_same_county, sample_county
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from junheng.errors import StoreError
from junheng.model import typed_frame
from junheng.store import open_store
from junheng.store import repository as repo
from pg import pg_database

counts = st.none() | st.integers(min_value=0, max_value=2**31 - 1)
amounts = st.none() | st.floats(min_value=0, max_value=1e15, allow_nan=False)
words = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                min_size=1, max_size=40)
FACILITY_KINDS = {"teaching_area": amounts, "sports_area": amounts, "equipment_value": amounts,
                  "books": counts, "computers": counts, "multimedia_rooms": counts,
                  "classrooms": counts, "music_rooms": counts, "music_room_area": amounts,
                  "art_rooms": counts, "art_room_area": amounts, "outdoor_play_area": amounts}
facility_values = st.fixed_dictionaries(FACILITY_KINDS)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(facilities=st.lists(facility_values, min_size=5, max_size=5),
       hours=st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=6,
                      max_size=6),
       affordable=st.none() | st.booleans(), name=words, evidence=st.none() | words)
def test_any_cell_values_round_trip_through_the_database(store, facilities, hours, affordable,
                                                         name, evidence):
    county = sample_county()
    ids = county.facilities["school_id"].tolist()
    schools = county.schools.copy()
    schools.loc[0, "name"] = name
    schools.loc[4, "affordable"] = affordable
    indicators = county.county_indicators.copy()
    indicators.loc[0, "evidence"] = evidence
    county = county.with_tables(
        facilities=typed_frame("facilities", [{"school_id": s, **v}
                                              for s, v in zip(ids, facilities, strict=True)]),
        teachers=county.teachers.assign(training_hours_5y=hours), schools=schools,
        county_indicators=indicators)
    # Straight through the repository, inside a transaction that is then rolled back:
    # this checks storage alone (validation is tested elsewhere) and leaves the store empty.
    with store.engine.connect() as conn, conn.begin() as transaction:
        repo.insert_county(conn, county, source="", file_hash="", user="", replaced=False)
        back = repo.read_county(conn, county_code="410306", school_year=2025)
        transaction.rollback()
    assert_same_county(back, county)


def test_two_imports_of_one_county_year_at_once_store_exactly_one(store_url):
    outcomes: list[object] = []

    def import_once(source: str) -> None:
        with open_store(store_url) as store:
            try:
                outcomes.append(store.import_county(sample_county(), source=source))
            except StoreError as exc:
                outcomes.append(exc)

    threads = [threading.Thread(target=import_once, args=(f"{n}.xlsx",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors = [o for o in outcomes if isinstance(o, StoreError)]
    assert len(outcomes) == 2 and len(errors) == 1
    assert "示例县（410306）2025 学年的数据已在库中" in str(errors[0]) or \
        "县区 410306 2025 学年的数据已在库中" in str(errors[0])
    with open_store(store_url) as store:
        assert len(store.import_log()) == 1
        assert_same_county(store.load_county("410306", 2025), sample_county())


@pytest.mark.parametrize("bad_text", ["含\x00字符"])
def test_a_value_the_database_refuses_is_a_store_error_naming_the_sheet(store, bad_text):
    # PostgreSQL refuses NUL in text; SQLite keeps it. Either way nothing half-written remains.
    county = sample_county()
    indicators = county.county_indicators.copy()
    indicators.loc[2, "evidence"] = bad_text
    bad = county.with_tables(county_indicators=indicators)
    if store.engine.dialect.name == "postgresql":
        with pytest.raises(StoreError, match="“县级指标”表时数据库报错"):
            store.import_county(bad)
        assert store.counties() == [] and store.import_log() == []
    else:
        store.import_county(bad)
        assert store.load_county("410306", 2025).county_indicators.loc[2, "evidence"] == bad_text


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_two_programs_opening_a_new_database_at_once_both_get_a_store(backend, tmp_path):
    def open_twice(url: str) -> list[object]:
        results: list[object] = []

        def open_once() -> None:
            try:
                with open_store(url) as store:
                    results.append(store.counties())
            except Exception as exc:  # any failure is the finding
                results.append(exc)

        threads = [threading.Thread(target=open_once) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    if backend == "sqlite":
        assert open_twice(f"sqlite:///{tmp_path / 'new.db'}") == [[], []]
    else:
        with pg_database("junheng_race") as url:
            assert open_twice(url) == [[], []]
