"""Walking the reporting form with Django's test client, as a browser without JavaScript would."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

GOOD_ANSWERS: dict[str, dict[str, Any]] = {
    "what": {
        "description": "The supervisor locks the fire exit during night shifts.",
        "issues_labour": ["health_and_safety", "working_hours"],
    },
    "where": {"country": "BD", "site_name": "Example Garments", "site_address": "Gazipur"},
    "when": {"occurred_from": "2026-01-10", "occurred_to": "", "ongoing": "on"},
    "affected": {"affected_count": "120", "affected_groups": ["women"]},
    "reporter": {"reporter_type": "affected_person", "on_behalf_of_others": "no"},
    "identity": {"anonymous": "yes"},
}


def step_url(step: str) -> str:
    return reverse("intake:step", kwargs={"step": step})


def start(client: Client) -> None:
    response = client.post(reverse("intake:start"))
    assert response.status_code == 302


def answer(client: Client, step: str, values: dict[str, Any], action: str = "next") -> Any:
    return client.post(step_url(step), {**values, "action": action})


def fill_all(client: Client, answers: dict[str, dict[str, Any]] | None = None) -> None:
    start(client)
    for step, values in (answers or GOOD_ANSWERS).items():
        response = answer(client, step, values)
        assert response.status_code == 302, (step, response.content[:2000])
    response = client.post(step_url("files"), {"action": "next"})
    assert response.status_code == 302
