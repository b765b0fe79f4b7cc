"""Extraction without a parser (the rule-only pipeline): lexical patterns in a window.

Actor mentions of a sentence form runs ("China, Russia and Iran"). At a trigger
word (an inflection of a lexicon lemma), a directed type takes the nearest run
before it as source and the nearest run after it as target; a symmetric type
takes the run before it and, after a "with"/"between"/"and", the run after it.
Modality comes from cue words just before the trigger, and "said"/"according
to" anywhere in the sentence. Lower recall and confidence than the parse.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Document
from ..resolve.coreference import Actors
from .lexicon import TRANSFER, TRANSFER_TYPES, Lexicon, Trigger
from .modality import PRIORITY
from .places import resolve_place

#: Tokens between a trigger and the actors it relates.
WINDOW = 8
#: Tokens before a trigger where its modality cues are looked for.
CUE_WINDOW = 6
CONFIDENCE = 0.35
#: Tokens that may separate the actors of one run.
RUN_GLUE = frozenset({",", "and", "the", "'s", "\u2019s", "of", "his", "her", "their"})
#: Words that introduce the other participants of a symmetric event.
PARTNER_WORDS = frozenset({"with", "between", "among", "and", "by"})
#: Irregular verb forms the suffix rules miss.
IRREGULAR = {"send": ("sent",), "sell": ("sold",), "give": ("gave", "given"), "meet": ("met",),
             "fight": ("fought",), "strike": ("struck",), "hold": ("held",), "seek": ("sought",),
             "buy": ("bought",), "fly": ("flew", "flown"), "shoot": ("shot",), "lend": ("lent",),
             "go": ("went", "gone"), "come": ("came",), "get": ("got", "gotten")}


def inflections(lemma: str, pos: str = "verb") -> set[str]:
    """Regular English inflections of a verb lemma, or the plural of a noun."""
    forms = {lemma, lemma + "s", lemma + "es"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ies")
    if pos != "verb":
        return forms
    forms |= {lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ied")
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms | set(IRREGULAR.get(lemma, ()))


def _surface_index(lexicon: Lexicon) -> dict[str, list[Trigger]]:
    index: dict[str, list[Trigger]] = {}
    for trigger in lexicon.triggers:
        if not trigger.window:
            continue
        for lemma in trigger.lemmas:
            for form in inflections(lemma, trigger.pos):
                index.setdefault(form, []).append(trigger)
    return index


def _cue_words(lexicon: Lexicon) -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for modality in PRIORITY:
        cues = lexicon.cues(modality)
        vocabulary: set[str] = set(cues.modifiers | cues.auxiliaries | cues.marks)
        for lemma in cues.heads:
            vocabulary |= inflections(lemma)
        words[modality] = vocabulary
    return words


def _modality(trigger: Token, sentence: Span, cue_words: dict[str, set[str]], actors: Actors) -> str:
    # words of names ("United States", "Press Secretary") are no cues
    plain = [t for t in sentence if not actors.by_token.get(t.i) and not (t.is_title and t.i > sentence.start)]
    before = {t.lower_ for t in plain if trigger.i - CUE_WINDOW <= t.i <= trigger.i + 1 and t.i != trigger.i}
    for modality in PRIORITY:
        if modality != "reported" and before & cue_words[modality]:
            if modality == "hypothetical" and _future_in_the_past(trigger, sentence, before, cue_words):
                return "planned"  # "said the U.K would send": the future seen from the past
            return modality
    words = {t.lower_ for t in plain}
    return "reported" if words & (cue_words["reported"] | {"according"}) else "asserted"


#: Past forms of reporting verbs the suffix rules miss.
PAST_REPORTS = frozenset({"said", "told", "wrote"})


def _future_in_the_past(trigger: Token, sentence: Span, before: set[str], cue_words: dict[str, set[str]]) -> bool:
    """"would" the only hypothetical cue, after a reporting verb in the past ("Britain said the U.K
    would send tanks"): reported future, not a hypothesis (as the parse-based rule reads it)."""
    if before & cue_words["hypothetical"] != {"would"}:
        return False
    would = max((t.i for t in sentence if t.lower_ == "would" and t.i < trigger.i), default=None)
    if would is None:  # "would" right after the trigger ("the strikes would ...")
        return False
    return any(t.lower_ in PAST_REPORTS or (t.lower_ in cue_words["reported"] and t.lower_.endswith("ed"))
               for t in sentence if t.i < would)


def _runs(sentence: Span, actors: Actors) -> list[tuple[int, int, list[str]]]:
    """(first token, last token, entity ids) of each run of coordinated actor mentions."""
    runs: list[tuple[int, int, list[str]]] = []
    for token in sentence:
        ids = actors.at(token)
        if not ids:
            continue
        gap = token.doc[runs[-1][1] + 1: token.i] if runs else None
        following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
        # "A, B and C" is one run; "... A, B plans to" is not
        listed = gap is not None and ("and" in {t.lower_ for t in gap} or following in (",", "and"))
        if runs and listed and all(t.lower_ in RUN_GLUE or actors.at(t) for t in gap):
            first, _, members = runs[-1]
            runs[-1] = (first, token.i, members + [e for e in ids if e not in members])
        else:
            runs.append((token.i, token.i, list(ids)))
    return runs


def _transfer_type(trigger: Token, sentence: Span, lexicon: Lexicon) -> str | None:
    words = {t.lower_ for t in sentence[trigger.i - sentence.start:]}
    words |= {w.rstrip("s") for w in words}
    if words & lexicon.objects.get("technology", set()):
        return TRANSFER_TYPES["technology"]
    if words & lexicon.objects.get("materiel", set()):
        return TRANSFER_TYPES["materiel"]
    return None


def _near_projectile(trigger: Token, entry: Trigger, lexicon: Lexicon) -> bool:
    """A launch needs a missile, rocket or satellite next to it (a bare "launch" will do)."""
    if trigger.lower_ in entry.bare_ok:
        return True
    projectile = lexicon.objects.get("projectile", set())
    nearby = trigger.doc[max(0, trigger.i - 2): trigger.i + 5]
    return any(t.lower_ in projectile for t in nearby)


def extract_by_window(document: Document, parsed: Doc, actors: Actors, lexicon: Lexicon) -> list[tuple]:
    """(type, source, target, participants, modality, sentence, trigger text) for each match."""
    index = _surface_index(lexicon)
    cue_words = _cue_words(lexicon)
    found = []
    for sentence in parsed.sents:
        runs = _runs(sentence, actors)
        if not runs:
            continue
        for token in sentence:
            # the agent-first reading: "X received Y from Z" is left to the parser
            entry = next((e for e in index.get(token.lower_, ())
                          if e.symmetric or (e.source and resolve_place(e.source[0]).before_trigger)), None)
            # a title-case word inside a sentence belongs to a name or title ("Press Secretary")
            title_case = token.is_title and token.i > sentence.start
            if entry is None or actors.at(token) or title_case:
                continue
            if entry.object_class == "projectile" and not _near_projectile(token, entry, lexicon):
                continue
            before = [r for r in runs if token.i - WINDOW <= r[1] < token.i]
            after = [r for r in runs if token.i < r[0] <= token.i + WINDOW]
            relation_type = entry.type
            if relation_type == TRANSFER:
                relation_type = _transfer_type(token, sentence, lexicon)
                if relation_type is None:
                    continue
            modality = _modality(token, sentence, cue_words, actors)
            if entry.symmetric:
                participants = list(before[-1][2]) if before else []
                # "met with X", "talks between X"; a verb's direct object: "Japan met (the) X"
                direct = entry.pos == "verb" and after and \
                    all(t.lower_ in ("the", "a", "an") for t in token.doc[token.i + 1:after[0][0]])
                if after and (direct or token.doc[after[0][0] - 1].lower_ in PARTNER_WORDS):
                    participants += [e for e in after[0][2] if e not in participants]
                if len(participants) >= 2:
                    found.append((relation_type, None, None, participants, modality, sentence, token.text))
            elif before and (after or not entry.target):
                for source in before[-1][2]:
                    for target in (after[0][2] if entry.target else [None]):
                        if source != target:
                            found.append((relation_type, source, target, [], modality, sentence, token.text))
    return found
