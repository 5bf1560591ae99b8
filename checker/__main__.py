"""`python -m checker` is `crossdoc`."""

from checker.cli import main

raise SystemExit(main())
