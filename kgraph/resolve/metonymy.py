"""Metonymy sieves: a place or a person standing for a state.

A capital stands for its government only when it acts or owns an official ("Seoul has
reported", "Moscow's envoy"), and is a place otherwise ("the summit in Moscow"); "the Biden
administration" is the United States; "the North" is North Korea once the text has named it.
"""
from __future__ import annotations

from ..dates import MONTH_WORDS
from ..syntax import annotated
from .context import POSSESSIVE, ResolutionContext, Span


def administrations(ctx: ResolutionContext) -> None:
    """"the Biden administration", "the Netanyahu government": the leader's state, not the person."""
    for span in [s for s in ctx.spans if s.type == "Person" and s.entity]:
        noun = next((n for n in ctx.cues.administration_nouns
                     if tuple(ctx.texts[span.end:span.end + len(n)]) == n), None)
        if noun is None:
            continue
        heads = [o.holder for o in ctx.g.offices
                 if o.person == span.entity and o.role_class in ("head_of_state", "head_of_government")
                 and ctx.entry_type(o.holder) == "Country"]
        if heads:
            for inside in [s for s in ctx.spans if span.end <= s.start < span.end + len(noun)]:
                ctx.spans.remove(inside)  # "the Biden White House": one mention
            ctx.spans.remove(span)
            span.end += len(noun)
            span.entity, span.kind, span.type = heads[0], "metonym", "Country"
            ctx.revise(span)
            ctx.spans.append(span)


def rulers_in(ctx: ResolutionContext) -> None:
    """"military leaders in Niger", "the junta in Niger", "the leaderships in the Kingdom of
    Saudi Arabia", "the authorities in Kabul": those who rule a state named after "in" (a
    capital too) stand for the state, as "the Niger junta" does; unnamed, they are no actor
    of their own (actor_cues.yaml ``ruler_nouns``). Soldiers and forces "in" a state are not
    its rulers ("Russian forces in Ukraine") and are not listed."""
    for words in sorted(ctx.cues.ruler_nouns, key=len, reverse=True):  # "military leaders" before "leaders"
        n = len(words)
        for i in ctx.occurrences(words):
            k = i + n
            if k >= len(ctx.lowers) or ctx.lowers[k] != "in" or ctx.covered(i, k):
                continue
            k += 1 if k + 1 < len(ctx.lowers) and ctx.lowers[k + 1] != "the" else 2
            place = ctx.span_starting_at(k)
            state = ctx.state_of(place.entity) if place is not None and place.type in ("Country", "Location") \
                else None
            capital = place is not None and any(h.kind == "capital"
                                                for h in ctx.g.lookup(ctx.texts[place.start:place.end]))
            if state and ctx.entry_type(state) == "Country" and (place.type == "Country" or capital):
                ctx.spans.append(Span(i, i + n, state, "metonym", "Country"))
                for other in _listed_states(ctx, place.end):  # "the leaderships in A, and B": both
                    ctx.spans.append(Span(i, i + n, other, "metonym", "Country"))


def _listed_states(ctx: ResolutionContext, end: int) -> list[str]:
    """States named after token ``end`` joined by commas, "and" and "the" only."""
    found: list[str] = []
    k = end
    while k < len(ctx.lowers) and ctx.lowers[k] in (",", "and", "the"):
        span = ctx.span_starting_at(k + 1)
        if span is not None and span.type == "Country":
            found.append(span.entity)
            k = span.end
        else:
            k += 1
    return found


def resolve_capitals(ctx: ResolutionContext) -> None:
    """A capital is its government when it acts or owns an official, else the city."""
    states = {s.entity for s in ctx.spans if s.type == "Country" and s.kind != "capital"}
    capitals = [s for s in ctx.spans if s.kind == "capital"]
    datelines = {id(s) for s in capitals if _dateline(ctx, s)}
    decided = {id(s): id(s) not in datelines and _capital_is_government(ctx, s) for s in capitals}
    # Coordinated names share one reading: "condemnation from Seoul, Tokyo and Washington".
    for run in _coordinated(ctx, capitals):
        if any(decided.get(id(s), s.type == "Country") for s in run):
            decided.update({id(s): True for s in run if s.kind == "capital"})
    for span in capitals:
        if decided[id(span)]:
            span.kind = "metonym"
            states.add(span.entity)
            ctx.revise(span)
    # A dateline's city is a place of its own, unless the text also makes it act for its state
    # ("MOGADISHU, Aug 28 - ... Cairo and Mogadishu signed"): then one node holds both.
    acting = {ctx.lowers[s.start] for s in capitals if decided[id(s)]}
    datelines = {d for d in datelines if not any(id(s) == d and ctx.lowers[s.start] in acting for s in capitals)}
    for span in [s for s in ctx.spans if s.kind == "capital"]:
        # A city whose state is an actor here is named by the state's node, not a second one;
        # a dateline's city is the venue of the whole text, a place of its own.
        if span.entity in states and id(span) not in datelines:
            span.kind = "place"
            ctx.revise(span)
        else:
            city = next(h.entry for h in ctx.g.lookup(ctx.texts[span.start:span.end])
                        if h.kind == "capital" and ctx.g.entries[h.entry].type == "Location")
            span.entity, span.kind, span.type = city, "name", "Location"
            ctx.revise(span)


DASHES = ("-", "\u2013", "\u2014", "--")


def _dateline(ctx: ResolutionContext, span: Span) -> bool:
    """Whether a capital opens a dateline: the first name of a line, followed by a bracket
    ("MOSCOW (Reuters) -"), a dash ("Kyiv - ..."), or a comma and, before the line's end or a
    dash, a short date or state ("Bishkek, 30 April 2021", "ABUJA, Nigeria \u2014",
    "Hanoi, May 5 (VNA) -"). Such a city is where the text was written, never the state acting;
    a capital later in the text still stands for its state when it acts."""
    if not _line_open(ctx, span.start) or span.end >= len(ctx.texts):
        return False
    nxt = ctx.texts[span.end]
    if nxt == "(" or nxt in DASHES:
        return True
    if nxt != ",":
        return False
    j, seen = span.end + 1, 0
    while j < len(ctx.texts) and seen < 8:
        word = ctx.lowers[j]
        if "\n" in ctx.doc[j].text or ctx.texts[j] in DASHES or ctx.texts[j] == "(":
            break
        if any(c.isdigit() for c in word) or word.rstrip(".") in MONTH_WORDS or \
                any(s.type == "Country" for s in ctx.spans.at[j]):
            return True
        j, seen = j + 1, seen + 1
    return False


def _line_open(ctx: ResolutionContext, i: int) -> bool:
    """Whether token ``i`` is the first word of a line (blank-line tokens before it skipped)."""
    while i > 0 and not ctx.texts[i - 1].strip() and "\n" not in ctx.doc[i - 1].text:
        i -= 1
    return i == 0 or "\n" in ctx.doc[i - 1].text or "\n" in ctx.doc[i - 1].whitespace_


def _coordinated(ctx: ResolutionContext, capitals: list[Span]) -> list[list[Span]]:
    """Runs of capitals and states joined only by commas and "and" that hold a capital."""
    runs: list[list[Span]] = []
    names = sorted((s for s in ctx.spans if s.type == "Country" or s.kind == "capital"), key=lambda s: s.start)
    glue: list[list[str]] = []
    for span in names:
        between = ctx.lowers[runs[-1][-1].end:span.start] if runs else []
        if runs and between and set(between) <= {",", "and"}:
            runs[-1].append(span)
            glue[-1] = between
        else:
            runs.append([span])
            glue.append([])
    # A list ends in "and"; "Warsaw, Poland" is an address, not a list.
    capital_ids = {id(s) for s in capitals}   # by identity: comparing Span records field by field is slow
    return [run for run, last in zip(runs, glue) if "and" in last and any(id(s) in capital_ids for s in run)]


def _capital_is_government(ctx: ResolutionContext, span: Span) -> bool:
    """Whether a capital acts for its state: the subject or object of a clause ("Seoul has
    reported", "sanctions on Moscow"), an owner ("Tokyo's envoy"), a noun's source ("support
    from Beijing"), or coordinated with actors; not in a dateline ("SEOUL, Nov 5 -"), after a
    locative preposition ("flew to Beijing") or opening a longer name ("the Tehran Times")."""
    cues = ctx.cues
    after = ctx.lowers[span.end:span.end + 6]
    if ctx.doc[span.start:span.end].text.isupper():
        return False  # a dateline: "WASHINGTON (Reuters) -", "SEOUL, Nov 5 -"
    if after[:1] and after[0] in POSSESSIVE:
        owned = after[1:4]
        return not any(w in cues.city_nouns or " ".join(owned[k:k + 2]) in cues.city_nouns
                       for k, w in enumerate(owned))
    j = span.start - 1
    while j >= 0 and ctx.lowers[j] in ("the", "a"):
        j -= 1
    head = ctx.doc[span.end - 1]
    has_parse = annotated(ctx.doc, "DEP")
    nxt = span.end
    if not has_parse and nxt < len(ctx.texts) and ctx.is_capitalised(nxt) and not ctx.covered(nxt, nxt + 1) \
            and ctx.lowers[nxt] not in cues.title_words:
        return False  # the first word of a longer name: "the Tehran Times", "the Moscow Exchange"
    if j >= 0 and ctx.lowers[j] in cues.locative_prepositions:
        # "support from Beijing" (a noun's source) is the government; "flew from Beijing" the city.
        return has_parse and ctx.lowers[j] == "from" and ctx.doc[j].head.pos_ in ("NOUN", "PROPN")
    if has_parse:
        if head.dep_ == "compound":
            return head.head.lower_ in cues.government_nouns
        if head.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "appos", "pobj", "npadvmod", "attr", "ROOT"):
            return True
    if after[:1] and after[0] in cues.actor_verbs:
        return True
    if (after[:1] and after[0] == "and") or (j >= 0 and ctx.lowers[j] in ("and", ",", "between")):
        return True
    return not has_parse


def ambiguous_states(ctx: ResolutionContext) -> None:
    """A short name that several states share (actor_cues.yaml ``ambiguous_states``: "Congo")
    means the candidate the document names otherwise: by its full name,
    demonym or capital ("Kinshasa", "the Democratic Republic of the Congo", "Congolese") or by
    a place in it ("Goma", "North Kivu", known to the gazetteer with their state). With no
    such evidence, or evidence for several, the gazetteer's reading stands (the first listed)."""
    table = ctx.cues.ambiguous_states
    if not table:
        return
    firsts = {name.split()[0] for name in table}
    for span in [s for s in ctx.spans if s.type in ("Country", "Location") and ctx.texts[s.start] in firsts]:
        name = " ".join(ctx.texts[span.start:span.end])
        candidates = table.get(name) or table.get(name.removeprefix("the ")) or ()
        if len(candidates) < 2:
            continue
        votes = {c: 0 for c in candidates}
        for other in ctx.spans:
            if other is span or " ".join(ctx.texts[other.start:other.end]) in table:
                continue
            state = other.entity if other.entity in votes else ctx.state_of(other.entity) if other.entity else None
            if state in votes:
                votes[state] += 1
        supported = [c for c, n in votes.items() if n]
        if len(supported) == 1 and supported[0] != span.entity:
            span.entity, span.type, span.kind = supported[0], "Country", "alias"
            ctx.revise(span)


def short_references(ctx: ResolutionContext) -> None:
    """"the North" for North Korea, once the document has named North Korea."""
    named = {s.entity for s in ctx.spans
             if s.type == "Country" and s.kind in ("name", "alias", "demonym", "metonym")}
    for words, state in ctx.cues.short_references:
        if state not in named:
            continue
        n = len(words)
        for i in ctx.occurrences(tuple(w.lower() for w in words)):
            if i >= 1 and ctx.lowers[i - 1] == "the" and tuple(ctx.texts[i:i + n]) == words \
                    and not ctx.covered(i, i + n):
                ctx.spans.append(Span(i - 1, i + n, state, "alias", "Country"))



def namesake_states(ctx: ResolutionContext) -> None:
    """A state's name or demonym shared by two states ("Congo", "Congolese": the Republic of the
    Congo and DR Congo; "Guinea", "Sudan") means the other one when the text says so: a known
    office holder named with it ("Congolese President Denis Sassou Nguesso" holds the Republic
    of the Congo's office on the document's date; "Congo's President Felix Tshisekedi" DR
    Congo's), else a capital the document names ("Brazzaville", "Kinshasa") whose state shares
    the name and the state of the name's first meaning has no capital named."""
    spans = [s for s in ctx.spans if s.type == "Country" and s.kind in ("name", "alias", "demonym")]
    if not spans:
        return
    named_capitals = {s.entity for s in ctx.spans if s.kind == "capital"}
    for span in spans:
        holder = _office_holder_state(ctx, span)
        if holder and holder != span.entity and _shares_name(ctx, span, holder):
            span.entity = holder
            ctx.revise(span)
            continue
        others = [c for c in named_capitals if c != span.entity and _shares_name(ctx, span, c)]
        if len(others) == 1 and span.entity not in named_capitals:
            span.entity = others[0]
            ctx.revise(span)


#: Words of a state's name that tell no state from its namesake ("the Democratic Republic of the
#: Congo" is still "Congo"; "South Sudan" is not "Sudan").
FORM_WORDS = frozenset({"democratic", "republic", "of", "the", "people's", "dr", "d.r.", "federal", "islamic",
                        "socialist", "arab", "plurinational", "bolivarian", "state", "kingdom"})


def _shares_name(ctx: ResolutionContext, span: Span, other: str) -> bool:
    """Whether the span's state and ``other`` share the name the span is written with, once the
    words of their forms of government are left out: "Republic of the Congo" and "Democratic
    Republic of Congo" are both "Congo" ("Congo", "Congolese"); "Niger" and "Nigeria", "Sudan"
    and "South Sudan" are not one name, and "Taiwan" is not the "China" of "Republic of China"."""
    stem = ctx.lowers[span.start][:5]
    return any(name.startswith(stem) for name in _bare_names(ctx, span.entity) & _bare_names(ctx, other))


def _bare_names(ctx: ResolutionContext, state: str) -> set[str]:
    entry = ctx.g.entries.get(state)
    if entry is None or entry.type != "Country":
        return set()
    found = set()
    for name in (entry.label, *entry.aliases):
        words = [w.lower() for w in name.split() if w.lower() not in FORM_WORDS]
        if len(words) == 1 and len(words[0]) >= 4:
            found.add(words[0])
    return found


def _office_holder_state(ctx: ResolutionContext, span: Span) -> str | None:
    """The state whose office the person named next holds: "<name>('s) <title words> <person>"."""
    k = span.end + (span.end < len(ctx.texts) and ctx.texts[span.end] in POSSESSIVE)
    start = k
    while k < len(ctx.texts) and k - start < 4 and ctx.lowers[k] in ctx.cues.title_words:
        k += 1
    if k == start:
        return None
    person = ctx.span_starting_at(k)
    if person is None or person.type != "Person" or not person.entity:
        return None
    states = {o.holder for o in ctx.g.offices_of(person.entity, ctx.document.date)
              if ctx.g.entries[o.holder].type == "Country"}
    return states.pop() if len(states) == 1 else None
