"""Words of products: product and machine nouns, launch verbs, parts, variants, colours.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

#: Nouns for products and works: a name right after one, or in apposition to one, is not an
#: actor ("web browser Safari", "Tiger, the newest version of ...").
PRODUCT_NOUNS: frozenset[str] = frozenset(
    """version release browser software program programme application app system device
    product update edition kernel phone smartphone computer laptop notebook tablet console
    album song film movie brand platform aircraft jet plane airliner engine vehicle car truck
    processor chip""".split()
)


#: Verbs whose object is a product brought out or withdrawn; a name the model called a company
#: is a product there, as are the names joined to it ("Apple introduces iPhone and Apple TV").
LAUNCH_VERBS: frozenset[str] = frozenset(
    "unveil launch debut preorder pre-order introduce release discontinue".split())


#: Verbs whose subject is a product ("The Macbook features a 13-inch display").
PRODUCT_FEATURE_VERBS: frozenset[str] = frozenset("feature weigh".split())


#: Nouns of a product's parts, after its possessive ("the Veltro X's screen").
PRODUCT_PART_NOUNS: frozenset[str] = frozenset(
    """screen display touchscreen battery keyboard camera antenna processor fuselage wing
    wings wingspan cockpit engines successor predecessor""".split())


#: Nouns for machines: a name said to be one is a product ("The Surface Book is a thin
#: laptop").
MACHINE_NOUNS: frozenset[str] = frozenset(
    """phone smartphone handset computer laptop notebook desktop tablet console device
    aircraft jet plane airplane airliner car vehicle truck processor chip browser watch
    smartwatch""".split())


#: Nouns for the people who use a product, after its name ("Macintosh users").
PRODUCT_USER_NOUNS: frozenset[str] = frozenset("users owners".split())


#: Plural nouns for devices and software: an organisation-like name only ever written before
#: one names a product line ("MacBook Air laptops"), not a company.
DEVICE_NOUNS: frozenset[str] = frozenset(
    "laptops computers notebooks desktops tablets phones smartphones handsets consoles".split()
)


#: Colour words: a product's finish in a list of colours ("in Black and White"), never an
#: actor there (a closed class, so a list rather than a package).
COLOUR_WORDS: frozenset[str] = frozenset(
    """black white red blue green yellow orange purple pink brown grey gray silver gold
    bronze beige ivory navy crimson violet graphite champagne""".split())


#: Nouns for one variant of a product after its name ("the Video version", "the Pro
#: model"): a name the article writes only before one of them is a product.
VARIANT_NOUNS: frozenset[str] = frozenset(
    "version versions edition editions model models variant variants".split())
