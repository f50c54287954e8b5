"""Benchmark of the scoring engine: load+validate time and evaluations per second.

    python benchmarks/engine_benchmark.py            # full run, writes benchmarks/engine.md
    python benchmarks/engine_benchmark.py --quick    # a few seconds, for a smoke test

Evaluation speed is compared with a baseline measured in the same run on the same answer
sets (json.loads of the answers), so the ratio stays meaningful on slower or faster machines.
Bounded: fixed numbers of loads and answer sets, no open-ended loops.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selfcheck.engine import (  # noqa: E402  (the repo root must be on the path first)
    NOT_APPLICABLE,
    UNKNOWN,
    Question,
    RuleSet,
    check_ruleset,
    evaluate,
    load_ruleset,
    normalise_answers,
)

SEED = 2026


def random_value(question: Question, rng: random.Random) -> Any:
    """A valid answer: an option, a list of options, a number, text, or a special answer."""
    specials = [UNKNOWN] * question.unknown + [NOT_APPLICABLE] * question.not_applicable
    if specials and rng.random() < 0.15:
        return rng.choice(specials)
    if question.type == "single":
        return rng.choice(question.options).id
    if question.type == "multi":
        exclusive = [o.id for o in question.options if o.exclusive]
        others = [o.id for o in question.options if not o.exclusive]
        if exclusive and rng.random() < 0.15:
            return [rng.choice(exclusive)]
        return [o for o in others if rng.random() < 0.5] or [rng.choice(others)]
    if question.type == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 100
        return rng.randint(low, min(high, low + 100))
    return rng.choice(["", "Wir arbeiten mit der Stadt zusammen.", "Noch offen."])


def random_answers(ruleset: RuleSet, rng: random.Random) -> dict[str, Any]:
    """Most questions answered, some left open, hidden ones answered too (the engine must ignore them)."""
    return {q.id: random_value(q, rng) for q in ruleset.questions if rng.random() < 0.85}


def timed(function: Any, items: list[Any]) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return time.perf_counter() - start


def run(rules: Path, loads: int, answer_sets: int) -> dict[str, Any]:
    load_times = []
    for _ in range(loads):
        start = time.perf_counter()
        ruleset, problems = check_ruleset(rules)
        load_times.append(time.perf_counter() - start)
        if ruleset is None:
            raise SystemExit("the rule set has errors:\n" + "\n".join(map(str, problems)))
    ruleset = load_ruleset(rules)
    rng = random.Random(SEED)
    answers = [normalise_answers(ruleset, random_answers(ruleset, rng))[0] for _ in range(answer_sets)]
    as_json = [json.dumps(a) for a in answers]

    evaluate(ruleset, answers[0])  # warm up
    rounds = [(timed(lambda a: evaluate(ruleset, a), answers), timed(json.loads, as_json)) for _ in range(3)]
    engine_seconds = min(r[0] for r in rounds)
    baseline_seconds = min(r[1] for r in rounds)
    normalise_seconds = timed(lambda a: normalise_answers(ruleset, a), answers)
    fired = [len(evaluate(ruleset, a).recommendations) for a in answers[:200]]
    return {
        "ruleset": f"{ruleset.id} {ruleset.version} ({ruleset.hash[:12]})",
        "size": (f"{len(ruleset.dimensions)} dimensions, {len(ruleset.questions)} questions, "
                 f"{len(ruleset.recommendations)} recommendations"),
        "loads": loads,
        "load_median_ms": statistics.median(load_times) * 1000,
        "load_min_ms": min(load_times) * 1000,
        "answer_sets": answer_sets,
        "answers_per_set": statistics.mean(len(a) for a in answers),
        "fired_per_set": statistics.mean(fired),
        "evaluations_per_second": answer_sets / engine_seconds,
        "evaluation_ms": engine_seconds / answer_sets * 1000,
        "normalise_per_second": answer_sets / normalise_seconds,
        "baseline_per_second": answer_sets / baseline_seconds,
        "ratio": engine_seconds / baseline_seconds,
    }


def report(figures: dict[str, Any], quick: bool) -> str:
    f = figures
    return f"""# Engine benchmark

Measured by `python benchmarks/engine_benchmark.py{" --quick" if quick else ""}` on {dt.date.today().isoformat()}.

| | |
| --- | --- |
| machine | {os.cpu_count()} cores, {platform.machine()}, {platform.system()} |
| Python | {platform.python_version()} ({platform.python_implementation()}) |
| rule set | {f["ruleset"]}: {f["size"]} |

| what | result |
| --- | --- |
| load + validate the rule set (median of {f["loads"]}) | {f["load_median_ms"]:.0f} ms \
(fastest {f["load_min_ms"]:.0f} ms) |
| evaluate one answer set | {f["evaluation_ms"]:.2f} ms |
| evaluations per second ({f["answer_sets"]} random answer sets, one core) | {f["evaluations_per_second"]:,.0f} |
| normalise_answers per second | {f["normalise_per_second"]:,.0f} |
| baseline: `json.loads` of the same answer sets, per second | {f["baseline_per_second"]:,.0f} |
| time of evaluate ÷ time of the baseline, per answer set | {f["ratio"]:.0f}× |

Random answer sets answer about {f["answers_per_set"]:.0f} questions each (hidden ones included, 15 %
"Weiß nicht"/"trifft nicht zu") and fire {f["fired_per_set"]:.1f} recommendations on average (seed {SEED}).
Loading validates everything (schema, references, reachability of every recommendation and the
golden examples); the web app loads a rule set once per process, so only evaluation is on the
request path.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, for a smoke test")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules" / "blended-impact")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "engine.md")
    args = parser.parse_args()
    loads, answer_sets = (3, 300) if args.quick else (15, 3000)
    figures = run(args.rules, loads, answer_sets)
    text = report(figures, args.quick)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
