"""Event clauses: the trigger of a clause, its type, and its agents, targets and places."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.dates import DateInfo
from kg.lexicon.events import (
    EVENT_LEMMAS,
    EVENT_PARTICLES_CANCELLING,
    EVENT_PARTICLES_NEEDED,
    THEME_SUBJECT_VERBS,
    VERB_ONLY_LEMMAS,
)
from kg.lexicon.modality import OBJECT_CONTROL_VERBS
from kg.lexicon.speech import SPEECH_VERBS

_PLACE_TYPES = ("Place", "Country")
_PLACE_PREPS = frozenset("in at near outside inside across into over throughout around".split())
_TARGET_PREPS = frozenset("on against with to upon toward towards".split())


def event_type(token: Token) -> str | None:
    """Return the event type of a trigger token by its lemma, or ``None`` (also for a noun
    whose verb alone is a happening: "changed its name" is no appointment)."""
    lemma = token.lemma_.lower()
    if lemma in VERB_ONLY_LEMMAS and token.pos_ not in ("VERB", "AUX"):
        return None
    if not _particle_fits(token, lemma):
        return None
    return EVENT_LEMMAS.get(lemma) or EVENT_LEMMAS.get(token.lower_)


@rule("particle_event_type", off=True)
def _particle_fits(token: Token, lemma: str) -> bool:
    """Return whether a verb's particle lets it name its event: "stepped down" resigns,
    "stepped up checks" and "stepped out of his car" do not; "backed down" is no support."""
    words = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")}
    needed = EVENT_PARTICLES_NEEDED.get(lemma)
    if needed is not None and not words & needed:
        return False
    return not words & EVENT_PARTICLES_CANCELLING.get(lemma, frozenset())


def _clause_root(root: Token) -> Token:
    """Return the clause that carries the event: the content of "X said (that) <clause>", or
    the finite clause a bare participle was parsed over ("Divers have found a wreck, the
    oldest ever recovered": "recovered" has no auxiliary, "have found" is the clause)."""
    if root.lemma_.lower() in SPEECH_VERBS and event_type(root) in (None, "other", "announce"):
        for child in root.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                return child
    if root.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        for child in root.children:
            if child.dep_ == "ccomp" and child.i < root.i and _finite(child):
                return child
    return root


def _finite(verb: Token) -> bool:
    """Return whether a verb heads a finite clause: a tensed form or one with an auxiliary."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)


def _nominal(token: Token) -> bool:
    """Return whether a token is a noun, or a gerund used as one ("Seattle shooting leaves
    five hurt": no subject or object of its own)."""
    return token.pos_ == "NOUN" or (token.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "dobj", "obj", "aux") for c in token.children))


def _trigger(root: Token, any_verb: bool = False) -> tuple[Token, str] | None:
    """Return the event trigger of a clause: an event noun subject or the main verb.

    With ``any_verb`` a main verb outside the lexicon still makes an event of type ``other``.
    A typed passive verb with a "by" agent is the happening, not its subject ("the deal was
    approved by the board" is the approval).
    """
    t = event_type(root)
    if t not in (None, "other", "announce") and any(c.dep_ == "agent" for c in root.children):
        return root, t
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and _nominal(child):
            for noun in sorted(_core(child), key=lambda t: t.i):
                t = event_type(noun)
                if _nominal(noun) and t and t != "other":
                    return noun, t
    t = event_type(root)
    if t and t not in ("announce", "other"):
        return root, t
    for child in root.children:  # "Rubio leads talks", "launched an invasion", "announced
        if child.dep_ in ("dobj", "obj") and child.pos_ == "NOUN" and not _owned(child):
            typed = event_type(child)  # sanctions"; "upheld Boeing's protest" is Boeing's
            if typed and typed not in ("other", "announce", "report"):
                return child, typed
    if t:
        return root, t
    for child in root.children:
        if child.dep_ in ("xcomp", "conj") and child.pos_ == "VERB" and event_type(child):
            return child, event_type(child)
    if root.pos_ == "AUX":  # "five people are dead after a tram overturned"
        for child in root.children:
            if child.dep_ == "advcl" and event_type(child) not in (None, "other", "announce",
                                                                   "report"):
                return child, event_type(child)
    if any_verb and root.pos_ == "VERB" and root.lemma_.lower() not in SPEECH_VERBS and \
            any(c.isalpha() for c in root.text):  # a dash the model read as a verb is none
        return root, "other"
    return None


def _owned(noun: Token) -> bool:
    """Return whether an event noun has a named owner of its own ("Boeing's protest"): its
    own event, not the one of the verb whose object it is ("launched its invasion" is one)."""
    return any(c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") for c in noun.children)


def _actors_in(tokens, actors: dict[int, Span]) -> list[Span]:
    seen: dict[int, Span] = {}
    for t in tokens:
        span = actors.get(t.i)
        if span is not None:
            seen[span.start] = span
    return [seen[k] for k in sorted(seen)]


def _core(token: Token, origin: bool = False):
    """Yield a phrase's tokens without its prepositional and clausal modifiers (with
    ``origin``, "from" phrases kept: "negotiators from Chile" are Chile's)."""
    yield token
    for child in token.children:
        if child.dep_ not in ("prep", "acl", "relcl", "advcl", "appos", "punct", "cc") or (
                origin and child.dep_ == "prep" and child.lower_ == "from"):
            yield from _core(child, origin)
        elif child.dep_ == "cc":
            yield child


def _governing_prep(span: Span) -> str:
    """Return the preposition heading an actor mention ("in Ternopil" → ``in``), or ``""``."""
    token = span.root
    while token.dep_ in ("conj", "appos", "compound") and token.head != token:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        return token.head.lower_
    return ""


def _places(clause: Span, actors: dict[int, Span], attack: bool = False) -> list[Span]:
    """Return Place/Country mentions of ``clause`` in "in/at/near X" phrases (also "on X" for
    attacks) or bare Places compounded with a noun ("Geneva talks")."""
    out = []
    preps = _PLACE_PREPS | {"on", "against"} if attack else _PLACE_PREPS
    for span in _actors_in(clause, actors):
        if span.label_ not in _PLACE_TYPES or (span.label_ == "Country" and not attack and
                                                _governing_prep(span) not in _PLACE_PREPS):
            continue
        prep = _governing_prep(span)
        if prep in preps or (span.label_ == "Place" and span.root.dep_ == "compound"):
            out.append(span)
    return out


def _inside_role(span: Span, person_spans: list[Span]) -> bool:
    """Return whether ``span`` is part of a person's title ("US Secretary of State X")."""
    token = span.root
    for _ in range(5):
        if token.dep_ not in ("compound", "nmod", "amod", "poss", "pobj", "prep") or (
                token.dep_ == "prep" and token.lower_ != "of"):
            break
        token = token.head
        if any(p.start <= token.i < p.end for p in person_spans):
            return True
    for role in span.doc._.kg_roles:
        if role.start <= span.start_char and span.end_char <= role.end and any(
                p.start_char >= span.end_char and p.end_char <= role.end for p in person_spans):
            return True
    return False


def _participants(root: Token, trigger: Token, clause: Span, actors: dict[int, Span]):
    """Return agents, targets and places of a clause."""
    agents: list[Span] = []
    targets: list[Span] = []
    subject_verb = _subject_verb(root)  # "Airbus plans to cut jobs": cut's subject is Airbus
    subject_heads = [c for c in subject_verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    controller = object_controller(root)
    if controller is not None:  # "X told airlines to buy": the airlines buy
        subject_heads = [controller]
    if trigger is not root and trigger.dep_ not in ("dobj", "obj", "xcomp") and not any(
            trigger in head.subtree for head in subject_heads):
        subject_heads = [trigger]
    passive = (passive_voice(root, subject_verb) or theme_subject(root)) and \
        trigger is root  # "shares fell", "Boeing allowed to bid": not the agent
    for head in subject_heads:
        source = _antecedent(head)
        spans = [s for s in _actors_in(_core(source, origin=source.i != head.i), actors)
                 if s.label_ != "Place"]
        (targets if passive else agents).extend(
            s for s in spans if _governing_prep(s) not in _PLACE_PREPS)
    for child in root.children:
        if child.dep_ in ("dobj", "obj", "attr", "dative"):
            targets.extend(_actors_in(_core(child), actors))
        elif child.dep_ == "agent":
            agents.extend(_actors_in(child.subtree, actors))
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            targets.extend(s for s in _actors_in(child.subtree, actors)
                           if s.label_ not in _PLACE_TYPES or child.lower_ in ("on", "against"))
    if trigger is not root:  # "strikes on Kyiv", "talks with Russia", "talks led by X"
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against", "with"):
                targets.extend(_actors_in(child.subtree, actors))
            elif child.dep_ == "acl":
                for grand in child.children:
                    if grand.dep_ == "agent":
                        agents.extend(_actors_in(grand.subtree, actors))
    attack = event_type(trigger) == "attack"
    places = _places(clause, actors, attack=attack)
    if attack:  # "hit the western city of Ternopil", "struck the port of Odesa"
        places += [s for child in root.children if child.dep_ in ("dobj", "obj")
                   for s in _actors_in(child.subtree, actors)
                   if s.label_ in _PLACE_TYPES and _governing_prep(s) == "of" and s not in places]
    other_clauses = {t.i for c in root.children if c.dep_ == "conj"
                     and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    places = [p for p in places if p.root.i not in other_clauses  # "..., and troops pressed in X"
              and _clause_verb(p.root) in (root, trigger, None)]  # "Y, who met in X"
    agents = [a for a in agents if a.label_ != "Place"]
    persons = [a for a in agents if a.label_ == "Person"]
    if persons:  # "Ukrainian President X", "US Secretary of State X": X is the agent
        agents = [a for a in agents if a.label_ == "Person"
                  or not (a._.kg_demonym or _inside_role(a, persons))]
    targets = [t for t in targets if t not in agents and not _inside_role(t, persons)]
    targets = [t for t in targets if t.label_ != "Place" or not places or t not in places]
    return agents, targets, places


def _subject_verb(token: Token) -> Token:
    """Return the verb whose subject a verb takes: itself when it has one, else (through
    "xcomp"/"conj", at most 4 steps) the verb it completes or is conjoined to, or the verb
    whose purpose or object it tells (:func:`_controlling_verb`)."""
    start = token
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in token.children):
            return token
        head = token.head if token.dep_ in ("xcomp", "conj") else _controlling_verb(token)
        if head is None or head.i == token.i:
            break
        token = head
    return start


def object_controller(verb: Token) -> Token | None:
    """Return the object that does what a "to" infinitive without a subject says when the
    verb it completes has one and is a verb of :data:`kg.lexicon.modality.OBJECT_CONTROL_VERBS` ("X
    told airlines *not to buy*": object control; not "announced plans *to shut*"), else
    ``None``."""
    if verb.dep_ != "xcomp" or verb.head == verb or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.head.lemma_.lower() not in OBJECT_CONTROL_VERBS:
        return None
    objects = [c for c in verb.head.children if c.dep_ in ("dobj", "obj")
               and c.pos_ in ("NOUN", "PROPN", "PRON") and c.i < verb.i]
    return objects[0] if objects else None


def _controlling_verb(verb: Token) -> Token | None:
    """Return the verb whose subject does what a "to" infinitive without a subject says: a
    purpose ("Airbus set up a fund to *search*") or an ownerless object's infinitive ("EADS
    won a contract to *supply* tankers"); ``None`` for other verbs, and for an object with
    an owner of its own ("the Boeing plan to build": Boeing's); the verb a gerund without
    a subject is an adjunct of ("the GAO upheld the protest, *citing* flaws", "was fined
    after *violating* the law", "bought jets as a means of *modernising* its fleet")."""
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "pcomp"):
        if _nominal(verb):
            return None  # "treated after shooting near the march": the shooting, a noun
        head = _adjunct_head(verb)
        return head if head is not None and _agentive_adjunct(verb, head) else None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    noun = verb.head
    if verb.dep_ == "acl" and noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB" and \
            not any(c.dep_ in ("poss", "compound") for c in noun.children):
        return noun.head
    return None


def _adjunct_head(gerund: Token) -> Token | None:
    """Return the verb a gerund adjunct hangs from, through its preposition and the noun
    phrase that holds it ("as a means of modernising" → the verb of "as"), at most 4 steps."""
    token = gerund
    for _ in range(4):
        if token.dep_ not in ("advcl", "pcomp", "pobj", "prep") or token.head == token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


_SPEAKING = frozenset(("speak", "talk"))


def _agentive_adjunct(gerund: Token, head: Token) -> bool:
    """Return whether the subject of ``head`` does what its gerund adjunct says: not when
    the subject undergoes either ("the index fell 3%, *ending* at 8,000"), nor for a speech
    gerund, which a statement tells ("*Speaking* to reporters, X said")."""
    return gerund.lemma_.lower() not in SPEECH_VERBS | _SPEAKING and not theme_subject(gerund) \
        and not theme_subject(head) and head.lemma_.lower() not in THEME_SUBJECT_VERBS


_OBJECTS = ("dobj", "obj", "dative", "ccomp", "xcomp")
_RELATIVE_PRONOUNS = frozenset("which that who whom".split())
#: Verbs whose subject undergoes a change of value when their object is an amount ("the
#: index lost 2%", "the economy shed 600,000 jobs"), as unaccusatives do without one.
_MEASURE_VERBS = frozenset("gain lose shed add finish contract plummet end close".split())
_MEASURE_ENTS = frozenset(("PERCENT", "QUANTITY", "CARDINAL"))
_MEASURE_NOUNS = frozenset("point percent ground job cent".split())


def _amount(token: Token) -> bool:
    """Return whether an object is an amount of a measure ("2%", "155 points"; a sum of
    money is what a company gains or loses)."""
    if token.ent_type_ == "MONEY":
        return False
    return token.like_num or token.ent_type_ in _MEASURE_ENTS or (
        token.lemma_.lower() in _MEASURE_NOUNS and any(
            c.like_num or c.ent_type_ in _MEASURE_ENTS for c in token.children))


def theme_subject(verb: Token) -> bool:
    """Return whether a verb's subject undergoes the happening rather than doing it: an
    unaccusative verb (:data:`kg.lexicon.events.THEME_SUBJECT_VERBS`) without an object, or one of
    them or a verb of :data:`_MEASURE_VERBS` whose objects are amounts."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in _OBJECTS]
    if lemma in THEME_SUBJECT_VERBS and not objects:
        return True
    amounts = [c for c in verb.children if c.dep_ in ("npadvmod", *_OBJECTS) and _amount(c)]
    return lemma in THEME_SUBJECT_VERBS | _MEASURE_VERBS and bool(amounts) and all(
        _amount(o) for o in objects)


def passive_voice(verb: Token, source: Token | None = None) -> bool:
    """Return whether a verb is passive: a passive subject on it or on the verb it shares
    its subject with (``source``), its own passive auxiliary ("and was crumpled"), or a
    headline's bare participle with a subject ("Boeing allowed to bid", "Airbus A380
    delivered")."""
    source = source if source is not None else _subject_verb(verb)
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "pcomp"):
        source = verb  # "Boeing was fined after violating the law": violating is active
    if any(c.dep_ == "auxpass" for c in verb.children) or any(
            c.dep_ == "nsubjpass" for c in (verb.children if source is verb else
                                            (*verb.children, *source.children))):
        return True
    return _headline_participle(verb)


def _headline_participle(verb: Token) -> bool:
    """Return whether a verb is a headline's participle, a passive without its auxiliary:
    a past form heading a sentence that ends without punctuation, with a subject and no
    object or auxiliary ("Airbus A380 delivered", "Boeing allowed to bid")."""
    sent = verb.sent
    return verb.tag_ in ("VBN", "VBD") and verb.i == sent.root.i and \
        not sent[-1].is_punct and any(c.dep_ == "nsubj" for c in verb.children) and \
        not any(c.dep_ in ("aux", "auxpass", "dobj", "obj", "dative", "ccomp")
                for c in verb.children)


def _phrase_of(token: Token, end: int | None = None) -> str:
    """Return the text of a token's subtree (up to token ``end``), without edge punctuation."""
    clauses = {t.i for c in token.children if c.dep_ == "relcl" for t in c.subtree}
    words = [t for t in token.subtree if t.i not in clauses and (end is None or t.i < end)]
    return "".join(t.text_with_ws for t in words).strip(" \n,;:-–—\"'“”")


def agent_phrase(verb: Token) -> str:
    """Return who does what a verb says, as written: the "by" phrase of a passive, else its
    subject phrase or the one it shares ("Airbus plans to cut" → "Airbus" for ``cut``), or
    what a pronoun subject stands for (:func:`_antecedent`: "the airline, which ordered" →
    "the airline");
    ``""`` when the subject undergoes it (a passive or :func:`theme_subject`)."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return _phrase_of(grand)
    source = _subject_verb(verb)
    if theme_subject(verb) or passive_voice(verb, source):
        return ""
    controller = object_controller(verb)
    if controller is not None:
        return _phrase_of(controller)
    for child in source.children:
        if child.dep_ == "nsubj" and not _non_agent(_antecedent(child), source):
            return _phrase_of(_antecedent(child))
    return ""


_DEMONSTRATIVES = frozenset("this that these those".split())


def _non_agent(subject: Token, verb: Token) -> bool:
    """Return whether a subject cannot do anything: a demonstrative standing for a clause
    ("This imperils the plan"), a date or number on its own ("1991", not "90% of the
    bondholders"), or a happening itself ("the deal favored Boeing": a cause, not an agent;
    but "reports say" names a source)."""
    if subject.lower_ in _DEMONSTRATIVES and subject.pos_ in ("PRON", "DET"):
        return True
    if (subject.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY")
            or subject.like_num) and not any(c.dep_ == "prep" for c in subject.children):
        return True
    return subject.pos_ == "NOUN" and event_type(subject) is not None and \
        verb.lemma_.lower() not in SPEECH_VERBS


def _clause_verb(token: Token) -> Token | None:
    """Return the verb of the relative or adverbial clause a token lies in, else ``None``."""
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "advcl") and token.pos_ in ("VERB", "AUX"):
            return token
        token = token.head
    return None


_PERSONAL_PRONOUNS = frozenset("he she they we".split())


def _antecedent(subject: Token) -> Token:
    """Return what a pronoun subject stands for: the noun a relative pronoun follows ("the
    union, which organised the strike" → ``union``), the speaker of reported speech for a
    personal pronoun ("Negotiators said they had made progress" → ``Negotiators``); else the
    subject itself."""
    verb = subject.head
    if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    if subject.lower_ in _PERSONAL_PRONOUNS and verb.dep_ == "ccomp" and \
            verb.head.lemma_.lower() in SPEECH_VERBS:
        for child in verb.head.children:
            if child.dep_ == "nsubj" and child.pos_ in ("NOUN", "PROPN"):
                return child
    return subject


def _ids(spans: list[Span], exclude: set[str] = frozenset()) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s._.kg_entity for s in spans
                               if s._.kg_entity and s._.kg_entity not in exclude))


def _governing_verb(doc: Doc, date: DateInfo) -> Token | None:
    """Return the verb or event noun a date expression modifies ("met ... on Thursday" →
    ``met``, "the bombing late Thursday" → ``bombing``)."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    token = span.root.head if span is not None and span.root.head != span.root else None
    for _ in range(8):
        if token is None or token.pos_ in ("VERB", "AUX") or (
                token.pos_ == "NOUN" and event_type(token) not in (None, "other", "announce",
                                                                    "report")):
            return token
        if token.head == token:
            return None
        token = token.head
    return None
