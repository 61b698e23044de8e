"""Evidence that a name is a person's, or is not (kg.extract.person_evidence)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span


@pytest.mark.parametrize(("words", "start", "end", "expected"), [
    ("Livingston beat Falkirk".split(), 0, 1, True),
    ("Manchester United lost".split(), 0, 2, True),
    ("Houston Nutt lost".split(), 0, 2, False),  # a given name first: a person's name
    ("Jackson beat Smith".split(), 0, 1, False),
    ("Marta Quist won".split(), 0, 2, False),
])
def test_named_after_town(nlp, words, start, end, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.person_evidence import named_after_town

    doc = Doc(nlp.vocab, words=words)
    assert named_after_town(Span(doc, start, end, label="Person")) is expected


def _organisation(nlp, text: str, name: str) -> Span:
    """Return the first mention of ``name`` in ``text`` as a span labelled Organization."""
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    return Span(doc, start, start + len(name.split()), label="Organization")


@pytest.mark.parametrize(("text", "name", "listed"), [
    ("The cabinet: Anna Berg, Jonas Lie, Erik Dahl and Kari Nygaard were sworn in.",
     "Kari Nygaard", True),
    ("Shares of Halden Group, Solvik Energy and Brekke rose.", "Brekke", False),
])
def test_listed_with_persons(nlp, text, name, listed):
    from kg.extract.person_evidence import listed_with_persons

    assert listed_with_persons(_organisation(nlp, text, name)) is listed


@pytest.mark.parametrize(("words", "expected"), [
    ("H. Morris", True), ("K. Curran", True), ("B. Group", False), ("H. J. Heinz", False),
])
def test_initial_and_surname(nlp, words, expected):
    from spacy.tokens import Doc

    from kg.extract.person_evidence import initial_and_surname

    doc = Doc(nlp.vocab, words=words.split())
    assert initial_and_surname(doc[:]) is expected


@pytest.mark.parametrize(("words", "name", "disowned"), [
    ("Fans of Marek Katowice sang . Marek scored .", "Marek Katowice", True),  # a club
    ("Fans of Marek Katowice sang all night .", "Marek Katowice", False),
    ("Marta Sevilla voted no . Sevilla said the plan failed .", "Marta Sevilla", False),
    ("Bruno Europe opened an office in Lyon .", "Bruno Europe", True),  # a continent
    ("Tickets for Carter League Rugby sold out .", "Carter League Rugby", True),
    ("Nadia Brennet grew . Brennet shares rose 4 % .", "Nadia Brennet", True),
    ("Nadia Brennet grew . Shares of Brennet fell .", "Nadia Brennet", True),
    ("Nadia Brennet grew . Brennet said it was unfair .", "Nadia Brennet", False),
    ("Nadia Brennet grew . Brennet 's revenue doubled .", "Nadia Brennet", True),
    ("Nadia Brennet grew . Brennet said she would stay .", "Nadia Brennet", False),
    ("Nadia Brennet grew . Brennet 's shares were sold .", "Nadia Brennet", False),  # hers
])
def test_a_given_name_start_is_disowned_by_other_evidence(nlp, words, name, disowned):
    from spacy.tokens import Doc

    from kg.extract.person_evidence import _given_name_disowned, person_evidence

    doc = Doc(nlp.vocab, words=words.split())
    start = [t.text for t in doc].index(name.split()[0])
    span = Span(doc, start, start + len(name.split()), label="Organization")
    assert _given_name_disowned(span) is disowned
    assert person_evidence(span) is not disowned


@pytest.mark.parametrize(("words", "first", "used"), [
    ("Talvik shares fell .", "Talvik", True),
    ("Talvik 's revenue doubled .", "Talvik", True),
    ("Shares of Talvik fell .", "Talvik", True),
    ("Talvik 's shares were sold .", "Talvik", False),  # a holder's shares
    ("Talvik said it was unfair .", "Talvik", False),
])
def test_words_used_like_a_company(nlp, words, first, used):
    from spacy.tokens import Doc

    from kg.extract.person_evidence import _company_words

    doc = Doc(nlp.vocab, words=words.split())
    assert (first in _company_words(doc)) is used


@pytest.mark.parametrize(("words", "name", "ner", "label", "expected"), [
    # a noun of land or water opens a place's name, given name or not
    ("Boats sank on the River Osk and the Lake Velma .", "River Osk", "LOC", "Person", False),
    # a body's last word
    ("Funds came from Hanne Vik Foundation grants .", "Hanne Vik Foundation", "ORG", "Person",
     False),
    # initials in brackets abbreviate a body, not a person
    ("The lasers came from Orla Brenn Optics ( OBO ) .", "Orla Brenn Optics", "ORG",
     "Person", False),
    # no person after "the", unless the model says person
    ("The play opened at the Rosa Talvo arts centre .", "Rosa Talvo", "ORG", "Organization",
     False),
    # a place after a locative word
    ("The firm built a plant in Tam Binh last year .", "Tam Binh", "GPE", "Place", False),
    # coordinated only with organisations
    ("Corvane Holdings and Sophie Vidal advised the buyer .", "Sophie Vidal", "ORG",
     "Organization", False),
    # the same words around names the model reads as persons
    ("Boats sank near Hanne Vik and Jonas Berg .", "Hanne Vik", "PERSON", "Person", True),
    ("Voters in Mai Lan backed Sophie Vidal .", "Sophie Vidal", "PERSON", "Person", True),
    # coordinated with a name opening with a given name: two persons the model missed
    ("Sophie Vidal and Hanne Vik scored .", "Hanne Vik", "ORG", "Organization", True),
    ("Rosa Talvo ( 34 ) won .", "Rosa Talvo", "PERSON", "Person", True),
])
def test_a_name_opening_with_a_given_name_can_be_named_like_no_person(
        nlp, words, name, ner, label, expected):
    from spacy.tokens import Doc

    from kg.extract.person_evidence import person_evidence

    doc = nlp(Doc(nlp.vocab, words=words.split()))
    tokens = [t.text for t in doc]
    start = tokens.index(name.split()[0])
    end = start + len(name.split())
    ents = [Span(doc, start, end, label=ner)]
    if tokens[2] == "and" and start != 0:  # the first of two coordinated names
        ents.append(Span(doc, 0, 2, label="ORG"))
    doc.ents = ents
    assert person_evidence(Span(doc, start, end, label=label)) is expected


def _line_doc(nlp, text: str, persons: list[str], orgs: list[str]):
    """Return ``text`` tokenised, with the names given labelled as the model would."""
    doc = nlp.make_doc(text)
    spans = [doc.char_span(text.index(n), text.index(n) + len(n), label="PERSON")
             for n in persons]
    spans += [doc.char_span(text.index(n), text.index(n) + len(n), label="ORG") for n in orgs]
    doc.ents = spans
    return doc


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Rovers: Ann Berg; Jon Lie, Kari Nygaard, Ola Dahl; Tor Vik.\n", "Ola Dahl", True),
    # the club before the colon and a club in brackets are no persons
    ("Rovers: Ann Berg; Jon Lie, Kari Nygaard, Ola Dahl; Tor Vik.\n", "Rovers", False),
    ("Forwards: Ann Berg (Alton), Jon Lie (Brill), Kari Nygaard (Crale)\n", "Brill", False),
    # prose, not list marks around the name
    ("Ann Berg, Jon Lie and Kari Nygaard met Ola Dahl on Monday.\n", "Ola Dahl", False),
    # a dateline opening prose: the line is no list
    ("ALTON, Norway — A late goal from Ann Berg gave Jon Lie, Kari Nygaard and Tor Vik the "
     "cup.\n", "ALTON", False),
    # too few other persons on the line
    ("Rovers: Ann Berg; Jon Lie, Ola Dahl.\n", "Ola Dahl", False),
    # the full stop that ends the line ends its last name, at the end of the text too
    ("Rovers: Ann Berg; Jon Lie, Kari Nygaard, Tor Vik, Ola Dahl.\nReferee: Per Holm.\n",
     "Ola Dahl", True),
    ("Rovers: Ann Berg; Jon Lie, Kari Nygaard, Tor Vik, Ola Dahl.", "Ola Dahl", True),
    # a full stop inside a line ends a sentence, not a list
    ("Rovers: Ann Berg; Jon Lie, Kari Nygaard, Tor Vik, Ola Dahl. Then it rained.\n",
     "Ola Dahl", False),
])
def test_a_name_in_a_line_of_persons(nlp, text, name, expected):
    from kg.extract.person_evidence import in_line_of_persons

    persons = [n for n in ("Ann Berg", "Jon Lie", "Kari Nygaard", "Tor Vik") if n in text]
    clubs = [n for n in ("Rovers", "Alton", "Brill", "Crale") if n in text and n != name]
    doc = _line_doc(nlp, text, persons, clubs)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="Organization")
    assert in_line_of_persons(span) is expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a city first and no title: the city's newspaper, no person
    ("The Houston Chronicle reported the vote on Monday.", "Houston Chronicle", True),
    # a title in apposition says the name is a person's, though "Lucas" is a town too
    ("Its president, Lucas Moreno, told reporters the harvest was late.", "Lucas Moreno",
     False),
    ("The bank's chairman, Victoria Hale, resigned on Friday.", "Victoria Hale", False),
])
def test_a_city_first_word_says_no_person_unless_a_title_does(nlp, text, name, expected):
    from kg.extract.person_evidence import _city_first_word

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="Organization")
    assert _city_first_word(span) is expected


@pytest.mark.parametrize(("text", "name", "first_word_is_a_city"), [
    # joined by "and" to a person's full name: the city's name is a given name here
    ("The film stars Maria Santos and Paco Dizon as twins.", "Paco Dizon", False),
    # no person beside it, or "the" before it: a newspaper or a club named after the city
    ("The report ran in the Houston Ledger on Monday.", "Houston Ledger", True),
    ("Maria Santos and the Houston Ledger sued the city.", "Houston Ledger", True),
    # two names of one kind ending alike: schools, not people
    ("The board voted to close Lincoln Elementary and Garfield Elementary in June.",
     "Lincoln Elementary", True),
])
def test_a_city_first_name_joined_to_a_person(nlp, text, name, first_word_is_a_city):
    from kg.extract.person_evidence import _city_first_word

    assert _city_first_word(_organisation(nlp, text, name)) is first_word_is_a_city


@pytest.mark.parametrize(("text", "name", "expected"), [
    # a province or state whose first word is also a given name: a place by its whole name
    ("Flood warnings spread across Nova Scotia on Sunday.", "Nova Scotia", "Place"),
    ("Farmers in Santa Fe said the rain came late.", "Santa Fe", "Place"),
    # a given name and a surname are still a person's
    ("Nova Lindqvist said the rain came late.", "Nova Lindqvist", "Person"),
])
def test_a_region_named_like_a_person_is_a_place(extract, text, name, expected):
    assert {e.type for e in extract(text).entities if e.name == name} == {expected}


@pytest.mark.parametrize(("words", "ents", "start", "end", "expected"), [
    # a title or honorific before the name
    ("Dr Okafor spoke .", None, 1, 2, True),
    ("DR Congo extends quotas .", None, 1, 2, False),  # a country's initials, no title
    # a given name and a surname
    ("Police met Amir Tosun there .", None, 2, 4, True),
    # a settlement's noun after the given name: a town's or a club's name
    ("Police in Amir Town said .", None, 2, 4, False),
    ("Tickets for Lion City Sailors sold .", None, 2, 5, False),
    # a given name the model labels a site alone elsewhere: the site's name
    ("Races at Zara Downs today . Racing at Zara resumes .",
     ["O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-FAC", "O", "O"], 2, 4, False),
    ("Races at Zara Downs today . Racing at Zara resumes .",
     ["O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-PERSON", "O", "O"], 2, 4, True),
])
def test_person_evidence_words_around_the_name(nlp, words, ents, start, end, expected):
    from spacy.tokens import Doc

    from kg.extract.person_evidence import person_evidence

    doc = Doc(nlp.vocab, words=words.split(), ents=ents)
    assert person_evidence(Span(doc, start, end, label="Person")) is expected


@pytest.mark.parametrize(("words", "person"), [
    ("Philippine Evening Courier", False),  # "Philippine", a given name, is the adjective
    ("Haitian Cable Network", False),
    ("Philippa Evenson Courier", True),
])
def test_a_name_a_country_s_adjective_opens_is_no_person(nlp, words, person):
    from spacy.tokens import Doc, Span

    from kg.extract.person_evidence import person_evidence

    doc = Doc(nlp.vocab, words=f"By Ana Roe , {words} .".split())
    assert person_evidence(Span(doc, 4, 7, label="Organization")) is person
