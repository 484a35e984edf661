"""One router per resource; :data:`ROUTERS` is the order the app includes them."""

from junheng.web.routers import (
    audit,
    auth,
    class_size,
    compare,
    compliance,
    dashboard,
    deliverables,
    evaluation,
    forecast,
    imports,
    ledger,
    plans,
    ranking,
    schools,
    submissions,
)

ROUTERS = (
    auth.router,
    dashboard.router,
    schools.router,
    submissions.router,
    deliverables.router,
    compare.router,
    evaluation.router,
    class_size.router,
    forecast.router,
    plans.router,
    compliance.router,
    ranking.router,
    ledger.router,
    imports.router,
    audit.router,
)
