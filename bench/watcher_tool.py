"""Adapter that lets the shared peer benchmark time `watcher check` beside urlwatch, webchanges and
changedetection.io. Run from the harness folder (it imports the harness's `tools.base`):

    cd ../shared/bench
    python3 bench_peers.py --tools urlwatch webchanges ../../main/bench/watcher_tool.py \
        --n 100 500 --latency-ms 0 50 --reps 3 --out results/with-watcher.jsonl

Options (`--opt watcher.KEY=VALUE`): `concurrency` (per-host concurrent requests, default 10),
`delay` (per-host seconds between request starts, default 0), `exe` (the watcher command).
Per-host politeness is set for the run because every fixture page sits on one loopback host; the
shipped defaults (2 concurrent, 1 s apart) are right for government sites and wrong for a benchmark.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tools.base import Job, Outcome, Tool  # type: ignore[import-not-found]


class Watcher(Tool):
    name = "watcher"
    work_note = "conditional GET, listing item extraction, item diff, SQLite snapshots"

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.per_host = int(options.get("watcher.concurrency", "10"))
        self.delay = float(options.get("watcher.delay", "0"))
        self.exe = options.get("watcher.exe") or shutil.which("watcher") or "watcher"
        self.concurrency = self.per_host
        self.concurrency_note = f"per-host limit {self.per_host}, delay {self.delay}s (set for the run)"

    def setup(self, workdir: Path, jobs: list[Job]) -> None:
        lines = []
        for j in jobs:
            lines += [f"- id: {j.name}", f"  name: {j.name}", f"  url: {j.url}", "  kind: listing",
                      "  jurisdiction: EU", "  publisher: bench", "  interval: 1h", "  follow_links: false"]
        (workdir / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (workdir / "watcher.yaml").write_text(
            "fetch:\n  obey_robots: false\n  max_parallel_sources: 64\n"
            f"  defaults: {{concurrency: {self.per_host}, delay: {self.delay}}}\n",
            encoding="utf-8",
        )

    def command(self, phase: str, workdir: Path) -> list[str]:
        return [self.exe, "--sources", str(workdir / "sources.yaml"), "--config", str(workdir / "watcher.yaml"),
                "--db", f"sqlite:///{workdir / 'watcher.db'}", "check", "--json"]

    def parse(self, phase: str, workdir: Path, stdout: str, stderr: str) -> Outcome:
        out = Outcome()
        for source in json.loads(stdout)["sources"]:
            bucket = {"baseline": out.new, "changed": out.changed, "failed": out.errors}.get(source["status"])
            if bucket is not None:
                bucket.add(source["id"])
        return out

    def version(self) -> str:
        from importlib.metadata import version

        return version("ai-regulation-watcher")


TOOL = Watcher
