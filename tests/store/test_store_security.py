"""Import authority and approvals racing imports (issue 14, items 1 and 3), on both stores.

1. A city admin (洛阳市) replaced county 410122's data (held by 郑州市) by uploading it with
   所属地市 changed, moving the county into its own scope; a county admin could relabel its
   county's city. The store now decides from the county's holder.
3. SQLite: approvals racing a replace-import were applied on top of the fresh data.
   PostgreSQL: two simultaneous approvals for a school without a 校舍设施 row both inserted
   one. Both are rebuilt with real threads.
"""

from __future__ import annotations

import pytest
from county_builders import sample_county
from sqlalchemy import func, select

from junheng.errors import AccessDenied, StoreError
from junheng.model import CountyData
from junheng.store import open_store
from junheng.store.accounts import (
    SubmissionStatus,
    apply_submission,
    create_submission,
    get_submission,
    list_audit,
    school_records,
)
from junheng.store.authority import Importer, move_county
from junheng.store.engine import transaction, write_session
from junheng.store.models import Facility
from junheng.store.repository import insert_county
from race import race

ZHENGZHOU = "410122"
CITY_ADMIN = Importer("luoyang_admin", "admin", city_name="洛阳市")


def _in_city(data: CountyData, city: str) -> CountyData:
    return CountyData({**data.info, "city_name": city}, data.tables)


def _zhengzhou_county() -> CountyData:
    return _in_city(sample_county(ZHENGZHOU, name="中牟县"), "郑州市")


def test_a_city_admin_cannot_take_over_a_county_held_by_another_city(store):
    store.import_county(_zhengzhou_county())
    relabelled = _in_city(sample_county(ZHENGZHOU, name="中牟县"), "洛阳市")
    with pytest.raises(AccessDenied, match="工作簿属于县区 410122，不在您的管理范围内，未导入"):
        store.import_county(relabelled, replace=True, importer=CITY_ADMIN)
    with pytest.raises(AccessDenied, match="不在您的管理范围内"):
        store.check_import(relabelled, importer=CITY_ADMIN)
    held = store.counties()
    assert [(c.county_code, c.city_name) for c in held] == [(ZHENGZHOU, "郑州市")]
    assert [r.replaced for r in store.import_log()] == [False]


def test_no_import_changes_the_city_a_county_is_held_in(store):
    store.import_county(_zhengzhou_county())
    county_admin = Importer("zm_admin", "admin", county_code=ZHENGZHOU)
    relabelled = _in_city(sample_county(ZHENGZHOU, name="中牟县"), "洛阳市")
    message = "工作簿的所属地市为“洛阳市”，但库中中牟县（410122）属于“郑州市”：导入不能更改县区的所属地市"
    with pytest.raises(StoreError, match=message):
        store.import_county(relabelled, replace=True, importer=county_admin)
    with pytest.raises(StoreError, match="junheng county move 410122 --city 洛阳市"):
        store.import_county(relabelled, replace=True)  # the command line too
    with pytest.raises(StoreError, match=message):  # another year of the county as well
        store.import_county(_in_city(sample_county(ZHENGZHOU, 2026, "中牟县"), "洛阳市"))
    assert [c.city_name for c in store.counties()] == ["郑州市"]


def test_a_city_admin_imports_its_own_and_new_counties_of_its_city(store):
    store.import_county(sample_county())  # 示例县, 洛阳市
    store.import_county(sample_county(), replace=True, importer=CITY_ADMIN)
    new = sample_county("410307", name="新县")
    store.import_county(new, importer=CITY_ADMIN)
    with pytest.raises(AccessDenied):
        store.import_county(_in_city(sample_county("410308", name="外县"), "郑州市"),
                            importer=CITY_ADMIN)
    assert [c.county_code for c in store.counties()] == ["410306", "410307"]


def test_a_county_admin_imports_only_its_county(store):
    admin = Importer("a", "admin", county_code="410306")
    store.import_county(sample_county(), importer=admin)
    with pytest.raises(AccessDenied):
        store.import_county(sample_county("410307", name="新县"), importer=admin)
    with pytest.raises(AccessDenied):
        store.import_county(sample_county(), replace=True,
                            importer=Importer("i", "inspector", county_code="410306"))


def test_moving_a_county_to_another_city_is_explicit_and_audited(store):
    store.import_county(_zhengzhou_county())
    store.import_county(_in_city(sample_county(ZHENGZHOU, 2026, "中牟县"), "郑州市"))
    with store.session() as session:
        assert move_county(session, county_code=ZHENGZHOU, city_name=" 洛阳市 ", by="ops") == 2
        session.commit()
    assert {c.city_name for c in store.counties()} == {"洛阳市"}
    with store.session() as session:
        entry = list_audit(session)[0]
        with pytest.raises(StoreError, match="已属于“洛阳市”，未做修改"):
            move_county(session, county_code=ZHENGZHOU, city_name="洛阳市", by="ops")
        with pytest.raises(StoreError, match="库中没有县区 410999 的数据"):
            move_county(session, county_code="410999", city_name="洛阳市", by="ops")
    assert (entry.action, entry.username, entry.before, entry.after) == (
        "move_county", "ops", {"city_name": "郑州市"}, {"city_name": "洛阳市"})
    store.import_county(_in_city(sample_county(ZHENGZHOU, 2025, "中牟县"), "洛阳市"),
                        replace=True, importer=CITY_ADMIN)


# --- approvals racing imports (item 3) --------------------------------------------------------


def _submit_all(store, county: CountyData, books: int) -> list[int]:
    """One pending submission per school that has a 校舍设施 row, each setting ``books``."""
    ids = []
    with store.session() as session:
        import_id = store.counties()[0].import_id
        for school in county.facilities["school_id"]:
            facility, version, classes = school_records(
                session, county_code=county.county_code, school_year=county.school_year,
                school_id=school)
            ids.append(create_submission(
                session, county_code=county.county_code, school_year=county.school_year,
                school_id=school, payload={"facility": {**facility, "books": books},
                                           "classes": classes},
                base_import_id=import_id, base_version=version, submitted_by="s").id)
        session.commit()
    return ids


def _approve(store, submission_id: int) -> str:
    """Approve as the web does; 'applied' or the refusal."""
    try:
        with write_session(store._sessions) as session:
            submission = get_submission(session, submission_id=submission_id)
            apply_submission(session, submission=submission, decided_by="a",
                             expected_version=1)
            session.commit()
        return "applied"
    except StoreError as exc:
        return str(exc)


def test_approvals_racing_a_replace_import_are_never_applied_on_top_of_it(store):
    county = sample_county()
    store.import_county(county)
    for _ in range(4):
        ids = _submit_all(store, county, books=99_999)
        results = race(*(lambda i=i: _approve(store, i) for i in ids),
                        lambda: store.import_county(county, replace=True))
        # Whatever happened first, the import replaced everything: no approval after it.
        books = store.load_county(county.county_code, county.school_year).facilities["books"]
        assert books.tolist() == county.facilities["books"].tolist(), results
        for outcome in results[:-1]:
            assert outcome == "applied" or "已重新导入" in outcome, outcome


def test_two_approvals_for_a_school_without_a_facility_row_insert_one(store):
    county = sample_county()
    school = county.facilities["school_id"].iloc[4]  # a kindergarten may lack the row
    without = county.with_tables(facilities=county.facilities.iloc[:4])
    store.import_county(without)
    with store.session() as session:
        ids = [create_submission(session, county_code="410306", school_year=2025,
                                 school_id=school, payload={"facility": {"books": n},
                                                            "classes": []},
                                 base_import_id=1, base_version=0, submitted_by="s").id
               for n in (100, 200, 300, 400)]
        session.commit()
    results = race(*(lambda i=i: _approve(store, i) for i in ids))
    assert results.count("applied") == 1, results
    assert all("已被修改" in r for r in results if r != "applied")
    with store.session() as session:
        rows = session.scalar(select(func.count()).select_from(Facility).where(
            Facility.school_id == school))
        statuses = [get_submission(session, submission_id=i).status for i in ids]
    assert rows == 1
    assert statuses.count(SubmissionStatus.APPROVED.value) == 1


def test_the_store_refuses_a_second_facility_row_for_a_school(store):
    county = sample_county()
    doubled = county.with_tables(facilities=county.facilities.iloc[[0, 0]].reset_index(drop=True))
    # The validator refuses it first; the unique key (migration 0003) is what holds the web's
    # writes, so write without validating, as they do.
    with pytest.raises(StoreError, match="写入县区 410306 2025 学年的“校舍设施”表时数据库报错"), \
            transaction(store.engine, write=True) as conn:
        insert_county(conn, doubled, source="", file_hash="", user="", replaced=False)
    assert store.counties() == []


def _rows_the_schema_has(engine, frame_rows):
    """``frame_rows`` limited to the columns the database has (later migrations add more)."""
    from sqlalchemy import inspect

    held = {t: {c["name"] for c in inspect(engine).get_columns(t)}
            for t in inspect(engine).get_table_names()}

    def rows(sheet_key, frame, **key):
        return [{k: v for k, v in r.items() if k in held.get(sheet_key, r)}
                for r in frame_rows(sheet_key, frame, **key)]

    return rows


def test_migration_0003_keeps_the_newest_of_duplicate_facility_rows_and_audits_the_rest(
        store_url, monkeypatch):
    from sqlalchemy import MetaData, Table, insert

    from junheng.store import repository
    from junheng.store.engine import (
        current_revision,
        downgrade,
        head_revision,
        make_engine,
        migrate,
    )

    engine = make_engine(store_url)
    if current_revision(engine) is None:
        migrate(engine, "0002_accounts")
    else:
        downgrade(engine, "0002_accounts")
    county = sample_county()
    monkeypatch.setattr(repository, "frame_rows",
                        _rows_the_schema_has(engine, repository.frame_rows))
    with transaction(engine, write=True) as conn:
        insert_county(conn, county, source="", file_hash="", user="", replaced=False)
    monkeypatch.undo()
    with transaction(engine, write=True) as conn:
        facilities = Table("facilities", MetaData(), autoload_with=conn)  # as of 0002
        row = {k: v for k, v in conn.execute(select(facilities).where(
            facilities.c.row_no == 0)).mappings().one().items() if k != "id"}
        for version, books in ((3, 30_000), (2, 20_000)):  # left by two racing approvals
            conn.execute(insert(facilities).values(
                {**row, "version": version, "books": books}))
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with transaction(engine) as conn:
        kept = conn.execute(select(Facility.version, Facility.books).where(
            Facility.school_id == row["school_id"])).all()
    engine.dispose()
    assert kept == [(3, 30_000)]
    with open_store(store_url) as again, again.session() as session:
        removed = [e for e in list_audit(session) if e.action == "remove_duplicate"]
    assert sorted((e.username, e.before["version"]) for e in removed) == [("migration", 1),
                                                                          ("migration", 2)]
