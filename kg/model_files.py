"""What kg reads from a spaCy model's files before loading it, to load only what it runs.

Two things spaCy's defaults build at every load only to throw away:

* components the model ships switched off (``senter`` in spaCy's English models, whose
  parser splits the sentences): kg never switches them on, so they are excluded (~0.05 s);
* the language's default tokenizer (its ~1,300 exceptions and its prefix, suffix and infix
  rules), which the model's own saved tokenizer replaces as soon as it is read from disk:
  for a model that saves one, kg starts from an empty tokenizer instead (~0.1 s);
* kg's extra suffix rule (see :data:`kg.nlp.AMPERSAND_NAME_PERIOD`) is joined to the saved
  suffix rule as the saved tokenizer is read, before its ~1,300 special cases are built:
  set afterwards, spaCy builds them all a second time (~0.08 s);
* the saved tokenizer's regular expressions are built from kg's cache of their compiled
  code (:mod:`kg.regex_cache`), equal to ``re.compile``'s (~0.05 s).

The pipeline is the same either way: the tokenizer's rules all come from the model's files
(plus kg's extra suffixes, the same as when they are set after loading).
"""

from __future__ import annotations

import configparser
import importlib.util
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from kg.regex_cache import compile_all

#: The tokenizer factory of spaCy's own pipelines, the one :data:`TOKENIZER_FROM_DISK` stands
#: in for.
SPACY_TOKENIZER = "spacy.Tokenizer.v1"
TOKENIZER_FROM_DISK = "kg.TokenizerFromDisk.v1"


def with_suffixes(pattern: str, suffixes: Sequence[str]) -> str:
    """Return the suffix regular expression ``pattern`` with each of ``suffixes`` it lacks
    joined as one more alternative ("" for no pattern: the suffixes alone)."""
    for suffix in suffixes:
        if suffix not in pattern:
            pattern = f"{pattern}|{suffix}" if pattern else suffix
    return pattern


#: The regular expressions of a saved tokenizer, and the method of each that the tokenizer
#: calls.
_EXPRESSIONS = {"prefix_search": "search", "suffix_search": "search",
                "infix_finditer": "finditer", "token_match": "match", "url_match": "match"}


class SavedTokenizer(Tokenizer):
    """A tokenizer that starts empty and takes every rule from the saved one it reads, with
    ``extra_suffixes`` joined to the saved suffix rule before the special cases are built
    (spaCy builds them again whenever a rule changes afterwards), and its regular
    expressions compiled from kg's cache of their code (:mod:`kg.regex_cache`)."""

    def __init__(self, vocab, *args, extra_suffixes: Sequence[str] = (), **kwargs) -> None:
        super().__init__(vocab, *args, **kwargs)
        self.extra_suffixes = tuple(extra_suffixes)

    def from_bytes(self, bytes_data: bytes, *, exclude: Sequence[str] = ()) -> SavedTokenizer:
        """Read a saved tokenizer (spaCy's format) as spaCy's ``Tokenizer.from_bytes`` does,
        with the extra suffixes joined and the expressions from the cache."""
        data = srsly.msgpack_loads(bytes_data)
        if not isinstance(data, dict) or ("vocab" in data and "vocab" not in exclude) or (
                set(exclude) - {"vocab"}):  # what kg's load never asks: spaCy's own way
            super().from_bytes(bytes_data, exclude=exclude)
            return self
        if isinstance(data.get("suffix_search"), str):
            data["suffix_search"] = with_suffixes(data["suffix_search"], self.extra_suffixes)
        names = [name for name in _EXPRESSIONS if isinstance(data.get(name), str)]
        compiled = dict(zip(names, compile_all([data[name] for name in names]), strict=True))
        # spaCy's order: the rules emptied first (each change below rebuilds them), the
        # expressions and the heuristics flag, the rules last
        self.rules = {}
        self.prefix_search = self._method(compiled, "prefix_search")
        self.suffix_search = self._method(compiled, "suffix_search")
        self.infix_finditer = self._method(compiled, "infix_finditer")
        self.token_match = self._method(compiled, "token_match")
        self.url_match = self._method(compiled, "url_match")
        if "faster_heuristics" in data:
            self.faster_heuristics = data["faster_heuristics"]
        if isinstance(data.get("exceptions"), dict):
            self.rules = data["exceptions"]
        return self

    @staticmethod
    def _method(compiled: dict[str, Any], name: str) -> Any:
        pattern = compiled.get(name)
        return getattr(pattern, _EXPRESSIONS[name]) if pattern is not None else None


@spacy.registry.tokenizers(TOKENIZER_FROM_DISK)
def tokenizer_from_disk(extra_suffixes: list[str] | None = None):
    """Return a factory of empty tokenizers, for models whose tokenizer is read from disk
    right after (spaCy's ``from_disk`` resets and replaces every rule); ``extra_suffixes``
    are joined to the saved suffix rule as it is read."""

    def make(nlp: Language) -> Tokenizer:
        return SavedTokenizer(nlp.vocab, extra_suffixes=extra_suffixes or ())

    return make


def model_files(name: str) -> tuple[dict[str, Any], Path] | None:
    """Return the meta of the model ``name`` (an installed package or a folder) and the
    folder of its config and weights, or None when they cannot be found or read."""
    folder = Path(name)
    if folder.is_dir():
        root = folder
    else:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.origin:
            return None
        root = Path(spec.origin).parent
    try:
        meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict):
        return None
    if root is not folder:  # a package: the data is in lang_name-version beside its meta
        folder = root / f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    return meta, folder


def shipped_disabled(meta: dict[str, Any]) -> list[str]:
    """Return the components a model's meta says it ships switched off."""
    disabled = meta.get("disabled")
    return [c for c in disabled if isinstance(c, str)] if isinstance(disabled, list) else []


def saves_default_tokenizer(folder: Path) -> bool:
    """Return whether the model in ``folder`` uses spaCy's default tokenizer factory and
    saved its tokenizer (so an empty one can stand in until it is read)."""
    config = configparser.ConfigParser(interpolation=None)
    try:
        config.read_string((folder / "config.cfg").read_text(encoding="utf-8"))
        if config.has_section("nlp.tokenizer"):  # [nlp.tokenizer] @tokenizers = "..."
            factory = json.loads(config.get("nlp.tokenizer", "@tokenizers", fallback='""'))
        else:  # [nlp] tokenizer = {"@tokenizers": "..."}
            factory = json.loads(config.get("nlp", "tokenizer", fallback="{}")).get("@tokenizers")
    except (OSError, UnicodeDecodeError, ValueError, AttributeError, configparser.Error):
        return False
    return factory == SPACY_TOKENIZER and (folder / "tokenizer").is_file()


def load_options(name: str, extra_suffixes: Sequence[str] = ()) -> dict[str, Any]:
    """Return the ``spacy.load`` arguments that leave out what kg never runs or what the
    model's files replace at once (none when the model's files cannot be read), and that
    join ``extra_suffixes`` to a saved tokenizer's suffix rule as it is read."""
    files = model_files(name)
    if files is None:
        return {}
    meta, folder = files
    options: dict[str, Any] = {"exclude": shipped_disabled(meta)}
    if saves_default_tokenizer(folder):
        factory: dict[str, Any] = {"@tokenizers": TOKENIZER_FROM_DISK}
        if extra_suffixes:
            factory["extra_suffixes"] = list(extra_suffixes)
        options["config"] = {"nlp": {"tokenizer": factory}}
    return options
