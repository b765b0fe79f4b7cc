"""The pipeline's sentence components read the document's arrays, not its tokens one by one;
these tests hold them to the per-token definitions their docstrings give, on texts of our own
with line breaks, initialisms and run-on lines."""
from __future__ import annotations

import random
import re

import pytest
import spacy
from spacy.attrs import SENT_START

from kgraph.nlp import INITIALISM, MAX_SENTENCE_TOKENS, _initialism_tokens, _may_run_long

WORDS = ["Japan", "signed", "a", "pact", "with", "the", "U.S.", "U.N.", "and", "said", ",", ".", "\n",
         "\n\n", "talks", "Iran", "The", "U.K.", "officials", "X.U.S.", "U.S.-made", "!", "?", "drones", "  "]


def texts(count: int, seed: int = 7) -> list[str]:
    """Random news-like texts: every word of WORDS, in runs up to three times the sentence bound."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        words = rng.choices(WORDS, k=rng.randint(1, 3 * MAX_SENTENCE_TOKENS))
        found.append(" ".join(words))
    found += [" ".join(["word"] * (MAX_SENTENCE_TOKENS + k)) for k in (-1, 0, 1, 2)]
    found += ["No break at all here", "Two\nlines", "Ends with a break\n", "\n", "the U.S. The talks"]
    # long texts whose runs only full stops, question or exclamation marks break
    found += [" ".join((["word"] * 60 + [end]) * 6) for end in (".", "?", "!")]
    return found


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def reference_line_breaks(doc) -> list[int]:
    """Sentence starts by the definition: every token after one whose text or white space holds a newline."""
    starts = doc.to_array([SENT_START]).tolist()
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            starts[token.i + 1] = 1
    return starts


def reference_runs_long(doc) -> bool:
    """Whether a run reaches the bound, by the token loop of kgraph.nlp.long_sentences."""
    starts = doc.to_array([SENT_START])
    run_start = 0
    for token in doc:
        i = token.i
        if i > run_start and starts[i] == 1:
            run_start = i
        elif i - run_start >= MAX_SENTENCE_TOKENS:
            return True
        if token.text in (".", "!", "?") or "\n" in token.whitespace_:
            run_start = i + 1
    return False


def test_line_breaks_start_the_sentences_the_definition_starts(blank):
    from kgraph.nlp import line_breaks
    checked = 0
    for text in texts(60):
        doc = blank.make_doc(text)
        expected = reference_line_breaks(doc)
        assert line_breaks(doc).to_array([SENT_START]).tolist() == expected, text
        checked += "\n" in text
    assert checked > 20


def test_the_long_run_check_agrees_with_the_token_loop(blank):
    from kgraph.nlp import line_breaks
    outcomes = set()
    for text in texts(80):
        doc = line_breaks(blank.make_doc(text))
        outcomes.add(reference_runs_long(doc))
        assert _may_run_long(doc) == reference_runs_long(doc), text
    assert outcomes == {True, False}  # both kinds of text were met
    for end in (".", "?", "!"):  # a long text cut into short sentences by its stops alone
        doc = line_breaks(blank.make_doc(" ".join((["word"] * 60 + [end]) * 6)))
        assert len(doc) > MAX_SENTENCE_TOKENS and not _may_run_long(doc)


def test_every_initialism_token_is_offered(blank):
    met = 0
    for text in texts(60):
        doc = blank.make_doc(text)
        offered = {t.i for t in _initialism_tokens(doc)}
        wanted = {t.i for t in doc[:-1] if INITIALISM.fullmatch(t.text)}
        assert wanted <= offered, text
        assert [t.i for t in _initialism_tokens(doc)] == sorted(offered)
        met += len(wanted)
    assert met > 50
    assert not _initialism_tokens(blank.make_doc("No initialism here."))
    assert [t.text for t in _initialism_tokens(blank.make_doc("X.U.S. said"))] == [
        t.text for t in blank.make_doc("X.U.S. said") if re.search(r"[A-Z]\.", t.text)]
