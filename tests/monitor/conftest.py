"""The monitor tests reuse the AWS tests' moto server and clean AWS environment (tests/aws/conftest.py)."""

from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 - fixtures
