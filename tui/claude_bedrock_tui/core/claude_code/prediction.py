"""One prediction of what Claude Code will do with a configuration: files, environment, region,
credentials and every model slot, for one Claude Code version.

Everything that says "Claude Code will use ..." (show, check, set, the TUI, profiles) goes through
`predict`; nothing else re-derives these answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claude_bedrock_tui.core.claude_code.credentials import CredentialPrediction, predict_credentials
from claude_bedrock_tui.core.claude_code.environment import is_on, merged_environment
from claude_bedrock_tui.core.claude_code.models import ModelInputs, Probe, SlotPrediction, predict_models
from claude_bedrock_tui.core.claude_code.region import RegionPrediction, predict_region
from claude_bedrock_tui.core.claude_code.requests import RequestShape, predict_request
from claude_bedrock_tui.core.claude_code.rules import RuleBook, always, register
from claude_bedrock_tui.core.claude_code.settings_schema import ENV_VALUES_COERCED, FILE_DROPPED_FOR_ONE_BAD_KEY
from claude_bedrock_tui.core.claude_code.variables import unread_settings
from claude_bedrock_tui.core.settings_files import SettingsFile

if TYPE_CHECKING:  # the AWS profile files are read after the first frame, and their module with them
    from claude_bedrock_tui.core.aws_profiles import AwsProfiles

SETTINGS_KEYS_MERGE = always(
    "settings-keys-merge",
    "Scalar settings keys (model, awsCredentialExport, awsAuthRefresh) come from the highest scope that sets "
    "them; modelOverrides merge key by key, the higher scope winning.",
    True,
)
register(SETTINGS_KEYS_MERGE)

ReadAws = Callable[[Mapping[str, str]], "AwsProfiles"]


@dataclass(frozen=True)
class Prediction:
    """What Claude Code will do with this configuration: files read, environment, region, credentials, models."""

    claude_code: dict[str, str]  # version, rules, basis, source
    cwd: Path
    files: tuple[SettingsFile, ...]  # highest precedence first; `counted` says which Claude Code uses
    env: dict[str, str]  # the process environment Claude Code runs with
    bedrock: bool
    region: RegionPrediction
    credentials: CredentialPrediction
    models: dict[str, SlotPrediction]
    probes: tuple[Probe, ...]
    aws: AwsProfiles | None
    rules_used: frozenset[str] = field(default_factory=frozenset)
    unread: frozenset[str] = frozenset()  # settings this Claude Code version does not read
    request: RequestShape = field(default_factory=lambda: RequestShape("runtime"))  # endpoint, Bedrock headers

    def to_json(self) -> dict[str, object]:
        return {
            "claude_code": dict(self.claude_code),
            "bedrock": self.bedrock,
            "region": {"value": self.region.value, "source": self.region.describe()},
            "credentials": self.credentials.to_json(),
            "models": {slot: p.to_json() for slot, p in self.models.items()},
            "probes": [{"model": p.model_id, "region": p.region, "tier": p.tier} for p in self.probes],
            "not_read": sorted(self.unread),
            "request": self.request.to_json(),
        }


def key_value(files: Sequence[SettingsFile], key: str) -> tuple[str, str] | None:
    """(value, scope) of a string settings key from the highest counted file that sets it."""
    for f in files:
        if f.counted and isinstance((f.data or {}).get(key), str):
            return f.data[key], f.scope  # type: ignore[index]  # counted files have data
    return None


def model_overrides(files: Sequence[SettingsFile]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for f in reversed([f for f in files if f.counted]):
        overrides = (f.data or {}).get("modelOverrides")
        if isinstance(overrides, dict):
            merged.update({k: v for k, v in overrides.items() if isinstance(v, str)})
    return merged


def predict(
    cwd: Path,
    shell: Mapping[str, str],
    files: Sequence[SettingsFile],
    book: RuleBook,
    read_aws: ReadAws | None,
    *,
    listing: Sequence[str] | None = None,
    answers: Callable[[str, str], bool] | None = None,
) -> Prediction:
    """What Claude Code started in `cwd` with `shell` and these settings files would do.

    `read_aws` reads the AWS profile files for an environment (None: do not read them, e.g. for a first
    frame). `listing` (the region's system inference-profile IDs) and `answers` (does a model answer a
    probe in a region) refine the models where they are known.
    """
    for f in files:  # the schema verdicts were reached when the files were read (settings_files.judge)
        if f.ignored:
            book(FILE_DROPPED_FOR_ONE_BAD_KEY)
        if f.coerced:
            book(ENV_VALUES_COERCED)
    counted = [f for f in files if f.counted]
    env = merged_environment(shell, (f.env for f in reversed(counted)), book)
    aws = read_aws(env) if read_aws is not None else None
    region = predict_region(env, aws, book)
    book(SETTINGS_KEYS_MERGE)
    export = key_value(files, "awsCredentialExport")
    credentials = predict_credentials(env, aws, export, book)
    model_key = key_value(files, "model")
    inputs = ModelInputs(
        env, model_key[0] if model_key else None, model_overrides(files), region.value, listing, answers
    )
    models, probes = predict_models(inputs, book)
    unread = unread_settings(env, book)
    request = predict_request(env, models["primary"].resolved, book)
    return Prediction(
        claude_code=book.to_json(),
        cwd=cwd,
        files=tuple(files),
        env=env,
        bedrock=is_on(env.get("CLAUDE_CODE_USE_BEDROCK"), book),
        region=region,
        credentials=credentials,
        models=models,
        probes=probes,
        aws=aws,
        rules_used=frozenset(book.used),
        unread=unread,
        request=request,
    )
