"""No regular expression of presslens backtracks catastrophically.

Every pattern presslens compiles, at import or from its lexicons while reading and analysing
articles, is recorded and then run against the inputs that make backtracking regexes blow up:
long runs of one character or of a short unit, ending in a character that makes the match
fail. A pattern with nested ambiguous repetition would take astronomically long on them; the
run happens in a child process so that such a pattern shows up as a hung test, not a hung
suite. Times are printed for reading, never asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

# The probe analyses an article in a process of its own, with the pipeline.
pytestmark = pytest.mark.model

PROBE = textwrap.dedent('''
    import json, re, sys, time, traceback

    recorded = {}
    original = re.compile

    def recording_compile(pattern, flags=0):
        compiled = original(pattern, flags)
        caller = sys._getframe(1)
        while caller and caller.f_globals.get("__name__", "").startswith("re"):
            caller = caller.f_back
        module = caller.f_globals.get("__name__", "") if caller else ""
        if module.startswith("presslens") and isinstance(pattern, str):
            recorded.setdefault((pattern, flags), module)
        return compiled

    re.compile = recording_compile
    from presslens.analysis import analyze
    from presslens.ingest.readers import read_inputs
    from presslens.nlp import load_pipeline

    nlp = load_pipeline()
    text = sys.argv[1]
    analyze([text], nlp=nlp)
    list(read_inputs(sys.argv[2:]))

    units = ["a", " ", "a ", "-", "'", '"', "1", ". ", "\\n", "aa-", "Mr. ", "1/", "A.",
             ", ", "the ", "said ", "on Monday ", "\\u200b", "( ", "$1,"]
    inputs = []
    for unit in units:
        body = unit * (5000 // len(unit))
        inputs += [body + "!", "!" + body, body + "\\x00"]
    slowest = []
    for (pattern, flags), module in recorded.items():
        compiled = original(pattern, flags)
        started = time.perf_counter()
        for value in inputs:
            compiled.search(value)
            compiled.match(value)
        slowest.append((time.perf_counter() - started, module, pattern[:80]))
    slowest.sort(reverse=True)
    print(json.dumps({"patterns": len(recorded), "inputs": len(inputs),
                      "slowest": slowest[:5]}))
''')


def test_no_pattern_backtracks_catastrophically(tmp_path, samples):
    article = samples[0].read_text(encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><p>{article}</p></article></body></html>")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": article, "published": "Jan. 5, 2020"}) + "\n")
    done = subprocess.run([sys.executable, "-c", PROBE, article, str(page), str(feed),
                           str(samples[1])],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # The lexicon-built patterns are recorded too, not only the module constants.
    assert result["patterns"] >= 50
    print(f"{result['patterns']} patterns x {result['inputs']} inputs of 5,000 characters; "
          f"slowest: {result['slowest']}")
