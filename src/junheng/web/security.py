"""Passwords, CSRF tokens, the login throttle and the session secret."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from junheng.store.passwords import check_password

_hasher = PasswordHasher()

# Verifying against this keeps an unknown user's login as slow as a known one's.
_DUMMY_HASH = _hasher.hash("junheng-no-such-user")

def hash_password(password: str, *, username: str = "") -> str:
    """An argon2id hash of ``password``; ``ValueError`` (Chinese) when the password policy
    (:mod:`junheng.store.passwords`) refuses it."""
    return _hasher.hash(check_password(password, username=username))


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``password_hash`` (None: a user that does not exist)."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of the session's token with the submitted one."""
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


class LoginThrottle:
    """Login attempts allowed per account, per client address and per (account, client).

    In any ``window`` seconds: ``limit`` failures of one account from one address, twice as
    many of one account from all addresses (so one address alone cannot lock a user out,
    and guessing from many addresses is still bounded), four times as many from one address
    over all accounts. An attempt is counted *before* its password is checked
    (:meth:`attempt`), so parallel attempts cannot all pass the check while the slow hash
    runs; a success takes it back (:meth:`succeed`).

    The address is the connection's, never a forwarded header, unless the server is told to
    trust a proxy (``junheng serve --forwarded-allow-ips``).
    """

    def __init__(self, *, limit: int = 5, window: float = 300.0,
                 clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, username: str, client: str) -> list[tuple[tuple[str, str], int]]:
        name = username.strip().lower()
        return [((f"user:{name}", client), self.limit), ((f"user:{name}", "*"), 2 * self.limit),
                (("*", client), 4 * self.limit)]

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        cutoff = self.clock() - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        return times

    def _wait(self, username: str, client: str) -> float:
        waits = [max(0.0, times[0] + self.window - self.clock())
                 for key, limit in self._keys(username, client)
                 if len(times := self._recent(key)) >= limit]
        return max(waits, default=0.0)

    def blocked_for(self, username: str, client: str) -> float:
        """Seconds until this account may try again from this address (0: now)."""
        with self._lock:
            return self._wait(username, client)

    def attempt(self, username: str, client: str) -> float:
        """Count an attempt as failed unless :meth:`succeed` follows; 0 when it may go on,
        else the seconds to wait (nothing counted)."""
        with self._lock:
            wait = self._wait(username, client)
            if wait == 0:
                now = self.clock()
                for key, _ in self._keys(username, client):
                    self._recent(key).append(now)
            return wait

    def fail(self, username: str, client: str) -> None:
        """Count a failed attempt (one not counted by :meth:`attempt`)."""
        with self._lock:
            now = self.clock()
            for key, _ in self._keys(username, client):
                self._recent(key).append(now)

    def succeed(self, username: str, client: str) -> None:
        """A right password: forget this account's failures from this address and take back
        the attempt counted for it elsewhere."""
        with self._lock:
            pair, *others = self._keys(username, client)
            self._failures.pop(pair[0], None)
            for key, _ in others:
                times = self._recent(key)
                if times:
                    times.pop()


def persistent_secret(path: Path) -> str:
    """The secret stored in ``path``, created (random, mode 600) the first time."""
    path = Path(path)
    if path.exists():
        secret = path.read_text(encoding="utf-8").strip()
        if secret:
            return secret
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.write_text(secret + "\n", encoding="utf-8")
    path.chmod(0o600)
    return secret
