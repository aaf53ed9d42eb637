"""The conformance cases, as data. Each one is run with every pinned Claude Code version; the tool's
prediction for it must equal what that Claude Code sent. No case carries an expected value."""

from __future__ import annotations

from world import API_KEY, Case

SONNET_45 = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
SONNET_37 = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
OPUS_41 = "us.anthropic.claude-opus-4-1-20250805-v1:0"
HAIKU_45_EU = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
HAIKU_35 = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
HAIKU_45_US = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
GUARDRAIL_HEADERS = (
    "X-Amzn-Bedrock-GuardrailIdentifier: gr-conformance\nX-Amzn-Bedrock-GuardrailVersion: 3\nX-Team: infra"
)
# Windows line ends, a line without a colon, spaces around names and values.
GUARDRAIL_CRLF = (
    "  X-Amzn-Bedrock-GuardrailIdentifier :  gr-crlf \r\nnot a header\r\n\r\nX-Amzn-Bedrock-GuardrailVersion:DRAFT"
)
APP_PROFILE = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"

USER = "home/.claude/settings.json"
PROJECT = "repo/.claude/settings.json"
LOCAL = "repo/.claude/settings.local.json"
MANAGED = "managed/managed-settings.json"
AWS_CONFIG = "home/.aws/config"
AWS_CREDENTIALS = "home/.aws/credentials"

DEV_PROFILE = "[dev]\naws_access_key_id = AKIADEVPROFILE000001\naws_secret_access_key = dev-secret\n"
DEFAULT_PROFILE = "[default]\naws_access_key_id = AKIADEFAULTPROF00001\naws_secret_access_key = default-secret\n"


def env(**values: object) -> dict[str, object]:
    return {"env": values}


PIN = {"ANTHROPIC_MODEL": SONNET_45}  # a pinned primary keeps cases about other things short

CASES: tuple[Case, ...] = (
    # --- which files count -------------------------------------------------------------------------
    Case("user-env-beats-shell", {USER: env(AWS_REGION="eu-west-1")}),
    Case("user-env-empty-cancels-shell", {USER: env(AWS_REGION="")}, {"AWS_REGION": "eu-west-2"}),
    Case(
        "claude-config-dir",
        {"cfg/settings.json": env(AWS_REGION="ap-northeast-1"), USER: env(AWS_REGION="eu-west-1")},
        {"CLAUDE_CONFIG_DIR": "$ROOT/cfg"},
    ),
    Case("project-in-cwd", {PROJECT: env(AWS_REGION="eu-central-1")}),
    Case("project-beats-user", {USER: env(AWS_REGION="eu-west-1"), PROJECT: env(AWS_REGION="eu-central-1")}),
    Case("local-beats-project", {PROJECT: env(AWS_REGION="eu-central-1"), LOCAL: env(AWS_REGION="eu-north-1")}),
    Case("subfolder-ignores-root-project", {PROJECT: env(AWS_REGION="eu-west-3")}, cwd="repo/sub"),
    Case(
        "subfolder-own-project",
        {PROJECT: env(AWS_REGION="eu-west-3"), "repo/sub/.claude/settings.json": env(AWS_REGION="ap-south-1")},
        cwd="repo/sub",
    ),
    Case("root-local-from-subfolder", {LOCAL: env(AWS_REGION="eu-west-2")}, cwd="repo/sub"),
    Case("subfolder-local", {"repo/sub/.claude/settings.local.json": env(AWS_REGION="ap-southeast-2")}, cwd="repo/sub"),
    Case(
        "local-root-and-deeper",
        {
            LOCAL: env(AWS_REGION="eu-west-2"),
            "repo/sub/deeper/.claude/settings.json": env(ANTHROPIC_MODEL=SONNET_37),
            "repo/sub/deeper/.claude/settings.local.json": env(AWS_REGION="ap-southeast-1"),
        },
        cwd="repo/sub/deeper",
    ),
    Case(
        "local-in-cwd-and-root",
        {LOCAL: env(AWS_REGION="eu-west-2"), "repo/sub/.claude/settings.local.json": env(ANTHROPIC_MODEL=SONNET_37)},
        cwd="repo/sub",
    ),
    Case("no-git-local", {"plain/.claude/settings.local.json": env(AWS_REGION="eu-south-1")}, cwd="plain"),
    Case("managed-beats-local", {MANAGED: env(AWS_REGION="ca-central-1"), LOCAL: env(AWS_REGION="eu-west-1")}),
    Case(
        "managed-dropins-in-name-order",
        {
            MANAGED: env(AWS_REGION="eu-west-1", ANTHROPIC_MODEL=SONNET_37),
            "managed/managed-settings.d/20-b.json": env(AWS_REGION="eu-west-3"),
            "managed/managed-settings.d/10-a.json": env(AWS_REGION="eu-west-2"),
        },
    ),
    Case("managed-dropin-alone", {"managed/managed-settings.d/50-bedrock.json": env(ANTHROPIC_MODEL=OPUS_41)}),
    Case("home-settings-local-ignored", {"home/.claude/settings.local.json": env(AWS_REGION="eu-west-1")}),
    Case(
        "broken-json-dropped", {USER: '{"env": {"AWS_REGION": "eu-west-1",}}', PROJECT: env(ANTHROPIC_MODEL=SONNET_37)}
    ),
    Case("model-number-drops-file", {USER: {"model": 5, "env": {"AWS_REGION": "eu-west-1"}}}),
    Case(
        "permissions-string-drops-file",
        {PROJECT: {"permissions": {"allow": "Bash"}, "env": {"AWS_REGION": "eu-west-1"}}},
    ),
    Case("hooks-string-drops-file", {USER: {"hooks": "none", "env": {"AWS_REGION": "eu-west-1"}}}),
    Case("overrides-string-drops-file", {USER: {"modelOverrides": "none", "env": {"AWS_REGION": "eu-west-1"}}}),
    Case("export-number-drops-file", {USER: {"awsCredentialExport": 5, "env": {"AWS_REGION": "eu-west-1"}}}),
    Case("env-string-drops-file", {USER: {"env": "AWS_REGION=eu-west-1", "model": SONNET_37}}),
    Case("unknown-key-kept", {USER: {"someFutureSetting": {"x": [1]}, "env": {"AWS_REGION": "eu-west-1"}}}),
    Case("env-number-turns-bedrock-on", {USER: env(CLAUDE_CODE_USE_BEDROCK=1)}, {"CLAUDE_CODE_USE_BEDROCK": None}),
    Case("env-null-region", {USER: env(AWS_REGION=None)}),
    Case("env-object-region", {USER: env(AWS_REGION={"a": 1})}, {"AWS_DEFAULT_REGION": "eu-west-1"}),
    Case("empty-user-file", {USER: "", PROJECT: env(AWS_REGION="eu-west-1")}),
    # --- Bedrock on or off ---------------------------------------------------------------------------
    Case("flag-true", shell={"CLAUDE_CODE_USE_BEDROCK": "true"}),
    Case("flag-on-spaced", shell={"CLAUDE_CODE_USE_BEDROCK": " ON "}),
    Case("flag-yes", shell={"CLAUDE_CODE_USE_BEDROCK": "yes"}),
    Case("flag-zero", shell={"CLAUDE_CODE_USE_BEDROCK": "0"}),
    Case("flag-two", shell={"CLAUDE_CODE_USE_BEDROCK": "2"}),
    Case("flag-cleared-by-settings", {USER: env(CLAUDE_CODE_USE_BEDROCK="")}),
    # --- region ------------------------------------------------------------------------------------
    Case("region-default", shell={"AWS_REGION": None}),
    Case("aws-default-region", shell={"AWS_REGION": None, "AWS_DEFAULT_REGION": "eu-west-1"}),
    Case(
        "profile-region-in-config",
        {AWS_CONFIG: "[profile dev]\nregion = eu-west-1\n", AWS_CREDENTIALS: DEV_PROFILE},
        {"AWS_REGION": None, "AWS_PROFILE": "dev"},
    ),
    Case(
        "profile-region-credentials-beat-config",
        {AWS_CONFIG: "[profile dev]\nregion = eu-west-1\n", AWS_CREDENTIALS: DEV_PROFILE + "region = ap-south-1\n"},
        {"AWS_REGION": None, "AWS_PROFILE": "dev"},
    ),
    Case("default-profile-region", {AWS_CONFIG: "[default]\nregion = eu-central-1\n"}, {"AWS_REGION": None}),
    Case(
        "profile-from-settings",
        {USER: env(AWS_PROFILE="dev"), AWS_CONFIG: "[profile dev]\nregion = eu-west-2\n", AWS_CREDENTIALS: DEV_PROFILE},
        {"AWS_REGION": None},
    ),
    Case(
        "config-file-from-settings",
        {
            USER: env(AWS_CONFIG_FILE="$ROOT/alt/config"),
            "alt/config": "[default]\nregion = ap-northeast-1\n",
            AWS_CONFIG: "[default]\nregion = eu-west-1\n",
        },
        {"AWS_REGION": None},
    ),
    Case(
        "credentials-file-from-settings",
        {
            USER: env(AWS_SHARED_CREDENTIALS_FILE="$ROOT/alt/credentials", AWS_PROFILE="dev"),
            "alt/credentials": DEV_PROFILE + "region = eu-north-1\n",
        },
        {"AWS_REGION": None},
    ),
    Case(
        "aws-default-profile-ignored",
        {
            AWS_CONFIG: "[profile dev]\nregion = eu-west-1\n[default]\nregion = ca-central-1\n",
            AWS_CREDENTIALS: DEV_PROFILE,
        },
        {"AWS_REGION": None, "AWS_DEFAULT_PROFILE": "dev"},
    ),
    Case("region-trimmed", {USER: env(AWS_REGION="  eu-west-2  ")}),
    Case("region-odd-shape", {USER: env(AWS_REGION="5")}, {"AWS_DEFAULT_REGION": "eu-west-1"}),
    # --- credentials -------------------------------------------------------------------------------
    Case("api-key", shell={"AWS_BEARER_TOKEN_BEDROCK": API_KEY}),
    Case("api-key-in-settings", {USER: env(AWS_BEARER_TOKEN_BEDROCK=API_KEY)}),
    Case("api-key-beats-skip-auth", shell={"AWS_BEARER_TOKEN_BEDROCK": API_KEY, "CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1"}),
    Case("api-key-blank-ignored", shell={"AWS_BEARER_TOKEN_BEDROCK": "   "}),
    Case("skip-auth", shell={"CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1"}),
    Case(
        "skip-auth-beats-export",
        {USER: {"awsCredentialExport": "$ROOT/bin/export.sh"}},
        {"CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1"},
    ),
    Case("export-in-user-settings", {USER: {"awsCredentialExport": "$ROOT/bin/export.sh"}}),
    Case(
        "api-key-beats-export",
        {USER: {"awsCredentialExport": "$ROOT/bin/export.sh"}},
        {"AWS_BEARER_TOKEN_BEDROCK": API_KEY},
    ),
    Case(
        "export-beats-profile",
        {USER: {"awsCredentialExport": "$ROOT/bin/export.sh"}, AWS_CREDENTIALS: DEV_PROFILE},
        {"AWS_PROFILE": "dev"},
    ),
    Case("export-in-project-settings", {PROJECT: {"awsCredentialExport": "$ROOT/bin/export.sh"}}),
    Case("profile-hides-env-keys", {AWS_CREDENTIALS: DEV_PROFILE}, {"AWS_PROFILE": "dev"}),
    Case("env-keys-before-default-profile", {AWS_CREDENTIALS: DEFAULT_PROFILE}),
    Case(
        "default-profile-keys",
        {AWS_CREDENTIALS: DEFAULT_PROFILE},
        {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None},
    ),
    Case("settings-profile-hides-shell-keys", {USER: env(AWS_PROFILE="dev"), AWS_CREDENTIALS: DEV_PROFILE}),
    Case(
        "credential-process-profile",
        {AWS_CONFIG: "[profile proc]\ncredential_process = $ROOT/bin/process.sh\n"},
        {"AWS_PROFILE": "proc"},
    ),
    # --- models ------------------------------------------------------------------------------------
    Case("pinned-primary", shell=PIN),
    Case("model-key", {USER: {"model": SONNET_37}}),
    Case("env-model-beats-key", {USER: {"model": SONNET_37}}, PIN),
    Case("default-us"),
    Case("default-eu", shell={"AWS_REGION": "eu-central-1"}),
    Case("default-ap", shell={"AWS_REGION": "ap-northeast-1"}),
    Case("default-other-region", shell={"AWS_REGION": "ca-central-1"}),
    Case("default-newer-catalogue", catalogue="newer"),
    Case("default-newer-catalogue-eu", shell={"AWS_REGION": "eu-west-1"}, catalogue="newer"),
    Case("alias-opus", shell={"ANTHROPIC_MODEL": "opus"}),
    Case("alias-sonnet-eu", {USER: {"model": "sonnet"}}, {"AWS_REGION": "eu-west-1"}),
    Case("alias-haiku", shell={"ANTHROPIC_MODEL": "haiku"}),
    Case("alias-with-pin", shell={"ANTHROPIC_MODEL": "opus", "ANTHROPIC_DEFAULT_OPUS_MODEL": OPUS_41}),
    Case("alias-1m", shell={"ANTHROPIC_MODEL": "sonnet[1m]"}),
    Case("alias-opusplan", shell={"ANTHROPIC_MODEL": "opusplan"}),
    Case("pinned-1m", shell={"ANTHROPIC_MODEL": SONNET_45 + "[1m]"}),
    Case("pinned-with-spaces", {USER: env(ANTHROPIC_MODEL=f"  {SONNET_37} ")}),
    Case("bare-model-id", shell={"ANTHROPIC_MODEL": "anthropic.claude-sonnet-4-5-20250929-v1:0"}),
    Case("application-profile-arn", shell={"ANTHROPIC_MODEL": APP_PROFILE}),
    Case(
        "override-rewrites-default",
        {USER: {"modelOverrides": {"claude-sonnet-4-5-20250929": APP_PROFILE, "claude-opus-4-5-20251101": OPUS_41}}},
    ),
    Case(
        "override-key-sent-literally",
        {USER: {"modelOverrides": {"claude-sonnet-4-5-20250929": APP_PROFILE}}},
        {"ANTHROPIC_MODEL": "claude-sonnet-4-5-20250929"},
    ),
    Case(
        "override-via-alias", {USER: {"model": "sonnet", "modelOverrides": {"claude-sonnet-4-5-20250929": APP_PROFILE}}}
    ),
    Case(
        "override-in-opus-chain",
        {USER: {"modelOverrides": {"claude-opus-4-5-20251101": OPUS_41}}},
        {"ANTHROPIC_MODEL": "opus"},
    ),
    Case("sonnet-default-unlisted", catalogue="without:anthropic.claude-sonnet-4-5-20250929-v1:0"),
    Case("pinned-opus-primary", shell={"ANTHROPIC_MODEL": OPUS_41}),
    Case(
        "pinned-tiers",
        shell={**PIN, "ANTHROPIC_DEFAULT_OPUS_MODEL": OPUS_41, "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU_35},
    ),
    # --- the background model ------------------------------------------------------------------------
    Case(
        "background-haiku-pin-own-region",
        shell={
            **PIN,
            "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU_45_EU,
            "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "eu-west-1",
        },
    ),
    Case(
        "background-small-fast-beats-haiku",
        shell={**PIN, "ANTHROPIC_SMALL_FAST_MODEL": HAIKU_35, "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU_45_EU},
    ),
    Case("background-is-main-model", shell={**PIN, "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "eu-west-1"}),
    Case(
        "background-region-same-model",
        shell={**PIN, "ANTHROPIC_SMALL_FAST_MODEL": SONNET_45, "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "eu-west-1"},
    ),
    Case("background-default-everything", shell={"ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "us-west-2"}),
    # --- what goes on the wire besides the model: Mantle, Bedrock headers, the region prefix (issue 12) -------
    Case("service-tier-header", {USER: env(ANTHROPIC_BEDROCK_SERVICE_TIER="flex")}, PIN),
    Case("service-tier-as-written", shell={**PIN, "ANTHROPIC_BEDROCK_SERVICE_TIER": "Premium"}),
    Case(
        "guardrail-headers",
        {USER: env(ANTHROPIC_CUSTOM_HEADERS=GUARDRAIL_HEADERS)},
        {"ANTHROPIC_BEDROCK_SERVICE_TIER": "priority"},
    ),
    Case("custom-headers-crlf-and-junk", shell={**PIN, "ANTHROPIC_CUSTOM_HEADERS": GUARDRAIL_CRLF}),
    Case("region-prefix-global", {USER: env(ANTHROPIC_BEDROCK_REGION_PREFIX="global")}),
    Case("region-prefix-eu-in-us-west-2", shell={"ANTHROPIC_BEDROCK_REGION_PREFIX": "eu", "AWS_REGION": "us-west-2"}),
    Case(
        "region-prefix-ignored-in-govcloud",
        shell={"ANTHROPIC_BEDROCK_REGION_PREFIX": "eu", "AWS_REGION": "us-gov-west-1"},
    ),
    Case(
        "mantle-routes-mantle-ids",
        {USER: env(CLAUDE_CODE_USE_MANTLE="1", ANTHROPIC_MODEL="anthropic.claude-sonnet-4-5")},
        {
            "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU_45_US,
            "ANTHROPIC_BEDROCK_SERVICE_TIER": "flex",
            "ANTHROPIC_CUSTOM_HEADERS": GUARDRAIL_HEADERS,
        },
    ),
    Case("default-model-variable", {USER: env(ANTHROPIC_DEFAULT_MODEL=SONNET_37)}),
    Case("default-model-alias-inert", shell={"ANTHROPIC_DEFAULT_MODEL": "haiku"}),
    Case("default-model-below-model-key", {USER: {"model": OPUS_41, "env": {"ANTHROPIC_DEFAULT_MODEL": SONNET_37}}}),
    Case(
        "mantle-keeps-profile-ids-on-runtime",
        shell={**PIN, "CLAUDE_CODE_USE_MANTLE": "1", "ANTHROPIC_BEDROCK_SERVICE_TIER": "flex"},
    ),
)
