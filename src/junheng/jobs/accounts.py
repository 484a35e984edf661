"""Create web accounts: one user (``junheng user add``) or the demo's four (``junheng demo``).

Passwords are hashed with argon2id (:func:`junheng.web.security.hash_password`, the same hasher
the login verifies with) and every account created is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from junheng.model.labels import CLI_OPERATOR


def add_web_user(store: Any, *, username: str, password: str, role: str,
                 county_code: str | None = None, city_name: str | None = None,
                 school_id: str | None = None, by: str = CLI_OPERATOR):
    """Create a user with an argon2 hash and audit it; returns the public record."""
    from junheng.store.accounts import add_user, record_audit, user_public
    from junheng.web.security import hash_password

    try:
        password_hash = hash_password(password, username=username.strip())
    except ValueError as exc:
        from junheng.errors import StoreError

        raise StoreError(str(exc)) from None
    with store.session() as session:
        user = add_user(session, username=username, password_hash=password_hash, role=role,
                        county_code=county_code, city_name=city_name, school_id=school_id)
        public = user_public(user)
        record_audit(session, username=by, action="user_add", entity="user",
                     entity_key=user.username, county_code=county_code, after=public)
        session.commit()
    return public


def demo_users(store: Any, county_code: str, school_ids: list[str]
               ) -> list[tuple[str, str, str]]:
    """Create the demo accounts: one admin, one inspector, two school users.

    Passwords are random (printed once by ``make demo``); existing demo users are left as
    they are and not listed again.

    Returns
    -------
    list of (username, role, password)
    """
    from junheng.store.accounts import get_user
    from junheng.store.passwords import generate_password

    wanted = [(f"admin_{county_code}", "admin", None),
              (f"inspector_{county_code}", "inspector", None)]
    wanted += [(f"school_{sid}", "school", sid) for sid in school_ids[:2]]
    created = []
    for username, role, school_id in wanted:
        with store.session() as session:
            if get_user(session, username=username) is not None:
                continue
        password = generate_password(12)
        add_web_user(store, username=username, password=password, role=role,
                     county_code=county_code, school_id=school_id, by="demo")
        created.append((username, role, password))
    return created
