"""Use cases every face shares (the layer between the faces and the core, see DESIGN.md).

One module per use case: evaluate a county-year (:mod:`~junheng.jobs.evaluations`, every
standard evaluated once a run), forecast a county (:mod:`~junheng.jobs.forecast`), run a layout
scenario (:mod:`~junheng.jobs.layout`), run a plan's ledger (:mod:`~junheng.jobs.ledger`), write
the report set (:mod:`~junheng.jobs.reports`), create web accounts
(:mod:`~junheng.jobs.accounts`) and the demo end to end (:mod:`~junheng.jobs.demo`). The CLI
and the web parse their input, call one job and render what it returns; jobs print nothing.
"""

from junheng.jobs.accounts import add_web_user, demo_users
from junheng.jobs.demo import DemoListener, DemoRun, run_demo
from junheng.jobs.evaluations import Evaluations, write_evaluation_outputs
from junheng.jobs.forecast import forecast_or_reason, write_forecast_outputs
from junheng.jobs.layout import compare_scenarios, read_travel_matrix, run_layout
from junheng.jobs.ledger import (
    demo_ledgers,
    ledger_from_store,
    ledger_over,
    write_ledger_outputs,
)
from junheng.jobs.reports import check_layout_county, write_reports

__all__ = [
    "DemoListener", "DemoRun", "Evaluations", "add_web_user", "check_layout_county",
    "compare_scenarios", "demo_ledgers", "demo_users", "forecast_or_reason", "ledger_from_store",
    "ledger_over", "read_travel_matrix", "run_demo", "run_layout", "write_evaluation_outputs",
    "write_forecast_outputs", "write_ledger_outputs", "write_reports",
]
