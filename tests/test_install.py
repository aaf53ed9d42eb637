"""Installed like a tool: the sdist and wheel build, and the wheel works in a fresh virtual environment.

Offline by construction: `build --no-isolation` uses the hatchling installed in this venv (no download of a
build backend), and the wheel is installed with `--no-index --no-deps`. Its dependencies come from this
test venv's site-packages through a `.pth` line in the fresh venv: a path there is appended to sys.path after
the fresh venv's own site-packages, and `.pth` files inside it are not run, so this checkout's editable
install stays invisible and the package imported is the wheel's copy (asserted below).
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from claude_bedrock_tui import __version__

ROOT = Path(__file__).resolve().parents[1]
NAME = "claude_bedrock_tui"


def _run(argv: list[str], **options) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300, **options)
    assert result.returncode == 0, f"`{' '.join(argv)}` exited {result.returncode}:\n{result.stdout}{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (as a package index's builder would), in one folder."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)])
    return out


@pytest.fixture(scope="module")
def tool_venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel; dependencies resolved from this test venv, nothing downloaded."""
    venv = tmp_path_factory.mktemp("tool") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site_packages = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    )
    (site_packages / "test-venv-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    wheel = next(dist.glob("*.whl"))
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-deps", str(wheel)]
    _run(pip)
    return venv


@pytest.mark.slow
def test_the_wheel_ships_the_package_typed_and_licensed(dist: Path) -> None:
    info = f"{NAME}-{__version__}.dist-info"
    with zipfile.ZipFile(next(dist.glob(f"{NAME}-{__version__}-py3-none-any.whl"))) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"{info}/METADATA").decode()
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
    assert f"{NAME}/py.typed" in names
    assert f"{NAME}/app/styles/app.tcss" in names  # data files beside the code
    assert f"{info}/licenses/LICENSE" in names
    assert "License-Expression: MIT" in metadata and "Classifier: Typing :: Typed" in metadata
    assert "claude-bedrock-tui = claude_bedrock_tui.cli.main:main" in entry_points


@pytest.mark.slow
def test_the_sdist_carries_the_sources_tests_and_the_files_people_look_for(dist: Path) -> None:
    sdist = next(dist.glob(f"{NAME}-{__version__}.tar.gz"))
    top = f"{NAME}-{__version__}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    for member in ("LICENSE", "README.md", "CHANGELOG.md", "CONTRIBUTING.md", "pyproject.toml"):
        assert f"{top}/{member}" in names, member
    assert f"{top}/tui/{NAME}/cli/main.py" in names and f"{top}/tests/conftest.py" in names
    assert f"{top}/docs/check.schema.json" in names  # the tests read it, and it documents `check --json`


@pytest.mark.slow
def test_the_installed_tool_runs_from_its_own_venv(tool_venv: Path, isolated_env: Path) -> None:
    python, script = tool_venv / "bin" / "python", tool_venv / "bin" / "claude-bedrock-tui"
    where = _run([str(python), "-c", f"import {NAME}; print({NAME}.__file__)"]).stdout.strip()
    assert Path(where).is_relative_to(tool_venv), f"imported {where}, not the installed wheel"

    assert _run([str(script), "--version"]).stdout.strip() == f"claude-bedrock-tui {__version__}"
    assert _run([str(python), "-m", NAME, "--version"]).stdout.strip() == f"claude-bedrock-tui {__version__}"

    _shows_the_isolated_home([str(script)], isolated_env)


def _shows_the_isolated_home(command: list[str], isolated_env: Path) -> None:
    """`show --json` reads the test's HOME: its user settings file is there, read and parsed."""
    settings = isolated_env / "home" / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}}\n', encoding="utf-8")
    out = _run([*command, "show", "--json"], cwd=isolated_env / "work").stdout
    user = [f for f in json.loads(out)["files"] if f["scope"] == "user"]
    assert user == [{"scope": "user", "path": str(settings), "state": "ok", "error": None, "used_by_claude_code": True}]


def test_python_dash_m_runs_the_command_line(isolated_env: Path) -> None:
    assert _run([sys.executable, "-m", NAME, "--version"]).stdout.strip() == f"claude-bedrock-tui {__version__}"
    _shows_the_isolated_home([sys.executable, "-m", NAME], isolated_env)
