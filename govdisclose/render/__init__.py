"""Renderers: a Report written out (JSON, terminal table)."""
