"""The layers of DESIGN.md hold: the core never imports a face or the use cases, nor the
frameworks of the faces; persistence, workbooks and demo data sit below the use cases.

Each check imports every module of the packages in a fresh interpreter whose import system
refuses the forbidden packages (an import at load time fails the check) and lists afterwards
which framework modules were loaded. Imports inside function bodies are checked by
``test_no_core_module_names_a_face``, which reads the source.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

CORE = ("model", "standards", "evaluate", "forecast", "optimize", "geo", "planning", "ledger",
        "teachers", "zones")
BELOW_JOBS = ("io", "store", "demo")
FACES = ("junheng.report", "junheng.cli", "junheng.web", "junheng.jobs")
FRAMEWORKS = ("typer", "fastapi", "sqlalchemy", "starlette", "uvicorn")

SCRIPT = textwrap.dedent("""
    import importlib, json, pkgutil, sys

    packages, blocked = json.loads(sys.argv[1]), tuple(json.loads(sys.argv[2]))

    class Refuse:
        def find_spec(self, name, path=None, target=None):
            if name in blocked or name.startswith(tuple(b + "." for b in blocked)):
                raise ImportError(f"blocked: {name}")
            return None

    sys.meta_path.insert(0, Refuse())
    import junheng
    for package in packages:
        module = importlib.import_module(f"junheng.{package}")
        for info in pkgutil.walk_packages(module.__path__, f"junheng.{package}."):
            importlib.import_module(info.name)
    print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in
                            ("typer", "fastapi", "sqlalchemy", "starlette", "uvicorn"))))
""")


def _import_all(packages: tuple[str, ...], blocked: tuple[str, ...]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(packages),
                           json.dumps(blocked)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_core_imports_no_face_no_job_and_no_face_framework():
    loaded = _import_all(CORE, FACES + FRAMEWORKS)
    assert loaded == []


@pytest.mark.parametrize("package", BELOW_JOBS)
def test_store_io_and_demo_import_no_face_and_no_job(package):
    _import_all((package,), FACES)


def test_the_guard_refuses_what_it_blocks():
    # the web imports the use cases it calls (junheng.jobs) when it loads
    with pytest.raises(AssertionError, match="blocked: junheng.jobs"):
        _import_all(("web",), ("junheng.jobs",))


def test_no_core_module_names_a_face():
    """Imports inside function bodies too: no core module's source imports a face or a job."""
    import ast
    from pathlib import Path

    import junheng

    root = Path(junheng.__file__).parent
    found = []
    for package in CORE:
        for path in sorted((root / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                found += [f"{path.relative_to(root)}: {n}" for n in names
                          if n.startswith(FACES) or n.split(".")[0] in FRAMEWORKS]
    assert found == []
