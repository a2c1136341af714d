"""The event as the coder works on it, before it becomes a record: its trigger, type, roles
as tokens and what governs it; and PLOVER's groups of types that the decisions read.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

# Cooperative acts: said of the future or willed, they are AGREE; refused, REJECT.
COOPERATIVE_TYPES = {"CONSULT", "AID", "COOPERATE", "CONCEDE", "RETREAT", "SUPPORT", "AGREE"}
FORCE_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"}
MODES_OF_THREAT = {"ASSAULT": "violence", "COERCE": "coerce", "MOBILIZE": "violence",
                   "SANCTION": "sanction"}
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE", "REJECT", "ASSAULT"}
HOSTILE_TYPES = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "PROTEST"}


@dataclass(slots=True)
class FoundEvent:
    trigger_start: Token
    trigger_end: Token
    type: str
    mode: str | None
    actors: list[Token]
    targets: list[Token]
    negated: bool
    hypothetical: bool
    governor: Token | None = None
    # The event this one is the object or complement of ("refused to [meet]").
    embedded_in: FoundEvent | None = None
    # Whether a phrase of several words matched ("impose sanctions"): its type is clear.
    phrase: bool = False
    # The type of the act a REQUEST demands ("urged them to leave": RETREAT).
    demanded_type: str | None = None
    # Whether a condition ("if", "in case") or a plan rather than a modal makes it unreal.
    conditional: bool = False
    # The trained type classifier's probability for the type given (None where not asked).
    type_probability: float | None = None

    @property
    def head(self) -> Token:
        """The word the event hangs on: the noun of "drone strike", the verb of "call on"."""
        return self.trigger_end if self.trigger_end.pos_ in ("NOUN", "PROPN") else \
            self.trigger_start
