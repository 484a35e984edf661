"""The ``junheng`` command line: one module per user task, each registering on ``app``."""

from junheng.cli import (  # noqa: F401  (each module registers its commands on import)
    demo,
    demo_data,
    evaluate,
    forecast,
    inspection,
    ledger,
    overlay,
    plan,
    province,
    report,
    store,
    teachers,
    web,
    workbook,
    zones,
)
from junheng.cli.app import app

__all__ = ["app"]
