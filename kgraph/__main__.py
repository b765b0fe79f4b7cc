"""``python -m kgraph``: the same as the ``kgraph`` command."""
import sys

from .cli import main

sys.exit(main())
