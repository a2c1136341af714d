"""Coverage-guided fuzzing of the readers with atheris (libFuzzer for Python).

    .venv/bin/python scripts/fuzz_readers.py -max_total_time=600 [-runs=N] [corpus_dir]

Each input is written to a file whose type (.txt, .html, .jsonl, .jsonl.gz, .warc, .warc.gz)
is chosen by its first byte and read with ``read_inputs``. The invariants: the reader never
raises, yields only articles, problems and skipped records, names the file in every problem,
and yields articles whose text is non-empty and free of NUL bytes. A violation is a crash that
libFuzzer reports with the input that caused it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from presslens.ingest.readers import InputSkipped, RawArticle, read_inputs
    from presslens.model import InputProblem

SUFFIXES = (".txt", ".html", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")
SCRATCH = Path(tempfile.mkdtemp(prefix="presslens-fuzz-"))


def one_input(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    path = SCRATCH / f"input{suffix}"
    path.write_bytes(data[1:])
    for result in read_inputs([path], max_article_bytes=100_000):
        if isinstance(result, InputProblem):
            if not result.path.startswith(str(path)) or not result.reason:
                raise AssertionError(f"problem without file or reason: {result}")
        elif isinstance(result, RawArticle):
            if not result.text.strip() or "\x00" in result.text:
                raise AssertionError("article with empty text or NUL bytes")
        elif not isinstance(result, InputSkipped):
            raise AssertionError(f"unexpected result {type(result).__name__}")
    os.unlink(path)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
