"""Comparable keys for names written in many transliterations.

Outlets spell the same Arabic or Persian name differently (Qasem Suleimani / Qassem
Soleimani, Kadhimi / Khadimi / al-Kadhimi). ``name_key`` maps such spellings to one key by
dropping particles and titles and folding the letter variants transliteration produces;
names that differ in substance (Iraq / Iran) keep different keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from presslens.lexicons import lexicon_lines
from presslens.memo import MEMO_ENTRIES

# Arabic article and its assimilated forms, written as separate or hyphenated particles.
PARTICLES = frozenset({"al", "el", "ul", "ad", "ed", "as", "ash", "at", "az", "an", "ar", "the"})
# ʾ and ʿ (hamza and ayn in scholarly transliteration) are letters no other spelling writes.
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʾʿ]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Latin letters that Unicode decomposition leaves whole, so that the accent-stripping below
# cannot reach them: Turkish dotless i ("Bozkır"), Nordic, Polish and German letters.
_UNDECOMPOSED = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d",
                               "ł": "l", "þ": "th", "ð": "d"})
# "Ansar Allah" and "Ansarullah", "Hizb Allah" and "Hezbollah": the name of God after a word
# is written joined to it as often as apart.
_ALLAH = "allah"
# Ordered: digraphs before single letters; each a pattern and what it becomes.
_FOLDS = tuple((re.compile(pattern), new) for pattern, new in (
    # Persian writes the Arabic qaf "gh" ("Ghasem", "Araghchi") where Arabic-based spellings
    # write "q" ("Qasem", "Araqchi"): both fold to "k".
    ("kh", "k"), ("gh", "k"), ("dh", "d"), ("ph", "f"), ("q", "k"), ("w", "v"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"),
    # "ay" and "ey" are the diphthong "ai" ("Haytham", "Heydar") only before a consonant:
    # before a vowel the "y" is a consonant of its own, which tells "Sayyid" and "Zayed"
    # (Zāyid) from "Said" and "Zaid".
    ("[ae]y(?![aeiouy])", "ai"), ("ei", "ai"),
    ("o", "u"), ("e", "a"),
))
# The active participle (fāʿil) of the commonest Arabic given names: a long "a", one
# consonant, a kasra, one consonant. Persian, Levantine and Egyptian spellings write that
# kasra "e" ("Khaled", "Saleh", "Qassem", "Kazem"), others "i" ("Khalid", "Salih",
# "Qasim", "Kazim"): one name, which the general fold of "e" to "a" would split, and would
# join to another name in "-ah" ("Saleh" and "Salah"). The consonants may be digraphs and
# the middle one doubled ("Nasser", "Hashem").
_PARTICIPLE = re.compile(r"(?P<head>(?:[b-df-hj-np-tv-z]h?)?aa?(?P<middle>[b-df-hj-np-tv-z])"
                         r"(?:h|(?P=middle))?)e(?P<tail>[b-df-hj-np-tv-z]h?)")
_LOWER_WORD = re.compile(r"[^\W\d_]+")
_DOUBLED = re.compile(r"(.)\1+")
_DOUBLED_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1+")
_VOWELS = re.compile(r"[aeiou]")
_SHORT_ACRONYM = re.compile(r"\b[A-Z]{2,3}\b")
# A capital inside a word after a small letter ("DeLay", "McDonald", "LaGuardia"): a name
# spelled as its bearer spells it, not a transliteration.
_INNER_CAPITAL = re.compile(r"\b[A-Z][a-z]+[A-Z][a-z]+\b")


# Titles of religious figures known by the title and a given name alone ("Imam Hussein",
# "Prophet Muhammad"): the given name alone would be anyone's ("Fuad Hussein").
HONOURED_BY_GIVEN_NAME = frozenset({"imam", "prophet", "saint", "caliph"})


@cache
def _titles() -> frozenset[str]:
    return frozenset(lexicon_lines("titles.txt"))


def name_tokens(text: str, *, strip_titles: bool = False) -> list[str]:
    """Lower-case ASCII tokens of a name without particles (and titles, if asked).

    >>> name_tokens("Prime Minister Mustafa al-Kadhimi", strip_titles=True)
    ['mustafa', 'kadhimi']
    """
    ascii_text = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in ascii_text if not unicodedata.combining(ch)).lower()
    ascii_text = _APOSTROPHES.sub("", ascii_text.translate(_UNDECOMPOSED))
    tokens = [t for t in _NON_ALNUM.split(ascii_text) if t]
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i] == _ALLAH and tokens[i - 1] not in PARTICLES:
            tokens[i - 1:i + 1] = [tokens[i - 1] + _ALLAH]
    if strip_titles:
        titles = _titles()
        while len(tokens) > 1 and tokens[0] in titles and not (
                len(tokens) == 2 and tokens[0] in HONOURED_BY_GIVEN_NAME
                and is_given_name(fold_spelling(tokens[1]))):
            tokens.pop(0)
    kept = [t for t in tokens if t not in PARTICLES]
    return kept or tokens


@cache
def _spelling_overrides() -> dict[str, str]:
    """Spellings the folds would give another name's key, with a key of their own (see
    ``lexicons/name_spellings.tsv``)."""
    pairs = (line.split("\t") for line in lexicon_lines("name_spellings.tsv"))
    return {spelling.strip(): key.strip() for spelling, key in pairs}


def fold_spelling(token: str, *, participle: bool = True) -> str:
    """Fold transliteration variants of one word together.

    >>> fold_spelling("soleimani") == fold_spelling("suleimani")
    True
    >>> fold_spelling("ghaani") == fold_spelling("qaani")
    True
    >>> fold_spelling("fayyadh") == fold_spelling("fayadh")
    True
    >>> fold_spelling("saleh") == fold_spelling("salih") != fold_spelling("salah")
    True
    """
    override = _spelling_overrides().get(token)
    if override is not None:
        return override
    if len(token) > 2 and token[0] == "e" and token[1] not in "aeiou":
        # An opening "e" before a consonant is a kasra as Persian and Egyptian spellings
        # write it ("Esmail", "Ehsan", "Essam"), where others write "i": kept, so that
        # ``given_names_agree`` can tell it from an "a" ("Eli" and "Ali", "Enas" and
        # "Anas" are two names), which a fold to "a" could not.
        return "e" + fold_spelling(token[1:])
    match = _PARTICIPLE.fullmatch(token) if participle else None
    if match:
        token = match["head"] + "i" + match["tail"]
    # Doubled consonants first: "Fayyadh" and "Fayadh" must not fold "ay" apart.
    folded = _DOUBLED_CONSONANT.sub(r"\1", token)
    for pattern, new in _FOLDS:
        folded = pattern.sub(new, folded)
    folded = _DOUBLED.sub(r"\1", folded)
    if len(folded) > 2 and folded.endswith("y"):
        folded = folded[:-1] + "i"
    if len(folded) >= 5 and folded.endswith("ah"):
        # The Arabic feminine ending (ta marbuta) is written "-a", "-ah" or, in Persian
        # spellings, "-eh": "Hayya" / "Hayyah", "Haniya" / "Haniyeh", "Hamza" / "Hamzah".
        # Four letters keep it ("Shah").
        folded = folded[:-1]
    return folded


# Names recur across articles far more often than they are new; bounded, so a corpus of
# millions of names keeps the most recent.
@lru_cache(maxsize=MEMO_ENTRIES)
def name_key(text: str, *, strip_titles: bool = False) -> str:
    """One key for every spelling of a name.

    >>> name_key("Qasem Suleimani") == name_key("Qassem Soleimani")
    True
    >>> name_key("Iraq") == name_key("Iran")
    False
    >>> name_key("EU") == name_key("AU")
    False
    >>> name_key("Tom DeLay") == name_key("Tom Daley")
    False
    """
    # A short acronym is letters, and a word with a capital inside is spelled as its bearer
    # spells it: neither is a transliteration, so their vowels are not folded.
    kept = {word.lower() for word in _SHORT_ACRONYM.findall(text)} | \
        {word.lower() for word in _INNER_CAPITAL.findall(text)}
    # A word written in small letters is an English word ("camel", "panel", "label"), not
    # a name: the participle's kasra is read only in a capitalised one ("Kamel", "Adel").
    common = {word for word in _LOWER_WORD.findall(text) if word.islower()}
    return " ".join(t if t in kept else fold_spelling(t, participle=t not in common)
                    for t in name_tokens(text, strip_titles=strip_titles))


def mention_key(text: str, entity_type: str) -> str:
    """The key under which a mention's text is looked up for an entity of ``entity_type``."""
    key = name_key(text, strip_titles=entity_type == "PERSON")
    if entity_type == "NORP" and len(key) > 4 and key.endswith("s"):
        key = key[:-1]
    return key


_VOWEL_RUN = re.compile(r"[aeiou]+")
# Words shorter than this keep their vowels in a loose key: "Ali" and "Ola" are two names.
LOOSE_MIN_LETTERS = 5


def loose_name_key(key: str, *, person: bool = False) -> str:
    """A looser key of a ``name_key``: each word of five letters or more keeps its consonants
    and the places of its vowels, not which vowels they are, since transliterations differ
    most in the short unstressed vowels ("Hezbollah", "Hizballah", "Hizbullah"; "Muhandis",
    "Mohandes"; "Abu Baqir", "Abu Baqer"). A person's given name is kept as it is: two
    people whose given names differ ("Hassan" and "Hussein") are never one.

    >>> loose_name_key(name_key("Hezbollah")) == loose_name_key(name_key("Hizballah"))
    True
    >>> loose_name_key(name_key("Hassan Nasrallah"), person=True) == loose_name_key(
    ...     name_key("Hussein Nasrallah"), person=True)
    False
    """
    words = key.split()
    kept = 1 if person and len(words) > 1 else 0
    # A surname after a given name is safe to loosen from four letters ("Sadi", "Saidi").
    shortest = LOOSE_MIN_LETTERS - 1 if kept else LOOSE_MIN_LETTERS
    return " ".join(words[:kept] + [_VOWEL_RUN.sub("a", w) if len(w) >= shortest else w
                                    for w in words[kept:]])


def vowel_variants(a: str, b: str) -> bool:
    """Whether two one-word name keys are the same name with one vowel written otherwise
    ("Saree" and "Sarea", "Nasrallah" and "Nasrullah"): transliterations of Arabic names
    differ most in the short vowels and the final one, which the folds leave apart.

    >>> vowel_variants(name_key("Saree"), name_key("Sarea"))
    True
    >>> vowel_variants(name_key("Iraq"), name_key("Iran"))
    False
    """
    if a == b or " " in a or " " in b or a[:1] != b[:1] or min(len(a), len(b)) < 4:
        return False
    skeleton = _VOWELS.sub("", a)
    return len(skeleton) >= 2 and skeleton == _VOWELS.sub("", b) and \
        Levenshtein.distance(a, b) == 1


@cache
def _name_lines() -> dict[str, int]:
    return {name_key(word): number
            for number, line in enumerate(lexicon_lines("distinct_names.txt"))
            for word in line.split()}


def distinct_names(a: str, b: str) -> bool:
    """Whether two one-word name keys are two names the loose match would take for one
    (``lexicons/distinct_names.txt``).

    >>> distinct_names(name_key("Hassan"), name_key("Hussein"))
    True
    >>> distinct_names(name_key("Hussein"), name_key("Hossein"))
    False
    """
    lines = _name_lines()
    return a in lines and b in lines and lines[a] != lines[b]


def vowel_dropped(a: str, b: str) -> bool:
    """Whether two one-word name keys are the same name with one inner vowel left out by
    one outlet ("Zawahiri" and "Zawahri"): six letters or more, everything else alike.

    >>> vowel_dropped(name_key("Zawahiri"), name_key("Zawahri"))
    True
    >>> vowel_dropped(name_key("Karimi"), name_key("Karim"))
    False
    """
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) != len(shorter) + 1 or len(shorter) < 6:
        return False
    for i in range(1, len(longer) - 1):
        if longer[i] in "aeiou" and longer[:i] + longer[i + 1:] == shorter:
            return True
    return False


def consonant_skeleton(word: str) -> str:
    """A word's first letter and its consonants after it: the index under which names that
    differ only in their vowels are found, to be compared letter by letter."""
    return word[:1] + _VOWELS.sub("", word[1:])


_LINKING_WORDS = frozenset({"of", "the", "and", "for"})


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(name_key(word) for word in lexicon_lines("generic_bodies.txt"))


def is_generic_key(key: str) -> bool:
    """Whether a name key names a kind of body rather than one body ("Parliament", "the
    Supreme Court", "Interior Ministry"): such a name means another body in every article.

    >>> [is_generic_key(name_key(n)) for n in ("the Supreme Court", "Parliament of Iraq",
    ...                                        "National Defence Front")]
    [True, False, False]
    """
    words = key.split()
    content = [w for w in words if w not in _LINKING_WORDS]
    # Two words at most ("Supreme Court", "House of Representatives"): a longer name made of
    # such words is one body's name ("National Defence Front").
    return 0 < len(content) <= 2 and all(word in _generic_words() for word in words)


# "Father of", "mother of", "son of": the name that follows is the one that tells people apart.
_KUNYA = frozenset({"abu", "abi", "umm", "bin", "ibn", "bint"})


@cache
def _given_names() -> frozenset[str]:
    return frozenset(name_key(line.split("\t")[0]) for line in lexicon_lines("first_names.tsv"))


def is_given_name(key: str) -> bool:
    """Whether a one-word key is a common given name ("Muhammad", "John"): alone, it may be
    anyone, so it never stands for a surname.

    >>> is_given_name(name_key("Mohammad")), is_given_name(name_key("Soleimani"))
    (True, False)
    """
    return key in _given_names()


def given_names_agree(a: str, b: str) -> bool:
    """Whether two full-name keys can be one person: the same surname, given names that
    are one spelling or one an initial of the other ("John G. Roberts" and "J. Roberts",
    never "Troy Roberts"), and, where both are written with middle names, the middle names
    of one among the other's ("Mohammed Baqir al-Hakim" is not Mohammed Saeed al-Hakim).

    >>> given_names_agree(name_key("Qasem Soleimani"), name_key("Qassem Suleimani"))
    True
    >>> given_names_agree(name_key("John G. Roberts"), name_key("Troy Roberts"))
    False
    >>> given_names_agree(name_key("Abu Baqir al-Saadi"), name_key("Abu Baqer al-Saidi"))
    True
    >>> given_names_agree(name_key("J.J. Goldberg"), name_key("Jeffrey Goldberg"))
    False
    >>> given_names_agree(name_key("Mohammed Baqir al-Hakim"),
    ...                   name_key("Mohammed Saeed al-Hakim"))
    False
    >>> given_names_agree(name_key("J. Christopher Stevens"), name_key("John Paul Stevens"))
    False
    >>> given_names_agree(name_key("George W. Bush"), name_key("George H. W. Bush"))
    False
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a[-1]) == 1 or len(words_b[-1]) == 1:
        # A name that ends in an initial has no surname to compare ("George H.W." and
        # "George W." are two presidents): only the same key is the same person.
        return a == b
    loose_a = loose_name_key(a, person=True).split()
    loose_b = loose_name_key(b, person=True).split()
    if loose_a[-1] != loose_b[-1] or distinct_names(words_a[-1], words_b[-1]):
        return False
    first_a, first_b = words_a[0], words_b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        # One initial stands for one given name ("J. Roberts"); "J.J. Goldberg" is not
        # Jeffrey Goldberg.
        initials_a = len(first_a) == 1 and len(words_a) > 2 and len(words_a[1]) == 1
        initials_b = len(first_b) == 1 and len(words_b) > 2 and len(words_b[1]) == 1
        return first_a[0] == first_b[0] and not (initials_a or initials_b) and \
            _middle_names_agree(words_a[1:-1], words_b[1:-1])
    if first_a != first_b and not _kasra_variants(first_a, first_b):
        return False
    if first_a in _KUNYA and len(words_a) > 2 and len(words_b) > 2:
        # The name after Abu tells people apart, in any transliteration of it: "Abu Baqir"
        # and "Abu Baqer"; "Abu Montadhar" and "Abu Muntazar" (one Arabic letter, dh or z).
        return loose_a[1] == loose_b[1] or (
            min(len(words_a[1]), len(words_b[1])) >= 6
            and Levenshtein.distance(words_a[1], words_b[1]) <= 1)
    return _middle_names_agree(words_a[1:-1], words_b[1:-1])


def _middle_names_agree(middle_a: list[str], middle_b: list[str]) -> bool:
    """Whether the middle names of two full names can be one person's: one has none
    ("Mohammed Shia al-Sudani" and "Mohammed al-Sudani"), or each of the fewer is among the
    others, in the same spelling, another spelling of its short vowels, or as its initial
    ("John G. Roberts" and "John Glover Roberts"). Fathers' names tell apart the many men
    of one family and one common given name ("Mohammed Baqir" and "Mohammed Saeed
    al-Hakim")."""
    if not middle_a or not middle_b:
        return True
    fewer, more = sorted((middle_a, middle_b), key=len)
    if any(len(w) == 1 for w in middle_a + middle_b):
        # Initials write every middle name: "George W. Bush" is not George H. W. Bush.
        return len(fewer) == len(more) and all(
            x[0] == y[0] and (len(x) == 1 or len(y) == 1 or x == y)
            for x, y in zip(middle_a, middle_b, strict=True))

    def same(x: str, y: str) -> bool:
        if len(x) == 1 or len(y) == 1:
            return x[0] == y[0]
        if x == y or _kasra_variants(x, y):
            return True
        # A name spelled another way: its inner short vowels ("Hatem", "Hatim"), or, in a
        # long one, one letter ("Rodrigues", "Rodriguez").
        shorter = min(len(x), len(y))
        return x[0] == y[0] and (
            shorter >= LOOSE_MIN_LETTERS and x[-1] == y[-1]
            and loose_name_key(x) == loose_name_key(y)
            or shorter >= 6 and Levenshtein.distance(x, y) <= 1)

    return all(any(same(x, y) for y in more) for x in fewer)


def _kasra_variants(a: str, b: str) -> bool:
    """"Esmail" and "Ismail", "Ebrahim" and "Ibrahim", "Essam" and "Issam": one name whose
    opening kasra Persian and Egyptian spellings write "e" and others "i" (``fold_spelling``
    keeps that "e"). Only that vowel: "Omar" and "Ammar", "Ikram" and "Akram", "Eli" and
    "Ali" are two names each, as "Hassan" and "Hussein" are.

    >>> _kasra_variants(fold_spelling("ismail"), fold_spelling("esmaeil"))
    True
    >>> _kasra_variants(fold_spelling("omar"), fold_spelling("ammar"))
    False
    >>> _kasra_variants(fold_spelling("eli"), fold_spelling("ali"))
    False
    """
    return len(a) > 3 and len(b) > 3 and {a[0], b[0]} == {"e", "i"} and a[1:] == b[1:]


# "bin", "ibn", "bint": the name that follows is the father's, not a surname.
_PATRONYMIC = frozenset({"bin", "ibn", "bint"})
# Generation suffixes, as ``name_key`` spells them: part of the short form ("Trump Jr.").
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Particles that belong to a European surname ("de Blasio", "von der Leyen", "van Gogh"), as
# ``name_key`` spells them.
_SURNAME_PARTICLES = frozenset(fold_spelling(w) for w in (
    "de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "le", "la", "dos",
    "das", "do", "ter", "ten", "zu"))


def standalone_surname(key: str) -> str | None:
    """The part of a person's full-name key that names him alone, as writers shorten it:
    the last word ("Kadhimi"), or, after a patronymic, "bin" with the father's name ("bin
    Salman"), since the father's name alone is the father ("King Salman" is not Mohammed bin
    Salman). None for a one-word key.

    >>> standalone_surname(name_key("Mustafa al-Kadhimi"))
    'kadimi'
    >>> standalone_surname(name_key("Mohammed bin Salman"))
    'bin salman'
    >>> standalone_surname(name_key("Donald Trump Jr."))
    'trump jr'
    >>> standalone_surname(name_key("Ursula von der Leyen"))
    'vun dar layan'
    """
    words = key.split()
    if len(words) < 2:
        return None
    if len(words) > 2 and words[-1] in _GENERATIONS:
        # "Donald Trump Jr." is "Trump Jr.", never "Trump" alone.
        return f"{standalone_surname(' '.join(words[:-1]))} {words[-1]}"
    if len(words) > 2 and words[-2] in _PATRONYMIC:
        return " ".join(words[-2:])
    first = len(words) - 1
    while first > 1 and words[first - 1] in _SURNAME_PARTICLES:
        first -= 1  # "Bill de Blasio" is "de Blasio"
    return " ".join(words[first:])


def is_standalone_form(key: str) -> bool:
    """Whether a key can be a person's short form: one word, "bin" and one word, or a
    surname with its particles ("de Blasio")."""
    words = key.split()
    if len(words) > 1 and words[-1] in _GENERATIONS:
        words = words[:-1]  # "Trump Jr."
    return len(words) == 1 or (len(words) == 2 and words[0] in _PATRONYMIC) or (
        len(words) > 1 and all(w in _SURNAME_PARTICLES for w in words[:-1]))


# One syllable of a romanised Chinese or Korean given name ("jin", "ping", "qiang", "jae",
# "yeol", "hye", "myung"): an initial, a vowel group, an optional final nasal or stop.
_ROMANISED_SYLLABLE = r"(?:ch|sh|zh|[bcdfghjklmnpqrstwxyz]{0,2})[aeiouy]{1,3}(?:ng|n|m|k|l|p|t|r)?"
_ROMANISED_GIVEN = re.compile(rf"(?:{_ROMANISED_SYLLABLE}){{1,2}}")


def is_romanised_given_name(word: str) -> bool:
    """Whether a word reads as one or two romanised Chinese or Korean syllables ("Jinping",
    "Jae", "in", "Yeol"), as a given name written after its family name does.

    >>> is_romanised_given_name("Jinping"), is_romanised_given_name("Darroch")
    (True, False)
    """
    return _ROMANISED_GIVEN.fullmatch(word.lower()) is not None


@cache
def _family_names_first() -> frozenset[str]:
    return frozenset(lexicon_lines("family_name_first.txt"))


def family_name_first(name: str) -> str | None:
    """The key of the family name of a Chinese or Korean name written family name first,
    which is what writers shorten it to ("Xi said" after "Xi Jinping"); None for other
    names. The given name must read as romanised syllables, so a Western name that opens
    with a word like "Lee" or "Kim" keeps its last word as its short form.

    >>> family_name_first("Xi Jinping"), family_name_first("Moon Jae-in")
    ('xi', 'mun')
    >>> family_name_first("Kim Jong Un"), family_name_first("Kim Darroch")
    ('kim', None)
    >>> family_name_first("Lee Anderson"), family_name_first("Andrew Yang")
    (None, None)
    """
    words = name.split()
    if not 2 <= len(words) <= 3 or words[0].lower() not in _family_names_first():
        return None
    pieces = [p for w in words[1:] for p in re.split(r"[-‐]", w)]
    if not pieces[0][:1].isupper():
        return None
    if not all(is_romanised_given_name(p) for p in pieces if p):
        return None
    return name_key(words[0])


def initials(text: str) -> str:
    """Upper-case initials of a multi-word name ("Popular Mobilization Units" -> "PMU")."""
    words = [w for w in re.split(r"[\s\-]+", text) if w and w[0].isalpha()]
    return "".join(w[0].upper() for w in words if w.lower() not in {"of", "and", "the", "for"})
