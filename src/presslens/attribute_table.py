"""spaCy's attribute ruler, applied by table lookup.

The English model's ``attribute_ruler`` maps each fine-grained tag to its part of speech and
morphology and fixes some words ("that" as a subordinator, "gonna"), with 179 rules run
through spaCy's ``Matcher``. Matching every rule at every token costs about a tenth of the
model's whole time per article, although nearly all rules look at one token and the
attributes that token has (its tag, lower-case form, dependency, whether it is a space)
come from a small set. ``AttributeTable`` reads the same rules and applies them with the
same result: a token's attributes are worked out once per combination of those values and
remembered, and the few rules over two tokens are checked only where their first token
fits. Where a model's rules use anything else, the pipeline keeps spaCy's ruler (see
``table_for``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import srsly
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from presslens.memo import trim_memo

# A token as the rules see it: tag, lower-case form, dependency, whether it is a space. The
# lower-case form is the word's id where some rule names the word, and otherwise the
# outcomes of the rules' regular expressions over it (a tuple): no rule can tell apart two
# unnamed words with the same outcomes, so the table stays small however many words a
# stream brings.
TokenKey = tuple[int, Any, int, int]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
# A list, the one sequence spaCy's hints for Doc.to_array name.
_READ = [TAG, LOWER, DEP, IS_SPACE]


class UnsupportedRule(ValueError):
    """A rule this table cannot apply exactly; spaCy's own ruler is kept."""


Test = Callable[[TokenKey], bool]


class _Words:
    """What the rules say about words: the ones they name, and their regular expressions."""

    def __init__(self, strings: Any) -> None:
        self.strings = strings
        self.named: set[int] = set()
        self.patterns: list[re.Pattern[str]] = []

    def name(self, word: str) -> int:
        key = self.strings.add(word)
        self.named.add(key)
        return key

    def regex(self, pattern: str) -> int:
        self.patterns.append(re.compile(pattern))
        return len(self.patterns) - 1

    def kind(self, lower: int) -> Any:
        if lower in self.named:
            return lower
        word = self.strings[lower]
        return tuple(bool(pattern.search(word)) for pattern in self.patterns)


def _value_test(field: int, value: Any, words: _Words) -> Test:
    if field == 3:  # IS_SPACE is a flag
        if not isinstance(value, bool):
            raise UnsupportedRule(f"IS_SPACE {value!r}")
        return lambda key: bool(key[3]) is value
    add = words.name if field == 1 else words.strings.add
    if isinstance(value, str):
        wanted = add(value)
        return lambda key: key[field] == wanted
    if isinstance(value, dict) and len(value) == 1:
        (operator, operand), = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(operand, list):
            members = frozenset(add(v) for v in operand)
            if operator == "IN":
                return lambda key: key[field] in members
            return lambda key: key[field] not in members
        if operator == "REGEX" and isinstance(operand, str) and field == 1:
            pattern = re.compile(operand)
            n = words.regex(operand)

            def matches(key: TokenKey) -> bool:
                if isinstance(key[1], tuple):
                    return key[1][n]
                return bool(pattern.search(words.strings[key[1]]))

            return matches
    raise UnsupportedRule(f"{field} {value!r}")


def _token_test(spec: dict[str, Any], words: _Words) -> Test:
    tests = []
    for name, value in spec.items():
        if name not in _FIELDS:
            raise UnsupportedRule(f"token attribute {name}")
        tests.append(_value_test(_FIELDS[name], value, words))
    return lambda key: all(test(key) for test in tests)


class AttributeTable:
    """Applies an ``AttributeRuler``'s rules with the ruler's exact result, faster."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        # The rules as the ruler was given them, for to_disk.
        self.patterns = ruler.patterns
        self._words = _Words(ruler.vocab.strings)
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        # (rule id, test) for one-token rules; (rule id, index, tests) for longer ones.
        self._single: list[tuple[int, Test]] = []
        self._multi: list[tuple[int, int, list[Test]]] = []
        for rule_id, rule in enumerate(ruler.patterns):
            # spaCy types every value of a rule as the union of them all; a rule's index
            # is an int, its patterns lists of token specs (a string key each, as read from
            # JSON; any other key is turned down by _token_test).
            index = cast(int, rule.get("index", 0))
            for pattern in cast(list[list[dict[str, Any]]], rule["patterns"]):
                if not isinstance(pattern, list) or not pattern:
                    raise UnsupportedRule("phrase pattern")
                if any("OP" in spec for spec in pattern):
                    raise UnsupportedRule("operator")
                if not -len(pattern) <= index < len(pattern):
                    raise UnsupportedRule("index outside the pattern")
                tests = [_token_test(spec, self._words) for spec in pattern]
                if len(tests) == 1:
                    self._single.append((rule_id, tests[0]))
                else:
                    self._multi.append((rule_id, index % len(pattern), tests))
        # spaCy turns attribute names into ids, all but "_" (extension attributes); the table
        # keeps only rules without it, hence its int keys.
        for attrs in ruler.attrs:
            if "_" in attrs:
                raise UnsupportedRule("extension attributes")
        # Per word id: its kind (see ``TokenKey``).
        self._kinds: dict[int, Any] = {}
        # Per token key: the merged attributes of its one-token rules, their rule ids, and
        # the longer rules that may start at it.
        self._memo: dict[TokenKey, tuple[dict[int, Any], tuple[int, ...],
                                          tuple[int, ...]]] = {}

    def _entry(self, key: TokenKey) -> tuple[dict[int, Any], tuple[int, ...], tuple[int, ...]]:
        entry = self._memo.get(key)
        if entry is None:
            rule_ids = tuple(sorted({rule_id for rule_id, test in self._single if test(key)}))
            starts = tuple(n for n, (_, _, tests) in enumerate(self._multi) if tests[0](key))
            entry = (self._merged(rule_ids), rule_ids, starts)
            trim_memo(self._memo)
            self._memo[key] = entry
        return entry

    def _merged(self, rule_ids: tuple[int, ...]) -> dict[int, Any]:
        # Later rules win, as the ruler applies its matches in rule order.
        merged: dict[int, Any] = {}
        for rule_id in rule_ids:
            merged.update(self.attrs[rule_id])
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        kinds = self._kinds
        keys: list[TokenKey] = []
        for tag, lower, dep, space in doc.to_array(_READ).tolist():
            kind = kinds.get(lower)
            if kind is None:
                kind = self._words.kind(lower)
                trim_memo(kinds)
                kinds[lower] = kind
            keys.append((tag, kind, dep, space))
        entries = [self._entry(key) for key in keys]
        extra: dict[int, list[int]] = {}
        if self._multi:
            for start, (_, _, starts) in enumerate(entries):
                for n in starts:
                    rule_id, index, tests = self._multi[n]
                    end = start + len(tests)
                    if end <= len(keys) and all(
                            test(keys[start + k]) for k, test in enumerate(tests[1:], 1)):
                        extra.setdefault(start + index, []).append(rule_id)
        for i, (merged, rule_ids, _) in enumerate(entries):
            if i in extra:
                merged = self._merged(tuple(sorted({*rule_ids, *extra[i]})))
            if merged:
                set_token_attrs(doc[i], merged)
        return doc


    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        """Write the rules, so that a saved pipeline, which has no ``attribute_ruler`` to
        read them from, loads with them."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(folder / PATTERNS_FILE, self.patterns)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> AttributeTable:
        ruler = AttributeRuler(self.vocab)
        ruler.add_patterns(srsly.read_msgpack(Path(path) / PATTERNS_FILE))
        self.__init__(ruler)  # type: ignore[misc]
        return self


PATTERNS_FILE = "patterns.msgpack"


def table_for(ruler: AttributeRuler) -> AttributeTable | None:
    """The ruler's rules as a table, or None where a rule needs spaCy's matcher."""
    try:
        return AttributeTable(ruler)
    except UnsupportedRule:
        return None


@Language.factory("presslens_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    if "attribute_ruler" not in nlp.pipe_names:
        # A saved pipeline being loaded: the rules come with from_disk.
        return AttributeTable(AttributeRuler(nlp.vocab))
    table = table_for(cast(AttributeRuler, nlp.get_pipe("attribute_ruler")))
    if table is None:
        raise UnsupportedRule("the model's attribute ruler uses rules the table cannot apply")
    return table


def use_attribute_table(nlp: Language) -> Language:
    """Put the table in the place of the model's ``attribute_ruler`` where it can apply all
    of the ruler's rules; otherwise leave the ruler."""
    if "attribute_ruler" not in nlp.pipe_names or table_for(
            cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))) is None:
        return nlp
    nlp.add_pipe("presslens_attribute_table", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    return nlp
