"""The leak crawler follows forms too: for every role, every form of every page it reaches
is submitted empty, with a value of the wrong type, and (GET forms only: they change nothing)
as it stands; htmx forms are sent as htmx sends them. Each answer, read as a user reads it,
holds no English identifier, stack trace, ``None``, ``nan``, scientific notation or UTC time
(:mod:`tests.web.leaks`), and a refusal (400/422) names, in Chinese, a field of the form by
the label the form shows beside it.

Each role gets its own copy of the store (forms write), and forms a user types nothing into
that would end sessions or lock accounts (退出, 停用/启用, 重置密码) are left out, as is the
blank 布局规划 / 达标路径 form (blank means the defaults: a valid plan would start).
"""

from __future__ import annotations

import re

import pytest

from .leaks import leaks, visible_text
from .page_forms import PageForm, page_forms
from .test_leaks import DATA_WORDS, ROLES, crawl, scrub

NO_SUBMIT = re.compile(r"^/(logout|login)$|^/users/[^/]+/(active|password)$")
# Blank fields there mean "the defaults": the form is valid and would start an optimisation.
DEFAULTS_START_A_JOB = re.compile(r"^/plans/(layout|compliance)$")
ALERT = re.compile(r'<(div|p|span|li)[^>]*(?:role="alert"|class="[^"]*\b(?:alert|error)\b[^"]*")'
                   r"[^>]*>(.*?)</\1>", re.S)
MODES = ("empty", "wrong", "as_is")
# Typed into the forms by the crawler, echoed back in the answers.
TYPED = ("十二", "不存在的选项", "明天", "不是地址")


HX_GET = re.compile(r'hx-get="(/[^"#]*)"')


def crawl_forms(client, partials: dict[str, str] | None = None
                ) -> dict[tuple[str, str], PageForm]:
    """Every distinct form (method, action without query) on the pages reachable from /;
    ``partials`` gets {path: answer} of every htmx partial a page loads (as htmx asks)."""
    forms: dict[tuple[str, str], PageForm] = {}

    def visit(path: str, page: str) -> None:
        for form in page_forms(page, path):
            forms.setdefault((form.method, form.action.split("?")[0]), form)
        for part in HX_GET.findall(page):
            if partials is not None and part not in partials:
                partials[part] = client.get(part.replace("&amp;", "&"),
                                            headers={"HX-Request": "true"}).text

    crawl(client, visit=visit)
    return forms


def submit(client, form: PageForm, mode: str):
    data = form.values(mode)
    headers = {"HX-Request": "true"} if form.htmx else {}
    if form.method == "get":
        return client.get(form.action, params=data, headers=headers, follow_redirects=True)
    return client.post(form.action, data=data, headers=headers, follow_redirects=True)


def _stem(label: str) -> str:
    """A label without its unit or hint in brackets: 教学及辅助用房面积（平方米） → 教学及辅助用房面积."""
    return re.split(r"[（(]", label, maxsplit=1)[0].strip()


def problems_of(form: PageForm, mode: str, response) -> list[str]:
    kind = response.headers.get("content-type", "")
    if not kind.startswith(("text/", "application/json")):
        return []  # a download: the report tests read those
    text = visible_text(response.text) if "html" in kind else response.text
    for typed in TYPED:
        text = text.replace(typed, "")
    found = leaks(scrub(text), DATA_WORDS)
    if response.status_code in (400, 422):
        alerts = " ".join(visible_text(m.group(2)) for m in ALERT.finditer(response.text))
        stems = {_stem(label) for label in form.labels} - {""}
        if not any(stem in alerts for stem in stems):
            found.append(f"未指明字段：{alerts or '（无提示）'}")
    return [f"{mode}：{p}" for p in found]


@pytest.mark.parametrize("role", ROLES)
def test_no_form_answer_leaks_program_text(as_user, role):
    client = as_user(role)
    partials: dict[str, str] = {}
    forms = crawl_forms(client, partials)
    assert len(forms) >= (2 if role == "school_a" else 6)
    found = {path: leaks(scrub(visible_text(text)), DATA_WORDS)
             for path, text in partials.items()}
    found = {f"htmx {path}": f for path, f in found.items() if f}
    for (method, action), form in sorted(forms.items()):
        if NO_SUBMIT.search(action):
            continue
        for mode in MODES if method == "get" else MODES[:2]:
            if mode == "empty" and DEFAULTS_START_A_JOB.search(action):
                continue
            problems = problems_of(form, mode, submit(client, form, mode))
            if problems:
                found.setdefault(f"{method} {action}", []).extend(problems)
    assert found == {}


def test_the_form_reader_finds_fields_labels_and_defaults():
    page = ('<form method="post" action="/x"><input type="hidden" name="csrf_token" value="t">'
            '<label>人数（人） <input name="n" type="number" value="3"></label>'
            '<label>学段 <select name="s"><option value="a">小学</option>'
            '<option value="b" selected>初中</option></select></label>'
            '<label><input type="checkbox" name="c" value="1"> 替换</label></form>'
            '<form hx-get="/y"><input name="q"></form>')
    post, get = page_forms(page, "/here")
    assert (post.method, post.action, get.method, get.action, get.htmx) == (
        "post", "/x", "get", "/y", True)
    assert post.labels == {"人数（人）", "学段", "替换"}
    assert post.values("as_is") == {"csrf_token": "t", "n": "3", "s": "b"}
    assert post.values("empty") == {"csrf_token": "t", "n": "", "s": ""}
    assert post.values("wrong") == {"csrf_token": "t", "n": "十二", "s": "不存在的选项",
                                    "c": "不是勾选"}


def test_a_form_without_its_token_or_a_field_is_refused_in_chinese(as_user):
    client = as_user("admin")
    stale = client.post("/users", data={"username": "zhao"})
    assert stale.status_code == 403 and leaks(scrub(visible_text(stale.text))) == []
    assert "页面已过期或缺少安全令牌，请刷新页面后重新提交。" in stale.text
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/import").text).group(1)
    missing = client.post("/import", data={"csrf_token": token})
    assert missing.status_code == 422
    assert "提交的内容不完整：请填写“工作簿文件”后重试。" in missing.text
