"""Every environment variable the tool reads, in one typed object.

``settings()`` looks at the environment on each call and builds a new object only when one of these
variables changed (building one costs ~1.5 ms; the UI asks many times per rerun), so a changed
variable — in a test, or between two CLI runs — is seen without a restart of anything.
Empty values count as unset. Unknown or malformed values of the convenience settings (live view,
log level) fall back to the default; ``ASSESSMENT_AUTH`` is kept as written, because a typo there
must never turn logins off: `assessment.storage.login_mode` refuses to serve on an unknown value.

| variable | field | default |
|---|---|---|
| ``DATABASE_URL`` | ``database_url`` | SQLite in ``data_dir`` |
| ``ASSESSMENT_DATA_DIR`` | ``data_dir`` | ``./data`` |
| ``ASSESSMENT_MODELS_DIR`` | ``models_dir`` | the shipped ``models/`` |
| ``ASSESSMENT_AUTH`` | ``auth``, as written (checked fail-closed by ``storage.login_mode``) | None |
| ``ASSESSMENT_OIDC_PROVIDER`` | ``oidc_provider`` | the single ``[auth]`` provider |
| ``ASSESSMENT_OIDC_EMAIL_VERIFIED_CLAIM`` | ``oidc_email_verified_claim`` | ``email_verified`` |
| ``ASSESSMENT_LIVE`` | ``live`` (on/off; None = on in server mode) | None |
| ``ASSESSMENT_LIVE_SECONDS`` | ``live_seconds`` (1–60) | 3 |
| ``ASSESSMENT_LOG_LEVEL`` | ``log_level`` | app ``INFO``, CLI ``WARNING`` |
| ``ASSESSMENT_I18N_STRICT`` | ``i18n_strict`` (tests: a missing message key raises) | off |
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
DEFAULT_LIVE_SECONDS = 3.0
_ON = {"1", "true", "yes", "on"}
_OFF = {"0", "false", "no", "off"}


class Settings(BaseModel):
    # Read from the environment by `settings()` as pydantic-settings' BaseSettings did (names
    # case-insensitive, empty values unset, defaults validated), without importing it: it pulls
    # in asyncio and its source providers, ~140 ms of every cold command.
    model_config = ConfigDict(extra="ignore", frozen=True, validate_default=True)

    database_url: str | None = Field(None, validation_alias="DATABASE_URL")
    data_dir: Path = Field(Path("data"), validation_alias="ASSESSMENT_DATA_DIR")
    models_dir: Path | None = Field(None, validation_alias="ASSESSMENT_MODELS_DIR")
    auth: str | None = Field(None, validation_alias="ASSESSMENT_AUTH")
    oidc_provider: str | None = Field(None, validation_alias="ASSESSMENT_OIDC_PROVIDER")
    # The claim by which the provider vouches for the e-mail address (docs/deployment.md).
    oidc_email_verified_claim: str = Field(
        "email_verified", validation_alias="ASSESSMENT_OIDC_EMAIL_VERIFIED_CLAIM"
    )
    live: bool | None = Field(None, validation_alias="ASSESSMENT_LIVE")
    live_seconds: float = Field(DEFAULT_LIVE_SECONDS, validation_alias="ASSESSMENT_LIVE_SECONDS")
    log_level: LogLevel | None = Field(None, validation_alias="ASSESSMENT_LOG_LEVEL")
    # Tests: a missing message key or placeholder raises instead of showing the key (assessment.i18n).
    i18n_strict: bool = Field(False, validation_alias="ASSESSMENT_I18N_STRICT")

    @field_validator("database_url", "oidc_provider", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return value.strip() or None if isinstance(value, str) else value

    @field_validator("oidc_email_verified_claim", mode="before")
    @classmethod
    def _blank_claim_is_default(cls, value: object) -> object:
        return (value.strip() or "email_verified") if isinstance(value, str) else value

    @field_validator("models_dir", mode="before")
    @classmethod
    def _blank_dir_is_unset(cls, value: object) -> object:
        return value.strip() or None if isinstance(value, str) else value

    @field_validator("live", mode="before")
    @classmethod
    def _switch(cls, value: object) -> bool | None:
        text = str(value).strip().lower()
        return True if text in _ON else False if text in _OFF else None

    @field_validator("i18n_strict", mode="before")
    @classmethod
    def _on(cls, value: object) -> bool:
        return str(value).strip().lower() in _ON

    @field_validator("live_seconds", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> float:
        try:
            seconds = float(str(value))
        except ValueError:
            return DEFAULT_LIVE_SECONDS
        return min(max(seconds, 1.0), 60.0) if seconds == seconds else DEFAULT_LIVE_SECONDS

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, value: object) -> str | None:
        text = str(value).strip().upper()
        return text if text in ("DEBUG", "INFO", "WARNING", "ERROR") else None


_NAMES = tuple(str(field.validation_alias) for field in Settings.model_fields.values())


def settings() -> Settings:
    """The current settings, as the environment says now."""
    return _settings_for(tuple(os.environ.get(name) for name in _NAMES))


@lru_cache(maxsize=8)
def _settings_for(values: tuple[str | None, ...]) -> Settings:
    # Reads the same variables `values` holds (the cache key), whatever their case, like
    # pydantic-settings; an empty value counts as unset.
    environ = {name.lower(): value for name, value in os.environ.items()}
    found = {name: environ[name.lower()] for name in _NAMES if environ.get(name.lower())}
    return Settings.model_validate(found)
