"""References in a plan's parameters, resolved as the runner resolves them when a step runs (no AWS: the account
comes from a callback that counts its calls, the code from a real directory)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile

import pytest

from workbench.deploy.plan_build import code_reference
from workbench.deploy.plan_refs import (
    ACCOUNT_REF,
    CODE_PLACEHOLDER,
    Unresolved,
    code_path_of,
    ref,
    resolve,
    zip_directory,
)
from workbench.models import DeploymentPlan, DeploymentStep
from workbench.models._base import utc_now
from workbench.models.deploy import DeployMode, StepStatus

ACCOUNT = "123456789012"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/orders-api-execution"


def plan_with(*steps: DeploymentStep) -> DeploymentPlan:
    """A confirmed plan (steps that have run need one)."""
    return DeploymentPlan(id="refs", region="us-east-1", deployment_id="abc123", steps=list(steps),
                          mode=DeployMode.APPLY, confirmed_by="ana", confirmed_at=utc_now())


def done_role(**outputs) -> DeploymentStep:
    return DeploymentStep(id="create-execution-role", title="Create the role", service="iam", operation="CreateRole",
                          status=StepStatus.DONE, outputs=outputs or {"Role": {"Arn": ROLE_ARN}})


class Account:
    """The account callback: counts how often it is asked."""

    def __init__(self) -> None:
        self.asked = 0

    def __call__(self) -> str:
        self.asked += 1
        return ACCOUNT


def test_a_whole_string_reference_becomes_the_value_and_inside_a_string_its_text() -> None:
    plan = plan_with(done_role(Role={"Arn": ROLE_ARN}, Versions=[{"Version": 7}]))
    account = Account()
    params = {"Role": ref("create-execution-role", "Role.Arn"),
              "Version": ref("create-execution-role", "Versions.0.Version"),
              "Policy": json.dumps({"Resource": f"arn:aws:logs:us-east-1:{ACCOUNT_REF}:*",
                                    "Role": ref("create-execution-role", "Role.Arn")}),
              "Nested": [{"Keep": 3, "Plain": "no reference"}]}
    out = resolve(params, plan, keep_code=False, account_id=account)
    assert out["Role"] == ROLE_ARN
    assert out["Version"] == 7  # the value itself, not its text
    assert json.loads(out["Policy"]) == {"Resource": f"arn:aws:logs:us-east-1:{ACCOUNT}:*", "Role": ROLE_ARN}
    assert out["Nested"] == [{"Keep": 3, "Plain": "no reference"}]
    assert account.asked == 1


def test_the_account_is_not_asked_for_when_no_parameter_names_it() -> None:
    account = Account()
    resolve({"RoleName": "orders-api-execution"}, plan_with(), keep_code=False, account_id=account)
    assert account.asked == 0


@pytest.mark.parametrize(("step", "text", "said"), [
    (None, ref("create-execution-role", "Role.Arn"), "names a step that is not in the plan"),
    (DeploymentStep(id="create-execution-role", title="Create the role", service="iam", operation="CreateRole"),
     ref("create-execution-role", "Role.Arn"), "step create-execution-role has not recorded Role.Arn"),
    (done_role(), ref("create-execution-role", "Role.Missing"), "has not recorded Role.Missing"),
    (None, CODE_PLACEHOLDER, "has no value (the plan was made without it)"),
])
def test_a_reference_without_a_value_is_unresolved_and_says_which(step, text, said) -> None:
    plan = plan_with(*([step] if step else []))
    with pytest.raises(Unresolved) as raised:
        resolve({"Value": text}, plan, keep_code=False, account_id=Account())
    assert said in str(raised.value) and text in str(raised.value)


def test_code_is_sent_as_the_zip_it_was_planned_with_and_recorded_as_its_reference(tmp_path) -> None:
    code = tmp_path / "orders"
    code.mkdir()
    (code / "app.py").write_text("def handler(event, context):\n    return 1\n")
    reference = code_reference(code)
    assert code_path_of(reference) == (code.absolute(), hashlib.sha256(zip_directory(code)).hexdigest())
    params = {"Code": {"ZipFile": reference}}
    assert resolve(params, plan_with(), keep_code=True, account_id=Account()) == params
    sent = resolve(params, plan_with(), keep_code=False, account_id=Account())["Code"]["ZipFile"]
    assert zipfile.ZipFile(io.BytesIO(sent)).read("app.py").startswith(b"def handler")


def test_code_changed_after_planning_is_refused(tmp_path) -> None:
    code = tmp_path / "orders"
    code.mkdir()
    (code / "app.py").write_text("VALUE = 1\n")
    reference = code_reference(code)
    (code / "app.py").write_text("VALUE = 2\n")
    with pytest.raises(Unresolved, match="changed since the plan was made"):
        resolve({"ZipFile": reference}, plan_with(), keep_code=False, account_id=Account())
    (code / "app.py").unlink()
    with pytest.raises(Unresolved, match=re.escape(f"the function code {code.absolute()} cannot be read")):
        resolve({"ZipFile": reference}, plan_with(), keep_code=False, account_id=Account())
