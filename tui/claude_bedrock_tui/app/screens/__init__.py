"""Screens: the main screen and its modal dialogs (save, quit, error, help, pickers)."""
