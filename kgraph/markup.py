"""Markup-looking text in news (HTML comments, tags, a stray ``<img``): kept as text, read as blanks.

Scraped articles carry leftovers such as ``<!-- ad slot -->``, ``<b>drones</b>`` or a literal
``<img``. kgraph never interprets them: the document, the evidence sentences and the viewer keep
them verbatim, as text. The NLP stage reads :func:`mask_markup` of the text instead, where each
such stretch is blanked to spaces of the same length, so offsets do not move,
and markup can be neither an argument (a "transferred object" ``comment`` or ``<img src=``) nor
a sentence boundary.

Examples
--------
>>> mask_markup("Russia sent <b>drones</b> to Iran.")
'Russia sent    drones     to Iran.'
"""
from __future__ import annotations

import re

#: What reads as markup: a script or style element with its content, an HTML comment (to its end, or to the end of its line when unclosed),
#: a stray comment end, a tag with its attributes, and a tag's start that is never closed ("<img").
MARKUP = re.compile(r"""
    <(script|style)\b[^<>]*>.*?</\1\s*>
  | <!--(?:.*?-->|[^\n]*)
  | -->
  | </?[A-Za-z][\w:-]*(?:\s[^<>]{0,500}?)?/?>
  | </?[A-Za-z][\w:-]*(?=[\s/]|$)
""", re.VERBOSE | re.DOTALL | re.MULTILINE | re.IGNORECASE)


def markup_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) character offsets of the markup-looking stretches of ``text``, in order.

    Examples
    --------
    >>> markup_spans("a <!-- b --> c <img")
    [(2, 12), (15, 19)]
    >>> markup_spans("x <script>alert(1)</script> y")
    [(2, 27)]
    """
    return [m.span() for m in MARKUP.finditer(text)]


def mask_markup(text: str) -> str:
    """``text`` with every markup-looking stretch blanked: same length, and a line break inside
    markup (``<img\\nsrc=x>``) no longer ends a sentence.

    Parameters
    ----------
    text : str
        A document's text.

    Returns
    -------
    str
        The text the NLP pipeline reads; ``text`` itself when it holds no markup.
    """
    if "<" not in text and "-->" not in text:
        return text
    return MARKUP.sub(lambda m: " " * len(m.group()), text)
