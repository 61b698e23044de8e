"""Persons NER ran together with the office before them (kg/extract/titled_names.py)."""

import pytest
from spacy.tokens import Span


def _ent(doc, words, label="ORG"):
    """Return the span of ``words`` (a space-separated run of tokens) in ``doc``."""
    parts = words.split()
    for i in range(len(doc) - len(parts) + 1):
        if [t.text for t in doc[i:i + len(parts)]] == parts:
            return Span(doc, i, i + len(parts), label=label)
    raise AssertionError(words)


@pytest.mark.parametrize(("words", "ent", "expected"), [
    # a capitalised office named with "for", its field, then the holder
    ("Minister for Housing Nora Quill said homes were built .", "Housing Nora Quill",
     ("Nora Quill", "PERSON")),
    ("Commissioner for Transportation Ade Bellowe said so .", "Transportation Ade Bellowe",
     ("Ade Bellowe", "PERSON")),
    ("Member for Tarrow Ines Kettle said so .", "Tarrow Ines Kettle", ("Ines Kettle", "PERSON")),
    # a field of two words: the name starts at the given name
    ("Minister for Foreign Affairs Vivian Oduya said so .", "Foreign Affairs Vivian Oduya",
     ("Vivian Oduya", "PERSON")),
    # a lower-case job names an employer: the body stays whole
    ("A spokesman for Royal Dutch Shell said so .", "Royal Dutch Shell",
     ("Royal Dutch Shell", "ORG")),
    # a body's name after the field: no person
    ("Minister for Energy Grid Holdings Group spoke .", "Energy Grid Holdings Group",
     ("Energy Grid Holdings Group", "ORG")),
    # no office before "for"
    ("Funds for Harbour Ana Mendes Trust arrived .", "Harbour Ana Mendes Trust",
     ("Harbour Ana Mendes Trust", "ORG")),
])
def test_person_after_office_field(nlp, words, ent, expected):
    from kg.extract.titled_names import person_after_office_field

    doc = nlp(words.replace(" .", "."))
    cut = person_after_office_field(_ent(doc, ent))
    assert (cut.text, cut.label_) == expected


@pytest.mark.parametrize(("text", "ent", "expected"), [
    # the seat a gazetteer knows is kept as a place
    ("Member for Kalgoorlie Ines Kettle said so.", "Kalgoorlie Ines Kettle",
     ("Kalgoorlie", "Place")),
    # a field that names no place is no actor
    ("Minister for Housing Nora Quill said so.", "Housing Nora Quill", None),
])
def test_office_field_place(nlp, text, ent, expected):
    from kg.extract.titled_names import office_field_place, person_after_office_field

    span = _ent(nlp(text), ent)
    field = office_field_place(span, person_after_office_field(span))
    got = None if field is None else (field.text, field.label_)
    assert got == expected
