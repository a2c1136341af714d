"""Carry annotated offsets over a change of the cleaning.

Gold files (tests/data/**/*.jsonl) name each document and the content id of the text their
offsets refer to (``text_id``). When cleaning changes what a document's body is (a dateline
now taken out, a caption line dropped), the id changes and the offsets go stale. This script
reads the body as the cleaning of an earlier revision made it, aligns it with today's body
(difflib), and moves every ``start``/``end`` pair found anywhere in a record to the same
characters in the new body. A span whose characters are not all kept is reported and left
for a person to fix; nothing is guessed.

    .venv/bin/python scripts/remap_gold_offsets.py --old-rev HEAD~1 [--write]
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from presslens.eval.documents import load_document

REPO = Path(__file__).resolve().parents[1]
DUMP_OLD_TEXTS = """
import json, sys
from presslens.eval.documents import load_document
out = {}
for ref in json.load(sys.stdin):
    art = load_document(ref)
    if art is not None:
        out[ref] = {"id": art.id, "text": art.text}
json.dump(out, sys.stdout)
"""


def old_texts(revision: str, refs: list[str]) -> dict[str, dict[str, str]]:
    """The bodies ``refs`` had under the cleaning of ``revision``."""
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "old"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(tree),
                        revision], check=True)
        try:
            result = subprocess.run(
                [sys.executable, "-c", DUMP_OLD_TEXTS], input=json.dumps(refs), text=True,
                capture_output=True, check=True,
                env={"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin",
                     "PRESSLENS_SHARED": str(REPO.parent / "shared")},
            )
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                            str(tree)], check=True)
    return json.loads(result.stdout)


def offset_map(old: str, new: str) -> dict[int, int]:
    """Old character index -> new index, for every character both bodies keep."""
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping


def remap_spans(node: object, mapping: dict[int, int], new_text: str,
                problems: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            remap_spans(item, mapping, new_text, problems)
        return
    if not isinstance(node, dict):
        return
    start, end = node.get("start"), node.get("end")
    if isinstance(start, int) and isinstance(end, int) and end > start and "text" not in node:
        # A span given by offsets alone (a sentence) keeps the characters still there: a
        # dateline taken off its head moves its start to the first word that stayed.
        kept = [mapping[i] for i in range(start, end) if i in mapping]
        if kept:
            node["start"], node["end"] = kept[0], kept[-1] + 1
        else:
            problems.append(f"span {start}-{end} lost all its characters")
    elif isinstance(start, int) and isinstance(end, int) and end > start:
        if start in mapping and (end - 1) in mapping:
            new_start, new_end = mapping[start], mapping[end - 1] + 1
            if "text" in node and new_text[new_start:new_end] != node["text"]:
                problems.append(f"{node.get('text')!r} does not survive the change")
            else:
                node["start"], node["end"] = new_start, new_end
        else:
            problems.append(f"span {start}-{end} {node.get('text')!r} lost its characters")
    for value in node.values():
        remap_spans(value, mapping, new_text, problems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-rev", required=True, help="revision whose cleaning the gold used")
    parser.add_argument("--write", action="store_true", help="rewrite the gold files")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or sorted((REPO / "tests" / "data").rglob("*.jsonl"))
    stale: dict[Path, list[dict]] = {}
    for path in files:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
        stale[path] = records
    refs = sorted({r["doc"] for records in stale.values() for r in records
                   if "doc" in r and "text_id" in r
                   and (art := load_document(r["doc"])) is not None and art.id != r["text_id"]})
    if not refs:
        print("every gold document still has its text id")
        return 0
    before = old_texts(args.old_rev, refs)
    failed = False
    for path, records in stale.items():
        changed = False
        for record in records:
            ref = record.get("doc")
            if ref not in refs:
                continue
            article = load_document(ref)
            old = before.get(ref)
            if article is None or old is None or old["id"] != record["text_id"]:
                print(f"{path.name}: {ref}: the old revision does not give its text id either")
                failed = True
                continue
            problems: list[str] = []
            remap_spans(record, offset_map(old["text"], article.text), article.text, problems)
            for problem in problems:
                print(f"{path.name}: {ref}: {problem}")
            failed |= bool(problems)
            record["text_id"] = article.id
            changed = True
            print(f"{path.name}: {ref}: offsets moved to text {article.id}")
        if changed and args.write:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                            encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
