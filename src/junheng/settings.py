"""Settings read at the edges (CLI and web) only; the core takes explicit arguments."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """junheng's settings, from ``JUNHENG_*`` environment variables or a ``.env`` file."""

    model_config = SettingsConfigDict(env_prefix="JUNHENG_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///junheng.db",
        description="SQLAlchemy URL of the store: sqlite:///path.db or postgresql+psycopg://...",
    )
    data_dir: Path = Field(default=Path("."), description="Where outputs and uploads are written")
    boundaries_dir: Path | None = Field(
        default=None, description="Folder of town boundary files, <county code>.geojson each "
                                  "(GeoJSON polygons with a town code or name); maps draw them")
    operator: str = Field(
        default="", description="Who runs the CLI here (a person's name): recorded as the importer "
                                "or operator when a command is given no --by")
    secret_key: str = Field(default="", description="Key that signs web session cookies")
    secure_cookies: bool = Field(default=False,
                                 description="Send the session cookie over HTTPS only")
    forwarded_allow_ips: str = Field(
        default="", description="Proxies whose X-Forwarded-For is trusted (comma separated)")
    province_layout_time_limit: float = Field(
        default=60.0, gt=0, description="Seconds per county for the layout solve of a province run")
    province_layout_gap: float = Field(default=0.01, ge=0, le=1,
                                       description="Relative gap of a province run's layout solve")
    province_compliance_time_limit: float = Field(
        default=60.0, gt=0, description="Seconds per county for the compliance solve of a province run")
    province_compliance_gap: float = Field(
        default=0.01, ge=0, le=1, description="Relative gap of a province run's compliance solve")
    bench_dir: Path = Field(default=Path("../shared/benchmarks"),
                            description="Public benchmark instances (OR-Library and others)")


def get_settings() -> Settings:
    """A fresh Settings object (reads the environment each call)."""
    return Settings()
