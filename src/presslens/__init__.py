"""presslens: who said what, who did what to whom and when, and how the outlet framed it.

>>> import presslens
>>> corpus = presslens.analyze(["Mustafa al-Kadhimi met Joe Biden."])  # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Where each public name lives. They are imported on first use, so that importing the package
# or its records does not load spaCy and the pipeline.
_EXPORTS = {
    "ArticleAnalysis": "presslens.model",
    "Corpus": "presslens.model",
    "CorpusEntity": "presslens.model",
    "InputProblem": "presslens.model",
    "analyze": "presslens.analysis",
    "analyze_paths": "presslens.analysis",
    "load_pipeline": "presslens.nlp",
}

__all__ = ["ArticleAnalysis", "Corpus", "CorpusEntity", "InputProblem", "__version__",
           "analyze", "analyze_paths", "load_pipeline"]

if TYPE_CHECKING:
    from presslens.analysis import analyze, analyze_paths
    from presslens.model import ArticleAnalysis, Corpus, CorpusEntity, InputProblem
    from presslens.nlp import load_pipeline


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'presslens' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    # Kept on the package, so the next lookup does not come here.
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
