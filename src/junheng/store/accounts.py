"""Web accounts, the audit log and school submissions: tables and keyword-only repository functions.

Three tables live here, on the shared :class:`~junheng.store.base.Base`:

* ``users`` — who may log in, with an argon2 hash and a role scoped to a county, a city's
  counties or one school;
* ``audit_log`` — one row per write (who, when, what, before and after as JSON); rows are
  only ever inserted, and the migration adds database triggers that refuse UPDATE and DELETE;
* ``submissions`` — a school's self-reported facility and class data waiting for the county's
  approval. A submission remembers the import and the ``version`` of the school's official
  校舍设施 row it was based on; approval replaces the official rows only if both are unchanged,
  in one transaction, and bumps that version, so a stale edit is reported, never applied over
  a newer one.

Every function takes a SQLAlchemy ``Session`` and keyword arguments, and leaves committing to
the caller unless it says otherwise, so a write and its audit row share one transaction.
"""

from __future__ import annotations

import enum
import functools
import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Connection,
    DateTime,
    Index,
    String,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError

from junheng.errors import ConfigError, StoreError
from junheng.model import labels
from junheng.model.choices import ROLES
from junheng.store.base import Base
from junheng.store.sessions import end_user_sessions


class Role(enum.StrEnum):
    """What a user may do: admin (everything in scope), inspector (read-only), school."""

    ADMIN = "admin"
    INSPECTOR = "inspector"
    SCHOOL = "school"


ROLE_LABELS = {Role(code): text for code, text in labels.ROLE_LABELS.items()}


class SubmissionStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


SUBMISSION_STATUS_LABELS = {SubmissionStatus(code): text
                            for code, text in labels.SUBMISSION_STATUS_LABELS.items()}


def _now() -> datetime:
    return datetime.now(UTC)


class User(Base):
    """A person who logs in to the web application."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role in ('admin', 'inspector', 'school')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    county_code: Mapped[str | None] = mapped_column(String(6))
    city_name: Mapped[str | None] = mapped_column(String(64))
    school_id: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AuditEntry(Base):
    """One write: who did what to which record, with the record before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_county_at", "county_code", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(128), default="")
    county_code: Mapped[str | None] = mapped_column(String(6))
    school_year: Mapped[int | None] = mapped_column()
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
    client: Mapped[str] = mapped_column(String(64), default="")


class Submission(Base):
    """A school's facility and class data, submitted for the county's approval."""

    __tablename__ = "submissions"
    __table_args__ = (
        CheckConstraint("status in ('pending', 'approved', 'rejected')", name="status"),
        Index("ix_submissions_county_status", "county_code", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6))
    school_year: Mapped[int] = mapped_column()
    school_id: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON)
    base_import_id: Mapped[int] = mapped_column()
    # Version of the official facilities row the form was loaded with; 0 = there was none.
    base_version: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default=SubmissionStatus.PENDING.value)
    submitted_by: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    # SQLAlchemy adds "AND version = :old" to every UPDATE and raises StaleDataError when
    # another writer got there first.
    __mapper_args__ = {"version_id_col": version}


# --- users -----------------------------------------------------------------------------


def _check_scope(*, role: Role, county_code: str | None, city_name: str | None,
                 school_id: str | None) -> None:
    if role is Role.SCHOOL and not (county_code and school_id):
        raise StoreError("学校填报员必须同时指定县区代码（--county）和学校标识码（--school）。")
    if role is not Role.SCHOOL and school_id:
        raise StoreError(f"只有学校填报员可以指定学校（--school {school_id}）；请去掉该选项或改用 --role school。")
    if role is not Role.SCHOOL and not (county_code or city_name):
        raise StoreError(f"{ROLE_LABELS[role]}必须指定所管县区（--county 县区代码）或地市（--city 地市名称）。")
    if county_code is not None and not (len(county_code) == 6 and county_code.isdigit()):
        raise StoreError(f"县区代码“{county_code}”不是 6 位数字：请填写 GB/T 2260 行政区划代码。")


def add_user(session: Session, *, username: str, password_hash: str, role: Role | str,
             county_code: str | None = None, city_name: str | None = None,
             school_id: str | None = None) -> User:
    """Add a user; raise :class:`StoreError` if the name is taken or the scope does not fit the role.

    Examples
    --------
    >>> from sqlalchemy import create_engine
    >>> from sqlalchemy.orm import Session
    >>> engine = create_engine("sqlite://")
    >>> Base.metadata.create_all(engine, tables=[User.__table__])
    >>> with Session(engine) as s:
    ...     add_user(s, username="li", password_hash="x", role="inspector",
    ...              county_code="410306").role
    'inspector'
    """
    username = username.strip()
    if not username:
        raise StoreError("用户名不能为空。")
    try:
        role = Role(ROLES.code(getattr(role, "value", role)))
    except ConfigError as exc:
        raise StoreError(str(exc)) from None
    _check_scope(role=role, county_code=county_code, city_name=city_name, school_id=school_id)
    if get_user(session, username=username) is not None:
        raise StoreError(f"用户“{username}”已存在：请换一个用户名。")
    user = User(username=username, password_hash=password_hash, role=role.value,
                county_code=county_code, city_name=city_name, school_id=school_id, active=True)
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, *, username: str | None = None, user_id: int | None = None
             ) -> User | None:
    """The user with this name or id, or None."""
    if user_id is not None:
        return session.get(User, user_id)
    return session.scalar(select(User).where(User.username == username))


def list_users(session: Session) -> list[User]:
    """Every user, by name."""
    return list(session.scalars(select(User).order_by(User.username)))


def set_password(session: Session, *, username: str, password_hash: str) -> User:
    """Replace a user's password hash and end every web session of the user (a stolen
    cookie stops working); raise :class:`StoreError` for an unknown user."""
    user = _existing(session, username)
    user.password_hash = password_hash
    end_user_sessions(session, user_id=user.id)
    return user


def set_active(session: Session, *, username: str, active: bool) -> User:
    """Disable (or enable again) a user; disabling ends every web session of the user."""
    user = _existing(session, username)
    user.active = active
    if not active:
        end_user_sessions(session, user_id=user.id)
    return user


def change_user(session: Session, *, username: str, by: str, active: bool | None = None,
                password_hash: str | None = None) -> User:
    """Disable or enable a user, or replace its password hash, with an audit row; disabling
    and a new password end every web session of the user."""
    user = _existing(session, username)
    before = user_public(user)
    if password_hash is not None:
        set_password(session, username=user.username, password_hash=password_hash)
        action = "password_reset"
    else:
        set_active(session, username=user.username, active=bool(active))
        action = "user_enable" if active else "user_disable"
    record_audit(session, username=by, action=action, entity="user", entity_key=user.username,
                 county_code=user.county_code, before=before, after=user_public(user))
    return user


def _existing(session: Session, username: str) -> User:
    user = get_user(session, username=username.strip())
    if user is None:
        raise StoreError(f"用户“{username}”不存在：可用 junheng user add 新增用户。")
    return user


def user_public(user: User) -> dict[str, Any]:
    """A user as a JSON-able dict for the audit log (no password hash)."""
    return {"username": user.username, "role": user.role, "county_code": user.county_code,
            "city_name": user.city_name, "school_id": user.school_id, "active": user.active}


# --- audit -----------------------------------------------------------------------------


def _json_safe(value: Any) -> Any:
    """Plain JSON values: NaN/NA become None, numpy scalars become Python numbers."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):  # numpy scalars
        return _json_safe(value.item())
    try:
        if value != value:  # pandas NA / NaT
            return None
    except TypeError:
        return None  # pd.NA raises on bool()
    return json.loads(json.dumps(value, default=str))


def record_audit(session: Session, *, username: str, action: str, entity: str,
                 entity_key: str = "", county_code: str | None = None,
                 school_year: int | None = None, before: Any = None, after: Any = None,
                 client: str = "") -> AuditEntry:
    """Append one audit row in the caller's transaction."""
    entry = AuditEntry(at=_now(), username=username, action=action, entity=entity,
                       entity_key=entity_key, county_code=county_code, school_year=school_year,
                       before=_json_safe(before), after=_json_safe(after), client=client[:64])
    session.add(entry)
    session.flush()
    return entry


def list_audit(session: Session, *, county_codes: set[str] | None = None, limit: int = 200,
               offset: int = 0, action: str | None = None) -> list[AuditEntry]:
    """Audit rows, newest first; ``county_codes`` limits to those counties (and their users)."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    if county_codes is not None:
        query = query.where(AuditEntry.county_code.in_(sorted(county_codes)))
    if action:
        query = query.where(AuditEntry.action == action)
    return list(session.scalars(query))


# --- submissions -----------------------------------------------------------------------------


def create_submission(session: Session, *, county_code: str, school_year: int, school_id: str,
                      payload: Mapping[str, Any], base_import_id: int, base_version: int,
                      submitted_by: str) -> Submission:
    """Store a school's submitted data, pending approval."""
    sub = Submission(county_code=county_code, school_year=school_year, school_id=school_id,
                     payload=_json_safe(dict(payload)), base_import_id=base_import_id,
                     base_version=base_version,
                     status=SubmissionStatus.PENDING.value, submitted_by=submitted_by,
                     submitted_at=_now(), decision_note="")
    session.add(sub)
    session.flush()
    return sub


def get_submission(session: Session, *, submission_id: int) -> Submission | None:
    """The submission with this id, or None."""
    return session.get(Submission, submission_id)


def list_submissions(session: Session, *, county_codes: set[str] | None = None,
                     school_id: str | None = None, status: SubmissionStatus | None = None,
                     limit: int = 200) -> list[Submission]:
    """Submissions, newest first, filtered by counties, school and status."""
    query = select(Submission).order_by(Submission.id.desc()).limit(limit)
    if county_codes is not None:
        query = query.where(Submission.county_code.in_(sorted(county_codes)))
    if school_id is not None:
        query = query.where(Submission.school_id == school_id)
    if status is not None:
        query = query.where(Submission.status == SubmissionStatus(status).value)
    return list(session.scalars(query))


def decide_submission(session: Session, *, submission: Submission, approve: bool,
                      decided_by: str, note: str = "", expected_version: int) -> Submission:
    """Mark a pending submission approved or rejected; refuse a decided or stale one.

    Raises
    ------
    StoreError
        When the submission is no longer pending or changed since ``expected_version``.
    """
    if submission.version != expected_version:
        raise StoreError(
            f"第 {submission.id} 号填报已被他人处理（当前版本 {submission.version}，"
            f"您看到的版本 {expected_version}）：请刷新页面。")
    if submission.status != SubmissionStatus.PENDING.value:
        label = SUBMISSION_STATUS_LABELS[SubmissionStatus(submission.status)]
        raise StoreError(f"第 {submission.id} 号填报{label}，不能再次审核。")
    submission.status = (SubmissionStatus.APPROVED if approve else SubmissionStatus.REJECTED).value
    submission.decided_by = decided_by
    submission.decided_at = _now()
    submission.decision_note = note
    try:
        session.flush()
    except StaleDataError:
        raise StoreError(f"第 {submission.id} 号填报刚被他人处理：请刷新页面。") from None
    return submission


# --- a school's official facility and class rows ----------------------------------------------

FACILITY_FIELDS = ("teaching_area", "sports_area", "equipment_value", "books", "computers",
                   "multimedia_rooms", "classrooms", "music_rooms", "music_room_area",
                   "art_rooms", "art_room_area", "outdoor_play_area")
CLASS_FIELDS = ("grade", "class_no", "students", "boarders", "migrant_students",
                "disabled_students")


def current_import_id(session: Session, *, county_code: str, school_year: int) -> int | None:
    """The id of the import that holds this county-year, or None if it is not in the store."""
    from junheng.store.models import CountyYearRow

    return session.scalar(select(CountyYearRow.import_id).where(
        CountyYearRow.county_code == county_code, CountyYearRow.school_year == school_year))


def school_records(session: Session, *, county_code: str, school_year: int, school_id: str
                   ) -> tuple[dict[str, Any] | None, int, list[dict[str, Any]]]:
    """A school's official 校舍设施 row (or None), its version (0 when absent) and its classes."""
    from junheng.store.models import Facility, SchoolClass

    key = (Facility.county_code == county_code, Facility.school_year == school_year,
           Facility.school_id == school_id)
    facility = session.scalars(select(Facility).where(*key)).first()
    classes = session.scalars(
        select(SchoolClass).where(SchoolClass.county_code == county_code,
                                  SchoolClass.school_year == school_year,
                                  SchoolClass.school_id == school_id)
        .order_by(SchoolClass.row_no))
    facility_values = None if facility is None else {f: getattr(facility, f)
                                                     for f in FACILITY_FIELDS}
    class_rows = [{f: getattr(c, f) for f in CLASS_FIELDS} for c in classes]
    return facility_values, (0 if facility is None else facility.version), class_rows


def apply_submission(session: Session, *, submission: Submission, decided_by: str,
                     expected_version: int, note: str = "") -> tuple[dict, dict]:
    """Approve a submission: replace the school's official rows, bump the version, mark it.

    Everything happens in the caller's transaction; any refusal raises before the caller
    commits, so nothing changes. Open that transaction with
    :func:`junheng.store.engine.write_session`: the county-year is locked first (an import
    running at the same time either finishes before, and this approval is refused as
    stale, or waits until this one commits), and on SQLite the write lock is held from the
    transaction's start, so nothing read here can change before the write.

    Returns
    -------
    (before, after)
        The school's facility row and classes before and after, for the audit log.

    Raises
    ------
    StoreError
        When the county-year was re-imported, or the official row changed, after the school
        loaded its form; or when the submission was already decided.
    """
    from junheng.store.models import SchoolClass
    from junheng.store.repository import lock_county_year

    county, year, school = submission.county_code, submission.school_year, submission.school_id
    # Imports and approvals of this county-year wait for each other (see write_session).
    lock_county_year(session, county_code=county, school_year=year)
    if current_import_id(session, county_code=county, school_year=year) != \
            submission.base_import_id:
        raise StoreError(f"第 {submission.id} 号填报提交后，{year} 学年数据已重新导入：请退回该填报，"
                         "由学校依据最新数据重新填报。")
    facility, version, classes = school_records(session, county_code=county, school_year=year,
                                                school_id=school)
    before = {"facility": facility, "version": version, "classes": classes}
    stale = StoreError(
        f"学校 {school} 的校舍设施数据在第 {submission.id} 号填报提交后已被修改（当前版本 {version}，"
        f"填报依据版本 {submission.base_version}）：请退回该填报，由学校核对最新数据后重新填报。")
    if version != submission.base_version:
        raise stale
    values = {f: submission.payload["facility"].get(f) for f in FACILITY_FIELDS}
    new_version = _write_facility(session, submission, values, stale)
    _replace_classes(session, SchoolClass, county, year, school,
                     submission.payload.get("classes", []))
    # the rows it replaced stay with the record (review rvweb 6: after approval the page
    # showed the new value under 正式数据, and 13,955 → 20,000 was lost)
    submission.payload = {**submission.payload, "replaced": before}
    decide_submission(session, submission=submission, approve=True, decided_by=decided_by,
                      note=note, expected_version=expected_version)
    after = {"facility": values, "version": new_version,
             "classes": [{f: c.get(f) for f in CLASS_FIELDS}
                         for c in submission.payload.get("classes", [])]}
    return before, after


def _write_facility(session: Session, submission: Submission, values: dict,
                    stale: StoreError) -> int:
    """Insert or update the school's 校舍设施 row with ``values``; its new version."""
    from junheng.store.models import Facility

    county, year, school = submission.county_code, submission.school_year, submission.school_id
    if submission.base_version == 0:  # the unique key refuses a second row for the school
        session.execute(insert(Facility.__table__).values(
            county_code=county, school_year=year, school_id=school, version=1,
            row_no=_next_row_no(session, Facility, county, year), **values))
        return 1
    # Conditional on the version read: of two concurrent approvals exactly one matches.
    result = session.execute(
        update(Facility.__table__)
        .where(Facility.county_code == county, Facility.school_year == year,
               Facility.school_id == school, Facility.version == submission.base_version)
        .values(version=submission.base_version + 1, **values))
    if result.rowcount != 1:
        raise stale
    return submission.base_version + 1


def _next_row_no(session: Session, model: type, county: str, year: int) -> int:
    last = session.scalar(select(func.max(model.row_no)).where(
        model.county_code == county, model.school_year == year))
    return (last or 0) + 1


def _replace_classes(session: Session, model: type, county: str, year: int, school: str,
                     classes: list[Mapping[str, Any]]) -> None:
    """Delete the school's classes and insert the submitted ones, reusing their sheet rows."""
    where = (model.county_code == county, model.school_year == year, model.school_id == school)
    old_rows = sorted(session.scalars(select(model.row_no).where(*where)))
    session.execute(delete(model.__table__).where(*where))
    next_row = _next_row_no(session, model, county, year)
    for i, row in enumerate(classes):
        row_no = old_rows[i] if i < len(old_rows) else next_row + i - len(old_rows)
        session.execute(insert(model.__table__).values(
            county_code=county, school_year=year, school_id=school, row_no=row_no, version=1,
            **{f: row.get(f) for f in CLASS_FIELDS}))


def school_statuses(session: Session | Connection, *, county_code: str, school_year: int
                    ) -> dict[str, tuple[int, int]]:
    """{school id: (version of its official 校舍设施 row or 0, pending submissions)} of a
    county-year, for every school that has either: two indexed queries."""
    versions_of, pending_of = _school_status_statements()
    key = {"county": county_code, "year": school_year}
    versions = dict(session.execute(versions_of, key).all())
    pending = dict(session.execute(pending_of, key).all())
    return {school: (int(versions.get(school, 0)), int(pending.get(school, 0)))
            for school in versions.keys() | pending.keys()}


@functools.cache
def _school_status_statements():
    """Built once (the school pages ask whenever the county-year's stamp changes)."""
    from junheng.store.models import Facility

    versions = select(Facility.school_id, Facility.version).where(
        Facility.county_code == bindparam("county"), Facility.school_year == bindparam("year"))
    pending = (select(Submission.school_id, func.count(Submission.id))
               .where(Submission.county_code == bindparam("county"),
                      Submission.school_year == bindparam("year"),
                      Submission.status == SubmissionStatus.PENDING.value)
               .group_by(Submission.school_id))
    return versions, pending
