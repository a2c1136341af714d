"""Configuration in one place: defaults, overridden by environment, overridden by the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from presslens.errors import UsageError


def _positive_int(variable: str) -> int:
    value = os.environ[variable]
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise UsageError(f"{variable} must be a whole number of at least 1, not {value!r}")
    return number


def _share(variable: str) -> float:
    value = os.environ[variable]
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise UsageError(f"{variable} must be a number from 0 to 1, not {value!r}")
    return number


def default_db_path() -> Path:
    """The store used when no ``--db`` is given: ``$PRESSLENS_DB``, else the XDG data dir."""
    if os.environ.get("PRESSLENS_DB"):
        return Path(os.environ["PRESSLENS_DB"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "presslens" / "presslens.db"


def default_aliases_path(db_path: Path) -> Path:
    """The analyst's alias table: ``$PRESSLENS_ALIASES``, else ``aliases.csv`` beside the store."""
    if os.environ.get("PRESSLENS_ALIASES"):
        return Path(os.environ["PRESSLENS_ALIASES"]).expanduser()
    return db_path.parent / "aliases.csv"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told; ``Settings.from_env()`` reads ``PRESSLENS_*`` variables."""

    db_path: Path
    # A news article is tens of kilobytes; a multi-megabyte "article" is a mis-scrape or an
    # attack, and spaCy's memory grows with document length.
    max_article_bytes: int = 5_000_000
    batch_size: int = 64
    aliases_path: Path | None = None
    # Worker processes for analysis.
    jobs: int = 1
    # Seconds one run may take (None: no limit); past them it stores what it has analysed
    # and reports what it left for the next run.
    time_budget: float | None = None
    # Estimated Jaccard similarity of word 5-grams from which an article counts as a copy of
    # an earlier one (syndicated wire copies score 0.9 and more).
    near_duplicate_threshold: float = 0.8
    # Articles per task on a Dask cluster (None: the default of presslens.distributed).
    shard_size: int | None = None
    # The confidence from which framing flags are shown and written (None: the threshold
    # calibrated on the development articles, ``models/framing_confidence.json``).
    framing_min_confidence: float | None = None

    @property
    def alias_table(self) -> Path:
        return self.aliases_path or default_aliases_path(self.db_path)

    @classmethod
    def from_env(cls) -> Settings:
        settings = cls(db_path=default_db_path())
        numbers: dict[str, Any] = {}
        for variable, field_name in (("PRESSLENS_MAX_ARTICLE_BYTES", "max_article_bytes"),
                                     ("PRESSLENS_BATCH_SIZE", "batch_size"),
                                     ("PRESSLENS_JOBS", "jobs"),
                                     ("PRESSLENS_TIME_BUDGET", "time_budget"),
                                     ("PRESSLENS_SHARD_SIZE", "shard_size")):
            if os.environ.get(variable):
                numbers[field_name] = _positive_int(variable)
        settings = replace(settings, **numbers)
        if os.environ.get("PRESSLENS_FRAMING_MIN_CONFIDENCE"):
            settings = replace(settings, framing_min_confidence=_share(
                "PRESSLENS_FRAMING_MIN_CONFIDENCE"))
        return settings

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the given fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
