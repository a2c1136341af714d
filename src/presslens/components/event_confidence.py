"""The event confidence model, at the path callers used before it moved below the pipeline
(the store and the timeline read it without spaCy): see ``presslens.event_confidence``."""

from presslens.event_confidence import default_min_confidence, is_shown

__all__ = ["default_min_confidence", "is_shown"]
