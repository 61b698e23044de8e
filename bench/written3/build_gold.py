"""Build the ``written3`` gold set: ``bench/written/build_gold.py --set written3`` (one builder
and one guideline for every written set).

    python bench/written3/build_gold.py          # rebuild
    python bench/written3/build_gold.py --check  # exit 1 when the built files are stale
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "written"))
from build_gold import main  # noqa: E402  (bench/written's builder, not this file)

if __name__ == "__main__":
    sys.exit(main(["--set", "written3", *sys.argv[1:]]))
