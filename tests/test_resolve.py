from presslens.model import ArticleAnalysis, CorpusEntity, Mention, Source
from presslens.resolve.entities import (
    EntityResolver,
    LocalCluster,
    corpus_entities,
    resolve_articles,
)


def cluster(name, etype, *texts, known=False):
    mentions = [Mention(i * 10, i * 10 + len(t), t, etype) for i, t in enumerate(texts or [name])]
    return LocalCluster(name=name, type=etype, key="", mentions=mentions, known=known)


def article(i):
    return ArticleAnalysis(id=f"a{i}", source=Source(), text="")


def test_spellings_across_articles_share_an_id():
    resolver = EntityResolver()
    first = resolver.resolve(cluster("Mustafa al-Kadhimi", "PERSON"))
    assert resolver.resolve(cluster("Mustafa Al-Kadhimi", "PERSON")) == first
    assert resolver.resolve(cluster("Khadimi", "PERSON")) == first
    assert first == "mustafa-al-kadhimi"


def test_lone_surname_of_two_people_is_not_guessed():
    resolver = EntityResolver()
    ali = resolver.resolve(cluster("Ali al-Hakim", "PERSON"))
    ammar = resolver.resolve(cluster("Ammar al-Hakim", "PERSON"))
    lone = resolver.resolve(cluster("al-Hakim", "PERSON"))
    assert len({ali, ammar, lone}) == 3


def test_hard_negatives_stay_apart():
    resolver = EntityResolver()
    ids = {resolver.resolve(cluster(n, t)) for n, t in [
        ("Iraq", "GPE"), ("Iran", "GPE"), ("Mohammad Karim al-Saedi", "PERSON"),
        ("Saad al-Saadi", "PERSON"), ("Iraqi", "NORP")]}
    assert len(ids) == 5


def test_ids_do_not_depend_on_article_order():
    batch = [
        [cluster("Khadhimi", "PERSON")],
        [cluster("Mustafa al-Kadhimi", "PERSON", "Mustafa al-Kadhimi", "al-Kadhimi")],
        [cluster("Daesh", "ORG"), cluster("Deash", "ORG")],
    ]
    forward = resolve_articles([(article(i), c) for i, c in enumerate(batch)])
    backward = resolve_articles([(article(i), c) for i, c in reversed(list(enumerate(batch)))])
    ids_forward = {a.id: [e.id for e in a.entities] for a in forward}
    ids_backward = {a.id: [e.id for e in a.entities] for a in backward}
    assert ids_forward == ids_backward
    assert ids_forward["a0"] == ids_forward["a1"] == ["mustafa-al-kadhimi"]
    # Two local clusters of one actor become one article entity.
    assert len(forward[2].entities) == 1 and len(forward[2].entities[0].mentions) == 2


def test_resolver_seeded_from_known_entities_reuses_their_ids():
    known = [CorpusEntity("qasem-suleimani", "Qasem Suleimani", "PERSON",
                          ["Qasem Suleimani", "Suleimani"], 1, 2)]
    resolver = EntityResolver(known)
    assert resolver.resolve(cluster("Qassem Soleimani", "PERSON")) == "qasem-suleimani"
    assert resolver.resolve(cluster("Soleimani", "PERSON")) == "qasem-suleimani"


def test_minted_ids_are_unique_per_actor():
    resolver = EntityResolver()
    assert resolver.resolve(cluster("Georgia", "GPE")) == "georgia"
    assert resolver.resolve(cluster("Georgia", "NORP")) == "georgia-2"


def test_corpus_entity_records_count_articles_and_mentions():
    batch = [
        [cluster("Mustafa al-Kadhimi", "PERSON", "Mustafa al-Kadhimi", "Khadimi")],
        [cluster("Mustafa Al-Kadhimi", "PERSON")],
    ]
    articles = resolve_articles([(article(i), c) for i, c in enumerate(batch)])
    (record,) = corpus_entities(articles)
    assert record.articles == 2 and record.mentions == 3
    assert record.aliases == ["Khadimi", "Mustafa Al-Kadhimi", "Mustafa al-Kadhimi"]
    assert record.type == "PERSON"
