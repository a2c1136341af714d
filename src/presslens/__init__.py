"""presslens: who said what, who did what to whom and when, and how the outlet framed it.

>>> import presslens
>>> corpus = presslens.analyze(["Mustafa al-Kadhimi met Joe Biden."])  # doctest: +SKIP
"""

from presslens.analysis import analyze, analyze_paths
from presslens.model import ArticleAnalysis, Corpus, CorpusEntity, InputProblem
from presslens.nlp import load_pipeline

__version__ = "0.1.0"

__all__ = ["ArticleAnalysis", "Corpus", "CorpusEntity", "InputProblem", "__version__",
           "analyze", "analyze_paths", "load_pipeline"]
