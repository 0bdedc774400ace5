"""LMI401: Powertools for AWS Lambda below the minimum for Lambda Managed Instances.

Found in dependency manifests and lock files by the manifest analyzer
(``workbench.readiness.manifests.hits:manifest_hits``), which also builds the version raise
(``manifests.hits:raise_fix``), and on Powertools public layer ARNs whose name carries a major version below the
minimum, in templates and CDK apps (``workbench.readiness.definitions:powertools_layer_hits``, no fix).
"""

from __future__ import annotations

from workbench.readiness.checks import Rule
from workbench.readiness.model import Applicability, RuleInfo

# the rationale of LMI401-LMI403
MINIMUM_WHY = ("AWS documents {min} as the minimum version of {product} for functions on Lambda Managed Instances, "
               "where one execution environment runs many invocations at once; older releases are not supported there.")

INFO = RuleInfo(
    code="LMI401", title="Powertools for AWS Lambda below the minimum for Lambda Managed Instances",
    runtimes=("python", "nodejs", "java", "dotnet"), severity="warning", fix=Applicability.NEEDS_REVIEW,
    rationale={
        "python": MINIMUM_WHY.format(min="3.23.0", product="Powertools for AWS Lambda (Python)"),
        "nodejs": MINIMUM_WHY.format(min="2.29.0", product="Powertools for AWS Lambda (TypeScript)"),
        "java": MINIMUM_WHY.format(min="2.8.0", product="Powertools for AWS Lambda (Java)"),
        "dotnet": MINIMUM_WHY.format(min="3.1.0", product="Powertools for AWS Lambda (.NET)"),
        "config": "Powertools keeps logger keys, metrics and tracing state for the invocation in progress; the "
                  "releases below the documented minimums predate multi-concurrency on Lambda Managed Instances.",
    },
    example_bad="aws-lambda-powertools==2.40.0", example_good="aws-lambda-powertools==3.23.0",
)

RULE = Rule(
    INFO,
    elsewhere={runtime: "workbench.readiness.manifests.hits:manifest_hits"
               for runtime in ("python", "nodejs", "java", "dotnet", "config")},
    fixes={runtime: ("workbench.readiness.manifests.hits:raise_fix",) for runtime in INFO.runtimes},
)
