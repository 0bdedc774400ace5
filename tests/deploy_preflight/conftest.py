"""The pre-flight tests reuse the AWS tests' moto server, fake credentials and per-test reset."""

from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401
