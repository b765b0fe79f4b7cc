"""Exporters: JSON (the extraction contract), networkx, HTML; RDF lives in :mod:`kgraph.rdf`.

Files are written whole or not at all (:func:`write_atomic`), and a build's set of outputs is
swapped in as a set (:func:`write_set`).
"""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path


def write_atomic(path: str | Path, content: str | bytes) -> Path:
    """Write to a temporary file beside ``path``, then rename: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_set(folder: str | Path, outputs: Mapping[str, Callable[[], str | bytes]]) -> list[Path]:
    """Write a set of files into ``folder`` so that a reader sees the old set or the new one, never a mix.

    Every file is rendered and written into a staging folder inside ``folder`` first (the slow
    part: seconds for a large graph); only then are the files renamed into place, one
    ``os.replace`` each, with Ctrl-C (SIGINT) and SIGTERM held back until the last rename is done.
    An interruption or error while rendering leaves the old set untouched and no staging folder.

    Parameters
    ----------
    folder : str or Path
        The output folder, created if missing. Other files in it are left alone.
    outputs : mapping of str to callable
        File name -> a function that returns its content (str is written as UTF-8), called one
        at a time, so that only one rendered output is held in memory.

    Returns
    -------
    list of Path
        The files written, in the order of ``outputs``.

    Raises
    ------
    OSError
        When the folder cannot be created or written; nothing is replaced then.
    KeyboardInterrupt
        Ctrl-C while rendering (nothing replaced), or during the renames (raised once all are done).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_set(folder, {"a.txt": lambda: "A", "b.txt": lambda: b"B"})]
    ['a.txt', 'b.txt']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kgraph-staging-", dir=folder))
    try:
        for name, render in outputs.items():
            content = render()
            data = content.encode("utf-8") if isinstance(content, str) else content
            del content
            (staging / name).write_bytes(data)
            os.chmod(staging / name, 0o644)
            del data
        with _signals_held():
            for name in outputs:
                os.replace(staging / name, folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name in outputs]


@contextmanager
def _signals_held():
    """Hold SIGINT and SIGTERM back for the duration (main thread only), then deliver the first one."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, frame: caught.append(number)) for number in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            signal.raise_signal(caught[0])
