"""Words around people's names: titles, roles, honorifics, name suffixes, nouns for people.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

#: Role nouns written before a name like a title ("Midfielder Tomasz Wrzesniak",
#: "Councilwoman Dana Reyes"): stripped from the name, kept as the person's role.
ROLE_NOUNS: frozenset[str] = frozenset(
    """midfielder goalkeeper keeper striker defender forward winger fullback full-back
    captain coach manager pitcher quarterback batsman bowler jockey driver rider cyclist
    councilwoman councilman councillor councilor alderman alderwoman assemblyman
    assemblywoman assemblymember supervisor sheriff detective inspector sergeant constable
    prosecutor juror plaintiff defendant lawyer attorney-general solicitor barrister clerk
    treasurer""".split()
)


#: Words that may appear in a title before a name ("US Secretary of State Marco Rubio").
TITLE_WORDS: frozenset[str] = frozenset(
    """president vice prime minister secretary state foreign defence defense interior finance
    trade economy economic affairs spokesman spokeswoman spokesperson representative high
    chancellor chief executive officer ceo cfo coo cto financial operating chair chairman chairwoman
    chairperson director general envoy special ambassador senator sen. rep. congressman
    congresswoman governor mayor king queen prince princess pope leader commander gen. general
    admiral colonel lieutenant justice judge attorney deputy first lady head analyst economist
    professor dr. mr. mrs. ms. founder co-founder chief-executive spokes minister-president
    premier speaker of the for and commissioner president-elect official officials
    negotiator adviser advisor security national environment climate energy health
    agriculture labour labor justice transport""".split()
) | ROLE_NOUNS


#: Title words that make a title on their own (the rest only modify one).
TITLE_HEADS: frozenset[str] = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson representative
    chancellor officer ceo cfo coo cto chair chairman chairwoman chairperson director envoy
    ambassador senator sen. rep. congressman congresswoman governor mayor king queen prince
    princess pope leader commander gen. general admiral colonel lieutenant judge attorney
    deputy head analyst economist professor founder co-founder premier speaker commissioner
    president-elect negotiator adviser advisor executive""".split()
) | ROLE_NOUNS


#: Words that qualify a title before its head and make no name ("Associate Justice",
#: "Presiding Justice", "Cabinet Secretary", "Acting Director", "Permanent Secretary").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    "associate presiding cabinet assistant acting managing principal permanent".split())


#: Styles of address and honours written before a person's name and no part of it, as
#: word sequences, longest first ("Datuk Seri", "Tan Sri", "Cllr", "Hon."): Malaysian,
#: British and Australian councillors', parliamentarians' and clergy's styles.
STYLE_HONORIFICS: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(s.split()) for s in (
    "datuk seri|dato seri|dato' seri|datuk patinggi|datin seri|datin paduka|tan sri|puan sri|"
    "toh puan|datuk|dato|dato'|datin|cllr|cllr.|cr|cr.|msgr|msgr.|monsignor|hon|hon.|"
    "the hon.|the hon").split("|")), key=len, reverse=True))


#: Styles of address, ranks and titles that stand for a person without naming one ("His
#: Excellency", "Her Ladyship", "Major General", "Counsel for Lee", "Engr."), beside the title
#: words above.
ADDRESS_STYLES: frozenset[str] = frozenset(
    """excellency highness majesty lordship ladyship honour honor worship counsel engr engr.
    senior coordinating his her major brigadier captain sergeant corporal marshal""".split())


#: Honorifics stripped from names and not kept as roles.
HONORIFICS: frozenset[str] = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame".split())


#: Words that make a role on their own; the other title words only qualify one and, alone,
#: name a body ("Labour", the party) or a field ("Energy").
ROLE_HEADS: frozenset[str] = TITLE_HEADS | HONORIFICS | {"justice"}


#: Words after a full name that make another person's name ("Donald Trump Jr.").
NAME_SUFFIXES: frozenset[str] = frozenset("jr jr. sr sr. ii iii iv junior senior".split())


#: Common nouns for people: a speaker described by one is unnamed ("a senior US official").
PERSON_NOUNS: frozenset[str] = frozenset(
    """official source aide diplomat lawmaker legislator politician expert analyst person
    man woman people resident witness observer insider staffer negotiator adviser advisor
    member spokesperson representative activist critic supporter voter doctor lawyer officer
    soldier commander worker executive investor economist researcher scientist partner friend
    colleague""".split()
)


#: Abbreviated titles before names ("Indiana Gov. Mike Pence") → the word a later description
#: uses ("the Indiana governor").
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general",
    "lt.": "lieutenant", "col.": "colonel", "adm.": "admiral", "sgt.": "sergeant",
    "atty.": "attorney", "supt.": "superintendent", "del.": "delegate",
}


#: Abbreviated military and police ranks, written in sequences before a name without full
#: stops ("Pol Maj Gen", "Lt Col", "Brig Gen"): a title, never part of the name.
RANK_ABBREVIATIONS: frozenset[str] = frozenset(
    """pol maj gen lt col brig capt cpl sgt cmdr cdr adm pvt insp supt maj-gen lt-col lt-gen
    brig-gen maj. gen. lt. col. brig. capt. cpl. sgt. cmdr. cdr. adm. pvt. insp. supt.""".split())


#: Head nouns of descriptions that stand for a person named earlier with the same words
#: ("the Democratic nominee" → "Democratic nominee Hillary Clinton").
DESCRIPTION_HEADS: frozenset[str] = frozenset(
    """nominee candidate businessman businesswoman billionaire lawmaker senator governor
    congressman congresswoman candidate frontrunner front-runner mogul president secretary
    host anchor columnist""".split()
)
