"""Storage: the SQLite store and the files of the output contract."""

from presslens.store.export import read_jsonl, write_analysis, write_jsonl
from presslens.store.sqlite import SCHEMA_VERSION, SearchHit, Store, WriteReport

__all__ = ["SCHEMA_VERSION", "SearchHit", "Store", "WriteReport", "read_jsonl",
           "write_analysis", "write_jsonl"]
