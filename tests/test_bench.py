"""`presslens bench` runs on the pipeline as it is, components before the parser included."""

from presslens.bench import run_bench
from presslens.ingest import article_from_record


def test_bench_times_only_components_after_spacy_and_runs_to_the_end():
    articles = [article_from_record({"text": f"A caption {n}\n\nThe minister said on Monday "
                                             "that talks would resume.", "title": "T"})
                for n in range(3)]
    result = run_bench(articles)
    assert result.articles == 3 and result.full_seconds > 0
    assert "presslens_paragraph_breaks" not in result.component_seconds
    assert result.component_seconds  # the extractors after the parser are timed
