"""The stand-in's account APIs through real boto3 over HTTP: availability, the use-case form, Service Quotas,
CloudWatch metrics and IAM simulation, in every scenario state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from claude_bedrock_tui.standin import Scenario, StandIn
from test_standin import client, client_error

SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0"


@pytest.fixture
def serve() -> Iterator:
    servers: list[StandIn] = []

    def start(name: str = "healthy") -> StandIn:
        server = StandIn(Scenario.preset(name)).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def availability(standin: StandIn, model: str = SONNET) -> dict:
    return client("bedrock", standin).get_foundation_model_availability(modelId=model)


@pytest.mark.parametrize(
    ("preset", "field", "value"),
    [
        ("healthy", "authorizationStatus", "AUTHORIZED"),
        ("model_access_denied", "authorizationStatus", "NOT_AUTHORIZED"),
        ("not_entitled", "entitlementAvailability", "NOT_AVAILABLE"),
        ("region_unavailable", "regionAvailability", "NOT_AVAILABLE"),
    ],
)
def test_availability_states(serve, preset: str, field: str, value: str) -> None:
    answer = availability(serve(preset))
    assert answer["modelId"] == SONNET and answer[field] == value


def test_agreement_pending_and_unknown_model(serve) -> None:
    standin = serve("agreement_pending")
    assert availability(standin)["agreementAvailability"] == {"status": "PENDING"}
    code, status, _ = client_error(lambda: availability(standin, "anthropic.claude-nope-v1:0"))
    assert (code, status) == ("ResourceNotFoundException", 404)


def test_use_case_form(serve) -> None:
    form = client("bedrock", serve()).get_use_case_for_model_access()["formData"]
    assert b"Claude Code" in form
    code, status, message = client_error(client("bedrock", serve("use_case_missing")).get_use_case_for_model_access)
    assert (code, status) == (
        "ResourceNotFoundException",
        404,
    ) and "use case details have not been submitted" in message


def test_service_quotas_paginate_and_scale(serve) -> None:
    quotas = client("service-quotas", serve())
    pages = list(quotas.get_paginator("list_service_quotas").paginate(ServiceCode="bedrock", MaxResults=10))
    assert len(pages) > 2
    names = {q["QuotaName"]: q["Value"] for page in pages for q in page["Quotas"]}
    assert names["Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5"] == 400_000
    tiny = client("service-quotas", serve("tiny_quota"))
    listed = [
        q for page in tiny.get_paginator("list_service_quotas").paginate(ServiceCode="bedrock") for q in page["Quotas"]
    ]
    assert {q["Value"] for q in listed if q["QuotaName"].startswith("Cross-Region InvokeModel tokens")} == {100_000}


def test_metrics_report_throttles_only_when_throttled(serve) -> None:
    def throttles(standin: StandIn) -> float:
        now = datetime.now(UTC)
        query = {
            "Id": "t",
            "MetricStat": {
                "Metric": {
                    "Namespace": "AWS/Bedrock",
                    "MetricName": "InvocationThrottles",
                    "Dimensions": [{"Name": "ModelId", "Value": "us." + SONNET}],
                },
                "Period": 3600,
                "Stat": "Sum",
            },
        }
        answer = client("cloudwatch", standin).get_metric_data(
            MetricDataQueries=[query], StartTime=now - timedelta(days=1), EndTime=now
        )
        return sum(answer["MetricDataResults"][0]["Values"])

    assert throttles(serve()) == 0
    assert throttles(serve("throttled_metrics")) == 42


def test_denied_actions_answer_access_denied_in_each_wire_format(serve) -> None:
    standin = serve("iam_denied_account_reads")
    calls = {
        "bedrock:GetFoundationModelAvailability": lambda: availability(standin),
        "servicequotas:ListServiceQuotas": lambda: client("service-quotas", standin).list_service_quotas(
            ServiceCode="bedrock"
        ),
        "cloudwatch:GetMetricData": lambda: client("cloudwatch", standin).get_metric_data(
            MetricDataQueries=[], StartTime=datetime.now(UTC), EndTime=datetime.now(UTC)
        ),
        "iam:SimulatePrincipalPolicy": lambda: client("iam", standin).simulate_principal_policy(
            PolicySourceArn="arn:aws:iam::123456789012:user/dev", ActionNames=["bedrock:InvokeModel"]
        ),
    }
    for action, call in calls.items():
        code, _, message = client_error(call)
        assert code in ("AccessDeniedException", "AccessDenied") and f"not authorized to perform: {action}" in message
    assert {r.service for r in standin.requests} == {"bedrock", "servicequotas", "cloudwatch", "iam"}


def test_simulation_names_the_denied_action(serve) -> None:
    answer = client("iam", serve("iam_denied_streaming")).simulate_principal_policy(
        PolicySourceArn="arn:aws:iam::123456789012:user/dev",
        ActionNames=["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
        ResourceArns=["arn:aws:bedrock:us-east-1:123456789012:inference-profile/x"],
    )
    decisions = {r["EvalActionName"]: r["EvalDecision"] for r in answer["EvaluationResults"]}
    assert decisions == {"bedrock:InvokeModel": "allowed", "bedrock:InvokeModelWithResponseStream": "implicitDeny"}
