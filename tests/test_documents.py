"""Readers: front matter, folders, JSON Lines, raw text, and bad input."""
from __future__ import annotations

import json

import pytest

from kgraph.documents import InputError, read_documents, split_front_matter
from kgraph.errors import KgraphError

from .conftest import SEED_FILE


def test_seed_front_matter_gives_date_and_author():
    [doc] = read_documents([SEED_FILE])
    assert doc.id == "000_aecc20bfa61aa663"
    assert doc.date == "2024-06"
    assert doc.author == "Mitchell Chedwick"
    assert doc.text.startswith("Despite growing military ties")


def test_front_matter_full_date_becomes_iso_text():
    meta, body = split_front_matter("---\ntitle: T\ndate: 2024-06-14\nignored: x\n---\nBody.\n")
    assert meta == {"title": "T", "date": __import__("datetime").date(2024, 6, 14)}
    assert body == "Body.\n"


def test_text_without_front_matter_is_kept_whole(tmp_path):
    (tmp_path / "a.md").write_text("--- not front matter\nText.\n", encoding="utf-8")
    [doc] = read_documents([tmp_path / "a.md"])
    assert doc.text.startswith("--- not front matter")


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second text.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("---\ndate: 2020-01-02\n---\nFirst text.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    docs = list(read_documents([tmp_path]))
    assert [d.id for d in docs] == ["b", "a"]
    assert docs[1].date == "2020-01-02"


def test_jsonl_reads_one_document_a_line_and_reports_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "d1", "text": "Russia and China held talks.", "date": "2024-05-16", "title": "T"}),
        "{not json",
        json.dumps({"id": "d2", "title": "no text"}),
        json.dumps({"text": "A text without id."}),
    ]), encoding="utf-8")
    errors = []
    docs = list(read_documents([path], on_error=lambda p, why: errors.append((p, why))))
    assert [d.id for d in docs] == ["d1", "corpus-4"]
    assert docs[0].date == "2024-05-16" and docs[0].title == "T"
    assert [p for p, _ in errors] == [f"{path}:2", f"{path}:3"]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    (b"caf\xe9 au lait", "not UTF-8 text (byte 0xe9 at offset 3)"),
])
def test_bad_files_are_reported_with_a_reason_and_skipped(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("NATO met in Brussels.", encoding="utf-8")
    errors = []
    docs = list(read_documents([bad, good], on_error=lambda p, why: errors.append((p, why))))
    assert [d.id for d in docs] == ["good"]
    assert errors[0][0] == str(bad) and errors[0][1].startswith(reason)


def test_missing_path_raises_without_handler(tmp_path):
    with pytest.raises(InputError, match="no such file") as raised:
        list(read_documents([tmp_path / "absent.txt"]))
    assert isinstance(raised.value, KgraphError) and raised.value.exit_code == 1


def test_raw_text_is_a_document_and_same_stem_gets_distinct_ids(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "y" / "a.txt").write_text("Two.", encoding="utf-8")
    docs = list(read_documents(["Iran launched a satellite.", tmp_path]))
    assert docs[0].id.startswith("text-") and docs[0].text == "Iran launched a satellite."
    assert [d.id for d in docs[1:]] == ["a", "a-2"]


def test_a_long_raw_text_is_a_document_not_a_path():
    text = "Japan and the Philippines signed a reciprocal access agreement in Manila. " * 10
    [doc] = read_documents([text])
    assert doc.text == text
