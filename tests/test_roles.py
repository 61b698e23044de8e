"""Roles people hold, and of which body or place (kg.extract.roles), on sentences written
for the tests."""

from __future__ import annotations

import pytest


def roles_by_person(extraction) -> set[tuple[str, str, str | None]]:
    """Return (person name, title, name of what the title is of) for every role."""
    names = {e.id: e.name for e in extraction.entities}
    return {(names[r.person_id], r.title, names.get(r.of_id)) for r in extraction.roles}


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor of Eastbrook, Lena Ortiz, opposed the tram line.",
     ("Lena Ortiz", "mayor", "Eastbrook")),
    ("Lena Ortiz, the mayor of Eastbrook, opposed the tram line.",
     ("Lena Ortiz", "mayor", "Eastbrook")),
    ("The governor of Texas Greg Abbott signed the bill on Monday.",
     ("Greg Abbott", "governor", "Texas")),
    ("The president of Brazil, Luiz Inacio Lula da Silva, visited Lagos.",
     ("Luiz Inacio Lula da Silva", "president", "Brazil")),
    ("Kremlin spokesman Dmitry Peskov rejected the plan.",
     ("Dmitry Peskov", "spokesman", "Kremlin")),
    # a common noun compounded with the title is part of it: "council member", not "member"
    ("The motion was seconded by council member Dana Whitt on Monday.",
     ("Dana Whitt", "council member", None)),
    ("State police spokesman Ron Tuck declined to comment.",
     ("Ron Tuck", "State police spokesman", None)),
])
def test_role_and_what_it_is_of(extract, text, expected):
    assert expected in roles_by_person(extract(text))


@pytest.mark.parametrize(("text", "person"), [
    ("The mayor of Eastbrook met Lena Ortiz on Monday.", "Lena Ortiz"),
    ("The mayor of Eastbrook, Lena Ortiz and Tom Weller met on Monday.", "Tom Weller"),
    ("The mayor of Eastbrook, Lena Ortiz, met Tom Weller.", "Tom Weller"),
])
def test_no_role_for_a_person_the_title_does_not_name(extract, text, person):
    roles = roles_by_person(extract(text))
    assert not any(name == person for name, _, _ in roles)
    assert not any(name == "Eastbrook" for name, _, _ in roles)
