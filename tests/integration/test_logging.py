"""Server-side log: saves, merges with conflicts, imports and access refusals are recorded by id
and count; user text (titles, comments, names) never reaches the log at INFO."""

from __future__ import annotations

import logging

import pytest

from assessment import logs
from assessment.domain.assessment import Assessment
from assessment.errors import AccessDenied
from assessment.fileio import dump_assessment, parse_assessment_bytes
from assessment.storage import Role, open_store

SECRET = "Hemlig titel <Ŋuolggas>"


def _info_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)


def test_store_events_are_logged_without_user_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="assessment")
    store = open_store("sqlite://")
    user = store.local_user()
    stored = store.create(user, Assessment(title=SECRET, description=SECRET))
    first = stored.assessment.model_copy(update={"description": "Min ändring " + SECRET})
    second = stored.assessment.model_copy(update={"description": "Din ändring " + SECRET})
    store.save(user, stored.id, first, stored.version)
    result = store.save(user, stored.id, second, stored.version)  # same base: a conflict
    assert result.conflicts
    archive = store.export_workspace(user, stored.workspace_id)
    imported = store.import_workspace(user, archive, stored.workspace_id)
    store.close()
    text = _info_text(caplog)
    assert f"created assessment {stored.id}" in text
    assert f"saved assessment {stored.id} as version 2 from version 1" in text
    assert f"save of assessment {stored.id} kept the stored value of 1 conflicting field(s)" in text
    assert f"imported {len(imported)} assessment(s) into workspace {stored.workspace_id}" in text
    assert f"exported workspace {stored.workspace_id}, {len(archive)} bytes (user {user.id})" in text
    assert SECRET not in text and "ändring" not in text


def test_access_refusals_are_warnings_with_the_reason_key(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="assessment")
    store = open_store("sqlite://")
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    anna = store.add_user(root, "anna", "Anna Ŋuolggas", password="rätt lösenord 123")
    store.grant(root, "krokom", "anna", Role.viewer)
    stored = store.create(root, Assessment(title=SECRET), "krokom")
    with pytest.raises(AccessDenied):
        store.save(anna, stored.id, stored.assessment, stored.version)
    with pytest.raises(AccessDenied):
        store.authenticate_local("anna", "fel lösenord")
    store.close()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "access refused: storage.role_needed" in warnings
    assert "access refused: storage.login_failed" in warnings
    assert not any("lösenord" in w or "Ŋuolggas" in w for w in warnings)


def test_file_imports_are_logged_by_size_only(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="assessment")
    data = dump_assessment(Assessment(title=SECRET)).encode()
    parse_assessment_bytes(data, "hemligt-namn.yaml")
    with pytest.raises(Exception, match="sdg"):
        parse_assessment_bytes(b"title: x\nsdg: [{goal: 42}]\n", "hemligt-namn.yaml")
    text = _info_text(caplog)
    assert f"assessment file read: {len(data)} bytes" in text
    assert "assessment file refused: 1 problem(s)" in text
    assert "hemligt-namn" not in text and SECRET not in text
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert "assessment file read: hemligt-namn.yaml" in debug


def test_configure_is_idempotent_and_reads_the_level(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ASSESSMENT_LOG_LEVEL", raising=False)
    assert logs.configure().level == logging.INFO  # the app's default
    assert logs.configure(default="WARNING").level == logging.WARNING  # the CLI's
    monkeypatch.setenv("ASSESSMENT_LOG_LEVEL", "debug")
    logger = logs.configure(default="WARNING")
    logger = logs.configure(default="WARNING")
    assert logger.level == logging.DEBUG
    assert [h.get_name() for h in logger.handlers].count("assessment-default") == 1
    logging.getLogger("assessment.test").warning("to the current stderr")
    assert "to the current stderr" in capsys.readouterr().err  # not a stream captured at set-up
    logs.configure("INFO")
    assert logger.level == logging.INFO
