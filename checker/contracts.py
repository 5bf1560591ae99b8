"""The JSON Schemas crossdoc ships (schemas/), and the validation of what it reads: a report
given to `crossdoc diff`, a baseline. A file that breaks its schema is a one-line error
naming the file and the first problem, never a traceback."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from checker.errors import CrossdocError

REPORT_SCHEMA = "crossdoc-report-2.schema.json"
BASELINE_SCHEMA = "crossdoc-baseline-2.schema.json"


def schemas_dir() -> Path:
    """Installed beside the package as checker/schemas (a wheel), or schemas/ beside it (a
    source checkout, an editable install)."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "schemas", package.parent / "schemas"):
        if (candidate / REPORT_SCHEMA).is_file():
            return candidate
    raise CrossdocError("the JSON Schemas crossdoc ships are missing: reinstall crossdoc")


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    return schema


def validate(data: Any, name: str, shown: str, kind: str) -> None:
    """Raise a one-line CrossdocError if `data` breaks the schema `name`."""
    import jsonschema  # imported here: only diff and baseline read JSON

    schema = load_schema(name)
    validator = jsonschema.validators.validator_for(schema)(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return
    where = "/".join(str(part) for part in error.absolute_path) or "the top level"
    message = " ".join(error.message.split())
    if len(message) > 160:
        message = message[:157] + "..."
    raise CrossdocError(f"{shown}: malformed {kind}: at {where}: {message}")
