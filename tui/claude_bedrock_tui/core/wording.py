"""Counts in sentences, for the app and the command line alike: `1 profile`, `2 profiles`, `Save it`."""

from __future__ import annotations


def plural(count: float, noun: str, nouns: str | None = None) -> str:
    """`noun` for exactly one, else `nouns` (by default `noun` + "s"): zero takes the plural too."""
    return noun if count == 1 else (nouns or noun + "s")


def counted(count: float, noun: str, nouns: str | None = None) -> str:
    """`1 profile`, `0 profiles`, `1,204 calls`: the count, then the noun that agrees with it."""
    return f"{count:,.0f} {plural(count, noun, nouns)}"


def them(count: float) -> str:
    """The pronoun for `count` things: `it` for one, else `them`."""
    return plural(count, "it", "them")
