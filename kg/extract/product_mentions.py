"""Products named again: the article's other mentions of the products it names, where NER
left them out ("the Pixelbook Nova" written a second time, "A380" after "Airbus A380",
"Dreamliner" after "Boeing 787 Dreamliner"), and one product's name written in another case
("Veltro nano" beside "Veltro Nano"). The products themselves are found by
:mod:`kg.extract.products`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.ablation import PASS_THROUGH, rule
from kg.extract.doc_memo import token_texts, tokens
from kg.extract.products import (
    AMOUNT_TYPES,
    CODED_MODEL_RE,
    STANDALONE_MODEL_RE,
    brand_names,
    variant_designation,
)


def missed_products(doc: Doc, spans: list[Span]) -> list[Span]:
    """Return product mentions NER left out: brand-shaped names in no entity, then the
    article's other mentions of its products."""
    brands = brand_names(doc, spans)
    return brands + product_repeats(doc, spans + brands)



@rule("product_repeats", off=[])
def product_repeats(doc: Doc, spans: list[Span]) -> list[Span]:
    """Return more mentions of the article's products, where no actor mention is: each
    product name written again ("the Pixelbook Nova" after NER took it once), and the model
    designation of a product alone ("A380" after "Airbus A380")."""
    forms: set[tuple[str, ...]] = set()
    for span in spans:
        if span.label_ != "Product" or span._.kg_product_label_only:
            continue  # a name only the model's label calls a product is not spread
        forms.add(tuple(t.text for t in span))
        forms.update(_short_forms(span))
    if not forms:
        return []
    covered = {i for s in spans for i in range(s.start, s.end)}
    found: list[Span] = []
    longest = max(len(f) for f in forms)
    texts, toks = token_texts(doc), tokens(doc)
    i = 0
    while i < len(doc):
        match = next((n for n in range(longest, 0, -1) if i + n <= len(doc)
                      and texts[i:i + n] in forms
                      and not any(k in covered or toks[k].ent_type_ in AMOUNT_TYPES
                                  for k in range(i, i + n))
                      and not (n == 1 and _counts_something(toks[i]))), 0)
        if match:
            end = i + match
            if variant_designation(toks[end - 1]) and not any(
                    k in covered for k in range(end, end + 2)):
                end += 2  # "the 737-800 range" after "Boeing 737"
            found.append(Span(doc, i, end, label="Product"))
            i = end
        else:
            i += 1
    return found


@rule("product_case_variants", off=PASS_THROUGH)
def with_case_variants(spans: list[Span]) -> list[Span]:
    """Return ``spans`` with a mention stretched over the lower-case words after it that the
    article writes capitalised in one of its product names: the product's words in another
    case ("Veltro nano", typed anything, beside the product "Veltro Nano"), or a product's
    brand before another product's name ("iPod nano" beside "Nano" alone). One name in two
    cases is one product, and the product's node, keyed without case, takes both (names a
    model's label alone calls products are no evidence)."""
    names = {tuple(t.lower_ for t in s) for s in spans
             if s.label_ == "Product" and not s._.kg_product_label_only}
    if not names:
        return spans
    covered = {i for s in spans for i in range(s.start, s.end)}
    longest = max(len(n) for n in names)
    return [_stretched(span, end) if (end := _case_variant_end(span, names, covered, longest))
            > span.end else span for span in spans]


def _case_variant_end(span: Span, names: set[tuple[str, ...]], covered: set[int],
                      longest: int) -> int:
    """Return where a mention ends once the longest run of lower-case words after it that
    completes one of ``names`` is taken in: the mention's words and the run, or for a
    product the run alone; ``span.end`` when none does."""
    doc = span.doc
    head = tuple(t.lower_ for t in span)
    run = span.end
    while run < len(doc) and run - span.end < longest and run not in covered and \
            doc[run].is_alpha and doc[run].is_lower:
        run += 1
    for end in range(run, span.end, -1):
        tail = tuple(t.lower_ for t in doc[span.end:end])
        if head + tail in names or (span.label_ == "Product" and tail in names):
            return end
    return span.end


def _stretched(span: Span, end: int) -> Span:
    """Return a mention ending at ``end`` as a product, keeping its evidence flag."""
    out = Span(span.doc, span.start, end, label="Product")
    out._.kg_product_label_only = span._.kg_product_label_only
    return out


def _counts_something(token: Token) -> bool:
    """Return True for a number that counts the noun after it ("747 new orders", "787
    employees"), not a model named by its number ("the 787 flew")."""
    return token.is_digit and token.dep_ == "nummod"


def _short_forms(span: Span) -> set[tuple[str, ...]]:
    """Return the words a product's name is shortened to, singular and plural: its model
    designation ("A380" of "Airbus A380", "787" of "Boeing 787") and a name after the
    designation ("Dreamliner" of "Boeing 787 Dreamliner")."""
    out: set[tuple[str, ...]] = set()
    for k, token in enumerate(span):
        text = token.text
        designation = STANDALONE_MODEL_RE.match(text) or (
            k > 0 and text.isdigit() and len(text) >= 3 and not text.endswith("00")
            and span[0].is_alpha) or (  # "Boeing 787", not the index "FTSE 100"
            k > 0 and CODED_MODEL_RE.match(text))  # "YU7" of "Xiaomi YU7"
        named = k > 0 and len(text) > 2 and token.is_title and token.is_alpha and any(
            t.like_num or any(c.isdigit() for c in t.text) for t in span[:k])
        if designation or named:
            out.update({(text,), (text + "s",)})
    return out
