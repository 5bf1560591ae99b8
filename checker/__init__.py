"""crossdoc: compare the facts several documents state about one event."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
