"""`python -m assessment storage …`: backup to a zip and restore into a fresh database; users."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assessment.cli import main
from assessment.domain.assessment import Assessment
from assessment.storage import Role, open_store


def test_backup_restore_and_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = f"sqlite:///{tmp_path}/source.db"
    store = open_store(source)
    local = store.local_user()
    stored = store.create(local, Assessment(title="Säkerhetskopiera mig ŋ"))
    store.close()

    archive = tmp_path / "backup.zip"
    assert main(["storage", "--database-url", source, "export", "default", "-o", str(archive)]) == 0
    assert "1" in capsys.readouterr().out

    target = f"sqlite:///{tmp_path}/target.db"
    assert main(["--lang", "en", "storage", "--database-url", target, "import", str(archive)]) == 0
    assert "Imported 1" in capsys.readouterr().out
    restored = open_store(target)
    assert restored.get(restored.local_user(), stored.id).assessment.title == ("Säkerhetskopiera mig ŋ")
    restored.close()

    assert main(["storage", "--database-url", target, "workspace-add", "region", "Region"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-bra-lösenord\n"))
    assert main(["storage", "--database-url", target, "user-add", "anna", "--password"]) == 0
    assert main(["storage", "--database-url", target, "grant", "region", "anna", "viewer"]) == 0
    assert main(["storage", "--database-url", target, "members", "region"]) == 0
    assert "anna\tviewer" in capsys.readouterr().out
    check = open_store(target)
    anna = check.authenticate_local("anna", "ett-bra-lösenord")
    assert [(w.id, w.role) for w in check.workspaces(anna)] == [("region", Role.viewer)]
    check.close()

    # Errors are messages and exit code 2, never tracebacks.
    assert main(["storage", "--database-url", target, "grant", "nope", "anna", "viewer"]) == 2
    assert main(["storage", "--database-url", target, "import", str(tmp_path / "x.zip")]) == 2
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    assert main(["storage", "--database-url", target, "import", str(tmp_path / "bad.zip")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "nope" in err and "x.zip" in err and "not a zip file" in err
