"""Words that say whether a happening is a fact: negations, modals, claims, plans, prevention.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

#: Negations on a verb or its noun; "nearly"/"almost" on a verb say it did not happen
#: ("nearly broke the record").
NEGATION_WORDS: frozenset[str] = frozenset("not n't never no neither nor nearly almost".split())


#: Verbs that keep a happening named by their object or subject from taking place ("cancelled
#: the flight", "the talks were called off"), or put it off ("the test flight was delayed").
PREVENTING_VERBS: frozenset[str] = frozenset(
    "cancel scrap scuttle block veto prevent thwart suspend abort".split())


DELAYING_VERBS: frozenset[str] = frozenset("delay postpone defer reschedule".split())


#: Verbs whose complement did not happen ("refused to sign", "failed to agree").
NEGATING_VERBS: frozenset[str] = frozenset(
    "refuse fail decline deny reject avoid stop cease halt abandon".split())


#: Nouns whose "that" clause is a report or claim, not a fact the writer asserts ("reports
#: that the deal favored Boeing", "allegations that he paid", "rumours that ...").
REPORT_NOUNS: frozenset[str] = frozenset(
    """report claim allegation accusation rumour rumor speculation suggestion assertion
    contention hearsay""".split())


#: Verbs whose complement is someone's claim, not a fact ("alleged that the firm paid").
CLAIM_VERBS: frozenset[str] = frozenset("claim allege rumour rumor purport speculate".split())


#: Adverbs that hand a clause to an unnamed source ("the firm reportedly paid").
REPORTING_ADVERBS: frozenset[str] = frozenset(
    "reportedly allegedly purportedly supposedly".split())


#: Verbs whose object does what their "to" infinitive says ("told airlines not to buy",
#: "asked the court to rule"): object control, unlike "plans to", "announced plans to".
OBJECT_CONTROL_VERBS: frozenset[str] = frozenset(
    """tell ask urge order force allow permit persuade encourage invite select choose hire
    appoint require advise warn instruct authorize authorise enable help pressure press
    compel oblige forbid convince prompt lead cause get want expect""".split())


#: Modals that make a clause a possibility, not a fact ("could strike", "would sign").
HYPOTHETICAL_AUX: frozenset[str] = frozenset("would could might may should must 'd".split())


#: Verbs whose complement is a plan or goal, not yet a happening ("plans to visit").
INTENTION_VERBS: frozenset[str] = frozenset(
    "plan intend aim seek want hope expect propose threaten vow pledge promise prepare "
    "schedule set due try attempt wish offer urge call push press ask demand need "
    "consider mean agree decide".split())
