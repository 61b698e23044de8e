"""Run the spaCy model once per text: keep its documents on disk, run kg's own steps again.

kg's pipeline has two parts. The *model stage* is every pipe before kg's post-model
components (:data:`kg.nlp.KG_COMPONENTS`): ``kg_boilerplate`` (sentence starts, datelines),
the model's tagger and parser, ``kg_entity_ruler`` and the NER. kg's components then read
what the model wrote. An evaluation that switches kg's rules off one by one
(``bench/run_ablation.py``) needs the model stage once per text, not once per rule.

:func:`cached_docs` returns the documents after the pipes before a *stop*: ``kg_entity_ruler``
(the parse, before kg's patterns) or the first of kg's components (the model stage). Each is
stored as ``Doc.to_bytes()`` in ``DIR/<stage fingerprint>/<text hash>.doc``. The fingerprint
changes with everything that can change those documents: spaCy's version, the model's name,
version and pipes, the entity ruler's patterns, and the source (and switched-off rules) of
kg's modules that run in the stage. :func:`run_after` runs the rest of the pipeline on them.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.ablation import RULES, disabled_names
from kg.nlp import KG_COMPONENTS, suffix_pattern

#: Cache stops, earliest first: the parse (before kg's entity patterns), the model stage.
RULER = "kg_entity_ruler"
MODEL_STAGE = KG_COMPONENTS[0]
#: Bumped when the stored form changes.
CACHE_FORMAT = 1

Pair = tuple[Doc, Any]


def stage_pipes(nlp: Language, stop: str) -> list[str]:
    """Return the enabled pipes that come before ``stop`` (enabled or not) in the pipeline."""
    order = list(nlp.component_names)
    before = order[:order.index(stop)] if stop in order else order
    return [n for n in before if n in nlp.pipe_names]


def pipes_from(nlp: Language, start: str, stop: str | None = None) -> list[str]:
    """Return the enabled pipes from ``start`` (or from the first after it that is enabled)
    up to, not including, ``stop``."""
    order = list(nlp.component_names)
    first = order.index(start) if start in order else len(order)
    last = order.index(stop) if stop and stop in order else len(order)
    return [n for n in order[first:last] if n in nlp.pipe_names]


@lru_cache(maxsize=64)
def kg_module_closure(module: str) -> tuple[str, ...]:
    """Return ``module`` and every kg module it imports, directly or not (read from the
    source, so constants imported by name count too), sorted."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):  # a name imported from a module, not a module
            continue
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            continue
        seen.add(name)
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            else:
                continue
            todo += [f for f in found if f == "kg" or f.startswith("kg.")]
    return tuple(sorted(seen))


def _source_digest(modules: Iterable[str]) -> str:
    """Return a digest of the source files of ``modules``."""
    digest = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        digest.update(name.encode())
        digest.update(Path(spec.origin).read_bytes())  # type: ignore[union-attr,arg-type]
    return digest.hexdigest()


def stage_rules(nlp: Language, stop: str) -> frozenset[str]:
    """Return the registered rules defined in the kg modules that kg's pipes before ``stop``
    (other than the entity ruler, whose patterns are fingerprinted as such) run."""
    modules = {m for name in stage_pipes(nlp, stop) for m in _pipe_modules(nlp, name)}
    return frozenset(r for r, target in RULES.items() if target.rsplit(".", 1)[0] in modules)


def _pipe_modules(nlp: Language, name: str) -> tuple[str, ...]:
    """Return the kg modules a kg-made pipe's code comes from (none for the model's own)."""
    pipe = nlp.get_pipe(name)
    module = getattr(pipe, "__module__", None) or type(pipe).__module__
    return kg_module_closure(module) if module.startswith("kg.") else ()


def _pipe_fingerprint(nlp: Language, name: str) -> Any:
    """Return what identifies one pipe's work: its config, and for kg's pipes the entity
    ruler's patterns or the source digest of its modules."""
    pipe = nlp.get_pipe(name)
    part: dict[str, Any] = {"name": name, "config": nlp.get_pipe_config(name)}
    if name == RULER:
        part["patterns"] = sorted(json.dumps(p, sort_keys=True) for p in pipe.patterns)
    modules = _pipe_modules(nlp, name)
    if modules:
        part["source"] = _source_digest(modules)
    return part


def stage_fingerprint(nlp: Language, stop: str) -> str:
    """Return the digest naming the documents the pipes before ``stop`` make: spaCy's and
    the model's versions, each pipe, and the stage's rules switched off by ``KG_DISABLE``."""
    meta = nlp.meta
    parts = {
        "format": CACHE_FORMAT, "spacy": spacy.__version__,
        "model": [meta.get("lang"), meta.get("name"), meta.get("version")],
        "pipes": [_pipe_fingerprint(nlp, n) for n in stage_pipes(nlp, stop)],
        "suffixes": suffix_pattern(nlp),  # kg extends them ("AT&T.")
        "disabled": sorted(disabled_names() & stage_rules(nlp, stop)),
    }
    blob = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def text_key(text: str) -> str:
    """Return the file name of a text's document in a stage's cache folder."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ".doc"


def run_pipes(nlp: Language, pairs: Iterable[Pair], names: Sequence[str],
              batch_size: int = 16) -> Iterator[Pair]:
    """Yield the documents of ``pairs`` after the pipes ``names`` of ``nlp`` (in order)."""
    docs = ((doc, meta) for doc, meta in pairs)
    for name in names:
        docs = _pipe_one(nlp.get_pipe(name), docs, batch_size)
    yield from docs


def _pipe_one(pipe: Any, pairs: Iterator[Pair], batch_size: int) -> Iterator[Pair]:
    """Yield ``pairs`` after one pipe (batched when the pipe batches)."""
    if not hasattr(pipe, "pipe"):
        for doc, meta in pairs:
            yield pipe(doc), meta
        return
    batch: list[Pair] = []
    for pair in pairs:
        batch.append(pair)
        if len(batch) == batch_size:
            yield from zip(pipe.pipe([d for d, _ in batch], batch_size=batch_size),
                           [m for _, m in batch], strict=True)
            batch = []
    if batch:
        yield from zip(pipe.pipe([d for d, _ in batch], batch_size=batch_size),
                       [m for _, m in batch], strict=True)


def _load(nlp: Language, path: Path, fresh: Doc) -> Doc:
    """Return the stored document, with the values set on the fresh document before the
    pipeline ran (the article's publication date) taken from the fresh one."""
    annotations, user_data = pickle.loads(path.read_bytes())  # our own files, see _write
    doc = Doc(nlp.vocab).from_bytes(annotations)
    doc.user_data = user_data
    doc.user_data.update(fresh.user_data)
    return doc


def _write(path: Path, doc: Doc) -> None:
    """Store a document: its annotations as ``Doc.to_bytes``, its extension values pickled
    (msgpack would turn their tuples into lists). Written through a temporary file, so a
    reader never sees half of one."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps((doc.to_bytes(exclude=["user_data"]), doc.user_data)))
    tmp.replace(path)


def cached_docs(nlp: Language, pairs: Sequence[Pair], directory: Path, stop: str = MODEL_STAGE,
                batch_size: int = 16) -> list[Pair]:
    """Return ``pairs`` (fresh documents from ``nlp.make_doc``, with their records) after the
    pipes before ``stop``: read from ``directory`` when stored, else computed and stored.

    Missing model-stage documents start from stored parses (stop ``kg_entity_ruler``) when
    the pipeline has that stop, so a change of kg's patterns reruns only the ruler and NER.
    """
    folder = Path(directory) / stop / stage_fingerprint(nlp, stop)
    paths = [folder / text_key(doc.text) for doc, _ in pairs]
    missing = [i for i, p in enumerate(paths) if not p.is_file()]
    done: dict[int, Doc] = {}
    if missing:
        todo = [pairs[i] for i in missing]
        pipes = stage_pipes(nlp, stop)
        if stop != RULER and RULER in nlp.component_names:
            todo = cached_docs(nlp, todo, directory, RULER, batch_size)
            pipes = pipes_from(nlp, RULER, stop)
        folder.mkdir(parents=True, exist_ok=True)
        for i, (doc, _) in zip(missing, run_pipes(nlp, todo, pipes, batch_size), strict=True):
            _write(paths[i], doc)
            done[i] = doc
    return [(done[i] if i in done else _load(nlp, paths[i], doc), meta)
            for i, (doc, meta) in enumerate(pairs)]


def run_after(nlp: Language, pairs: Iterable[Pair], stop: str = MODEL_STAGE,
              names: Sequence[str] | None = None, batch_size: int = 16) -> Iterator[Pair]:
    """Yield copies of documents that went through the pipes before ``stop``, after the rest
    of the pipeline (or only the pipes ``names`` of it, in pipeline order)."""
    rest = pipes_from(nlp, stop)
    if names is not None:
        rest = [n for n in rest if n in names]
    copies = ((doc.copy(), meta) for doc, meta in pairs)
    yield from run_pipes(nlp, copies, rest, batch_size)


@lru_cache(maxsize=1)
def load_time_rules() -> frozenset[str]:
    """Return the rules read when the pipeline is built (the entity ruler's patterns): with
    one of them off the pipeline must be loaded again; every other rule reads ``KG_DISABLE``
    each time it runs."""
    from kg.ablation import recording_fired
    from kg.extract.actor_patterns import ruler_patterns

    with recording_fired() as fired:
        ruler_patterns()
    return frozenset(fired)


def pipeline_for_disabled(model: str | None = None) -> Language:
    """Return the pipeline for the components and rules ``KG_DISABLE`` switches off now:
    loaded with them when one is a component or a load-time rule, else the all-on pipeline
    (its rules read ``KG_DISABLE`` as they run), so an ablation loads the model once."""
    from kg.nlp import load_pipeline

    disabled = disabled_names()
    if disabled - set(RULES) or disabled & load_time_rules():
        return load_pipeline(model)
    return load_pipeline(model, disabled=frozenset())


class DocCache:
    """Model-stage documents stored under ``directory`` (and, with ``keep``, kept in memory
    for the process), and kg's extractions made from them."""

    def __init__(self, directory: Path, keep: bool = False) -> None:
        self.directory = Path(directory)
        self.keep = keep
        self._kept: dict[tuple[str, str], list[Pair]] = {}

    def docs(self, nlp: Language, pairs: Sequence[Pair]) -> list[Pair]:
        """Return the model-stage documents of ``pairs`` (fresh documents and records)."""
        if not self.keep:
            return cached_docs(nlp, pairs, self.directory)
        texts = "\0".join(f"{d.text}\0{sorted(d.user_data.items())!r}" for d, _ in pairs)
        key = (stage_fingerprint(nlp, MODEL_STAGE), hashlib.sha256(texts.encode()).hexdigest())
        if key not in self._kept:
            self._kept[key] = cached_docs(nlp, pairs, self.directory)
        return [(doc, meta) for (doc, _), (_, meta) in zip(self._kept[key], pairs, strict=True)]

    def extractions(self, articles: Iterable[Any], model: str | None = None,
                    names: Sequence[str] | None = None, batch_size: int = 16) -> list[Any]:
        """Return kg's :class:`~kg.model.Extraction` of each article with the components and
        rules ``KG_DISABLE`` switches off now: the same as :func:`kg.pipeline.extract_articles`
        gives, with the model run only on texts (and stage settings) not stored yet.
        ``names`` limits kg's post-model components to those (in pipeline order)."""
        from kg.nlp import model_label
        from kg.pipeline import article_docs, doc_extractions

        nlp = pipeline_for_disabled(model)
        pairs = self.docs(nlp, list(article_docs(nlp, articles)))
        annotated = run_after(nlp, pairs, names=names, batch_size=batch_size)
        return list(doc_extractions(annotated, model_label(nlp)))
