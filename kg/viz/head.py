"""The start of every kg page: doctype, character set, viewport, the escaped title and the
inlined stylesheets and scripts (no CDN: a page works offline and in notebooks)."""

from __future__ import annotations

import html
from collections.abc import Sequence


def page_head(title: str, styles: Sequence[str] = (), scripts: Sequence[str] = ()) -> str:
    """Return a page's markup up to its ``<body>`` tag: ``title`` escaped, ``styles`` and
    ``scripts`` inlined in order.

    Raises ``ValueError`` if a stylesheet or script would end its element early.

    >>> "<title>a &lt;b&gt;</title>" in page_head("a <b>")
    True
    """
    if any("</style" in s.lower() for s in styles) or any(
            "</script" in s.lower() for s in scripts):
        raise ValueError("a stylesheet or script cannot be inlined (it ends its element)")
    inlined = "".join(f"<style>{s}</style>\n" for s in styles if s) + "".join(
        f"<script>{s}</script>\n" for s in scripts if s)
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n{inlined}</head>\n")
