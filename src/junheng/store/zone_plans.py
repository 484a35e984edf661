"""就近划片 plans kept in the store: drafts, the plan in force, and the plans it superseded.

A zone plan is what ``junheng.jobs.zones`` computed for one county, data school year and stage
(小学 or 初中): the options it was run with (weights, cap on pupils moved, hard capacity), the
block → school rows, the per-school before/after table and the county figures. It is saved
as a draft (草案). The county admin may adopt one as in force (已生效): one county, stage and
school year has at most one plan in force, so adopting supersedes the previous one (已被替代),
which stays stored with its rows — nothing is deleted. Saving and adopting write audit rows.
Migration ``0011_zone_plans`` creates the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, Float, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from junheng.store.accounts import record_audit
from junheng.store.base import Base

if TYPE_CHECKING:
    from junheng.ledger.catalogue.enrolment import ZonePlanFigures

DRAFT, IN_FORCE, SUPERSEDED = "draft", "in_force", "superseded"
STATUS_LABELS = {DRAFT: "草案", IN_FORCE: "已生效", SUPERSEDED: "已被替代"}
STAGE_LABELS = {"primary": "小学", "junior": "初中"}


class ZonePlanRow(Base):
    """One computed zone plan of a county, school year and stage."""

    __tablename__ = "zone_plans"
    __table_args__ = (Index("ix_zone_plans_county_stage_year", "county_code", "stage",
                            "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(6))
    school_year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    job_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    options: Mapped[Any] = mapped_column(JSON)
    blocks: Mapped[Any] = mapped_column(JSON)
    schools: Mapped[Any] = mapped_column(JSON)
    figures: Mapped[Any] = mapped_column(JSON)
    solver_status: Mapped[str] = mapped_column(String(32))
    gap: Mapped[float] = mapped_column(Float)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    adopted_by: Mapped[str | None] = mapped_column(String(64))
    adopted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class ZonePlanDraft:
    """What a zoning run produced, ready to be stored.

    ``blocks``: one dict per block (地块, 学生数, 现学校, 划入学校, 是否调整, 距离（公里）);
    ``schools``: the per-school before/after rows of :func:`junheng.zones.summary.per_school`;
    ``figures``: the county figures of :func:`junheng.zones.summary.totals`.
    """

    county_code: str
    school_year: int
    stage: str
    name: str
    options: dict[str, Any]
    blocks: list[dict[str, Any]]
    schools: list[dict[str, Any]]
    figures: dict[str, float]
    solver_status: str
    gap: float


def save_zone_plan(session: Session, draft: ZonePlanDraft, *, by: str, job_id: str | None = None,
                   client: str = "") -> ZonePlanRow:
    """Store ``draft`` as a 草案 with an audit row (the caller commits)."""
    row = ZonePlanRow(county_code=draft.county_code, school_year=draft.school_year,
                      stage=draft.stage, name=draft.name[:128], status=DRAFT, job_id=job_id,
                      options=draft.options, blocks=draft.blocks, schools=draft.schools,
                      figures=draft.figures, solver_status=draft.solver_status,
                      gap=float(draft.gap), created_by=by, created_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    record_audit(session, username=by, action="zone_plan_save", entity="zone_plan",
                 entity_key=_key(row), county_code=row.county_code,
                 school_year=row.school_year, after=_public(row), client=client)
    return row


def adopt_zone_plan(session: Session, plan_id: int, *, by: str, client: str = ""
                    ) -> ZonePlanRow:
    """Put plan ``plan_id`` in force for its county, stage and school year; the plan in force
    before becomes 已被替代 (kept). One audit row names both (the caller commits)."""
    row = session.get(ZonePlanRow, plan_id)
    if row is None:
        raise LookupError(plan_id)
    previous = in_force(session, row.county_code, row.stage, row.school_year)
    if previous is not None and previous.id == row.id:
        return row
    before = _public(previous) if previous is not None else None
    if previous is not None:
        previous.status = SUPERSEDED
    row.status, row.adopted_by, row.adopted_at = IN_FORCE, by, datetime.now(UTC)
    session.flush()
    record_audit(session, username=by, action="zone_plan_adopt", entity="zone_plan",
                 entity_key=_key(row), county_code=row.county_code,
                 school_year=row.school_year, before=before, after=_public(row), client=client)
    return row


def in_force(session: Session, county_code: str, stage: str, school_year: int
             ) -> ZonePlanRow | None:
    """The plan in force for the county, stage and school year, or None."""
    return session.scalar(select(ZonePlanRow).where(
        ZonePlanRow.county_code == county_code, ZonePlanRow.stage == stage,
        ZonePlanRow.school_year == school_year, ZonePlanRow.status == IN_FORCE))


def by_job(session: Session, job_id: str) -> ZonePlanRow | None:
    return session.scalar(select(ZonePlanRow).where(ZonePlanRow.job_id == job_id))


def list_zone_plans(session: Session, county_code: str) -> list[ZonePlanRow]:
    """Every plan of the county, newest first (drafts, in force and superseded)."""
    return list(session.scalars(select(ZonePlanRow)
                                .where(ZonePlanRow.county_code == county_code)
                                .order_by(ZonePlanRow.id.desc())))


def in_force_figures(session: Session, county_code: str
                     ) -> dict[tuple[str, int], dict[str, ZonePlanFigures]]:
    """The county's plans in force as the ledger reads them: {(county, year): {stage: …}}."""
    from junheng.ledger.catalogue.enrolment import ZonePlanFigures

    rows = session.scalars(select(ZonePlanRow).where(ZonePlanRow.county_code == county_code,
                                                     ZonePlanRow.status == IN_FORCE)
                           .order_by(ZonePlanRow.id))
    found: dict[tuple[str, int], dict[str, ZonePlanFigures]] = {}
    for r in rows:
        adopted = r.adopted_at.date().isoformat() if r.adopted_at else ""
        villages = [b for b in r.blocks if not str(b["地块"]).startswith("学校：")]
        found.setdefault((r.county_code, r.school_year), {})[r.stage] = ZonePlanFigures(
            r.id, r.name, adopted, float(r.figures["方案可就近划片学生"]), float(r.figures["学生"]),
            tuple((b["地块"], b["划入学校"]) for b in villages),
            tuple(b["地块"] for b in villages if b["是否调整"]))
    return found


def _key(row: ZonePlanRow) -> str:
    return f"{row.school_year} 学年{STAGE_LABELS.get(row.stage, row.stage)}就近划片方案 第 {row.id} 号"


def _public(row: ZonePlanRow) -> dict[str, Any]:
    """The plan for the audit log, with Chinese field names."""
    f = row.figures
    return {"方案": row.name, "编号": row.id, "学年": row.school_year,
            "学段": STAGE_LABELS.get(row.stage, row.stage),
            "状态": STATUS_LABELS.get(row.status, row.status),
            "超员": f.get("方案超员"), "调整学区学生": f.get("调整学区学生"),
            "学区学位可容纳比例": f.get("方案可就近划片入学比例")}
