"""What extracting one document's quotes reads and works out on the way: the ``Context`` made
for each call (the text, the entity clusters and their mentions, the quoted stretches, the
sentence starts) and passed to every decision, so that the component keeps nothing of a
document and may run on several at once.

>>> 5 in Stretches([(0, 3), (4, 8)]), 3 in Stretches([(0, 3), (4, 8)])
(True, False)
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from presslens.components import doc_text
from presslens.components.clusters import EntityCluster

if TYPE_CHECKING:
    from presslens.components.quotes.models import QuoteModels
    from presslens.components.quotes.record import QuoteRecord
from presslens.components.speech_cues import QuotedStretch, find_quoted_stretches


@dataclass(slots=True)
class Context:
    """One call's view of a document: what every decision reads (the text, the clusters and
    where their mentions are, the quoted stretches, the sentence starts) and what the passes
    leave for the later ones (quotations deferred to the reported pass, the contents of the
    quotes found, the role words read around each person)."""

    doc: Doc
    text: str
    clusters: list[EntityCluster]
    # Token index -> the cluster, and the mention, it belongs to.
    cluster_of: dict[int, int]
    mention_of: dict[int, Span]
    stretches: list[QuotedStretch]
    stretch_ranges: list[tuple[int, int]]
    # Quoted words; once the quotes are found, the direct quotes' contents as well.
    quoted: Stretches
    sentence_starts: list[int]
    # (token start, character start, whether a subject, cluster) of every mention, in order.
    mentions: list[tuple[int, int, int, int]]
    mention_starts: list[int]
    # Whether the speaker ranker may overrule the rules, and whether to keep its candidates.
    rank_speakers: bool = False
    collect_rankings: bool = False
    # The trained models of this call (None: the shipped ones).
    models: QuoteModels | None = None
    contents: Stretches = field(default_factory=lambda: Stretches([]))
    deferred: list[QuoteRecord] = field(default_factory=list)
    role_contexts: dict[int, frozenset[str]] = field(default_factory=dict)
    # Each person's gender, once worked out (``mentions.gender_of``).
    genders: dict[int, str | None] = field(default_factory=dict)


def read_context(doc: Doc, *, rank_speakers: bool = False, collect_rankings: bool = False,
                 models: QuoteModels | None = None) -> Context:
    """The context of one call on a parsed ``doc`` whose entity components have run."""
    clusters = doc._.entity_clusters or []
    cluster_of = {token.i: index for index, cluster in enumerate(clusters)
                  for mention in cluster.mentions for token in mention}
    mention_of = {token.i: mention for cluster in clusters
                  for mention in cluster.mentions for token in mention}
    # Doc.text joins every token on each call: read it once per document.
    text = doc_text(doc)
    stretches = list(find_quoted_stretches(text))
    ranges = [(s.start, s.end) for s in stretches]
    # A subject, unless of a relative clause ("a deal in which Tsvangirai became prime
    # minister"): the sentence is not about that one, and "he" after it is rarely him.
    mentions = sorted(
        (m.start, m.start_char, int(m.root.dep_ in ("nsubj", "nsubjpass")
                                    and m.root.head.dep_ != "relcl"), index)
        for index, cluster in enumerate(clusters) for m in cluster.mentions)
    return Context(doc, text, clusters, cluster_of, mention_of, stretches, ranges,
                   Stretches(ranges), [sentence.start for sentence in doc.sents], mentions,
                   [m[0] for m in mentions], rank_speakers, collect_rankings, models)


def sentence_bounds(ctx: Context, token: Token) -> tuple[int, int]:
    """The token range of ``token``'s sentence, found by bisection (``Token.sent`` walks
    the sentence on each call)."""
    position = bisect_right(ctx.sentence_starts, token.i)
    end = ctx.sentence_starts[position] if position < len(ctx.sentence_starts) \
        else len(token.doc)
    return ctx.sentence_starts[position - 1], end


def mention_at(ctx: Context, token: Token) -> Span:
    """The entity mention holding ``token`` (the token alone for an untagged surname)."""
    return ctx.mention_of.get(token.i) or token.doc[token.i: token.i + 1]


class Stretches:
    """Disjoint character ranges with a logarithmic membership test: articles can hold
    hundreds of quotes, and every token and mention is checked against them."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, position: int) -> bool:
        i = bisect_right(self.starts, position) - 1
        return i >= 0 and position < self.ends[i]
