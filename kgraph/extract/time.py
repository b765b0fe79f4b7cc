"""Time expressions: find them in a sentence and normalise them against the document date.

Output is ISO: "2024-05-27" (day), "2024-05" (month), "2024" (year) or a range
"2024-06/2024-08" ("this summer"). dateparser reads the ordinary cases ("May 27",
"last month", "two weeks ago"); seasons, parts of a year ("early 2024", "the
end of the year") and "earlier this month" follow ontologies/time.yaml.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime, timedelta
from functools import lru_cache

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import TimeWords
from ..dates import MONTH_NAMES, reference_day
from ..syntax import annotated, governing_verb, is_verbal

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PERIOD = r"(?:week|month|year)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: A pattern that matches nothing, for a word class time.yaml leaves empty.
_NOTHING = r"(?!)"
_LEADING = re.compile(r"^(?:in|since|by|during|until|through|of|on|the)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class TimePatterns:
    """The patterns built from the words of time.yaml (``TimeWords``).

    Attributes
    ----------
    finder : re.Pattern
        Time expressions in running text, most specific first (``find_time_expressions``).
    informative : re.Pattern
        Says whether a parser's DATE span names a date at all ("13th", "the past" do not).
    season : re.Pattern
        A season word, as group 1.
    """
    finder: re.Pattern
    informative: re.Pattern
    season: re.Pattern


def _alternatives(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in words) + ")" if words else _NOTHING


@lru_cache(maxsize=16)
def _compile(seasons: tuple[str, ...], parts: tuple[str, ...], bare_parts: frozenset[str]) -> TimePatterns:
    season = _alternatives(seasons)
    bare = [p for p in parts if p in bare_parts]
    said_of = [p for p in parts if p not in bare_parts]
    part = "|".join(x for x in (*map(re.escape, bare), f"the {_alternatives(said_of)} of" if said_of else "") if x)
    patterns = [
        rf"\b(?:{part or _NOTHING})[- ](?:the )?(?:year|this year|next year|last year|\d{{4}}|{_MONTH})\b",
        rf"\b(?:early|late|this|next|last|the)? ?{season}(?: of)?(?: \d{{4}})?\b",
        rf"\b(?:earlier|later)? ?(?:this|next|last|previous|past|the coming) {_PERIOD}\b",
        rf"\b\d{{1,2}} {_MONTH}(?:,? \d{{4}})?\b",
        rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b",
        rf"\b{_MONTH},? \d{{4}}\b",
        rf"\b(?:in|since|by|during|until|through) {_MONTH}(?:,? \d{{4}})?\b",  # "in May 2024" whole
        r"\b(?:in|since|by|during|until|through|of) (?:19|20)\d{2}\b",
        r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a) (?:day|week|month|year)s? ago\b",
        r"\b(?:today|yesterday|tomorrow)\b",
        rf"\b(?:last |next |this )?{_WEEKDAY}\b",
    ]
    return TimePatterns(
        finder=re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE),
        informative=re.compile(rf"(?:19|20)\d{{2}}|\b{_MONTH}|{_WEEKDAY}|{season}|\b(?:{_PERIOD}|today|yesterday"
                               rf"|tomorrow|ago)", re.IGNORECASE),
        season=re.compile(rf"\b({season})\b"))


def time_patterns(words: TimeWords) -> TimePatterns:
    """The patterns for the words of time.yaml: seasons and parts of a year come from the file.

    Parameters
    ----------
    words : TimeWords
        ``Lexicon.time``.

    Returns
    -------
    TimePatterns
        Compiled once per set of words.
    """
    return _compile(tuple(words.seasons), tuple(words.parts_of_year), frozenset(words.bare_parts))


def find_time_expressions(text: str, words: TimeWords) -> list[tuple[int, int, str]]:
    """(start, end, text) of the time expressions in ``text``, character offsets into it.

    Parameters
    ----------
    text : str
    words : TimeWords
        The time words (``Lexicon.time``), which name the seasons and parts of a year.

    Examples
    --------
    >>> from kgraph.knowledge import load_knowledge
    >>> find_time_expressions("Drills follow this summer.", load_knowledge().lexicon.time)
    [(14, 25, 'this summer')]
    """
    found = []
    for match in time_patterns(words).finder.finditer(text):
        expression = match.group(0).strip()
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        found.append((start, start + len(expression), expression))
    return found


def parse_reference(value: str | None) -> tuple[date, str] | None:
    """The document date and its granularity ("day", "month", "year"); see :func:`kgraph.dates.reference_day`."""
    return reference_day(value)


def _month_of(name: str) -> int | None:
    name = name.lower().rstrip(".")[:3]
    return next((i + 1 for i, m in enumerate(MONTH_NAMES) if m.startswith(name)), None)


def _range(year: int, first: int, last: int) -> str:
    from ..dates import month_span
    return month_span(year, first, last)


def _year_word(words: str, ref: date, shifts: dict) -> int | None:
    match = re.search(r"\b((?:19|20)\d{2})\b", words)
    if match:
        return int(match.group(1))
    for word, shift in shifts.items():
        if re.search(rf"\b{word} year\b", words):
            return ref.year + int(shift)
    if "year" in words:
        return ref.year
    return None


def normalise(expression: str, reference: str | None, rules: TimeWords) -> str | None:
    """ISO date, month, year or range for ``expression`` read on the date ``reference``.

    Parameters
    ----------
    expression : str
        A time expression as found in text ("this summer", "by the end of 2023", "May 27").
    reference : str or None
        The document date, ISO and possibly partial ("2024-06"); without it an absolute
        expression (one explicit year, no relative word: "May 2024", "the summer of 2023") is
        read on its own and a relative one ("last month") gives None.
    rules : TimeWords
        The time words of time.yaml (``Lexicon.time``): seasons, parts of a year, shifts, vague words.

    Returns
    -------
    str or None
        "2024-05-27" (day), "2024-05" (month), "2024" (year), "2024-06/2024-08" (a range, months
        inclusive), or None for a vague or unreadable expression.

    Examples
    --------
    >>> from kgraph.knowledge import load_knowledge
    >>> normalise("next winter", "2024-06-01", load_knowledge().lexicon.time)
    '2025-12/2026-02'
    """
    parsed_ref = parse_reference(reference)
    if parsed_ref is None:
        anchor = _absolute_year(expression, rules)
        return normalise(expression, f"{anchor}-01-01", rules) if anchor else None
    ref, granularity = parsed_ref
    looking_back = bool(re.match(r"(?:since|until|through)\b", expression.strip(), re.IGNORECASE))
    text = _LEADING.sub("", expression.lower().strip())
    shifts = rules.shifts
    if text in rules.vague:
        return None
    season = time_patterns(rules).season.search(text)
    if season:
        first, last = rules.seasons.get(season.group(1), (None, None))
        if first is None:
            return None
        year = _year_word(text, ref, shifts)
        if year is None:
            shift = next((int(v) for k, v in shifts.items() if re.search(rf"\b{k}\b", text)), 0)
            year = ref.year + shift
        return _range(year, first, last)
    for part, (first, last) in sorted(rules.parts_of_year.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{part}\b", text):
            month = re.search(_MONTH, text)
            year = _year_word(text, ref, shifts)
            if month and _month_of(month.group(0)) and not re.search(r"\byear\b", text):
                return f"{year or ref.year}-{_month_of(month.group(0)):02d}"
            if year is not None:
                return _range(year, first, last)
    relative = re.fullmatch(rf"(?:(earlier|later) )?(this|next|last|previous|past|the coming|coming) ({_PERIOD})", text)
    if relative:
        shift = int(shifts.get(relative.group(2).replace("the ", ""), 0))
        period = relative.group(3)
        if period == "year":
            return str(ref.year + shift)
        if period == "month":
            month_index = ref.year * 12 + ref.month - 1 + shift
            return f"{month_index // 12}-{month_index % 12 + 1:02d}"
        day = ref + timedelta(weeks=shift)
        return day.isoformat() if granularity == "day" else f"{day.year}-{day.month:02d}"
    return _dateparser(text, ref, granularity, looking_back)


#: Words that make a time expression relative to the document date ("last May", "two years ago").
_RELATIVE = re.compile(r"\b(?:ago|this|next|last|previous|past|coming|earlier|later|today|yesterday|"
                       r"tomorrow|current|following)\b", re.IGNORECASE)


def _absolute_year(expression: str, rules: TimeWords) -> int | None:
    """The year an absolute expression names ("May 2024", "27 May 2024", "the summer of 2023"),
    which anchors it when there is no document date; None for one that needs the date."""
    years = set(re.findall(r"\b((?:19|20)\d{2})\b", expression))
    if len(years) != 1 or _RELATIVE.search(expression) \
            or any(re.search(rf"\b{re.escape(word)}\b", expression, re.IGNORECASE) for word in rules.shifts):
        return None
    return int(next(iter(years)))


def _dateparser(text: str, ref: date, granularity: str, looking_back: bool = False) -> str | None:
    """Ordinary dates and relative words, read with the document date as "now" ("since
    November" looks back to the last November)."""
    parser = _date_parser(ref, "past" if looking_back else "current_period")
    data = parser.get_date_data(text) if parser else None
    if data is None or data.date_obj is None:
        return None
    found, period = data.date_obj.date(), data.period or "day"
    if period == "year":
        return str(found.year)
    if period == "month" or (granularity != "day" and re.search(r"\b(today|yesterday|tomorrow)\b", text)):
        return f"{found.year}-{found.month:02d}"
    return found.isoformat()


@lru_cache(maxsize=64)
def _date_parser(ref: date, prefer: str = "current_period"):
    try:
        from dateparser.date import DateDataParser
    except ImportError:
        return None
    settings = {"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day), "PREFER_DAY_OF_MONTH": "first",
                "PREFER_DATES_FROM": prefer}
    return DateDataParser(languages=["en"], settings=settings)


def _date_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """The NER's DATE spans, read once per document (``doc.ents`` is rebuilt on every access)."""
    cached = doc.user_data.get("kgraph_date_entities")
    if cached is None:
        cached = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "DATE"]
        doc.user_data["kgraph_date_entities"] = cached
    return cached


def time_of(trigger: Token, reference: str | None, rules: TimeWords, cache: dict | None = None) -> str | None:
    """The normalised time expression attached to the trigger's clause, if any.

    An expression belongs to the trigger when the trigger (or, for a noun event,
    the verb it hangs from) is on its way up the parse to the first verb. Without
    a parse, the sentence's first expression.

    Parameters
    ----------
    trigger : spacy.tokens.Token
    reference : str or None
        The document date (ISO, possibly partial).
    rules : TimeWords
        ``Lexicon.time``.
    cache : dict, optional
        A dict the caller keeps for one document, its date and ``rules``: the expressions found
        in each sentence and the value of each expression are read there once, however many
        events a sentence tells ("on Monday" told of three).

    Returns
    -------
    str or None
        As ``normalise``.
    """
    cache = {} if cache is None else cache
    sentence = trigger.sent
    doc = trigger.doc
    informative = time_patterns(rules).informative
    anchors = {trigger.i}
    if not is_verbal(trigger):
        verb, _ = governing_verb(trigger)
        if verb is not None:
            anchors.add(verb.i)
    if ("sentence", sentence.start_char) not in cache:
        cache["sentence", sentence.start_char] = [(sentence.start_char + s, sentence.start_char + e, text)
                                                  for s, e, text in find_time_expressions(sentence.text, rules)]
    spans = list(cache["sentence", sentence.start_char])
    dates = _date_entities(doc)   # in text order: those of the sentence, without a scan of the document
    in_sentence = dates[bisect_left(dates, (sentence.start_char,)):bisect_left(dates, (sentence.end_char,))]
    spans += [(start, end, text) for start, end, text in in_sentence
              if informative.search(text)
              and not any(s <= start < e for s, e, _ in spans)]
    has_parse = annotated(doc, "DEP")
    for start, end, text in sorted(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if has_parse:
            token = span.root
            attached = False
            for ancestor in token.ancestors:
                if ancestor.i in anchors:
                    attached = True
                    break
                if is_verbal(ancestor):
                    break
            if not attached:
                continue
        if ("value", text) not in cache:
            cache["value", text] = normalise(text, reference, rules)
        if cache["value", text]:
            return cache["value", text]
    return None
