"""Institution sieves: state bodies named through their state, and acronyms.

"North Korean state media" is KCNA, "Japan's Foreign Ministry" an organisation of Japan,
"the Swiss foreign ministry" (a body named by an adjective, not known on its own) Switzerland;
"the foreign ministry said" after "Beijing's foreign ministry" is that ministry again;
"Army Tactical Missile Systems, or ATACMS" defines an acronym for the rest of the text.
"""
from __future__ import annotations

from functools import lru_cache

from .context import POSSESSIVE, ResolutionContext, Span


@lru_cache(maxsize=8)
def _institution_phrases(institutions: tuple[str, ...] | frozenset[str],
                         descriptors: tuple[tuple[str, str], ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Institution phrases by first word, longest first: a state's name is followed by few of them."""
    phrases = [(tuple(p.lower().split()), p) for p in institutions]
    phrases += [(tuple(d.split()), d) for d, _ in descriptors]
    phrases.sort(key=lambda p: -len(p[0]))
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, written in phrases:
        if words:
            by_first.setdefault(words[0], []).append((words, written))
    return by_first


def state_institutions(ctx: ResolutionContext) -> None:
    """"North Korean state media" -> KCNA; "Japan's Foreign Ministry" -> an organisation of Japan;
    "the Swiss foreign ministry" -> Switzerland (a demonym and a body organizations.yaml lacks)."""
    phrases = _institution_phrases(ctx.cues.institutions, tuple(ctx.g.descriptors))
    linked: dict[tuple[str, ...], set[str]] = {}  # phrase -> organisations it named here
    in_document = {s.entity for s in ctx.spans if s.type == "Organization"}
    for (descriptor, _), org in ctx.g.descriptors.items():
        if org in in_document:
            linked.setdefault(tuple(descriptor.split()), set()).add(org)
    for state_span in [s for s in ctx.spans if s.type == "Country" and s.kind != "place"]:
        if any(s.type == "Organization" and s.start <= state_span.start and state_span.end < s.end
               for s in ctx.spans.at[state_span.start]):
            continue  # "South Korea's Joint Chiefs of Staff", matched whole
        k = state_span.end
        if k < len(ctx.texts) and ctx.texts[k] in POSSESSIVE:
            k += 1
        if k > state_span.end and not any(True for _ in _phrases_after(ctx, k, phrases)):
            _named_body(ctx, state_span, k, linked)
            continue
        for first, words, written in _phrases_after(ctx, k, phrases):
            end = first + len(words)
            written = f"{ctx.doc[k:first].text} {written}" if first > k else written
            words = (*ctx.lowers[k:first], *words)
            state = state_span.entity
            org = ctx.g.descriptors.get((" ".join(words), state))
            blocking = [s for s in ctx.spans_within(k, end) if s.start >= k]
            if any(s.type not in ("Organization", "Other") for s in blocking):
                break
            for span in blocking:
                ctx.spans.remove(span)
            if org is None and state_span.kind == "demonym":
                # "the Swiss foreign ministry": a body organizations.yaml does not know, named by
                # its state's adjective, speaks for the state ("North Korean troops", "Chinese
                # officials"); "Japan's Foreign Ministry" names a body of the state
                ctx.spans.remove(state_span)
                ctx.spans.append(Span(state_span.start, end, state, "demonym", "Country", sieve=state_span.sieve))
                ctx.revise(ctx.spans.items[-1])
                linked.setdefault(words, set()).add(state)
                break
            if org is None:
                label = f"{written[:1].upper()}{written[1:]} of {ctx.g.entries[state].label}"
                org = ctx.new_entity(label, "Organization")
                ctx.belongs_to[org] = state
            ctx.spans.append(Span(state_span.start, end, org, "alias", "Organization"))
            linked.setdefault(words, set()).add(org)
            break
    _bodies_of_states(ctx, phrases)
    _add_bare_institutions(ctx, linked)


#: Head words of a state body's proper name besides ``org_suffixes`` ("Supreme Court").
BODY_HEADS = frozenset({"court", "tribunal", "assembly", "commission", "service", "police", "guard", "corps",
                        "senate", "congress", "parliament", "directorate", "office"})


def _named_body(ctx: ResolutionContext, state_span: Span, k: int, linked: dict[tuple[str, ...], set[str]]) -> None:
    """"Pakistan's Supreme Court", "Turkey's National Intelligence Organization": a proper name
    (two to five capitalised words, "of" allowed inside) after a state's possessive that ends in
    a body's head word is an organisation of that state, one per state (India's Supreme Court
    is another body)."""
    heads = ctx.cues.org_suffixes | BODY_HEADS
    end, j = k, k
    while j < len(ctx.texts) and j - k < 6 and not ctx.doc[j].is_sent_start and (
            ctx.is_capitalised(j) or (j > k and ctx.lowers[j] in ("of", "for", "and")
                                      and j + 1 < len(ctx.texts) and ctx.is_capitalised(j + 1))):
        j += 1
        if ctx.lowers[j - 1] in heads:
            end = j
    if end - k < 2:
        return
    blocking = [s for s in ctx.spans_within(k, end) if s.start >= k]
    if any(s.type not in ("Organization", "Other", "Person") for s in blocking) or ctx.g.lookup(ctx.texts[k:end]):
        return
    for span in blocking:
        ctx.spans.remove(span)
    state = state_span.entity
    written = ctx.doc[k:end].text
    org = ctx.new_entity(f"{written} of {ctx.g.entries[state].label}", "Organization")
    ctx.belongs_to[org] = state
    ctx.spans.append(Span(state_span.start, end, org, "alias", "Organization"))
    linked.setdefault(tuple(ctx.lowers[k:end]), set()).add(org)


def _bodies_of_states(ctx: ResolutionContext, phrases: dict[str, list[tuple[tuple[str, ...], str]]]) -> None:
    """"the Senate of Chile", "the Congress of Peru": a state body named with "of" and its state
    is that state's, never the body of another state the gazetteer knows by the same word
    ("Senate" is the United States Senate on its own). The other state's body gives way to an
    organisation of the state named (organizations.yaml's when it knows one)."""
    for state_span in [s for s in ctx.spans if s.type == "Country" and s.kind in ("name", "alias")]:
        of = state_span.start - 1 - (state_span.start > 1 and ctx.lowers[state_span.start - 1] == "the")
        if of < 2 or ctx.lowers[of] != "of":
            continue
        state = state_span.entity
        for first in range(max(of - 4, 0), of):
            words = tuple(ctx.lowers[first:of])
            written = next((w for ws, w in phrases.get(words[0], ()) if ws == words and w[:1].isupper()), None)
            if written is None or not ctx.is_capitalised(first):
                continue
            others = [s for s in ctx.spans_within(first, of) if s.type == "Organization" and s.start >= first
                      and s.end <= of and ctx.state_of(s.entity) not in (None, state)]
            if not others:
                break
            for span in others:
                ctx.spans.remove(span)
            org = ctx.g.descriptors.get((" ".join(words), state))
            if org is None:
                org = ctx.new_entity(f"{written} of {ctx.g.entries[state].label}", "Organization")
                ctx.belongs_to[org] = state
            ctx.spans.append(Span(first, state_span.end, org, "alias", "Organization"))
            break


def _phrases_after(ctx: ResolutionContext, k: int, phrases: dict[str, list[tuple[tuple[str, ...], str]]]):
    """(first token, phrase words, phrase as written) of the institution phrases at token ``k``,
    longest first, then those that a few capitalised words open as one proper name ("Iran's
    Supreme National Security Council": a body of its own, not the National Security Council
    of another state)."""
    for first in range(k, min(k + 4, len(ctx.texts))):
        if first > k and not (ctx.is_capitalised(first - 1) and not ctx.doc[first - 1].is_stop
                              and ctx.is_capitalised(first)):
            return
        for words, written in phrases.get(ctx.lowers[first], ()):
            if tuple(ctx.lowers[first:first + len(words)]) == words and (first == k or written[:1].isupper()):
                yield first, words, written


def _add_bare_institutions(ctx: ResolutionContext, linked: dict[tuple[str, ...], set[str]]) -> None:
    """"the foreign ministry said" after "Beijing's foreign ministry": the one institution of
    that name the document has tied to a state (none when two states' ministries appear)."""
    for words, orgs in sorted(linked.items(), key=lambda item: -len(item[0])):
        if len(orgs) != 1:
            continue
        org, n = next(iter(orgs)), len(words)
        for i in ctx.occurrences(words):
            if i > 0 and ctx.is_capitalised(i - 1) and not ctx.doc[i - 1].is_stop and not ctx.doc[i].is_sent_start:
                continue  # "the Supreme National Security Council": a longer name, another body
            if not ctx.covered(i, i + n) and (ctx.is_capitalised(i) or (i > 0 and ctx.lowers[i - 1] == "the")):
                ctx.spans.append(Span(i, i + n, org, "alias", ctx.entry_type(org)))


def acronyms(ctx: ResolutionContext) -> None:
    """"Army Tactical Missile Systems, or ATACMS" / "... (ATACMS)": the acronym joins its name."""
    defined: dict[str, str] = {}
    for span in list(ctx.spans):
        rest = ctx.texts[span.end:span.end + 3]
        if rest[:1] == ["("] and len(rest) == 3 and rest[2] == ")":
            acronym = rest[1]
        elif rest[:2] == [",", "or"] and len(rest) == 3:
            acronym = rest[2]
        else:
            continue
        if acronym.isupper() and len(acronym) > 1 and span.kind != "group":
            defined.setdefault(acronym, span.entity)
    initials = _organisation_initials(ctx)
    for i, text in enumerate(ctx.texts):
        if text in initials and len(initials[text]) == 1 and defined.setdefault(text, min(initials[text])) \
                in initials[text]:
            ner = [s for s in ctx.spans if s.start == i and s.end == i + 1 and s.kind == "ner"]
            for span in ner:  # "JCS" after "Joint Chiefs of Staff": not a new organisation
                ctx.spans.remove(span)
        if text in defined and not ctx.covered(i, i + 1):
            entity = defined[text]
            ctx.spans.append(Span(i, i + 1, entity, "alias", ctx.entry_type(entity)))


def _organisation_initials(ctx: ResolutionContext) -> dict[str, set[str]]:
    """Initials of the organisations named in the document ("JCS" for "Joint Chiefs of Staff",
    also inside "South Korea's Joint Chiefs of Staff"): the capitalised words of any tail of
    the name, two words at least."""
    found: dict[str, set[str]] = {}
    for span in [s for s in ctx.spans if s.type == "Organization" and s.kind != "group"]:
        label = ctx.g.entries[span.entity].label if span.entity in ctx.g.entries else ctx.labels.get(span.entity, "")
        for name in {label, " ".join(ctx.texts[span.start:span.end])}:
            words = [w for w in name.replace("-", " ").split() if w[:1].isupper() and w not in POSSESSIVE]
            for k in range(len(words) - 1):
                key = "".join(w[0] for w in words[k:])
                if len(key) > 1:
                    found.setdefault(key, set()).add(span.entity)
    return found

