"""The offline report's HTML building blocks: a table, a section, a list (every text escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from junheng.report.html_safety import esc


def html_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
               classes: Sequence[Sequence[str]] | None = None, table_class: str = "",
               row_attrs: Sequence[str] | None = None) -> str:
    """A table: one head row, then ``rows`` (``classes``: a cell class per cell)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for k, row in enumerate(rows):
        marks = classes[k] if classes else [""] * len(row)
        cells = "".join(f'<td class="{c}">{esc(v)}</td>' if c else f"<td>{esc(v)}</td>"
                        for v, c in zip(row, marks, strict=True))
        attrs = f" {row_attrs[k]}" if row_attrs else ""
        body.append(f"<tr{attrs}>{cells}</tr>")
    cls = f' class="{table_class}"' if table_class else ""
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def html_section(anchor: str, title: str, body: str) -> str:
    """A report section the navigation bar links to by ``anchor``.

    >>> html_section("a", "<标题>", "<p>x</p>")
    '<section id="a"><h2>&lt;标题&gt;</h2><p>x</p></section>'
    """
    return f'<section id="{anchor}"><h2>{esc(title)}</h2>{body}</section>'


def html_list(lines: Sequence[str], tag: str = "ol") -> str:
    """A numbered (``ol``) or bulleted (``ul``) list."""
    return f"<{tag}>{''.join(f'<li>{esc(x)}</li>' for x in lines)}</{tag}>"
