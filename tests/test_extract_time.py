"""Time expressions found in text and normalised against the document date."""
from __future__ import annotations

import pytest

from kgraph.knowledge import load_knowledge
from kgraph.extract.time import find_time_expressions, normalise


@pytest.fixture(scope="module")
def rules():
    return load_knowledge().lexicon.time


@pytest.mark.parametrize("expression,reference,expected", [
    ("May 27", "2024-06", "2024-05-27"),
    ("last month", "2024-06", "2024-05"),
    ("last month", "2024-01-10", "2023-12"),
    ("this summer", "2024-06", "2024-06/2024-08"),
    ("next winter", "2024-06-01", "2025-12/2026-02"),
    ("early 2024", "2023-12-19", "2024-01/2024-04"),
    ("by the end of 2023", "2023-12-19", "2023-12"),
    ("the end of the year", "2022-03-01", "2022-12"),
    ("earlier this month", "2024-03-15", "2024-03"),
    ("in November", "2023-12-19", "2023-11"),
    ("since November", "2024-01-12", "2023-11"),
    ("in 2022", "2024-06", "2022"),
    ("March 3, 2022", "2024-06", "2022-03-03"),
    ("two weeks ago", "2024-03-15", "2024-03-01"),
    ("yesterday", "2024-03-15", "2024-03-14"),
    ("next year", "2024-03-15", "2025"),
])
def test_normalise(rules, expression, reference, expected):
    assert normalise(expression, reference, rules) == expected


def test_without_a_document_date_only_explicit_years_survive(rules):
    assert normalise("in 2019", None, rules) == "2019"
    assert normalise("last month", None, rules) is None


def test_vague_words_carry_no_date(rules):
    assert normalise("recently", "2024-03-15", rules) is None


def test_find_time_expressions(rules):
    text = "The test on May 27 failed; drills follow this summer, by the end of 2023 or in 2025."
    found = [expression for _, _, expression in find_time_expressions(text, rules)]
    assert found == ["May 27", "this summer", "the end of 2023", "in 2025"]
    start, end, expression = find_time_expressions(text, rules)[0]
    assert text[start:end] == expression
