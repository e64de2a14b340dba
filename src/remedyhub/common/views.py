"""Site-wide pages: the public home page, how it works, the companies' entry, and the health
check."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "common/home.html"


class HowItWorksView(TemplateView):
    template_name = "common/how_it_works.html"


class ForCompaniesView(TemplateView):
    """One entry to the expertise centre and the agreements, so that the main menu stays short
    on a small phone for the people who come to report harm."""

    template_name = "common/for_companies.html"


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 otherwise; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 as JSON under /api/ (a client reads it like any other API error), a page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found.")}, status=404)
    return page_not_found(request, exception)
