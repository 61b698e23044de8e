"""Switch kg components and named rules off, to measure what each one earns (``kg eval``).

``KG_DISABLE`` (or ``kg eval --disable``) is a comma-separated list of names:

* a pipeline component (``kg_boilerplate``, ``kg_entity_ruler``, ``kg_roles``, ...): it is
  left out when the pipeline is loaded (:func:`kg.nlp.load_pipeline`);
* a rule registered with :func:`rule`: the decorated function then returns its ``off``
  value (or, for ``off=PASS_THROUGH``, its first argument unchanged) instead of running.

Rules read the variable at call time, so a test or an evaluation can flip them per run; inside
a kg pipeline component (:func:`reads_disabled_once`) they use what it read as the component
started, so a document's hundreds of thousands of rule calls do not each read the environment.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

ENV_VAR = "KG_DISABLE"
F = TypeVar("F", bound=Callable[..., Any])


class _PassThrough:
    """Marker: a disabled rule returns its first argument unchanged."""

    def __repr__(self) -> str:
        return "PASS_THROUGH"


PASS_THROUGH = _PassThrough()
#: Registered rule name → the dotted name of the function it switches.
RULES: dict[str, str] = {}
#: While :func:`recording_fired` runs: rule name → calls whose result differed from the
#: rule's off value (a rule that never fires on a text cannot change its output).
_FIRED: list[Counter] = []
#: Registered rule name → the first paragraph of its function's docstring.
SUMMARIES: dict[str, str] = {}
#: While a component decorated with :func:`reads_disabled_once` runs: the names ``KG_DISABLE``
#: listed as it started (innermost last).
_PINNED: list[frozenset[str]] = []


@lru_cache(maxsize=32)
def parse_names(value: str) -> frozenset[str]:
    """Return the names of a comma-separated list (blanks dropped)."""
    return frozenset(n.strip() for n in value.split(",") if n.strip())


def disabled_names() -> frozenset[str]:
    """Return the component and rule names listed in ``KG_DISABLE``.

    >>> import os; os.environ["KG_DISABLE"] = "kg_roles, titled_person"
    >>> sorted(disabled_names())
    ['kg_roles', 'titled_person']
    >>> del os.environ["KG_DISABLE"]
    """
    if _PINNED:
        return _PINNED[-1]
    return parse_names(os.environ.get(ENV_VAR, ""))


def reads_disabled_once(component: F) -> F:
    """Decorate a pipeline component so the rules it runs use the ``KG_DISABLE`` it read as
    it started, instead of reading the environment at each of their calls.

    >>> @rule("doctest_loud", off=PASS_THROUGH)
    ... def loud(text): return text + "!"
    >>> @reads_disabled_once
    ... def component(doc): return [loud(doc) for _ in range(2)]
    >>> import os; os.environ["KG_DISABLE"] = "doctest_loud"
    >>> component("doc")
    ['doc', 'doc']
    >>> del os.environ["KG_DISABLE"]; component("doc")
    ['doc!', 'doc!']
    """

    @functools.wraps(component)
    def run(*args: Any, **kwargs: Any) -> Any:
        _PINNED.append(parse_names(os.environ.get(ENV_VAR, "")))
        try:
            return component(*args, **kwargs)
        finally:
            _PINNED.pop()

    return run  # type: ignore[return-value]


def rule_enabled(name: str) -> bool:
    """Return False when the rule (or component) ``name`` is listed in ``KG_DISABLE``."""
    return name not in disabled_names()


def rule(name: str, off: Any = False) -> Callable[[F], F]:
    """Register a function as the rule ``name``; when disabled it returns ``off`` (or its
    first argument, for ``off=PASS_THROUGH``) without running.

    >>> @rule("doctest_shout", off=PASS_THROUGH)
    ... def shout(text): return text.upper()
    >>> import os; os.environ["KG_DISABLE"] = "doctest_shout"
    >>> shout("quiet")
    'quiet'
    >>> del os.environ["KG_DISABLE"]; shout("quiet")
    'QUIET'
    """

    def decorate(func: F) -> F:
        RULES[name] = f"{func.__module__}.{func.__qualname__}"
        SUMMARIES[name] = " ".join((func.__doc__ or "").strip().split("\n\n")[0].split())

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            off_value = args[0] if off is PASS_THROUGH else off
            if name in (_PINNED[-1] if _PINNED else disabled_names()):
                return off_value
            result = func(*args, **kwargs)
            if _FIRED and not _same(result, off_value):
                _FIRED[-1][name] += 1
            return result

        return wrapper  # type: ignore[return-value]

    return decorate


def _same(result: Any, off_value: Any) -> bool:
    """Return whether a rule's result equals what it returns when off (unsure: False)."""
    try:
        return bool(result == off_value)
    except (TypeError, ValueError):
        return False


@contextmanager
def recording_fired() -> Iterator[Counter]:
    """Count, per rule, the calls whose result differs from the rule's off value while the
    block runs: a rule with no count there would not have changed a thing.

    >>> @rule("doctest_even")
    ... def even(n): return n % 2 == 0
    >>> with recording_fired() as fired:
    ...     _ = [even(n) for n in range(5)]
    >>> fired["doctest_even"]
    3
    """
    _FIRED.append(Counter())
    try:
        yield _FIRED[-1]
    finally:
        _FIRED.pop()


def rule_summaries() -> dict[str, str]:
    """Return registered rule name → what the rule does, sorted by name."""
    return {name: SUMMARIES.get(name, "") for name in sorted(RULES)}


def unknown_names(names: frozenset[str] | set[str], components: list[str]) -> list[str]:
    """Return the names that are neither a pipeline component nor a registered rule."""
    return sorted(n for n in names if n not in components and n not in RULES)
