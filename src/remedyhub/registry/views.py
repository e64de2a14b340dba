"""Registry pages: search facilities, a facility's page, the export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from remedyhub.common.countries import country_choices
from remedyhub.registry.models import Facility
from remedyhub.registry.selectors import (
    EXPORT_COLUMNS,
    facility_buyers,
    facility_export_rows,
    facility_resolve,
    facility_search,
    pending_decisions_for,
)
from remedyhub.registry.services import match_decision_resolve


class FacilitySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, street or town of the workplace"),
        max_length=200,
        help_text=_("Type what you know. Spelling mistakes are fine."),
    )
    country = forms.TypedChoiceField(label=_("Country"), required=False, choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *country_choices()]  # type: ignore[attr-defined]


def facility_search_page(request: HttpRequest) -> HttpResponse:
    form = FacilitySearchForm(request.GET or None)
    results = None
    if form.is_valid():
        results = facility_search(
            q=form.cleaned_data["q"], country=form.cleaned_data["country"] or None, limit=10
        )
    return render(request, "registry/search.html", {"form": form, "results": results})


def facility_page(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = facility_resolve(public_id)
    if facility is None:
        raise Http404(_("No facility has this id."))
    if facility.public_id != public_id:
        return redirect("registry:facility", public_id=facility.public_id)
    buyers = facility_buyers([facility])[facility.pk]
    return render(request, "registry/facility.html", {"facility": facility, "buyers": buyers})


class _Echo:
    def write(self, value: str) -> str:
        return value


def facility_export(request: HttpRequest) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(EXPORT_COLUMNS)
        for row in facility_export_rows():
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="remedyhub-facilities.csv"'
    return response


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Rows the matcher was unsure about, each with its candidates, for a person to settle."""
    decisions = list(pending_decisions_for(user=request.user)[:50])
    keys = {c["facility"] for d in decisions for c in d.candidates}
    facilities = Facility.objects.in_bulk(keys)
    items = [
        {
            "decision": decision,
            "candidates": [
                {"facility": facilities[c["facility"]], "score": c["score"]}
                for c in decision.candidates
                if c["facility"] in facilities
            ],
        }
        for decision in decisions
    ]
    return render(request, "registry/review.html", {"items": items})


@login_required
@require_POST
def review_decide(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(pending_decisions_for(user=request.user), pk=decision_id)
    choice = request.POST.get("facility", "")
    facility = None
    if choice != "new":
        allowed = {c["facility"] for c in decision.candidates}
        facility = Facility.objects.filter(public_id=choice, pk__in=allowed).first()
        if facility is None:
            messages.error(request, _("Choose one of the candidates, or a new site."))
            return redirect("registry:review")
    match_decision_resolve(decision=decision, facility=facility, user=request.user)
    messages.success(request, _("Saved. This row will not be asked about again."))
    return redirect("registry:review")
