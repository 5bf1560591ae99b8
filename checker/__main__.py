"""`python -m checker` is `crossdoc`."""

from __future__ import annotations

import sys


def run() -> int:
    """`crossdoc`: the command line, interrupted cleanly even while it loads."""
    try:
        from checker.cli import main

        return main()
    except KeyboardInterrupt:  # while loading, before the command's own handling
        print("crossdoc: interrupted while starting; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(run())
