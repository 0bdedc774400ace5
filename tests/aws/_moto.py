"""Setting up a moto server account for the AWS tests: functions (from a tiny in-memory zip; nothing is invoked,
so no Docker), hourly CloudWatch history with known shapes, Cost Explorer answers, IAM enforcement."""

from __future__ import annotations

import io
import json
import urllib.request
import zipfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import boto3

from workbench.config import AwsSettings

ACCOUNT = "123456789012"  # moto's default account for any unknown access key
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                            "Principal": {"Service": "lambda.amazonaws.com"}}]})


def tiny_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return {}\n")
    return buffer.getvalue()


class MotoAccount:
    """One moto server, reset before each test."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._role: str | None = None
        self._zip = tiny_zip()
        self._layers: dict[str, str] = {}

    # --- server controls ------------------------------------------------------------------------------------
    def _post(self, path: str, data: bytes = b"") -> bytes:
        request = urllib.request.Request(f"{self.endpoint}{path}", data=data, method="POST",
                                         headers={"Content-Type": "text/plain"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.read()

    def reset(self) -> None:
        self._post("/moto-api/reset")
        self.require_auth_after(float("inf"))
        self._role = None
        self._layers = {}

    def add_aws_managed_policy(self, name: str) -> str:
        """Make one AWS managed policy attachable, as it is in every real account; returns its ARN.

        moto loads AWS's ~1,300 managed policies only with MOTO_IAM_LOAD_MANAGED_POLICIES, which makes each reset
        about 5 s slower; this adds the one named, from the same data moto ships, to the in-process server's
        IAM backend (the server is a thread of this process). Undone by the next reset.
        """
        from moto.iam.aws_managed_policies import aws_managed_policies_data
        from moto.iam.models import AWSManagedPolicy, iam_backends

        backend = iam_backends[ACCOUNT]["aws"]
        policy = AWSManagedPolicy.from_data(name, ACCOUNT, "aws", json.loads(aws_managed_policies_data)[name])
        backend.aws_managed_policies.append(policy)
        backend.managed_policies[policy.arn] = policy
        return policy.arn

    def require_auth_after(self, free_requests: float) -> None:
        """moto's IAM enforcement: the next ``free_requests`` requests pass unchecked, later ones are signed-checked
        against the caller's IAM policies (``inf`` turns enforcement off)."""
        self._post("/moto-api/reset-auth", str(free_requests).encode())

    def queue_cost_results(self, *results: dict) -> None:
        """Answers for Cost Explorer's GetCostAndUsage, in order (moto does not track costs by itself)."""
        self._post("/moto-api/static/ce/cost-and-usage-results", json.dumps({"results": list(results)}).encode())

    # --- clients ----------------------------------------------------------------------------------------------
    def settings(self, region: str = "us-east-1", **changes) -> AwsSettings:
        return AwsSettings(region=region, endpoint_url=changes.pop("endpoint_url", self.endpoint), **changes)

    def client(self, service: str, region: str = "us-east-1"):
        return boto3.client(service, region_name=region, endpoint_url=self.endpoint,
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    @property
    def role_arn(self) -> str:
        if self._role is None:
            self._role = self.client("iam").create_role(RoleName="lambda-exec",
                                                         AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
        return self._role

    # --- Lambda --------------------------------------------------------------------------------------------
    def insights_layer(self, region: str) -> str:
        """A layer named LambdaInsightsExtension (AWS publishes it from its own account; moto needs it local)."""
        if region not in self._layers:
            self._layers[region] = self.client("lambda", region).publish_layer_version(
                LayerName="LambdaInsightsExtension", Content={"ZipFile": self._zip})["LayerVersionArn"]
        return self._layers[region]

    def create_function(self, name: str, region: str = "us-east-1", *, runtime: str = "python3.13",
                        memory_mb: int = 1024, timeout_s: int = 30, architecture: str = "x86_64",
                        insights: bool = False, vpc: tuple[list[str], list[str]] | None = None,
                        ephemeral_mb: int = 512) -> dict:
        params: dict = dict(FunctionName=name, Runtime=runtime, Role=self.role_arn, Handler="handler.handler",
                            Code={"ZipFile": self._zip}, MemorySize=memory_mb, Timeout=timeout_s,
                            Architectures=[architecture], EphemeralStorage={"Size": ephemeral_mb})
        if insights:
            params["Layers"] = [self.insights_layer(region)]
        if vpc:
            params["VpcConfig"] = {"SubnetIds": vpc[0], "SecurityGroupIds": vpc[1]}
        return self.client("lambda", region).create_function(**params)

    def create_functions(self, names: Sequence[str], region: str, *, insights_every: int = 0, threads: int = 8) -> None:
        client = self.client("lambda", region)
        role = self.role_arn
        layer = self.insights_layer(region) if insights_every else None

        def make(item: tuple[int, str]) -> None:
            n, name = item
            params: dict = dict(FunctionName=name, Runtime="nodejs22.x", Role=role, Handler="index.handler",
                                Code={"ZipFile": self._zip}, MemorySize=512, Timeout=10)
            if layer and n % insights_every == 0:
                params["Layers"] = [layer]
            client.create_function(**params)

        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(make, enumerate(names)))

    # --- CloudWatch ----------------------------------------------------------------------------------------
    def put_hourly(self, function: str, region: str, start: datetime, counts: Sequence[float], *,
                   duration_ms: float | None = None, concurrency: Sequence[float] | None = None,
                   errors: Sequence[float] | None = None, throttles: Sequence[float] | None = None) -> None:
        """Hourly Lambda metrics from ``start``: Invocations (and Duration) only for hours with invocations, as
        CloudWatch publishes them; ConcurrentExecutions / Errors / Throttles where given and non-zero."""
        dims = [{"Name": "FunctionName", "Value": function}]
        data: list[dict] = []
        for h, n in enumerate(counts):
            at = start + timedelta(hours=h)
            if n > 0:
                data.append({"MetricName": "Invocations", "Dimensions": dims, "Timestamp": at, "Unit": "Count",
                             "StatisticValues": {"SampleCount": n, "Sum": n, "Minimum": 1, "Maximum": 1}})
                if duration_ms is not None:
                    data.append({"MetricName": "Duration", "Dimensions": dims, "Timestamp": at,
                                 "Unit": "Milliseconds",
                                 "StatisticValues": {"SampleCount": n, "Sum": n * duration_ms,
                                                     "Minimum": duration_ms / 2, "Maximum": duration_ms * 3}})
            for name, series in (("ConcurrentExecutions", concurrency), ("Errors", errors),
                                 ("Throttles", throttles)):
                if series is not None and series[h] > 0:
                    data.append({"MetricName": name, "Dimensions": dims, "Timestamp": at, "Value": series[h],
                                 "Unit": "Count"})
        self._put("AWS/Lambda", data, region)

    def put_insights(self, function: str, region: str, start: datetime, hours: int, *,
                     cpu_total_time_ms: float, memory_utilization_pct: Sequence[float]) -> None:
        dims = [{"Name": "function_name", "Value": function}]
        data = []
        for h in range(hours):
            at = start + timedelta(hours=h)
            data.append({"MetricName": "cpu_total_time", "Dimensions": dims, "Timestamp": at,
                         "Value": cpu_total_time_ms, "Unit": "Milliseconds"})
            data.append({"MetricName": "memory_utilization", "Dimensions": dims, "Timestamp": at,
                         "Value": memory_utilization_pct[h % len(memory_utilization_pct)], "Unit": "Percent"})
        self._put("LambdaInsights", data, region)

    def _put(self, namespace: str, data: list[dict], region: str) -> None:
        client = self.client("cloudwatch", region)
        for i in range(0, len(data), 500):
            client.put_metric_data(Namespace=namespace, MetricData=data[i:i + 500])
