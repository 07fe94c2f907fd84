"""CLI help texts come from the catalogue (messages/cli_help.yaml): Swedish by default, English
with --lang en, before or after the command."""

from __future__ import annotations

import argparse

import pytest

from assessment import cli
from assessment.cli.help import help_lang
from assessment.i18n import catalogue


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _parsers(child)
    return found


def _texts(lang: str) -> list[str]:
    """Every help and description a user can see, in every parser of the whole tree."""
    texts: list[str] = []
    for parser in _parsers(cli.build_parser(None, lang)):  # type: ignore[arg-type]
        texts.append(parser.description or "")
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                texts += [choice.help or "" for choice in action._choices_actions]
            else:
                texts.append(action.help or "")
    return texts


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_help_text_is_a_catalogue_text_in_that_language(lang: str) -> None:
    known = {texts[lang] for key, texts in catalogue().items() if key.startswith("cli_help.")}
    texts = _texts(lang)
    assert len(texts) > 100  # all commands were walked (storage's sub-commands included)
    missing = [text for text in texts if text.replace("%%", "%") not in known]
    assert missing == [], "help without a catalogue text (or without any help)"


def test_swedish_and_english_help_differ_everywhere() -> None:
    same = [(sv, en) for sv, en in zip(_texts("sv"), _texts("en"), strict=True) if sv == en]
    assert same == []


def test_help_is_swedish_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["-h"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert out.startswith("användning: assessment")
    assert "kommandon:" in out and "flaggor:" in out
    assert "kontrollera bedömningsfiler (YAML/JSON)" in out
    assert "check assessment files" not in out


@pytest.mark.parametrize(
    "argv",
    [["--lang", "en", "validate", "-h"], ["validate", "--lang=en", "-h"], ["--lang=en", "validate", "-h"]],
)
def test_lang_en_gives_english_help_before_or_after_the_command(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli.main(argv)
    out = capsys.readouterr().out
    assert out.startswith("usage: assessment validate")
    assert "check assessment files (YAML/JSON)" in out and "positional arguments:" in out
    assert "kontrollera" not in out


def test_a_sub_command_of_storage_speaks_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["storage", "grant", "-h"])
    out = capsys.readouterr().out
    assert "ge en användare en roll i en arbetsyta" in out and "användarnamn" in out


@pytest.mark.parametrize(
    "argv, lang",
    [
        ([], "sv"),
        (["--lang", "en"], "en"),
        (["report", "--lang=en", "x.yaml"], "en"),
        (["--lang", "en", "analyse", "--lang", "sv"], "sv"),  # the last one counts, as for argparse
        (["--lang", "de"], "sv"),  # argparse refuses it; the refusal is in Swedish framing
        (["--lang"], "sv"),
    ],
)
def test_help_lang(argv: list[str], lang: str) -> None:
    assert help_lang(argv) == lang
