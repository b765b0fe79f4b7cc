"""Targets listed one by one after the measure that named them as a group.

Sanctions notices name the people a measure targets in a list of their own: "The sanctions
apply to five officials ... The five individuals are: • A • B ...", "The sanctioned
individuals include A, B and C." Each listed actor is a target of the last measure told
before, by the same sources: one relation each, recorded with the pattern
``listed.py:listed_targets`` and the list's subject as trigger.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import Document, Evidence, Relation
from ..resolve.coreference import CONTEXT_SENTENCES, Actors
from ..syntax import anaphoric, word_in, with_conjuncts
from .lexicon import Lexicon

#: Relation types whose targets a notice lists one by one.
LISTED_TYPES = frozenset({"sanction"})
#: The pattern recorded on the relations read here.
PATTERN = "listed.py:listed_targets"
#: Characters that open a list item.
BULLETS = frozenset("•·▪◦‣●■-–—*")
#: Verb tags of a clause: a list item has none.
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: The most items one list may give.
MAX_ITEMS = 60


def listed_targets(document: Document, parsed: Doc, actors: Actors, relations: list[Relation],
                   lexicon: Lexicon) -> list[Relation]:
    """The relations of the actors listed after a group that a measure targets.

    A list is a clause whose subject takes up a group of people or bodies ("the five
    individuals", "the sanctioned entities": ``listed_nouns`` of relations.yaml, with a
    determiner) and whose verb is one of ``listing_verbs`` ("are", "include"); its items are
    the verb's objects and their conjuncts, or, after a colon, the following lines that each
    name one actor and say nothing else ("• Viktor Sheiman"). The measure is the last relation
    of a type in ``LISTED_TYPES`` told before, when one of the ``listing_cues`` ("sanctions",
    "sanctioned") is in the list's sentence or the two before it.

    Parameters
    ----------
    document : Document
    parsed : spacy.tokens.Doc
        Its dependency parse.
    actors : Actors
        Which entities the tokens name.
    relations : list of Relation
        The relations read so far in the document, in document order.
    lexicon : Lexicon

    Returns
    -------
    list of Relation
        One per listed actor and source of the measure, in list order.
    """
    nouns = lexicon.objects.get("listed_nouns", frozenset())
    verbs = lexicon.objects.get("listing_verbs", frozenset())
    cues = lexicon.objects.get("listing_cues", frozenset())
    if not nouns or not any(r.type in LISTED_TYPES for r in relations):
        return []
    found: list[Relation] = []
    sentences = list(parsed.sents)
    for index, sentence in enumerate(sentences):
        subject = next((t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and word_in(t, nouns)
                        and t.tag_ in ("NNS", "NNPS") and anaphoric(t) and word_in(t.head, verbs)), None)
        if subject is None:
            continue
        before = sentences[max(0, index - CONTEXT_SENTENCES + 1): index + 1]
        if not any(word_in(t, cues) for s in before for t in s):
            continue
        measure = next((r for r in reversed(relations) if r.type in LISTED_TYPES and r.source and r.evidence
                        and r.evidence[0].start < sentence.start_char), None)
        if measure is None:
            continue
        told = measure.evidence[0]
        sources = [r.source for r in relations if r.type == measure.type and r.evidence
                   and (r.evidence[0].start, r.evidence[0].trigger) == (told.start, told.trigger)]
        for item, end in _items(subject, sentences[index + 1:], actors):
            evidence = Evidence.of(document.id, document.text, sentence.start_char, end, subject.text, PATTERN)
            for source in dict.fromkeys(sources):
                if source != item:
                    found.append(Relation(measure.type, source=source, target=item, participants=[source, item],
                                          modality=measure.modality, attributed_to=measure.attributed_to,
                                          time=measure.time, confidence=min(measure.confidence, 0.6),
                                          cameo=measure.cameo, plover=measure.plover, evidence=[evidence]))
    return found


def _items(subject: Token, following: list[Span], actors: Actors) -> list[tuple[str, int]]:
    """(actor id, end of the evidence) of each listed item: the verb's objects, else the item lines."""
    verb = subject.head
    heads = [c for c in verb.children if c.dep_ in ("dobj", "attr", "obj")]
    items: list[tuple[str, int]] = []
    for head in with_conjuncts(heads):
        for entity in actors.of_phrase(head):
            if entity not in [i for i, _ in items]:
                items.append((entity, subject.sent.end_char))
    if items or not any(t.text == ":" for t in subject.sent[-3:]):
        return items
    for sentence in following:
        words = [t for t in sentence if not (t.is_space or t.is_punct or t.text in BULLETS)]
        if not words:
            continue
        if any(t.tag_ in FINITE for t in words):
            break
        if not actors.at(words[0]):
            if len(words) <= 6 and all(t.pos_ == "PROPN" for t in words):
                continue  # a name no sieve resolved: the list goes on
            break
        entity = actors.at(words[0])[0]
        if entity not in [i for i, _ in items]:
            items.append((entity, sentence.end_char))
        if len(items) >= MAX_ITEMS:
            break
    return items
