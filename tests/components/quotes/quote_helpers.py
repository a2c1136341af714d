"""Quotes of a small invented article, with speakers named, for the quote extractor's tests."""

from presslens.analysis import analyze


def quotes_of(nlp, text):
    """The article's quotes, with speakers resolved to corpus entity names."""
    corpus = analyze([text], nlp=nlp)
    (article,) = corpus.articles
    names = {e.id: e.name for e in corpus.entities}
    for quote in article.quotes:
        content = quote["content"]
        assert article.text[content["start"]:content["end"]] == content["text"]
        speaker = quote["speaker"]
        speaker["name"] = names.get(speaker["entity"])
        speaker["names"] = [names[i] for i in speaker.get("entities", []) if i in names]
    return article.quotes


def only(quotes, **expected):
    matching = [q for q in quotes if all(
        (q.get(k) if k in ("kind",) else q["speaker"].get(k)) == v
        for k, v in expected.items())]
    assert matching, (expected, quotes)
    return matching[0]
