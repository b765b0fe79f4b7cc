"""Name keys: the one home of how kgraph compares and identifies names.

Each function is one genuinely different key, used where its trade-off fits:

* :func:`slugify`: the stable id of a name ("Shin Won-sik" -> "shin_won_sik"); ids of entities
  without a Wikidata QID;
* :func:`person_key`: spelling-insensitive key of a person's name, ignoring spaces, hyphens and
  suffixes ("Kim Jong-un" == "Kim Jong Un"); the resolver's person lookup;
* :func:`straight_quotes`: typographic apostrophes as ASCII ones, offsets unchanged; the
  gazetteer's text normalisation;
* :func:`lookup_key`: what two spellings share for the analyst's API (``KnowledgeGraph.find``):
  ASCII, lower case, no punctuation, no leading "the" ("the U.S." -> "us");
* :func:`gold_key`: the evaluation's name match against gold annotations: lower case, punctuation
  as spaces, Unicode letters kept, no leading "the" ("The U.S." -> "u s").

Examples
--------
>>> slugify("Shin Won-sik"), person_key("Kim Jong-un") == person_key("Kim Jong Un")
('shin_won_sik', True)
>>> lookup_key("the U.S."), gold_key("The  U.S.")
('us', 'u s')
"""
from __future__ import annotations

import re
from collections.abc import Collection

from anyascii import anyascii


def slugify(text: str) -> str:
    """ASCII, lower-case, underscore-joined: the stable id of a name.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        Never empty: "x" when nothing is left.

    Letters outside ASCII are transliterated (the ``anyascii`` library), never dropped: "Đ"
    is "D", "ß" is "ss", Cyrillic and Chinese are romanised.

    Examples
    --------
    >>> slugify("Korean Central News Agency"), slugify("Kim Jong\\u2019un"), slugify("???")
    ('korean_central_news_agency', 'kim_jong_un', 'x')
    >>> slugify("\u0110\u1eb7ng V\u0103n Th\u00e0nh"), slugify("\u0412\u043b\u0430\u0434\u0438\u043c\u0438\u0440 \u041f\u0443\u0442\u0438\u043d")
    ('dang_van_thanh', 'vladimir_putin')
    """
    text = anyascii(text.replace("\u2019", "'")).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "x"


def person_key(name: str, suffixes: Collection[str] = ()) -> str:
    """Spelling-insensitive key of a person's name: ASCII letters only, lower case.

    Parameters
    ----------
    name : str
    suffixes : collection of str
        Lower-case words to drop ("jr", "iii"); the gazetteer passes its ``NAME_SUFFIXES``.

    Examples
    --------
    >>> person_key("Kim Jong-un"), person_key("Martin Luther King Jr.", {"jr."})
    ('kimjongun', 'martinlutherking')
    """
    words = [w for w in re.split(r"[\s]+", name.replace("\u2019", "'")) if w.lower() not in suffixes]
    return re.sub(r"[^a-z]", "", slugify(" ".join(words)))


def straight_quotes(text: str) -> str:
    """Typographic single quotes (U+2019, U+2018) as ASCII apostrophes; the length is unchanged.

    Examples
    --------
    >>> straight_quotes("Kim Jong\\u2019un")
    "Kim Jong'un"
    """
    return text.replace("\u2019", "'").replace("\u2018", "'")


def lookup_key(name: str) -> str:
    """What two spellings of a name share: ASCII, lower case, no punctuation, no leading "the".

    Dots and apostrophes vanish ("U.S." -> "us"), other runs of non-alphanumerics become one space.

    Examples
    --------
    >>> lookup_key("The D.P.R.K."), lookup_key("São Tomé"), lookup_key("Đặng")
    ('dprk', 'sao tome', 'dang')
    """
    text = anyascii(name).lower()  # transliterated: "Đặng" is "dang", not "ang"
    text = re.sub(r"[.\u2019']", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def gold_key(name: str) -> str:
    """The evaluation's name key: lower case, punctuation as spaces, spaces collapsed, no leading "the".

    Unlike :func:`lookup_key` it keeps accents and splits at dots, as the gold annotations'
    convention (FORMAT.md) asks.

    Examples
    --------
    >>> gold_key("The  U.S."), gold_key("Kim Jong\\u2019un") == gold_key("kim jong'un")
    ('u s', True)
    """
    text = name.lower().replace("\u2019", "'")
    text = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()
    return text[4:] if text.startswith("the ") else text
