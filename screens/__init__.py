"""Textual screens, one module per pane."""
