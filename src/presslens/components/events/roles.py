"""Who acts and who is acted on: the actor and target of a verb or noun trigger from the
parse (subjects, objects, prepositions, passives, control, possessors and "by"), the
datelines and pronouns that are not what they seem, and the trained ranker's actor where the
rules find none (``role_ranker``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from presslens.components import doc_memo
from presslens.components.events.found import FoundEvent
from presslens.components.events.lexicon import (
    ACTOR_LABELS,
    AGENTIVE_OF_NOUNS,
    DATE_LABELS,
    JUDGING_VERBS,
    LEADING_WORDS,
    NEGATING_DETERMINERS,
    NOT_PERFORMING_VERBS,
    PEOPLE_NOUNS,
    QUANTITY_NOUNS,
    THING_NOUNS,
    VICINITY_PREPOSITIONS,
    WEAPON_NOUNS,
    trigger_lexicon,
)
from presslens.components.events.role_ranker import (
    RoleRanker,
    actor_candidates,
    candidate_features,
    target_candidates,
    target_features,
)

# Verbs of an act two sides do together: "met", "agreed", "signed" with someone.
MUTUAL_VERBS = frozenset({"discuss", "talk", "negotiate", "confer", "consult", "speak", "meet",
                          "agree", "cooperate", "sign"})
# How far around a trigger its clause is searched for parties and places.
CLAUSE_WINDOW = 40


def subject_of(verb: Token) -> list[Token]:
    """The subject of ``verb``, inherited through "and" and through control ("vowed to
    attack": the one who vowed attacks; "is willing to withdraw": the one who is willing).
    A dateline the parser took for a subject ("BERLIN -- A court …") is passed over."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")
                    and not in_dateline(c) and c.ent_type_ not in DATE_LABELS]
        if subjects:
            return with_conjuncts(subjects[0])
        passive = [c for c in node.children if c.dep_ == "agent"]
        if passive:
            objects = [g for g in passive[0].children if g.dep_ == "pobj"]
            if objects:
                return with_conjuncts(objects[0])
        if node.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp") and node.head is not node:
            node = node.head
            continue
        break
    return []


def can_be_party(token: Token) -> bool:
    """Whether a role's head can be a party: someone who acts (a name, a pronoun, a common
    noun for people or bodies, a noun a name qualifies: "Daesh sleeper cells"), not a date
    nor a thing ("The agreement", "The bombing", "This road")."""
    if token.ent_type_ in DATE_LABELS:
        return False
    if token.pos_ != "NOUN" or actor_like(token) or any(
            c.ent_type_ in ACTOR_LABELS and c.dep_ in ("compound", "poss", "amod", "nmod")
            for c in token.children):
        return True
    return token.lemma_.lower() not in THING_NOUNS


def actor_like(token: Token) -> bool:
    """Whether a phrase's head names someone who can act or be acted on."""
    if token.ent_type_ in DATE_LABELS:
        return False
    return (token.ent_type_ in ACTOR_LABELS or token.lemma_.lower() in PEOPLE_NOUNS
            or token.tag_ == "PRP")


_PREPOSITIONAL_OBJECTS_KEY = "presslens_events_prepositional_objects"


def objects_of(token: Token, preposition: str) -> list[Token]:
    """The objects of ``token``'s prepositions that are ``preposition``. A trigger is asked
    about each preposition in turn, so its objects are listed by preposition once per
    document."""
    table: dict[int, dict[str, list[Token]]] = doc_memo(token.doc, "events").setdefault(
        _PREPOSITIONAL_OBJECTS_KEY, {})
    by_preposition = table.get(token.i)
    if by_preposition is None:
        by_preposition = table[token.i] = {}
        for child in token.children:
            if child.dep_ == "prep":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    by_preposition.setdefault(child.lower_, []).extend(objects)
    return by_preposition.get(preposition, [])


def _best_target(direct: list[Token], head: Token, preferred: tuple[str, ...] = (),
                 *, search_clause: bool = True) -> list[Token]:
    """The one acted on: a direct object that names an actor, else an actor after a
    preposition of the trigger ("sent aid to Afghanistan", "lifted the embargo on Cuba"),
    else one inside the object's own phrase ("support for Hungarian NGOs"), else the
    object itself."""
    direct = [t for t in direct if t.ent_type_ not in DATE_LABELS]
    for preposition in preferred:
        for token in objects_of(head, preposition):
            if actor_like(token):
                return with_conjuncts(token)  # "discussed Iran's programme with Salman"
    for token in direct:
        if actor_like(token) or any(
                t.ent_type_ in ACTOR_LABELS and t.dep_ in ("compound", "poss", "amod")
                for t in token.children):
            return with_conjuncts(token)  # "Iran", "U.S. calls", "Iran's proposal"
    order = [*preferred, *(p for p in ("to", "for", "on", "against", "with", "from", "at",
                                       "into", "over", "toward", "towards", "upon", "of")
                           if p not in preferred)]
    for preposition in order:
        for token in objects_of(head, preposition):
            if actor_like(token):
                return with_conjuncts(token)
    for token in direct:
        for preposition in (*order, "by"):
            for inner in objects_of(token, preposition):
                if actor_like(inner):
                    return with_conjuncts(inner)
    named = [t for t in clause_of(head) if t.i > head.i and (
                 t.ent_type_ in ACTOR_LABELS and t.dep_ not in ("compound", "amod", "poss")
                 and t.head.ent_type_ != t.ent_type_
                 or _qualified_people(t))
             and not _place_object(t)] if search_clause else []
    if named:
        return with_conjuncts(named[0])
    if direct:
        return with_conjuncts(direct[0])
    for preposition in order:
        found = [t for t in objects_of(head, preposition) if t.ent_type_ not in DATE_LABELS]
        if found:
            return with_conjuncts(found[0])
    return []


def _qualified_people(token: Token) -> bool:
    """"US troops", "Israeli soldiers": people a name qualifies, a party named as surely as
    the name alone ("fired rockets at a base hosting US troops in western Iraq": the troops,
    not the country the base is in)."""
    return not token.ent_type_ and token.lemma_.lower() in PEOPLE_NOUNS and any(
        c.ent_type_ in ACTOR_LABELS and c.dep_ in ("compound", "amod", "poss")
        for c in token.children)


def with_conjuncts(token: Token) -> list[Token]:
    tokens = [token]
    for child in token.children:
        if child.dep_ == "conj":
            tokens.extend(with_conjuncts(child))
    return tokens


def accompanying(head: Token) -> list[Token]:
    """Whom "along with" or "together with" joins to ``head``, with their conjuncts: "the
    assassination of al-Muhandis, along with Soleimani"; "was killed along with two aides".
    The parser hangs the phrase on the event word more often than on the name it joins."""
    return [t for prep in head.children if prep.dep_ == "prep"
            and prep.lower_ in ("along", "together")
            for with_ in prep.children if with_.dep_ == "prep" and with_.lower_ == "with"
            for joined in with_.children if joined.dep_ == "pobj"
            for t in with_conjuncts(joined)]


def _joined_targets(head: Token, targets: list[Token]) -> list[Token]:
    """``targets`` with the parties "along with" adds after them: acted on together."""
    if not targets:
        return targets
    added = [t for t in accompanying(head) if t.i > targets[0].i and actor_like(t)
             and t not in targets]
    return targets + added


def _place_of(verb: Token) -> list[Token]:
    """A country or city the verb happens in ("was arrested in Niger")."""
    return [t for t in objects_of(verb, "in") if t.ent_type_ == "GPE"][:1]


def _actors_of_event_noun(verb: Token) -> list[Token]:
    for noun in objects_of(verb, "in"):
        lemma = noun.lemma_.lower()
        if (lemma, "NOUN") in trigger_lexicon() or lemma in AGENTIVE_OF_NOUNS:
            actors = [t for t in _noun_actors(noun) if not in_dateline(t)]
            if actors:
                return actors
    return []


def verb_roles(verb: Token, last: Token | None = None, words: tuple[str, ...] = ()
               ) -> tuple[list[Token], list[Token]]:
    """The actor and target of a verb trigger; ``last`` ends the trigger's phrase and
    ``words`` are its words, which are not what it acts on ("imposed [a curfew]",
    "withdraw [its troops]")."""
    last = last or verb
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]
        # No agent named: who carried out the event noun it happened in ("were targeted in a
        # drone strike authorized by Trump"), else the state where it was done ("was
        # arrested in Niger").
        actors = with_conjuncts(agents[0]) if agents else (
            _actors_of_event_noun(verb) or _place_of(verb))
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        blamed = objects_of(verb, "on") if verb.lemma_.lower() == "blame" else []
        if blamed:
            # "the attacks were blamed on Iran-backed militias": the militias are accused,
            # the attacks are what they are accused of.
            return actors, with_conjuncts(blamed[0])
        return actors, _joined_targets(verb, with_conjuncts(patients[0]) if patients else [])
    actors = subject_of(verb)
    if actors and all(a.lemma_.lower() in WEAPON_NOUNS and not a.ent_type_ for a in actors):
        # "The drones hit the convoy in strikes of the resistance": the weapon is what
        # hit; who struck is whom the event noun names.
        named = [noun_roles(noun)[0] for noun in objects_of(verb, "in")
                 if (noun.lemma_.lower(), "NOUN") in trigger_lexicon()]
        actors = next((found for found in named if found), actors)
    if not actors and verb.dep_ == "pcomp":
        actors = _accused_doer(verb)
    if not actors and verb.dep_ in ("advcl", "acl", "relcl", "pcomp") and verb.head is not verb:
        # "…, criticizing President Meta": the one who does the main clause.
        head = verb.head if verb.dep_ != "pcomp" else verb.head.head
        actors = subject_of(head) if head.pos_ in ("VERB", "AUX") else []
        if verb.dep_ in ("acl", "relcl") and not actors and actor_like(verb.head):
            actors = [verb.head]  # "forces fighting in Syria"
        if verb.dep_ == "acl" and not actors and head.dep_ == "dobj" and \
                head.head.pos_ in ("VERB", "AUX"):
            # "put out a report accusing the army": the one who put out the report.
            actors = subject_of(head.head)
    direct = [c for c in verb.children if c.dep_ in ("dative", "dobj")
              and not verb.i <= c.i <= last.i and c.lemma_.lower() not in words[1:]]
    # "found [the minister] guilty": the subject of the phrase's own second word.
    direct += [g for c in verb.children if c.dep_ in ("ccomp", "oprd", "xcomp")
               and c.lemma_.lower() in words[1:] for g in c.children if g.dep_ == "nsubj"]
    particles = [g for c in verb.children if c.dep_ == "prt" for g in c.children
                 if g.dep_ == "pobj"]
    lemma = verb.lemma_.lower()
    mutual = lemma in MUTUAL_VERBS
    if mutual and len(actors) == 1 and actors[0].lemma_.lower() in PEOPLE_NOUNS and \
            not actors[0].ent_type_:
        # "The leaders of Egypt and Jordan met": the sides are the names after "of".
        sides = [t for g in objects_of(actors[0], "of") for t in with_conjuncts(g)]
        if len(sides) > 1 and all(t.ent_type_ in ACTOR_LABELS for t in sides):
            actors = sides
    if mutual and len(actors) > 1 and not any(
            objects_of(t, "with") for t in [verb, *direct, *particles]) and \
            not any(actor_like(t) for t in direct + particles):
        # "Saudi Arabia and Iran agreed to restore ties in a deal brokered by China": two
        # sides of one act, coded as PLOVER's coders do ("Russia and Turkey met": Russia
        # with Turkey), not the first with a party named later.
        return actors[:1], actors[1:]
    preferred = ("from",) if lemma in ("withdraw", "retreat", "pull", "evacuate") else \
        ("with",) if mutual else ()
    return actors, _best_target(direct + particles, verb, preferred)


def _accused_doer(verb: Token) -> list[Token]:
    """Who does an act someone is judged for (a gerund, or an event noun after the
    preposition): "Hamas accused Israel of violating the ceasefire by killing four
    Palestinians" — Israel violates and kills, not Hamas. The object of the verb of judging
    before "of", "for" or "with", through any "by" that tells how the act was done."""
    preposition = verb.head
    if preposition.dep_ != "prep":
        return []
    governor = preposition.head
    if preposition.lower_ == "by" and governor.dep_ == "pcomp" and governor.tag_ == "VBG":
        return _accused_doer(governor)
    if preposition.lower_ not in ("of", "for", "with") or \
            governor.lemma_.lower() not in JUDGING_VERBS:
        return []
    accused = [c for c in governor.children if c.dep_ == "dobj"]
    return with_conjuncts(accused[0]) if accused else []


def _noun_actors(noun: Token) -> list[Token]:
    """Who acts in an event noun: its possessor ("Iran's support"), a name before it ("the
    US assassination", "a Saudi-led strike"), an agent ("authorized by Trump", "by Y")."""
    actors: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod")
                                    and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")):
            actors.append(child)
        elif child.dep_ == "amod" and child.lemma_.lower() in LEADING_WORDS:
            # "a Saudi-led strike", "US-backed forces"
            actors.extend(g for g in child.children if g.dep_ in ("npadvmod", "compound",
                                                                  "amod", "nmod")
                          and (g.ent_type_ in ACTOR_LABELS or g.pos_ == "PROPN"))
        elif child.dep_ == "acl":
            # "a drone strike authorized by Donald Trump"
            actors.extend(t for agent in child.children if agent.dep_ == "agent"
                          for g in agent.children if g.dep_ == "pobj"
                          for t in with_conjuncts(g))
    actors.extend(t for by in objects_of(noun, "by") for t in with_conjuncts(by))
    return actors


def noun_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    actors = _noun_actors(noun)
    if not actors and noun.dep_ == "pobj":
        actors = _accused_doer(noun)  # "blamed Kataib Hezbollah for the rocket attack"
    if not actors and noun.lemma_.lower() in AGENTIVE_OF_NOUNS:
        # "strikes of the resistance": the resistance strikes.
        actors = [t for t in objects_of(noun, "of") if actor_like(t)][:1]
        actors = with_conjuncts(actors[0]) if actors else []
    preferred = ("on", "against", "to", "with", "at", "upon") if actors and \
        noun.lemma_.lower() in AGENTIVE_OF_NOUNS else \
        ("on", "against", "of", "to", "with", "at", "upon")
    targets = _joined_targets(noun, _best_target([], noun, preferred, search_clause=False))
    if actors and targets and {t.i for t in targets} & {t.i for t in actors}:
        targets = []
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        # "the Chinese government's assistance package", "a mediation effort between X
        # and Y", "peacekeeping troops": the noun it qualifies carries the roles.
        host = noun.head
        actors = actors or _noun_actors(host) or ([host] if actor_like(host) else [])
        targets = targets or _best_target(
            [], host, ("on", "against", "between", "to", "with", "at", "upon", "of"),
            search_clause=False)
        noun = host
    # "launched dozens of attacks": the act is the object through the noun that counts it.
    counted = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
        noun.head.head.lemma_.lower() in QUANTITY_NOUNS else noun
    if not actors and counted.dep_ in ("dobj", "nsubjpass") and \
            counted.head.pos_ in ("VERB", "AUX") and _performs_its_object(counted.head):
        # "X launched an investigation into Y", "X issued an ultimatum to Y".
        actors = subject_of(counted.head)
        if not targets:
            targets = _best_target([], counted.head, search_clause=False)
    elif not actors and noun.dep_ == "pobj" and noun.head.lower_ in ("on", "in", "into") and \
            noun.head.head.pos_ in ("VERB", "AUX") and \
            not any(c.dep_ in ("nsubjpass", "auxpass") for c in noun.head.head.children):
        actors = subject_of(noun.head.head)  # "went on strike", "in a meeting with"
    return actors, targets


def _performs_its_object(verb: Token) -> bool:
    """Whether the subject of ``verb`` carries out the event its object names: who
    "launched an attack" attacked; who "condemned the attack" or "called for sanctions"
    did not."""
    return verb.lemma_.lower() not in NOT_PERFORMING_VERBS


def clause_of(head: Token, window: int = CLAUSE_WINDOW) -> list[Token]:
    """The words ``head`` governs within ``window`` words of it, in order: a clause, bounded
    so that a degenerate parse (thousands of words under one) costs no more than a real one."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    first = max(left, head.i - window)
    last = min(right, head.i + window)
    if first == left and last == right:
        # The whole subtree lies in the window: walk it rather than test every word.
        return sorted(head.subtree, key=lambda t: t.i)
    return [doc[i] for i in range(first, last + 1) if i == head.i or head.is_ancestor(doc[i])]


def party_in_clause(head: Token, actors: list[Token]) -> list[Token]:
    """A named party acted on somewhere in the trigger's clause, when the trigger's object
    is a thing ("lifted a ban on girls entering the temple", "signed a pact with the
    Taliban"): the first name after the trigger that is not the actor."""
    acting = {t.i for actor in actors for t in clause_of(actor)}
    for token in clause_of(head):
        if token.i <= head.i or token.i in acting or token.ent_type_ not in ACTOR_LABELS:
            continue
        if token.dep_ in ("compound", "amod") and token.head.ent_type_ == token.ent_type_:
            continue
        if _place_object(token):
            continue
        return with_conjuncts(token)
    return []


def _place_object(token: Token) -> bool:
    """"a depot near Karvan", "at the airport": a place beside which something happened is
    not the party it happened to ("in Gaza" may be: PLOVER codes the country an act is done
    in as its target when no one else is named)."""
    node = token
    while node.dep_ in ("compound", "conj", "appos") and node.head is not node:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in VICINITY_PREPOSITIONS


DATELINE_DASHES = {"-", "--", "—", "–", ":"}


def dateline_end(sentence: Span) -> int:
    """The index of the dash that closes a sentence's dateline ("KABUL (Pajhwok) -",
    "BERLIN --", "Tehran, March 15, IRNA -"), or -1 where the sentence has none. A dateline
    is a few capitalised names, a date or an agency in brackets before a dash."""
    first = sentence[0] if len(sentence) else None
    if first is None or first.pos_ != "PROPN" or not first.text[:1].isupper():
        return -1
    marked = first.is_upper and len(first.text) > 2
    for token in sentence[1:9]:
        if token.text in DATELINE_DASHES:
            return token.i if marked else -1
        if token.text == "(" or token.ent_type_ == "DATE":
            marked = True
        elif not (token.pos_ in ("PROPN", "PUNCT", "NUM") or token.is_upper):
            return -1
    return -1


def in_dateline(token: Token) -> bool:
    """"KABUL (Pajhwok) -", "BERLIN -": whether a word lies in a dateline (the parser
    often takes the place for a subject)."""
    return any(start <= token.i <= end for start, _, end in _datelines(token.doc))


def dateline_end_at(token: Token) -> int:
    """``dateline_end`` of the sentence that holds ``token``."""
    return next((end for start, stop, end in _datelines(token.doc) if start <= token.i < stop),
                -1)


def _datelines(doc: Doc) -> list[tuple[int, int, int]]:
    """(sentence start, sentence end, dateline end) of each sentence of ``doc`` that opens
    with a dateline, worked out once per document: asking a token for its sentence walks
    the parse each time."""
    memo = doc_memo(doc, "events")
    if "datelines" not in memo:
        memo["datelines"] = [(s.start, s.end, end) for s in doc.sents
                             if (end := dateline_end(s)) >= 0]
    found: list[tuple[int, int, int]] = memo["datelines"]
    return found


def named_antecedent(token: Token) -> Token:
    """A pronoun subject of a clause reported by someone named: "Obama said he would lift
    the embargo": he is Obama; "Erdogan expressed his support": his is Erdogan's."""
    if token.tag_ == "PRP$" and token.lower_ in ("his", "her", "its", "their", "our"):
        node = token.head
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ == "nsubj" and c.tag_ != "PRP"]
            if subjects:
                return subjects[0]
            if node.head is node:
                break
            node = node.head
        return token
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        return token.head.head  # "the bloc, which led the campaign": the bloc
    if token.tag_ != "PRP" or token.lower_ not in ("he", "she", "it", "they", "we", "i"):
        return token
    node = token.head
    for _ in range(4):
        if node.dep_ in ("ccomp", "xcomp", "advcl", "conj") and node.head is not node:
            node = node.head
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.tag_ != "PRP"]
            if subjects:
                return subjects[0]
        else:
            break
    return token


ROLE_CONFIDENCE = 0.7


def ranked_actor(event: FoundEvent, ranker: RoleRanker) -> list[Token]:
    """The candidate the trained ranker is sure acts in an event with no actor from the
    rules (never one of its targets)."""
    head = event.head
    verb = head.head.head if head.dep_ == "pobj" else head.head
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubjpass", "pobj") and \
            not _performs_its_object(verb):
        return []  # who condemns or reports an attack did not carry it out
    governor = event.embedded_in
    if governor is not None and governor.type in ("ACCUSE", "REQUEST", "SUPPORT", "REJECT"):
        return []
    # Nor anyone inside the phrase of what was acted on ("the visit by Pryce was cancelled").
    taken = [(t.left_edge.i, t.right_edge.i) for t in event.targets] + [
        (c.left_edge.i, c.right_edge.i) for c in head.children if c.dep_ == "nsubjpass"]
    best, best_score = None, ROLE_CONFIDENCE
    for candidate in actor_candidates(head, PEOPLE_NOUNS):
        if any(low <= candidate.i <= high for low, high in taken) or in_dateline(candidate):
            continue
        if any(c.dep_ == "det" and c.lower_ in NEGATING_DETERMINERS for c in candidate.children):
            continue  # "No group has claimed responsibility, but the attacks were blamed …"
        score = ranker.probability(candidate_features(head, candidate))
        if score >= best_score:
            best, best_score = candidate, score
    return [named_antecedent(best)] if best is not None else []


# The target ranker replaces the rules' choice only when its best candidate is at least this
# likely and this much likelier than the rules' choice (chosen by cross-validation on the
# development PLOVER sentences: see scripts/train_event_roles.py).
TARGET_CONFIDENCE = 0.5
TARGET_MARGIN = 0.3


def names_act(token: Token) -> bool:
    """Whether a noun names an act the lexicon codes ("the attacks", "a blockade")."""
    return (token.lemma_.lower(), "NOUN") in trigger_lexicon()


# Prepositions that mark what an act is done to: "a strike on a school bus", "sanctions
# against Iran".
TARGET_PREPOSITIONS = {"on", "against", "upon"}


def explicit_target(token: Token, head: Token) -> bool:
    """Whether the rules' target is marked as such by the parse, where no ranker should
    second-guess it: a party the trigger takes as its object, or the object of "on" or
    "against" hung on the trigger."""
    if token.head.i == head.i and token.dep_ in ("dobj", "dative") and actor_like(token):
        return True
    return token.dep_ == "pobj" and token.head.head.i == head.i and \
        token.head.lower_ in TARGET_PREPOSITIONS


def ranked_target(event: FoundEvent, ranker: RoleRanker) -> list[Token]:
    """What the event acts on: the rules' choice, unless the trained ranker is sure another
    phrase of the sentence is it ("held talks in Jordan with King Abdullah")."""
    head = event.head
    if any(explicit_target(t, head) for t in event.targets):
        return event.targets
    candidates = target_candidates(head, event.actors, event.targets, PEOPLE_NOUNS, names_act)
    if not candidates:
        return event.targets
    chosen = {t.i for t in event.targets}
    scores = [ranker.probability(target_features(head, c, event.targets, bool(event.actors),
                                                 PEOPLE_NOUNS)) for c in candidates]
    best = max(range(len(candidates)), key=scores.__getitem__)
    if candidates[best].i in chosen or in_dateline(candidates[best]) or \
            _place_object(candidates[best]):
        return event.targets  # a place beside which it happened is where, not whom
    kept = max((s for c, s in zip(candidates, scores, strict=True) if c.i in chosen),
               default=0.0)
    if scores[best] < TARGET_CONFIDENCE or scores[best] - kept < TARGET_MARGIN:
        return event.targets
    return with_conjuncts(candidates[best])
