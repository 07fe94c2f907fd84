"""Every count that stands before a noun in a catalogue text has plural forms ("1 ej hanterade
frågor" is wrong): a scan over all catalogues. A new placeholder written before a word must be
classified below as a number or as text, so the scan cannot be passed by accident."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from assessment.i18n import t

MESSAGES = Path(__file__).resolve().parents[2] / "assessment" / "i18n" / "messages"

# Placeholders that hold numbers.
NUMERIC = {
    "addressed", "cases", "cells", "changed", "checked", "codes", "columns", "count", "days",
    "decided", "discussed", "dismissed", "done", "dots", "flips", "found", "iqr", "kept",
    "left", "length", "limit", "max", "min", "minutes", "n", "needed", "negative", "page",
    "participants", "pct", "percent", "positive", "present", "rate", "rated", "rejected",
    "rows", "rows_in", "rows_out", "size", "total", "completeness", "dims", "questions", "strongest_pct",
    "weakest_pct", "verified", "translation", "own",
}  # fmt: skip
# Placeholders that hold text (names, labels, refs, lists, sentences), and numbers used as labels
# ("rad {row}", "version {version}", "topp {k}").
TEXT = {
    "column", "expected", "goals", "k", "row", "version", "zeros", "option", "criteria", "arguments", "type",
    "a", "b", "by", "call", "cell", "claim", "code", "consensus", "counts", "criterion", "dimension", "env",
    "explanation", "file", "finding", "framework", "got", "id", "impact", "impact_a", "impact_b", "impact_other",
    "impact_rus", "issues", "kind",
    "locality", "municipality", "new", "numbers", "objective", "old", "other", "problems", "ref",
    "role", "rus", "sdg", "share", "source", "status", "suffix", "target", "url", "username", "value", "via",
    "when", "where", "who", "winner", "workspace",
}  # fmt: skip
# Words after a number that do not inflect with it: prepositions, conjunctions, verbs, adverbs,
# abbreviations, and Swedish nouns whose plural is their singular (1 mål, 2 mål).
INVARIANT = {
    "av", "of", "till", "more", "med", "with", "och", "and", "eller", "or", "för", "for", "utan",
    "without", "över", "above", "st", "kB", "MB", "i", "in", "på", "on", "per", "ska", "must", "decided", "rated",
    "addressed", "positivt", "negativt", "positively", "negatively", "positive", "negative",
    "mål", "miljömål", "delmål", "samband", "tecken", "deltagare", "byte", "poäng",
    "översta", "answered", "ovanför",
}  # fmt: skip
PLACEHOLDER_WORD = re.compile(r"\{(\w+)\}[ \u00a0]+([^\W\d_][\w-]*)")
INLINE = re.compile(r"\{(\w+):([^{}]*)\}")


def _texts() -> list[tuple[str, str, str, bool]]:
    """(key, lang, text, has plural forms) for every form of every catalogue text."""
    found = []
    for path in sorted(MESSAGES.glob("*.yaml")):
        for key, texts in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            for lang in ("sv", "en"):
                value = texts[lang]
                forms = value.values() if isinstance(value, dict) else [value]
                found += [(f"{path.stem}.{key}", lang, str(form), isinstance(value, dict)) for form in forms]
    return found


def problems_in(key: str, lang: str, text: str, plural: bool) -> list[str]:
    out = []
    for match in PLACEHOLDER_WORD.finditer(text):
        name, word = match.groups()
        if name in TEXT or word in INVARIANT:
            continue
        if name not in NUMERIC:
            out.append(f"{key} ({lang}): classify {{{name}}} as NUMERIC or TEXT in this test")
        elif not (plural and name in ("count", "n")):
            out.append(f"{key} ({lang}): {match.group(0)!r} needs plural forms")
    for name, spec in INLINE.findall(text):
        if spec.count("|") != 1 or "#" not in spec:
            out.append(f"{key} ({lang}): inline plural {{{name}:{spec}}} must be 'one|other' with #")
    return out


def test_every_count_before_a_noun_has_plural_forms() -> None:
    problems = [p for entry in _texts() for p in problems_in(*entry)]
    assert not problems, "\n".join(problems)


def test_the_scan_catches_a_count_without_plural_forms() -> None:
    assert problems_in("x.y", "sv", "{count} ej hanterade frågor", plural=False) == [
        "x.y (sv): '{count} ej' needs plural forms"
    ]
    assert problems_in("x.y", "sv", "{rows} rader men {columns} kolumner", plural=False)
    assert problems_in("x.y", "sv", "{mystery} saker", plural=False) == [
        "x.y (sv): classify {mystery} as NUMERIC or TEXT in this test"
    ]
    assert problems_in("x.y", "sv", "{count} fråga", plural=True) == []
    assert problems_in("x.y", "sv", "{rows:# rad|# rader} av {total:# fil|# filer}", plural=False) == []
    assert problems_in("x.y", "sv", "{rows:rad|rader}", plural=False)


def test_inline_plurals_follow_each_count() -> None:
    assert t("analysis.matrix_not_square", "sv", rows=1, columns=3) == (
        "Matrisen är inte kvadratisk: 1 rad men 3 kolumner."
    )
    assert t("analysis.matrix_not_square", "en", rows=2, columns=1) == (
        "The matrix is not square: 2 rows but 1 column."
    )
    assert t("report.sum_sdg", "sv", rated=1, goals=1, positive=1, negative=1).endswith(
        "(1 positiv, 1 negativ)."
    )
    assert t("analysis.tally_open", "sv", count=1) == "1 fråga är ännu inte hanterad"
