"""CLI help texts come from the catalogue (messages/cli_help.yaml): Swedish by default, English
with --lang en, before or after the command."""

from __future__ import annotations

import argparse
import inspect
import re
import subprocess
import sys

import pytest

from assessment import cli
from assessment.cli.help import ARGPARSE_MESSAGES, argparse_message, help_lang
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


# --- argparse's own messages ------------------------------------------------------------------


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == 2
    return capsys.readouterr().err


def test_a_missing_argument_is_said_in_swedish_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["validate"], capsys)
    assert err == (
        "användning: assessment validate [-h] FILE [FILE ...]\n"
        "assessment validate: fel: följande argument krävs: FILE\n"
    )


def test_a_missing_argument_is_said_in_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["--lang", "en", "validate"], capsys)
    assert err == (
        "usage: assessment validate [-h] FILE [FILE ...]\n"
        "assessment validate: error: the following arguments are required: FILE\n"
    )


@pytest.mark.parametrize(
    "lang, wanted",
    [
        ("sv", "fel: argumentet role: ogiltigt val: 'kung' (välj bland 'viewer', 'editor', 'admin', 'none')"),
        (
            "en",
            "error: argument role: invalid choice: 'kung' (choose from 'viewer', 'editor', 'admin', 'none')",
        ),
    ],
)
def test_an_invalid_choice_is_said_in_the_language(
    lang: str, wanted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _error(["--lang", lang, "storage", "grant", "krokom", "anna", "kung"], capsys)
    assert err.endswith(f"assessment storage grant: {wanted}\n"), err


def test_an_unknown_command_and_unknown_arguments_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["granska"], capsys)
    assert "assessment: fel: argumentet command: ogiltigt val: 'granska' (välj bland 'analyse'," in err
    err = _error(["validate", "a.yaml", "--utan-mening"], capsys)
    assert err.endswith("assessment: fel: okända argument: --utan-mening\n")
    assert "error" not in err and "usage" not in err


def test_a_storage_sub_command_error_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["storage", "grant"], capsys)
    assert err.endswith("assessment storage grant: fel: följande argument krävs: workspace, username, role\n")
    err = _error(["--lang", "en", "storage", "grant"], capsys)
    assert err.endswith(
        "assessment storage grant: error: the following arguments are required: workspace, username, role\n"
    )


def _filled(msgid: str) -> tuple[str, list[str]]:
    """argparse's message with sample values, as argparse would format it."""
    values: list[str] = []

    def value(found: re.Match[str]) -> str:
        # The count picks the plural form, as argparse's ngettext does.
        sample = {"expected %s argument": "1", "expected %s arguments": "3"}.get(msgid, f"X{len(values)}")
        values.append(sample)
        return sample

    return re.sub(r"%\((\w+)\)[sr]|%[sr]", value, msgid), values


@pytest.mark.parametrize("msgid", [m for m, _, _ in ARGPARSE_MESSAGES])
def test_each_argparse_message_id_is_said_again_from_the_catalogue(msgid: str) -> None:
    # The id is still argparse's own (a newer Python rewording one fails here, not silently).
    assert f"'{msgid}'" in inspect.getsource(argparse) or f'"{msgid}"' in inspect.getsource(argparse)
    english, values = _filled(msgid)
    # Strict catalogue in tests (tests/conftest.py): a missing key or placeholder raises.
    assert argparse_message(english, "en") == english  # English is argparse's wording
    swedish = argparse_message(english, "sv")
    assert swedish != english
    assert all(v in swedish for v in values), (swedish, values)


def test_a_message_argparse_words_otherwise_is_left_as_it_is() -> None:
    assert argparse_message("something new in Python 3.99", "sv") == "something new in Python 3.99"


@pytest.mark.parametrize(
    "lang, words, absent",
    [
        (
            "sv",
            ["användning: assessment", "argument:", "flaggor:", "visa den här hjälptexten och avsluta"],
            ["usage:", "options:", "show this help message"],
        ),
        (
            "en",
            ["usage: assessment", "positional arguments:", "options:", "show this help message and exit"],
            ["användning", "flaggor", "visa den här"],
        ),
    ],
)
def test_the_installed_command_speaks_the_language_in_help_and_errors(
    lang: str, words: list[str], absent: list[str]
) -> None:
    """The real process, as a user runs it: ``--help`` and a refused call (exit code 2)."""
    run = [sys.executable, "-m", "assessment", "--lang", lang]
    shown = subprocess.run([*run, "validate", "--help"], capture_output=True, text=True, check=True).stdout
    assert all(w in shown for w in words), shown
    assert not any(a in shown for a in absent), shown
    refused = subprocess.run([*run, "validate"], capture_output=True, text=True, check=False)
    assert refused.returncode == 2 and refused.stdout == ""
    wanted = {
        "sv": "fel: följande argument krävs: FILE",
        "en": "error: the following arguments are required: FILE",
    }
    assert refused.stderr.splitlines()[-1] == f"assessment validate: {wanted[lang]}"
