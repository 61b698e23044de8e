"""Word lists the extractors share, one module per job: speech, events, modality, people,
organisations, products, places, page lines (demonyms are :mod:`kg.demonyms`)."""
