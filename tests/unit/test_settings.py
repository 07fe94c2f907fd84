"""One settings object for every environment variable; the models folder moves call profiles too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment.process_models import models_dir
from assessment.resources import shipped_models_dir
from assessment.screening.calls import builtin_calls, calls_dir
from assessment.settings import _NAMES, settings
from assessment.storage.engine import data_dir, resolve_url

VARIABLES = (
    "DATABASE_URL",
    "ASSESSMENT_DATA_DIR",
    "ASSESSMENT_MODELS_DIR",
    "ASSESSMENT_AUTH",
    "ASSESSMENT_OIDC_PROVIDER",
    "ASSESSMENT_OIDC_EMAIL_VERIFIED_CLAIM",
    "ASSESSMENT_LIVE",
    "ASSESSMENT_LIVE_SECONDS",
    "ASSESSMENT_LOG_LEVEL",
    "ASSESSMENT_I18N_STRICT",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_every_variable_is_a_setting() -> None:
    assert set(_NAMES) == set(VARIABLES)


def test_defaults() -> None:
    current = settings()
    assert current.database_url is None and current.models_dir is None
    assert current.oidc_email_verified_claim == "email_verified"
    assert current.data_dir == Path("data")
    assert (current.auth, current.live, current.live_seconds, current.log_level) == (
        None,
        None,
        3.0,
        None,
    )
    assert models_dir() == shipped_models_dir()


def test_values_are_read_and_a_change_is_seen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSESSMENT_AUTH", " Local ")
    monkeypatch.setenv("ASSESSMENT_LIVE", "off")
    monkeypatch.setenv("ASSESSMENT_LIVE_SECONDS", "7.5")
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1:5/db")
    current = settings()
    assert (current.auth, current.live, current.live_seconds) == (" Local ", False, 7.5)
    assert data_dir() == tmp_path.resolve()
    assert resolve_url().drivername == "postgresql+psycopg"
    monkeypatch.setenv("ASSESSMENT_AUTH", "oidc")
    monkeypatch.setenv("ASSESSMENT_LIVE", "YES")
    assert (settings().auth, settings().live) == ("oidc", True)


def test_no_module_reads_the_environment_but_settings() -> None:
    root = Path(__file__).resolve().parents[2] / "assessment"
    readers = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "settings.py"
        and any(word in path.read_text(encoding="utf-8") for word in ("os.environ", "getenv("))
    ]
    assert readers == []


def test_login_mode_reads_auth_through_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from assessment.storage.login_mode import ServingRefused, login_mode

    monkeypatch.setenv("ASSESSMENT_AUTH", " OIDC ")
    assert login_mode() == "oidc"
    monkeypatch.setenv("ASSESSMENT_AUTH", "lokal")
    with pytest.raises(ServingRefused):
        login_mode()


def test_auth_is_kept_as_written_for_the_fail_closed_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """A typo must not become "no logins": the value reaches storage.login_mode unchanged."""
    monkeypatch.setenv("ASSESSMENT_AUTH", "lokal")
    assert settings().auth == "lokal"


@pytest.mark.parametrize(
    ("name", "value", "field", "expected"),
    [
        ("ASSESSMENT_LIVE", "maybe", "live", None),
        ("ASSESSMENT_LIVE_SECONDS", "snart", "live_seconds", 3.0),
        ("ASSESSMENT_LIVE_SECONDS", "0.01", "live_seconds", 1.0),
        ("ASSESSMENT_LIVE_SECONDS", "nan", "live_seconds", 3.0),
        ("ASSESSMENT_LIVE_SECONDS", "1e9", "live_seconds", 60.0),
        ("ASSESSMENT_LOG_LEVEL", "chatty", "log_level", None),
        ("ASSESSMENT_MODELS_DIR", "   ", "models_dir", None),
        ("DATABASE_URL", "", "database_url", None),
        ("ASSESSMENT_OIDC_PROVIDER", " ", "oidc_provider", None),
        ("ASSESSMENT_OIDC_EMAIL_VERIFIED_CLAIM", "  ", "oidc_email_verified_claim", "email_verified"),
        ("ASSESSMENT_OIDC_EMAIL_VERIFIED_CLAIM", " xms_edov ", "oidc_email_verified_claim", "xms_edov"),
    ],
)
def test_malformed_or_blank_values_fall_back(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, field: str, expected: object
) -> None:
    monkeypatch.setenv(name, value)
    assert getattr(settings(), field) == expected


def test_models_dir_moves_the_call_profiles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(shipped_models_dir(), tmp_path / "models")
    profile = tmp_path / "models" / "calls" / "eruf_project.yaml"
    text = profile.read_text(encoding="utf-8").replace("id: eruf_project", "id: var_region", 1)
    profile.write_text(text, encoding="utf-8")
    monkeypatch.setenv("ASSESSMENT_MODELS_DIR", str(tmp_path / "models"))
    assert calls_dir() == tmp_path / "models" / "calls"
    assert "var_region" in builtin_calls() and "eruf_project" not in builtin_calls()
