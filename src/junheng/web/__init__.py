"""The web application: FastAPI, server-rendered Jinja2 + htmx, nothing from the internet.

The application is built by :func:`create_app` (see its example); ``junheng serve`` runs it.
"""

from __future__ import annotations

from junheng.jobs.accounts import add_web_user, demo_users
from junheng.web.app import create_app

__all__ = ["add_web_user", "create_app", "demo_users"]
