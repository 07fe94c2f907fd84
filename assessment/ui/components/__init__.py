"""Reusable pieces of the app's pages (styling, tiles, charts, progress)."""
