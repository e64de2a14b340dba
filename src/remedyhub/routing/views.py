"""Public pages of mechanisms: who they are, what they cover, and their rules of procedure."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from remedyhub.common.countries import country_name
from remedyhub.routing.models import Mechanism
from remedyhub.routing.rules import OUTCOME_LABELS, parse_stages
from remedyhub.routing.selectors import rules_in_force


def mechanism_list(request: HttpRequest) -> HttpResponse:
    mechanisms = Mechanism.objects.filter(is_active=True).order_by("kind", "name")
    return render(request, "routing/mechanism_list.html", {"mechanisms": mechanisms})


def mechanism_page(request: HttpRequest, slug: str) -> HttpResponse:
    mechanism = Mechanism.objects.filter(slug=slug, is_active=True).first()
    if mechanism is None:
        raise Http404
    today = timezone.localdate()
    rules = rules_in_force(mechanism, today)
    stages = list(parse_stages(rules.stages).values()) if rules else []
    context = {
        "mechanism": mechanism,
        "rules": rules,
        "stages": stages,
        "outcomes": [
            OUTCOME_LABELS.get(code, code) for code in (rules.outcome_types if rules else [])
        ],
        "versions": mechanism.rules.order_by("-version"),
        "countries": [country_name(code) for code in mechanism.countries],
        "home_countries": [country_name(code) for code in mechanism.home_countries],
    }
    return render(request, "routing/mechanism.html", context)
