"""Checks on SPARQL text before Oxigraph parses it, and parser errors a person can read.

Oxigraph evaluates ``SERVICE <url>`` by sending HTTP requests, and ``LOAD <url>`` fetches a
document: both would let anyone who can send a query make kg reach any address (server-side
request forgery). Its recursive-descent parser also overflows the stack on a few thousand
nested brackets (a segfault, not an exception). :func:`check_query` / :func:`check_update`
refuse both before parsing, from a lexical scan that skips strings, IRIs and comments, so
``"SERVICE"`` in a literal or ``ex:service`` as a prefixed name pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "QueryRefused",
    "check_query",
    "check_update",
    "describe_syntax_error",
]

#: Deepest nesting of ``{`` / ``(`` / ``[`` accepted (real queries stay under 20).
MAX_DEPTH = 100
#: Longest query text accepted, in characters.
MAX_LENGTH = 1_000_000


class QueryRefused(ValueError):
    """The query is refused before parsing (message is one line, fit for a client)."""


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# One token a match; strings, IRIs and comments first so their insides are never read as
# keywords or brackets. An IRI may hold no spaces, so "?a < ?b" stays two variables and a '<'.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<word>[\w.\-:%\\\u00b7]+)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<other>\S)
    """,
    re.VERBOSE,
)


def _unescape(text: str) -> str:
    """Return ``text`` with SPARQL's ``\\uXXXX`` escapes applied (the parser does so first)."""

    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(char, text)


def _tokens(text: str) -> Iterable[tuple[str, str]]:
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind != "comment":
            yield kind, match.group()


def _code(text: str) -> tuple[str, dict[int, str]]:
    """Return ``text`` with strings, IRIs and comments blanked out (same length), and the IRIs
    by start offset."""
    parts: list[str] = []
    iris: dict[int, str] = {}
    last = 0
    for match in _TOKEN.finditer(text):
        if match.lastgroup in ("comment", "string", "iri"):
            parts += [text[last:match.start()], " " * (match.end() - match.start())]
            last = match.end()
            if match.lastgroup == "iri":
                iris[match.start()] = match.group()
    parts.append(text[last:])
    return "".join(parts), iris


# A keyword is any occurrence not glued to a name: "?service", "ex:service" and "_:load" are
# names, while ". SERVICE", ".SERVICE" and "}SERVICE" are the keyword (a rare name such as
# "ex:a.service" is refused too: safer than missing a keyword).
_REMOTE = re.compile(r"(?<![\w:?$%\\])(SERVICE|LOAD)(?![\w:%\\-])", re.IGNORECASE)
_NEXT = re.compile(r"\s*(SILENT\b\s*)?(\S*)", re.IGNORECASE)
_DEPTH = str.maketrans({"{": "(", "[": "(", "}": ")", "]": ")"})


def _host(iri: str) -> str:
    try:
        return (urlsplit(iri).hostname or "").lower()
    except ValueError:
        return ""


def _scan(text: str, what: str, remote_words: dict[str, str],
          allow_service: Iterable[str]) -> None:
    if len(text) > MAX_LENGTH:
        raise QueryRefused(f"{what} too long: {len(text)} characters (at most {MAX_LENGTH})")
    plain = _unescape(text)
    code, iris = _code(plain)
    depth = 0
    for char in code.translate(_DEPTH):
        if char == "(":
            depth += 1
            if depth > MAX_DEPTH:
                raise QueryRefused(
                    f"{what} nested too deeply: more than {MAX_DEPTH} levels of brackets")
        elif char == ")":
            depth = max(0, depth - 1)
    allowed = {h.lower() for h in allow_service}
    for match in _REMOTE.finditer(code):
        keyword = match.group(1).upper()
        if keyword not in remote_words:
            continue
        after = _NEXT.match(plain, match.end())
        start = after.start(2)
        target = iris.get(start) or after.group(2)[:40]
        host = _host(target[1:-1]) if target.startswith("<") else ""
        if keyword == "SERVICE" and host and host in allowed:
            continue
        hint = (" (kg serve / kg query --allow-service HOST permits federation with HOST)"
                if keyword == "SERVICE" else "")
        raise QueryRefused(
            f"{remote_words[keyword]} refused: kg does not fetch remote data"
            f" ({keyword} {target or '?'}){hint}")


def check_query(text: str, allow_service: Iterable[str] = ()) -> None:
    """Raise :class:`QueryRefused` for a query that is too long, too deeply nested or uses
    ``SERVICE`` to a host not in ``allow_service``."""
    _scan(text, "query", {"SERVICE": "SERVICE (federated query)"}, allow_service)


def check_update(text: str, allow_service: Iterable[str] = ()) -> None:
    """Raise :class:`QueryRefused` for an update that is too long or too deeply nested, uses
    ``LOAD`` (fetches a URL) or ``SERVICE`` to a host not in ``allow_service``."""
    _scan(text, "update", {"SERVICE": "SERVICE (federated query)", "LOAD": "LOAD"},
          allow_service)


_POSITION = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?:?\s*(.*)", re.DOTALL)
_KEYWORD = re.compile(r'^(?:[A-Z][A-Za-z]+|"[^"\s]{1,3}")$')
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE", "PREFIX", "BASE")
_UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                 "WITH", "PREFIX", "BASE")


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    line = min(max(line, 1), len(lines))
    return sum(len(x) + 1 for x in lines[: line - 1]) + max(column - 1, 0)


def _expected(detail: str) -> str:
    """Return the parser's "expected ..." list when it is a few keywords or marks, else ''."""
    match = re.match(r"expected (?:one of )?(.*)", detail.strip(), re.DOTALL)
    if not match:
        return ""
    items = [x.strip() for x in match.group(1).split(", ")]
    items = [x for x in items if x and x != "[_]"]
    if len(items) < 2 or len(items) > 8 or not all(_KEYWORD.match(x) for x in items):
        return ""
    return "expected " + " or ".join(x.strip('"') for x in items)


_PAIRS = {"{": "}", "(": ")", "[": "]"}


def _unbalanced(text: str) -> str:
    """Return what is wrong with the brackets or quotes of ``text`` ('' when they pair up)."""
    stack: list[str] = []
    for kind, value in _tokens(text):
        if kind == "open":
            stack.append(value)
        elif kind == "close":
            if not stack:
                return f"unbalanced brackets: {value!r} closes nothing"
            if _PAIRS[stack[-1]] != value:
                return f"unbalanced brackets: {value!r} where {_PAIRS[stack[-1]]!r} was expected"
            stack.pop()
        elif kind == "other" and value in "'\"":
            return f"a string opened with {value} is never closed"
    if stack:
        return f"unbalanced brackets: {len(stack)} {stack[-1]!r} never closed"
    return ""


def describe_syntax_error(text: str, error: Exception, what: str = "query") -> str:
    """Return Oxigraph's syntax error as one line: where, the offending token, and what was
    expected when the parser's list is short (no Unicode ranges or grammar internals)."""
    message = " ".join(str(error).split())
    words = text.split()
    forms = _FORMS if what == "query" else _UPDATE_FORMS
    first = words[0].upper() if words else ""
    if words and first not in forms and not first.startswith("#"):
        return (f"malformed SPARQL {what}: it must start with {', '.join(forms[:-2])}"
                f" (or PREFIX/BASE), not {words[0][:30]!r}")
    unbalanced = _unbalanced(text)
    if unbalanced:
        return f"malformed SPARQL {what}: {unbalanced}"
    match = _POSITION.match(message)
    if not match:
        return f"malformed SPARQL {what}: {message[:200]}"
    line, column = int(match.group(1)), int(match.group(2))
    offset = _offset(text, line, column)
    token = re.match(r"\S{1,30}", text[offset:].lstrip())
    expected = _expected(match.group(3))
    if not token:  # Oxigraph gave up at the end: find where the broken part starts
        start = _failing_part(text, what)
        if start is not None:
            line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
            near = " ".join(text[start:].split())[:30]
            return (f"malformed SPARQL {what} at line {line}, column {column}, near {near!r}:"
                    " this part is incomplete or not valid SPARQL"
                    + (f" ({expected})" if expected else ""))
    if token:
        where = f"at line {line}, column {column}, near {token.group()!r}"
    else:
        before = text[:offset].split()
        last = f" after {before[-1][-30:]!r}" if before else ""
        where = f"at the end of the {what}{last} (unfinished?)"
    return f"malformed SPARQL {what} {where}" + (f": {expected}" if expected else "")


#: Longest text given to rdflib's (pure Python) parser to locate an error.
_LOCATE_LIMIT = 20_000


def _failing_part(text: str, what: str) -> int | None:
    """Return the offset where rdflib's SPARQL parser stops on ``text`` (the start of the
    pattern or clause it cannot read), or ``None``.

    Oxigraph reports an unfinished triple or expression at the very end of the query; rdflib's
    grammar fails at the start of the part that is broken, which is where a person looks.

    >>> _failing_part("SELECT ?x WHERE { ?x ?y }", "query")
    18
    """
    if len(text) > _LOCATE_LIMIT:
        return None
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        (parseQuery if what == "query" else parseUpdate)(text)
    except ParseException as exc:
        return exc.loc if text[exc.loc:].strip() else None
    except Exception:  # noqa: BLE001 - any other complaint of rdflib's: no location from it
        return None
    return None
