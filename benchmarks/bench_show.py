"""Wall time of `claude-bedrock-tui show --json` on an empty HOME, next to `python -c pass`.

Run: .venv/bin/python benchmarks/bench_show.py [runs]. Target: show --json under 0.3 s.
Both commands run interleaved in fresh processes with the same environment, so the ratio is fair.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(runs: int = 20) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ANTHROPIC_", "CLAUDE_"))}
        env.update(HOME=home, CLAUDE_BEDROCK_TUI_MANAGED_DIR=os.path.join(home, "managed"))
        baseline_cmd = [sys.executable, "-c", "pass"]
        show_cmd = [sys.executable, "-m", "claude_bedrock_tui", "show", "--json"]
        _time(show_cmd, env)  # warm the file cache and bytecode
        baseline, show = [], []
        for _ in range(runs):
            baseline.append(_time(baseline_cmd, env))
            show.append(_time(show_cmd, env))
    b, s = statistics.median(baseline), statistics.median(show)
    print(f"python -c pass       median {b * 1000:7.1f} ms  (min {min(baseline) * 1000:.1f})")
    print(f"show --json          median {s * 1000:7.1f} ms  (min {min(show) * 1000:.1f})")
    print(f"show --json - python  {(s - b) * 1000:7.1f} ms   ratio {s / b:.2f}x")
    print(f"target: show --json under 300 ms -> {'met' if s < 0.3 else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
