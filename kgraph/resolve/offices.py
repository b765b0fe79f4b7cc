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

#: Honorifics that are courtesy, not rank: "Mr." after a state names no office.
COURTESY = frozenset({"mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "prof.", "sir"})


def stated_offices(ctx: ResolutionContext) -> None:
    """An ``official_of`` relation for each person with a title before or after the name
    ("Defense Minister Shin Won-sik", "Ismail Demir, SSB's president"), confidence
    STATED_OFFICE; when the title names no holder, the office the person held at the
    document's date (KNOWN_OFFICE). The person's state is remembered in ``ctx.belongs_to``,
    and so is a company's where the text describes it (:func:`stated_companies`)."""
    stated_companies(ctx)
    for span in sorted((s for s in ctx.spans if s.type == "Person" and s.entity), key=lambda s: s.start):
        reading, title = next(((name, found) for name, read in TITLE_READINGS
                               if (found := read(ctx, span)) is not None), (None, None))
        if title is None:
            continue
        role, holder, (first, last) = title
        known = None
        if holder is None:  # "Ambassador NAME of Saint Vincent and the Grenadines"
            holder, how = next(((found, name) for name, find in HOLDER_READINGS
                                if (found := find(ctx, span, first)) is not None), (None, None))
            reading = f"{reading}+{how}" if how else reading
        if holder is None:
            role_class = ctx.g.title_class(role.lower())
            offices = ctx.g.offices_of(span.entity, ctx.document.date)
            known = next((o for o in offices if o.role_class == role_class), offices[0] if offices else None)
            holder = known.holder if known else None
            reading = f"{reading}+known-office"
        if holder is None:
            continue
        holder = _service_state(ctx, holder)
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
                                  trigger=role, pattern=f"offices:{reading}")])


#: The title readers, in the order they are tried: (name recorded in the evidence's ``pattern``
#: as "offices:NAME", reader of the title around a person's span).
TITLE_READINGS = (
    ("its-title", lambda ctx, span: _its_title_before(ctx, span.start)),  # "X and its director, NAME"
    ("heads-clause", lambda ctx, span: _heads_after(ctx, span.end)),  # "NAME, who heads the G9"
    ("title-before", lambda ctx, span: title_before(ctx, span.start)),  # "Defense Minister NAME"
    ("apposition-after", lambda ctx, span: title_after(ctx, span.end)),  # "NAME, SSB's president,"
    ("title-holder-after", lambda ctx, span: _title_of_holder_after(ctx, span)),  # "Ambassador NAME of Saint Vincent"
    ("body-title-before", lambda ctx, span: title_of_body_before(ctx, span.start)),  # "the Head of the X of Y, NAME"
)
#: Where a title that names no holder finds it, in order: (name appended to the pattern, finder).
HOLDER_READINGS = (
    ("holder-after", lambda ctx, span, first: _holder_after(ctx, span.end)),  # "NAME of Saint Vincent"
    ("the-country", lambda ctx, span, first: _the_country(ctx, first)),  # "the country's defence minister"
    ("delegation", lambda ctx, span, first: _delegation_state(ctx, span.start)),  # "the delegation of Oman, led by"
)


def stated_companies(ctx: ResolutionContext) -> None:
    """An organisation whose state the text gives by describing it: "Baykar, a Turkish drone
    maker,", "the French company Naval Group", "Hanwha, the South Korean defence firm": it
    belongs to that state (``ctx.belongs_to``), so that an arms deal with "the company" or
    with its name is a deal with the state too. Organisations that know their state keep it."""
    for span in [s for s in ctx.spans if s.type in ("Organization", "Person") and s.entity
                 and s.entity not in ctx.g.entries and not ctx.state_of(s.entity)]:
        state = _described_company_state(ctx, span.end, forward=True) or \
            _described_company_state(ctx, span.start - 1, forward=False)
        if not state:
            continue
        ctx.belongs_to[span.entity] = state
        if span.type == "Person":  # the NER took the company for a person
            for same in [s for s in ctx.spans if s.entity == span.entity]:
                same.type = "Organization"
                ctx.revise(same)
            ctx.types[span.entity] = "Organization"


def _described_company_state(ctx: ResolutionContext, edge: int, forward: bool) -> str | None:
    """The state of a company description next to a name: after it (", a Turkish drone maker,")
    or before it ("the French company")."""
    if forward:
        if edge + 1 >= len(ctx.texts) or ctx.texts[edge] != ",":
            return None
        j, stop = edge + 1, min(edge + 7, len(ctx.texts))
        if ctx.lowers[j] not in ("a", "an", "the"):
            return None
        words = range(j + 1, stop)
    else:
        words = range(edge, max(edge - 5, ctx.sentence_start(max(edge, 0))) - 1, -1)
    state, noun = None, False
    for k in words:
        span = ctx.span_ending_at(k + 1) if not forward else ctx.span_starting_at(k)
        if span and span.type == "Country" and span.kind in ("demonym", "name", "alias") and state is None:
            state = span.entity
            continue
        if ctx.lowers[k] in ctx.cues.company_appositions:
            noun = True
            if forward:
                break
            continue
        if ctx.texts[k] in (",", ".") or ctx.lowers[k] in ("the", "a", "an") or not ctx.texts[k].isalpha() \
                or ctx.texts[k][:1].isupper():
            if not forward and ctx.lowers[k] in ("the", "a", "an"):
                break
            if forward or ctx.texts[k][:1].isupper():
                break
    return state if noun else None


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
    rank = [i for i in range(k + 1, start) if ctx.lowers[i] not in COURTESY]
    if k < j and ctx.texts[k] == ",":
        j = k  # a rank between the comma and the name ("General" is a title word too)
    elif k < j:  # a service before the rank: "Press Secretary Air Force Maj. Gen. NAME"
        while k > floor and ctx.lowers[k] in ctx.cues.service_words and ctx.is_capitalised(k) \
                and not ctx.span_ending_at(k + 1):
            k -= 1
        j = k
    portfolio = _portfolio_before(ctx, j + 1 if ctx.texts[j] != "," else j, floor)
    if portfolio is not None:  # "Special Representative for West Africa and the Sahel, NAME"
        apposition = ctx.texts[j] == ","
        if apposition and _office_of_holder(ctx, j, after_portfolio=True):
            holder = ctx.span_ending_at(j).entity  # "... for Peace Operations of the United Nations, NAME"
        j = portfolio - 1
    while j >= floor:
        span = ctx.span_ending_at(j + 1)
        if span and holder is None and (span.type in ("Country", "Organization") and span.kind != "place"
                                        or _sub_national_unit(span)):
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
                and j > floor and (ctx.lowers[j - 1] in ctx.cues.title_words or _office_of_holder(ctx, j)):
            apposition = True
        elif not (ctx.texts[j] in POSSESSIVE and holder is None and ctx.span_ending_at(j)) and \
                not (ctx.lowers[j] in ctx.cues.honorifics and not title_tokens):
            break
        j -= 1
    title = _title(ctx, title_tokens, holder, j)
    if title is None and not title_tokens and holder is not None and rank and ctx.span_ending_at(rank[0]) \
            and not (j >= 0 and ctx.lowers[j] in ctx.cues.former_markers):
        # A rank right after its force or state: "People's Liberation Army Gen. NAME".
        return ctx.doc[rank[0]:rank[-1] + 1].text, holder, (rank[0], rank[-1])
    return title


def _sub_national_unit(span) -> bool:
    """A state's namesake read as a sub-national unit ("Georgia Governor Brian Kemp": the US
    state, by the ``namesakes`` sieve) holds the office before a name."""
    return span.type == "Location" and "namesakes" in span.sieve.split(">")


#: Words a portfolio ("for West Africa and the Sahel", "for peace, security and defence") may hold
#: besides nouns, adjectives and names.
PORTFOLIO_GLUE = frozenset({"and", "the", ",", "of", "-", "&"})
#: How many tokens a portfolio may run.
PORTFOLIO_REACH = 10


def _portfolio_before(ctx: ResolutionContext, end: int, floor: int) -> int | None:
    """Where a title's portfolio starts ("for"), when one ends at token ``end``: "Treasury
    Undersecretary for Terrorism and Financial Intelligence NAME"; None when there is none.
    The portfolio names no holder: names the NER made of it are dropped ("Terrorism")."""
    for p in range(end - 1, max(floor, end - PORTFOLIO_REACH) - 1, -1):
        if ctx.lowers[p] == "for":
            if p - 1 < floor or ctx.lowers[p - 1] not in ctx.cues.title_words or p + 1 >= end:
                return None
            for span in ctx.spans_within(p + 1, end):
                if span.kind == "ner" and span.start > p and span.end <= end:
                    ctx.spans.remove(span)
            return p
        if not _portfolio_word(ctx, p):
            return None
    return None


def _portfolio_word(ctx: ResolutionContext, i: int) -> bool:
    token = ctx.doc[i]
    if ctx.lowers[i] in PORTFOLIO_GLUE:
        return True
    if not token.is_alpha or (token.is_stop and not token.is_title):
        return False
    return token.pos_ in ("NOUN", "PROPN", "ADJ") if ctx.doc.has_annotation("POS") else True


def _service_state(ctx: ResolutionContext, holder: str) -> str:
    """An armed service the text names only by its state ("Mali's Chief of Staff of the Air
    Force", "Malian Air Force Deputy Chief of Staff") is no actor of its own: the office is
    the state's. Known services (organizations.yaml) keep their own id."""
    if holder in ctx.g.entries or holder not in ctx.labels:
        return holder
    state = ctx.state_of(holder)
    label = ctx.labels[holder].lower().split(" of ")[0].split()
    if not (state and label and all(w in ctx.cues.service_words for w in label)):
        return holder
    for span in [s for s in ctx.spans if s.entity == holder]:  # the service's mentions name the state
        span.entity, span.type, span.kind = state, "Country", "metonym"
        ctx.revise(span)
    return state


def _title_of_holder_after(ctx: ResolutionContext, span) -> Title | None:
    """"Ambassador NAME of Saint Vincent and the Grenadines": a one-word title (that is also an
    honorific) before the name, its holder after it."""
    i = span.start - 1
    if i < 0 or ctx.g.title_class(ctx.lowers[i]) is None:
        return None
    if i > 0 and (ctx.lowers[i - 1] in ctx.cues.title_words or ctx.lowers[i - 1] in ctx.cues.former_markers):
        return None  # a longer title, read (or refused: "Former Defense Minister") by title_before
    holder = _holder_after(ctx, span.end)
    return (ctx.texts[i], holder, (i, i)) if holder else None


#: "the country's defence minister": nouns that stand for the state the sentence names.
STATE_NOUNS = frozenset({"country", "nation", "kingdom", "republic"})


def _the_country(ctx: ResolutionContext, first: int) -> str | None:
    """The state "the country's" before a title stands for ("Finland will ..., the country's
    defence minister, NAME, said"; "Germany pledged troops. The country's defence minister,
    NAME, visited Lithuania."): the state named nearest before the title, in its sentence or
    the one before; never one named later ("visited Lithuania" is no antecedent). None when
    neither names a state. One exception, when no state at all is told before: the subject of
    a clause the official reports ("The country's foreign minister, NAME, told reporters that
    Croatia would not block the deal"): a speaker's own state, never the state he acts on
    ("visited Lithuania", "arrived in Norway")."""
    if first < 3 or ctx.texts[first - 1] not in POSSESSIVE or ctx.lowers[first - 2] not in STATE_NOUNS \
            or ctx.lowers[first - 3] != "the":
        return None
    floor = ctx.sentence_start(first)
    if floor > 0:
        floor = ctx.sentence_start(floor - 1)  # the sentence before
    country = lambda s: s.type == "Country" and s.kind in ("name", "alias", "demonym")  # noqa: E731
    states = [s for s in ctx.spans_within(floor, first - 3) if country(s) and s.end <= first - 3]
    if states:
        return max(states, key=lambda s: s.end).entity
    if any(country(s) and s.end <= first for s in ctx.spans) or not annotated(ctx.doc, "DEP"):
        return None
    sentence = ctx.doc[first].sent
    reported = [s for s in ctx.spans_within(first, sentence.end) if country(s) and s.start > first
                and ctx.doc[s.end - 1].dep_ == "nsubj" and ctx.doc[s.end - 1].head.dep_ == "ccomp"]
    return min(reported, key=lambda s: s.start).entity if reported else None


#: Verbs of leading a delegation ("the delegation of Oman, headed by NAME").
LEAD_VERBS = frozenset({"headed", "led", "chaired"})


def _delegation_state(ctx: ResolutionContext, start: int) -> str | None:
    """The state whose delegation the titled person heads: "the delegation of the Kingdom of
    Saudi Arabia headed by His Excellency Dr. NAME, Minister of State", "the Omani delegation,
    led by NAME"; None when the name does not follow such a phrase."""
    j = start - 1
    while j >= 0 and (ctx.lowers[j] in ctx.cues.honorifics or ctx.lowers[j] in ("his", "her", "excellency")):
        j -= 1
    if j < 2 or ctx.lowers[j] != "by" or ctx.lowers[j - 1] not in LEAD_VERBS:
        return None
    k = j - 2 - (ctx.texts[j - 2] == ",")
    floor = max(ctx.sentence_start(start), k - 8)
    for i in range(k, floor - 1, -1):
        if ctx.lowers[i] == "delegation":
            after = [s for s in ctx.spans_within(i + 2, k + 1) if s.type == "Country"] \
                if ctx.lowers[i + 1:i + 2] == ["of"] else []  # "of the Kingdom of Saudi Arabia"
            before = ctx.span_ending_at(i)  # "the Omani delegation"
            if after:
                return after[0].entity
            return before.entity if before and before.type == "Country" else None
    return None


def _holder_after(ctx: ResolutionContext, end: int) -> str | None:
    """The state or organisation named by "of" right after a titled name, or None."""
    if end + 1 >= len(ctx.texts) or ctx.lowers[end] != "of":
        return None
    span = ctx.span_starting_at(end + 1 + (ctx.lowers[end + 1] == "the"))
    if span and (span.type in ("Country", "Organization") and span.kind != "place" or _sub_national_unit(span)):
        return span.entity
    return None


def _office_of_holder(ctx: ResolutionContext, comma: int, after_portfolio: bool = False) -> bool:
    """Whether a title "of" its holder ends at ``comma``: "the prime minister of Qatar, NAME",
    "the Assistant Secretary-General for Political Affairs of the United Nations, Mr. NAME"."""
    span = ctx.span_ending_at(comma)
    if span is None or span.type not in ("Country", "Organization") or span.kind == "place":
        return False
    k = span.start - 1
    if k >= 0 and ctx.lowers[k] == "the":
        k -= 1
    return k > 0 and ctx.lowers[k] == "of" and (after_portfolio or ctx.lowers[k - 1] in ctx.cues.title_words)


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
        if title_tokens and ctx.lowers[j] == "to" and ctx.span_starting_at(j + 1):
            j = ctx.span_starting_at(j + 1).end  # "German Ambassador to Kyiv": the post, not the holder
            continue
        if title_tokens and ctx.lowers[j] == "for":  # "Special Envoy for Yemen": a portfolio
            k = j + 1
            while k < len(ctx.texts) and k - j <= PORTFOLIO_REACH and ctx.texts[k] not in (",", ".") \
                    and _portfolio_word(ctx, k) and not _of_holder_at(ctx, k):
                k += 1
            if k > j + 1:
                j = k
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
        of = [t for t in title_tokens if ctx.lowers[t] == "of"]
        if of and holder is None and ctx.is_capitalised(j):
            # "a deputy of the National Assembly of Ecuador": an institution named with its state
            k = j
            while k < len(ctx.texts) and k - j < BODY_REACH and not ctx.span_starting_at(k) and \
                    (ctx.is_capitalised(k) or ctx.lowers[k] in BODY_GLUE):
                k += 1
            span = ctx.span_starting_at(k)
            if span and span.type in ("Country", "Organization") and span.kind != "place" and k > j:
                holder, j = span.entity, span.end
                title_tokens = [t for t in title_tokens if t < of[0]]
                continue
        break
    if holder is not None and ctx.texts[j:j + 1] == ["("] and ctx.texts[j + 2:j + 3] == [")"]:
        j += 3  # "Head of the United Nations ... Mission (MONUSCO),": the holder's acronym
    if j < len(ctx.texts) and ctx.texts[j] not in (",", ".", ";", ")", "\n"):
        return None
    return _title(ctx, title_tokens, holder, end - 1)


def _of_holder_at(ctx: ResolutionContext, k: int) -> bool:
    """Whether "of" at token ``k`` names the title's holder: "Minister for Foreign Affairs of
    the Democratic Republic of the Congo" (the portfolio ends before it)."""
    if ctx.lowers[k] != "of" or k + 1 >= len(ctx.texts):
        return False
    span = ctx.span_starting_at(k + 1 + (ctx.lowers[k + 1] == "the"))
    return bool(span) and span.type in ("Country", "Organization") and span.kind != "place"


#: Words that may join the words of a body's name between a title and its state ("Chairman of
#: the State Committee for National Security of the Kyrgyz Republic"), and how far it may run.
BODY_GLUE = ("of", "the", "for", "and")
BODY_REACH = 9


def title_of_body_before(ctx: ResolutionContext, start: int) -> Title | None:
    """A title of a body named with its state, before the name and a comma: "the Chairman of the
    State Committee for National Security of the Kyrgyz Republic, NAME", "the Head of the
    Border Service of Tajikistan, NAME". The office is the state's (the body is named in the
    role). None when the words before the name are not of that form."""
    j = start - 1
    while j >= 0 and ctx.lowers[j] in ctx.cues.honorifics:
        j -= 1
    if j < 4 or ctx.texts[j] != ",":
        return None
    span = ctx.span_ending_at(j)
    if span is None or span.type != "Country" or span.kind == "place":
        return None
    k = span.start - 1 - (ctx.lowers[span.start - 1] == "the")
    if ctx.lowers[k] != "of":
        return None
    body_end, k = k, k - 1
    floor = max(ctx.sentence_start(start), body_end - BODY_REACH)
    while k > floor and (ctx.is_capitalised(k) or ctx.lowers[k] in BODY_GLUE) \
            and not (ctx.lowers[k] == "of" and ctx.lowers[k - 1] in ctx.cues.title_words
                     and ctx.lowers[k - 1] not in BODY_GLUE):
        inside = ctx.span_ending_at(k + 1)
        if inside and inside.type != "Organization":
            return None  # a state or a person inside: not one body's name
        k = inside.start - 1 if inside else k - 1
    if ctx.lowers[k] != "of" or k >= body_end - 2:
        return None
    first = k - 1
    while first - 1 >= 0 and ctx.lowers[first - 1] in ctx.cues.title_words and ctx.lowers[first - 1] not in BODY_GLUE:
        first -= 1
    words = ctx.doc[first:k].text.lower()
    if ctx.g.title_class(words) is None or (first > 0 and ctx.lowers[first - 1] in ctx.cues.former_markers):
        return None
    body = k + 1 + (ctx.lowers[k + 1] == "the")
    if not any(ctx.is_capitalised(i) for i in range(body, body_end)):
        return None
    return ctx.doc[first:body_end].text, span.entity, (first, body_end - 1)


#: Verbs of leading an organisation in a relative clause ("NAME, who heads the G9 alliance").
HEAD_VERBS = frozenset({"heads", "headed", "leads", "led", "runs", "ran", "chairs", "chaired", "commands",
                        "commanded", "directs", "directed", "founded"})


def _heads_after(ctx: ResolutionContext, end: int) -> Title | None:
    """"NAME, who heads the G9 alliance", "NAME, who leads the March 23 Movement": the person
    is an official of the organisation the clause names (role: the verb). Only organisations:
    "who visited Kenya" and "who led the delegation" say nothing of an office."""
    if end + 3 >= len(ctx.texts) or ctx.texts[end] != "," or ctx.lowers[end + 1] != "who" \
            or ctx.lowers[end + 2] not in HEAD_VERBS:
        return None
    k = end + 3 + (ctx.lowers[end + 3] == "the")
    span = ctx.span_starting_at(k)
    if span is None or span.type != "Organization" or span.kind == "group":
        return None
    return ctx.texts[end + 2], span.entity, (end + 2, end + 2)


def _its_title_before(ctx: ResolutionContext, start: int) -> Title | None:
    """"Sky Aviator Company Limited and its director, NAME", "the firm X and its managing
    director NAME": a title owned by "its" right after an organisation and "and" is an office
    of that organisation. None otherwise."""
    j = start - 1
    if j >= 0 and ctx.texts[j] == ",":
        j -= 1
    last = j
    while j >= 0 and (ctx.lowers[j] in ctx.cues.title_words or (last - j < 3 and _modifier(ctx, j))):
        j -= 1
    if j == last or j < 2 or ctx.lowers[j] != "its" or ctx.lowers[j - 1] != "and":
        return None
    k = j - 1
    if ctx.texts[k - 1] == ",":  # "X, a Burma-based firm that ..., and its director": past the apposition
        k = next((c for c in range(k - 2, max(ctx.sentence_start(k), k - 30), -1) if ctx.texts[c] == ","
                  and ctx.lowers[c + 1] in ("a", "an", "the")), k)
    span = ctx.span_ending_at(k)
    if span is None or span.type != "Organization" or span.kind == "group":
        return None
    text = ctx.doc[j + 1:last + 1].text
    if ctx.g.title_class(text.lower()) is None:
        return None
    return text, span.entity, (j + 1, last)


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

