"""Cross-article actor linking and alias files."""

from __future__ import annotations

import pytest

from kg.link import ActorLinker, AliasFileError, load_aliases, remap_ids
from kg.model import Article, Entity, Event, Extraction, Mention, Participant, Stance, Statement


def _person(name: str, aliases: tuple[str, ...] = ()) -> Entity:
    from kg.model import entity_id

    return Entity(entity_id("Person", name), name, "Person", aliases,
                  (Mention(name, 0, len(name), 0),))


def _extraction(article_id: str, *entities: Entity) -> Extraction:
    speaker = entities[0]
    statement = Statement(
        id="s1", quote="We will talk.", kind="direct", speaker=speaker.name,
        speaker_id=speaker.id, cue="said", date=None, date_precision=None,
        about=tuple(e.name for e in entities[1:]), about_ids=tuple(e.id for e in entities[1:]),
        mention=Mention("We will talk.", 0, 13, 0), sentence_text="x",
        stances=tuple(Stance(e.id, "negative") for e in entities[1:]))
    return Extraction(Article(article_id, "t", "text"), entities=entities,
                      statements=(statement,))


KNOWN = [{"id": "person/volodymyr-zelenskyy", "name": "Volodymyr Zelenskyy", "type": "Person",
          "aliases": ["Zelenskyy"]}]


@pytest.mark.parametrize(
    ("name", "rule"),
    [("Zelenskyy", "alias"), ("Zelensky", "surname"), ("Volodymyr Zelensky", "transliteration"),
     ("Volodymyr Zelenskyy", "same-name")],
)
def test_person_links_to_known_actor(name, rule):
    linker = ActorLinker(KNOWN)
    target, why = linker.target(_person(name))
    assert (target, why) == ("person/volodymyr-zelenskyy", rule)


def test_unrelated_person_is_new():
    assert ActorLinker(KNOWN).target(_person("Olena Zelenska")) == (None, "")


def test_link_rewrites_ids_everywhere_and_logs():
    linker = ActorLinker(KNOWN)
    x = _extraction("a2", _person("Zelensky"), _person("Marco Rubio"))
    linked = linker.link(x)
    assert linked.entities[0].id == "person/volodymyr-zelenskyy"
    assert linked.entities[0].name == "Volodymyr Zelenskyy"
    assert "Zelensky" in linked.entities[0].aliases
    assert linked.statements[0].speaker_id == "person/volodymyr-zelenskyy"
    assert linked.statements[0].speaker == "Volodymyr Zelenskyy"
    assert [(r.surface, r.rule) for r in linker.log] == [("Zelensky", "surname")]


def test_linker_learns_from_earlier_articles():
    linker = ActorLinker()
    linker.link(_extraction("a1", _person("Kaja Kallas")))
    linked = linker.link(_extraction("a2", _person("Kallas")))
    assert linked.entities[0].id == "person/kaja-kallas"


def test_alias_file_merge_and_split(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,canonical,type,action\n"
                    "Volodymyr Zelenskyy,Volodymyr Zelenskyy,Person,split\n"
                    "Ze,Volodymyr Zelenskyy,Person,merge\n", encoding="utf-8")
    rules = load_aliases(path)
    linker = ActorLinker(KNOWN, rules)
    assert linker.target(_person("Ze")) == ("person/volodymyr-zelenskyy", "alias-file")
    assert linker.target(_person("Volodymyr Zelenskyy")) == (None, "split")


@pytest.mark.parametrize("content", ["alias,canonical,type\nZe,,Person\n",
                                     "alias,canonical,type,action\nZe,X,Person,explode\n"])
def test_bad_alias_file(tmp_path, content):
    path = tmp_path / "a.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError, match="a.csv: line 2"):
        load_aliases(path)


def test_remap_merges_two_entities_of_one_article():
    x = _extraction("a1", _person("Volodymyr Zelenskyy"), _person("Zelensky"))
    merged = remap_ids(x, {"person/zelensky": "person/volodymyr-zelenskyy"})
    assert [e.id for e in merged.entities] == ["person/volodymyr-zelenskyy"]
    assert len(merged.entities[0].mentions) == 2


def test_full_name_after_bare_surname_joins_it():
    linker = ActorLinker()
    linker.link(_extraction("a1", _person("Tavares")))
    linked = linker.link(_extraction("a2", _person("Rui Tavares")))
    assert linked.entities[0].id == "person/tavares"
    assert linked.entities[0].name == "Rui Tavares"


def test_surname_with_particle_links_to_full_name():
    linker = ActorLinker([{"id": "person/pieter-van-acker", "name": "Pieter Van Acker",
                           "type": "Person", "aliases": []}])
    assert linker.target(_person("Van Acker")) == ("person/pieter-van-acker", "surname")


# --- events across articles -------------------------------------------------------------------


def _event(type_: str, date: str, precision: str, basis: str, *actors: str) -> Event:
    return Event(id=f"{type_}-{date}-{basis}", date=date, date_precision=precision, type=type_,
                 label="x", trigger="x",
                 participants=tuple(Participant(a, a, "agent") for a in actors), places=(),
                 mention=Mention("x", 0, 1, 0), sentence_text="x", date_text="Tuesday",
                 date_basis=basis)


def _report(article_id: str, published: str, *events) -> Extraction:
    return Extraction(Article(article_id, "t", "text", published=published), events=events)


DATED = _report("a1", "2025-03-12",
                _event("attack", "2025-03-11", "day", "text", "country/russia"))


@pytest.mark.parametrize(("undated", "linked"), [
    # same type, shared actor, a day before the report: the same event
    (_report("a2", "2025-03-12", _event("attack", "2025-03-12", "fuzzy", "publication",
                                        "country/russia", "place/kyiv")), True),
    (_report("a2", "2025-03-14", _event("attack", "2025-03-14", "fuzzy", "publication",
                                        "country/russia")), True),
    # another type, no shared actor, too long before, after the report: separate events
    (_report("a2", "2025-03-12", _event("meet", "2025-03-12", "fuzzy", "publication",
                                        "country/russia")), False),
    (_report("a2", "2025-03-12", _event("attack", "2025-03-12", "fuzzy", "publication",
                                        "country/iran")), False),
    (_report("a2", "2025-03-20", _event("attack", "2025-03-20", "fuzzy", "publication",
                                        "country/russia")), False),
    (_report("a2", "2025-03-10", _event("attack", "2025-03-10", "fuzzy", "publication",
                                        "country/russia")), False),
    # a day only inferred from the report ("has struck") yields to a date another article gives
    (_report("a2", "2025-03-12", _event("attack", "2025-03-12", "day", "publication",
                                        "country/russia")), True),
    # a dated report stays as it is
    (_report("a2", "2025-03-12", _event("attack", "2025-03-09", "day", "text",
                                        "country/russia")), False),
])
def test_undated_report_takes_the_date_of_the_same_event(undated, linked):
    from kg.link import EventLinker

    out = EventLinker().link_batch([undated, DATED])[0].events[0]
    if linked:
        assert (out.id, out.date, out.date_precision, out.date_basis) == (
            DATED.events[0].id, "2025-03-11", "day", "linked")
    else:
        assert out == undated.events[0]


def _with_entities(extraction: Extraction) -> Extraction:
    """Return an extraction whose event actors exist as entities (as the pipeline makes them)."""
    from dataclasses import replace

    from kg.model import Entity

    ids = {p.entity_id for e in extraction.events for p in e.participants}
    return replace(extraction, entities=tuple(
        Entity(i, i.split("/")[1].title(), "Country", (), (Mention("x", 0, 1, 0),))
        for i in sorted(ids)))


@pytest.mark.parametrize(("known", "name", "linked"), [
    ("Mazar-e-Sharif", "Mazar-i-Sharif", True),      # one place, two transliterations
    ("East Sussex", "West Sussex", False),           # another first word: another place
    ("Springfield", "Springfield Gardens", False),   # too different
    ("Oslo", "Osla", False),                         # too short to tell
])
def test_place_links_across_spellings(known, name, linked):
    from kg.model import entity_id

    place = Entity(entity_id("Place", known), known, "Place", (), ())
    linker = ActorLinker([{"id": place.id, "name": known, "type": "Place"}])
    target, rule = linker.target(Entity(entity_id("Place", name), name, "Place", (), ()))
    assert (target, rule) == ((place.id, "transliteration") if linked else (None, ""))


REPORTED = _report("a3", "2025-03-12",
                   _event("attack", "2025-03-12", "day", "publication", "country/russia"))


@pytest.mark.parametrize(("undated", "linked"), [
    # a report with no day takes the day another report's present-tense lede gives
    (_report("a2", "2025-03-13", _event("attack", "2025-03-13", "fuzzy", "publication",
                                        "country/russia")), True),
    # a report with a day of its own keeps it: a guess does not replace a guess
    (_report("a2", "2025-03-13", _event("attack", "2025-03-13", "day", "publication",
                                        "country/russia")), False),
])
def test_reported_day_dates_only_reports_without_one(undated, linked):
    from kg.link import EventLinker

    out = EventLinker().link_batch([undated, REPORTED])[0].events[0]
    assert (out.date, out.date_basis) == (("2025-03-12", "linked") if linked
                                          else (undated.events[0].date, "publication"))


def test_text_date_wins_over_a_reported_day():
    from kg.link import EventLinker

    undated = _report("a2", "2025-03-13", _event("attack", "2025-03-13", "fuzzy",
                                                 "publication", "country/russia"))
    out = EventLinker().link_batch([undated, REPORTED, DATED])[0].events[0]
    assert (out.id, out.date) == (DATED.events[0].id, "2025-03-11")


def test_full_name_is_not_merged_through_its_bare_surname_alias():
    linker = ActorLinker([{"id": "person/tim-scott", "name": "Tim Scott", "type": "Person",
                           "aliases": ["Scott"]}])
    assert linker.target(_person("Rakeyia Scott", ("Scott",))) == (None, "")


@pytest.mark.parametrize(("known", "later", "name"), [
    ("Rahimi", "Amina Rahimi", "Amina Rahimi"),             # a full name labels a surname
    ("Donald Trump", "Rip Donald Trump", "Donald Trump"),   # a longer full name does not
])
def test_longer_name_relabels_only_a_bare_surname(known, later, name):
    linker = ActorLinker()
    first = linker.link(_extraction("a1", _person(known)))
    second = linker.link(_extraction("a2", _person(later)))
    assert second.entities[0].id == first.entities[0].id
    assert linker.names[first.entities[0].id] == name


def _dated(article_id: str, event_id: str, type_: str, day: str, actors: tuple[str, ...],
           places: tuple[str, ...] = (), modality: str = "asserted") -> Extraction:
    from dataclasses import replace

    event = replace(_event(type_, day, "day", "text", *actors), id=event_id,
                    places=tuple(Participant(p, p, "place") for p in places),
                    modality=modality)
    return _report(article_id, day, event)


@pytest.mark.parametrize(("second", "one"), [
    # same type and day, a shared participant: one happening told by two articles
    (_dated("b", "id-b", "sign", "2025-05-02", ("country/chile", "country/peru")), True),
    # another day, another type, no shared participant, other places, negated: two events
    (_dated("b", "id-b", "sign", "2025-05-03", ("country/chile",)), False),
    (_dated("b", "id-b", "meet", "2025-05-02", ("country/chile",)), False),
    (_dated("b", "id-b", "sign", "2025-05-02", ("country/peru",)), False),
    (_dated("b", "id-b", "sign", "2025-05-02", ("country/chile",), ("place/quito",)), False),
    (_dated("b", "id-b", "sign", "2025-05-02", ("country/chile",), (), "negated"), False),
])
def test_dated_events_of_two_articles_share_one_id(second, one):
    from kg.link import EventLinker

    first = _dated("a", "id-a", "sign", "2025-05-02", ("country/chile",), ("place/lima",))
    a, b = EventLinker().link_batch([first, second])
    assert (a.events[0].id == b.events[0].id) is one
    assert a.events[0].id == "id-a"  # the smaller id is kept by both


def _main_report(article_id: str, published: str, day: str, sentence: str,
                 date_text: str, main: bool = True) -> Extraction:
    from dataclasses import replace

    event = replace(_event("resign", day, "day", "text", "person/ana-vidal"),
                    id=f"id-{article_id}", sentence_text=sentence, date_text=date_text,
                    main=main)
    return _report(article_id, published, event)


LATER = _main_report("later", "2025-06-20", "2025-06-09",
                     "On June 9, Ana Vidal resigned from the board.", "June 9")


@pytest.mark.parametrize(("report", "linked"), [
    # a title dated only by the dateline below it: the resignation another article dates
    (_main_report("title", "2025-06-10", "2025-06-10", "Ana Vidal resigns",
                  "June 10, 2025"), True),
    # a date of its own sentence, or not the main event: the report's own day stands
    (_main_report("own", "2025-06-10", "2025-06-10", "Ana Vidal resigned on June 10, 2025",
                  "June 10, 2025"), False),
    (_main_report("side", "2025-06-10", "2025-06-10", "Ana Vidal resigns", "June 10, 2025",
                  main=False), False),
    # beyond the days before its report
    (_main_report("late", "2025-06-14", "2025-06-14", "Ana Vidal resigns",
                  "June 14, 2025"), False),
])
def test_main_event_dated_by_its_dateline_takes_the_dated_report(report, linked):
    from kg.link import EventLinker

    out, _ = EventLinker().link_batch([report, LATER])
    ev = out.events[0]
    assert (ev.id == "id-later" and ev.date == "2025-06-09") is linked


def _day_report(article_id: str, day: str, *actors: str) -> Extraction:
    return _report(article_id, "2025-03-14", _event("attack", day, "day", "text", *actors))


@pytest.mark.parametrize(("others", "day"), [
    # the day most articles give wins over a later day one article gives
    ([_day_report("b1", "2025-03-11", "country/russia"), _day_report("b2", "2025-03-11", "country/russia"),
      _day_report("b3", "2025-03-12", "country/russia")], "2025-03-11"),
    # the same, whichever order the reports come in
    ([_day_report("b3", "2025-03-12", "country/russia"), _day_report("b1", "2025-03-11", "country/russia"),
      _day_report("b2", "2025-03-11", "country/russia")], "2025-03-11"),
    # a tie goes to the latest day
    ([_day_report("b1", "2025-03-11", "country/russia"), _day_report("b3", "2025-03-12", "country/russia")],
     "2025-03-12"),
])
def test_an_undated_report_takes_the_day_most_reports_give(others, day):
    from kg.link import EventLinker

    undated = _report("a2", "2025-03-14", _event("attack", "2025-03-14", "fuzzy",
                                                 "publication", "country/russia"))
    out = EventLinker().link_batch([undated, *others])[0].events[0]
    assert (out.date, out.date_basis) == (day, "linked")


@pytest.mark.parametrize("texts", [("Thursday", "Nov. 10, 2016"), ("Nov. 10, 2016", None)])
def test_the_event_a_report_takes_does_not_depend_on_the_order_of_candidates(texts):
    """One article may report an event of one id twice, dated by two texts of one day: the
    report takes the same one whichever comes first (the order of an index's rows or of a
    set of actors differs between processes)."""
    from kg.link import KnownEvent, best_event

    actors = frozenset({"person/a", "place/b"})
    first, second = (KnownEvent("event/1", "attack", "2016-11-10", actors, "art-1", text)
                     for text in texts)
    assert best_event([first, second], actors) == best_event([second, first], actors)
