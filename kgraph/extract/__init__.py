"""Relation and event extraction: who did what to whom, how the text presents it,
when, where, with what, and on whose word.

``extract_relations`` reads one parsed document with its resolved actors and
returns one Relation per event mention, each with its evidence sentence,
offsets and trigger (the merge stage folds repeated mentions into one relation),
and the entities extraction itself brought in; the resolution it reads is not changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from ..model import SYMMETRIC_TYPES, Document, Entity, Evidence, Relation
from ..resolve import Resolution
from ..resolve.coreference import Actors, retold_event
from .fallback import CONFIDENCE as WINDOW_CONFIDENCE
from .fallback import extract_by_window
from .lexicon import Lexicon, load_lexicon
from .listed import listed_targets
from .modality import modality_of
from .relations import CONFIDENCE, QUOTED_VOW, Candidate, RelationReader
from ..syntax import annotated, is_verbal
from ..syntax import governing_verb, lemma_forms
from .time import time_of

__all__ = ["ExtractedRelations", "extract_relations", "Lexicon", "load_lexicon"]

#: Events conditional by nature: "threatened X with strikes if ..." did threaten.
CONDITIONAL_TYPES = frozenset({"threat"})


@dataclass
class ExtractedRelations:
    """What extraction read in one document.

    ``relations`` in document order; ``entities`` are the ones extraction added to the
    resolution's (a state that only a city named: "visited Moscow" brings in Russia), in the
    order met, for the caller to append to the document's entities.
    """
    relations: list[Relation] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def extract_relations(document: Document, parsed: Doc, resolution: Resolution, kb) -> ExtractedRelations:
    """Read the relations of one document.

    Parameters
    ----------
    document : Document
    parsed : spacy.tokens.Doc
        Its parse; with a dependency parse the trigger lexicon's argument places are read,
        without one the window fallback (kgraph.extract.fallback) is used.
    resolution : Resolution
        Its resolved actors (read only).
    kb : KnowledgeBase
        Knowledge base whose ``lexicon`` and ``gazetteer`` are read.

    Returns
    -------
    ExtractedRelations
        The relations, and the entities extraction brought in.
    """
    lexicon: Lexicon = kb.lexicon
    actors = Actors(parsed, resolution.mentions, resolution.entities, getattr(kb, "gazetteer", None), document.id,
                    lexicon)
    if not annotated(parsed, "DEP"):
        relations = _window_relations(document, parsed, actors, lexicon)
    else:
        relations = _parsed_relations(document, parsed, actors, lexicon)
    # a state that only a place named ("visited Moscow") joins the document's entities
    return ExtractedRelations(relations, list(actors.added))


def _parsed_relations(document: Document, parsed: Doc, actors: Actors, lexicon: Lexicon) -> list[Relation]:
    reader = RelationReader(lexicon, actors)
    candidates = [reader.read(token) for token in _trigger_tokens(parsed, lexicon.trigger_words)]
    candidates = [c for c in candidates if c is not None]
    by_token = {c.trigger.i: c for c in candidates}
    relations: list[Relation] = []
    times: dict = {}  # time_of's reading of this document
    for candidate in candidates:
        # "pledged security assistance": the verb already tells the event its noun names
        verb = by_token.get(candidate.trigger.head.i) if not is_verbal(candidate.trigger) else None
        if verb is not None and verb is not candidate and verb.type == candidate.type:
            continue
        referent = _referent(candidate, relations)
        if referent is False:
            continue
        token = candidate.anchor or candidate.trigger
        if isinstance(referent, Relation):  # "the launch" told again is the launch told before
            modality, attributed = referent.modality, referent.attributed_to
        else:
            modality, attributed = modality_of(token, lexicon, actors.of_phrase,
                                               conditional=candidate.type in CONDITIONAL_TYPES)
            if modality == "hypothetical" and candidate.entry is not None and candidate.entry.hypothetical_as:
                modality = candidate.entry.hypothetical_as  # "approved a possible sale": planned
            if modality == "asserted" and _planned_under(candidate):
                modality = "planned"  # "approved arms sales to X": the sale is to come
            if modality == "asserted" and candidate.entry is not None and candidate.entry.asserted_as:
                modality = candidate.entry.asserted_as  # "exposed X to sanctions": X risks them
            if candidate.rule == QUOTED_VOW and modality == "asserted":
                # "'We will retaliate,' Y said": a threat on the word of the one quoted
                modality, attributed = "reported", attributed or modality_of(
                    candidate.trigger, lexicon, actors.of_phrase)[1]
        relations.extend(_relations(candidate, document, lexicon, modality, attributed,
                                    time_of(token, document.date, lexicon.time, times), reader.place_of(candidate),
                                    actors.entities))
    # "The five individuals are: A, B, ...": the targets a sanctions notice lists one by one
    relations.extend(listed_targets(document, parsed, actors, relations, lexicon))
    return relations


def _planned_under(candidate: Candidate) -> bool:
    """Whether a noun event is the object of one of its entry's ``planned_under`` verbs ("approved
    arms sales", "approved $2 billion combined in arms sales")."""
    entry = candidate.entry
    if entry is None or not entry.planned_under or is_verbal(candidate.trigger):
        return False
    verb, _ = governing_verb(candidate.trigger)
    if verb is not None and verb.dep_ == "acl" and verb.head.pos_ == "NUM":  # "$2 billion [combined] in"
        verb = verb.head.head
    return verb is not None and bool(lemma_forms(verb) & entry.planned_under)


def _trigger_tokens(parsed: Doc, words: frozenset[str]) -> list[Token]:
    """Tokens whose lemma or lower-case form is a trigger word, found on the document's
    attribute array: building a Token object for every word costs more than reading it."""
    keys = _hashes(words)
    rows = parsed.to_array([LEMMA, LOWER]).tolist()
    return [parsed[i] for i, (lemma, lower) in enumerate(rows) if lemma in keys or lower in keys]


@lru_cache(maxsize=8)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """The string-store hashes of the trigger words, computed once per lexicon (spaCy's hashes do not
    depend on the vocabulary)."""
    return frozenset(hash_string(word) for word in words)


def _referent(candidate: Candidate, earlier: list[Relation]) -> Relation | bool:
    """Symmetric events need participants; a directed noun event without a named source
    ("the sanctions include a ban on ...") refers back to the last event of its type
    (kgraph.resolve.coreference.retold_event), which is returned and lends the candidate its
    source; False when there is none, True when the candidate names its own actors."""
    if candidate.participants or candidate.source:
        return True
    previous = retold_event(candidate.type, earlier)
    if previous is None:
        return False
    candidate.source = [previous.source]
    candidate.confidence = min(candidate.confidence, CONFIDENCE["gov_subj"])
    return previous


def _relations(candidate: Candidate, document: Document, lexicon: Lexicon, modality: str,
               attributed: str | None, time: str | None, place: str | None,
               entities: dict[str, Entity] | None = None) -> list[Relation]:
    sentence = candidate.trigger.sent
    entry = candidate.entry
    origin = entry.origin if entry else None
    if origin and candidate.rule:
        origin = f"{origin}+{candidate.rule}"  # "relations.yaml:armed_conflict/verb+quoted-vow"
    evidence = [_evidence(document, sentence, candidate.trigger_text, origin)]
    codes = lexicon.codes.get(candidate.type, {})
    # the entry's own CAMEO code (CAMEO's and the supplement's entries), else the type's
    own = entry is not None and (candidate.type == entry.type or (entry.type, candidate.type) == (
        "transfer", "arms_transfer") and entry.cameo == "072")
    cameo = entry.cameo if own else None
    common = dict(modality=modality, attributed_to=attributed, time=time, location=place,
                  object=[" ".join(o.split()) for o in candidate.objects], confidence=round(candidate.confidence, 2),
                  cameo=cameo or codes.get("cameo"), plover=codes.get("plover"))
    if candidate.participants and candidate.pairs:  # "ties with both A and B": X-A, X-B
        return [Relation(candidate.type, participants=list(pair), evidence=list(evidence), **common)
                for pair in candidate.pairs]
    if candidate.participants:
        return [Relation(candidate.type, participants=list(candidate.participants), evidence=evidence, **common)]
    targets = candidate.target or [None]
    relations = [Relation(candidate.type, source=s, target=t, participants=[x for x in (s, t) if x],
                          evidence=list(evidence), **common)
                 for s in candidate.source for t in targets
                 if s != t and not (candidate.type not in lexicon.objects.get("adversarial_types", ())
                                    and _own_side(s, t, entities))]
    if entry is not None and entry.mutual:  # "X's fight against Y": Y fights X too
        relations += [Relation(candidate.type, source=r.target, target=r.source, participants=[r.target, r.source],
                               evidence=list(evidence), **common)
                      for r in list(relations) if r.target and not any(
                          (o.source, o.target) == (r.target, r.source) for o in relations)]
    if candidate.also:
        relations += _implied(candidate, evidence, common, lexicon)
    return relations


def _own_side(source: str, target: str | None, entities: dict[str, Entity] | None) -> bool:
    """Whether source and target are one side: a person or body and its own state ("Ukraine must get
    more air defence, Zelensky said" is no request from Zelensky to Ukraine)."""
    if target is None or entities is None:
        return False
    first, second = entities.get(source), entities.get(target)
    return bool(first and first.country == target and first.type in ("Person", "Organization")) or \
        bool(second and second.country == source and second.type in ("Person", "Organization"))


def _implied(candidate: Candidate, evidence: list[Evidence], common: dict, lexicon: Lexicon) -> list[Relation]:
    """The event a trigger implies besides its own: "X hosted Y" (a visit) says they met (among
    its parties); "X fired missiles at Y" (an attack) says X launched them (of its source)."""
    codes = lexicon.codes.get(candidate.also, {})
    common = {**common, "cameo": codes.get("cameo"), "plover": codes.get("plover")}
    if candidate.also in SYMMETRIC_TYPES:
        return [Relation(candidate.also, participants=[t, s], evidence=list(evidence), **{**common, "object": []})
                for s in candidate.source for t in candidate.target if s != t]
    return [Relation(candidate.also, source=s, participants=[s], evidence=list(evidence), **common)
            for s in candidate.source]


def _evidence(document: Document, sentence: Span, trigger: str, pattern: str | None = None) -> Evidence:
    return Evidence.of(document.id, document.text, sentence.start_char, sentence.end_char, trigger, pattern)


def _window_relations(document: Document, parsed: Doc, actors: Actors, lexicon: Lexicon) -> list[Relation]:
    relations = []
    times: dict = {}  # time_of's reading of this document
    for rtype, source, target, participants, modality, sentence, trigger in extract_by_window(
            document, parsed, actors, lexicon):
        codes = lexicon.codes.get(rtype, {})
        relations.append(Relation(rtype, source=source, target=target,
                                  participants=participants or [x for x in (source, target) if x],
                                  modality=modality, time=time_of(sentence[0], document.date, lexicon.time, times),
                                  confidence=WINDOW_CONFIDENCE, cameo=codes.get("cameo"),
                                  plover=codes.get("plover"),
                                  evidence=[_evidence(document, sentence, trigger)]))
    return relations
