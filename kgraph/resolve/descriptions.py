"""Descriptions that name actors without naming them: counted groups of people ("three
Malian officials", "five Iranian political figures ... The five individuals are: ...") and
described states ("the Southeast Asian country" after a visit to Hanoi).

Both are coreference (see :mod:`kgraph.resolve.coreference`, which runs
:func:`counted_people` with the other group expressions); they live here to keep that module
small. Nothing here imports extraction.
"""
from __future__ import annotations

from spacy.tokens import Token

from .context import ENUMERATION_GLUE, ResolutionContext, Span

#: Number words of a counted group of people ("three Malian officials").
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12}
#: Glue between the names of a listed group ("The five individuals are: • A • B").
LIST_GLUE = frozenset({",", "and", ":", ";", "\u2022", "-", "*", "\u2013", "\u00b7"})
#: A counted group takes up people named up to this many sentences after it.
COUNTED_REACH = 4


def counted_people(ctx: ResolutionContext) -> None:
    """"three Malian officials", "five Iranian political figures": a counted group of people
    (a number, at most three qualifiers, a noun of people_nouns) stands for the people the text
    names next: the first list of exactly that many names after it ("The five individuals
    are: A, B, ..."), else, when a state qualifies the group, the first that many people of
    that state named after it. Each member gets a group span over the phrase, and the state
    that qualifies the group becomes the state of members the text gives none."""
    for i, word in enumerate(ctx.lowers):
        size = COUNT_WORDS.get(word) or (int(word) if word.isdigit() and 1 < int(word) <= 20 else 0)
        if not size:
            continue
        head = next((k for k in range(i + 1, min(i + 5, len(ctx.lowers)))
                     if ctx.lowers[k] in ctx.cues.people_nouns), None)
        if head is None or any(ctx.lowers[k] in ENUMERATION_GLUE or ctx.texts[k] in LIST_GLUE for k in range(i + 1, head)):
            continue
        states = [s.entity for s in ctx.spans_within(i + 1, head) if s.type == "Country"]
        state = states[0] if len(set(states)) == 1 else None
        members = (_listed_after(ctx, head + 1, size) or _bulleted_names(ctx, head + 1, size)
                   or (_of_state_after(ctx, head + 1, size, state) if state else []))
        for member in members:
            ctx.spans.append(Span(i, head + 1, member, "group", "Person"))
            if state and not ctx.state_of(member):
                ctx.belongs_to[member] = state


def _people_after(ctx: ResolutionContext, start: int) -> list[Span]:
    """Spans of people from ``start`` to COUNTED_REACH sentences on, by position."""
    if ctx.doc.has_annotation("SENT_START"):
        sentences = [s for s in ctx.doc.sents if s.end > start][:COUNTED_REACH]
        end = sentences[-1].end if sentences else start
    else:
        end = len(ctx.texts)
    return sorted((s for s in ctx.spans_within(start, end) if s.type == "Person" and s.entity and s.start >= start),
                  key=lambda s: s.start)


def _listed_after(ctx: ResolutionContext, start: int, size: int) -> list[str]:
    """The first run of exactly ``size`` people joined by list glue only, after ``start``."""
    people = _people_after(ctx, start)
    k = 0
    while k < len(people):
        run = [people[k]]
        while k + len(run) < len(people):
            nxt = people[k + len(run)]
            between = [t for t in ctx.texts[run[-1].end:nxt.start] if t.strip()]
            if any(t.lower() not in LIST_GLUE for t in between):
                break
            run.append(nxt)
        members = list(dict.fromkeys(s.entity for s in run))
        if len(members) == size:
            return members
        k += len(run)
    return []


def _bulleted_names(ctx: ResolutionContext, start: int, size: int) -> list[str]:
    """"The five individuals are: • A • B ...": the first run of bullet lines after ``start``,
    each a name of two to five capitalised words, when there are exactly ``size`` of them. The
    names become people (the statistical NER misses names set out of a sentence)."""
    bullets = [k for k in range(start, min(start + 60 * size, len(ctx.texts))) if ctx.texts[k] in LIST_GLUE
               and ctx.texts[k] not in (",", "and", ";", ":") and _line_opens(ctx, k)]
    names: list[tuple[int, int]] = []
    for k in bullets:
        end = k + 1
        while end < len(ctx.texts) and not _line_opens(ctx, end) and ctx.texts[end].strip():
            end += 1
        words = [j for j in range(k + 1, end) if ctx.texts[j] != "-"]
        if not 2 <= len(words) <= 5 or not all(ctx.is_capitalised(j) and ctx.texts[j].replace(".", "").isalpha()
                                                 for j in words):
            break
        if names and any(ctx.texts[j].strip() and ctx.texts[j] not in LIST_GLUE for j in range(names[-1][1], k)):
            break
        names.append((k + 1, end))
    if len(names) != size:
        return []
    members = []
    for first, end in names:
        span = next((s for s in ctx.spans_within(first, end) if s.type == "Person" and s.entity
                     and s.start == first and s.end == end), None)
        if span is None:
            if ctx.covered(first, end):
                return members and []
            label = ctx.doc[first:end].text
            span = Span(first, end, ctx.new_entity(label, "Person"), "name", "Person", label)
            ctx.spans.append(span)
        members.append(span.entity)
    return list(dict.fromkeys(members))


def _line_opens(ctx: ResolutionContext, k: int) -> bool:
    """Whether token ``k`` is the first thing on its line."""
    return k == 0 or "\n" in ctx.doc[k - 1].whitespace_ or "\n" in ctx.doc[k - 1].text or not ctx.doc[k - 1].text.strip()


def _of_state_after(ctx: ResolutionContext, start: int, size: int, state: str) -> list[str]:
    """The first ``size`` people of ``state`` named after ``start``, when there are that many."""
    members = list(dict.fromkeys(s.entity for s in _people_after(ctx, start) if ctx.state_of(s.entity) == state))
    return members[:size] if len(members) >= size else []


# ---------------------------------------------------------------------- sieves: described states
#: "the Southeast Asian country": nouns a definite description of a state ends in.
DESCRIPTION_NOUNS = frozenset({"country", "nation", "kingdom", "monarchy", "republic", "archipelago"})
#: "the country received ...": nouns that with "the" alone take up the state named before, in
#: the same sentence or the one before (BARE_REACH), as a description does.
BARE_DESCRIPTION_NOUNS = frozenset({"country"})
BARE_REACH = 2
#: Verbs of saying: their subjects speak about "the country", they are not it.
SPEECH_LEMMAS = frozenset({"say", "tell", "announce", "state", "add", "note", "warn", "report", "claim", "write"})
#: A description takes up a state named at most this many sentences before.
DESCRIPTION_REACH = 3


def described_states(ctx: ResolutionContext) -> None:
    """"the Southeast Asian country", "the South Pacific nation", "the West African country":
    "the", one to three capitalised words that name no state themselves, and a noun of
    DESCRIPTION_NOUNS stand for a state named before (up to DESCRIPTION_REACH sentences):
    the nearest one that is neither the subject of the clause the description is in ("the
    United States will take action against the South Pacific nation") nor a modifier of the
    noun it qualifies ("Russian fighters in the African nation")."""
    for i in ctx.positions.get("the", ()):
        k = i + 1
        while k < len(ctx.texts) and k - i <= 3 and ctx.is_capitalised(k) and ctx.texts[k] not in ("-",):
            k += 1
        bare = k == i + 1 and k < len(ctx.texts) and ctx.lowers[k] in BARE_DESCRIPTION_NOUNS
        if (k == i + 1 and not bare) or k >= len(ctx.texts) or ctx.lowers[k] not in DESCRIPTION_NOUNS or any(
                s.type != "Location" for s in ctx.spans_within(i, k + 1)):
            continue
        if k == i + 2 and ctx.sentence_start(i) == i + 1:
            continue
        state = _described_state(ctx, i, k, BARE_REACH if bare else DESCRIPTION_REACH)
        if state:
            ctx.spans.append(Span(i, k + 1, state, "description", "Country"))


def _described_state(ctx: ResolutionContext, start: int, head: int, reach: int = DESCRIPTION_REACH) -> str | None:
    if ctx.doc.has_annotation("SENT_START"):
        sentences = [s for s in ctx.doc.sents if s.start <= start]
        floor = sentences[-reach].start if len(sentences) >= reach else 0
    else:
        floor = max(0, start - 60)
    candidates = sorted((s for s in ctx.spans if s.entity and floor <= s.start and s.end <= start
                         and ((s.type == "Country" and s.kind in ("name", "alias", "demonym", "metonym", "capital"))
                              or (s.type == "Location" and ctx.state_of(s.entity)))),
                        key=lambda s: s.start, reverse=True)
    excluded: set[str] = set()
    if ctx.doc.has_annotation("DEP"):
        token = ctx.doc[head]
        clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        attach = token.head.head if token.dep_ == "pobj" else None
        # "the White House said the message went to the country's leadership": a bare "the
        # country" is none of the speakers above it either, nor inside the phrase it qualifies
        # ("the Russian group's activities in the country")
        clauses = {clause} | ({a for a in token.ancestors if a.lemma_ in SPEECH_LEMMAS} if reach == BARE_REACH else set())
        phrase = range(attach.left_edge.i, attach.i) if attach is not None and reach == BARE_REACH else range(0)
        for span in candidates:
            t = ctx.doc[span.end - 1]
            state = ctx.state_of(span.entity) if span.type == "Location" else span.entity
            if clause is not None and _subject_of(t) in clauses:
                excluded.add(state)
            if attach is not None and ((t.head == attach and t.i < attach.i) or t.i in phrase):
                excluded.add(state)
    states = [ctx.state_of(s.entity) if s.type == "Location" else s.entity for s in candidates]
    return next((state for state in states if state and state not in excluded), None)


#: "the mercenary force", "the 15-member bloc": nouns a definite description of an
#: organisation ends in (with at least one qualifier before it).
ORGANISATION_NOUNS = frozenset({"group", "force", "bloc", "alliance", "militia", "organisation", "organization",
                                "movement", "outfit", "network", "company", "firm", "contractor", "manufacturer",
                                "coalition", "body", "agency"})


def described_organisations(ctx: ResolutionContext) -> None:
    """"the mercenary force", "the 15-member bloc": "the" with one to three qualifiers that name no actor and a noun of ORGANISATION_NOUNS stand
    for the organisation named last before (up to DESCRIPTION_REACH sentences), unless it is the
    subject of the description's own clause; a state's own bodies (ministries, agencies the text
    ties to a state) are not taken up. "The group" alone is left to extraction's anaphora."""
    bodies = set(ctx.g.descriptors.values()) | set(ctx.belongs_to)
    for i in ctx.positions.get("the", ()):
        k = i + 1
        while k < len(ctx.texts) and k - i <= 3 and ctx.lowers[k] not in ORGANISATION_NOUNS \
                and (ctx.texts[k][:1].islower() or ctx.texts[k][:1].isdigit() or ctx.texts[k] == "-") \
                and not ctx.doc[k].is_stop and ctx.doc[k].pos_ not in ("ADP", "DET", "PRON", "AUX", "CCONJ"):
            k += 1
        if k == i + 1 or k >= len(ctx.texts) or ctx.lowers[k] not in ORGANISATION_NOUNS or ctx.covered(i, k + 1):
            continue
        floor = _floor(ctx, i)
        candidates = sorted((s for s in ctx.spans if s.type == "Organization" and s.entity and s.kind != "group"
                             and floor <= s.start and s.end <= i and s.entity not in bodies),
                            key=lambda s: s.start, reverse=True)
        clause = next((a for a in ctx.doc[k].ancestors if a.pos_ in ("VERB", "AUX")), None) \
            if ctx.doc.has_annotation("DEP") else None
        for span in candidates:
            if clause is not None and _subject_of(ctx.doc[span.end - 1]) == clause:
                continue
            ctx.spans.append(Span(i, k + 1, span.entity, "description", "Organization"))
            break


def _floor(ctx: ResolutionContext, start: int) -> int:
    """First token of the sentence DESCRIPTION_REACH - 1 sentences before token ``start``'s."""
    if ctx.doc.has_annotation("SENT_START"):
        sentences = [s for s in ctx.doc.sents if s.start <= start]
        return sentences[-DESCRIPTION_REACH].start if len(sentences) >= DESCRIPTION_REACH else 0
    return max(0, start - 60)


def _subject_of(token: Token) -> Token | None:
    """The verb whose subject phrase holds ``token``, or None."""
    while token.dep_ in ("compound", "flat", "appos", "amod", "poss", "nmod") and token.head is not token:
        token = token.head
    return token.head if token.dep_ in ("nsubj", "nsubjpass") else None


def state_regimes(ctx: ResolutionContext) -> None:
    """"the regime", "the junta", "the military" standing alone for a state the text named with
    the same noun before: "the Burmese military regime ... the regime has carried out
    airstrikes", "Myanmar's junta ... the junta", "the Syrian military ... the military". As in
    event data (and the guide's slots), a state's army or government is the state. A bare noun
    with no such state before it stays nobody ("the military" in general), and so does a noun
    that qualifies another ("the military equipment", "the regime's critics" are kept: the
    possessive still names the regime)."""
    nouns = ctx.cues.regime_nouns
    if not nouns:
        return
    named: list[tuple[int, frozenset[str], str]] = []  # (token after the phrase, its nouns, state)
    for span in sorted((s for s in ctx.spans if s.type == "Country" and s.kind in
                        ("name", "alias", "demonym", "metonym")), key=lambda s: s.start):
        k = span.end + (ctx.texts[span.end:span.end + 1] in (["'s"], ["'"]))
        for n in range(min(3, len(ctx.texts) - k), 0, -1):
            if all(w in nouns for w in ctx.lowers[k:k + n]):
                named.append((k + n, frozenset(ctx.lowers[k:k + n]), span.entity))
                break
    if not named:
        return
    for i in range(1, len(ctx.texts)):
        if ctx.lowers[i] not in nouns or ctx.lowers[i - 1] != "the" or ctx.covered(i, i + 1):
            continue
        if i + 1 < len(ctx.texts) and ctx.doc[i + 1].pos_ in ("NOUN", "PROPN") and ctx.lowers[i + 1] not in nouns:
            continue  # "the military equipment"
        end = i + 1
        while end < len(ctx.texts) and ctx.lowers[end] in nouns:
            end += 1  # "the military regime"
        before = [state for after, words, state in named if after <= i and ctx.lowers[end - 1] in words]
        if before:
            ctx.spans.append(Span(i - 1, end, before[-1], "description", "Country"))
