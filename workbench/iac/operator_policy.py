"""The capacity provider's operator role: AWS's managed policy as data, and the inline least-privilege copy of it.

The generated infrastructure attaches the managed policy by default; ``IacOptions(operator_policy="inline")``
writes :func:`workbench.iac.model.operator_policy` instead, which holds every statement of the managed one (the same actions,
resource types and conditions), narrowed to this account, this Region and the capacity provider's own subnets and
security groups. ``tests/iac/test_operator_policy.py`` compares the two action by action.
"""

from __future__ import annotations

from typing import Any

# Source: AWS Managed Policy Reference, page "AWSLambdaManagedEC2ResourceOperator" (policy version v1, the default;
# created and edited 2025-11-30 08:34 UTC), the same document shown on the AWS Lambda Developer Guide page "Lambda
# operator role for Lambda Managed Instances" ("at minimum, the role requires the permissions in the
# AWSLambdaManagedEC2ResourceOperator managed policy"). Checked 2026-12-07 (lmi-facts.md, first section).
MANAGED_OPERATOR_POLICY_NAME = "AWSLambdaManagedEC2ResourceOperator"
MANAGED_OPERATOR_POLICY_VERSION = "v1"
MANAGED_OPERATOR_POLICY_DATE = "2025-11-30"
MANAGED_OPERATOR_POLICY_SOURCE = ("AWS Managed Policy Reference: AWSLambdaManagedEC2ResourceOperator (v1, "
                                  "2025-11-30); AWS Lambda Developer Guide: Lambda operator role for Lambda "
                                  "Managed Instances; checked 2026-12-07")
MANAGED_OPERATOR_POLICY_DOCUMENT: dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow",
         "Action": ["ec2:RunInstances", "ec2:CreateTags", "ec2:AttachNetworkInterface"],
         "Resource": ["arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:network-interface/*",
                      "arn:aws:ec2:*:*:volume/*"],
         "Condition": {"StringEquals": {"ec2:ManagedResourceOperator": "scaler.lambda.amazonaws.com"}}},
        {"Effect": "Allow",
         "Action": ["ec2:DescribeAvailabilityZones", "ec2:DescribeCapacityReservations", "ec2:DescribeInstances",
                    "ec2:DescribeInstanceStatus", "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeInstanceTypes",
                    "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets"],
         "Resource": "*"},
        {"Effect": "Allow",
         "Action": ["ec2:RunInstances", "ec2:CreateNetworkInterface"],
         "Resource": ["arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:*:*:security-group/*"]},
        {"Effect": "Allow",
         "Action": ["ec2:RunInstances"],
         "Resource": ["arn:aws:ec2:*:*:image/*"],
         "Condition": {"StringEquals": {"ec2:Owner": "amazon"}}},
    ],
}

# The choices IacOptions.operator_policy takes.
OPERATOR_POLICY_CHOICES = {
    "managed": f"attach the AWS managed policy {MANAGED_OPERATOR_POLICY_NAME} (default; AWS keeps it current)",
    "inline": "an inline copy of every statement of the managed policy, narrowed to this account, Region, subnets "
              "and security groups",
}


def managed_policy_arn(partition: str = "aws") -> str:
    """The managed policy's ARN in ``partition`` (aws, aws-cn, aws-us-gov), or with a writer's placeholder."""
    return f"arn:{partition}:iam::aws:policy/{MANAGED_OPERATOR_POLICY_NAME}"


__all__ = ["MANAGED_OPERATOR_POLICY_DATE", "MANAGED_OPERATOR_POLICY_DOCUMENT", "MANAGED_OPERATOR_POLICY_NAME",
           "MANAGED_OPERATOR_POLICY_SOURCE", "MANAGED_OPERATOR_POLICY_VERSION", "OPERATOR_POLICY_CHOICES",
           "managed_policy_arn"]
