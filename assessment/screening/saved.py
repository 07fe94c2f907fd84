"""Screening runs in the store: save, reopen exactly as screened, re-screen keeping the officer's work.

The results are saved as they were shown (a compressed JSON document of the imported rows, the
flags, hints and accounting, and the call profile itself), so a run reopened next month shows what
the officer saw, even if the rules or the call file have changed since. The officer's work —
motivation, notes, dismissed hints — is kept per application id in the store's notes, so it
belongs to the run rather than to one version of the file: re-screening a corrected file keeps
it, and marks every application whose content changed since the officer wrote it.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessment.errors import Problem, UserError, ValidationFailed
from assessment.i18n.text import LocalText
from assessment.screening.calls import CallProfile, parse_call
from assessment.screening.columns import Column, ColumnMap
from assessment.screening.flags import Flag, Hint
from assessment.screening.importer import ImportResult, RejectedRow
from assessment.screening.latent import DirectConflict, LatentHint
from assessment.screening.model import Application, Claim
from assessment.screening.run import Dismissal, OfficerWork, ScreeningRun
from assessment.screening.screen import ScreeningResult

FORMAT = 1


# --- encoding -------------------------------------------------------------------------------


def _lt(text: LocalText) -> list[str]:
    return [text.sv, text.en]


def _from_lt(pair: list[str]) -> LocalText:
    return LocalText(sv=pair[0], en=pair[1])


def _param(value: object) -> object:
    return {"$lt": _lt(value)} if isinstance(value, LocalText) else value


def _from_param(value: object) -> object:
    if isinstance(value, dict) and "$lt" in value:
        return _from_lt(value["$lt"])
    return value


def _problem(p: Problem) -> list[object]:
    return [p.key, {k: _param(v) for k, v in p.params.items()}, p.path, p.file]


def _from_problem(data: list[Any]) -> Problem:
    return Problem(data[0], {k: _from_param(v) for k, v in dict(data[1]).items()}, path=data[2], file=data[3])


def _application(app: Application) -> dict[str, Any]:
    return {
        "row": app.row,
        "id": app.id,
        "applicant": app.applicant,
        "support_type": app.support_type,
        "municipality": app.municipality,
        "amount": app.amount,
        "title": app.title,
        "claims": [[c.goal, c.target, c.impact, c.text] for c in app.claims],
        "texts": dict(app.texts),
        "claim_problems": [_problem(p) for p in app.claim_problems],
        "notes": [_problem(p) for p in app.notes],
        "fingerprint": app.fingerprint,
    }


def _from_application(data: dict[str, Any]) -> Application:
    return Application(
        row=int(data["row"]),
        id=str(data["id"]),
        applicant=str(data["applicant"]),
        support_type=str(data["support_type"]),
        municipality=str(data["municipality"]),
        amount=float(data["amount"]),
        title=str(data["title"]),
        claims=tuple(Claim(int(g), t, int(i), str(x)) for g, t, i, x in data["claims"]),
        texts=dict(data["texts"]),
        claim_problems=tuple(_from_problem(p) for p in data["claim_problems"]),
        notes=tuple(_from_problem(p) for p in data["notes"]),
        fingerprint=str(data["fingerprint"]),
    )


class _Table:
    """Flags and hints are shared objects across thousands of results: stored once each."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.index: dict[int, int] = {}

    def ref(self, item: object, encode: Any) -> int:
        key = id(item)
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(encode(item))
        return self.index[key]


def _result(r: ScreeningResult, flags: _Table, hints: _Table) -> dict[str, Any]:
    return {
        "flags": [flags.ref(f, lambda f: [f.code, f.severity, *_lt(f.text)]) for f in r.flags],
        "hints": [
            hints.ref(h, lambda h: [h.key, h.source, h.target, h.severity, *_lt(h.text), h.score])
            for h in r.hints
        ],
        "goals_addressed": list(r.goals_addressed),
        "goals_missing": list(r.goals_missing),
        "goals_harmed": [list(g) for g in r.goals_harmed],
        "dimensions_described": list(r.dimensions_described),
        "dimensions_missing": list(r.dimensions_missing),
        "questions_open": [q.id for q in r.questions_open],
        "latent": [
            [h.source, h.target, h.impact, h.score, h.severity, *_lt(h.explanation), *_lt(h.citation)]
            for h in r.latent
        ],
        "direct": [
            [
                d.source,
                d.target,
                d.source_impact,
                d.target_impact,
                d.score,
                d.severity,
                *_lt(d.explanation),
                *_lt(d.citation),
            ]
            for d in r.direct
        ],
        "scores": [r.goals_score, r.dimensions_score, r.questions_score],
        "negatives": [r.negatives_considered, r.negatives_denied],
        "unchecked": list(r.unchecked),
    }


def _from_result(
    data: dict[str, Any], app: Application, call: CallProfile, flags: list[Flag], hints: list[Hint]
) -> ScreeningResult:
    questions = {q.id: q for q in call.questions}
    return ScreeningResult(
        application=app,
        flags=tuple(flags[i] for i in data["flags"]),
        hints=tuple(hints[i] for i in data["hints"]),
        goals_addressed=tuple(data["goals_addressed"]),
        goals_missing=tuple(data["goals_missing"]),
        goals_harmed=tuple((int(g), int(i)) for g, i in data["goals_harmed"]),
        dimensions_described=tuple(data["dimensions_described"]),
        dimensions_missing=tuple(data["dimensions_missing"]),
        questions_open=tuple(questions[q] for q in data["questions_open"] if q in questions),
        latent=tuple(
            LatentHint(s, t, int(i), int(sc), float(sev), LocalText(sv=a, en=b), LocalText(sv=c, en=d))
            for s, t, i, sc, sev, a, b, c, d in data["latent"]
        ),
        direct=tuple(
            DirectConflict(
                s, t, int(ia), int(ib), int(sc), float(sev), LocalText(sv=a, en=b), LocalText(sv=c, en=d)
            )
            for s, t, ia, ib, sc, sev, a, b, c, d in data["direct"]
        ),
        goals_score=float(data["scores"][0]),
        dimensions_score=float(data["scores"][1]),
        questions_score=float(data["scores"][2]),
        negatives_considered=bool(data["negatives"][0]),
        negatives_denied=bool(data["negatives"][1]),
        unchecked=tuple(data["unchecked"]),
    )


def _columns(columns: ColumnMap | None) -> dict[str, Any] | None:
    if columns is None:
        return None
    return {
        "header_row": columns.header_row,
        "fields": {name: [c.index, c.header] for name, c in columns.fields.items()},
        "ignored": [[c.index, c.header] for c in columns.ignored],
        "missing": list(columns.missing),
        "matched_by": dict(columns.matched_by),
        "duplicates": [[c.index, c.header, name] for c, name in columns.duplicates],
        "amount_scale": columns.amount_scale,
    }


def _from_columns(data: dict[str, Any] | None) -> ColumnMap | None:
    if data is None:
        return None
    return ColumnMap(
        header_row=int(data["header_row"]),
        fields={name: Column(int(i), str(h)) for name, (i, h) in data["fields"].items()},
        ignored=[Column(int(i), str(h)) for i, h in data["ignored"]],
        missing=list(data["missing"]),
        matched_by=dict(data["matched_by"]),
        duplicates=[(Column(int(i), str(h)), str(n)) for i, h, n in data["duplicates"]],
        amount_scale=int(data["amount_scale"]),
    )


def encode_run(run: ScreeningRun) -> bytes:
    """The run's results as compressed JSON (the store's opaque payload)."""
    flags, hints = _Table(), _Table()
    imported = run.imported
    results = [_result(r, flags, hints) for r in run.results]
    document = {
        "format": FORMAT,
        "call": run.call.model_dump(mode="json"),
        "file": imported.file,
        "sha256": run.file_sha256,
        "size": run.file_size,
        "screened_at": (run.screened_at or dt.datetime.now(dt.UTC)).isoformat(),
        "rows_in": imported.rows_in,
        "blank_rows": imported.blank_rows,
        "reader": imported.reader,
        "suggested_call": imported.suggested_call,
        "columns": _columns(imported.columns),
        "notices": [_problem(n) for n in imported.notices],
        "applications": [_application(r.application) for r in run.results],
        "results": results,
        "flags": flags.items,
        "hints": hints.items,
        "rejected": [
            {
                "row": r.row,
                "id": r.id,
                "problems": [_problem(p) for p in r.problems],
                "applicant": r.applicant,
                "title": r.title,
                "amount": r.amount,
                "columns": dict(r.columns),
            }
            for r in imported.rejected
        ],
    }
    return zlib.compress(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def _score(rest: list[Any]) -> int | None:
    value = rest[0] if rest else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def decode_run(payload: bytes) -> ScreeningRun:
    """A run exactly as it was screened (without the officer's work; see `open_run`)."""
    try:
        document = json.loads(zlib.decompress(payload))
    except (zlib.error, ValueError) as err:
        raise UserError(Problem("screening.err_saved_damaged", {"detail": type(err).__name__})) from None
    if document.get("format") != FORMAT:
        raise UserError(Problem("screening.err_saved_format", {"format": document.get("format")}))
    call = parse_call(document["call"])
    flags = [Flag(code, severity, LocalText(sv=sv, en=en)) for code, severity, sv, en in document["flags"]]
    # A hint's cell score is stored since dismissals check it; runs saved before have six items.
    hints = [
        Hint(key, source, target, float(severity), LocalText(sv=sv, en=en), _score(rest))
        for key, source, target, severity, sv, en, *rest in document["hints"]
    ]
    applications = [_from_application(a) for a in document["applications"]]
    results = [
        _from_result(r, app, call, flags, hints)
        for r, app in zip(document["results"], applications, strict=True)
    ]
    rejected = [
        RejectedRow(
            int(r["row"]),
            str(r["id"]),
            [_from_problem(p) for p in r["problems"]],
            applicant=str(r["applicant"]),
            title=str(r["title"]),
            amount=str(r["amount"]),
            columns=dict(r["columns"]),
        )
        for r in document["rejected"]
    ]
    imported = ImportResult(
        file=str(document["file"]),
        rows_in=int(document["rows_in"]),
        applications=applications,
        rejected=rejected,
        blank_rows=int(document["blank_rows"]),
        columns=_from_columns(document["columns"]),
        notices=[_from_problem(n) for n in document["notices"]],
        reader=str(document["reader"]),
        suggested_call=document["suggested_call"],
    )
    return ScreeningRun(
        call,
        imported,
        results,
        file_sha256=str(document["sha256"]),
        file_size=int(document["size"]),
        screened_at=dt.datetime.fromisoformat(document["screened_at"]),
    )


# --- the officer's work -------------------------------------------------------------------------


def work_from_notes(notes: Mapping[str, Any]) -> dict[str, OfficerWork]:
    """The store's notes (`ScreeningNote`) as the screening's `OfficerWork`, by application id."""
    out: dict[str, OfficerWork] = {}
    for app_id, note in notes.items():
        dismissed = {
            key: Dismissal(
                str(d.get("reason", "")),
                str(d.get("by", "")),
                _when(d.get("at")),
                # Recorded since the evidence is checked; older dismissals have none (unknown).
                d["score"] if isinstance(d.get("score"), int) and not isinstance(d["score"], bool) else None,
            )
            for key, d in dict(note.dismissed).items()
        }
        out[app_id] = OfficerWork(
            motivation=note.motivation,
            notes=note.notes,
            dismissed=dismissed,
            fingerprint=note.fingerprint,
            updated_by=note.updated_by,
            updated_at=note.updated_at,
            revision=note.revision,
        )
    return out


def _when(value: object) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return dt.datetime.now(dt.UTC)


def summary(run: ScreeningRun) -> dict[str, Any]:
    """The accounting kept next to the results, for lists and history without loading them."""
    portfolio = run.portfolio()
    return {
        "rows_in": run.rows_in,
        "rows_out": run.rows_out,
        "rows_rejected": run.rows_rejected,
        "blank_rows": run.imported.blank_rows,
        "flagged": portfolio.flagged,
        "header_row": run.imported.header_row,
        "call_name": {"sv": run.call.name.sv, "en": run.call.name.en},
        "notices": [n.key for n in run.imported.notices],
    }


@dataclass(frozen=True)
class SavedRun:
    """A run open in the app or the CLI: the store's ids and the run with the officer's work."""

    run_id: str
    version: int
    workspace_id: str
    run: ScreeningRun
    latest_version: int


def save_run(
    store: Any,
    user: Any,
    run: ScreeningRun,
    mapping: Mapping[str, str],
    *,
    workspace_id: str | None = None,
    run_id: str | None = None,
) -> SavedRun:
    """Save ``run`` as a new run, or as a new version of ``run_id`` (a re-screening).

    A run without a single row is refused, as the importer refuses its file: saved, it would be an
    empty table among the saved runs, and as a re-screening it would orphan all the officer's work."""
    from assessment.storage.types import ScreeningRecord

    if run.rows_in == 0:
        params = {"header": run.imported.header_row}
        raise ValidationFailed(Problem("screening.err_no_applications", params, file=run.file_name))

    record = ScreeningRecord(
        file_name=run.file_name,
        file_sha256=run.file_sha256,
        file_size=run.file_size,
        call_id=run.call.id,
        mapping=dict(mapping),
        summary=summary(run),
        payload=encode_run(run),
    )
    saved = store.save_screening(user, record, workspace_id=workspace_id, run_id=run_id)
    if run_id is not None:
        run.work = work_from_notes(store.open_screening(user, saved.id, saved.version).notes)
    return SavedRun(saved.id, saved.version, saved.workspace_id, run, saved.version)


def open_run(store: Any, user: Any, run_id: str, version: int | None = None) -> SavedRun:
    stored = store.open_screening(user, run_id, version)
    run = decode_run(stored.payload)
    run.work = work_from_notes(stored.notes)
    return SavedRun(stored.run.id, stored.version.version, stored.run.workspace_id, run, stored.run.version)
