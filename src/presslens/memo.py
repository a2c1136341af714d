"""Bounded memos for the components' per-word lookups.

The components remember what they worked out for a word (by spaCy's integer ids) across
articles, as most words recur. A stream of millions of articles keeps meeting new words,
so each memo is capped; the cap is small enough to be reached within the first thousand
articles or so, after which memory no longer depends on how many articles were read.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

# Entries a memo may hold: about 10 MB for the largest (tuples of seven ids).
MEMO_ENTRIES = 20_000


def trim_memo(memo: dict[Any, Any], limit: int = MEMO_ENTRIES) -> None:
    """Forget the older half of ``memo`` once it holds more than ``limit`` entries.

    Dicts keep insertion order, so the entries kept are the most recently added, and a
    common word forgotten is added again at its next use. Dropping half at a time keeps
    the cost per insertion constant, where dropping one entry per insertion would not
    leave room for a burst of new words, and clearing all would lose the common ones.

    >>> memo = {n: n for n in range(7)}
    >>> trim_memo(memo, limit=4)
    >>> list(memo)
    [5, 6]
    """
    if len(memo) > limit:
        for key in list(islice(memo, len(memo) - limit // 2)):
            del memo[key]
