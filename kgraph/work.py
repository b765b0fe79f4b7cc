"""The unit of work below every engine: a document and its parse in, an :class:`Extraction` out.

``extract_document`` is a pure function of (document, parse, knowledge base): it
resolves the mentions to entities (:mod:`kgraph.resolve`), reads the relations
(:mod:`kgraph.extract`) and returns both in one record.  ``extract_stream`` feeds
it from ``nlp.pipe`` (:func:`parse_stream`). A document longer than :data:`SECTION_CHARS`
(or the pipeline's ``max_length``) is cut at paragraph or sentence boundaries
(:func:`split_text`) into sections, each parsed, resolved and read on its own; their
extractions are joined into the document's one, with offsets of the whole document.  The engines (:mod:`kgraph.engines`) run one or the other in
this process, in worker processes or on a Dask cluster; none of them merges.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract_relations
from .knowledge import KnowledgeBase
from .markup import mask_markup
from .model import Document, Entity, Extraction
from .resolve import resolve_document

#: Documents per nlp.pipe batch: large enough for throughput, small enough for memory.
BATCH_SIZE = 32
#: The longest text parsed and resolved at once; a longer document is cut into sections (news
#: articles are far shorter). It bounds the parse's working memory (spaCy's parser and NER need
#: about 1 GB per 100,000 characters parsed at once) and the cost of resolution, whose context is
#: the section: with it, time grows linearly with the length of a document.
SECTION_CHARS = 100_000
#: Where a piece may end, best first: after a blank line (a paragraph), after a line break,
#: after a sentence's final punctuation, after any white space.
_CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


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


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back into it.

    Each piece ends at the best boundary within its last ``limit`` characters: a paragraph
    break, else a line break, else a sentence end (``.``, ``!`` or ``?``, closing quotes and
    brackets, then white space), else any white space, else (one unbroken run of ``limit``
    characters) at the limit itself. A cut falls after the white space, so no token is split.

    Parameters
    ----------
    text : str
    limit : int
        The longest piece, in characters (at least 1).

    Returns
    -------
    list of str
        ``"".join(pieces) == text``; one piece when ``len(text) <= limit``.

    Raises
    ------
    ValueError
        When ``limit`` is below 1.

    Examples
    --------
    >>> split_text("One. Two.\\n\\nThree. Four.", 16)
    ['One. Two.\\n\\n', 'Three. Four.']
    >>> split_text("One. Two. Three.", 12)
    ['One. Two. ', 'Three.']
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        # a boundary that reaches the window's end counts only if the white space stops there
        whole = not text[start + limit].isspace()
        cut = limit
        for boundary in _CUTS:
            ends = [m.end() for m in boundary.finditer(window) if m.end() < limit or whole]
            if ends:
                cut = ends[-1]
                break
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


@dataclass(frozen=True)
class Section:
    """A parsed part of a document: all of it, or one piece of a long one (:func:`parse_stream`)."""
    #: The whole document.
    document: Document
    #: The piece's parse; its text is ``document.text[offset:offset + len(parsed.text)]``.
    parsed: Doc
    #: Where the piece starts in the document, in characters.
    offset: int
    #: How many sections the document has; this one is the ``index``-th (from 0).
    index: int
    count: int


def section_limit(nlp: Language) -> int:
    """The longest text parsed and resolved in one piece: ``min(SECTION_CHARS, nlp.max_length)``."""
    return min(SECTION_CHARS, nlp.max_length)


def parse_stream(documents: Iterable[Document], nlp: Language,
                 batch_size: int = BATCH_SIZE) -> Iterator[Section]:
    """Parse ``documents`` with ``nlp.pipe``, whatever their length, in input order.

    A document of up to :func:`section_limit` characters (all news articles) is parsed whole,
    one section. A longer one is cut by :func:`split_text` at paragraph, line or sentence
    boundaries into sections of at most that many characters, parsed one after another:
    memory then holds one section's parse at a time, however long the document, and spaCy's
    ``max_length`` is never exceeded.

    Parameters
    ----------
    documents : iterable of Document
        Read lazily.
    nlp : spacy.language.Language
    batch_size : int, optional
        Texts (documents or sections) per ``nlp.pipe`` batch.

    Returns
    -------
    iterator of Section
        The sections of each document in order; their texts join back into ``document.text``.
    """
    limit = section_limit(nlp)

    def texts():
        for document in documents:
            text = mask_markup(document.text)  # same length: offsets hold for the original text
            pieces = split_text(text, limit) if len(text) > limit else [text]
            offset = 0
            for index, piece in enumerate(pieces):
                yield piece, (document, offset, index, len(pieces))
                offset += len(piece)

    for parsed, (document, offset, index, count) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        yield Section(document, parsed, offset, index, count)


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
        One per document, in the order of ``documents`` (see :func:`extract_document`); a
        document longer than ``nlp.max_length`` is parsed in pieces (:func:`parse_stream`).
    """
    parts: list[Extraction] = []
    for section in parse_stream(documents, nlp, batch_size=batch_size):
        if section.count == 1:
            yield extract_document(section.document, section.parsed, kb)
            continue
        start = section.offset
        piece = replace(section.document, text=section.document.text[start:start + len(section.parsed.text)])
        parts.append(_shifted(extract_document(piece, section.parsed, kb), section.offset))
        if section.index == section.count - 1:
            yield _joined(section.document, parts)
            parts = []


def _shifted(extraction: Extraction, offset: int) -> Extraction:
    """A section's extraction with its offsets counted from the start of the whole document."""
    if not offset:
        return extraction
    for relation in extraction.relations:
        relation.evidence = [replace(e, start=e.start + offset, end=e.end + offset) for e in relation.evidence]
    mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in extraction.mentions]
    return replace(extraction, mentions=mentions)


def _joined(document: Document, parts: list[Extraction]) -> Extraction:
    """One extraction of a document from those of its sections: an entity named in several
    sections once (with every name it went by), mentions and relations in text order (the
    merge folds a relation read in several sections into one, with all its evidence)."""
    entities: dict[str, Entity] = {}
    for part in parts:
        for entity in part.entities:
            known = entities.get(entity.id)
            if known is None:
                entities[entity.id] = replace(entity, aliases=list(entity.aliases), documents=list(entity.documents))
                continue
            for name in (entity.label, *entity.aliases):
                known.add_alias(name)
            known.wikidata = known.wikidata or entity.wikidata
            known.country = known.country or entity.country
    return Extraction(document=document, entities=list(entities.values()),
                      mentions=[m for part in parts for m in part.mentions],
                      relations=[r for part in parts for r in part.relations])
