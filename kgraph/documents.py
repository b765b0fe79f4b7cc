"""Readers: files, folders and JSON Lines in; Document records out.

Bad input never stops a build: each unreadable file is reported once (path and
reason) through ``on_error`` and the rest is read.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import yaml

from .errors import InputError
from .model import Document, stable_hash

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FRONT_MATTER_FIELDS = ("title", "date", "source", "author")

ErrorHandler = Callable[[str, str], None]

log = logging.getLogger(__name__)


def read_documents(inputs: Iterable[str | Path], on_error: ErrorHandler | None = None) -> Iterator[Document]:
    """Yield documents from paths (files, folders) and raw texts, in a stable order.

    A string that names no existing path but contains white space is taken as the
    text of a document itself, so ``kgraph.build(["Russia sent shells to ..."])`` works.

    Raises
    ------
    InputError
        For the first unreadable input (missing, empty, binary, not UTF-8, a bad JSON
        line), when no ``on_error(path, reason)`` is given to hear of it instead.
    """
    report = on_error or _raise
    seen_ids: set[str] = set()
    for item in inputs:
        for document in _read_input(item, report):
            yield _unique(document, seen_ids)


def _raise(path: str, reason: str) -> None:
    raise InputError(f"{path}: {reason}")


def _unique(document: Document, seen: set[str]) -> Document:
    """Two files named alike in different folders get distinct ids (stem, stem-2, ...)."""
    doc_id, n = document.id, 1
    while doc_id in seen:
        n += 1
        doc_id = f"{document.id}-{n}"
    seen.add(doc_id)
    if doc_id == document.id:
        return document
    return Document(doc_id, document.text, document.title, document.date, document.source, document.author)


def _read_input(item: str | Path, report: ErrorHandler) -> Iterator[Document]:
    path = Path(item)
    if isinstance(item, str) and not _exists(path) and any(c.isspace() for c in item.strip()):
        yield Document(id="text-" + stable_hash(item, length=10), text=item)
        return
    if path.is_dir():
        files = sorted(p for p in path.rglob("*")
                       if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            report(str(path), "folder holds no .txt, .md or .jsonl files")
        for file in files:
            yield from _read_file(file, report)
    elif _exists(path) or isinstance(item, Path) or not any(c.isspace() for c in str(item)):
        yield from _read_file(path, report)


def _exists(path: Path) -> bool:
    """Whether a path exists; a long raw text is no path at all (the OS refuses the name)."""
    try:
        return path.exists()
    except OSError:
        return False


def _read_file(path: Path, report: ErrorHandler) -> Iterator[Document]:
    try:
        text = _decode(path)
    except InputError as err:
        report(str(path), str(err))
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, text, report)
        return
    meta, body = split_front_matter(text, on_problem=lambda problem: log.warning("%s: %s", path, problem))
    if not body.strip():
        report(str(path), "no text after the front matter")
        return
    yield Document(id=path.stem, text=body, title=_str(meta.get("title")), date=_date(meta.get("date"), path),
                   source=_str(meta.get("source")) or str(path), author=_str(meta.get("author")))


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file or folder") from None
    except IsADirectoryError:
        raise InputError("is a folder") from None
    except OSError as err:
        raise InputError(err.strerror or str(err)) from None
    if not raw.strip():
        raise InputError("empty file")
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})") from None


def _read_jsonl(path: Path, text: str, report: ErrorHandler) -> Iterator[Document]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            report(where, f"not JSON ({err.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            report(where, 'expected an object with a non-empty "text"')
            continue
        doc_id = _str(record.get("id")) or f"{path.stem}-{lineno}"
        yield Document(id=doc_id, text=record["text"], title=_str(record.get("title")),
                       date=_date(record.get("date"), where), source=_str(record.get("source")) or where,
                       author=_str(record.get("author")))


def split_front_matter(text: str, on_problem: Callable[[str], None] | None = None) -> tuple[dict, str]:
    """Split a leading YAML block (between ``---`` lines) from the body.

    Parameters
    ----------
    text : str
        A file's text.
    on_problem : callable, optional
        ``on_problem(reason)`` hears of a block that is not valid YAML or not a mapping; the
        block is then still cut from the body, and its fields are ignored.

    Returns
    -------
    (dict, str)
        The front-matter fields of :data:`FRONT_MATTER_FIELDS` and the body; evidence offsets
        count from the body's first character.

    Examples
    --------
    >>> split_front_matter("---\\ntitle: T\\n---\\nBody.")
    ({'title': 'T'}, 'Body.')
    """
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            body = "\n".join(lines[i + 1:])
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                where = f" at line {mark.line + 2}" if mark is not None else ""
                problem = getattr(error, "problem", None) or type(error).__name__
                if on_problem:
                    on_problem(f"front matter is not valid YAML ({problem}{where}); its fields are ignored")
                return {}, body
            if not isinstance(meta, dict):
                if on_problem:
                    on_problem("front matter is not a YAML mapping of fields; ignored")
                return {}, body
            return {k: meta[k] for k in FRONT_MATTER_FIELDS if k in meta}, body
    return {}, text


def _str(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def _date(value: object, where: object) -> str | None:
    """A document date as ISO text; a value that is no date is reported (file named) and dropped."""
    from .dates import is_iso_date
    date = _iso(value)
    if date is not None and not is_iso_date(date):
        log.warning("%s: date %r is not an ISO date such as 2024, 2024-06 or 2024-06-14; ignored", where, date)
        return None
    return date


def _iso(value: object) -> str | None:
    """Dates as ISO text; YAML turns 2024-06-14 into a date, "2024-06" stays a string (see kgraph.dates)."""
    from .dates import iso_date
    return iso_date(value)
