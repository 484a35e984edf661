"""The password policy for web accounts, and passwords generated to meet it.

The attack run set ``12345678`` and eight spaces as passwords. A password must now have at
least :data:`MIN_LENGTH` characters, mix at least two classes (lower-case letters,
upper-case letters, digits, anything else such as symbols, spaces or Chinese characters),
differ from the user name and not be in the common-password list shipped in
``store/data/common-passwords.txt`` (see the README there for its sources).
"""

from __future__ import annotations

import functools
import secrets
import string
from importlib import resources

MIN_LENGTH = 10
_ALPHABET = string.ascii_letters + string.digits


def _classes(password: str) -> int:
    """How many of the four character classes ``password`` uses."""
    found = set()
    for char in password:
        if char.isascii() and char.isdigit():
            found.add("digit")
        elif char.isascii() and char.islower():
            found.add("lower")
        elif char.isascii() and char.isupper():
            found.add("upper")
        else:
            found.add("other")
    return len(found)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped common passwords, lower case."""
    text = (resources.files("junheng") / "store" / "data" / "common-passwords.txt").read_text(
        encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why ``password`` may not be used (Chinese), or None when it may.

    Examples
    --------
    >>> password_problem("12345678")
    '密码至少需要 10 个字符（现为 8 个）。'
    >>> password_problem("password123")
    '该密码在常见密码表中，很容易被猜到：请换一个。'
    >>> password_problem("河口乡-2025-阳光") is None
    True
    """
    if len(password) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符（现为 {len(password)} 个）。"
    if _classes(password) < 2:
        return ("密码不能只由一类字符组成（如全是数字、全是小写字母或全是空格）：请混合使用字母、数字或"
                "符号。")
    if password.strip().lower() in common_passwords():
        return "该密码在常见密码表中，很容易被猜到：请换一个。"
    if username and password.strip().lower() == username.strip().lower():
        return "密码不能与用户名相同。"
    return None


def check_password(password: str, *, username: str = "") -> str:
    """``password`` when the policy allows it; ``ValueError`` with the Chinese reason if not."""
    problem = password_problem(password, username=username)
    if problem is not None:
        raise ValueError(problem)
    return password


def generate_password(length: int = 14) -> str:
    """A random password of letters and digits that meets the policy.

    Examples
    --------
    >>> password = generate_password()
    >>> len(password), password_problem(password)
    (14, None)
    """
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if password_problem(password) is None and any(c.isdigit() for c in password):
            return password


__all__ = ["MIN_LENGTH", "check_password", "common_passwords", "generate_password",
           "password_problem"]
