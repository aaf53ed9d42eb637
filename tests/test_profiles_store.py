"""The profiles file: comments and order survive every write; a broken file is reported, never written."""

from __future__ import annotations

from pathlib import Path

import pytest

from claude_bedrock_tui.profiles import (
    OFF,
    FileIssue,
    Profile,
    ProfileError,
    ProfileFileError,
    ProfileStore,
    default_profiles_path,
)

HAND_WRITTEN = """\
# My Bedrock setups -- written by hand
# (second comment line)

[profiles.work]   # the day job
# SSO through Identity Center
AWS_PROFILE = "work-sso"  # do not change
AWS_REGION = "us-east-1"
awsAuthRefresh = "aws sso login --profile work-sso"

# the cheap one
[profiles.personal]
description = "my own account"
AWS_REGION = "us-west-2"  # closest region
CLAUDE_CODE_MAX_OUTPUT_TOKENS = 16000
keys_from_env = { AWS_BEARER_TOKEN_BEDROCK = "PERSONAL_BEDROCK_KEY" }

[profiles."team.eu"]
AWS_REGION = "eu-west-1"
# trailing comment in the last profile
"""
COMMENTS = [line.split("#", 1)[1] for line in HAND_WRITTEN.splitlines() if "#" in line]


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    path = tmp_path / "profiles.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return ProfileStore(path)


def test_default_path_is_the_platformdirs_config_folder(isolated_env: Path) -> None:
    assert default_profiles_path() == isolated_env / "xdg" / "config" / "claude-bedrock-tui" / "profiles.toml"
    assert ProfileStore().path == default_profiles_path()


def test_load_reads_profiles_in_file_order(store: ProfileStore) -> None:
    profiles = store.load()
    assert list(profiles) == ["work", "personal", "team.eu"]
    assert profiles["work"].settings() == {
        "AWS_PROFILE": "work-sso",
        "awsAuthRefresh": "aws sso login --profile work-sso",
        "AWS_REGION": "us-east-1",
    }
    assert profiles["work"].credential_method == "aws-profile"
    personal = profiles["personal"]
    assert personal.settings()["CLAUDE_CODE_MAX_OUTPUT_TOKENS"] == "16000"  # a TOML integer is accepted
    assert personal.keys_from_env == {"AWS_BEARER_TOKEN_BEDROCK": "PERSONAL_BEDROCK_KEY"}
    assert personal.credential_method == "api-key"
    assert list(store.all_profiles()) == [OFF, "work", "personal", "team.eu"]


def test_comments_and_order_survive_every_kind_of_write(store: ProfileStore) -> None:
    work = store.load()["work"]
    changed = Profile.from_settings(
        {
            **work.settings(),
            "AWS_REGION": "eu-central-1",
            "ANTHROPIC_MODEL": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
        }
    )
    store.save_profile("work", changed)
    store.save_profile("new", Profile.from_settings({"AWS_REGION": "ap-northeast-1"}))
    store.rename("personal", "home")
    store.delete("team.eu")
    text = store.path.read_text(encoding="utf-8")
    for comment in COMMENTS:
        if "trailing comment in the last profile" not in comment:  # deleted with its profile
            assert comment in text, comment
    assert 'AWS_PROFILE = "work-sso"  # do not change' in text
    assert 'AWS_REGION = "eu-central-1"' in text and "us-east-1" not in text
    assert '[profiles.home]\ndescription = "my own account"' in text
    assert 'AWS_REGION = "us-west-2"  # closest region' in text
    # the new model goes after the last key of its table, not after the comment that follows it
    assert text.index("ANTHROPIC_MODEL") < text.index("# the cheap one")
    profiles = store.load()
    assert list(profiles) == ["work", "home", "new"]
    assert profiles["work"].settings()["AWS_REGION"] == "eu-central-1"
    assert profiles["home"].keys_from_env == {"AWS_BEARER_TOKEN_BEDROCK": "PERSONAL_BEDROCK_KEY"}


def test_updating_one_value_changes_only_its_line(store: ProfileStore) -> None:
    personal = store.load()["personal"]
    store.save_profile("personal", Profile.model_validate({**personal.to_data(), "AWS_REGION": "us-east-2"}))
    before, after = HAND_WRITTEN.splitlines(), store.path.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    assert [(b, a) for b, a in zip(before, after, strict=False) if a != b] == [
        ('AWS_REGION = "us-west-2"  # closest region', 'AWS_REGION = "us-east-2"  # closest region')
    ]


def test_saving_the_same_profile_again_changes_nothing(store: ProfileStore) -> None:
    for name, profile in store.load().items():
        store.save_profile(name, profile)
    assert store.path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_first_save_creates_the_file_with_a_header(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "new" / "folder" / "profiles.toml")
    assert store.load() == {}
    store.save_profile("a", Profile.from_settings({"AWS_REGION": "us-east-1"}, {"AWS_ACCESS_KEY_ID": "MY_KEY_ID"}))
    text = store.path.read_text(encoding="utf-8")
    assert text.startswith("# Named Bedrock setups")
    assert 'keys_from_env = {AWS_ACCESS_KEY_ID = "MY_KEY_ID"}' in text
    assert store.load()["a"].keys_from_env == {"AWS_ACCESS_KEY_ID": "MY_KEY_ID"}


@pytest.mark.parametrize("action", ["save", "delete", "rename_from", "rename_to"])
def test_the_builtin_off_profile_is_not_writable(store: ProfileStore, action: str) -> None:
    profile = Profile.from_settings({"AWS_REGION": "us-east-1"})
    calls = {
        "save": lambda: store.save_profile(OFF, profile),
        "delete": lambda: store.delete(OFF),
        "rename_from": lambda: store.rename(OFF, "x"),
        "rename_to": lambda: store.rename("work", OFF),
    }
    with pytest.raises(ProfileError, match="built"):
        calls[action]()
    assert store.path.read_text(encoding="utf-8") == HAND_WRITTEN


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.rename("work", "personal"), "already exists"),
        (lambda s: s.rename("nope", "x"), "No profile named 'nope'"),
        (lambda s: s.delete("nope"), "No profile named 'nope'"),
        (lambda s: s.get("nope"), "No profile named 'nope'"),
        (lambda s: s.save_profile("has space", Profile()), "not a usable profile name"),
    ],
)
def test_bad_names_are_refused(store: ProfileStore, call, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        call(store)
    assert store.path.read_text(encoding="utf-8") == HAND_WRITTEN


BAD_FILES = {
    "syntax": ('[profiles.a]\nAWS_REGION = "us-east-1"\nAWS_PROFILE = work\n', 3, "not valid TOML"),
    "unterminated": ('# c\n[profiles.a]\nAWS_REGION = "us-east-1\n', 3, "not valid TOML"),
    "duplicate": ('[profiles.a]\nAWS_REGION = "x"\nAWS_REGION = "y"\n', 3, "not valid TOML"),
    "unknown_key": (
        '[profiles.a]\nAWS_REGION = "us-east-1"\n\nAWS_REGON = "us-east-1"\n',
        4,
        "unknown key 'AWS_REGON' (did you mean AWS_REGION?)",
    ),
    "secret_value": (
        '[profiles.a]\nAWS_REGION = "us-east-1"\nAWS_SECRET_ACCESS_KEY = "abc/def"\n',
        3,
        "never stored in a profile",
    ),
    "wrong_type": ('[profiles.a]\n# comment\nAWS_REGION = ["us-east-1"]\n', 3, "must be a quoted string"),
    "bool_tokens": ("[profiles.a]\nMAX_THINKING_TOKENS = true\n", 2, "must be a quoted string"),
    "key_as_reference": (
        '[profiles.a]\nkeys_from_env = { AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE" }\n',
        2,
        "not the name of an environment variable",
    ),
    "reference_to_non_secret": (
        '[profiles.a]\nkeys_from_env = { AWS_REGION = "MY_REGION" }\n',
        2,
        "not a secret setting",
    ),
    "top_level": ('region = "us-east-1"\n[profiles.a]\n', 1, "unknown top-level key 'region'"),
    "profile_not_table": ('[profiles]\na = "us-east-1"\n', 2, "must be a table"),
    "profiles_not_table": ("profiles = 3\n", 1, "must be a table"),
    "reserved_name": ('[profiles.off]\nAWS_REGION = "us-east-1"\n', 1, "built-in profile"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_broken_file_is_reported_with_its_line_and_never_written(tmp_path: Path, case: str) -> None:
    text, line, message = BAD_FILES[case]
    path = tmp_path / "profiles.toml"
    path.write_text(text, encoding="utf-8")
    store = ProfileStore(path)
    with pytest.raises(ProfileFileError) as caught:
        store.load()
    error = caught.value
    assert error.path == path and error.line == line
    assert message in str(error) and f"{path}:{line}" in str(error)
    for write in (
        lambda: store.save_profile("b", Profile.from_settings({"AWS_REGION": "us-east-1"})),
        lambda: store.delete("a"),
        lambda: store.rename("a", "c"),
    ):
        with pytest.raises(ProfileFileError):
            write()
    assert path.read_text(encoding="utf-8") == text


def test_every_problem_in_a_file_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text('[profiles.a]\nAWS_REGON = "x"\n[profiles.b]\nAWS_REGION = 5\n', encoding="utf-8")
    with pytest.raises(ProfileFileError) as caught:
        ProfileStore(path).load()
    assert [(i.line, i.message.split(":")[0]) for i in caught.value.issues] == [(2, "profile 'a'"), (4, "profile 'b'")]


def test_syntax_errors_carry_a_column(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text("[profiles.a]\nAWS_REGION = us\n", encoding="utf-8")
    with pytest.raises(ProfileFileError) as caught:
        ProfileStore(path).load()
    assert caught.value.issues == [FileIssue(2, caught.value.issues[0].message, 14)]
    assert f"{path}:2:14: not valid TOML" in str(caught.value)


def test_not_utf8_and_a_folder_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_bytes(b'# ok\n[profiles.a]\nAWS_REGION = "caf\xe9"\n')
    with pytest.raises(ProfileFileError, match="not UTF-8") as caught:
        ProfileStore(path).load()
    assert caught.value.line == 3
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ProfileFileError, match="is a folder"):
        ProfileStore(folder).load()


def test_rename_changes_only_the_header(store: ProfileStore) -> None:
    store.rename("personal", "home")
    before, after = HAND_WRITTEN.splitlines(), store.path.read_text(encoding="utf-8").splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if a != b]
    assert changed == [("[profiles.personal]", "[profiles.home]")]
    assert len(before) == len(after)


def test_a_key_table_written_as_a_sub_table_stays_one(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(
        '[profiles.a]\nAWS_REGION = "us-east-1"\n\n[profiles.a.keys_from_env]\n'
        'AWS_BEARER_TOKEN_BEDROCK = "OLD_VAR"  # from the password manager\n',
        encoding="utf-8",
    )
    store = ProfileStore(path)
    store.save_profile(
        "a",
        Profile.from_settings(
            {"AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "us.x"}, {"AWS_BEARER_TOKEN_BEDROCK": "NEW_VAR"}
        ),
    )
    text = path.read_text(encoding="utf-8")
    assert 'AWS_BEARER_TOKEN_BEDROCK = "NEW_VAR"  # from the password manager' in text
    assert text.index('ANTHROPIC_MODEL = "us.x"') < text.index("[profiles.a.keys_from_env]")
    saved = store.load()["a"]
    assert saved.settings() == {"AWS_REGION": "us-east-1", "ANTHROPIC_MODEL": "us.x"}
    assert saved.keys_from_env == {"AWS_BEARER_TOKEN_BEDROCK": "NEW_VAR"}
