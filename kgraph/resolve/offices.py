"""Office sieve: titles become ``official_of`` relations.

"Defense Minister Shin Won-sik", "Russian Deputy Foreign Minister Sergei Ryabkov" (a title
before the name), "Ismail Demir, SSB's president," (after it); a title that names no holder
takes the office the person held at the document's date (offices.yaml), and "former" titles
are not offices. The title readers here serve the people sieves too.
"""
from __future__ import annotations

from ..model import Evidence, Relation
from ..syntax import annotated
from .context import KNOWN_OFFICE, POSSESSIVE, STATED_OFFICE, ResolutionContext, Title


def stated_offices(ctx: ResolutionContext) -> None:
    """An ``official_of`` relation for each person with a title before or after the name
    ("Defense Minister Shin Won-sik", "Ismail Demir, SSB's president"), confidence
    STATED_OFFICE; when the title names no holder, the office the person held at the
    document's date (KNOWN_OFFICE). The person's state is remembered in ``ctx.belongs_to``."""
    for span in sorted((s for s in ctx.spans if s.type == "Person" and s.entity), key=lambda s: s.start):
        title = title_before(ctx, span.start) or title_after(ctx, span.end)
        if title is None:
            continue
        role, holder, (first, last) = title
        known = None
        if holder is None:
            role_class = ctx.g.title_class(role.lower())
            offices = ctx.g.offices_of(span.entity, ctx.document.date)
            known = next((o for o in offices if o.role_class == role_class), offices[0] if offices else None)
            holder = known.holder if known else None
        if holder is None:
            continue
        if ctx.state_of(holder):
            ctx.belongs_to.setdefault(span.entity, ctx.state_of(holder))
        key = (span.entity, holder)
        if key in ctx.offices:
            continue
        sentence = ctx.doc[first].sent if annotated(ctx.doc, "SENT_START") else ctx.doc[:]
        ctx.offices[key] = Relation(
            type="official_of", source=span.entity, target=holder, participants=[span.entity, holder],
            modality="asserted", role=role[:1].upper() + role[1:],
            confidence=KNOWN_OFFICE if known else STATED_OFFICE,
            evidence=[Evidence.of(ctx.document.id, ctx.document.text, sentence.start_char, sentence.end_char,
                                  trigger=role)])


def title_before(ctx: ResolutionContext, start: int) -> Title | None:
    """The title right before a name: ("Deputy Pentagon Press Secretary", DoD, token range)."""
    title_tokens: list[int] = []
    holder: str | None = None
    modifiers: list[int] = []  # "Hamas political chief": lower-case words between holder and title
    j, floor = start - 1, ctx.sentence_start(start)
    apposition = False  # "Iran's chief of staff, Major General Mohammad Bagheri"
    k = j
    while k > floor and ctx.lowers[k] in ctx.cues.honorifics:
        k -= 1
    if k < j and ctx.texts[k] == ",":
        j = k  # a rank between the comma and the name ("General" is a title word too)
    while j >= floor:
        span = ctx.span_ending_at(j + 1)
        if span and holder is None and span.type in ("Country", "Organization") and span.kind != "place":
            holder, j = span.entity, span.start - 1
            title_tokens += modifiers
            modifiers = []
            continue
        if (ctx.lowers[j] in ctx.cues.title_words and not span and not modifiers
                and (ctx.lowers[j] != "the" or ctx.lowers[j - 1] == "of")):
            title_tokens.append(j)
        elif title_tokens and holder is None and len(modifiers) < 2 and \
                (_modifier(ctx, j) or (ctx.lowers[j] in ctx.cues.title_words and ctx.texts[j].islower())):
            modifiers.append(j)
        elif ctx.texts[j] == "," and not title_tokens and holder is None and not apposition \
                and j > floor and ctx.lowers[j - 1] in ctx.cues.title_words:
            apposition = True
        elif not (ctx.texts[j] in POSSESSIVE and holder is None and ctx.span_ending_at(j)) and \
                not (ctx.lowers[j] in ctx.cues.honorifics and not title_tokens):
            break
        j -= 1
    return _title(ctx, title_tokens, holder, j)


def _modifier(ctx: ResolutionContext, i: int) -> bool:
    """A lower-case word that may qualify a title ("top nuclear envoy", "political chief")."""
    token = ctx.doc[i]
    if not (token.is_alpha and token.is_lower) or token.is_stop or token.lower_ in ctx.cues.actor_verbs:
        return False
    if annotated(ctx.doc, "POS"):
        return token.pos_ in ("ADJ", "NOUN", "PROPN")
    return not token.lower_.endswith("ed")


def title_after(ctx: ResolutionContext, end: int) -> Title | None:
    """An apposition after a name: "Ismail Demir, SSB's president"."""
    if end >= len(ctx.texts) or ctx.texts[end] != ",":
        return None
    title_tokens: list[int] = []
    holder: str | None = None
    j = end + 1
    while j < len(ctx.texts):
        span = ctx.span_starting_at(j)
        if span and holder is None and span.type in ("Country", "Organization") and span.kind != "place":
            holder, j = span.entity, span.end
            continue
        if ctx.texts[j] in POSSESSIVE or ctx.lowers[j] in ("a", "an") or \
                (ctx.lowers[j] == "the" and not title_tokens):
            j += 1
            continue
        if ctx.lowers[j] in ctx.cues.title_words and not span:
            title_tokens.append(j)
            j += 1
            continue
        skip = _modifiers_before_holder(ctx, j) if title_tokens and holder is None else 0
        if skip:  # "a secretary of the ruling Workers' Party"
            j += skip
            continue
        break
    if j < len(ctx.texts) and ctx.texts[j] not in (",", ".", ";", ")", "\n"):
        return None
    return _title(ctx, title_tokens, holder, end - 1)


def _modifiers_before_holder(ctx: ResolutionContext, j: int) -> int:
    """How many lower-case qualifiers (at most two) stand between a title and the state or
    organisation that holds it ("the ruling Workers' Party"), 0 when no holder follows."""
    k = j
    while k < len(ctx.texts) and k - j < 2 and ctx.texts[k].isalpha() and ctx.texts[k].islower() \
            and not ctx.doc[k].is_stop:
        k += 1
    span = ctx.span_starting_at(k) if k > j else None
    return k - j if span and span.type in ("Country", "Organization") and span.kind != "place" else 0


def _title(ctx: ResolutionContext, tokens: list[int], holder: str | None, before: int) -> Title | None:
    """The title the tokens spell, without edge function words; None when the gazetteer knows
    no such title or it is a former one ("former Defense Minister")."""
    while tokens and ctx.lowers[max(tokens)] in ("of", "the", "and", "for", "-"):
        tokens.remove(max(tokens))
    while tokens and ctx.lowers[min(tokens)] in ("of", "the", "and", "for", "-"):
        tokens.remove(min(tokens))
    if not tokens:
        return None
    first, last = min(tokens), max(tokens)
    text = ctx.doc[first:last + 1].text
    if ctx.g.title_class(text.lower()) is None:
        return None
    former = ctx.cues.former_markers
    if (before >= 0 and ctx.lowers[before] in former) or ctx.lowers[first] in former:
        return None
    return text, holder, (first, last)

