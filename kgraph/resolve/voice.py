"""The voice of a statement: whom "I" and "we" stand for when a document speaks in the first person.

An official statement speaks for its author: "Press statement by Minister A on ..." (a
heading line), "Joint Statement from the Leaders of A, B and C", or the apposition the text
gives its own "we" ("We, the European Union, ..."; "we—President A of X, Prime Minister B of
Y—met ..."; "we (A, B and C)"). The :func:`statement_voice` sieve reads that author into a
:class:`Voice` (``ResolutionContext.voice``) and gives each first-person pronoun outside
quotation marks a ``speaker`` span per member: "I asked both parties to ..." makes a request
of the author, "we met" a meeting of the signatories. Quoted speech ("'We will respond,' the
minister said") is someone else's voice and keeps no speaker; a document with no author
stated gives its pronouns none.
"""
from __future__ import annotations

from ..syntax import annotated
from .context import ENUMERATION_GLUE, ResolutionContext, Span, Voice

#: First-person pronouns: the speaker alone, and the speaker with others (grammar, not knowledge).
SINGULAR = frozenset({"i", "me", "my", "myself", "mine"})
PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
#: Words after a statement noun that introduce its authors ("Statement by", "Remarks of").
AUTHOR_PREPOSITIONS = frozenset({"by", "from", "of"})
#: Words a statement's heading may open with before its noun ("The Joint Statement by"),
#: besides the name of the text ("The Wilmington Declaration Joint Statement from").
HEADING_OPENERS = frozenset({"the", "a", "an", "joint", "press", "official", "final", "closing", "opening",
                             "keynote", "trilateral", "bilateral", "leaders", "leaders'", "chair", "chair's",
                             "chairman's", "'s", "ministerial", "video", "written", "new", "year", "-", ":"})
ACTORS = ("Country", "Person", "Organization")
#: Punctuation that opens an apposition to "we", and what closes it.
APPOSITION_MARKS = {",": ",", "\u2014": "\u2014", "\u2013": "\u2013", "--": "--", "-": "-", "(": ")"}
#: How many tokens an author list may run (a heading, an apposition).
LIST_REACH = 80
#: Words that may stand in a list of authors besides the names: "the Leaders of", "Jr.".
LIST_WORDS = frozenset({"of", "jr.", "jr", "sr.", "leaders", "leader", "heads", "head", "government",
                        "governments", "state", "his", "her", "excellency", "excellencies", "honourable",
                        "honorable", "behalf"})
QUOTES_OPEN, QUOTES_CLOSE = "\u201c", "\u201d"


def statement_voice(ctx: ResolutionContext) -> None:
    """Read the document's voice (:class:`Voice`, kept on ``ctx.voice``) and give the
    first-person pronouns outside quotes a ``speaker`` span for each member.

    Handles "Statement by the Foreign Minister of A" / "Remarks by A" on the first line (I: A;
    we: A's state), "Joint Statement by A, B and C" / "... from the Leaders of A, B and C" (we:
    each of them), and "we" apposed to its members ("We, the European Union, ...", "we—A of
    X, B of Y—met": those named; when one state or organisation is named, "I" speaks for it
    too). Pronouns in quotation marks, and "US" (the United States) are left alone.
    """
    heading_end, voice = _heading_voice(ctx)
    quoted: set[int] | None = None  # read at the first pronoun: most texts have none
    pronoun = annotated(ctx.doc, "TAG")
    for i, word in enumerate(ctx.lowers):
        if word not in SINGULAR and word not in PLURAL:
            continue
        if quoted is None:
            quoted = _quoted_tokens(ctx)
        if i < heading_end or i in quoted or ctx.texts[i] == "US" or ctx.covered(i, i + 1):
            continue
        if pronoun and ctx.doc[i].pos_ != "PRON" and ctx.doc[i].tag_ not in ("PRP", "PRP$"):
            continue  # "World War I"
        if word == "we" and (not voice.plural or voice.cue == "apposition"):
            members = _apposed_members(ctx, i)
            if members and not voice.plural:
                voice = Voice(members if len(members) == 1 else (), members, "apposition")
            elif members:  # "we—A, B and C—met" speaks for those named here
                _speaker_spans(ctx, i, members)
                continue
        members = voice.singular if word in SINGULAR else voice.plural
        _speaker_spans(ctx, i, members)
    ctx.voice = voice


def _speaker_spans(ctx: ResolutionContext, i: int, members: tuple[str, ...]) -> None:
    for member in members:
        ctx.spans.append(Span(i, i + 1, member, "speaker", ctx.entry_type(member)))


def _heading_voice(ctx: ResolutionContext) -> tuple[int, Voice]:
    """(first token after the heading line, its voice): the first line, when a statement noun
    followed by "by"/"from"/"of" opens it ("Press statement by Minister A on ...",
    "Joint Statement from the Leaders of A, B and C"); (0, Voice()) otherwise."""
    text = ctx.document.text
    first = next((k for k, t in enumerate(ctx.texts) if t.strip()), None)
    if first is None:
        return 0, Voice()
    line_end = text.find("\n", ctx.doc[first].idx)
    line_end = len(text) if line_end < 0 else line_end
    end = next((k for k in range(first, len(ctx.texts)) if ctx.doc[k].idx >= line_end), len(ctx.texts))
    if ctx.texts[end - 1] in (".", "?", "!") or end - first > LIST_REACH:
        return 0, Voice()
    for k in range(first, end - 1):
        if not (ctx.lowers[k] in HEADING_OPENERS or ctx.lowers[k] in ctx.cues.statement_nouns
                or any(s.type not in ACTORS for s in ctx.spans.at[k])):
            break  # "Armenia Rejects Statement by Norway": a news headline, not a statement's own
        if ctx.lowers[k] in ctx.cues.statement_nouns and ctx.lowers[k + 1] in AUTHOR_PREPOSITIONS:
            members = _author_list(ctx, k + 2, end, closer=None)
            if not members:
                return end, Voice()
            joint = "joint" in ctx.lowers[first:k] or len(members) > 1
            if joint:
                return end, Voice((), members, "heading")
            state = ctx.state_of(members[0]) or members[0]
            return end, Voice(members, (state,), "heading")
    return 0, Voice()


def _apposed_members(ctx: ResolutionContext, i: int) -> tuple[str, ...]:
    """The actors apposed to "we" at token ``i``: "We, the European Union, ...", "we—A of X,
    B of Y—met", "we (A and B)"; () when no list of actors follows."""
    if i + 1 >= len(ctx.texts) or ctx.texts[i + 1] not in APPOSITION_MARKS:
        return ()
    closer = APPOSITION_MARKS[ctx.texts[i + 1]]
    return _author_list(ctx, i + 2, min(len(ctx.texts), i + 2 + LIST_REACH), closer=closer)


def _author_list(ctx: ResolutionContext, start: int, end: int, closer: str | None) -> tuple[str, ...]:
    """The members of a list of actors from ``start``: one per item (items split at commas and
    "and"; the person of an item rather than the state it holds office in: "Prime Minister A
    of X"), one per state. The list runs over names, titles and glue words; it ends at
    ``closer`` (which must come), else at the first other word ("... on the talks")."""
    items: list[list[Span]] = [[]]
    k = start
    closed = closer is None
    while k < end:
        if closer is not None and ctx.texts[k] == closer:
            closed = True
            break
        span = ctx.span_starting_at(k)
        if span is not None and span.type in ACTORS:
            items[-1].append(span)
            k = span.end
            continue
        word = ctx.lowers[k]
        if word in (",", "and", "&"):
            items.append([])
        elif word == "on" and ctx.lowers[k + 1:k + 3] == ["behalf", "of"]:
            items = [[]]  # "Statement by the Spokesperson on behalf of the EU": the body spoken for
            k += 3
            continue
        elif not (word in ENUMERATION_GLUE or word in LIST_WORDS or word in ctx.cues.title_words
                  or word in ctx.cues.honorifics or ctx.is_capitalised(k) or not any(c.isalnum() for c in word)):
            break
        k += 1
    if not closed:
        return ()
    members: list[str] = []
    states: set[str] = set()
    for item in items:
        people = [s.entity for s in item if s.type == "Person"]
        member = (people or [s.entity for s in item])[:1]
        for entity in member:
            state = ctx.state_of(entity) or entity
            if entity not in members and state not in states:
                members.append(entity)
                states.add(state)
    return tuple(members)


def _quoted_tokens(ctx: ResolutionContext) -> set[int]:
    """Tokens inside quotation marks (curly, or straight ones paired in order)."""
    quoted: set[int] = set()
    inside = False
    for k, token in enumerate(ctx.doc):
        text = token.text
        if text == QUOTES_OPEN or (text == '"' and not inside):
            inside = True
            continue
        if text == QUOTES_CLOSE or (text == '"' and inside):
            inside = False
            continue
        if inside:
            quoted.add(k)
        if "\n\n" in token.whitespace_ or (not text.strip() and "\n\n" in text):
            inside = False  # a paragraph ends any quotation left open
    return quoted
