"""Words of events: trigger lemmas and their types (CAMEO codes), particles, event nouns.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

#: Event type by the lemma of a trigger verb or noun, with its CAMEO top-level code.
EVENT_TYPES: dict[str, str] = {
    "meet": "04",
    "negotiate": "04",
    "receive": "04",
    "propose": "03",
    "endorse": "05",
    "approve": "05",
    "reject": "12",
    "attack": "19",
    "sanction": "16",
    "agree": "05",
    "sign": "05",
    "statement": "01",
    "appoint": "",
    "resign": "",
    "elect": "",
    "announce": "01",
    "report": "01",
    "threaten": "13",
    "protest": "14",
    "aid": "07",
    "arrest": "17",
    "investigate": "09",
    "criticize": "11",
    "accident": "",
    "other": "",
}


EVENT_LEMMAS: dict[str, str] = {
    # meet / negotiate
    "meet": "meet", "meeting": "meet", "talk": "meet", "talks": "meet", "summit": "meet",
    "host": "meet", "visit": "meet", "gather": "meet", "convene": "meet", "discussion": "meet",
    "negotiate": "negotiate", "negotiation": "negotiate", "discuss": "negotiate",
    "mediate": "negotiate",
    # propose
    "propose": "propose", "present": "propose", "draft": "propose", "submit": "propose",
    "unveil": "propose", "table": "propose", "counterproposal": "propose", "offer": "propose",
    "proposal": "propose",
    # endorse / approve
    "endorse": "endorse", "back": "endorse", "support": "endorse", "welcome": "endorse",
    "approve": "approve", "ratify": "approve", "pass": "approve", "adopt": "approve",
    # receive (a plan, a delegation): a consultation step
    "receive": "receive", "accept": "agree",
    # reject
    "reject": "reject", "refuse": "reject", "veto": "reject", "oppose": "reject",
    "deny": "reject",
    # attack
    "attack": "attack", "strike": "attack", "bomb": "attack", "shell": "attack",
    "invade": "attack", "invasion": "attack", "kill": "attack", "shoot": "attack",
    "launch": "announce", "hit": "attack", "target": "attack", "fire": "attack",
    "assault": "attack", "raid": "attack", "ram": "attack", "airstrike": "attack",
    "offensive": "attack",
    # sanction
    "sanction": "sanction", "freeze": "sanction", "embargo": "sanction", "ban": "sanction",
    "impose": "sanction",
    # sign / agree
    "sign": "sign", "agree": "agree", "conclude": "agree", "seal": "agree",
    "agreement": "agree", "deal": "agree", "ceasefire": "agree",
    # appoint / resign / elect
    "appoint": "appoint", "nominate": "appoint", "name": "appoint", "resign": "resign",
    "quit": "resign", "step": "resign", "elect": "elect", "election": "elect", "win": "elect",
    "vote": "elect",
    # announce / report
    "announce": "announce", "report": "report", "publish": "report", "release": "announce",
    "raise": "announce", "cut": "announce", "lower": "announce", "hold": "meet",
    "protest": "protest", "rally": "protest", "demonstrate": "protest",
    "threaten": "threaten", "pledge": "aid", "donate": "aid", "fund": "aid",
    "commit": "agree",
    "arrest": "arrest", "detain": "arrest", "charge": "arrest", "indict": "arrest",
    "investigate": "investigate", "probe": "investigate", "investigation": "investigate",
    "inquiry": "investigate", "strikes": "attack",
    "bombing": "attack", "shelling": "attack", "shooting": "attack", "stabbing": "attack",
    "killing": "attack", "massacre": "attack", "ambush": "attack",
    # criticize / accuse (CAMEO 11 Disapprove); "attack" stays an attack
    "criticize": "criticize", "criticise": "criticize", "condemn": "criticize",
    "denounce": "criticize", "accuse": "criticize", "blame": "criticize", "decry": "criticize",
    "condemnation": "criticize", "criticism": "criticize",
    # accident / disaster (no CAMEO equivalent)
    "crash": "accident", "derail": "accident", "derailment": "accident", "overturn": "accident",
    "collapse": "accident", "explode": "accident", "explosion": "accident", "capsize": "accident",
    "sink": "accident", "accident": "accident", "earthquake": "accident", "flood": "accident",
}


#: Lemmas that name a happening only as verbs: their nouns are things ("changed its name",
#: "a 2-1 win", "a step forward", "a pay raise"); "opened fire" stays an attack.
VERB_ONLY_LEMMAS: frozenset[str] = frozenset("name step back hold win pass raise".split())


#: Trigger lemmas whose particle decides whether they name their event: "step" resigns only
#: "down" or "aside" ("stepped up checks", "stepped out of his car" are no resignation), and
#: "back", "hold" are no support or meeting with these particles ("backed down", "held up").
EVENT_PARTICLES_NEEDED: dict[str, frozenset[str]] = {"step": frozenset({"down", "aside"})}


EVENT_PARTICLES_CANCELLING: dict[str, frozenset[str]] = {
    "back": frozenset({"down", "away", "out", "off"}),
    "hold": frozenset({"up", "back", "off", "out"}),
}


#: Verbs whose subject undergoes the happening rather than doing it when they have no object
#: (unaccusatives: "shares fell", "the tram overturned", "five people died"): that subject
#: is the event's target (PropBank Arg1), not its agent.
THEME_SUBJECT_VERBS: frozenset[str] = frozenset(
    "fall rise drop climb surge plunge die grow decline increase decrease come go arrive "
    "happen occur remain stay collapse soar slide tumble jump sink slump rebound recover "
    "fail begin start end close open continue change improve worsen slip dip spike crash "
    "retreat advance edge hover overturn derail explode burn erupt break vanish disappear "
    "emerge appear expire lapse rally sag shrink expand double triple halve fluctuate "
    "stabilise stabilize soften strengthen weaken tumble".split())


#: Nouns that name a happening its owner does, without a suffix telling so ("Boeing's
#: *bid*", "the Qatar Airways *order*"; not "bailout", whose owner undergoes it): with an
#: owner they are events (untyped unless :data:`EVENT_LEMMAS` types them); nouns ending in
#: -tion, -sion, -ment, -ance or -ence are read as happenings too, with a possessor.
EVENT_NOUNS: frozenset[str] = frozenset(
    "order purchase bid tour trip visit speech choice sale offer request appeal dispute "
    "search merger launch "
    "response reply claim protest plan attempt effort campaign move loss".split())


#: Nouns with a happening's suffix that name a thing or a state ("Apple's government").
NOT_EVENT_NOUNS: frozenset[str] = frozenset(
    "government department parliament apartment equipment environment management "
    "nation station position mission population region commission foundation division "
    "addition iteration reputation "
    "organization organisation corporation institution administration association "
    "convention constitution union opinion condition relation edition version section "
    "audience evidence science conference residence experience difference presence "
    "confidence intelligence balance finance insurance".split())
