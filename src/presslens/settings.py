"""Configuration in one place: defaults, overridden by environment, overridden by the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path


def default_db_path() -> Path:
    """The store used when no ``--db`` is given: ``$PRESSLENS_DB``, else the XDG data dir."""
    if os.environ.get("PRESSLENS_DB"):
        return Path(os.environ["PRESSLENS_DB"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "presslens" / "presslens.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told; ``Settings.from_env()`` reads ``PRESSLENS_*`` variables."""

    db_path: Path
    # A news article is tens of kilobytes; a multi-megabyte "article" is a mis-scrape or an
    # attack, and spaCy's memory grows with document length.
    max_article_bytes: int = 5_000_000
    batch_size: int = 64

    @classmethod
    def from_env(cls) -> Settings:
        settings = cls(db_path=default_db_path())
        if os.environ.get("PRESSLENS_MAX_ARTICLE_BYTES"):
            settings = replace(
                settings, max_article_bytes=int(os.environ["PRESSLENS_MAX_ARTICLE_BYTES"])
            )
        if os.environ.get("PRESSLENS_BATCH_SIZE"):
            settings = replace(settings, batch_size=int(os.environ["PRESSLENS_BATCH_SIZE"]))
        return settings

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with the given fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
