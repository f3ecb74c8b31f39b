"""``python -m armvalidate``: the same command line as the ``armvalidate`` script."""

from __future__ import annotations

import sys

from armvalidate.cli import main

if __name__ == "__main__":
    sys.exit(main())
