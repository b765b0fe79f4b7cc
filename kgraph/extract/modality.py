"""How the text presents an event: asserted, reported, planned, expected, suspected,
hypothetical or negated, and on whose word.

The cues (ontologies/modality.yaml) are looked for on the trigger and on each
clause above it; the nearest clause with a cue decides. A noun event ("Putin's
upcoming visit") keeps its own modifiers and the clause it is an argument of,
but not the clause around a prepositional phrase it sits in: "provided engines
for North Korea's failed launch" does not make the launch suspected.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .lexicon import Lexicon
from ..syntax import MISATTACHED_VERB_DEPS, is_verbal, opening_participle, subjects

#: Within one clause the stronger cue wins.
PRIORITY = ("negated", "hypothetical", "suspected", "expected", "planned", "reported")
#: Dependencies a noun event climbs through to the verb it is an argument of.
NOUN_CLIMB = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "compound", "conj", "appos"})
#: Dependencies that lead out of a clause into the one that embeds it.
CLAUSE_CLIMB = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "acl", "relcl", "dobj",
                          "nsubj", "nsubjpass", "attr", "csubj", "oprd", "acomp", "compound", "parataxis"})
#: Dependencies of the words that cue a modality on a clause or noun ("not", "reportedly", "possible");
#: not the noun modifiers that name actors (``kgraph.syntax.MODIFIER_DEPS``).
CUE_DEPS = frozenset({"advmod", "amod", "acomp", "npadvmod", "neg", "det", "prt"})
#: How a clause may hang from a cue word without being coloured by it.
UNCOLOURED = frozenset({"nsubj", "csubj", "conj", "advcl", "parataxis"})

ActorsOf = Callable[[Token], list[str]]


def _level_cues(token: Token, via: str | None, lexicon: Lexicon, is_trigger: bool) -> set[str]:
    """The modalities cued in one clause level: the token's own word (above the trigger)
    and its modifiers, auxiliaries, markers and conditional clauses."""
    cues: set[str] = set()
    lemma = token.lemma_.lower()
    lemmas = phrasal_lemmas(token)
    # a cue verb colours its complements, not its subject ("the launch failed" did happen), the
    # verb coordinated with it ("dismissed the sanctions and accused X": the accusation stands)
    # nor a clause of circumstance ("vowed to deepen ties as the two leaders met")
    if not is_trigger and via not in UNCOLOURED:
        for modality in PRIORITY:
            if lemmas & lexicon.cues(modality).heads:
                cues.add(modality)
    negators = lexicon.cues("negated").modifiers
    for child in token.children:
        word, clemma, dep = child.lower_, child.lemma_.lower(), child.dep_
        if dep == "neg" or (dep in CUE_DEPS and word in negators):
            cues.add("negated")
        if dep == "aux":
            for modality in ("hypothetical", "planned"):
                if word in lexicon.cues(modality).auxiliaries:
                    cues.add(modality)
        if dep == "mark" and word in lexicon.cues("hypothetical").marks:
            cues.add("hypothetical")
        if dep == "advcl" and any(g.dep_ == "mark" and g.lower_ in lexicon.cues("hypothetical").marks
                                  for g in child.children):
            cues.add("hypothetical")
        if dep in CUE_DEPS:
            for modality in PRIORITY:
                if word in lexicon.cues(modality).modifiers or clemma in lexicon.cues(modality).modifiers:
                    cues.add(modality)
    if is_trigger and is_verbal(token) and any(
            c.dep_ in ("dobj", "obj") and any(d.dep_ == "det" and d.lower_ in negators for d in c.children)
            for c in token.children):
        cues.add("negated")  # "imposed no new sanctions on X": the event's object is denied
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.i > token.i and any(
            c.dep_ in ("acomp", "attr", "oprd") and (c.lower_ in negators or c.lemma_.lower() in negators)
            for c in [*token.head.children,  # "turned out to be false", "proved to be untrue"
                      *(g for x in token.head.children if x.dep_ == "xcomp" for g in x.children)]):
        cues.add("negated")  # "Rumours that X sent drones were false": the predicate denies its subject
    if via == "xcomp":
        # "is set to", "has yet to": the word before the infinitive decides; "likely" is
        # suspected on a finite verb ("likely provided") but expected before an infinitive
        words = {lemma} | {c.lower_ for c in token.children if c.dep_ in CUE_DEPS}
        infinitive = {m for m in PRIORITY if words & lexicon.cues(m).infinitive_heads}
        if infinitive:
            cues = (cues - {"suspected"}) | infinitive
    return cues


def _reporter(token: Token, actors_of: ActorsOf) -> list[str]:
    """Who says so: the subject of a reporting verb, or the object of "according to"."""
    if token.lower_ == "according":
        return [a for prep in token.children if prep.lower_ == "to"
                for pobj in prep.children if pobj.dep_ == "pobj" for a in actors_of(pobj)]
    return [a for s in subjects(token) for a in actors_of(s)]


def modality_of(trigger: Token, lexicon: Lexicon, actors_of: ActorsOf,
                conditional: bool = False) -> tuple[str, str | None]:
    """(modality, attributed_to) of the event whose trigger is ``trigger``. A ``conditional``
    event (a threat) is made, not hypothetical, when an "if" clause hangs on its own verb:
    "warned X of consequences if ..." did warn.

    Parameters
    ----------
    trigger : spacy.tokens.Token
        The trigger, or the word whose clause tells the event ("threatened" for "threatened to strike").
    lexicon : Lexicon
        Its ``cues(modality)`` are the cue words of modality.yaml.
    actors_of : callable
        Token -> actor ids of the phrase it heads (``Actors.of_phrase``), for who says so.
    conditional : bool
        The event is a threat, which an "if" clause on its own verb does not make hypothetical.

    Returns
    -------
    (str, str or None)
        One of ``kgraph.model.MODALITIES`` ("reported" and "asserted" when no cue), and the id
        of the actor the event is attributed to ("X said", "according to X"), or None.
    """
    reported_heads = lexicon.cues("reported").heads
    denials = lexicon.cues("negated").heads
    factives = lexicon.cues("asserted").heads
    modality: str | None = None
    attributed: str | None = None
    nominal = not is_verbal(trigger)
    token, via, level = trigger, None, 0
    climbing_modality = True
    while True:
        if climbing_modality and level and _noncommittal(token, lexicon):
            # "would not confirm or deny reports that X": X is unconfirmed; nothing above counts
            modality = modality or "suspected"
            climbing_modality = False
        elif climbing_modality and modality is None:
            cues = _level_cues(token, via, lexicon, is_trigger=level == 0)
            if conditional and level == 0 and not _has_modal(token, lexicon):
                cues.discard("hypothetical")
            if cues:
                modality = next(m for m in PRIORITY if m in cues)
                if modality == "hypothetical" and _has_would(token) and _past_report_above(token, reported_heads):
                    modality = "planned"  # "said it would send": the future seen from the past
        elif climbing_modality and modality != "negated" and via not in UNCOLOURED and (
                phrasal_lemmas(token) & denials or _denied_noun(token, lexicon)):
            # "denied that it was negotiating a deal", "no sign that X planned to": the denial
            # covers the plan
            modality = "negated"
        # the reporter speaks of its complement, not of its own subject ("Iran, which supplied
        # drones to Russia, denies it": the supplying is the writer's)
        if (level and attributed is None and token.lemma_.lower() in reported_heads
                and via not in ("nsubj", "nsubjpass", "csubj") and not _noncommittal(token, lexicon)):
            who = _reporter(token, actors_of)
            if who:
                attributed = who[0]
        if modality is not None and modality != "reported" and attributed is not None:
            break
        head = token.head
        if head is token:
            break
        if nominal and token.dep_ not in NOUN_CLIMB and token is trigger and not _engaged_in(token):
            climbing_modality = False  # the phrase around a noun event does not colour it
        if nominal and token is trigger and (head.lemma_.lower() in factives or _names_as(head, token)):
            climbing_modality = False  # "failed to condemn North Korea's launch": the launch took place
        if climbing_modality and level and modality in (None, "reported", "suspected") and token.dep_ == "dobj" \
                and not is_verbal(token) and via in ("acl", "ccomp", "relcl") and (
                    head.lemma_.lower() in denials or (head.dep_ == "advcl" and head.head.lemma_.lower() in denials)) \
                and not _noncommittal(head, lexicon):
            modality = "negated"  # "dismissed as fake the reports that it had attacked X": denied
        if token.dep_ not in CLAUSE_CLIMB and not (is_verbal(token) and token.dep_ in MISATTACHED_VERB_DEPS):
            break
        if token.dep_ in ("ccomp", "conj", "parataxis") and _beyond_semicolon(token, head):
            break  # "X blamed Y; Y has not claimed it": two sentences in one
        if token.dep_ == "ccomp" and head.lemma_.lower() in denials and _rebuts(head, token, lexicon):
            break  # "X accused Y of Z, a charge Y denies": the clause is the writer's
        if token.dep_ == "relcl" and not (_is_content_clause(token) or _is_cue_noun(head, lexicon)):
            climbing_modality = False
        if token.dep_ == "advcl" and opening_participle(token):
            break  # "Sanctioned by the EU last year, Iran said ...": the writer's, not the sayer's
        if token.dep_ == "advcl" and _circumstance(token, lexicon):
            climbing_modality = False  # "vowed to deepen ties as the two leaders met": they did meet
        via = _clause_dep(token)
        token, level = head, level + 1
    if modality is None or attributed is None:
        # "X is Y, she said": the reporting clause hangs beside the main one
        root = trigger.sent.root
        for side in root.children:
            if (side.dep_ in ("parataxis", "advcl") and side.lemma_.lower() in reported_heads and side.i > trigger.i
                    and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in side.children)):
                # "..., Minsk denied": a denial beside the clause negates it
                modality = modality or ("negated" if side.lemma_.lower() in denials else "reported")
                who = _reporter(side, actors_of)
                attributed = attributed or (who[0] if who else None)
                break
    if attributed is None:
        attributed = _according_to(trigger, actors_of)
    if modality is None:
        modality = "reported" if attributed else "asserted"
    return modality, attributed


def _names_as(verb: Token, noun: Token) -> bool:
    """Whether a verb calls its object noun something ("called Russia's attack an act of terror",
    "branded the strike a war crime": an object predicate, or a second object after it): the
    verb takes the event as given, as a factive verb does."""
    if noun.dep_ not in ("dobj", "obj") or not is_verbal(verb):
        return False
    return any(c.i > noun.i and (c.dep_ == "oprd" or c.dep_ in ("dobj", "obj")) for c in verb.children)


def phrasal_lemmas(token: Token) -> set[str]:
    """The token's lemma, and with each particle on it the phrasal verb it makes ("called off":
    {"call", "call off"}), as modality.yaml lists heads.

    Examples
    --------
    "The meeting was called off": at "called", ``{"call", "call off"}``.
    """
    lemma = token.lemma_.lower()
    return {lemma} | {f"{lemma} {c.lower_}" for c in token.children if c.dep_ == "prt"}


def _rebuts(denial: Token, clause: Token, lexicon: Lexicon) -> bool:
    """Whether ``denial`` answers ``clause`` through a noun after it ("..., a charge Y denies"),
    rather than denying it ("Y denied that it had sent troops")."""
    nouns = lexicon.cues("negated").rebutted_nouns
    return any(child.dep_ in ("dobj", "nsubjpass", "npadvmod", "appos") and child.i > clause.i
               and child.lemma_.lower() in nouns for child in denial.children)


def _noncommittal(token: Token, lexicon: Lexicon) -> bool:
    """One of a noncommittal pair coordinated with the other ("confirm or deny", "deny or confirm")."""
    pair = lexicon.cues("suspected").noncommittal
    lemma = token.lemma_.lower()
    if lemma not in pair:
        return False
    partners = [c for c in token.children if c.dep_ == "conj"] + ([token.head] if token.dep_ == "conj" else [])
    return any(p.lemma_.lower() in pair and p.lemma_.lower() != lemma for p in partners)


def _clause_dep(clause: Token) -> str:
    """The dependency by which a clause hangs from the one above, a bare gerund or infinitive read
    as the complement it is whatever the parser says: "India ruled out joining sanctions" (parsed
    as an adverbial clause after a first sentence, as a complement alone) is the ruling-out's object;
    after a comma ("rejected the plan, accusing X of ...") it stays a clause of its own."""
    if clause.dep_ == "advcl" and clause.tag_ in ("VBG", "VB") and clause.i > clause.head.i and not any(
            c.dep_ in ("mark", "nsubj", "nsubjpass", "csubj") for c in clause.children) and not any(
            t.is_punct for t in clause.doc[clause.head.i + 1:clause.i]):
        return "xcomp"  # not "rejected the plan, accusing X of ...": after a comma it is a clause of its own
    return clause.dep_


def _denied_noun(token: Token, lexicon: Lexicon) -> bool:
    """"no evidence", "no sign", "no indication": a noun the text says there is none of."""
    negators = lexicon.cues("negated").modifiers
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in negators for c in token.children)


def _circumstance(clause: Token, lexicon: Lexicon) -> bool:
    """A finite adverbial clause of time, reason or manner ("as they met", "after X struck"), which
    the cues of the clause above do not reach; a condition ("if ...") is no circumstance."""
    marks = lexicon.cues("hypothetical").marks
    return any(c.dep_ == "mark" and c.lower_ not in marks for c in clause.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _beyond_semicolon(clause: Token, head: Token) -> bool:
    low, high = sorted((clause.i, head.i))
    return any(c.dep_ == "punct" and c.lower_ == ";" and low < c.i < high for c in head.children)


def _engaged_in(noun: Token) -> bool:
    """"engaged in combat", "took part in drills": the verb carries the noun event."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "in" and is_verbal(noun.head.head)


def _has_modal(token: Token, lexicon: Lexicon) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in lexicon.cues("hypothetical").auxiliaries
               for c in token.children)


def _has_would(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "would" for c in token.children)


def _past_report_above(token: Token, reported_heads) -> bool:
    return any(a.lemma_.lower() in reported_heads and a.tag_ in ("VBD", "VBN") for a in token.ancestors)


def _is_cue_noun(noun: Token, lexicon: Lexicon) -> bool:
    """Nouns such as "suspicions", "plans", "reports" take a "that" clause of content, which the
    parser may read as a relative clause ("suspicions that Russia assisted ...")."""
    lemma = noun.lemma_.lower()
    return any(lemma in cues.heads for m, cues in lexicon.modality.items() if m != "asserted")


def _is_content_clause(clause: Token) -> bool:
    """A "that" clause on a noun ("suspicions that Russia assisted ...") that the parser
    labelled as a relative clause."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) or any(
        c.lower_ == "that" and c.dep_ in ("mark",) for c in clause.lefts)


def _according_to(trigger: Token, actors_of: ActorsOf) -> str | None:
    for token in trigger.sent:
        if token.lower_ == "according":
            who = _reporter(token, actors_of)
            if who:
                return who[0]
    return None
