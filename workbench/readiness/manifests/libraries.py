"""The packages LMI401-403 are about, per runtime (Powertools, the AWS SDKs, the X-Ray SDKs), with the minimum
version Lambda Managed Instances needs (``workbench.lmi_facts.MIN_LIBRARY_VERSIONS``) and the package lines it does
not support at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.lmi_facts import MIN_LIBRARY_VERSIONS
from workbench.readiness.checks.lmi401 import INFO as LMI401
from workbench.readiness.checks.lmi402 import INFO as LMI402
from workbench.readiness.checks.lmi403 import INFO as LMI403
from workbench.readiness.model import RuleInfo


@dataclass(frozen=True)
class Library:
    rule: RuleInfo
    minimum: str
    product: str
    family: str            # for grouping lock-file entries: "@aws-sdk", "software.amazon.awssdk", ...
    unsupported: str = ""  # set when the package line itself is unsupported (SDK v2 for JavaScript, Java 1.x)


def _min(runtime: str, key: str) -> str:
    return MIN_LIBRARY_VERSIONS[runtime][key]


def library(runtime: str, name: str) -> Library | None:
    """What an ecosystem's package name is, for these rules (``name`` as the ecosystem spells it)."""
    if runtime == "python":
        if re.sub(r"[-_.]+", "-", name.lower()) == "aws-lambda-powertools":
            return Library(LMI401, _min("python", "aws-lambda-powertools"), "Powertools for AWS Lambda (Python)",
                           "aws-lambda-powertools")
    elif runtime == "nodejs":
        if name.startswith("@aws-lambda-powertools/"):
            return Library(LMI401, _min("nodejs", "@aws-lambda-powertools/*"),
                           "Powertools for AWS Lambda (TypeScript)", "@aws-lambda-powertools")
        if name.startswith("@aws-sdk/"):
            return Library(LMI402, _min("nodejs", "@aws-sdk/*"), "the AWS SDK for JavaScript v3", "@aws-sdk")
        if name == "aws-sdk":
            return Library(LMI402, _min("nodejs", "@aws-sdk/*"), "the AWS SDK for JavaScript v3", "aws-sdk",
                           unsupported="is the AWS SDK for JavaScript v2, which Lambda Managed Instances does not "
                                       "support: move to the v3 clients (@aws-sdk/*)")
        if name in ("aws-xray-sdk-core", "aws-xray-sdk"):
            return Library(LMI403, _min("nodejs", "aws-xray-sdk-core"), "the AWS X-Ray SDK for Node.js",
                           "aws-xray-sdk")
    elif runtime == "java":
        group, _, artifact = name.partition(":")
        if group == "software.amazon.lambda" and artifact.startswith("powertools-"):
            return Library(LMI401, _min("java", "software.amazon.lambda:powertools-*"),
                           "Powertools for AWS Lambda (Java)", "software.amazon.lambda")
        if group == "software.amazon.awssdk":
            return Library(LMI402, _min("java", "software.amazon.awssdk:*"), "the AWS SDK for Java 2.x",
                           "software.amazon.awssdk")
        if group == "com.amazonaws" and artifact.startswith("aws-xray-recorder-sdk"):
            return Library(LMI403, _min("java", "com.amazonaws:aws-xray-recorder-sdk-core"),
                           "the AWS X-Ray SDK for Java", "aws-xray-recorder-sdk")
        if group == "com.amazonaws" and artifact.startswith("aws-java-sdk"):
            return Library(LMI402, _min("java", "software.amazon.awssdk:*"), "the AWS SDK for Java 2.x",
                           "aws-java-sdk", unsupported="is the AWS SDK for Java 1.x, which Lambda Managed Instances "
                                                       "does not support: move to the 2.x SDK (software.amazon.awssdk)")
    elif runtime == "dotnet":
        if name.startswith("AWS.Lambda.Powertools."):
            return Library(LMI401, _min("dotnet", "AWS.Lambda.Powertools.*"), "Powertools for AWS Lambda (.NET)",
                           "AWS.Lambda.Powertools")
        if name == "AWSSDK.Core":
            return Library(LMI402, _min("dotnet", "AWSSDK.Core"), "AWSSDK.Core", "AWSSDK")
        if name.startswith("AWSSDK."):
            return Library(LMI402, "4.0.0", "AWSSDK.Core", "AWSSDK",
                           unsupported="depends on AWSSDK.Core 3.x below 4.0.0: Lambda Managed Instances needs "
                                       f"AWSSDK.Core {_min('dotnet', 'AWSSDK.Core')} or later (the AWSSDK.* 4.x "
                                       "packages)")
        if name.startswith("AWSXRayRecorder"):
            return Library(LMI403, _min("dotnet", "AWSXRayRecorder.Core"), "AWSXRayRecorder.Core", "AWSXRayRecorder")
    return None
