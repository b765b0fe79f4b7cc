"""Draw the README's example plots from seeds/: docs/plot-dyads.png, docs/plot-timeline.png, docs/plot-modality.png.

Usage: python scripts/plot_examples.py [--out docs] [--dpi 100]

The same seeds and the same matplotlib give byte-identical pictures (no timestamp or software
tag in the PNG metadata).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kgraph  # noqa: E402

#: File name -> (method, options): what each README picture shows.
EXAMPLES = {
    "plot-dyads.png": ("plot_dyads", {"by": "modality", "top": 10}),
    "plot-timeline.png": ("plot_timeline", {"actors": ["North Korea", "Russia", "South Korea"],
                                            "include_members": True,
                                            "types": ["technology_transfer", "military_cooperation", "visit",
                                                      "request", "agreement", "military_exercise", "launch"]}),
    "plot-modality.png": ("plot_modality", {}),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs (default: docs/)")
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args(argv)
    kg = kgraph.build([ROOT / "seeds"])
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (method, options) in EXAMPLES.items():
        path = args.out / name
        getattr(kg, method)(**options).savefig(path, dpi=args.dpi, metadata={"Software": None})
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
