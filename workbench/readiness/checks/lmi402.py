"""LMI402: AWS SDK below the minimum for Lambda Managed Instances.

Found in dependency manifests and lock files by the manifest analyzer
(``workbench.readiness.manifests.hits:manifest_hits``), which also builds the version raise
(``manifests.hits:raise_fix``).
"""

from __future__ import annotations

from workbench.readiness.checks import Rule
from workbench.readiness.checks.lmi401 import MINIMUM_WHY
from workbench.readiness.model import Applicability, RuleInfo

INFO = RuleInfo(
    code="LMI402", title="AWS SDK below the minimum for Lambda Managed Instances",
    runtimes=("nodejs", "java", "dotnet"), severity="warning", fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": MINIMUM_WHY.format(min="3.933.0", product="the AWS SDK for JavaScript v3") +
        " The v2 SDK (aws-sdk) is not supported at all.",
        "java": MINIMUM_WHY.format(min="2.34.0", product="the AWS SDK for Java 2.x") + " SDK 1.x is not supported.",
        "dotnet": MINIMUM_WHY.format(min="4.0.0.32", product="AWSSDK.Core") +
        " AWSSDK.* packages of major version 3 depend on AWSSDK.Core 3.",
        "config": "The AWS SDKs support Lambda Managed Instances from the documented minimum versions on.",
    },
    # a pinned version: an open range (``^3.620.0``) without a lock installs the newest release it allows, which is
    # at or above the minimum, so it is not a finding (``manifests.versions.resolves_to_minimum``)
    example_bad='"@aws-sdk/client-s3": "3.620.0"', example_good='"@aws-sdk/client-s3": "^3.933.0"',
)

RULE = Rule(
    INFO,
    elsewhere={runtime: "workbench.readiness.manifests.hits:manifest_hits"
               for runtime in ("python", "nodejs", "java", "dotnet", "config")},
    fixes={runtime: ("workbench.readiness.manifests.hits:raise_fix",) for runtime in INFO.runtimes},
)
