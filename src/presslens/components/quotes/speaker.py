"""The speaker of a quote as the rules find it: the phrase as written, the entity clusters it
names, its role, whether it is unnamed, how it was found and whom it speaks for.

>>> Speaker("the ministry", 0, 12).reference()["text"]
'the ministry'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to, as found in the parse."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    clusters: list[int] = field(default_factory=list)
    role: str | None = None
    anonymous: bool = False
    resolved_from: str | None = None
    head: Token | None = None
    # "The World Health Organisation chief": a person described through their body, who may
    # be named by the next attribution.
    described: bool = False
    # "the spokesperson for Prime Minister X": whom the speaker speaks for.
    on_behalf_of: Speaker | None = None
    # How the speaker was found ("subject", "pronoun", "description", …): read by the
    # confidence model.
    found_by: str = "subject"
    # The speaker a pronoun or continuation was resolved to, so that a later decision about
    # that speaker carries over.
    antecedent: Speaker | None = None

    def record(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "entity": None,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "anonymous": self.anonymous,
            "resolved_from": self.resolved_from,
            "_clusters": list(self.clusters),
        }
        if self.on_behalf_of is not None:
            found["on_behalf_of"] = self.on_behalf_of.reference()
        return found

    def reference(self) -> dict[str, Any]:
        """The speaker as a bare entity reference, for ``on_behalf_of`` and ``reported_by``."""
        return {"entity": None, "text": self.text, "start": self.start, "end": self.end,
                "_clusters": list(self.clusters)}

    def copy(self, resolved_from: str | None = None) -> Speaker:
        return Speaker(self.text, self.start, self.end, list(self.clusters), self.role,
                       self.anonymous, resolved_from or self.resolved_from, self.head,
                       self.described, self.on_behalf_of, self.found_by, self)
