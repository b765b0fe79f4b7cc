"""The on-disk graph store behind ``kgraph build NEW --store kg.db``: incremental builds.

The store is one SQLite file (the standard library's sqlite3): a table of the
documents read so far with the SHA-256 of their text, and the merged entities
and relations as rows holding the JSON of the extraction contract (a relation
whose id changed, its time filled in by a later report, replaces its old row).  SQLite
because it ships with Python (no server, no extra dependency), writes in
atomic transactions (a build that fails leaves the store as it was), lets one
build write while exports read, and is a single portable file.  Oxigraph's
store would hold triples, but the merge works on the model records, not on RDF.

A build seeds a :class:`~kgraph.merge.GraphMerger` with the stored graph, skips
documents whose text was seen before, merges the new extractions (entities
unify on id, relations fold by ``Relation.key()``, as in one build) and writes
back only the rows that changed.  Adding A then B gives the graph that one build
of A and B gives.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .errors import StoreError
from .export.json import from_json, to_json
from .graph import KnowledgeGraph
from .model import Document

SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS relations (id TEXT PRIMARY KEY, record TEXT NOT NULL);
"""
#: Seconds to wait for another build that is writing to the same store.
BUSY_TIMEOUT = 30.0

SkipHandler = Callable[[Document, str], None]


def content_hash(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8), in hex: how the store knows a text it has seen."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class GraphStore:
    """An open store; use ``with GraphStore(path, write=True) as store:`` around an incremental build.

    A writer holds SQLite's write lock from opening to closing, so two builds
    adding to one store run one after the other and neither loses documents.

    Raises
    ------
    StoreError
        If the file is missing (read-only), is not a kgraph store or has another schema,
        or another build holds it longer than :data:`BUSY_TIMEOUT`.
    """

    def __init__(self, path: str | Path, *, write: bool = False) -> None:
        self.path = Path(path)
        if not write and not self.path.is_file():
            raise StoreError(f"{self.path}: no such store")
        self._write = write
        #: Id -> text hash of the documents this build adds.
        self._new_hashes: dict[str, str] = {}
        self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            tables = {name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "meta" not in tables:
                raise sqlite3.DatabaseError("an SQLite file with other tables")
            if write:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.executescript(SCHEMA)
                self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                self._db.execute("BEGIN IMMEDIATE")
            version = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError as err:
            self._db.close()
            busy = " (another build is adding to it)" if "locked" in str(err) else ""
            raise StoreError(f"{self.path}: {err}{busy}") from None
        except sqlite3.DatabaseError as err:
            self._db.close()
            raise StoreError(f"{self.path}: not a kgraph store ({err})") from None
        if not version or version[0] != SCHEMA_VERSION:
            self._db.close()
            raise StoreError(f"{self.path}: store schema {version and version[0]!r}, expected {SCHEMA_VERSION!r}")

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        """Commit what :meth:`save` wrote if the build succeeded; otherwise the store stays as it was."""
        if self._write:
            self._db.execute("ROLLBACK" if kind else "COMMIT")
        self._db.close()

    def graph(self) -> KnowledgeGraph:
        """Everything stored, in the order a build gives."""
        data = {table: [json.loads(record) for (record,) in self._db.execute(f"SELECT record FROM {table}")]
                for table in ("documents", "entities", "relations")}
        provenance = self._db.execute("SELECT value FROM meta WHERE key = 'provenance'").fetchone()
        if provenance:  # what the last build that added to the store ran with
            data["provenance"] = json.loads(provenance[0])
        return from_json(data, validate=False).canonical(in_place=True)

    def unseen(self, documents: Iterable[Document], on_skip: SkipHandler | None = None) -> Iterator[Document]:
        """The documents whose text is not in the store (nor earlier in ``documents``).

        A new document whose id is taken by a stored one with other text gets the
        next free id (``id-2``, ``id-3``, ...), the way one build names them.
        """
        seen = set(self._new_hashes.values())
        for document in documents:
            digest = content_hash(document.text)
            if digest in seen or self._has("content_hash", digest):
                if on_skip:
                    on_skip(document, "already in the store")
                continue
            doc_id, n = document.id, 1
            while doc_id in self._new_hashes or self._has("id", doc_id):
                n += 1
                doc_id = f"{document.id}-{n}"
            self._new_hashes[doc_id] = digest
            seen.add(digest)
            yield document if doc_id == document.id else replace(document, id=doc_id)

    def save(self, kg: KnowledgeGraph) -> None:
        """Write the new documents and every entity or relation row that changed.

        Raises
        ------
        StoreError
            If the store was opened read-only.
        """
        if not self._write:
            raise StoreError(f"{self.path}: opened read-only")
        data = to_json(KnowledgeGraph(documents=[d for d in kg.documents if d.id in self._new_hashes],
                                      entities=kg.entities, relations=kg.relations, provenance=kg.provenance))
        self._db.executemany("INSERT INTO documents VALUES (?, ?, ?)",
                             [(d["id"], self._new_hashes[d["id"]], _dumps(d)) for d in data["documents"]])
        if "provenance" in data:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('provenance', ?)", (_dumps(data["provenance"]),))
        for table in ("entities", "relations"):
            self._db.executemany(
                f"INSERT INTO {table} VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record "
                f"WHERE record != excluded.record", [(row["id"], _dumps(row)) for row in data[table]])
        # A relation whose time a new report filled in has a new id (the time is part of its key):
        # the row under its old id goes.
        current = {row["id"] for row in data["relations"]}
        stale = [(rid,) for (rid,) in self._db.execute("SELECT id FROM relations") if rid not in current]
        self._db.executemany("DELETE FROM relations WHERE id = ?", stale)

    def _has(self, column: str, value: str) -> bool:
        return self._db.execute(f"SELECT 1 FROM documents WHERE {column} = ?", (value,)).fetchone() is not None


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def read_store(path: str | Path) -> KnowledgeGraph:
    """The graph held in the store at ``path`` (read-only; a build may be adding to it meanwhile).

    Raises
    ------
    StoreError
        If there is no kgraph store at ``path``.
    """
    with GraphStore(path) as store:
        return store.graph()
