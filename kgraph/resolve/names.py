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
        longest = 1  # the longest run from i that some name starts with
        while longest < min(ctx.g.max_name_tokens, n - i) and \
                " ".join(ctx.lowers[i:i + longest + 1]) in ctx.g.prefixes:
            longest += 1
        for length in range(longest, 0, -1):
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
