"""The unit of work below every engine: a document and its parse in, an :class:`Extraction` out.

``extract_document`` is a pure function of (document, parse, knowledge base): it
resolves the mentions to entities (:mod:`kgraph.resolve`), reads the relations
(:mod:`kgraph.extract`) and returns both in one record.  ``extract_stream`` feeds
it from ``nlp.pipe``.  The engines (:mod:`kgraph.engines`) run one or the other in
this process, in worker processes or on a Dask cluster; none of them merges.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract_relations
from .knowledge import KnowledgeBase
from .markup import mask_markup
from .model import Document, Extraction
from .resolve import resolve_document

#: Documents per nlp.pipe batch: large enough for throughput, small enough for memory.
BATCH_SIZE = 32


def extract_document(document: Document, parsed: Doc, kb: KnowledgeBase) -> Extraction:
    """Everything read from one document: its entities, mentions and relations.

    Parameters
    ----------
    document : Document
        The document whose text ``parsed`` is.
    parsed : spacy.tokens.Doc
        ``document.text`` (its markup blanked, :func:`kgraph.markup.mask_markup`: same
        offsets) run through the pipeline of :func:`kgraph.nlp.load_pipeline`
        (with or without a dependency parse: without one, relations come from the
        trigger-window fallback).
    kb : KnowledgeBase
        The knowledge from ``ontologies/`` (:func:`kgraph.knowledge.load_knowledge`).

    Returns
    -------
    Extraction
        The entities the document names (those resolution found, then those
        extraction added: the states that only a place named), every mention with the sieve that made it, and the
        relations: office holdings first, then those the trigger lexicons read.

    Examples
    --------
    >>> from kgraph.knowledge import load_knowledge
    >>> from kgraph.nlp import load_pipeline
    >>> text = "Japan and Australia signed a defence pact in Tokyo on Monday."
    >>> e = extract_document(Document("pact", text), load_pipeline()(text), load_knowledge())
    >>> sorted(entity.label for entity in e.entities)[:2]
    ['Australia', 'Japan']
    """
    # Names are read as of the document's date ("Moscow" in 1962 is the Soviet Union's capital).
    kb = replace(kb, gazetteer=kb.gazetteer.on(document.date))
    resolution = resolve_document(document, parsed, kb)
    extracted = extract_relations(document, parsed, resolution, kb)
    return Extraction(document=document, entities=resolution.entities + extracted.entities,
                      mentions=resolution.mentions, relations=resolution.offices + extracted.relations)


def extract_stream(documents: Iterable[Document], nlp: Language, kb: KnowledgeBase,
                   batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """Parse ``documents`` in batches of ``batch_size`` and extract them one at a time, in input order.

    The pipeline reads each text with its markup blanked (:func:`kgraph.markup.mask_markup`).

    Parameters
    ----------
    documents : iterable of Document
        Read lazily; nothing is kept once its extraction is yielded.
    nlp : spacy.language.Language
        The pipeline that parses the texts (:func:`kgraph.nlp.load_pipeline`).
    kb : KnowledgeBase
        The knowledge from ``ontologies/``.
    batch_size : int, optional
        Documents per ``nlp.pipe`` batch (default :data:`BATCH_SIZE`).

    Returns
    -------
    iterator of Extraction
        One per document, in the order of ``documents`` (see :func:`extract_document`).
    """
    for parsed, document in nlp.pipe(((mask_markup(d.text), d) for d in documents), as_tuples=True,
                                     batch_size=batch_size):
        yield extract_document(document, parsed, kb)
