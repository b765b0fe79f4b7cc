"""Corpus-scale benchmark: kgraph against bare spaCy, --jobs 2, peak memory, export time.

    .venv/bin/python benchmarks/run.py --quick     # about two minutes on two cores
    .venv/bin/python benchmarks/run.py             # full: memory at 1,000 and 10,000 documents
    .venv/bin/python benchmarks/run.py --quick --write   # also update "## Corpus scale" in RESULTS.md
    .venv/bin/python benchmarks/run.py --quick --profile # where kgraph's own time goes (cProfile)
    .venv/bin/python benchmarks/run.py --long [--write]  # time against the length of a sentence, a document
    .venv/bin/python benchmarks/run.py --corpus dev.jsonl  # throughput on your own corpus, repeated
                                                           # to at least 500 documents (--min-docs)

The corpus is generated: the sentences of the articles in seeds/ recombined at random
(fixed seed) into N news-like documents of 8 to 20 sentences, written as JSON Lines.
*Throughput ratio* is kgraph's documents per CPU second (read, parse, resolve,
extract, merge; one process) over bare ``nlp.pipe``'s, same model, same texts, best
of the repeats, model loading excluded from both; CPU time because the cores are
shared (the wall-clock ratio is reported too). Peak memory is measured in a fresh
process per size (peak RSS, and the part above the loaded model and knowledge base)
next to the size of the graph itself. The last line is ``throughput_ratio=X``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results import RESULTS, read_results, replace_part  # noqa: E402

from kgraph.documents import split_front_matter  # noqa: E402
from kgraph.nlp import DEFAULT_MODEL  # noqa: E402

SECTION = "## Corpus scale"
SECTION_INTRO = ("`benchmarks/run.py` (`--quick`: about two minutes on two cores). The *throughput ratio* is kgraph's "
                 "documents per CPU second over bare `nlp.pipe`'s on the same texts: kgraph's own stages (reading, "
                 "resolution, extraction, merge) cost what it lacks from 1.")
SUBSECTIONS = {"quick": "### Quick run", "full": "### Full run"}
SEEDS = ROOT / "seeds"
SENTENCES_PER_DOCUMENT = (8, 20)
#: (throughput corpus, repeats, --jobs 2 corpus, memory sizes) per mode.
MODES = {
    "quick": dict(throughput_docs=150, repeats=2, jobs_docs=200, memory_sizes=(100, 400)),
    "full": dict(throughput_docs=500, repeats=2, jobs_docs=1000, memory_sizes=(1000, 10000)),
}


def seed_sentences(folder: Path = SEEDS) -> list[str]:
    """Every sentence of every article in ``folder``, in a stable order."""
    sentences = []
    for path in sorted(folder.glob("*.txt")):
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        for paragraph in body.split("\n"):
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[\"“A-Z])", paragraph) if s.strip()]
    return sentences


def make_corpus(n: int, path: Path, seed: int = 0) -> Path:
    """``n`` documents of recombined seed sentences, two or three a paragraph, as JSON Lines."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            picked = rng.sample(sentences, min(len(sentences), rng.randint(*SENTENCES_PER_DOCUMENT)))
            paragraphs, j = [], 0
            while j < len(picked):
                step = rng.randint(2, 3)
                paragraphs.append(" ".join(picked[j:j + step]))
                j += step
            record = {"id": f"bench-{i:06d}", "title": f"Recombined report {i}",
                      "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": "\n".join(paragraphs)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def corpus_from(inputs: Path, min_docs: int, path: Path) -> Path:
    """A throughput corpus made of the documents at ``inputs`` (a file, a folder or JSON Lines, read as
    ``kgraph build`` reads them), repeated in order until it holds at least ``min_docs`` documents
    (each copy with its own id), written as JSON Lines to ``path``.

    Raises
    ------
    kgraph.errors.InputError
        ``inputs`` holds no readable document.
    """
    from kgraph.documents import read_documents
    from kgraph.errors import InputError

    documents = list(read_documents([inputs]))
    if not documents:
        raise InputError(f"no documents in {inputs}")
    with path.open("w", encoding="utf-8") as out:
        n = 0
        while n < max(min_docs, len(documents)):
            for document in documents:
                record = {"id": f"{document.id}-{n // len(documents):03d}", "title": document.title,
                          "date": document.date, "text": document.text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += len(documents)
    return path


def read_texts(corpus: Path) -> list[str]:
    return [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]


def measure_throughput(corpus: Path, repeats: int, model: str) -> dict:
    """Bare nlp.pipe and kgraph, alternately, on the same texts; the best run of each.

    The ratio is taken on CPU time: on cores shared with other work, wall time
    measures the neighbours as much as kgraph (both are reported).
    """
    import spacy

    import kgraph
    from kgraph.pipeline import BATCH_SIZE

    texts = read_texts(corpus)
    bare = spacy.load(model)
    list(bare.pipe(texts[:BATCH_SIZE], batch_size=BATCH_SIZE))
    kgraph.build([make_corpus(3, corpus.with_name("warm-up.jsonl"))], model=model)  # loads pipeline and knowledge

    def bare_run():
        for _doc in bare.pipe(texts, batch_size=BATCH_SIZE):
            pass

    runs = {"bare": [], "kgraph": []}
    for _ in range(repeats):
        for name, work in (("bare", bare_run), ("kgraph", lambda: kgraph.build([corpus], model=model))):
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            runs[name].append((time.process_time() - cpu, time.perf_counter() - wall))
    (bare_cpu, bare_wall), (kgraph_cpu, kgraph_wall) = min(runs["bare"]), min(runs["kgraph"])
    n = len(texts)
    return {"docs": n, "words": sum(len(t.split()) for t in texts), "bare_cpu_s": bare_cpu,
            "kgraph_cpu_s": kgraph_cpu, "bare_wall_s": bare_wall, "kgraph_wall_s": kgraph_wall,
            "bare_dps": n / bare_cpu, "kgraph_dps": n / kgraph_cpu, "ratio": bare_cpu / kgraph_cpu,
            "wall_ratio": bare_wall / kgraph_wall}


def measure_jobs(corpus: Path, model: str, jobs: int = 2) -> dict:
    """One process against ``jobs`` worker processes, in wall-clock and CPU time (the workers'
    CPU counted once they have exited); their start-up is timed apart on three documents."""
    import kgraph
    from kgraph.export.json import dumps

    def timed(**options):
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, cpu = time.perf_counter(), time.process_time()
        kg = kgraph.build([corpus], model=model, **options)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        children_cpu = after.ru_utime - children.ru_utime + after.ru_stime - children.ru_stime
        return kg, time.perf_counter() - wall, time.process_time() - cpu + children_cpu

    started = time.perf_counter()
    kgraph.build([make_corpus(3, corpus.with_name("start-up.jsonl"))], model=model, jobs=jobs)
    startup_s = time.perf_counter() - started
    serial, serial_s, serial_cpu = timed()
    parallel, parallel_s, parallel_cpu = timed(jobs=jobs)
    return {"docs": len(serial.documents), "jobs": jobs, "serial_s": serial_s, "parallel_s": parallel_s,
            "serial_cpu_s": serial_cpu, "parallel_cpu_s": parallel_cpu, "startup_s": startup_s,
            "speedup": serial_s / parallel_s, "identical": dumps(serial) == dumps(parallel)}


def probe(corpus: Path, model: str) -> dict:
    """Run in a fresh process: build ``corpus`` once, report peak memory, then time the exports."""
    import kgraph
    from kgraph.export.json import dumps
    from kgraph.knowledge import load_knowledge
    from kgraph.nlp import load_pipeline

    load_pipeline(model)
    load_knowledge()
    # One small build first, so the baseline holds what any build loads lazily (dateparser's locales).
    kgraph.build([make_corpus(3, corpus.with_name(f"warm-up-{corpus.stem}.jsonl"))], model=model)
    baseline_mb = _rss_mb()
    with _PeakRss() as peak:
        started = time.perf_counter()
        kg = kgraph.build([corpus], model=model)
        build_s = time.perf_counter() - started
    exports = {}
    for name, write in (("json", lambda: dumps(kg)), ("ttl", lambda: kg.to_rdf("turtle")), ("html", kg.to_html)):
        started = time.perf_counter()
        text = write()
        exports[name] = {"s": time.perf_counter() - started, "mb": len(text.encode("utf-8")) / 1e6}
    return {"docs": len(kg.documents), "entities": len(kg.entities), "relations": len(kg.relations),
            "evidence": sum(len(r.evidence) for r in kg.relations), "build_s": build_s,
            "baseline_mb": baseline_mb, "peak_mb": peak.mb, "graph_json_mb": exports["json"]["mb"],
            "exports": exports}


class _PeakRss:
    """The highest resident set size while the block runs, sampled by a thread."""

    def __init__(self, every_s: float = 0.05) -> None:
        self.every_s, self.mb = every_s, _rss_mb()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(self.every_s):
            self.mb = max(self.mb, _rss_mb())

    def __enter__(self) -> _PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
        self.mb = max(self.mb, _rss_mb())


def measure_memory(sizes: tuple[int, ...], workdir: Path, model: str) -> list[dict]:
    rows = []
    for n in sizes:
        corpus = make_corpus(n, workdir / f"memory-{n}.jsonl", seed=n)
        result = subprocess.run([sys.executable, __file__, "--probe", str(corpus), "--model", model],
                                capture_output=True, text=True, check=True)
        rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return rows


def profile(corpus: Path, model: str, limit: int = 25) -> str:
    """kgraph's own functions by time spent in them (spaCy and the standard library left out)."""
    import cProfile
    import io
    import pstats

    import kgraph

    kgraph.build([corpus], model=model)
    profiler = cProfile.Profile()
    profiler.enable()
    kgraph.build([corpus], model=model)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("tottime")
    stats.print_stats(r"kgraph/", limit)
    stats.sort_stats("cumulative").print_stats(r"kgraph/", limit)
    return out.getvalue()


def _rss_mb() -> float:
    """Resident memory now (Linux /proc; elsewhere the high-water mark, an upper bound)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        scale = 2**20 if sys.platform == "darwin" else 2**10
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def markdown(mode: str, throughput: dict, jobs: dict, memory: list[dict]) -> str:
    lines = [
        SUBSECTIONS[mode], "",
        f"`benchmarks/run.py{' --quick' if mode == 'quick' else ''}` on {time.strftime('%Y-%m-%d')}: documents of "
        f"8-20 sentences recombined at random from seeds/ (JSON Lines), model {DEFAULT_MODEL}, "
        f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores shared with other work.",
        "",
        "| measure | value |", "|---|---:|",
        f"| bare `nlp.pipe` ({throughput['docs']:,} documents, {throughput['words']:,} words), per CPU second | "
        f"{throughput['bare_dps']:.1f} documents/s |",
        f"| kgraph build, one process (read, parse, resolve, extract, merge), per CPU second | "
        f"{throughput['kgraph_dps']:.1f} documents/s |",
        f"| **throughput ratio** kgraph / bare spaCy, CPU time (target >= 0.8) | **{throughput['ratio']:.2f}** |",
        f"| the same ratio in wall-clock time | {throughput['wall_ratio']:.2f} |",
        f"| `--jobs {jobs['jobs']}` on {jobs['docs']:,} documents, wall clock (worker start-up included) | "
        f"{jobs['serial_s']:.1f} s -> {jobs['parallel_s']:.1f} s, speed-up x{jobs['speedup']:.2f}, "
        f"graph identical: {'yes' if jobs['identical'] else 'NO'} |",
        f"| `--jobs {jobs['jobs']}` CPU time, parent and workers (what the work costs, whatever the neighbours do) | "
        f"{jobs['serial_cpu_s']:.1f} s -> {jobs['parallel_cpu_s']:.1f} s |",
        f"| `--jobs {jobs['jobs']}` build of three documents (pool start-up) | {jobs['startup_s']:.1f} s |",
        "",
        "Peak memory, a fresh process per size (*baseline*: model and knowledge base loaded, one three-document "
        "build done; peak sampled every 50 ms during the build):", "",
        "| documents | entities | relations | evidence | graph.json (MB) | baseline RSS (MB) | peak RSS (MB) | "
        "above baseline (MB) | build (s) | export json / ttl / html (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in memory:
        e = r["exports"]
        lines.append(f"| {r['docs']:,} | {r['entities']:,} | {r['relations']:,} | {r['evidence']:,} | "
                     f"{r['graph_json_mb']:.1f} | {r['baseline_mb']:.0f} | {r['peak_mb']:.0f} | "
                     f"{r['peak_mb'] - r['baseline_mb']:.0f} | {r['build_s']:.1f} | "
                     f"{e['json']['s']:.2f} / {e['ttl']['s']:.2f} / {e['html']['s']:.2f} |")
    return "\n".join(lines) + "\n"


def write_section(text: str, mode: str) -> None:
    """Replace this mode's part of the Corpus scale section of RESULTS.md, leaving the rest alone."""
    current = read_results()
    if not re.search(rf"^{re.escape(SECTION)}\n", current, re.M):
        current = current.rstrip("\n") + f"\n\n{SECTION}\n\n{SECTION_INTRO}\n"
    body = re.search(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", current, re.S | re.M).group(0)
    RESULTS.write_text(replace_part(current, SECTION, replace_part(body, SUBSECTIONS[mode], text, ends_at="##+ ")),
                       encoding="utf-8")


LONG_SECTION = "## Long input"
#: Characters of each long input: time must grow linearly (x2 per doubling), never quadratically.
LONG_SIZES = (25_000, 50_000, 100_000)
#: A document over spaCy's max_length (1,000,000), built in sections.
HUGE_SIZE = 1_200_000


def long_texts(size: int) -> dict[str, str]:
    """``size`` characters of the seed sentences, as ordinary paragraphs, and as one line with no
    sentence end (the sentences' final stops dropped, joined by "and")."""
    sentences = seed_sentences()
    ordinary, run_on, k = [], [], 0
    while sum(map(len, ordinary)) < size:
        ordinary.append(" ".join(sentences[(k + j) % len(sentences)] for j in range(3)))
        k += 3
    k = 0
    while sum(len(s) + 5 for s in run_on) < size:
        run_on.append(re.sub(r"[.!?](?=[\"”’]?$)", "", sentences[k % len(sentences)]).replace(". ", ", "))
        k += 1
    return {"ordinary sentences": "\n\n".join(ordinary)[:size].rsplit(" ", 1)[0],
            "one line, no sentence end": " and ".join(run_on)[:size].rsplit(" ", 1)[0]}


def measure_long(model: str, huge: bool = True) -> list[dict]:
    """CPU seconds of ``kgraph.build`` (model loaded beforehand) on each long input."""
    import kgraph

    kgraph.build(["Warm-up: Japan and Australia signed a pact."], model=model)
    rows = []
    cases = [(kind, size, text) for size in LONG_SIZES for kind, text in long_texts(size).items()]
    if huge:
        cases.append(("ordinary sentences", HUGE_SIZE, long_texts(HUGE_SIZE)["ordinary sentences"]))
    for kind, size, text in cases:
        started, wall = time.process_time(), time.perf_counter()
        kg = kgraph.build([text], model=model)
        rows.append(dict(kind=kind, chars=len(text), cpu_s=time.process_time() - started,
                         wall_s=time.perf_counter() - wall, relations=len(kg.relations)))
        print(f"{kind}, {len(text):,} characters: {rows[-1]['cpu_s']:.1f} s CPU, {len(kg.relations)} relations",
              flush=True)
    return rows


def long_markdown(rows: list[dict]) -> str:
    lines = [LONG_SECTION, "",
             "`benchmarks/run.py --long`: `kgraph.build` on one long text of the seed sentences, model loaded, "
             "CPU seconds. Linear time doubles with the length; quadratic time would quadruple. A sentence "
             "never runs past 200 tokens (`kgraph.nlp.long_sentences`), and a document over 100,000 characters is "
             "read in sections (`kgraph.work.parse_stream`). Before sentences were bounded (commit e4ee6b6), the run-on line took 6.9 s at 25,000 characters and 22.9 s at 50,000 (x3.3 per doubling).", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, shared cores.", "",
             "| input | characters | CPU s | x previous size | relations |", "|---|---:|---:|---:|---:|"]
    previous: dict[str, dict] = {}
    for row in rows:
        before = previous.get(row["kind"])
        growth = f"x{row['cpu_s'] / before['cpu_s']:.2f} for x{row['chars'] / before['chars']:.1f}" if before else ""
        lines.append(f"| {row['kind']} | {row['chars']:,} | {row['cpu_s']:.1f} | {growth} | {row['relations']} |")
        previous[row["kind"]] = row
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: about two minutes on two cores")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy model (default: {DEFAULT_MODEL})")
    parser.add_argument("--write", action="store_true", help=f"update this mode's part of '{SECTION}' in {RESULTS.name}")
    parser.add_argument("--profile", action="store_true", help="print where kgraph's own time goes, then stop")
    parser.add_argument("--corpus", type=Path, metavar="PATH",
                        help="measure the throughput ratio (and --profile) on these documents instead of the "
                             "generated corpus: a file, folder or JSON Lines, repeated to --min-docs")
    parser.add_argument("--min-docs", type=int, default=500,
                        help="with --corpus: repeat the documents until there are at least this many (default 500)")
    parser.add_argument("--repeats", type=int, default=2, help="with --corpus: runs of each side, best kept")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--long", action="store_true",
                        help=f"time against input length ({', '.join(f'{n:,}' for n in LONG_SIZES)} and "
                             f"{HUGE_SIZE:,} characters), then stop; with --write, update '{LONG_SECTION}'")
    args = parser.parse_args(argv)
    if args.long:
        text = long_markdown(measure_long(args.model, huge=not args.quick))
        print(text)
        if args.write:
            from results import write_section as write_results_section
            write_results_section(LONG_SECTION, text)
        return 0
    if args.probe:
        print(json.dumps(probe(args.probe, args.model)))
        return 0
    if args.corpus:
        with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
            corpus = corpus_from(args.corpus, args.min_docs, Path(tmp) / "corpus.jsonl")
            if args.profile:
                print(profile(corpus, args.model))
                return 0
            throughput = measure_throughput(corpus, args.repeats, args.model)
        print(f"corpus {args.corpus}: {throughput['docs']} documents, {throughput['words']} words; bare nlp.pipe "
              f"{throughput['bare_dps']:.1f} documents/s, kgraph {throughput['kgraph_dps']:.1f} documents/s per "
              f"CPU second (CPU {throughput['bare_cpu_s']:.1f} s vs {throughput['kgraph_cpu_s']:.1f} s; wall-clock "
              f"ratio {throughput['wall_ratio']:.2f})")
        print(f"throughput_ratio={throughput['ratio']:.2f}")
        return 0
    mode = "quick" if args.quick else "full"
    sizes = MODES[mode]
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
        workdir = Path(tmp)
        corpus = make_corpus(sizes["throughput_docs"], workdir / "throughput.jsonl")
        if args.profile:
            print(profile(corpus, args.model))
            return 0
        throughput = measure_throughput(corpus, sizes["repeats"], args.model)
        print(f"bare nlp.pipe {throughput['bare_dps']:.1f} documents/s, kgraph {throughput['kgraph_dps']:.1f} "
              f"documents/s per CPU second ({throughput['docs']} documents; wall-clock ratio "
              f"{throughput['wall_ratio']:.2f})", flush=True)
        jobs = measure_jobs(make_corpus(sizes["jobs_docs"], workdir / "jobs.jsonl", seed=1), args.model)
        print(f"--jobs 2: {jobs['serial_s']:.1f} s -> {jobs['parallel_s']:.1f} s (x{jobs['speedup']:.2f}; CPU "
              f"{jobs['serial_cpu_s']:.1f} s -> {jobs['parallel_cpu_s']:.1f} s), identical graph: {jobs['identical']}",
              flush=True)
        memory = measure_memory(sizes["memory_sizes"], workdir, args.model)
    text = markdown(mode, throughput, jobs, memory)
    print(text)
    if args.write:
        write_section(text, mode)
    print(f"throughput_ratio={throughput['ratio']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
