"""What kg reads from a spaCy model's files before loading it, to load only what it runs.

Two things spaCy's defaults build at every load only to throw away:

* components the model ships switched off (``senter`` in spaCy's English models, whose
  parser splits the sentences): kg never switches them on, so they are excluded (~0.05 s);
* the language's default tokenizer (its ~1,300 exceptions and its prefix, suffix and infix
  rules), which the model's own saved tokenizer replaces as soon as it is read from disk:
  for a model that saves one, kg starts from an empty tokenizer instead (~0.1 s).

The pipeline is the same either way: the tokenizer's rules all come from the model's files.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

#: The tokenizer factory of spaCy's own pipelines, the one :data:`TOKENIZER_FROM_DISK` stands
#: in for.
SPACY_TOKENIZER = "spacy.Tokenizer.v1"
TOKENIZER_FROM_DISK = "kg.TokenizerFromDisk.v1"


@spacy.registry.tokenizers(TOKENIZER_FROM_DISK)
def tokenizer_from_disk():
    """Return a factory of empty tokenizers, for models whose tokenizer is read from disk
    right after (spaCy's ``from_disk`` resets and replaces every rule)."""

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

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


def load_options(name: str) -> dict[str, Any]:
    """Return the ``spacy.load`` arguments that leave out what kg never runs or what the
    model's files replace at once (none when the model's files cannot be read)."""
    files = model_files(name)
    if files is None:
        return {}
    meta, folder = files
    options: dict[str, Any] = {"exclude": shipped_disabled(meta)}
    if saves_default_tokenizer(folder):
        options["config"] = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_FROM_DISK}}}
    return options
