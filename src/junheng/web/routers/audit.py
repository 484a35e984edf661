"""审计日志: read-only. No route edits or deletes audit rows (the database refuses it too)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from junheng.model.labels import AUDIT_ACTION_LABELS as ACTION_LABELS
from junheng.model.labels import AUDIT_ENTITY_LABELS as ENTITY_LABELS
from junheng.store.accounts import list_audit
from junheng.web.audit_text import audit_changes, entity_text
from junheng.web.deps import CountyReader, Selected, web_state
from junheng.web.routers._common import render

router = APIRouter(tags=["audit"])

PER_PAGE = 100


@router.get("/audit")
def audit(request: Request, principal: CountyReader, selected: Selected, page: int = 1,
          action: str = "") -> Response:
    page = max(1, page)
    with web_state(request).sessions() as session:
        entries = list_audit(session, county_codes=set(principal.counties), limit=PER_PAGE,
                             offset=(page - 1) * PER_PAGE, action=action or None)
    return render(request, "audit.html", principal=principal, selected=selected,
                  active="audit", title="审计日志", entries=entries, page=page,
                  per_page=PER_PAGE, action=action, action_labels=ACTION_LABELS,
                  entity_labels=ENTITY_LABELS, changes=audit_changes, entity_text=entity_text,
                  county_names={cy.county_code: cy.county_name
                                for cy in principal.county_years if cy.county_name})
