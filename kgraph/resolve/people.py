"""People sieves: names read from their titles, and short names resolved to full ones.

"President Yoon", "Dr. Ismail Demir" (a name after a title), "Lim Soo-suk, a spokesperson
for the ministry," (a full name before its title); then full names become gazetteer people
or new ones, and single names ("Shin", "Singh said") the full name met in the document, or
the holder of the office the title names at the document's date ("Prime Minister Abe" in
2016 is Shinzo Abe).
"""
from __future__ import annotations

from ..gazetteer import NAME_SUFFIXES, person_key
from .context import ResolutionContext, Span
from .offices import title_after, title_before, title_of_body_before


def titled_names(ctx: ResolutionContext) -> None:
    """A capitalised name right after a title or honorific ("President Yoon", "Dr. Ismail Demir");
    in a heading, which capitalises every word, only a short name that a comma, "and" or the
    line's end closes ("Statement by Foreign Minister Hayashi, and ..." but not "UN Chief
    Urges Calm After Border Clash")."""
    title_ends = {t.split()[-1] for t in ctx.cues.titles} | ctx.cues.honorifics
    for i in range(1, len(ctx.texts)):
        if (ctx.lowers[i - 1] in title_ends and ctx.is_capitalised(i) and not ctx.covered(i, i + 1)
                and ctx.lowers[i] not in ctx.cues.title_words and ctx.lowers[i] not in ctx.cues.honorifics
                and ctx.lowers[i] not in ctx.cues.org_suffixes  # "the State Committee": no person
                and i not in ctx.credits):
            start = _after_rank(ctx, i)
            if start is None:
                continue
            end = _name_end(ctx, start)
            if ctx.lowers[end - 1] in ctx.cues.org_suffixes:
                continue  # "the State Customs Committee": a body, not a person
            if ctx.in_heading(i) and not _bounded_in_heading(ctx, start, end):
                continue
            if ctx.lowers[end - 1] in ctx.cues.document_heads or ctx.doc[start].ent_type_ in NOT_NAMES:
                continue  # "the State Immunity Act": "State" ends a title, the rest is a law
            ctx.spans.append(Span(start, end, "", "name", "Person", ctx.doc[start:end].text))


#: Statistical NER labels of spans that are no person's name, whatever title precedes them.
NOT_NAMES = frozenset({"LAW", "WORK_OF_ART", "PRODUCT", "DATE", "TIME", "MONEY", "QUANTITY", "FAC"})


def _bounded_in_heading(ctx: ResolutionContext, start: int, end: int) -> bool:
    """Whether a name of a heading is short (two words at most) and closed by a comma, "and"
    or the end of the line."""
    words = [i for i in range(start, end) if ctx.texts[i] != "-"]
    if len(words) > 2 or any(ctx.doc[i].is_stop for i in words):
        return False
    return end >= len(ctx.texts) or ctx.lowers[end] in (",", "and", "&") or "\n" in ctx.doc[end - 1].whitespace_ \
        or "\n" in ctx.texts[end]


def _after_rank(ctx: ResolutionContext, i: int) -> int | None:
    """Where the name starts after a title: past a service and its rank ("Press Secretary Air
    Force Maj. Gen. Pat Ryder" -> "Pat"); None when the words after the title are a service
    and rank with no name, or a name already found."""
    j = i
    while j < len(ctx.texts) and ctx.lowers[j] in ctx.cues.service_words and ctx.is_capitalised(j):
        j += 1
    k = j
    while k < len(ctx.texts) and ctx.lowers[k] in ctx.cues.honorifics:
        k += 1
    if k == j:
        return i if j == i else None if ctx.lowers[j:j + 1] == ["'s"] else i
    if k >= len(ctx.texts) or not ctx.is_capitalised(k) or ctx.covered(k, k + 1) \
            or ctx.lowers[k] in ctx.cues.title_words:
        return None
    return k


def apposed_names(ctx: ResolutionContext) -> None:
    """An unknown full name followed by its title: "Lim Soo-suk, a spokesperson for the ministry,"
    (the statistical NER usually finds these; the rule-only pipeline needs the title)."""
    for comma in [i for i, text in enumerate(ctx.texts) if text == ","]:
        start = comma
        while start > 0:
            if ctx.name_word(start - 1):
                start -= 1
            elif ctx.texts[start - 1] == "-" and start > 1 and ctx.name_word(start - 2) \
                    and ctx.texts[start][:1].isalpha():
                start -= 2
            else:
                break
        words = [w for w in ctx.texts[start:comma] if w != "-" and w[:1].isupper()]
        if len(words) < 2 or len(words) > 4 or title_after(ctx, comma) is None:
            continue
        label = ctx.doc[start:comma].text
        ctx.spans.append(Span(start, comma, "", "name", "Person", label))
    for span in [s for s in ctx.spans if s.kind == "ner" and s.type in ("Organization", "Location")]:
        _taken_as_organisation(ctx, span)


def _taken_as_organisation(ctx: ResolutionContext, span: Span) -> bool:
    """"EEAS Deputy Secretary General for peace, security and defence, Charles Fries,": a two-
    to three-word name the NER took for an organisation or a place (no organisation word in it) is a
    person when a person's title stands before it or is apposed after it; the span becomes a
    Person. Returns whether it did."""
    if not 2 <= span.end - span.start <= 3:
        return False
    if any(ctx.lowers[i] in ctx.cues.org_suffixes or not ctx.name_word_text(i) for i in range(span.start, span.end)):
        return False
    if title_before(ctx, span.start) is None and title_after(ctx, span.end) is None \
            and title_of_body_before(ctx, span.start) is None:
        return False
    span.type, span.entity = "Person", ""
    ctx.revise(span)
    return True


def _name_end(ctx: ResolutionContext, start: int) -> int:
    """End of a name that starts at ``start``: capitalised words, initials and hyphenated parts."""
    end = start + 1
    n = len(ctx.texts)
    while end < n and not ctx.covered(end, end + 1):
        text = ctx.texts[end]
        if text == "-" and end + 1 < n and ctx.texts[end + 1][:1].isalpha():
            end += 2
        elif _nickname(ctx, end):  # 'Jimmy "Barbecue" Cherizier': a quoted nickname inside the name
            end += 3
        elif ctx.name_particle(end) and end + 1 < n and ctx.covered(end + 1, end + 2):
            surname = ctx.span_starting_at(end + 1)  # "Naim al Qassem": the known "Qassem" joins the name
            if surname is None or surname.type != "Person" or surname.end != end + 2:
                break
            ctx.spans.remove(surname)
            end += 2
        elif (ctx.is_capitalised(end) and ctx.lowers[end] not in ctx.cues.title_words) or ctx.name_particle(end) or \
                (len(text) == 2 and text[0].isupper() and text[1] == "."):
            end += 1
        else:
            break
    return end


QUOTES = frozenset({'"', "\u201c", "\u201d", "'"})


def _nickname(ctx: ResolutionContext, i: int) -> bool:
    """A one-word nickname in quotes at token ``i``, a capitalised surname after it: '"Barbecue"'
    in 'Jimmy "Barbecue" Cherizier'."""
    n = len(ctx.texts)
    return (i + 3 < n and ctx.texts[i] in QUOTES and ctx.texts[i + 2] in QUOTES and ctx.is_capitalised(i + 1)
            and ctx.is_capitalised(i + 3) and not ctx.covered(i, i + 4)
            and ctx.lowers[i + 3] not in ctx.cues.title_words and not ctx.doc[i + 3].is_stop)


def resolve_people(ctx: ResolutionContext) -> None:
    """Full names -> gazetteer people or new ones; single names -> the full name or the office holder."""
    people = [s for s in ctx.spans if s.type == "Person"]
    full = [s for s in people if s.entity or len(_name_words(ctx, s)) > 1]
    for span in full:
        if not span.entity:
            known = ctx.g.person_keys.get(person_key(span.label or "")) or \
                ctx.g.person_keys.get(person_key(_without_particles(ctx, span.label or "")))
            span.entity = known or ctx.new_entity(span.label or "", "Person")
            span.kind = "name" if known else span.kind
            ctx.revise(span)
    parts = _name_parts(ctx, full)
    for span in [s for s in ctx.spans if s.kind == "ner" and s.type != "Person"
                 and s.end - s.start in (1, 3)]:
        if _part_length(ctx, span.start, parts) == span.end - span.start:  # "Singh" tagged GPE by the NER
            span.entity, span.type = "", "Person"
            ctx.revise(span)
            people.append(span)
    for span in [s for s in people if not s.entity]:
        resolved = _resolve_single(ctx, span.start, parts)
        if resolved:
            span.entity, span.kind = resolved, "surname"
            ctx.revise(span)
        elif _titled_single_name(ctx, span):
            span.entity = ctx.new_entity(span.label or ctx.texts[span.start], "Person")
            ctx.revise(span)
        else:
            ctx.spans.remove(span)
    # Bare surnames the NER did not mark ("Shin's comments", "Singh said").
    for i in range(len(ctx.texts)):
        n = _part_length(ctx, i, parts)
        if n and not ctx.covered(i, i + n) and not _in_longer_name(ctx, i, n):
            resolved = _resolve_single(ctx, i, parts)
            if resolved:
                ctx.spans.append(Span(i, i + n, resolved, "surname", "Person"))


def _part_length(ctx: ResolutionContext, i: int, parts: dict[str, list[tuple[int, str]]]) -> int:
    """How many tokens the name part at token ``i`` spans: 1 ("Singh"), 3 for a hyphenated
    family name, which the tokenizer splits ("Kosiniak-Kamysz" after "Wladyslaw
    Kosiniak-Kamysz"), 0 when no part of a full name met in the document starts there."""
    if i + 2 < len(ctx.texts) and ctx.texts[i + 1] == "-" and not ctx.doc[i].whitespace_ \
            and not ctx.doc[i + 1].whitespace_ and "".join(ctx.texts[i:i + 3]) in parts:
        return 3
    return 1 if ctx.texts[i] in parts else 0


def _titled_single_name(ctx: ResolutionContext, span: Span) -> bool:
    """A single name that no full name and no office holder explains, after a title of an
    office the text names the holder of ("Ethiopian Prime Minister Abiy", "AU Commission
    Chairman Faki", "former Kenyan President Kenyatta"): a person of its own, named as written.
    A bare honorific ("Mr. Smith") or a title with no state or organisation is not enough."""
    if span.end - span.start > 3 or not ctx.is_capitalised(span.start) or ctx.in_heading(span.start):
        return False  # "UN Chief Calls For Restraint": a heading capitalises every word
    title = title_before(ctx, span.start)
    if title is None:
        title = _former_title(ctx, span.start)
    return title is not None and title[1] is not None


def _former_title(ctx: ResolutionContext, start: int):
    """The title before ``start`` read as if "former" were not there (it still names who the
    person is: "former Kenyan President Kenyatta")."""
    j = start - 1
    floor = ctx.sentence_start(start)
    while j >= floor and ctx.lowers[j] not in ctx.cues.former_markers and start - j <= 8:
        j -= 1
    if j < floor or ctx.lowers[j] not in ctx.cues.former_markers:
        return None
    saved, ctx.lowers[j] = ctx.lowers[j], ""
    try:
        return title_before(ctx, start)
    finally:
        ctx.lowers[j] = saved


def _without_particles(ctx: ResolutionContext, name: str) -> str:
    """"Naim al Qassem" -> "Naim Qassem", to meet the gazetteer's spelling of the name."""
    return " ".join(w for w in name.replace("-", " ").split() if w.lower() not in ctx.cues.name_particles)


def _name_words(ctx: ResolutionContext, span: Span) -> list[str]:
    return [w for w in (span.label or "").split() if w.lower() not in NAME_SUFFIXES]


def _name_parts(ctx: ResolutionContext, full: list[Span]) -> dict[str, list[tuple[int, str]]]:
    """Single words that may stand for a full name met in the document: the last word, and
    the first, which is the family name in East Asian names ("Kim Jong-un", "Wang Yi"); news
    style never calls a Western official by a bare given name, so the first word is safe."""
    parts: dict[str, list[tuple[int, str]]] = {}
    for span in full:
        names = {span.label or "", ctx.g.entries[span.entity].label if span.entity in ctx.g.entries else ""}
        for name in filter(None, names):
            words = [w for w in name.split() if w.lower().rstrip(".") not in NAME_SUFFIXES]
            if len(words) < 2:
                continue
            for word in (words[-1], words[0]):
                if len(word) > 1 and "." not in word:
                    parts.setdefault(word, []).append((span.start, span.entity))
    return parts


def _in_longer_name(ctx: ResolutionContext, i: int, n: int = 1) -> bool:
    """"Kim" in "Kim Yo Jong" is not Kim Jong Un (``n``: tokens of the single name at ``i``)."""
    nxt = i + n < len(ctx.texts) and ctx.is_capitalised(i + n) and not ctx.covered(i + n, i + n + 1) \
        and ctx.lowers[i + n] not in ctx.cues.title_words
    # A sentence's first word is capitalised anyway ("Meanwhile Abe met Moon").
    prv = i - 1 > ctx.sentence_start(i) and ctx.is_capitalised(i - 1) and not ctx.covered(i - 1, i) \
        and ctx.lowers[i - 1] not in ctx.cues.title_words and ctx.lowers[i - 1] not in ctx.cues.honorifics
    return bool(nxt or prv)


def _resolve_single(ctx: ResolutionContext, i: int, parts: dict[str, list[tuple[int, str]]]) -> str | None:
    """A single name at token ``i``: the full name it is part of (the nearest one before, else
    the first after), else the one holder at the document's date of the office its title
    names ("Prime Minister Abe" in 2016); None when neither."""
    candidates = parts.get("".join(ctx.texts[i:i + 3]) if _part_length(ctx, i, parts) == 3 else ctx.texts[i], [])
    if candidates:
        before = [c for c in candidates if c[0] <= i]
        return (max(before) if before else min(candidates))[1]
    title = title_before(ctx, i)
    if title:
        role_class = ctx.g.title_class(title[0].lower())
        holders = ctx.g.holders(None if role_class == "other" else role_class, ctx.texts[i], ctx.document.date)
        if len(holders) == 1:
            return holders[0]
    return None

