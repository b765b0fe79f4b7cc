"""Namesake sieves: names that mean something else in context.

A state's or a capital's name that is also a sub-national unit's ("Georgia Governor", "Victoria's
Premier", "Washington Governor"), a state's name that names a region of another state ("Macedonia
in northern Greece"), and names inside longer names ("the Niger Delta Avengers", "the Mali
Liberation Front", "the Gulf of Guinea"): the longer name or the unit, not the state.
"""
from __future__ import annotations

from .context import POSSESSIVE, ResolutionContext, Span

#: Place nouns after a state's name that make it a sub-national unit's ("Luxembourg province").
UNIT_NOUNS = frozenset({"province", "oblast", "prefecture", "governorate", "county"})


def sub_national_namesakes(ctx: ResolutionContext) -> None:
    """A state's name that is also a sub-national unit's ("Georgia", the country and the US
    state) means the unit in a sub-national context: before or after a sub-national word
    ("Georgia Governor Brian Kemp", "Georgia's governor", "the governor of Georgia", "Georgia
    lawmakers"), after a city of the unit's state and a comma ("Atlanta, Georgia"), or once the
    document has named the unit whole ("The state of Georgia signed ...; Georgia ..."), unless it
    also names the country whole ("the Republic of Georgia"). A state's name before a unit noun
    of :data:`UNIT_NOUNS` is never the state ("Luxembourg province officials": Belgium's
    province, a place of its own when the gazetteer has no such unit)."""
    named = {s.entity for s in ctx.spans if s.kind == "name" and s.type == "Location"}
    countries = {s.entity for s in ctx.spans if s.type == "Country" and s.end - s.start > 1}
    words = ctx.cues.sub_national_words
    candidates = []
    for span in [s for s in ctx.spans if s.type == "Country" and s.kind in ("name", "alias", "capital")]:
        unit = _namesake_unit(ctx, span)
        k = span.end + (span.end < len(ctx.texts) and ctx.texts[span.end] in POSSESSIVE)
        after = tuple(ctx.lowers[k:k + 3])
        before = tuple(ctx.lowers[max(span.start - 3, 0):span.start])
        unit_noun = (k == span.end and after[:1] and after[0] in UNIT_NOUNS and ctx.texts[k].islower()) or \
            (before[-2:-1] and before[-2] in UNIT_NOUNS and before[-1] == "of")  # "the province of Luxembourg"
        if unit is None:
            if unit_noun and span.entity not in countries and span.kind != "capital":
                _unit_of_its_own(ctx, span)
            elif span.kind != "capital":
                _place_in_another_state(ctx, span)
            continue
        if span.entity not in countries:
            cued = any(after[:len(w)] == w or (before[-len(w) - 1:] == (*w, "of")) for w in words) \
                or unit_noun or _after_a_city_of(ctx, span, unit) or _after_a_titled_name(ctx, span, words) \
                or _before_its_state(ctx, span, unit)
            candidates.append((span, unit, cued))
    named |= {unit for _, unit, cued in candidates if cued}
    for span, unit, cued in candidates:
        if cued or (unit in named and span.kind != "capital"):
            span.entity, span.type, span.kind = unit, "Location", "name"
            ctx.revise(span)


#: Unit phrases that name a first-level unit whose bare name the gazetteer keeps for another
#: meaning ("Victoria" is Seychelles' capital; "state of Victoria" the Australian state).
UNIT_PHRASES = (("state", "of", None), (None, "State"), ("province", "of", None), (None, "Province"),
                (None, "Region"), (None, "Oblast"), (None, "Prefecture"), (None, "Governorate"))


def _namesake_unit(ctx: ResolutionContext, span: Span) -> str | None:
    """The sub-national unit a state's name or a capital's also names: of another state for a
    state's name ("Georgia"), of any state for a capital ("Victoria", Australia's state;
    "Washington", the US state); found bare or through its unit phrases ("state of Victoria")."""
    name = ctx.texts[span.start:span.end]
    hits = list(ctx.g.lookup(name))
    for phrase in UNIT_PHRASES:
        hits += ctx.g.lookup([w for part in phrase for w in ([part] if part else name)])
    capital = span.kind == "capital"
    cities = {h.entry for h in ctx.g.lookup(name) if h.kind == "capital"}
    for hit in hits:
        if hit.entry == span.entity or hit.entry in cities or not hit.entry \
                or ctx.entry_type(hit.entry) != "Location" or hit.kind not in ("name", "alias"):
            continue
        country = ctx.g.entries[hit.entry].country
        if country is not None and (capital or country != span.entity):
            return hit.entry
    return None


def _before_its_state(ctx: ResolutionContext, span: Span, unit: str) -> bool:
    """"Victoria, Australia": the namesake, a comma and the state the unit belongs to."""
    nxt = ctx.span_starting_at(span.end + 1) if span.end < len(ctx.texts) and ctx.texts[span.end] == "," else None
    return nxt is not None and nxt.type == "Country" and nxt.entity == ctx.g.entries[unit].country


#: Words between a place and its state: "Macedonia in northern Greece".
DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                        "northeastern", "northwestern", "southeastern", "southwestern"})


def _place_in_another_state(ctx: ResolutionContext, span: Span) -> None:
    """"Macedonia in northern Greece": a state's name followed by "in", perhaps a direction, and
    another state is a place of that state (a region named like the state), not the state."""
    k = span.end
    if k >= len(ctx.texts) or ctx.lowers[k] != "in":
        return
    k += 1 + (k + 1 < len(ctx.texts) and ctx.lowers[k + 1] in DIRECTIONS)
    other = ctx.span_starting_at(k)
    if other is None or other.type != "Country" or other.entity == span.entity or other.kind == "capital":
        return
    label = ctx.doc[span.start:span.end].text
    place = ctx.new_entity(f"{label} ({ctx.g.entries[other.entity].label})", "Location") \
        if other.entity in ctx.g.entries else ctx.new_entity(label, "Location")
    ctx.belongs_to[place] = other.entity
    span.entity, span.type, span.kind = place, "Location", "name"
    ctx.revise(span)


def _after_a_city_of(ctx: ResolutionContext, span: Span, unit: str) -> bool:
    """"Atlanta, Georgia": a place name and a comma before the namesake, the place not the
    namesake state's own (a city of the unit's state, or a name the gazetteer does not know:
    "Tbilisi, Georgia" stays the country)."""
    if span.start < 2 or ctx.texts[span.start - 1] != ",":
        return False
    before = ctx.span_ending_at(span.start - 1)
    if before is not None:
        return before.type == "Location" and ctx.state_of(before.entity) == ctx.g.entries[unit].country
    j = span.start - 2
    return ctx.is_capitalised(j) and not ctx.doc[j].is_stop and j > ctx.sentence_start(j) \
        and ctx.lowers[j - 1] in ("in", "of", "from", "near", "at") and not ctx.covered(j, j + 1)


def _after_a_titled_name(ctx: ResolutionContext, span: Span, words: tuple[tuple[str, ...], ...]) -> bool:
    """"Gov. Brian Kemp of Georgia": "of" the namesake after a name that a sub-national word
    opens (up to four capitalised words between them)."""
    j = span.start - 1
    if j < 2 or ctx.lowers[j] != "of":
        return False
    k = j
    while k > 0 and j - k < 4 and ctx.is_capitalised(k - 1) and ctx.lowers[k - 1] not in ("gov.", "governor"):
        k -= 1
    if k == j:
        return False
    return any(tuple(ctx.lowers[k - len(w):k]) == w for w in words)


def _unit_of_its_own(ctx: ResolutionContext, span: Span) -> None:
    """"Luxembourg province", "the province of Luxembourg": the name and its unit noun are one
    place, not the state."""
    ctx.spans.remove(span)
    start, end = span.start, span.end
    if end < len(ctx.texts) and ctx.lowers[end] in UNIT_NOUNS:
        end += 1
        while start > 0 and ctx.lowers[start - 1] in DIRECTIONS and ctx.is_capitalised(start - 1):
            start -= 1  # "East Azerbaijan province"
    else:
        start -= 2
    label = ctx.doc[start:end].text
    place = ctx.new_entity(label, "Location")
    owner = ctx.span_ending_at(start - 1) if start > 1 and ctx.texts[start - 1] in POSSESSIVE else None
    if owner is not None and owner.type == "Country" and place not in ctx.g.entries:
        ctx.belongs_to[place] = owner.entity  # "Iran's East Azerbaijan province"
    ctx.spans.append(Span(start, end, place, "name", "Location", label))


#: Capitalised nouns of a water or landform name whose "of" names a state that the place is not:
#: "the Gulf of Guinea", "the Bay of Bengal" (lower-case; also read from ``place_nouns``).
WATER_NOUNS = frozenset({"gulf", "bay", "sea", "strait", "straits", "channel", "isthmus", "basin", "lake",
                         "river", "coast", "sound"})


def names_inside_names(ctx: ResolutionContext) -> None:
    """A place's name that opens an organisation's is not the place: "the Niger Delta
    Avengers", "the Kachin Independence Army", "the Sinai Province group" are organisations (of
    the place's state) when capitalised words after the place end in an organisation head word
    (``org_suffixes``), and no node is made for the place or for a state it contains.

    A state's name inside a longer name is not the state either: "the Mali Liberation Front",
    "the Sudan People's Liberation Movement-North" (at least one word between the state and
    the head word, not only service words: "the Pakistan Air Force" is left to the institutions
    sieve) are organisations of that state, "the Congo River Basin Alliance" (a landform word
    inside) an organisation of no state; "the Gulf of Guinea", "the Bay of Bengal" are places
    (a capitalised water or landform noun, "of", the state's name), of no state."""
    heads = ctx.cues.org_suffixes
    _states_inside_names(ctx, heads)
    for span in [s for s in ctx.spans if s.type == "Location" and s.kind == "name"]:
        end = span.end
        while end < len(ctx.texts) and end - span.end < 3 and ctx.is_capitalised(end) \
                and not ctx.covered(end, end + 1) and not ctx.doc[end].is_sent_start:
            end += 1
        while end > span.end and ctx.lowers[end - 1] not in heads:
            end -= 1
        if end == span.end:
            continue
        label = ctx.doc[span.start:end].text
        org = ctx.new_entity(label, "Organization")
        country = ctx.state_of(span.entity)
        if country and org not in ctx.g.entries:
            ctx.belongs_to[org] = country
        ctx.spans.remove(span)
        ctx.spans.append(Span(span.start, end, org, "name", "Organization", label))


def _states_inside_names(ctx: ResolutionContext, heads: frozenset[str]) -> None:
    """The state half of :func:`names_inside_names`."""
    water = WATER_NOUNS & {n[0] for n in ctx.cues.place_nouns if len(n) == 1}
    for span in [s for s in ctx.spans if s.type == "Country" and s.kind in ("name", "alias")]:
        before = span.start - 1
        if before >= 1 and ctx.lowers[before] == "of" and ctx.lowers[before - 1] in water \
                and ctx.is_capitalised(before - 1) and not ctx.covered(before - 1, before):
            label = ctx.doc[before - 1:span.end].text
            ctx.spans.remove(span)
            ctx.spans.append(Span(before - 1, span.end, ctx.new_entity(label, "Location"), "name", "Location", label))
            continue
        end, k = span.end, span.end
        while k < len(ctx.texts) and k - span.end < 6 and not ctx.doc[k].is_sent_start:
            if ctx.is_capitalised(k) and not ctx.covered(k, k + 1):
                k += 1
            elif ctx.texts[k] in ("'s", "-") and k > span.end and k + 1 < len(ctx.texts) and ctx.is_capitalised(k - 1) \
                    and ctx.is_capitalised(k + 1) and not ctx.covered(k + 1, k + 2):
                k += 2  # "People's Liberation", "Movement-North"
            else:
                break
            if ctx.lowers[k - 1] in heads or (k - 2 > span.end and ctx.texts[k - 2] == "-"
                                               and ctx.lowers[k - 3] in heads):
                end = k
        between = [w for w in ctx.lowers[span.end:end] if w.isalpha()]
        if end == span.end or len(between) < 2 or all(w in ctx.cues.service_words for w in between[:-1]):
            continue
        label = ctx.doc[span.start:end].text
        org = ctx.new_entity(label, "Organization")
        if org not in ctx.g.entries and not any(w in WATER_NOUNS for w in between):
            ctx.belongs_to[org] = span.entity
        ctx.spans.remove(span)
        ctx.spans.append(Span(span.start, end, org, "name", "Organization", label))
