"""Workspace archives: a zip of YAML files with every assessment and its full history.

Layout (format version 1)::

    manifest.yaml                      workspace, export time, per assessment its metadata and
                                       revision list (version, time, author, summary)
    assessments/<id>.yaml              the current document (readable, importable on its own)
    revisions/<id>/<version>.yaml      every revision's document

Import validates the whole archive first and then writes it in one transaction: a bad archive
changes nothing. Importing is lossless: ids, versions, authors and times are kept; an id that
already exists in the database gets a new id so nothing there is overwritten.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment.domain.assessment import Assessment
from assessment.errors import Problem, UserError, ValidationFailed
from assessment.fileio import MAX_FILE_BYTES, parse_document
from assessment.storage.documents import label_values, search_text, stored_projection, to_document
from assessment.storage.schema import AssessmentRow, LabelRow, RevisionRow, WorkspaceRow

FORMAT = "assessment-workspace-archive"
FORMAT_VERSION = 1
MAX_UNPACKED_BYTES = 1_000_000_000
MAX_ENTRIES = 200_000
# The archive file itself, and each file in it: an assessment is at most MAX_FILE_BYTES like any
# file; the manifest (ids, authors, times) is read by the pure-Python YAML reader, about 1 s per
# MB, so it is capped lower: 5 MB lists some 30,000 revisions. A zip bomb within the total
# (300 MB of padding in a 307 KB archive) is refused by its declared size before any unpacking.
MAX_ARCHIVE_BYTES = 200_000_000
MAX_MANIFEST_BYTES = 5_000_000
# Ids become entry names (revisions/<id>/<n>.yaml) in every later export: no dots, slashes,
# backslashes, spaces or control characters, so an export can never carry a traversal name.
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
# Times a revision may claim (the database stores naive UTC; years beyond this overflow).
_EARLIEST, _LATEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC), dt.datetime(9000, 1, 1, tzinfo=dt.UTC)


# libyaml's emitter when PyYAML was built with it: the same bytes as the pure-Python SafeDumper
# (compared on every entry of a workspace of all examples and the valid hostile-input files) in
# a third of the time, which is most of an export.
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(data: Any) -> bytes:
    text: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return text.encode("utf-8")


def _time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


def export_rows(session: Session, workspace: WorkspaceRow, exported_by: str) -> bytes:
    rows = session.scalars(
        select(AssessmentRow)
        .where(AssessmentRow.workspace_id == workspace.id)
        .order_by(AssessmentRow.created_at, AssessmentRow.id)
    ).all()
    buffer = io.BytesIO()
    entries: list[dict[str, Any]] = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for row in rows:
            archive.writestr(f"assessments/{row.id}.yaml", _dump(row.document))
            revisions = session.scalars(
                select(RevisionRow).where(RevisionRow.assessment_id == row.id).order_by(RevisionRow.version)
            ).all()
            for rev in revisions:
                archive.writestr(f"revisions/{row.id}/{rev.version}.yaml", _dump(rev.document))
            entries.append(
                {
                    "id": row.id,
                    "title": row.title,
                    "version": row.version,
                    "created_at": _time(row.created_at),
                    "updated_at": _time(row.updated_at),
                    "updated_by": row.updated_by,
                    "revisions": [
                        {
                            "version": r.version,
                            "created_at": _time(r.created_at),
                            "author": r.author,
                            "summary": r.summary,
                        }
                        for r in revisions
                    ],
                }
            )
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "workspace": {"id": workspace.id, "name": workspace.name},
            "exported_at": _time(dt.datetime.now(dt.UTC)),
            "exported_by": exported_by,
            "assessments": entries,
        }
        archive.writestr("manifest.yaml", _dump(manifest))
    return buffer.getvalue()


@dataclass
class _Revision:
    version: int
    created_at: dt.datetime
    author: str
    summary: dict[str, Any]
    document: dict[str, Any]
    model: Assessment


@dataclass
class _Entry:
    id: str
    created_at: dt.datetime
    revisions: list[_Revision]


def _invalid(detail: str, file: str = "") -> UserError:
    return UserError(Problem("storage.archive_invalid", {"detail": detail}, file=file))


def _parse_time(value: Any, file: str) -> dt.datetime:
    try:
        parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        in_utc = parsed.astimezone(dt.UTC)
    except (ValueError, OverflowError) as exc:
        raise _invalid(f"bad time {str(value)[:40]!r}", file) from exc
    if not _EARLIEST <= in_utc < _LATEST:
        raise _invalid(f"time out of range {str(value)[:40]!r}", file)
    return in_utc


def _summary(value: Any, file: str) -> dict[str, Any]:
    """A revision summary as the store writes it, or a refusal: a summary of another shape
    would break the history page of that assessment for good."""
    if value is None:
        return {}
    ok = isinstance(value, dict)
    if ok:
        for key, item in value.items():
            if key in ("added", "removed"):
                ok = isinstance(item, dict) and all(
                    isinstance(k, str) and type(n) is int and n >= 0 for k, n in item.items()
                )
            elif key == "changed":
                ok = isinstance(item, list) and all(isinstance(x, str) for x in item)
            elif key in ("from_version", "conflicts"):
                ok = type(item) is int and item >= 0
            else:
                ok = isinstance(key, str) and isinstance(item, str | int | float | bool | None)
            if not ok:
                break
    if not ok:
        raise _invalid("bad revision summary", file)
    return {str(k): _clean(v) for k, v in value.items()}


def _clean(value: Any) -> Any:
    """NUL is refused by PostgreSQL text and JSON; the store writes U+FFFD instead everywhere."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def _author(value: Any, file: str) -> str:
    author = str(value if value is not None else "")
    if len(author) > 320 or any(not ch.isprintable() for ch in author):
        raise _invalid("bad author", file)
    return author


def _load_yaml(archive: zipfile.ZipFile, name: str, limit: int = MAX_FILE_BYTES) -> dict[str, Any]:
    """One YAML mapping from the archive; aliases and unsafe tags are refused (fileio rules)."""
    try:
        info = archive.getinfo(name)
        if info.file_size > limit:
            raise UserError(Problem("storage.archive_entry_too_large", {"limit": limit}, file=name))
        raw = archive.read(info)
    except KeyError as exc:
        raise _invalid("missing file", name) from exc
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, zlib.error) as exc:
        # Corrupt data, an unknown compression method or an encrypted member.
        raise _invalid(str(exc)[:200] or type(exc).__name__, name) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _invalid("not UTF-8 text", name) from exc
    return parse_document(text, name)


def read_archive(data: bytes) -> list[_Entry]:
    """Parse and validate an archive completely; raises a `UserError` naming the bad file."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise UserError(Problem("storage.archive_file_too_large", {"limit": MAX_ARCHIVE_BYTES}))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _invalid("not a zip file") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UserError(Problem("storage.archive_too_many_files", {"limit": MAX_ENTRIES}))
        if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise UserError(Problem("storage.archive_too_large", {"limit": MAX_UNPACKED_BYTES}))
        manifest = _load_yaml(archive, "manifest.yaml", MAX_MANIFEST_BYTES)
        if manifest.get("format") != FORMAT:
            raise _invalid("not a workspace archive", "manifest.yaml")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise _invalid(f"unknown format_version {manifest.get('format_version')!r}", "manifest.yaml")
        entries: list[_Entry] = []
        items = manifest.get("assessments") or []
        if not isinstance(items, list):
            raise _invalid("assessments must be a list", "manifest.yaml")
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("revisions"), list):
                raise _invalid("bad assessment entry", "manifest.yaml")
            assessment_id = str(item.get("id", ""))
            if not _ID.match(assessment_id):
                raise _invalid(f"bad id {assessment_id[:70]!r}", "manifest.yaml")
            revisions: list[_Revision] = []
            for rev in item["revisions"]:
                version = rev.get("version") if isinstance(rev, dict) else None
                if not isinstance(version, int) or version < 1:
                    raise _invalid("bad revision entry", "manifest.yaml")
                name = f"revisions/{assessment_id}/{version}.yaml"
                document = _load_yaml(archive, name)
                try:
                    model, normalised = to_document(document)
                except ValidationFailed as exc:
                    raise ValidationFailed(
                        [Problem(p.key, p.params, p.path, name) for p in exc.problems]
                    ) from exc
                revisions.append(
                    _Revision(
                        version,
                        _parse_time(rev.get("created_at"), name),
                        _author(rev.get("author"), "manifest.yaml"),
                        _summary(rev.get("summary"), "manifest.yaml"),
                        normalised,
                        model,
                    )
                )
            versions = [r.version for r in revisions]
            if not revisions or versions != list(range(1, len(versions) + 1)):
                raise _invalid(f"revisions of {assessment_id} are not 1..n", "manifest.yaml")
            entries.append(
                _Entry(assessment_id, _parse_time(item.get("created_at"), "manifest.yaml"), revisions)
            )
        return entries


def write_entries(
    session: Session, entries: list[_Entry], workspace_id: str, importer: str | None = None
) -> list[str]:
    """Insert parsed entries into ``workspace_id``; returns the ids used (new where taken).

    ``importer`` None: a site admin restoring a backup, so authors and times are kept as the
    archive says. Otherwise the archive's claims are not trusted: every revision is recorded as
    written by ``importer`` now, and what the archive claimed is kept in the revision summary
    (``claimed_author``, ``claimed_at``), so nobody can make up who wrote what and when.
    """
    if importer is not None:
        entries = [_as_imported_by(entry, importer) for entry in entries]
    ids: list[str] = []
    for entry in entries:
        taken = session.get(AssessmentRow, entry.id) is not None or entry.id in ids
        assessment_id = uuid.uuid4().hex if taken else entry.id
        last = entry.revisions[-1]
        session.add(
            AssessmentRow(
                id=assessment_id,
                workspace_id=workspace_id,
                version=last.version,
                title=last.model.title,
                kind=last.model.kind.value,
                date=last.model.date,
                tags=list(last.model.tags),
                municipalities=list(last.model.municipalities),
                search_text=search_text(last.model),
                document=last.document,
                projection=stored_projection(last.model, last.document),
                created_at=entry.created_at,
                updated_at=last.created_at,
                updated_by=last.author,
            )
        )
        session.flush()
        for rev in entry.revisions:
            session.add(
                RevisionRow(
                    assessment_id=assessment_id,
                    version=rev.version,
                    created_at=rev.created_at,
                    author=rev.author,
                    summary=rev.summary,
                    document=rev.document,
                )
            )
        labels = [("tag", v) for v in label_values(last.model.tags)]
        labels += [("municipality", v) for v in label_values(last.model.municipalities)]
        session.add_all(LabelRow(assessment_id=assessment_id, kind=k, value=v) for k, v in labels)
        ids.append(assessment_id)
    session.flush()
    return ids


def _as_imported_by(entry: _Entry, importer: str) -> _Entry:
    stamp = dt.datetime.now(dt.UTC)
    revisions = [
        _Revision(
            rev.version,
            stamp,
            importer,
            {**rev.summary, "claimed_author": rev.author, "claimed_at": rev.created_at.isoformat()},
            rev.document,
            rev.model,
        )
        for rev in entry.revisions
    ]
    return _Entry(entry.id, stamp, revisions)
