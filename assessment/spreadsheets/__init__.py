"""Spreadsheet files the project writes (XLSX, CSV): one writer, one rule for formula-like text.

- `cells`: formula-injection neutralising and Swedish number text for CSV.
- `xlsx`: the project's only XLSX writer (fast, streaming, formatted: widths, wrap, freeze panes,
  autofilter, number formats; formula-like text is stored as quote-prefixed text).
"""
