"""SpeakerMentions: actor mentions added for speakers NER missed, written back on commit."""

import pytest
from spacy.tokens import Span

from kg.extract.actors import ACTORS_KEY
from kg.extract.quotes.speaker_mentions import SpeakerMentions, after_honorific
from kg.extract.resolve import EntityInfo


def _span_of(doc, text):
    start = doc.text.index(text)
    return doc.char_span(start, start + len(text))


def _missed(doc, text):
    """Take the actor mentions inside ``text`` and their actors out, as if NER had missed
    the name."""
    span = _span_of(doc, text)
    inside = [s for s in doc.spans[ACTORS_KEY] if s.start < span.end and s.end > span.start]
    doc.spans[ACTORS_KEY] = [s for s in doc.spans[ACTORS_KEY] if s not in inside]
    for s in inside:
        doc._.kg_entities.pop(s._.kg_entity, None)
    return span


def _with_mention(doc, text, label, id_):
    """Make ``text`` an actor mention of its own (a word NER took out of a longer name)."""
    words = _span_of(doc, text)
    span = Span(doc, words.start, words.end, label=label)
    span._.kg_entity = id_
    doc._.kg_entities[id_] = EntityInfo(id_, text, label)
    doc._.kg_entities[id_].surface[text] += 1
    doc.spans[ACTORS_KEY] = sorted([*doc.spans[ACTORS_KEY], span], key=lambda s: s.start)


def _mentions(doc):
    return [(s.text, s.label_, s._.kg_entity) for s in doc.spans[ACTORS_KEY]]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("The board met on Monday. Later, Tavita Fonoti spoke to reporters.", "Tavita Fonoti",
     "person/tavita-fonoti"),
    ("Deputy Mayor Dane Lisser declined to comment.", "Deputy Mayor Dane Lisser",
     "person/dane-lisser"),
])
def test_a_missed_speaker_name_becomes_a_person_mention_on_commit(nlp, text, name, expected):
    doc = nlp(text)
    _missed(doc, name)
    mentions = SpeakerMentions(doc)
    assert mentions.person_for_name(_span_of(doc, name)) == expected
    assert all(s._.kg_entity != expected for s in doc.spans[ACTORS_KEY])  # not before commit
    mentions.commit()
    person = doc._.kg_entities[expected]
    assert person.type == "Person"
    assert (person.name, "Person", expected) in _mentions(doc)


def test_an_organisation_name_takes_in_the_country_inside_it(nlp):
    doc = nlp("Priorities USA Action said the advert would run in Ohio.")
    _missed(doc, "Priorities USA Action")
    _with_mention(doc, "USA", "Country", "country/united-states")
    mentions = SpeakerMentions(doc)
    id_ = mentions.organization_for_name(_span_of(doc, "Priorities USA Action"))
    mentions.commit()
    assert id_ == "organization/priorities-usa-action"
    assert _mentions(doc) == [("Priorities USA Action", "Organization", id_),
                              ("Ohio", "Place", "place/ohio")]
    assert "country/united-states" not in doc._.kg_entities  # no mention and no role left


def test_add_entity_is_idempotent(nlp):
    doc = nlp("Oslo warned on Friday.")
    mentions = SpeakerMentions(doc)
    first = mentions.add_entity("Country", "Norway", "NO")
    again = mentions.add_entity("Country", "Norway")
    assert first == again == "country/norway"
    assert doc._.kg_entities[first].country_code == "NO"


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Mr. Halloran said no.", "Halloran", True),
    ("Dr Okafor agreed.", "Okafor", True),
    ("Halloran said no.", "Halloran", False),
])
def test_after_honorific(nlp, text, name, expected):
    doc = nlp(text)
    assert after_honorific(_span_of(doc, name)) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Coordinating Minister", True),
    ("Excellency", True),
    ("Major General", True),
    ("Counsel", True),
    ("Senior Minister", True),
    ("Minister Ana Roe", False),
    ("Ana Roe", False),
    ("Justice Department", False),
])
def test_is_title_alone(name, expected):
    from kg.extract.quotes.speaker_mentions import is_title_alone

    assert is_title_alone(name) is expected


@pytest.mark.parametrize(("text", "speaker"), [
    # a title the model reads as a person is no speaker: the name beside it is
    ('The Minister of Finance and Coordinating Minister of the Economy, Dr. Ngozi Ada Obi, '
     'had told the committee that revenue would rise.', "person/ngozi-ada-obi"),
    # a style of address alone names nobody: the quote keeps only its description
    ('Q: Will they move us?\n\nA: No. His Excellency the President has said clearly, "No '
     'family will be left behind."', None),
])
def test_a_title_alone_is_never_the_speaker(text, speaker):
    from kg.nlp import load_pipeline

    doc = load_pipeline()(text)
    assert [s.speaker_id for s in doc._.kg_statements] == [speaker]
