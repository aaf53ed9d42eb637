"""Widgets: the panes and the editors the main screen is made of."""
