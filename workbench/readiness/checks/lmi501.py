"""LMI501: Runtime not supported by Lambda Managed Instances.

Found in SAM, CloudFormation, Serverless Framework and CDK definitions by
``workbench.readiness.definitions:DefinitionsAnalyzer`` (CDK apps in code through ``definitions:cdk_hits``).
"""

from __future__ import annotations

from workbench.readiness.checks import Rule
from workbench.readiness.model import RuleInfo

INFO = RuleInfo(
    code="LMI501", title="Runtime not supported by Lambda Managed Instances",
    runtimes=("config",), severity="error", fix=None,
    rationale={
        "config": "Lambda Managed Instances runs Java 21+, Python 3.13+, Node.js 22+, .NET 8+ and Rust on "
                  "provided.al2023 (AWS \"Lambda Managed Instances runtimes\"). A function on an older version "
                  "(python3.12, nodejs20.x, java17, dotnet6) must be upgraded first: a language upgrade is "
                  "migration work to plan and test. A function on another runtime (Ruby, Go on go1.x, a custom "
                  "runtime) cannot be attached to a capacity provider: keep it on standard Lambda.",
    },
    example_bad="Runtime: python3.12",
    example_good="Runtime: python3.13",
)

RULE = Rule(INFO, elsewhere={"config": "workbench.readiness.definitions:DefinitionsAnalyzer"})
