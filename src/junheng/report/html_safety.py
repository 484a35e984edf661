"""Escaping for the generated offline HTML files (the report and the layout map).

Data reaches a generated page in three places, each with its own escape:

* markup and attribute values: :func:`esc` (``&``, ``<``, ``>``, ``"`` and ``'``);
* the JSON block a page's script reads: :func:`script_json`, which writes every ``<`` as
  ``\\u003c`` so no string can close the ``<script>`` element (``</script>``) or open a
  comment;
* text that the page's own script puts into HTML (Leaflet tooltips and popups, ECharts
  tooltips, which set ``innerHTML``): the JavaScript function ``esc`` of
  :data:`ESCAPE_JS`, applied to every value taken from the data.

Behind them, :func:`csp_meta` writes a Content-Security-Policy ``<meta>`` tag that lets only
the page's own inline scripts run (by their SHA-256), so even a missed escape cannot run an
injected ``<script>`` or an ``onerror=`` attribute; the page may load nothing from anywhere.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Iterable
from typing import Any


def esc(value: Any) -> str:
    """Text escaped for HTML markup and quoted attributes ('—' for unknown).

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">'), esc(None)
    ('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;', '—')
    """
    return "—" if value is None else html.escape(str(value))


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: every '<' escaped, so nothing can close it.

    Examples
    --------
    >>> script_json({"name": "</script>"})
    '{"name": "\\\\u003c/script>"}'
    """
    return json.dumps(value, ensure_ascii=False, allow_nan=False).replace("<", "\\u003c")


ESCAPE_JS = ("const esc = v => String(v).replace(/[&<>\"']/g, c => ({'&': '&amp;', '<': '&lt;', "
             "'>': '&gt;', '\"': '&quot;', \"'\": '&#39;'})[c]);")
"""The page-side escape: ``esc(value)`` before a value goes into a tooltip, popup or any HTML."""


def _sha256(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def csp_meta(scripts: Iterable[str]) -> str:
    """A Content-Security-Policy ``<meta>`` tag for an offline page whose inline scripts are
    ``scripts`` (their exact text): only they may run, nothing may be fetched.

    Put it in ``<head>`` before the first script. Styles stay inline (``'unsafe-inline'``);
    images may be ``data:`` or ``blob:`` URLs (Leaflet and ECharts draw with them).

    Examples
    --------
    >>> csp_meta(["alert(1)"])[:60]
    '<meta http-equiv="Content-Security-Policy" content="default-'
    """
    hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in dict.fromkeys(scripts))
    policy = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
              "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'")
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


__all__ = ["ESCAPE_JS", "csp_meta", "esc", "script_json"]
