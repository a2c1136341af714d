"""Docs built by hand (words, parse, entities) with no spaCy model loaded, so that a decision
of an extractor is tested on exactly the parse it is about, in milliseconds.

A token is written ``word/POS/TAG/dep/head`` (head: the index of its head, itself for the
root), then optionally its lemma in lower case (``attacked/VERB/VBD/ROOT/1/attack``; else the
lower-cased word) or an entity type in capitals (``Erbil/PROPN/NNP/pobj/5/GPE``).
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

import presslens.components  # noqa: F401  (declares the Doc extensions)

_VOCAB = Vocab()


def hand_doc(tokens: list[str], **extensions: object) -> Doc:
    """A Doc of one sentence from ``word/POS/TAG/dep/head[/ENT]`` tokens."""
    parts = [t.split("/") for t in tokens]
    words = [p[0] for p in parts]
    extra = [p[5] if len(p) > 5 else "" for p in parts]
    spaces = [i + 1 < len(words) and words[i + 1] not in {".", ",", "'s"}
              for i in range(len(words))]
    doc = Doc(_VOCAB, words=words, spaces=spaces, pos=[p[1] for p in parts],
              tags=[p[2] for p in parts], deps=[p[3] for p in parts],
              heads=[int(p[4]) for p in parts],
              lemmas=[e if e.islower() else w.lower() for w, e in zip(words, extra, strict=True)],
              ents=[f"B-{e}" if e.isupper() else "O" for e in extra],
              sent_starts=[True] + [False] * (len(words) - 1))
    for name, value in {"entity_clusters": [], "timexes": [], "quotes": [],
                        **extensions}.items():
        setattr(doc._, name, value)
    return doc
