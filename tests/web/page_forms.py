"""The forms of a page as a user would fill them: each form's method, action, fields (with the
Chinese label a user reads beside each) and the values a browser would send, so the leak
crawler can submit every form empty, with a value of the wrong type, or as it stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str                 # input type, "select" or "textarea"
    value: str = ""           # what the browser sends untouched (the selected option)
    label: str = ""           # the text of the enclosing <label>
    options: list[str] = field(default_factory=list)


@dataclass
class PageForm:
    method: str
    action: str
    fields: list[Field] = field(default_factory=list)
    htmx: bool = False

    @property
    def labels(self) -> set[str]:
        return {f.label for f in self.fields if f.label}

    def values(self, mode: str) -> dict[str, str]:
        """The posted fields: ``as_is`` (defaults), ``empty`` (every field a user fills left
        blank) or ``wrong`` (a typed field given words, where most want a number; a choice
        given one not offered)."""
        data = {}
        for f in self.fields:
            if f.kind in ("submit", "button", "file", "reset"):
                continue
            if f.kind in ("checkbox", "radio") and not f.value and mode != "wrong":
                continue
            value = f.value
            if f.kind != "hidden" and mode == "empty":
                value = ""
            elif f.kind != "hidden" and mode == "wrong":
                value = {"select": "不存在的选项", "date": "明天", "email": "不是地址",
                         "checkbox": "不是勾选", "radio": "不存在的选项"}.get(f.kind, "十二")
            data[f.name] = value
        return data


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[PageForm] = []
        self.form: PageForm | None = None
        self.label: list[str] | None = None
        self.label_fields: list[Field] = []
        self.label_for: dict[str, str] = {}   # <label for=id> text
        self.ids: dict[str, Field] = {}
        self.for_id = ""
        self.select: Field | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            method = "post" if a.get("method", "get").lower() == "post" or "hx-post" in a \
                else "get"
            action = a.get("hx-post") or a.get("hx-get") or a.get("action", "")
            self.form = PageForm(method, action, htmx="hx-post" in a or "hx-get" in a)
            self.forms.append(self.form)
        elif tag == "label":
            self.label, self.label_fields, self.for_id = [], [], a.get("for", "")
        elif self.form is not None and tag in ("input", "select", "textarea", "button"):
            self._field(tag, a)
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            self.select.options.append(value)
            if "selected" in a or len(self.select.options) == 1:
                self.select.value = value

    def _field(self, tag: str, a: dict) -> None:
        if "hx-get" in a or "hx-post" in a:  # a field that sends the form itself, as htmx
            self.form.htmx = True
        if not a.get("name"):
            return
        kind = a.get("type", "text" if tag == "input" else "submit").lower() \
            if tag in ("input", "button") else tag
        value = a.get("value", "")
        if kind in ("checkbox", "radio") and "checked" not in a:
            value = ""
        f = Field(a["name"], kind, value, a.get("aria-label", ""))
        self.form.fields.append(f)
        if self.label is not None:
            self.label_fields.append(f)
        if a.get("id"):
            self.ids[a["id"]] = f
        self.select = f if tag == "select" else None
        self.textarea = f if tag == "textarea" else None

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "label" and self.label is not None:
            text = " ".join("".join(self.label).split())
            for f in self.label_fields:
                f.label = f.label or text
            if self.for_id:
                self.label_for[self.for_id] = text
            self.label = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.label is not None and self.select is None:
            self.label.append(data)
        if self.textarea is not None:
            self.textarea.value += data


def page_forms(page: str, path: str) -> list[PageForm]:
    """Every form of ``page`` (served at ``path``; a form without action posts to it)."""
    parser = _Forms()
    parser.feed(page)
    for key, text in parser.label_for.items():
        if key in parser.ids:
            parser.ids[key].label = text
    for form in parser.forms:
        form.action = (form.action or path).replace("&amp;", "&")
    return parser.forms
