"""The web application: FastAPI, server-rendered Jinja2 + htmx, nothing from the internet.

>>> from junheng.web import create_app          # doctest: +SKIP
>>> app = create_app("sqlite:///junheng.db", secret_key="...")  # doctest: +SKIP
"""

from __future__ import annotations

from junheng.jobs.accounts import add_web_user, demo_users
from junheng.web.app import create_app

__all__ = ["add_web_user", "create_app", "demo_users"]
