"""kg's spaCy pipeline components; importing this package registers them.

Order: ``kg_boilerplate`` → (model + ``kg_entity_ruler`` + ``kg_gazetteer_guard`` + ``ner``)
→ ``kg_furniture`` → ``kg_model_names`` → ``kg_actors`` → ``kg_resolve`` → ``kg_roles`` →
``kg_dates`` → ``kg_quotes`` → ``kg_events``.
"""

from kg.extract import (
    actors,
    boilerplate,
    dates,
    entity_ruler,
    events,
    furniture,
    gazetteer_guard,
    model_names,
    quotes,
    resolve,
    roles,
)
from kg.extract.quotes import said_on  # noqa: E402  (registers the statement-date rule)

__all__ = ["actors", "boilerplate", "dates", "entity_ruler", "events", "furniture",
           "gazetteer_guard", "model_names", "quotes", "resolve", "roles", "said_on"]
