"""审计日志: read-only. No route edits or deletes audit rows (the database refuses it too)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from junheng.store.accounts import list_audit
from junheng.web.deps import CountyReader, Selected, web_state
from junheng.web.routers._common import render

router = APIRouter(tags=["audit"])

ACTION_LABELS = {"login": "登录", "login_failed": "登录失败", "logout": "退出",
                 "import": "导入数据", "submit": "提交填报", "approve": "批准填报",
                 "reject": "退回填报", "plan_layout": "计算布局方案", "user_add": "新增用户",
                 "user_disable": "停用用户", "user_enable": "启用用户", "password_reset": "重置密码",
                 "move_county": "调整所属地市", "remove_duplicate": "删除重复行"}
ENTITY_LABELS = {"compliance_job": "达标路径计算", "county": "县区", "county_year": "县区学年数据",
                 "facilities": "校舍设施", "layout_job": "布局方案计算", "school_data": "学校数据",
                 "submission": "填报", "user": "用户"}
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
                  entity_labels=ENTITY_LABELS)
