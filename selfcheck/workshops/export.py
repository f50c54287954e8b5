"""The group's results as tables: CSV (one part per file) and an XLSX workbook (one sheet per part).

Built from the GroupView, which is already filtered for privacy: below the threshold only the
participation figures are there, and no part holds a single person's answers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..presenter.group import GroupView
from ..texts import translator

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Part:
    key: str  # used in URLs and file names
    title: str  # the sheet name (at most 31 characters)
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def parts(view: GroupView, lang: str) -> list[Part]:
    """Every part the view allows, in the dashboard's order."""
    _ = translator(lang)
    found = [Part("beteiligung", _("Beteiligung"), (_("Angabe"), _("Anzahl")), (
        (_("Beigetreten"), view.joined), (_("Zählen für die Gruppe"), view.completed),
        (_("Noch dabei"), view.in_progress), (_("Fertig, aber zu wenige Antworten"), view.too_few_answers),
        (_("Davon auf Papier"), view.paper), (_("Mindestzahl für die Gruppe (k)"), view.min_group_size),
    ))]
    if view.agreements:
        found.append(Part("einigungen", _("Einigungen"), (_("Frage"), _("Text"), _("Antwort"), _("Notiz")), tuple(
            (a.number, a.text, a.answer or "", a.note or "") for a in view.agreements)))
    if not view.group_visible:
        return found
    found.append(Part("verteilung", _("Verteilung je Thema"), (_("Thema"), _("Median"), _("Alle Werte"), _("Stufen")),
                      tuple((d.title, d.median, ", ".join(map(str, d.scores)),
                             ", ".join(f"{label}: {n}" for label, n in d.levels)) for d in view.dimensions)))
    found.append(Part("tagesordnung", _("Tagesordnung"),
                      (_("Frage"), _("Text"), _("Thema"), _("Unterschied (0–100)"), _("So wurde geantwortet")),
                      tuple((i.number, i.text, i.dimension, i.divergence,
                             "; ".join(f"{label}: {n}" for label, n in i.counts)
                             + (f"; {_('Weiß nicht')}: {i.unknown}" if i.unknown else ""))
                            for i in view.agenda)))
    found.append(Part("profile", _("Blended-Profile"), (_("Profil"), _("Personen")), tuple(view.blend)))
    found.append(Part("empfehlungen", _("Gemeinsame Empfehlungen"),
                      (_("Empfehlung"), _("Thema"), _("Personen"), _("Anteil (%)")),
                      tuple((r.title, r.dimension, r.count, r.share) for r in view.recommendations)))
    if view.partnerships and view.partnerships.rows:
        matrix = view.partnerships
        found.append(Part("partnerschaften", _("Partnerschaften"),
                          (_("Arbeitet regelmäßig zusammen mit"),
                           *(f"{row.label} ({row.respondents})" for row in matrix.rows)),
                          tuple((column, *(row.cells[i] for row in matrix.rows))
                                for i, column in enumerate(matrix.columns))))
    return found


def safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula ("=HYPERLINK(...)" in a note) stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(part: Part, lang: str) -> bytes:
    """One part as CSV, for Excel in the language's convention (German: semicolons, comma decimals)."""
    buffer = io.StringIO()
    delimiter = ";" if lang == "de" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe(cell) for cell in part.header])
    for row in part.rows:
        writer.writerow([safe(_decimal(cell, lang)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(view_parts: list[Part], title: str) -> bytes:
    """Every part as a sheet of one workbook, headers bold, columns wide enough to read."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    for part in view_parts:
        sheet = book.create_sheet(part.title[:31])
        sheet.append([safe(cell) for cell in part.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in part.rows:
            sheet.append([safe(cell) for cell in row])
        for index, column in enumerate(sheet.columns, start=1):
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
            del index
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _decimal(value: object, lang: str) -> object:
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "de" else text
    return value
