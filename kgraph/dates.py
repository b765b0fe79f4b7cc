"""Partial ISO dates, the one home of kgraph's date handling.

kgraph writes dates as ISO text as precise as the source is: "2024" (a year), "2024-06" (a
month), "2024-06-19" (a day), and ranges "A/B" (EDTF intervals, either end may be open). This
module turns such text into what each stage needs: the text itself from YAML values
(:func:`iso_date`), its precision (:func:`date_precision`, for RDF datatypes), the days it covers
(:func:`date_range`, :func:`date_bound`, :func:`in_window`, :func:`date_sort_key`, for the
analyst's API), the day a document date stands for when reading "next month" in it
(:func:`reference_day`), and a month range (:func:`month_span`, for "between June and August").

Examples
--------
>>> date_range("2024-06")
(datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
>>> date_precision("2024-06"), date_precision("June")
('month', None)
"""
from __future__ import annotations

import datetime as dt
import re

from .errors import UsageError

#: English month names, lower case, in calendar order.
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
#: Month names and their abbreviations ("sept", "dec"), lower case, without the full stop.
MONTH_WORDS = frozenset(MONTH_NAMES + ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                                       "nov", "dec"))

_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
#: Precision -> the pattern a whole value matches (a leading "-" for years before 1 AD).
_PRECISIONS = (
    ("day", re.compile(r"-?\d{4}-\d{2}-\d{2}")),
    ("month", re.compile(r"-?\d{4}-\d{2}")),
    ("year", re.compile(r"-?\d{4}")),
    ("datetime", re.compile(r"-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")),
)


def iso_date(value: object) -> str | None:
    """A date from a document's metadata as ISO text.

    YAML front matter turns ``2024-06-14`` into a ``datetime.date``, while "2024-06" stays a
    string: dates and datetimes become "YYYY-MM-DD", anything else its stripped text.

    Parameters
    ----------
    value : date, datetime, str, None or any object

    Returns
    -------
    str or None
        None for None and for blank text.

    Examples
    --------
    >>> iso_date(dt.date(2024, 6, 14)), iso_date(" 2024-06 "), iso_date("")
    ('2024-06-14', '2024-06', None)
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return None if value is None else str(value).strip() or None


def date_precision(value: str) -> str | None:
    """How precise an ISO date is: "day", "month", "year" or "datetime"; None when it is no ISO date.

    Examples
    --------
    >>> [date_precision(v) for v in ("2024-06-19", "2024-06", "2024", "2024-06-19T10:00Z", "2024/2025")]
    ['day', 'month', 'year', 'datetime', None]
    """
    for precision, pattern in _PRECISIONS:
        if pattern.fullmatch(value):
            return precision
    return None


def is_iso_date(value: str) -> bool:
    """Whether text is a date kgraph accepts from a document's metadata: an ISO year, month, day
    or date-time that exists in the calendar, or an interval "A/B" of them (either end open).

    Examples
    --------
    >>> [is_iso_date(v) for v in ("2024-06", "2024-06-14", "2024-06/2024-08", "2024-02-30", "not a date", "/")]
    [True, True, True, False, False, False]
    """
    ends = str(value).split("/")
    if len(ends) > 2 or not any(ends):
        return False
    return all(_valid_end(end) for end in ends if end or len(ends) == 2)


def _valid_end(text: str) -> bool:
    if not text:
        return True
    precision = date_precision(text)
    if precision is None:
        return False
    if precision == "month":
        return 1 <= int(text[-2:]) <= 12
    if precision in ("day", "datetime"):
        try:
            dt.date.fromisoformat(text.lstrip("-")[:10])
        except ValueError:
            return False
    return True


def date_range(value: str | dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days a date covers: "2024" the year, "2024-06" June, "2024-06-19" a day; "A/B" from A to B.

    A month outside 1-12 (EDTF seasons, "2024-21") counts as the whole year, a day outside the
    month as the whole month; an open end ("2024-06/") takes the other end's days.

    Parameters
    ----------
    value : str, date, datetime or None
        Text is read from its ISO prefix (trailing text is ignored).

    Returns
    -------
    (first day, last day) or None
        None when undated or when the text starts with no year.

    Examples
    --------
    >>> date_range("2024-06/2024-07")
    (datetime.date(2024, 6, 1), datetime.date(2024, 7, 31))
    >>> date_range("soon") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    first, _, last = str(value).partition("/")
    start, end = _iso_range(first), _iso_range(last or first)
    if start is None or end is None:
        return start or end
    return start[0], end[1]


def _iso_range(text: str) -> tuple[dt.date, dt.date] | None:
    match = _ISO_PREFIX.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None or not 1 <= month <= 12:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month_end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    if day is None or not 1 <= day <= month_end.day:
        return dt.date(year, month, 1), month_end
    return dt.date(year, month, day), dt.date(year, month, day)


def date_bound(value: str | dt.date | None, name: str, side: int) -> dt.date | None:
    """The first (``side`` 0) or last (``side`` 1) day of a ``since``/``until`` argument.

    Parameters
    ----------
    value : str, date or None
        The argument as the user gave it.
    name : str
        The argument's name, for the error message.
    side : {0, 1}

    Returns
    -------
    date or None
        None when ``value`` is None.

    Raises
    ------
    UsageError
        When ``value`` is no date (a ValueError too).

    Examples
    --------
    >>> date_bound("2024-06", "until", 1)
    datetime.date(2024, 6, 30)
    """
    if value is None:
        return None
    bounds = date_range(value)
    if bounds is None:
        raise UsageError(f"{name}={value!r} is not a date like 2024, 2024-06 or 2024-06-19")
    return bounds[side]


def in_window(when: str | None, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether something dated ``when`` can fall between ``since`` and ``until`` (both inclusive).

    Without bounds everything passes; with any bound, an undated ``when`` fails.

    Examples
    --------
    >>> in_window("2024", dt.date(2024, 6, 1), None), in_window(None, dt.date(2024, 6, 1), None)
    (True, False)
    """
    if since is None and until is None:
        return True
    bounds = date_range(when)
    return bounds is not None and (since is None or bounds[1] >= since) and (until is None or bounds[0] <= until)


def date_sort_key(when: str | None) -> tuple:
    """A sort key that puts dates in order of their first day, then last day, undated last.

    Examples
    --------
    >>> sorted(["2024-06", None, "2024"], key=date_sort_key)
    ['2024', '2024-06', None]
    """
    bounds = date_range(when)
    return (0, bounds[0], bounds[1]) if bounds else (1, dt.date.max, dt.date.max)


def reference_day(value: str | None) -> tuple[dt.date, str] | None:
    """The day a document date stands for when reading relative expressions, and its granularity.

    A day is itself ("day"); a month its 15th ("month"); a year its 1 July ("year"); only the
    first ten characters count.

    Returns
    -------
    (date, granularity) or None
        None when ``value`` is empty or no date.

    Examples
    --------
    >>> reference_day("2024-06")
    (datetime.date(2024, 6, 15), 'month')
    """
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        if len(parts) >= 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2])), "day"
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 15), "month"
        return dt.date(int(parts[0]), 7, 1), "year"
    except ValueError:
        return None


def month_span(year: int, first: int, last: int) -> str:
    """Months ``first`` to ``last`` of ``year`` as ISO text; a ``last`` before ``first`` runs into next year.

    Examples
    --------
    >>> month_span(2024, 6, 6), month_span(2024, 6, 8), month_span(2024, 11, 2)
    ('2024-06', '2024-06/2024-08', '2024-11/2025-02')
    """
    end_year = year + 1 if last < first else year
    if first == last and end_year == year:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{end_year}-{last:02d}"


def relation_date(relation, documents) -> tuple[str | None, str | None]:
    """When a relation happened, and how that is known: its own date (``"text"``), else the date of
    the earliest document reporting it (``"document"``), else ``(None, None)``.

    Parameters
    ----------
    relation : kgraph.model.Relation
        Its ``time`` and the ``doc`` of its evidence are read.
    documents : Mapping[str, kgraph.model.Document]
        Documents by id.

    Examples
    --------
    >>> from kgraph.model import Document, Evidence, Relation
    >>> r = Relation("visit", "Q7747", "Q423", evidence=[Evidence("d", "...", 0, 3)])
    >>> relation_date(r, {"d": Document("d", "...", date="2024-06-19")})
    ('2024-06-19', 'document')
    """
    if relation.time:
        return relation.time, "text"
    dates = sorted(d.date for d in (documents.get(ev.doc) for ev in relation.evidence) if d and d.date)
    return (dates[0], "document") if dates else (None, None)
