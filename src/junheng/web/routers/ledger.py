"""规划台账: a plan's targets measured from the store, year by year, with status."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from junheng.web import results
from junheng.web.deps import CountyReader, Selected, web_state
from junheng.web.routers._common import render, try_engine

router = APIRouter(tags=["ledger"])


def plan_files(folder: Path | None) -> dict[str, Path]:
    """The plan YAML files the ledger page offers, by file stem."""
    if folder is None or not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def plan_title(path: Path) -> str:
    """The plan's own name (its ``plan:`` line) for the picker; the file stem when unreadable."""
    import yaml

    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return path.stem
    title = doc.get("plan") if isinstance(doc, dict) else None
    return str(title) if title else path.stem


@router.get("/ledger")
def ledger(request: Request, principal: CountyReader, selected: Selected,
           plan: str = "") -> Response:
    state = web_state(request)
    plans = plan_files(state.plans_dir)
    context: dict = {"plans": list(plans), "plan": plan, "ledger": None, "error": "",
                     "plan_titles": {key: plan_title(path) for key, path in plans.items()}}
    if plan and plan not in plans:
        raise HTTPException(404, f"没有名为 {plan} 的规划文件。")
    if plan and selected.stored:
        code = selected.county_code
        region = f"{selected.info.county_name}（{code}）"
        context["ledger"], context["error"] = try_engine(lambda: results.plan_ledger(
            state.counties, plans[plan], code, tuple(selected.years), region))
    elif not plans:
        context["error"] = "未找到规划文件：请把规划 YAML 放入规划文件目录（--plans-dir）。"
    return render(request, "ledger.html", principal=principal, selected=selected,
                  active="ledger", title="规划台账", **context)
