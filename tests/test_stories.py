"""Stories: retellings across outlets joined, other stories kept apart, new articles placed."""

from presslens.analysis import analyze
from presslens.ingest import article_from_record
from presslens.stories import assign, group_stories


def article(text, outlet, published):
    return article_from_record({"text": text, "outlet": outlet, "published": published})


STRIKE_A = article("A US drone strike near Baghdad airport killed Qasem Soleimani and Abu "
                   "Mahdi al-Muhandis on Friday, the Pentagon said.", "Wire", "2020-01-03")
STRIKE_B = article("Iran vowed revenge after an American drone killed General Qassem "
                   "Suleimani and al-Muhandis at Baghdad International Airport.", "Noor",
                   "2020-01-04")
VOTE_A = article("Iraq's parliament voted on Sunday to expel foreign troops, a non-binding "
                 "resolution backed by Shia lawmakers in Baghdad.", "Wire", "2020-01-05")
VOTE_B = article("Lawmakers in Baghdad passed a resolution urging the government to expel "
                 "all foreign forces from Iraq, the parliament's speaker said.", "Courier",
                 "2020-01-06")
FLOOD = article("Floods in Jakarta killed dozens of people and forced thousands from their "
                "homes, Indonesian officials said on Thursday.", "Wire", "2020-01-02")


def test_retellings_join_and_other_stories_stay_apart(nlp):
    corpus = analyze([STRIKE_A, STRIKE_B, VOTE_A, VOTE_B, FLOOD], nlp=nlp)
    stories = group_stories(corpus.articles)
    groups = {frozenset(s.articles) for s in stories}
    assert frozenset({STRIKE_A.id, STRIKE_B.id}) in groups
    assert frozenset({FLOOD.id}) in groups


def test_articles_far_apart_in_time_are_never_one_story(nlp):
    later = article("A US drone strike near Baghdad airport killed Qasem Soleimani and Abu "
                    "Mahdi al-Muhandis on Friday, the Pentagon said again.", "Echo",
                    "2020-06-03")
    corpus = analyze([STRIKE_A, later], nlp=nlp)
    assert len(group_stories(corpus.articles)) == 2


def test_new_articles_join_the_stories_already_formed(nlp):
    first = analyze([STRIKE_A, FLOOD], nlp=nlp)
    stories = group_stories(first.articles)
    both = analyze([STRIKE_A, FLOOD, STRIKE_B], nlp=nlp)
    known = [a for a in both.articles if a.id != STRIKE_B.id]
    new = [a for a in both.articles if a.id == STRIKE_B.id]
    updated = assign(stories, known, new)
    assert [s.id for s in updated[:len(stories)]] == [s.id for s in stories]
    (strike,) = [s for s in updated if STRIKE_A.id in s.articles]
    assert STRIKE_B.id in strike.articles


def test_story_figures_do_not_regress():
    from presslens.eval.documents import load_annotations
    from presslens.eval.stories import DEFAULT_GOLD, evaluate_stories

    scores = evaluate_stories(load_annotations(DEFAULT_GOLD, "dev"))
    if scores.missing:
        import pytest

        pytest.skip("../shared is not beside the checkout: figures are not comparable")
    assert scores.bcubed.precision >= 0.9 and scores.bcubed.f1 >= 0.85
