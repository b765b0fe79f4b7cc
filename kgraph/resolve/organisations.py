"""Organisation sieve: unknown organisations and armed groups recognised by the form of the name.

The gazetteer cannot know every company, mission or rebel movement, and the statistical NER
often calls them places ("M23" a GPE) or drops them (a name with a number in it). Three forms
say "organisation" whatever the NER thinks (cue words in actor_cues.yaml):

- a name followed by its acronym in brackets, when the name holds an organisation word
  (``org_suffixes``): "the state-owned Myanma Oil and Gas Enterprise (MOGE)", "fighters of
  the March 23 Movement (M23)", "the United Nations Organization Stabilization Mission in the
  Democratic Republic of the Congo (MONUSCO)"; states and places inside such a name are part
  of it, and the acronym alone names the organisation later in the text;
- a name ending in an organisation word that no earlier sieve took, numbers allowed: "the
  March 23 Movement", "Golden Lotus Aviation Fuel Services", "Sky Aviator Company Limited";
- a short name right before a group noun (``armed_group_nouns``): "the M23 armed group",
  "M23 rebels", "the Wagner militia", "Houthi fighters"; a state's name or demonym there stays
  the state ("Syrian rebels" are no organisation called "Syrian").
"""
from __future__ import annotations

from .context import ResolutionContext, Span

#: Words that may join the words of an organisation's name.
NAME_GLUE = frozenset({"of", "for", "and", "the", "in", "on", "&"})
#: How far back a bracketed acronym's name may reach (tokens).
NAME_REACH = 14


def organisations_by_form(ctx: ResolutionContext) -> None:
    """Organisations told by their form: name + "(ACRONYM)", a name ending in an organisation
    word, a name before a group noun ("M23 rebels"). See the module docstring for the English."""
    _bracketed_acronyms(ctx)
    _suffixed_names(ctx)
    _grouped_names(ctx)


#: How many lower-case words (and hyphens) may stand between the state's adjective and the noun
#: ("the Chinese state-owned oil company"), and how many words a company's name may run.
COMPANY_MODIFIERS = 5
COMPANY_NAME_REACH = 5


def described_companies(ctx: ResolutionContext) -> None:
    """Companies the text ties to their state as it names them: "the Chinese firm Sinopec", "the
    Chinese state-owned company Zhuhai Tech" (a state's adjective, a company noun, the name) and
    "Iran-based Parsian Logistics", "Hong Kong-based Sunrise Shipping" (a state or a place of
    one, "-based", the name). The name becomes an Organization of that state (``ctx.belongs_to``);
    in the first form the state's adjective belongs to the company's mention, so that "sanctioned
    the Chinese firm Sinopec" targets the company, not China. A known organisation keeps its
    identity (and its state, when it has one)."""
    for span in sorted((s for s in ctx.spans if s.type == "Country" and s.kind == "demonym"),
                       key=lambda s: s.start):
        k = span.end
        while k < len(ctx.texts) and k - span.end < COMPANY_MODIFIERS and ctx.lowers[k] not in ctx.cues.company_nouns \
                and (ctx.texts[k].islower() or ctx.texts[k] == "-") and not ctx.spans.at[k]:
            k += 1
        if k >= len(ctx.texts) or ctx.lowers[k] not in ctx.cues.company_nouns:
            continue
        company = _company_named_at(ctx, k + 1, span.entity)
        if company is None:
            continue
        eid, end = company
        if span in ctx.spans.items:
            ctx.spans.remove(span)
        ctx.spans.append(Span(span.start, end, eid, "name", "Organization", ctx.labels.get(eid, "")))
    for i in range(2, len(ctx.texts) - 1):
        if ctx.lowers[i] != "based" or ctx.texts[i - 1] != "-":
            continue
        place = ctx.span_ending_at(i - 1)
        state = ctx.state_of(place.entity) if place and place.type in ("Country", "Location") else None
        if not state and place and place.type == "Location" and place.entity in ctx.g.entries:
            state = ctx.g.entries[place.entity].country
        if state:
            _company_named_at(ctx, i + 1, state)


def _company_named_at(ctx: ResolutionContext, start: int, state: str) -> tuple[str, int] | None:
    """(entity, end token) of the company whose name starts at token ``start``, made an
    Organization of ``state`` (a known one keeps its own state); None when no name starts there."""
    known = ctx.span_starting_at(start) if start < len(ctx.texts) else None
    if known and known.type == "Organization" and known.kind != "group" and (known.entity in ctx.g.entries
                                                                            or known.kind != "ner"):
        if not ctx.state_of(known.entity):
            ctx.belongs_to[known.entity] = state
        return known.entity, known.end
    end = start
    while end < len(ctx.texts) and end - start < COMPANY_NAME_REACH and ctx.is_capitalised(end) \
            and not ctx.doc[end].is_stop and not any(s.type in ("Country", "Person") and s.kind != "ner"
                                                     for s in ctx.spans.at[end]):
        end += 1
    if end == start:
        return None
    eid = _replace(ctx, start, end, ctx.doc[start:end].text)
    if not ctx.state_of(eid):
        ctx.belongs_to[eid] = state
    return eid, end


def _org_word(ctx: ResolutionContext, i: int) -> bool:
    return ctx.lowers[i] in ctx.cues.org_suffixes


def _name_token(ctx: ResolutionContext, i: int) -> bool:
    """A word an organisation's name is made of: a capitalised word or a number ("March 23 Movement")."""
    text = ctx.texts[i]
    return (ctx.is_capitalised(i) or text.isdigit()) and i not in ctx.credits


def _run_before(ctx: ResolutionContext, end: int) -> int:
    """Start of the capitalised name (glue words inside) that ends at token ``end``."""
    floor = max(ctx.sentence_start(end - 1), end - NAME_REACH)
    start = end
    while start - 1 >= floor and (_name_token(ctx, start - 1) or ctx.lowers[start - 1] in NAME_GLUE):
        start -= 1
    if start == ctx.sentence_start(start) and start < end - 1 and ctx.doc[start].pos_ not in ("PROPN", ""):
        start += 1  # "Fighters of the ...": a capital only because it opens the sentence
    while start < end and ctx.lowers[start] in NAME_GLUE:
        start += 1
    # "Head of the United Nations ... Mission": a title and its "of" are no part of the name
    k = start
    while k < end and (ctx.lowers[k] == "and" or ctx.lowers[k] in ctx.cues.title_words
                       and ctx.lowers[k] not in NAME_GLUE):
        k += 1
    if start < k < end and ctx.lowers[k] == "of":
        start = k + 1
        while start < end and ctx.lowers[start] in NAME_GLUE:
            start += 1
    return start


def _replace(ctx: ResolutionContext, start: int, end: int, label: str) -> str:
    """Make tokens [start, end) one Organization named ``label`` (the name, without a group noun
    the span may hold); spans inside it give way."""
    for span in ctx.spans_within(start, end):
        if span.kind != "group":
            ctx.spans.remove(span)
    eid = ctx.new_entity(label, "Organization")
    if eid not in ctx.g.entries:
        ctx.types[eid] = "Organization"  # the NER may have met the name as a place ("M23" a GPE)
    ctx.spans.append(Span(start, end, eid, "name", "Organization", label))
    return eid


def _bracketed_acronyms(ctx: ResolutionContext) -> None:
    for i in range(2, len(ctx.texts) - 2):
        if ctx.texts[i - 1] != "(" or ctx.texts[i + 1] != ")":
            continue
        acronym = ctx.texts[i]
        if not (len(acronym) > 1 and acronym[:1].isupper() and acronym.replace("-", "").isalnum()
                and sum(c.isupper() or c.isdigit() for c in acronym) >= 2):
            continue
        end = i - 1
        start = _run_before(ctx, end)
        if end - start < 2 or not any(_org_word(ctx, k) for k in range(start, end)):
            continue
        last = ctx.span_ending_at(end)
        if last and last.type == "Organization":
            entity = last.entity  # a known name ("Office of Foreign Assets Control (OFAC)")
        elif any(s.start < start or s.end > end for s in ctx.spans_within(start, end)):
            continue  # a longer name runs over its edge
        else:
            entity = _replace(ctx, start, end, ctx.doc[start:end].text)
        _acronym_mentions(ctx, acronym, entity)


def _acronym_mentions(ctx: ResolutionContext, acronym: str, entity: str) -> None:
    """Every mention of ``acronym`` names ``entity``; the NER's guesses for it give way."""
    for j in ctx.occurrences((acronym.lower(),)):
        if ctx.texts[j] != acronym:
            continue
        taken = ctx.spans.at[j]
        if any(s.entity == entity for s in taken):
            continue
        if any(s.kind != "ner" or s.start != j or s.end != j + 1 for s in taken):
            continue
        for span in list(taken):
            ctx.spans.remove(span)
        ctx.spans.append(Span(j, j + 1, entity, "alias", "Organization"))


def _suffixed_names(ctx: ResolutionContext) -> None:
    for i in range(len(ctx.texts)):
        if not _org_word(ctx, i) or not ctx.is_capitalised(i) or ctx.spans.at[i]:
            continue
        end = i + 1
        start = _run_before(ctx, end)
        words = range(start, i)
        # a number or an unknown word besides organisation words: "March 23 Movement"
        if not any(ctx.texts[k].isdigit() or (ctx.is_capitalised(k) and not _org_word(ctx, k)
                                               and ctx.lowers[k] not in ctx.cues.title_words) for k in words):
            continue
        if ctx.spans_within(start, end) or ctx.in_heading(start) or ctx.lowers[start] in ctx.cues.ner_stoplist:
            continue
        _replace(ctx, start, end, ctx.doc[start:end].text)


def _grouped_names(ctx: ResolutionContext) -> None:
    for noun in sorted(ctx.cues.armed_group_nouns, key=len, reverse=True):
        for i in ctx.occurrences(noun):
            if i == 0 or ctx.texts[i][:1].isupper():
                continue  # "Houthi Fighters" capitalised is a name of its own
            start = i
            while start > 0 and i - start < 3 and _name_token(ctx, start - 1) and \
                    ctx.lowers[start - 1] not in ctx.cues.title_words and not ctx.in_heading(start - 1) \
                    and ctx.lowers[start - 1] not in ctx.cues.ner_stoplist:
                start -= 1
            while start < i and (ctx.doc[start].is_stop or ctx.doc[start].is_sent_start
                                 and ctx.doc[start].pos_ not in ("PROPN", "")):
                start += 1  # "Later M23 rebels": a capital only because it opens the sentence
            if start == i or not any(c.isalpha() for k in range(start, i) for c in ctx.texts[k]) or \
                    any(ctx.doc[k].ent_type_ == "NORP" or ctx.doc[k].pos_ == "ADJ" for k in range(start, i)):
                continue  # "Kurdish fighters": a people, not a group's name
            taken = ctx.spans_within(start, i)
            if any(s.kind != "ner" or s.type == "Person" for s in taken) or \
                    any(s.start < start or s.end > i for s in taken):
                continue  # a state ("Syrian rebels"), a known group, a person's fighters
            if not taken and ctx.doc[start].is_sent_start and i - start == 1 and not any(c.isdigit() for c in ctx.texts[start]):
                continue  # "Rebel fighters ...": a capital only because it opens the sentence
            label = ctx.doc[start:i].text
            eid = _replace(ctx, start, i + len(noun), label)  # the group noun is the phrase's head
            if i - start == 1:
                _acronym_mentions(ctx, label, eid)  # "M23" alone, later

