"""benchmarks/RESULTS.md: each benchmark rewrites only its own section."""
from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def replace_part(document: str, heading: str, text: str, ends_at: str = "## ") -> str:
    """``document`` with the part under ``heading`` (up to the next heading starting with
    ``ends_at``) replaced by ``text``, or ``text`` appended when there is no such part."""
    part = re.compile(rf"^{re.escape(heading)}\n.*?(?=^{ends_at}|\Z)", re.S | re.M)
    if part.search(document):
        return part.sub(lambda _m: text.rstrip("\n") + "\n\n", document).rstrip("\n") + "\n"
    return document.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n"


def read_results() -> str:
    return RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"


def write_section(heading: str, text: str) -> None:
    """Replace the section under ``heading`` (``text`` starts with it), leaving the others alone."""
    RESULTS.write_text(replace_part(read_results(), heading, text), encoding="utf-8")
