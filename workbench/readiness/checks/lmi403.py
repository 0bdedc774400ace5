"""LMI403: AWS X-Ray SDK below the minimum for Lambda Managed Instances.

Found in dependency manifests and lock files by the manifest analyzer
(``workbench.readiness.manifests.hits:manifest_hits``), which also builds the version raise
(``manifests.hits:raise_fix``).
"""

from __future__ import annotations

from workbench.readiness.checks import Rule
from workbench.readiness.checks.lmi401 import MINIMUM_WHY
from workbench.readiness.model import Applicability, RuleInfo

INFO = RuleInfo(
    code="LMI403", title="AWS X-Ray SDK below the minimum for Lambda Managed Instances",
    runtimes=("nodejs", "java", "dotnet"), severity="warning", fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": MINIMUM_WHY.format(min="3.12.0", product="the AWS X-Ray SDK for Node.js"),
        "java": MINIMUM_WHY.format(min="2.20.0", product="the AWS X-Ray SDK for Java"),
        "dotnet": MINIMUM_WHY.format(min="2.16.0", product="the AWS X-Ray SDK for .NET (AWSXRayRecorder.Core)"),
        "config": "The X-Ray SDKs keep the current segment per invocation from the documented minimums on.",
    },
    example_bad='"aws-xray-sdk-core": "3.5.0"', example_good='"aws-xray-sdk-core": "3.12.0"',
)

RULE = Rule(
    INFO,
    elsewhere={runtime: "workbench.readiness.manifests.hits:manifest_hits"
               for runtime in ("python", "nodejs", "java", "dotnet", "config")},
    fixes={runtime: ("workbench.readiness.manifests.hits:raise_fix",) for runtime in INFO.runtimes},
)
