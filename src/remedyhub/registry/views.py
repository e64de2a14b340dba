"""Registry pages: search facilities, a facility's page, the export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from remedyhub.common.countries import country_choices
from remedyhub.registry.selectors import (
    EXPORT_COLUMNS,
    facility_buyers,
    facility_export_rows,
    facility_resolve,
    facility_search,
)


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
