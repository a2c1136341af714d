"""Peak memory of `presslens analyze` and `presslens ingest` streaming corpora of growing size.

    .venv/bin/python scripts/memory_profile.py 1000 10000 100000 [--pool DIR ...] [--jobs N]

For each size, a JSONL.gz corpus of that many generated articles (real paragraphs from the
demo corpus and the --pool folders, see presslens.bench_corpus) is written, then analysed by
each command in a child process; the kernel's peak resident set size of that child is
printed with its run time. Flat memory means the peaks do not grow with the size.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from presslens.bench_corpus import generate, paragraph_pool, write_jsonl
from presslens.cli import demo_corpus_path

PRESSLENS = [sys.executable, "-m", "presslens"]


def peak_of(command: list[str]) -> tuple[float, float, int]:
    """Run ``command``; its peak RSS in MB, its wall time, and its exit status."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        sys.stderr.write(process.stderr.read().decode(errors="replace")[-2000:])
    return usage.ru_maxrss / 1024, seconds, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--pool", action="append", default=[],
                        help="Folder of real articles whose paragraphs are reused.")
    parser.add_argument("--paragraphs", default="1,2",
                        help="Least and most paragraphs per generated article.")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--command", choices=["analyze", "ingest", "both"], default="both")
    parser.add_argument("--keep-near-duplicates", action="store_true",
                        help="Analyse near-identical articles too (numbered one-paragraph "
                        "articles of a repeated paragraph are near-identical).")
    parser.add_argument("--numbered", action="store_true",
                        help="End each article with its number, so that articles of one "
                        "paragraph are all different texts.")
    parser.add_argument("--pool-size", type=int, default=None,
                        help="Draw every corpus from the same N paragraphs (a fixed set of "
                        "actors), so that the sizes differ in articles only.")
    args = parser.parse_args()
    least, most = (int(x) for x in args.paragraphs.split(","))
    pool = paragraph_pool([demo_corpus_path(), *args.pool])
    if args.pool_size is not None:
        pool = random.Random(0).sample(pool, min(args.pool_size, len(pool)))
    print(f"paragraph pool: {len(pool):,} paragraphs; {least}-{most} per article"
          f"{', numbered' if args.numbered else ''}"
          f"{', near-duplicates kept' if args.keep_near_duplicates else ''}; jobs {args.jobs}")
    print(f"{'articles':>9} {'command':>8} {'peak RSS MB':>12} {'seconds':>9} {'art/s':>7}")
    with tempfile.TemporaryDirectory(prefix="presslens-memory-") as scratch:
        for size in args.sizes:
            corpus = Path(scratch) / f"corpus-{size}.jsonl.gz"
            write_jsonl(generate(size, pool, seed=size, paragraphs=(least, most),
                                 numbered=args.numbered), corpus)
            jobs = ["--jobs", str(args.jobs)]
            if args.keep_near_duplicates:
                jobs.append("--keep-near-duplicates")
            runs = {
                "analyze": [*PRESSLENS, "analyze", str(corpus), "-o",
                            str(Path(scratch) / f"out-{size}"), *jobs],
                "ingest": [*PRESSLENS, "ingest", str(corpus), "--db",
                           str(Path(scratch) / f"store-{size}.db"), *jobs],
            }
            for name, command in runs.items():
                if args.command not in (name, "both"):
                    continue
                peak, seconds, status = peak_of(command)
                print(f"{size:>9,} {name:>8} {peak:>12,.0f} {seconds:>9,.0f} "
                      f"{size / seconds:>7.1f}" + ("" if status == 0 else f" (exit {status})"),
                      flush=True)


if __name__ == "__main__":
    main()
