"""Extract article files without a store: ``kg extract`` and :func:`kg.api.extract`.

Kept apart from :mod:`kg.build` so that extracting loads neither the build history
(SQLite), the copies index nor the re-linking of a store: ``kg extract`` starts with
what extraction needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from kg.ingest import IngestError, Skipped, read_articles
from kg.link import ActorLinker, EventLinker
from kg.model import Extraction
from kg.parallel import extract_in_order


def extract_paths(paths: Sequence[str], *, published: str | None = None,
                  model: str | None = None, keep_going: bool = False,
                  on_error: Callable[[IngestError], None] | None = None,
                  on_skip: Callable[[Skipped], None] | None = None,
                  workers: int = 1, scheduler: str | None = None,
                  ) -> Iterator[Extraction]:
    """Yield extractions for article files without a store, linking actors across them
    (extraction in ``workers`` processes or on a Dask ``scheduler``, linking here in order)."""
    articles = read_articles(paths, published=published,
                             on_error=on_error if keep_going else None, on_skip=on_skip)
    linker, events = ActorLinker(), EventLinker()
    for extraction in extract_in_order(articles, workers=workers, scheduler=scheduler,
                                       model=model):
        linked = linker.link(extraction)
        events.learn(linked)
        yield events.link(linked)
