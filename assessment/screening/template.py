"""The import template officers download: the header row, an example row, and instructions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from assessment.i18n import normalise_lang, t
from assessment.screening.calls import CallProfile
from assessment.screening.fields import FIELDS, MUNICIPALITIES


def instructions(lang: str, call: CallProfile | None = None) -> list[list[str]]:
    """One row per column: name, label, required, what to write, example."""
    lang = normalise_lang(lang)
    yes, no = t("screening.answer_yes", lang), t("screening.answer_no", lang)
    rows = [[t(f"screening.tpl_{c}", lang) for c in ("column", "label", "required", "help", "example")]]
    for spec in FIELDS:
        help_text = spec.help.get(lang)
        if spec.name == "support_type" and call is not None:
            help_text += " " + t(
                "screening.tpl_support_types",
                lang,
                choices=", ".join(f"{s.id} ({s.label.get(lang)})" for s in call.support_types),
            )
        if spec.name == "municipality":
            help_text += " " + ", ".join(MUNICIPALITIES) + "."
        rows.append([spec.name, spec.label.get(lang), yes if spec.required else no, help_text, spec.example])
    return rows


def template_bytes(suffix: str, lang: str = "sv", call: CallProfile | None = None) -> bytes:
    """The template as an .xlsx (with an instructions sheet) or a .csv (header and example)."""
    header = [spec.name for spec in FIELDS]
    example = [spec.example for spec in FIELDS]
    if call is not None and call.support_types:
        example[header.index("support_type")] = call.support_types[0].id
    if suffix.lower() == ".csv":
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";")
        writer.writerow(header)
        writer.writerow(example)
        return text.getvalue().encode("utf-8-sig")
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ansökningar"
    sheet.append(header)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, spec in zip(sheet.iter_cols(min_row=1, max_row=1), FIELDS, strict=True):
        sheet.column_dimensions[column[0].column_letter].width = 40 if spec.kind in ("text", "claims") else 18
    info = book.create_sheet(t("screening.tpl_sheet", lang))
    for row in instructions(lang, call):
        info.append(row)
    for cell in info[1]:
        cell.font = Font(bold=True)
    info.column_dimensions["D"].width = 90
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_template(path: Path | str, lang: str = "sv", call: CallProfile | None = None) -> Path:
    path = Path(path)
    from assessment.screening.outputs import atomic_write

    data = template_bytes(path.suffix, lang, call)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    atomic_write(path, write)
    return path
