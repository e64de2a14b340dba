"""The risk check page: a GET form and its result, grouped by theme."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from remedyhub.risk.forms import RiskCheckForm
from remedyhub.risk.models import GoodRisk
from remedyhub.risk.selectors import (
    SUPPRESS_BELOW,
    complaint_figures,
    current_datasets,
    good_choices,
    missing_data,
    risk_check,
)


def risk_check_page(request: HttpRequest) -> HttpResponse:
    datasets = current_datasets()
    data = None
    if request.GET:
        # Empty values (an empty select) count as nothing chosen, not as an unknown choice.
        data = request.GET.copy()
        for key in list(data):
            data.setlist(key, [value for value in data.getlist(key) if value.strip()])
    form = RiskCheckForm(data, goods=good_choices())
    context: dict[str, object] = {
        "form": form,
        "datasets": sorted(datasets.values(), key=lambda dataset: dataset.source),
        "missing": missing_data(datasets),
        "suppress_below": SUPPRESS_BELOW,
    }
    if form.is_bound and form.is_valid():
        sectors = set(form.cleaned_data["sectors"])
        goods = form.cleaned_data["goods"]
        countries = form.cleaned_data["countries"]
        # Complaint figures are by sector: a chosen product counts through its sectors.
        for entry in GoodRisk.objects.filter(good__in=goods).values_list("sectors", flat=True):
            sectors.update(entry)
        context["themes"] = risk_check(sectors=sectors, goods=goods, countries=countries)
        context["figures"] = complaint_figures(sectors=sectors, countries=countries)
    return render(request, "risk/check.html", context)
