"""The engine benchmark runs (quickly, on the minimal rule set) and writes its report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quick_benchmark_writes_a_report(tmp_path: Path) -> None:
    output = tmp_path / "engine.md"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "engine_benchmark.py"), "--quick",
         "--rules", str(ROOT / "tests" / "fixtures" / "rules" / "minimal"), "--output", str(output)],
        check=True, capture_output=True, text=True, timeout=120,
    )
    report = output.read_text(encoding="utf-8")
    assert "| rule set | minimal 1.0" in report
    assert "evaluations per second (300 random answer sets" in report
    assert "cores" in report
    assert "| Python | 3." in report
