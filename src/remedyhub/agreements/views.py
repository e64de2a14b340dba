"""Public pages of sector agreements: the agreement, its dashboard, its production locations,
and the export of its public data."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from remedyhub.agreements import charts
from remedyhub.agreements.selectors import (
    EXPORT_TABLES,
    agreement_dashboard,
    agreement_public_data,
    agreements_public,
    committee_for,
    disclosure_list,
    reference_date,
)
from remedyhub.common.countries import country_name
from remedyhub.registry.models import SectorAgreement
from remedyhub.registry.taxonomy import Sector


def _agreement(slug: str) -> SectorAgreement:
    agreement = SectorAgreement.objects.select_related("successor").filter(slug=slug).first()
    if agreement is None:
        raise Http404
    return agreement


def _named(agreement: SectorAgreement) -> dict[str, Any]:
    language = get_language() or "en"
    name, translated = agreement.name_in(language)
    successor = agreement.successor.name_in(language)[0] if agreement.successor else ""
    return {
        "agreement": agreement,
        "name": name,
        "name_translated": translated,
        "successor_name": successor,
    }


def agreement_list(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    agreements = [{"agreement": a, "name": a.name_in(language)[0]} for a in agreements_public()]
    return render(request, "agreements/list.html", {"agreements": agreements})


def agreement_page(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement(slug)
    sectors = dict(Sector.choices)
    context = {
        **_named(agreement),
        "sectors": [sectors.get(code, code) for code in agreement.sectors],
        "countries": [country_name(code) for code in agreement.countries],
        "parties": agreement.parties.order_by("role", "name"),
        "memberships": agreement.memberships.select_related("company").order_by(
            "-valid_until", "company__name"
        ),
        "predecessors": agreement.predecessors.order_by("starts_on"),
        "commitments": agreement.commitments.order_by("code"),
        "projects": agreement.projects.order_by("starts_on"),
        "committee": committee_for(agreement),
        "tables": EXPORT_TABLES,
    }
    return render(request, "agreements/agreement.html", context)


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement(slug)
    board = agreement_dashboard(agreement)
    year = _("Year")
    chart_list = [
        charts.bar_chart(
            title=_("Member companies"),
            series=[_("Members")],
            label_header=year,
            rows=[(f.label, f.values) for f in board.members],
        ),
        charts.bar_chart(
            title=_("Production locations on the public list"),
            series=[_("Locations")],
            label_header=year,
            rows=[(f.label, f.values) for f in board.disclosure],
        ),
        charts.bar_chart(
            title=_("Assessments of members"),
            series=[_("Assessed"), _("Passed")],
            label_header=year,
            rows=[(f.label, f.values) for f in board.assessments],
        ),
        charts.bar_chart(
            title=_("Complaints to the agreement's committee"),
            series=[_("Received"), _("Resolved")],
            label_header=year,
            rows=[(f.label, f.values) for f in board.complaints],
        ),
    ]
    indicator_charts = [
        charts.bar_chart(
            title=f"{item['project'].name}: {item['indicator'].name}",
            series=[item["indicator"].unit or _("Value")],
            label_header=_("Measured on"),
            rows=[(f.label, f.values) for f in item["rows"]],
        )
        for item in board.indicators
    ]
    context = {
        **_named(agreement),
        "board": board,
        "charts": chart_list,
        "indicator_charts": indicator_charts,
    }
    return render(request, "agreements/dashboard.html", context)


def production_locations(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement(slug)
    day = reference_date(agreement)
    error = ""
    asked = request.GET.get("on", "").strip()
    if asked:
        try:
            chosen = dt.date.fromisoformat(asked)
        except ValueError:
            error = _("Give the date as year-month-day, for example 2024-12-31.")
        else:
            if chosen < agreement.starts_on or chosen > day:
                error = _("Choose a date between %(start)s and %(end)s.") % {
                    "start": agreement.starts_on.isoformat(),
                    "end": day.isoformat(),
                }
            else:
                day = chosen
    context = {
        **_named(agreement),
        "day": day,
        "asked": asked,
        "error": error,
        "rows": disclosure_list(agreement, day),
    }
    return render(
        request, "agreements/production_locations.html", context, status=400 if error else 200
    )


def export_json(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement(slug)
    response = JsonResponse(agreement_public_data(agreement), json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="{agreement.slug}.json"'
    return response


def export_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    agreement = _agreement(slug)
    if table not in EXPORT_TABLES:
        raise Http404
    rows = agreement_public_data(agreement)["tables"][table]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{agreement.slug}-{table}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    if rows:
        writer.writerow(rows[0].keys())
        for row in rows:
            # A cell starting with = + - @ would be a formula in a spreadsheet.
            writer.writerow(
                "'" + str(v) if str(v)[:1] in {"=", "+", "-", "@"} else v for v in row.values()
            )
    return response
