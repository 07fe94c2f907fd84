"""The import template officers download: the header row, an example row, and instructions.

Headers are the column labels in the chosen language (the import reads labels in both languages,
ids and the synonyms in ``models/screening/columns.yaml``). The example row is recognised by the
import and never screened as an application if it is left in.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from assessment.i18n import normalise_lang, t
from assessment.screening.calls import CallProfile
from assessment.screening.fields import FIELDS
from assessment.screening.places import places
from assessment.spreadsheets.cells import neutralise
from assessment.spreadsheets.xlsx import Sheet, write_xlsx


def instructions(lang: str, call: CallProfile | None = None) -> list[list[str]]:
    """One row per column: header, id, required, what to write, example."""
    lang = normalise_lang(lang)
    yes, no = t("screening.answer_yes", lang), t("screening.answer_no", lang)
    rows = [[t(f"screening.tpl_{c}", lang) for c in ("label", "column", "required", "help", "example")]]
    for spec in FIELDS:
        help_text = spec.help.get(lang)
        if spec.name == "support_type" and call is not None:
            help_text += " " + t(
                "screening.tpl_support_types",
                lang,
                choices=", ".join(
                    s.label.get(lang) + (f" ({', '.join(s.aliases)})" if s.aliases else "")
                    for s in call.support_types
                ),
            )
        if spec.name == "municipality":
            known = places()
            help_text += " " + ", ".join((*known.municipalities, known.county_wide)) + "."
        example = _example(spec.name, spec.example, lang, call)
        rows.append([spec.label.get(lang), spec.name, yes if spec.required else no, help_text, example])
    return rows


def _example(name: str, example: str, lang: str, call: CallProfile | None) -> str:
    if name == "support_type" and call is not None and call.support_types:
        return call.support_types[0].label.get(lang)
    return example


def template_rows(lang: str = "sv", call: CallProfile | None = None) -> tuple[list[str], list[object]]:
    """The header (labels in ``lang``) and the example row (the amount as a number)."""
    lang = normalise_lang(lang)
    header = [spec.label.get(lang) for spec in FIELDS]
    example: list[object] = [_example(spec.name, spec.example, lang, call) for spec in FIELDS]
    amount = [spec.name for spec in FIELDS].index("amount")
    example[amount] = int(str(example[amount]))
    return header, example


def template_bytes(suffix: str, lang: str = "sv", call: CallProfile | None = None) -> bytes:
    """The template as an .xlsx (with an instructions sheet) or a .csv (header and example)."""
    header, example = template_rows(lang, call)
    if suffix.lower() == ".csv":
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";")
        writer.writerow(header)
        writer.writerow([neutralise(str(v)) for v in example])
        return text.getvalue().encode("utf-8-sig")
    widths = [40.0 if spec.kind in ("text", "claims") else 18.0 for spec in FIELDS]
    text_columns = frozenset(i for i, spec in enumerate(FIELDS) if spec.kind in ("text", "claims"))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "mall.xlsx"
        write_xlsx(
            target,
            [
                Sheet(
                    "ansökningar",
                    [header, example],
                    widths,
                    text_columns,
                    {[f.name for f in FIELDS].index("amount"): "integer"},
                ),
                Sheet(
                    t("screening.tpl_sheet", lang),
                    instructions(lang, call),
                    (28, 20, 12, 90, 50),
                    frozenset({3, 4}),
                ),
            ],
        )
        return target.read_bytes()


def write_template(path: Path | str, lang: str = "sv", call: CallProfile | None = None) -> Path:
    path = Path(path)
    from assessment.screening.outputs import atomic_write

    data = template_bytes(path.suffix, lang, call)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    atomic_write(path, write)
    return path
