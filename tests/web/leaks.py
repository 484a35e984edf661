"""What a user reads must not leak the program: English identifiers, stack traces, ``None``,
``nan``, scientific notation or UTC times. :func:`leaks` finds them in a page's or a report's
visible text (scripts, styles and attribute values are not read)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Latin words a Chinese user reads on purpose: file formats, product and unit names.
# "GB": a national standard's own code as Chinese documents print it (《中小学校设计规范》GB 50099-2011)
ALLOWED = {"Word", "Excel", "WPS", "PDF", "HTML", "CSV", "xlsx", "docx", "pdf", "html", "yaml",
           "json", "YAML", "JSON", "CV", "GIS", "ID", "km", "m", "kg", "cm", "mm", "min", "h", "GB"}
PATTERNS = {
    "英文标识符": re.compile(r"\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b|\b[a-z]+[A-Z][A-Za-z]+\b"),
    # a setting's key path (review 2026-12-04 finding 3: "weights.capital_years"); not a file
    "设置名": re.compile(r"\b[a-z_]+\.(?!(?:xlsx|docx|pdf|html|csv|json|geojson|yaml|zip)\b)[a-z_]+\b"),
    "程序错误": re.compile(r"Traceback|Exception|Error\b|File \"|line \d+, in"),
    "空值": re.compile(r"\b(?:None|nan|NaN|null|undefined|NaT|inf)\b"),
    "科学计数法": re.compile(r"\d(?:\.\d+)?e[+-]?\d+", re.IGNORECASE),
    "UTC 时间": re.compile(r"\bUTC\b|\+00:00|\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b"),
}
WORD = re.compile(r"[A-Za-z]{2,}")
# A cited source's web site (the unit-price file's "longling.gov.cn") is read on purpose.
WEBSITE = re.compile(r"\b(?:https?://)?(?:[a-z0-9-]+\.)+(?:cn|com|org|net)\b(?:/[\w./?=&%-]*)?")


class _Text(HTMLParser):
    SKIP = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        for name, value in attrs:  # what a user reads in a control or a tooltip
            if name in ("placeholder", "title", "alt", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "\n".join(p.strip() for p in parser.parts if p.strip())


def leaks(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """'kind：excerpt' for each leak in ``text``."""
    text = WEBSITE.sub("", text)
    found = []
    for kind, pattern in PATTERNS.items():
        found += [f"{kind}：{m.group(0)}" for m in pattern.finditer(text)]
    words = set(WORD.findall(text)) - ALLOWED - set(allowed)
    found += [f"英文：{w}" for w in sorted(words)]
    return found
