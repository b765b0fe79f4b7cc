"""Shared homes: name keys (kgraph/names.py), partial dates (kgraph/dates.py), relation membership
(model.Relation.actors/members) and the RDF format table (kgraph/rdf/formats.py)."""
from __future__ import annotations

import datetime as dt
import doctest

import pytest

import kgraph.dates
import kgraph.model
import kgraph.names
import kgraph.rdf.formats
from kgraph.dates import date_bound, date_precision, date_range, date_sort_key, in_window, iso_date, month_span
from kgraph.errors import UsageError
from kgraph.model import Relation
from kgraph.names import gold_key, lookup_key, person_key, slugify, straight_quotes
from kgraph.rdf.formats import FORMAT_NAMES, RDF_FORMATS, SUFFIX_FORMATS, format_for_path, format_of


@pytest.mark.parametrize("module", [kgraph.names, kgraph.dates, kgraph.model, kgraph.rdf.formats])
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


# ------------------------------------------------------------------ names

def test_the_name_keys_differ_where_their_uses_differ():
    assert slugify("Shin Won-sik") == "shin_won_sik"
    assert lookup_key("the U.S.") == "us" and gold_key("the U.S.") == "u s"
    assert lookup_key("Curaçao") == "curacao" and gold_key("Curaçao") == "curaçao"
    assert person_key("Kim Jong-un") == person_key("kim jong un") == "kimjongun"
    assert person_key("Joseph Biden Jr.", {"jr."}) == person_key("Joseph Biden")


def test_straight_quotes_keeps_offsets():
    text = "Pyongyang\u2019s \u2018friends\u2019"
    assert straight_quotes(text) == "Pyongyang's 'friends'" and len(straight_quotes(text)) == len(text)


def test_gazetteer_and_graph_use_the_shared_keys():
    from kgraph import gazetteer

    assert gazetteer.person_key("Kim Jong Jr. Un") == person_key("Kim Jong Un")
    assert gazetteer.normalise("Seoul\u2019s") == "Seoul's"


# ------------------------------------------------------------------ dates

def test_iso_date_reads_yaml_values():
    assert iso_date(dt.datetime(2024, 6, 14, 9, 30)) == "2024-06-14"
    assert iso_date(2024) == "2024" and iso_date("  ") is None and iso_date(None) is None


def test_date_range_of_partial_dates_and_intervals():
    assert date_range("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert date_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_range("2024-21") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))  # an EDTF season
    assert date_range("2024-06-31") == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    assert date_range("/2024-03") == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert date_range(dt.date(2024, 6, 1)) == (dt.date(2024, 6, 1),) * 2


def test_date_bound_window_and_sort_key():
    with pytest.raises(UsageError, match="since='last week'"):
        date_bound("last week", "since", 0)
    assert date_bound("2024-12", "until", 1) == dt.date(2024, 12, 31)
    assert in_window("2024-06/2024-08", dt.date(2024, 8, 1), None)
    assert not in_window("2024-06", None, dt.date(2024, 5, 31))
    assert sorted(["2025", None, "2024-06-19", "2024-06"], key=date_sort_key) == ["2024-06", "2024-06-19", "2025", None]


def test_date_precision_and_month_span():
    assert date_precision("-0044-03-15") == "day"
    assert date_precision("2024-06-19T10:00:00+09:00") == "datetime"
    assert date_precision("mid-2024") is None
    assert month_span(2024, 12, 1) == "2024-12/2025-01"


def test_time_and_documents_use_the_shared_dates():
    from kgraph.documents import _iso
    from kgraph.extract.time import parse_reference

    assert parse_reference("2024") == (dt.date(2024, 7, 1), "year")
    assert parse_reference("2024-13") is None
    assert _iso(dt.date(2024, 6, 14)) == "2024-06-14"


# ------------------------------------------------------------------ membership

def test_actors_keep_slot_order_and_members_are_sorted():
    directed = Relation("visit", "Q7747", "Q423", ["Q423", "Q7747", "Q884"])
    assert directed.actors() == ["Q7747", "Q423", "Q884"]
    meeting = Relation("meeting", participants=["Q884", "Q159", "Q884"])
    assert meeting.actors() == ["Q884", "Q159"] and meeting.members() == ["Q159", "Q884"]
    assert Relation("meeting", "Q884", "Q159").members() == ["Q159", "Q884"]
    assert Relation("launch", "Q423").actors() == ["Q423"]


# ------------------------------------------------------------------ RDF formats

def test_format_table_is_consistent():
    names = [n for f in RDF_FORMATS for n in (f.name, *f.aliases)]
    assert len(names) == len(set(names))
    suffixes = [s for f in RDF_FORMATS for s in (f.suffix, *f.other_suffixes)]
    assert len(suffixes) == len(set(suffixes)) == len(SUFFIX_FORMATS)  # no suffix names two formats
    assert all(SUFFIX_FORMATS[f.suffix] is f for f in RDF_FORMATS)
    assert format_for_path("graph.nquads").name == "nquads"  # what `export --out graph.nquads` writes
    assert {f.name for f in RDF_FORMATS if f.dataset} == {"trig", "nquads"}
    assert format_of("TTL").name == "turtle" and format_for_path("x.NQ").name == "nquads"
    assert format_for_path("graph.json") is None and format_for_path("graph.json", "nt").name == "nt"
    with pytest.raises(UsageError, match="unknown RDF format 'rdfxml'"):
        format_of("rdfxml")


def test_cli_export_offers_the_table_formats():
    from kgraph.cli import make_parser

    parser = make_parser()
    export = parser._subparsers._group_actions[0].choices["export"]
    [format_action] = [a for a in export._actions if a.dest == "format"]
    # every name and alias of the table is accepted, as its canonical name; the help lists the names
    assert format_action.metavar == "|".join(FORMAT_NAMES)
    for spec in RDF_FORMATS:
        for name in (spec.name, *spec.aliases):
            assert format_action.type(name) == spec.name
