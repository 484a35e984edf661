"""One router per resource; :data:`ROUTERS` is the order the app includes them."""

from junheng.web.routers import (
    audit,
    auth,
    class_size,
    compliance,
    dashboard,
    evaluation,
    forecast,
    imports,
    ledger,
    plans,
    province,
    schools,
    submissions,
    teachers,
)

ROUTERS = (
    auth.router,
    dashboard.router,
    schools.router,
    submissions.router,
    evaluation.router,
    class_size.router,
    forecast.router,
    plans.router,
    compliance.router,
    ledger.router,
    teachers.router,
    province.router,
    imports.router,
    audit.router,
)
