"""Every Excel file junheng writes is opened here, so user text is always written as text.

xlsxwriter's defaults turn a string that starts with "=" into a live formula, one that looks
like a URL into a link and (when asked) numeric text into a number: a school named
``=HYPERLINK("http://…","点我")`` made ``forecast.xlsx`` and ``plan.xlsx`` hold formulas
that run when a planner opens the file. OWASP's guidance on formula (CSV) injection is to
make such values inert, by a prefix or by their type; in xlsx the type is exact and keeps
the text unchanged, so every writer opens its workbook with :func:`new_workbook`, whose
options make ``write``, ``write_row`` and ``write_column`` store every ``str`` as a string
cell. No writer calls ``write_formula`` or ``write_url``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

TEXT_ONLY = {"strings_to_formulas": False, "strings_to_urls": False,
             "strings_to_numbers": False}
"""xlsxwriter options under which a ``str`` is always a string cell."""


def new_workbook(path: str | Path, **options: Any) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook at ``path`` that writes every string as text.

    ``options`` are other xlsxwriter options (``nan_inf_to_errors``…); the text-only ones
    cannot be turned off.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.xlsx")
    >>> workbook = new_workbook(path)
    >>> workbook.add_worksheet("学校").write(0, 0, '=HYPERLINK("http://x","点我")')
    0
    >>> workbook.close()
    >>> import zipfile
    >>> "<f>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    False
    """
    return xlsxwriter.Workbook(str(path), {**options, **TEXT_ONLY})
