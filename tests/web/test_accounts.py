"""The accounts repository: users and their scope, submissions and their decisions."""

from __future__ import annotations

import pytest

from junheng.errors import StoreError
from junheng.io import example_county
from junheng.store import open_store
from junheng.store.accounts import (
    add_user,
    apply_submission,
    create_submission,
    decide_submission,
    school_records,
)
from junheng.web import demo_users
from junheng.web.security import LoginThrottle, hash_password, verify_password


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    yield opened
    opened.close()


@pytest.mark.parametrize(("role", "county", "city", "school", "message"), [
    ("school", "410306", None, None, "学校填报员必须同时指定"),
    ("admin", "410306", None, "4103060001", "只有学校填报员可以指定学校"),
    ("inspector", None, None, None, "督学必须指定所管县区"),
    ("admin", "4103", None, None, "县区代码“4103”不是 6 位数字"),
])
def test_a_user_scope_must_fit_the_role(store, role, county, city, school, message):
    with store.session() as session, pytest.raises(StoreError, match=message):
        add_user(session, username="x", password_hash="h", role=role, county_code=county,
                 city_name=city, school_id=school)


def test_passwords_are_hashed_with_argon2_and_checked():
    digest = hash_password("a-long-password")
    assert digest.startswith("$argon2id$")
    assert verify_password(digest, "a-long-password")
    assert not verify_password(digest, "wrong")
    assert not verify_password(None, "a-long-password")
    with pytest.raises(ValueError, match="密码至少需要 10 个字符（现为 7 个）"):
        hash_password("1234567")


def test_throttle_blocks_after_the_limit_and_reports_the_wait():
    now = [0.0]
    throttle = LoginThrottle(limit=3, window=60, clock=lambda: now[0])
    for t in (0, 10, 20):
        now[0] = t
        throttle.fail("Admin ", "127.0.0.1")
    now[0] = 30
    # The first failure (t=0) expires at 60: 30 s to wait; the name is case-insensitive.
    assert throttle.blocked_for("admin", "127.0.0.1") == 30
    assert throttle.blocked_for("admin", "10.0.0.2") == 0
    now[0] = 60
    assert throttle.blocked_for("admin", "127.0.0.1") == 0


def test_a_submission_is_applied_once_and_a_second_on_the_same_version_is_refused(store):
    store.import_county(example_county())
    school = "4103060001"
    with store.session() as session:
        facility, version, classes = school_records(session, county_code="410306",
                                                    school_year=2025, school_id=school)
        payloads = [{"facility": {**facility, "books": books}, "classes": classes}
                    for books in (17_000, 18_000)]
        first, second = (create_submission(session, county_code="410306", school_year=2025,
                                           school_id=school, payload=p, base_import_id=1,
                                           base_version=version, submitted_by="s")
                         for p in payloads)
        before, after = apply_submission(session, submission=first, decided_by="a",
                                         expected_version=1)
        assert (before["facility"]["books"], after["facility"]["books"]) == (16_500, 17_000)
        assert (before["version"], after["version"]) == (1, 2)
        with pytest.raises(StoreError, match="当前版本 2，填报依据版本 1"):
            apply_submission(session, submission=second, decided_by="a", expected_version=1)
        session.commit()
    with store.session() as session:
        facility, version, _ = school_records(session, county_code="410306", school_year=2025,
                                              school_id=school)
    assert (facility["books"], version) == (17_000, 2)


def test_a_submission_from_before_a_reimport_is_refused(store):
    store.import_county(example_county())
    with store.session() as session:
        facility, version, classes = school_records(session, county_code="410306",
                                                    school_year=2025, school_id="4103060001")
        sub = create_submission(session, county_code="410306", school_year=2025,
                                school_id="4103060001",
                                payload={"facility": facility, "classes": classes},
                                base_import_id=1, base_version=version, submitted_by="s")
        session.commit()
    store.import_county(example_county(), replace=True)
    with store.session() as session, pytest.raises(StoreError, match="已重新导入"):
        apply_submission(session, submission=session.merge(sub), decided_by="a",
                         expected_version=1)


def test_a_decided_submission_cannot_be_decided_again(store):
    with store.session() as session:
        sub = create_submission(session, county_code="410306", school_year=2025,
                                school_id="S", payload={}, base_import_id=1, base_version=1,
                                submitted_by="s")
        decide_submission(session, submission=sub, approve=False, decided_by="a",
                          expected_version=1)
        with pytest.raises(StoreError, match="已退回，不能再次审核"):
            decide_submission(session, submission=sub, approve=True, decided_by="a",
                              expected_version=2)


def test_demo_users_creates_four_accounts_once(store):
    created = demo_users(store, "410306", ["4103060001", "4103060003", "4103060002"])
    assert [(u, r) for u, r, _ in created] == [
        ("admin_410306", "admin"), ("inspector_410306", "inspector"),
        ("school_4103060001", "school"), ("school_4103060003", "school")]
    assert all(len(p) >= 12 for _, _, p in created)
    assert demo_users(store, "410306", ["4103060001", "4103060003"]) == []
