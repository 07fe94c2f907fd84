"""Read and write assessment files (YAML, or JSON) safely.

Reading is defensive because files come from e-mail, shared drives and spreadsheets: size is
capped, YAML is read by `assessment.yaml_io` (no aliases, no unknown tags, no duplicate keys), and
every problem is reported with the file name and the path inside the file. Nothing is ever
half-read: you get a complete, valid `Assessment` or a `UserError` listing everything wrong.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assessment.domain.assessment import SCHEMA_VERSION, Assessment
from assessment.domain.checks import check_assessment
from assessment.domain.migrate import migrate
from assessment.errors import Problem, UserError, ValidationFailed
from assessment.validation import pydantic_problems
from assessment.yaml_io import load_yaml

MAX_FILE_BYTES = 25_000_000
_log = logging.getLogger(__name__)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads would keep the last of two equal keys and silently lose the first.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValidationFailed(Problem("core.yaml_duplicate_key", {"code": key, "line": "?"}))
        result[key] = value
    return result


def parse_document(text: str, filename: str = "") -> dict[str, Any]:
    """Parse YAML or JSON text into a mapping, refusing unsafe constructs and duplicate keys."""
    if filename.lower().endswith(".json"):
        try:
            data = json.loads(text.lstrip("\ufeff"), object_pairs_hook=_json_object)
        except json.JSONDecodeError as err:
            params = {"line": err.lineno, "column": err.colno, "detail": err.msg}
            raise ValidationFailed(Problem("core.yaml_syntax_at", params, file=filename)) from None
        except ValidationFailed as err:
            raise ValidationFailed([replace(p, file=filename) for p in err.problems]) from None
        except RecursionError:
            raise ValidationFailed(
                Problem("core.yaml_unsafe", {"detail": "nesting too deep"}, file=filename)
            ) from None
        except ValueError as err:  # e.g. an integer beyond Python's 4,300-digit conversion limit
            raise ValidationFailed(
                Problem("core.bad_value", {"detail": str(err).split(";")[0][:200]}, file=filename)
            ) from None
    else:
        data = load_yaml(text, filename)
    if not isinstance(data, dict):
        raise ValidationFailed(Problem("core.not_a_mapping", file=filename))
    return data


def assessment_from_document(data: dict[str, Any], filename: str = "") -> Assessment:
    """Validate shape and references of a parsed document; report every problem at once."""
    return document_with_notes(data, filename)[0]


def document_with_notes(data: dict[str, Any], filename: str = "") -> tuple[Assessment, list[Problem]]:
    """Like `assessment_from_document`, plus what upgrading an older file version changed
    (`assessment.domain.migrate`; empty for a current file) so the caller can say so once."""
    data, notes = migrate(data, SCHEMA_VERSION)
    version = data.get("schema", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise ValidationFailed(
            Problem(
                "core.schema_version",
                {"version": version, "supported": SCHEMA_VERSION},
                path="schema",
                file=filename,
            )
        )
    try:
        assessment = Assessment.model_validate(data)
    except ValidationError as err:
        raise ValidationFailed(pydantic_problems(err, file=filename)) from None
    problems = check_assessment(assessment, file=filename)
    if problems:
        raise ValidationFailed(problems)
    return assessment, [replace(n, file=filename) for n in notes]


def _check_size(size: int, filename: str) -> None:
    if size > MAX_FILE_BYTES:
        raise ValidationFailed(
            Problem("core.file_too_large", {"size": size, "limit": MAX_FILE_BYTES}, file=filename)
        )


def parse_assessment_text(text: str, filename: str = "") -> Assessment:
    _check_size(len(text.encode("utf-8", errors="surrogatepass")), filename)
    return assessment_from_document(parse_document(text, filename), filename)


def parse_assessment_bytes(data: bytes, filename: str = "") -> Assessment:
    """For uploads: checks size before decoding, then decodes strictly as UTF-8."""
    return parse_assessment_bytes_with_notes(data, filename)[0]


def parse_assessment_bytes_with_notes(data: bytes, filename: str = "") -> tuple[Assessment, list[Problem]]:
    """`parse_assessment_bytes` plus what upgrading an older file version changed."""
    try:
        result = document_with_notes(_decode(data, filename), filename)
    except ValidationFailed as err:
        _log.info("assessment file refused: %d problem(s), %d bytes", len(err.problems), len(data))
        raise
    _log.info("assessment file read: %d bytes", len(data))
    _log.debug("assessment file read: %s", filename)
    return result


def _decode(data: bytes, filename: str) -> dict[str, Any]:
    _check_size(len(data), filename)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationFailed(Problem("core.not_utf8", file=filename)) from None
    # The byte size is checked already; decoding cannot make it larger.
    return parse_document(text, filename)


def load_assessment(path: str | os.PathLike[str]) -> Assessment:
    return load_assessment_with_notes(path)[0]


def load_assessment_with_notes(path: str | os.PathLike[str]) -> tuple[Assessment, list[Problem]]:
    """A file's assessment and the notes on what upgrading it from an older version changed."""
    return parse_assessment_bytes_with_notes(read_input(path), str(path))


def read_input(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an input file, read at most ``limit`` + 1 bytes far: a device such as
    ``/dev/zero`` (size 0 on disk, endless when read) or a growing file cannot exhaust memory.
    A folder, a missing or unreadable file is a `ValidationFailed` naming it."""
    file = Path(path)
    try:
        with file.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:  # refused before reading, so a huge file is never loaded
                raise ValidationFailed(
                    Problem("core.file_too_large", {"size": size, "limit": limit}, file=str(file))
                )
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ValidationFailed(Problem("core.file_not_found", file=str(file))) from None
    except IsADirectoryError:
        raise ValidationFailed(Problem("core.not_a_file", file=str(file))) from None
    except OSError as err:
        raise ValidationFailed(
            Problem("core.cannot_read", {"detail": err.strerror or str(err)}, file=str(file))
        ) from None
    if len(data) > limit:
        raise ValidationFailed(
            Problem("core.file_too_large", {"size": len(data), "limit": limit}, file=str(file))
        )
    return data


def dump_assessment(assessment: Assessment, fmt: str = "yaml") -> str:
    """Serialise to YAML (default) or JSON; the output loads back to an equal assessment."""
    document = assessment.to_document()
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def save_assessment(assessment: Assessment, path: str | os.PathLike[str]) -> None:
    """Write atomically: a crash or a full disk never leaves a half-written file behind."""
    target = Path(path)
    fmt = "json" if target.suffix.lower() == ".json" else "yaml"
    text = dump_assessment(assessment, fmt)
    write_atomic(target, text.encode("utf-8", errors="backslashreplace"))


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Every file the tool writes goes through here: a temporary file in the same folder, synced,
    then renamed over ``path``. A crash, a full disk or a size limit leaves the previous file
    intact and no temporary behind. The file is readable by its owner only (mode 0600): exports
    and reports hold confidential assessments. Raises `UserError` naming the file."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise UserError(_not_written(target, err)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(_not_written(target, err)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _not_written(target: Path, err: OSError) -> Problem:
    return Problem("core.cannot_write", {"detail": err.strerror or str(err)}, file=str(target))
