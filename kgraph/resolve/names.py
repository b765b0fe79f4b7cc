"""Name sieves: the stretches of text that name an actor, a place or an event.

Names come first from the gazetteer (longest match, both with the spaCy model and in the
rule-only pipeline), then from event heads and prefixes ("the 2022 Phnom Penh Summit",
"Operation Prosperity Guardian"), from place nouns ("the town of Avdiivka"), from the
statistical NER when there is one, and, without it, from organisation head words
("Kalashnikov Concern").
"""
from __future__ import annotations

from ..gazetteer import NameHit, normalise
from ..syntax import annotated
from .context import NER_TYPES, POSSESSIVE, ResolutionContext, Span

#: Words before an unknown name that make "<name> <place noun>" a place ("shelled the Sumy region").
PLACE_LEADS = frozenset({"the", "in", "near", "of", "from", "to", "across", "into", "outside", "around", "toward"})


def gazetteer_names(ctx: ResolutionContext) -> None:
    """Longest gazetteer names, left to right; ambiguous capitals are decided later."""
    person_ents: dict[int, tuple[int, int]] = {}  # token -> the PERSON entity around it
    for ent in ctx.doc.ents:
        if ent.label_ == "PERSON":  # without a leading article: "the Tigray People's Liberation Front" is no person
            first = next((t.i for t in ent if t.lower_ not in ("the", "a", "an")), ent.end)
            person_ents.update((i, (first, ent.end)) for i in range(first, ent.end))
    found: list[Span] = []
    i, n = 0, len(ctx.texts)
    while i < n:
        if ctx.texts[i] not in ctx.g.first_tokens and ctx.lowers[i] not in ctx.g.first_tokens \
                and ctx.texts[i].title() not in ctx.g.first_tokens:
            found.extend(_hyphenated_names(ctx, i))
            i += 1
            continue
        for length in range(min(ctx.g.max_name_tokens, n - i), 0, -1):
            hits = ctx.g.lookup(ctx.texts[i:i + length])
            if hits and not _inside_person_name(ctx, i, i + length, hits, person_ents) \
                    and not _another_given_name(ctx, i, i + length, hits):
                if hits[0].kind != "ignore":
                    found.append(_span_for(ctx, i, i + length, hits))
                i += length
                break
        else:
            found.extend(_hyphenated_names(ctx, i))
            i += 1
    ctx.spans.extend(found)
    for span in [s for s in found if s.type == "Event"]:
        found_inside = _states_inside(ctx, span)
        ctx.spans.extend(found_inside)
    for span in [s for s in found if s.type == "Organization"]:
        ctx.spans.extend(_state_qualifier(ctx, span))


def _state_qualifier(ctx: ResolutionContext, span: Span) -> list[Span]:
    """The state that opens an organisation's name is named too: "South Korea's Joint Chiefs
    of Staff", "the Russian Defense Ministry", "the U.S. State Department"."""
    country = ctx.g.entries[span.entity].country if span.entity in ctx.g.entries else None
    if country is None:
        return []
    for length in range(min(span.end - span.start - 1, ctx.g.max_name_tokens), 0, -1):
        hit = next((h for h in ctx.g.lookup(ctx.texts[span.start:span.start + length])
                    if h.entry == country and h.kind in ("name", "alias", "demonym")), None)
        if hit:
            return [Span(span.start, span.start + length, country, hit.kind, "Country")]
    return []


def _hyphenated_names(ctx: ResolutionContext, i: int) -> list[Span]:
    """States inside one hyphenated token: "U.S.-made", "U.S.-China talks"."""
    if "-" not in ctx.texts[i][1:-1]:
        return []
    token = ctx.doc[i]
    if "-" not in token.text[1:-1]:
        return []
    spans, offset = [], token.idx
    for part in token.text.split("-"):
        hits = ctx.g.lookup([normalise(part)]) if part else ()
        hit = next((h for h in hits if h.kind != "ignore" and ctx.g.entries[h.entry].type == "Country"), None)
        if hit and hit.kind in ("name", "alias", "demonym", "seat"):
            kind = {"seat": "metonym"}.get(hit.kind, hit.kind)
            spans.append(Span(i, i + 1, hit.entry, kind, "Country", chars=(offset, offset + len(part))))
        offset += len(part) + 1
    return spans


def _states_inside(ctx: ResolutionContext, span: Span) -> list[Span]:
    """States named inside an event's name stay actors: "the Russia-Ukraine war"."""
    inside = []
    for i in range(span.start, span.end):
        hits = ctx.g.lookup(ctx.texts[i:i + 1]) or ctx.g.lookup(ctx.texts[i:i + 2])
        hit = next((h for h in hits if h.kind in ("name", "alias", "demonym")
                    and ctx.g.entries[h.entry].type == "Country"), None)
        if hit:
            length = 1 if ctx.g.lookup(ctx.texts[i:i + 1]) else 2
            inside.append(Span(i, min(i + length, span.end), hit.entry, hit.kind, "Country"))
    return inside


def _another_given_name(ctx: ResolutionContext, start: int, end: int, hits: tuple[NameHit, ...]) -> bool:
    """"Simon Harris" is not Kamala Harris: a known person's short name (one word) right after a
    capitalised word that is no title, no state's name and not the sentence's first word, when
    the two words together are not a name of that person."""
    if end - start != 1 or start == 0 or not hits[0].entry or ctx.g.entries[hits[0].entry].type != "Person":
        return False
    prev = start - 1
    if not ctx.is_capitalised(prev) or ctx.doc[prev].is_sent_start or ctx.lowers[prev] in ctx.cues.title_words \
            or ctx.lowers[prev] in ctx.cues.honorifics or ctx.g.lookup(ctx.texts[prev:prev + 1]):
        return False
    from ..gazetteer import person_key
    return ctx.g.person_keys.get(person_key(f"{ctx.texts[prev]} {ctx.texts[start]}")) != hits[0].entry


def _inside_person_name(ctx: ResolutionContext, start: int, end: int, hits: tuple[NameHit, ...],
                        person_ents: dict[int, tuple[int, int]]) -> bool:
    """"Jordan" in "Jordan Peterson": a place name inside a longer person name."""
    if any(h.kind == "ignore" or ctx.g.entries[h.entry].type == "Person" for h in hits):
        return False
    s, e = person_ents.get(start, (start, start))
    while s < e and ctx.lowers[s] in ("the", "a", "an"):
        s += 1  # "the Tigray People's Liberation Front" taken for a person is the name itself
    return end <= e and e - s > end - start


def _span_for(ctx: ResolutionContext, start: int, end: int, hits: tuple[NameHit, ...]) -> Span:
    """The span of a gazetteer hit; a capital stays undecided (kind "capital") for the capitals sieve."""
    hit = hits[0]
    if any(h.kind == "capital" for h in hits):
        # Decided in _resolve_capitals: the state (metonym) or the city (place).
        state = next(h.entry for h in hits if ctx.g.entries[h.entry].type == "Country")
        return Span(start, end, state, "capital", "Country")
    kind = {"seat": "metonym"}.get(hit.kind, hit.kind)
    return Span(start, end, hit.entry, kind, ctx.g.entries[hit.entry].type)


def named_events(ctx: ResolutionContext) -> None:
    """A capitalised name ending in an event head ("the 2022 Phnom Penh Summit")."""
    for head in ctx.cues.event_heads:
        size = len(head)
        for i in ctx.occurrences(tuple(w.lower() for w in head)):
            if i < 1 or tuple(ctx.texts[i:i + size]) != head or ctx.covered(i, i + size):
                continue
            start = _name_start(ctx, i)
            while start < i and ctx.doc[start].is_stop:  # "The Phnom Penh Summit"
                start += 1
            if start == i:
                continue
            inside = [s for s in ctx.spans if start <= s.start and s.end <= i]
            for span in inside:
                if span.type in ("Location", "Event") or span.kind == "capital":
                    ctx.spans.remove(span)
            label = ctx.doc[start:i + size].text
            ctx.spans.append(Span(start, i + size, ctx.new_entity(label, "Event"), "name", "Event", label))


def prefixed_events(ctx: ResolutionContext) -> None:
    """A capitalised name after an event prefix ("Operation Prosperity Guardian"): its words
    are not actors of their own, except the states and people it names."""
    for i, text in enumerate(ctx.texts[:-1]):
        if text in ctx.cues.event_prefixes and ctx.is_capitalised(i + 1) and not ctx.covered(i, i + 1):
            end = i + 1
            while end < len(ctx.texts) and end - i <= 4 and ctx.is_capitalised(end) \
                    and not ctx.doc[end].is_stop:
                end += 1
            for span in ctx.spans_within(i, end):
                if span.type not in ("Country", "Person"):
                    ctx.spans.remove(span)
            label = ctx.doc[i:end].text
            ctx.spans.append(Span(i, end, ctx.new_entity(label, "Event"), "name", "Event", label))


def _name_start(ctx: ResolutionContext, end: int) -> int:
    """First token of the capitalised name that ends before token ``end``."""
    start, j, floor = end, end - 1, ctx.sentence_start(end)
    while j >= floor:
        if ctx.is_capitalised(j):
            start, j = j, j - 1
        elif ctx.texts[j] in ("-", "of", "and") and j - 1 >= floor and ctx.is_capitalised(j - 1):
            j -= 1
        else:
            break
    return start


def context_places(ctx: ResolutionContext) -> None:
    """Unknown names that a place noun qualifies: "the town of Avdiivka", "the Negev desert",
    "Jeju Island" (the capitalised noun is part of the name)."""
    for noun in ctx.cues.place_nouns:
        n = len(noun)
        for i in ctx.occurrences(noun):
            if i < 1 or ctx.covered(i, i + n):
                continue
            if ctx.texts[i].islower():
                if ctx.lowers[i + n:i + n + 1] == ["of"] and _after_article(ctx, i):
                    start, end = i + n + 1, _place_name_end(ctx, i + n + 1)
                else:
                    start, end = _place_name_start(ctx, i), i
                    if start == end or start == 0 or (ctx.lowers[start - 1] not in PLACE_LEADS
                                                      and ctx.texts[start - 1] not in POSSESSIVE):
                        continue
            else:
                start, end = _place_name_start(ctx, i), i + n
                if start == i:
                    continue
            if end > start and not ctx.covered(start, end):
                label = ctx.doc[start:end].text
                place = ctx.new_entity(label, "Location")
                owner = ctx.span_ending_at(start - 1) if start > 1 and ctx.texts[start - 1] in POSSESSIVE else None
                if owner and owner.type == "Country" and place not in ctx.g.entries:
                    ctx.belongs_to[place] = owner.entity  # "Syria's Hasakah province"
                ctx.spans.append(Span(start, end, place, "name", "Location", label))


def _after_article(ctx: ResolutionContext, i: int) -> bool:
    """"the city of", "the northeastern port city of": an article, then at most two
    lower-case words, before token ``i``."""
    for k in range(i - 1, max(i - 4, -1), -1):
        if ctx.lowers[k] in ("the", "a"):
            return True
        if not ctx.texts[k].islower() or not ctx.texts[k].replace("-", "").isalpha():
            return False
    return False


def _place_word(ctx: ResolutionContext, i: int) -> bool:
    """A word that may stand in an unknown place name."""
    return (ctx.is_capitalised(i) and not ctx.doc[i].is_stop and i not in ctx.credits
            and ctx.lowers[i] not in ctx.cues.title_words and ctx.lowers[i] not in ctx.cues.honorifics
            and ctx.lowers[i] not in ctx.cues.ner_stoplist and not ctx.covered(i, i + 1)
            and not any(c.isdigit() for c in ctx.texts[i]))


def _place_name_start(ctx: ResolutionContext, end: int) -> int:
    start = end
    while start > 0 and end - start < 3:
        if _place_word(ctx, start - 1):
            start -= 1
        elif ctx.texts[start - 1] == "-" and start > 1 and _place_word(ctx, start - 2) and start < end:
            start -= 2
        else:
            break
    return start


def _place_name_end(ctx: ResolutionContext, start: int) -> int:
    end = start
    while end < len(ctx.texts) and end - start < 3:
        if _place_word(ctx, end):
            end += 1
        elif ctx.texts[end] == "-" and end > start and end + 1 < len(ctx.texts) and _place_word(ctx, end + 1):
            end += 2
        else:
            break
    return end


def ner_names(ctx: ResolutionContext) -> None:
    """Names the statistical NER found (PERSON, ORG, GPE, LOC, EVENT), trimmed of articles,
    titles and possessives, when no earlier sieve holds them and they are not junk ("Kursk
    Where" in a headline). People are left unresolved for the people sieve; a NER span that
    swallows only materiel names replaces them ("the Missile Administration")."""
    for ent in ctx.doc.ents:
        type_ = NER_TYPES.get(ent.label_)
        if type_ is None:
            continue
        start, end = _trim(ctx, ent.start, ent.end, type_)
        while type_ == "Person" and start < end < len(ctx.texts) and ctx.lowers[end - 1] in ctx.cues.name_particles:
            if not ctx.name_particle(end - 1):
                end -= 1  # a particle that ends the name is no part of it
                break
            end += 1  # "Naim al" + "Qassem": the NER stopped at the particle
        if start >= end or any(i in ctx.credits for i in range(start, end)):
            continue
        inside = ctx.spans_within(start, end)
        if inside and end - start > 1 and all(s.type == "Materiel" and start <= s.start and s.end <= end
                                              and s.end - s.start < end - start for s in inside):
            for span in inside:  # "the Missile Administration" is not a missile
                ctx.spans.remove(span)
        if type_ == "Person" and _given_name_taken(ctx, inside, start, end):
            ctx.spans.remove(inside[0])  # "Leonardo Santos Simao" is not the company Leonardo
        if type_ == "Person" and ctx.lowers[end - 1] in ctx.cues.org_suffixes:
            type_ = "Organization"  # before the junk test: a place may open it ("Tigray People's Liberation Front")
        if ctx.covered(start, end) or _is_junk(ctx, start, end, type_) or _heading_only(ctx, start, end):
            continue
        label = ctx.doc[start:end].text
        if type_ == "Person":
            ctx.spans.append(Span(start, end, "", "ner", "Person", label))
        else:
            ctx.spans.append(Span(start, end, ctx.new_entity(label, type_), "ner", type_, label))


def _heading_only(ctx: ResolutionContext, start: int, end: int) -> bool:
    """An unknown name the NER found in a heading ("Austin Meets Virtually With", "Joint
    Trilateral Statement") that the text never writes outside a heading: a heading capitalises
    every word, so the NER's guess there is no evidence of a name."""
    if not ctx.in_heading(start):
        return False
    words = tuple(ctx.lowers[start:end])
    return not any(not ctx.in_heading(i) and ctx.texts[i][:1].isupper() for i in ctx.occurrences(words))


def _not_a_name_word(ctx: ResolutionContext, word: str, inside: bool) -> bool:
    """Whether a word of a would-be person's name is a known name that cannot be part of one:
    anything but an organisation's one-word name in first position ("Leonardo" in "Leonardo
    Santos Simao" is a given name)."""
    hits = ctx.g.lookup([word])
    return bool(hits) and (inside or any(ctx.entry_type(h.entry) != "Organization" for h in hits))


def _given_name_taken(ctx: ResolutionContext, inside: list[Span], start: int, end: int) -> bool:
    """Whether the one name inside a person's name the NER found is an organisation's one-word
    name in given-name position, the rest of the name unknown ("Leonardo" in "Leonardo Santos
    Simao")."""
    if len(inside) != 1 or end - start < 3:
        return False
    span = inside[0]
    return (span.start == start and span.end == start + 1 and span.type == "Organization"
            and span.kind == "name" and all(ctx.is_capitalised(i) and not ctx.spans.at[i]
                                            for i in range(start + 1, end)))


def _trim(ctx: ResolutionContext, start: int, end: int, type_: str) -> tuple[int, int]:
    """Drop a leading article, honorific or title, a trailing possessive, and a service with
    its rank ("Air Force Brig.")."""
    ent_end = end
    while start < end and (ctx.lowers[start] in ("the", "a", "an") or ctx.lowers[start] in ctx.cues.honorifics
                           or (type_ == "Person" and ctx.lowers[start] in ctx.cues.title_words)):
        start += 1
    while end > start and (ctx.texts[end - 1] in POSSESSIVE or not any(c.isalnum() for c in ctx.texts[end - 1])):
        end -= 1
    while end > start and ctx.lowers[end - 1] in ctx.cues.honorifics:
        end -= 1  # "Air Force Brig." ends in a rank
    if (end < len(ctx.texts) and ctx.lowers[end] in ctx.cues.honorifics) or end < ent_end:
        # a service before a rank is not part of the name: "the Joint Chiefs of Staff Air Force Gen."
        while end > start and ctx.lowers[end - 1] in ctx.cues.service_words:
            end -= 1
    return start, end


def _is_junk(ctx: ResolutionContext, start: int, end: int, type_: str) -> bool:
    """Whether an NER name is no name: a stoplisted word, a number, a gazetteer name, titles
    only, or a "person" holding a place or a function word ("Kursk Where")."""
    words = ctx.texts[start:end]
    text = " ".join(words)
    if text.lower() in ctx.cues.ner_stoplist or len(text) < 2 or not text[:1].isupper():
        return True
    if any(c.isdigit() for c in text) or ctx.g.lookup(words):
        return True
    if words[-1].lower() in ctx.cues.document_heads:
        return True  # "the State Immunity Act", "Joint Trilateral Statement": a text, not an actor
    if all(w.lower() in ctx.cues.title_words or not w[:1].isalpha() for w in words):
        return True
    if type_ == "Person":
        # "Kursk Where" (a headline): a place or a function word is not part of a name.
        if any(_not_a_name_word(ctx, w, i > start) or (ctx.doc[i].is_stop and ctx.texts[i - 1] != "-" and not ctx.name_particle(i))
               for w, i in zip(words, range(start, end))):
            return True
        return not all(ctx.is_capitalised(i) or ctx.texts[i] == "-" or ctx.doc[i - 1].text == "-"
                       or (i > start and ctx.name_particle(i)) for i in range(start, end))
    return False


def named_organisations(ctx: ResolutionContext) -> None:
    """Without a statistical NER: a capitalised name around an organisation head word is an
    organisation ("the Harbin Institute of Technology", "Kalashnikov Concern"), when some word
    of it is more than a generic institution word ("the Security Council" alone is not)."""
    if annotated(ctx.doc, "ENT_IOB"):
        return
    for i, word in enumerate(ctx.lowers):
        if word not in ctx.cues.org_suffixes or not ctx.is_capitalised(i) or ctx.covered(i, i + 1):
            continue
        start, end = i, i + 1
        while start > ctx.sentence_start(i) and ctx.name_word(start - 1):
            start -= 1
        if end + 1 < len(ctx.texts) and ctx.lowers[end] in ("of", "for") and ctx.name_word(end + 1):
            end += 1
            while end < len(ctx.texts) and end - i < 4 and ctx.name_word(end):
                end += 1
        if start > 0 and ctx.span_ending_at(start):
            continue  # "the Gaza Health Ministry": a qualified institution, not a name
        distinctive = [k for k in range(start, end) if ctx.lowers[k] not in ctx.cues.org_suffixes
                       and ctx.lowers[k] not in ("of", "for") and ctx.name_word(k)]
        if distinctive and not ctx.covered(start, end):
            label = ctx.doc[start:end].text
            ctx.spans.append(Span(start, end, ctx.new_entity(label, "Organization"), "name",
                                    "Organization", label))



def vessel_names(ctx: ResolutionContext) -> None:
    """A capitalised name after a vessel noun is the ship, a piece of materiel, whatever it
    names otherwise: "the aircraft carrier Theodore Roosevelt", "the destroyer USS Carney", "the
    carrier Shandong" (not a person, not a province). The ship's id is its name's slug with
    "ship" (``theodore_roosevelt_ship``), so it never merges with the person it honours."""
    for noun in sorted(ctx.cues.vessel_nouns, key=len, reverse=True):
        n = len(noun)
        for i in ctx.occurrences(noun):
            prefix = n == 1 and ctx.texts[i].isupper() and len(ctx.texts[i]) > 1  # "USS Carney": part of the name
            # after an article or an adjective the noun is a noun, whatever the tagger says ("the
            # Russian frigate Admiral Kasatonov", the small model's "frigate" a verb)
            noun = i > 0 and (ctx.lowers[i - 1] in ("the", "a", "an") or ctx.doc[i - 1].pos_ in ("ADJ", "DET"))
            if not prefix and ((ctx.doc[i + n - 1].pos_ == "VERB" and not noun)
                               or (i > 0 and ctx.lowers[i - 1] in ("-", "of"))):
                continue  # "to ship arms", "anti-ship", "a fleet of ships"
            start = i if prefix else i + n
            end = i + n
            while end < len(ctx.texts) and end - start < 5 and not ctx.doc[end].is_sent_start and (
                    ctx.is_capitalised(end) or (end > i + n and len(ctx.texts[end]) == 2 and ctx.texts[end][1] == ".")
                    or (end > i + n and ctx.lowers[end] in ctx.cues.name_particles  # "Charles de Gaulle"
                        and end + 1 < len(ctx.texts) and ctx.is_capitalised(end + 1))
                    or (end > start and ctx.lowers[end] == "of" and end + 1 < len(ctx.texts)  # "Prince of Wales"
                        and ctx.is_capitalised(end + 1)
                        and not any(s.type == "Country" for s in ctx.spans_within(end + 1, end + 2)))):
                end += 1
            if end == i + n:
                continue
            inside = ctx.spans_within(start, end)
            if any(s.type in ("Materiel", "Country") or s.start < start or s.end > end for s in inside):
                continue  # already a ship; "the tanker Iran seized" names a state; a longer name stays whole
            for span in ctx.spans_within(start, end):
                ctx.spans.remove(span)
            label = ctx.doc[start:end].text
            eid = ctx.new_entity(f"{label} ship", "Materiel")
            ctx.labels[eid] = label
            ctx.spans.append(Span(start, end, eid, "name", "Materiel", label))
            _ship_named_again(ctx, ctx.texts[start:end], eid, label)
    _aboard(ctx)


def _ship_named_again(ctx: ResolutionContext, words: list[str], eid: str, label: str) -> None:
    """"Iran threatened the Abraham Lincoln" after "the aircraft carrier Abraham Lincoln": the
    ship's name again after "the" is the ship, not the person it honours."""
    n = len(words)
    for j in range(1, len(ctx.texts) - n + 1):
        if ctx.texts[j:j + n] == words and ctx.lowers[j - 1] == "the" and not ctx.covered(j, j + n) \
                and not (j + n < len(ctx.texts) and ctx.is_capitalised(j + n)):
            for span in ctx.spans_within(j, j + n):
                ctx.spans.remove(span)
            ctx.spans.append(Span(j, j + n, eid, "name", "Materiel", label))


def _aboard(ctx: ResolutionContext) -> None:
    """"aboard the Gerald R. Ford": a capitalised name after "aboard (the)" that names no known
    actor or place is a ship."""
    for i in ctx.occurrences(("aboard",)):
        start = i + 1 + (i + 1 < len(ctx.texts) and ctx.lowers[i + 1] == "the")
        end = start
        while end < len(ctx.texts) and end - start < 5 and not ctx.doc[end].is_sent_start and (
                ctx.is_capitalised(end) or (end > start and len(ctx.texts[end]) == 2 and ctx.texts[end][1] == ".")):
            end += 1
        if end == start or ctx.spans_within(start, end) or ctx.covered(start, end):
            continue
        label = ctx.doc[start:end].text
        eid = ctx.new_entity(f"{label} ship", "Materiel")
        ctx.labels[eid] = label
        ctx.spans.append(Span(start, end, eid, "name", "Materiel", label))
        _ship_named_again(ctx, ctx.texts[start:end], eid, label)


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
