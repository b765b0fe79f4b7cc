"""The unit of work below every engine: a document and its parse in, an :class:`Extraction` out.

``extract_document`` is a pure function of (document, parse, knowledge base): it
resolves the mentions to entities (:mod:`kgraph.resolve`), reads the relations
(:mod:`kgraph.extract`) and returns both in one record.  ``extract_stream`` feeds
it from ``nlp.pipe`` (:func:`parse_stream`), which parses a document longer than the
pipeline's ``max_length`` in pieces cut at paragraph or sentence boundaries
(:func:`split_text`) and joins their parses into one ``Doc`` of the whole text, so that
offsets stay those of the whole document.  The engines (:mod:`kgraph.engines`) run one or the other in
this process, in worker processes or on a Dask cluster; none of them merges.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract_relations
from .knowledge import KnowledgeBase
from .model import Document, Extraction
from .resolve import resolve_document

#: Documents per nlp.pipe batch: large enough for throughput, small enough for memory.
BATCH_SIZE = 32
#: Characters per piece of a document longer than the pipeline's ``max_length`` (spaCy's parser
#: and NER need about 1 GB of working memory per 100,000 characters parsed at once).
PIECE_CHARS = 100_000
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
        ``document.text`` run through the pipeline of :func:`kgraph.nlp.load_pipeline`
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


def parse_stream(documents: Iterable[Document], nlp: Language,
                 batch_size: int = BATCH_SIZE) -> Iterator[tuple[Document, Doc]]:
    """Parse ``documents`` with ``nlp.pipe``, whatever their length, in input order.

    A document up to ``nlp.max_length`` characters is parsed whole, as spaCy would. A longer
    one (spaCy refuses it) is cut by :func:`split_text` into pieces of at most
    ``min(PIECE_CHARS, nlp.max_length)`` characters, parsed piece by piece, and the parses
    joined (``Doc.from_docs``) into one ``Doc`` whose text is the whole document: character
    offsets, sentences and entities are those of the whole text, and the working memory of
    the parse is that of one piece (the joined ``Doc`` grows with the text, a few hundred
    bytes a token).

    Parameters
    ----------
    documents : iterable of Document
        Read lazily.
    nlp : spacy.language.Language
    batch_size : int, optional
        Texts (documents or pieces) per ``nlp.pipe`` batch.

    Returns
    -------
    iterator of (Document, spacy.tokens.Doc)
        ``parsed.text == document.text``.
    """
    limit = min(PIECE_CHARS, nlp.max_length)

    def texts():
        for document in documents:
            if len(document.text) <= nlp.max_length:
                yield document.text, (document, 1)
            else:
                pieces = split_text(document.text, limit)
                for piece in pieces:
                    yield piece, (document, len(pieces))

    parsed_pieces: list[Doc] = []
    for parsed, (document, count) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        if count == 1:
            yield document, parsed
            continue
        parsed_pieces.append(parsed)
        if len(parsed_pieces) == count:
            whole = Doc.from_docs(parsed_pieces, ensure_whitespace=False)
            parsed_pieces = []
            yield document, whole


def extract_stream(documents: Iterable[Document], nlp: Language, kb: KnowledgeBase,
                   batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """Parse ``documents`` in batches of ``batch_size`` and extract them one at a time, in input order.

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
    for document, parsed in parse_stream(documents, nlp, batch_size=batch_size):
        yield extract_document(document, parsed, kb)
