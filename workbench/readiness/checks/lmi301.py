"""LMI301: Large module-level state multiplied by the process count.

python: found by ``workbench.readiness.python.facts.extractor:extract``.
"""

from __future__ import annotations

from workbench.readiness.checks import Rule
from workbench.readiness.model import RuleInfo

INFO = RuleInfo(
    code="LMI301", title="Large module-level state multiplied by the process count",
    runtimes=("python",), severity="info",
    fix=None,
    rationale={
        "python": "Python on LMI runs one process per concurrent invocation slot (16 per vCPU by default). State "
                  "built at import — large literals, models, data frames, unbounded caches — is held once per "
                  "process: 200 MB per process × 16 ≈ 3.2 GB. Size the function's memory for per-process memory × "
                  "concurrency (8:1 memory-to-vCPU is a good start for Python), share read-only data through a "
                  "file in /tmp loaded with mmap, or lower the concurrency.",
    },
    example_bad="MODEL = joblib.load('model.joblib')  # 400 MB, × 16 processes",
    example_good="Size MemorySize for 400 MB × PerExecutionEnvironmentMaxConcurrency, or lower the concurrency.",
)
LMI301 = INFO   # the name the checks below report with


RULE = Rule(
    INFO,
    elsewhere={
        "python": "workbench.readiness.python.facts.extractor:extract",
    },
)
