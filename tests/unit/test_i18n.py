"""Message catalogue: plural forms by the language's rules, and the strict mode the tests run in."""

from __future__ import annotations

import pytest

from assessment.i18n import MissingMessage, catalogue, t


def test_plural_forms_follow_the_count() -> None:
    assert [t("server_ui.hours", "sv", n=n) for n in (1, 2, 0)] == ["1 timme", "2 timmar", "0 timmar"]
    assert [t("server_ui.days", "en", n=n) for n in (1, 5)] == ["1 day", "5 days"]
    assert t("portfolio.load_failed", "sv", count=1).startswith("1 fil kunde")
    assert t("portfolio.load_failed", "sv", count=3).startswith("3 filer kunde")
    assert catalogue()["server_ui.hours"]["sv"] == "{n} timmar"  # listed with its 'other' form


def test_tests_run_in_strict_mode() -> None:
    with pytest.raises(MissingMessage):
        t("core.no_such_key", "sv")
    with pytest.raises(MissingMessage):
        t("core.duplicate_key", "sv")  # {code} not given
    with pytest.raises(MissingMessage):
        t("core.duplicate_key", "en", wrong=1)


def test_without_strict_mode_a_missing_key_shows_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSESSMENT_I18N_STRICT")
    assert t("core.no_such_key", "sv") == "core.no_such_key"
    assert t("core.duplicate_key", "sv") == catalogue()["core.duplicate_key"]["sv"]


def test_every_catalogue_text_formats_with_its_own_placeholders() -> None:
    from string import Formatter

    for key, texts in catalogue().items():
        for lang, text in texts.items():
            names = {name for _, name, _, _ in Formatter().parse(text) if name}
            assert t(key, lang, **dict.fromkeys(names, 1)) if names else t(key, lang), (key, lang)
