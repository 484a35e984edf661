"""Front-end assets vendored from npm at build time (``make assets``), read for inlining."""

from __future__ import annotations

from importlib import resources

from junheng.errors import ConfigError


def vendor_text(name: str) -> str:
    """The text of ``web/static/vendor/<name>``; a clear error when assets were not built."""
    path = resources.files("junheng") / "web" / "static" / "vendor" / name  # no web import
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(f"缺少前端资源 {name}：请先运行 make assets（从 npm 安装 Leaflet 与 ECharts）。") from exc


def static_text(name: str) -> str:
    """The text of ``web/static/<name>``: the map drawing code every map shares."""
    return (resources.files("junheng") / "web" / "static" / name).read_text(encoding="utf-8")
