"""Shared inputs for the generator tests: the demo workload, its starting configuration, and option sets."""

from __future__ import annotations

import pytest

from workbench.demo import demo_documents
from workbench.iac import IacOptions
from workbench.models import Workload
from workbench.starting_config import starting_configuration

# Two option sets cover both network shapes, S3 vs local code, schedules and alarm actions.
OPTION_SETS = {
    "existing-vpc": IacOptions(),
    "new-vpc-scheduled": IacOptions(create_vpc=True, scheduled_scaling=True, code_location="s3://my-artifacts/orders.zip",
                                    alarm_topic_arn="arn:aws:sns:us-east-1:123456789012:lmi-alarms",
                                    allowed_instance_types=("m7i.large", "c7i.*")),
}


def demo_workload() -> Workload:
    return next(doc for doc, _ in demo_documents() if isinstance(doc, Workload))


@pytest.fixture(scope="session")
def workload() -> Workload:
    return demo_workload()


@pytest.fixture(scope="session")
def config(workload):
    return starting_configuration(workload)


@pytest.fixture(params=sorted(OPTION_SETS))
def options(request) -> IacOptions:
    return OPTION_SETS[request.param]
