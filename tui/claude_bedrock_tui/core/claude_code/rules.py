"""Rules of Claude Code's behaviour, each with the versions it was measured in.

A rule's value can change between versions: `Rule.values` lists (first version the value was seen in,
value) in ascending order. A RuleBook picks, for one Claude Code version, the value of the newest measured
version at or below it, records which rules a prediction consulted (the conformance suite checks that every
rule is exercised), and says how sure it is (docs/claude-code-behaviour.md, "Versions").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# The Claude Code versions the rules were measured against (the conformance suite's pinned versions).
MEASURED_VERSIONS: tuple[str, ...] = ("2.1.197", "2.1.332")

_VERSION_RE = re.compile(r"(\d+)\.(\d+)\.(\d+)")

Version = tuple[int, int, int]


def parse_version(text: str) -> Version | None:
    """The first x.y.z in `text` ("2.1.332 (Claude Code)" -> (2, 1, 332)), else None."""
    found = _VERSION_RE.search(text)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def version_text(version: Version) -> str:
    return ".".join(map(str, version))


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One behaviour: `values` are (first version seen with the value, value), oldest first."""

    id: str
    summary: str
    values: tuple[tuple[str, T], ...]
    seen_in: tuple[str, ...] = MEASURED_VERSIONS

    def value_for(self, version: Version) -> T:
        chosen = self.values[0][1]
        for since, value in self.values:
            if parse_version(since) <= version:  # type: ignore[operator]  # since is always x.y.z
                chosen = value
        return chosen


def always(rule_id: str, summary: str, value: T, seen_in: tuple[str, ...] = MEASURED_VERSIONS) -> Rule[T]:
    """A rule that was the same in every measured version."""
    return Rule(rule_id, summary, ((seen_in[0], value),), seen_in)


ALL_RULES: dict[str, Rule[Any]] = {}


def register(*rules: Rule[Any]) -> None:
    for rule in rules:
        if rule.id in ALL_RULES:
            raise ValueError(f"rule {rule.id} is defined twice")
        ALL_RULES[rule.id] = rule


@dataclass
class RuleBook:
    """The rules for one Claude Code version, and a record of which ones a prediction used."""

    version: Version
    basis: str  # "measured" | "nearest measured X" | "newest measured X (newer, unmeasured version)" | ...
    source: str  # where the version came from: "installed: /path/claude", "--claude-version", "default"
    used: set[str] = field(default_factory=set)
    known: bool = True  # False: no Claude Code version is known, `version` is the newest measured one

    def fresh(self) -> RuleBook:
        """The same rules with an empty record of use, for another prediction."""
        return RuleBook(self.version, self.basis, self.source, known=self.known)

    @property
    def summary(self) -> str:
        """Which Claude Code is predicted, and with whose rules, for people (`show`'s first lines)."""
        if not self.known:
            rules = f"predicted with the rules of {self.rules_version}, the newest measured"
            return f"Claude Code: version unknown ({self.source}); {rules}"
        if self.basis == "measured":
            return f"Claude Code {self.version_text} ({self.source}): rules measured on this version"
        return f"Claude Code {self.version_text} ({self.source}): {self.basis} rules"

    def __call__(self, rule: Rule[T]) -> T:
        self.used.add(rule.id)
        return rule.value_for(self.version)

    @property
    def version_text(self) -> str:
        return version_text(self.version)

    @property
    def rules_version(self) -> str:
        """The measured version whose rules apply."""
        applicable = [v for v in MEASURED_VERSIONS if parse_version(v) <= self.version]  # type: ignore[operator]
        return applicable[-1] if applicable else MEASURED_VERSIONS[0]

    def to_json(self) -> dict[str, str]:
        return {"version": self.version_text, "rules": self.rules_version, "basis": self.basis, "source": self.source}


def rulebook_for(version: Version | None, source: str) -> RuleBook:
    """Rules for `version`; None (Claude Code not found) predicts for the newest measured version."""
    newest = parse_version(MEASURED_VERSIONS[-1])
    oldest = parse_version(MEASURED_VERSIONS[0])
    assert newest is not None and oldest is not None
    if version is None:
        basis = f"newest measured {MEASURED_VERSIONS[-1]} (no Claude Code version known)"
        return RuleBook(newest, basis, source, known=False)
    shown = version_text(version)
    if shown in MEASURED_VERSIONS:
        return RuleBook(version, "measured", source)
    if version > newest:
        basis = f"newest measured {MEASURED_VERSIONS[-1]} ({shown} is newer and not measured)"
    elif version < oldest:
        basis = f"oldest measured {MEASURED_VERSIONS[0]} ({shown} is older and not measured)"
    else:
        book = RuleBook(version, "", source)
        basis = f"nearest measured {book.rules_version} ({shown} is not measured)"
    return RuleBook(version, basis, source)
