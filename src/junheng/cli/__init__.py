"""The ``junheng`` command line: one module per user task, each registering on ``app``."""

import importlib
import importlib.util

from junheng.cli.app import app

# Each command module registers itself on import. The list grows as engines land.
_COMMAND_MODULES = (
    "workbook",  # template, validate
    "store",  # import, export, counties
    "demo_data",  # demo-data
    "demo",  # demo: the main job end to end
    "evaluate",
    "forecast",
    "plan",
    "ledger",
    "report",  # report: Word self-evaluation and offline HTML report
    "web",  # serve, user
)

for _name in _COMMAND_MODULES:
    if importlib.util.find_spec(f"junheng.cli.{_name}") is not None:
        importlib.import_module(f"junheng.cli.{_name}")

__all__ = ["app"]
