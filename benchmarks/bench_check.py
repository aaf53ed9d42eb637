"""Benchmark `claude-bedrock-tui check --json` against the local Bedrock stand-in (prints numbers only).

1. Wall time of `check --json` (two model slots) vs the AWS CLI doing only
   `aws sts get-caller-identity` + `aws bedrock list-inference-profiles`; runs interleaved,
   medians and the ratio printed (target <= 0.5).
2. The same check with 300 ms added latency per request vs 0 ms (target: at most +600 ms).

Needs the "bench" extra for the baseline: `.venv/bin/pip install -e '.[bench]'` (awscli).
Usage: .venv/bin/python benchmarks/bench_check.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claude_bedrock_tui.standin import Scenario, StandIn

SLOTS = {
    "ANTHROPIC_MODEL": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL": "us.anthropic.claude-haiku-4-5-20251001-v1:0",
}
BIN = Path(sys.executable).parent


def setup_home(root: Path) -> Path:
    """A HOME whose user settings turn Bedrock on with two model slots."""
    home = root / "home"
    (home / ".claude").mkdir(parents=True)
    (root / "work").mkdir()
    settings = {"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", **SLOTS}}
    (home / ".claude" / "settings.json").write_text(json.dumps(settings))
    return home


def base_env(home: Path, standin: StandIn) -> dict[str, str]:
    return {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": str(home),
        "AWS_ACCESS_KEY_ID": "AKIABENCHMARK",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_DEFAULT_REGION": "us-east-1",
        **standin.endpoint_env(),
    }


def driver_command() -> list[str]:
    """run_validation alone (no settings resolution): the validation engine's own share."""
    driver = (
        "import json; from claude_bedrock_tui.core.candidate import Candidate; "
        "from claude_bedrock_tui.validation import run_validation; import os; "
        f"env = dict(os.environ, **{SLOTS!r}); "
        "c = Candidate(env=env, region='us-east-1', region_origin='user', "
        f"models={{'primary': {SLOTS['ANTHROPIC_MODEL']!r}, 'haiku': {SLOTS['ANTHROPIC_DEFAULT_HAIKU_MODEL']!r}}}); "
        "print(json.dumps(run_validation(c).to_json()))"
    )
    return [sys.executable, "-c", driver]


def check_command() -> tuple[list[str], str]:
    """`check --json` through the installed script; the run_validation driver if the CLI is missing."""
    script = BIN / "claude-bedrock-tui"
    if script.exists():
        return [str(script), "check", "--json"], "claude-bedrock-tui check --json"
    return driver_command(), "run_validation driver (CLI not installed)"


def timed(commands: list[list[str]], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - started


def verify_check(command: list[str], env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    report = json.loads(done.stdout)
    failing = [c["id"] for c in report["checks"] if c["status"] == "fail"]
    models = [c["id"] for c in report["checks"] if c["id"].startswith("model:")]
    print(f"  sanity: ok={report['ok']} model checks={models} failing={failing}")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def compare_with_aws_cli(runs: int, home: Path, cwd: Path, page_size: int) -> None:
    aws = shutil.which("aws", path=f"{BIN}:/usr/local/bin:/usr/bin")
    if not aws:
        print("AWS CLI not found: install the bench extra (`pip install -e '.[bench]'`). Skipping the comparison.")
        return
    command, label = check_command()
    baseline = [
        [aws, "sts", "get-caller-identity", "--region", "us-east-1"],
        [aws, "bedrock", "list-inference-profiles", "--region", "us-east-1"],
    ]
    with StandIn(Scenario(page_size=page_size)) as standin:
        env = base_env(home, standin)
        verify_check(command, env, cwd)
        ours, engine, theirs = [], [], []
        for _ in range(runs):  # interleaved, so drift in machine load hits both sides alike
            ours.append(timed([command], env, cwd))
            engine.append(timed([driver_command()], env, cwd))
            theirs.append(timed(baseline, env, cwd))
    ratio = median_ms(ours) / median_ms(theirs)
    print(f"[vs AWS CLI] stand-in page_size={page_size}, {runs} interleaved runs each")
    print(f"  {label:<45} median {median_ms(ours):7.0f} ms  (min {min(ours) * 1000:.0f}, max {max(ours) * 1000:.0f})")
    print(f"  {'run_validation alone (driver, own runs)':<45} median {median_ms(engine):7.0f} ms")
    print(
        f"  {'aws sts get-caller-identity + list-inference-profiles':<45} median {median_ms(theirs):7.0f} ms  "
        f"(min {min(theirs) * 1000:.0f}, max {max(theirs) * 1000:.0f})"
    )
    print(f"  ratio {ratio:.2f}  (target <= 0.50); run_validation alone: {median_ms(engine) / median_ms(theirs):.2f}")


def latency_cost(runs: int, home: Path, cwd: Path, page_size: int) -> None:
    command, label = check_command()
    with StandIn(Scenario(page_size=page_size)) as standin:
        env = base_env(home, standin)
        fast, slow = [], []
        for _ in range(runs):
            standin.set_scenario(Scenario(page_size=page_size, latency_ms=0))
            fast.append(timed([command], env, cwd))
            standin.set_scenario(Scenario(page_size=page_size, latency_ms=300))
            slow.append(timed([command], env, cwd))
        standin.clear_requests()
        standin.set_scenario(Scenario(page_size=page_size))
        timed([command], env, cwd)
        requests = len(standin.requests)
    added = median_ms(slow) - median_ms(fast)
    print(
        f"[latency] {label}, stand-in page_size={page_size} ({requests} requests per check), "
        f"{runs} interleaved runs each"
    )
    print(f"  0 ms added:   median {median_ms(fast):7.0f} ms")
    print(f"  300 ms added: median {median_ms(slow):7.0f} ms")
    print(f"  cost of 300 ms per request: +{added:.0f} ms  (target <= +600 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as folder:
        root = Path(folder)
        home = setup_home(root)
        cwd = root / "work"
        # Real Bedrock returns up to maxResults (we ask for 1000) per page; the stand-in's default of
        # 3 forces pagination, which is worth seeing too: every extra page is one more round trip.
        for page_size in (1000, 3):
            compare_with_aws_cli(args.runs, home, cwd, page_size)
            latency_cost(args.runs, home, cwd, page_size)
            print()


if __name__ == "__main__":
    main()
