"""Regular expressions built from a cache of their compiled code.

Python compiles a regular expression by parsing it and generating its matcher's code, in
Python: for a spaCy model's tokenizer rules (four expressions of 3,000-15,000 characters,
mostly character classes over all of Unicode) that is ~50 ms of CPU at every start. The code
is a list of integers that depends only on the expression, its flags and the Python version,
so :func:`compile_all` keeps it in kg's cache directory, in a file named after the
expressions, the flags and the versions of Python and of its regex engine, and builds the
pattern objects from it with the engine's own constructor (the one ``re.compile`` ends with,
which checks the code). The objects are equal to ``re.compile``'s (``==`` compares the
expression, the flags and the code); when the cache is missing or damaged, or the engine's
constructor is not the one this module knows, it is ``re.compile``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.cache_files import marshal_cache_file, read_marshal, write_marshal

try:  # the regex engine's internals, as ``re.compile`` uses them (CPython 3.11+)
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python: re.compile only
    _sre = None

#: Bumped when the cache file's content changes meaning.
CACHE_FORMAT = 1

#: What one expression's compiled code is kept as: the code, the flags the expression sets
#: (with those given), its number of groups and its named groups.
Record = tuple[list[int], int, int, dict[str, int]]


def compile_all(patterns: Sequence[str], flags: int = 0) -> list[re.Pattern]:
    """Return ``patterns`` compiled with ``flags``, as ``re.compile`` would, from the cache of
    their compiled code when an earlier run made it with this Python."""
    path = _cache_path(patterns, flags)
    records = _read_records(path, len(patterns)) if path else None
    if records is not None:
        try:
            return [pattern_from(p, r) for p, r in zip(patterns, records, strict=True)]
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass  # damaged code: the engine refuses it
    compiled = [re.compile(p, flags) for p in patterns]
    if path:
        try:
            write_marshal(path, [compiled_code(p, flags) for p in patterns])
        except (OSError, ValueError, TypeError, AttributeError):
            pass  # an unwritable cache, or an engine this module does not know: re.compile
    return compiled


def compiled_code(pattern: str, flags: int = 0) -> Record:
    """Return the compiled code of ``pattern`` with ``flags`` (``re``'s own steps)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    return code, int(flags | parsed.state.flags), parsed.state.groups, dict(
        parsed.state.groupdict)


def pattern_from(pattern: str, record: Record) -> re.Pattern:
    """Return the pattern object of ``pattern`` built from its compiled code ``record`` (the
    engine checks the code and raises RuntimeError on a damaged one)."""
    code, flags, groups, groupindex = record
    indexgroup: list[Any] = [None] * groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(pattern, flags, code, groups - 1, groupindex, tuple(indexgroup))


def _cache_path(patterns: Sequence[str], flags: int) -> Path | None:
    """Return the cache file of ``patterns`` compiled with ``flags`` by this Python (None
    without the engine's internals)."""
    if _sre is None:
        return None
    return marshal_cache_file(
        "regex", CACHE_FORMAT, (CACHE_FORMAT, sys.version, _sre.MAGIC, int(flags), list(patterns)))


def _read_records(path: Path, count: int) -> list[Record] | None:
    """Return the ``count`` records cached at ``path``, or None when there are none."""
    records = read_marshal(path)
    if not (isinstance(records, list) and len(records) == count and all(
            isinstance(r, tuple) and len(r) == 4 and isinstance(r[0], list)
            and isinstance(r[1], int) and isinstance(r[2], int) and isinstance(r[3], dict)
            for r in records)):
        return None
    return records
