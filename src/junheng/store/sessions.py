"""Server-side web sessions: the cookie holds a random id, the table says whether it is live.

A login stores one ``web_sessions`` row keyed by the SHA-256 of a random 32-byte token (a
copy of the table cannot be replayed as cookies) with the user and an absolute expiry. Every
request looks the token up together with the user (``junheng.web.services.session_scope``),
so logging out (:func:`end_session`), changing or resetting a password and disabling a user
(:func:`end_user_sessions`) end the session at once on every server process, where a
signed cookie alone stayed valid for its whole 12 hours.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, Index, String, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from junheng.store.base import Base

SESSION_HOURS = 12
"""A session ends this long after the login, however busy."""


class WebSession(Base):
    """One logged-in browser."""

    __tablename__ = "web_sessions"
    __table_args__ = (Index("ix_web_sessions_user_id", "user_id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    client: Mapped[str] = mapped_column(String(64), default="")


def session_key(token: str) -> str:
    """The stored key of a cookie token (its SHA-256, hex)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, *, user_id: int, client: str = "",
                  now: datetime | None = None, hours: float = SESSION_HOURS) -> str:
    """Store a new session for ``user_id`` and return its token (for the cookie only).

    Expired sessions of every user are removed on the way, so the table stays small.

    Examples
    --------
    >>> from sqlalchemy import create_engine
    >>> from junheng.store.accounts import User
    >>> engine = create_engine("sqlite://")
    >>> Base.metadata.create_all(engine, tables=[User.__table__, WebSession.__table__])
    >>> with Session(engine) as s:
    ...     len(start_session(s, user_id=1))
    43
    """
    now = now or datetime.now(UTC)
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    session.add(WebSession(id=session_key(token), user_id=user_id, created_at=now,
                           expires_at=now + timedelta(hours=hours), client=client[:64]))
    session.flush()
    return token


def end_session(session: Session, *, token: str) -> None:
    """End the session of ``token`` (logout); unknown tokens are ignored."""
    session.execute(delete(WebSession).where(WebSession.id == session_key(token)))


def end_user_sessions(session: Session, *, user_id: int) -> int:
    """End every session of a user (password changed, user disabled); how many ended."""
    return session.execute(delete(WebSession).where(WebSession.user_id == user_id)).rowcount


__all__ = ["SESSION_HOURS", "WebSession", "end_session", "end_user_sessions", "session_key",
           "start_session"]
