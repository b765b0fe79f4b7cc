"""RDF serialisation, rdflib against pyoxigraph: wall time and peak memory on a large graph.

    .venv/bin/python benchmarks/rdf_bench.py                       # about 1,000,000 triples
    .venv/bin/python benchmarks/rdf_bench.py --triples 50000       # a quick run
    .venv/bin/python benchmarks/rdf_bench.py --write               # also update benchmarks/RESULTS.md

The graph is synthetic (seeded): 400 actors, relations of every type and modality, one or two
evidence sentences each, spread over 2,000 documents, sized so that its export holds about
``--triples`` triples.  Each (engine, format) runs in a fresh subprocess that builds the
KnowledgeGraph, then serialises it to a file through kgraph.rdf.writers.write_rdf; the time is
that of the serialisation alone, the memory is the process's peak resident size (ru_maxrss)
minus what it held before serialising.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results import RESULTS, write_section  # noqa: E402

SECTION = "## RDF serialisation"
ENGINES = ("rdflib", "oxigraph")
FORMATS = ("turtle", "nt")
ACTORS = 400
DOCUMENTS = 2000


def synthetic_graph(triples: int, seed: int = 7):
    """A merged-looking graph whose RDF export has about ``triples`` triples."""
    from kgraph.rdf.mapping import quads
    from kgraph.graph import KnowledgeGraph
    from kgraph.model import MODALITIES, RELATION_TYPES, SYMMETRIC_TYPES, Document, Entity, Evidence, Relation

    rng = random.Random(seed)
    documents = [Document(f"doc{i:05d}", "", f"Report {i}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                          f"https://news.example.org/{i}") for i in range(DOCUMENTS)]
    entities = [Entity(f"Q{1000 + i}", f"Actor {i}", ("Country", "Person", "Organization")[i % 3],
                       [f"Alias {i}"], f"Q{1000 + i}", [documents[i % DOCUMENTS].id]) for i in range(ACTORS)]

    def relation(i: int) -> Relation:
        type_ = RELATION_TYPES[i % len(RELATION_TYPES)]
        a, b = rng.sample(range(ACTORS), 2)
        source, target = f"Q{1000 + a}", f"Q{1000 + b}"
        evidence = [Evidence(documents[rng.randrange(DOCUMENTS)].id,
                             f"Sentence {i}.{k}: Actor {a} and Actor {b} did something notable.", 100 * k, 100 * k + 60,
                             "did") for k in range(1 + i % 2)]
        return Relation(type_, None if type_ in SYMMETRIC_TYPES else source,
                        None if type_ in SYMMETRIC_TYPES or type_ == "launch" else target,
                        [source, target] if type_ != "launch" else [source], MODALITIES[i % len(MODALITIES)],
                        attributed_to=f"Q{1000 + rng.randrange(ACTORS)}" if i % 3 == 0 else None,
                        time=f"2024-{1 + i % 12:02d}", object=["missiles"] if i % 4 == 0 else [],
                        confidence=round(rng.uniform(0.3, 0.95), 2), evidence=evidence)

    def unique(relations):
        """One relation per key, as the merger leaves them."""
        return list({r.key(): r for r in reversed(relations)}.values())[::-1]

    sample = KnowledgeGraph(documents, entities, unique([relation(i) for i in range(1000)]))
    fixed = sum(1 for _ in quads(KnowledgeGraph(documents, entities, []), named_graphs=False))
    per_relation = (sum(1 for _ in quads(sample, named_graphs=False)) - fixed) / len(sample.relations)
    count = max(1, round((triples - fixed) / per_relation))
    return KnowledgeGraph(documents, entities, unique([relation(i) for i in range(count)]))


def worker(engine: str, format: str, triples: int) -> dict:
    """One measurement, in this (fresh) process."""
    from kgraph.rdf.writers import write_rdf

    kg = synthetic_graph(triples)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"graph.{ 'ttl' if format == 'turtle' else 'nt'}"
        started = time.perf_counter()
        write_rdf(kg, out, format, engine=engine)
        seconds = time.perf_counter() - started
        size = out.stat().st_size
        with out.open("rb") as handle:
            lines = sum(1 for _ in handle)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"engine": engine, "format": format, "relations": len(kg.relations), "seconds": round(seconds, 2),
            "peak_mb": round(peak / 1024), "extra_mb": round((peak - before) / 1024), "bytes": size,
            "lines": lines}


def run(triples: int) -> list[dict]:
    results = []
    for format in FORMATS:
        for engine in ENGINES:
            done = subprocess.run([sys.executable, __file__, "--worker", engine, "--format", format,
                                   "--triples", str(triples)], capture_output=True, text=True, check=True)
            result = json.loads(done.stdout)
            results.append(result)
            print(f"{format:7} {engine:9} {result['seconds']:8.2f} s  peak {result['peak_mb']:6} MB "
                  f"(+{result['extra_mb']} MB)  {result['bytes'] / 1e6:.0f} MB written", file=sys.stderr)
    return results


def triple_count(triples: int) -> int:
    from kgraph.rdf.mapping import quads
    return sum(1 for _ in quads(synthetic_graph(triples), named_graphs=False))


def report(results: list[dict], triples: int, exact: int) -> str:
    import pyoxigraph
    import rdflib

    from kgraph.rdf.writers import OXIGRAPH_MIN_RECORDS

    lines = [SECTION, "",
             f"`benchmarks/rdf_bench.py --triples {triples}`: a synthetic graph of {results[0]['relations']:,} "
             f"relations, {ACTORS} actors and {DOCUMENTS:,} documents, whose export holds {exact:,} triples; "
             "each run in a fresh process, serialising to a file with `kgraph.rdf.writers.write_rdf`. "
             "Peak = the process's maximum resident memory (graph included); extra = peak minus the "
             "memory held before serialising. Both engines include kgraph's own triple generation (the "
             "same Python generator, `kgraph.rdf.mapping.quads`); rdflib then builds an in-memory Graph "
             "and sorts it, pyoxigraph streams the triples to the file. `engine=\"auto\"` switches "
             f"to pyoxigraph above {OXIGRAPH_MIN_RECORDS:,} relations and evidence records.", "",
             "| format | engine | seconds | triples/s | peak MB | extra MB | file MB |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['format']} | {r['engine']} | {r['seconds']:.1f} | {exact / r['seconds']:,.0f} | "
                     f"{r['peak_mb']:,} | {r['extra_mb']:,} | {r['bytes'] / 1e6:.0f} |")
    lines += ["", f"Python {platform.python_version()}, rdflib {rdflib.__version__}, pyoxigraph "
              f"{pyoxigraph.__version__}, {platform.machine()}, 2 shared cores.", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="target size (default: 1,000,000)")
    parser.add_argument("--write", action="store_true", help=f"update the '{SECTION}' section of {RESULTS.name}")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--format", choices=FORMATS, default="turtle", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.format, args.triples)))
        return 0
    results = run(args.triples)
    text = report(results, args.triples, triple_count(args.triples))
    print(text)
    if args.write:
        write_section(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
