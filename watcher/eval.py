"""Score the change analysis on labelled cases: `python -m watcher.eval DIR [DIR...] [--json] [--verbose]`.

A case is a directory with `case.yaml` (labels: expected instruments, kind, dates) and the page text as
`new.<ext>` plus, for before/after pairs, `old.<ext>`. Every case directory found under the given paths is run
through `watcher.analyze.analyse_files` (the path of `watcher analyze`: the file is read as the kind its name
and bytes suggest, extracted and diffed as a check would, then analysed) with the case's url/jurisdiction/
language as the context a source config would give, and the figures are printed: instrument precision/recall/F1 (micro), kind accuracy, and
recall/precision of (date, role) for comments-due, entry-into-force and applies-from, plus overall date recall.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from watcher.analysis.registry import Registry, default_registry
from watcher.analyze import analyse_files, combined

SCORED_ROLES = ("comments-due", "entry-into-force", "applies-from")


@dataclass
class CaseResult:
    case_id: str
    kind_expected: str
    kind_got: str
    tp: set[str] = field(default_factory=set)
    fp: set[str] = field(default_factory=set)
    fn: set[str] = field(default_factory=set)
    date_hits: list[tuple[str, str]] = field(default_factory=list)
    date_misses: list[tuple[str, str]] = field(default_factory=list)
    date_extra: list[tuple[str, str]] = field(default_factory=list)
    dates_found: int = 0
    dates_expected: int = 0
    negative_alert: bool = False
    ms: float = 0.0


def _find_cases(paths: Sequence[str]) -> list[Path]:
    cases: list[Path] = []
    for p in paths:
        root = Path(p)
        if (root / "case.yaml").exists():
            cases.append(root)
        else:
            cases.extend(sorted(c.parent for c in root.glob("*/case.yaml")))
    return cases


def _file(case: Path, stem: str) -> Path | None:
    return next(iter(sorted(case.glob(f"{stem}.*"))), None)


def run_case(case: Path, registry: Registry) -> CaseResult:
    meta = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    exp = meta.get("expected") or {}
    new_path = _file(case, "new")
    if new_path is None:
        raise FileNotFoundError(f"{case}: no new.* file")
    old_path = _file(case, "old")
    started = time.perf_counter()
    changes = analyse_files(old_path, new_path, url=meta.get("url"), jurisdiction=meta.get("jurisdiction"),
                            language=meta.get("language"), registry=registry)
    result = combined(changes)
    ms = (time.perf_counter() - started) * 1000
    kind_got = "no-change" if result is None else result.kind
    res = CaseResult(str(meta.get("id", case.name)), str(exp.get("kind")), kind_got, ms=ms)
    if exp.get("kind") == "no-change":
        return res
    also = set(exp.get("also_acceptable") or [])
    expected = set(exp.get("instruments") or []) - also
    got = {t.id for t in result.instruments} - also if result else set()
    res.tp, res.fp, res.fn = got & expected, got - expected, expected - got
    if meta.get("ai_relevant") is False:
        res.negative_alert = any((inst := registry.get(i)) is not None and inst.ai for i in got)
        return res
    got_pairs = {(d.date, d.role) for d in result.dates} if result else set()
    got_dates = {d for d, _ in got_pairs}
    exp_pairs = [(str(d["date"]), str(d["role"])) for d in exp.get("dates") or []]
    res.dates_expected = len(exp_pairs)
    res.dates_found = sum(1 for d, _ in exp_pairs if d in got_dates)
    for pair in exp_pairs:
        if pair[1] in SCORED_ROLES:
            (res.date_hits if pair in got_pairs else res.date_misses).append(pair)
    res.date_extra = sorted(p for p in got_pairs if p[1] in SCORED_ROLES and p not in exp_pairs)
    return res


def _ratio(a: float, b: float) -> float:
    return a / b if b else 1.0


def summarise(results: Sequence[CaseResult]) -> dict[str, Any]:
    tp = sum(len(r.tp) for r in results)
    fp = sum(len(r.fp) for r in results)
    fn = sum(len(r.fn) for r in results)
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    hits = sum(len(x.date_hits) for x in results)
    misses = sum(len(x.date_misses) for x in results)
    extra = sum(len(x.date_extra) for x in results)
    per_role = {}
    for role in SCORED_ROLES:
        h = sum(1 for x in results for d in x.date_hits if d[1] == role)
        m = sum(1 for x in results for d in x.date_misses if d[1] == role)
        e = sum(1 for x in results for d in x.date_extra if d[1] == role)
        per_role[role] = {"recall": round(_ratio(h, h + m), 3), "precision": round(_ratio(h, h + e), 3),
                          "expected": h + m}
    return {
        "cases": len(results),
        "instruments": {"precision": round(p, 3), "recall": round(r, 3),
                        "f1": round(_ratio(2 * p * r, p + r), 3), "tp": tp, "fp": fp, "fn": fn},
        "negatives_with_ai_alert": sum(1 for x in results if x.negative_alert),
        "kind_accuracy": round(_ratio(sum(1 for x in results if x.kind_got == x.kind_expected), len(results)), 3),
        "dates": {
            "recall": round(_ratio(hits, hits + misses), 3),
            "precision": round(_ratio(hits, hits + extra), 3),
            "by_role": per_role,
            "overall_date_recall": round(_ratio(sum(x.dates_found for x in results),
                                                sum(x.dates_expected for x in results)), 3),
        },
        "max_ms": round(max((x.ms for x in results), default=0.0), 1),
    }


def _verbose(results: Sequence[CaseResult]) -> list[str]:
    lines = []
    for x in results:
        notes = []
        if x.kind_got != x.kind_expected:
            notes.append(f"kind {x.kind_got} (expected {x.kind_expected})")
        if x.fp:
            notes.append("extra " + ", ".join(sorted(x.fp)))
        if x.fn:
            notes.append("missed " + ", ".join(sorted(x.fn)))
        if x.date_misses:
            notes.append("dates missed " + ", ".join(f"{d} {r}" for d, r in x.date_misses))
        if x.date_extra:
            notes.append("dates extra " + ", ".join(f"{d} {r}" for d, r in x.date_extra))
        if x.dates_found < x.dates_expected:
            notes.append(f"dates found {x.dates_found}/{x.dates_expected}")
        if notes:
            lines.append(f"  {x.case_id}: " + "; ".join(notes))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m watcher.eval", description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", help="case directories, or directories holding case directories")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list each case's misses")
    args = parser.parse_args(argv)
    cases = _find_cases(args.dirs)
    if not cases:
        print("no cases found (a case is a directory with case.yaml)", file=sys.stderr)
        return 2
    registry = default_registry()
    results = [run_case(c, registry) for c in cases]
    figures = summarise(results)
    if args.json:
        if args.verbose:
            figures["misses"] = _verbose(results)
        print(json.dumps(figures, indent=2))
        return 0
    ins, dates = figures["instruments"], figures["dates"]
    print(f"cases: {figures['cases']}")
    print(f"instruments: precision {ins['precision']:.3f}  recall {ins['recall']:.3f}  F1 {ins['f1']:.3f}"
          f"  (tp {ins['tp']}, fp {ins['fp']}, fn {ins['fn']}; negatives with an AI alert: "
          f"{figures['negatives_with_ai_alert']})")
    print(f"kind accuracy: {figures['kind_accuracy']:.3f}")
    print(f"dates (comments-due, entry-into-force, applies-from): recall {dates['recall']:.3f}"
          f"  precision {dates['precision']:.3f}; overall date recall {dates['overall_date_recall']:.3f}")
    for role, fig in dates["by_role"].items():
        print(f"  {role}: recall {fig['recall']:.3f}  precision {fig['precision']:.3f}  (n={fig['expected']})")
    print(f"slowest case: {figures['max_ms']} ms")
    if args.verbose:
        print("misses:")
        print("\n".join(_verbose(results)) or "  none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
