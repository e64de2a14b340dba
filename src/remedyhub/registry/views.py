"""Registry pages: search facilities, a facility's page, the export."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from remedyhub.common.countries import country_choices
from remedyhub.registry.models import Company, Contributor, Facility
from remedyhub.registry.parsing import MAX_BYTES
from remedyhub.registry.selectors import (
    EXPORT_COLUMNS,
    facility_buyers,
    facility_export_rows,
    facility_resolve,
    facility_search,
    may_upload,
    pending_decisions_for,
    upload_companies_for,
)
from remedyhub.registry.services import match_decision_resolve, supplier_list_import
from remedyhub.registry.uploads import upload_discard, upload_keep, upload_read


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


SESSION_UPLOAD = "registry_upload"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Supplier list"),
        help_text=_(
            "CSV, Excel (.xlsx) or JSON with the columns name, address and country; optional: "
            "sector, product_type, facility_type, processing_type, number_of_workers, "
            "parent_company, lat, lng, os_id. At most 10,000 rows."
        ),
    )
    contributor = forms.CharField(label=_("Published by"), max_length=255, required=False)
    contributor_type = forms.ChoiceField(
        label=_("Type of publisher"), choices=Contributor.Type.choices, required=False
    )
    company: forms.ModelChoiceField[Company] = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.none(), required=False
    )
    list_date = forms.DateField(
        label=_("Date of the list"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.companies = upload_companies_for(user=user)
        if self.companies is None:  # staff: any publisher
            del self.fields["company"]
        else:
            del self.fields["contributor"], self.fields["contributor_type"]
            company_field = self.fields["company"]
            company_field.queryset = self.companies  # type: ignore[attr-defined]
            company_field.required = True
            company_field.empty_label = None  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB."), params={"limit": MAX_BYTES // 2**20}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.companies is None and not (data.get("contributor") or "").strip():
            self.add_error("contributor", _("Say who published the list."))
        return data


def _may_upload_or_404(request: HttpRequest) -> None:
    if not may_upload(user=request.user):
        raise Http404


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Step 1: choose a file; the preview shows what importing it would do, writing nothing."""
    _may_upload_or_404(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        company = form.cleaned_data.get("company")
        plan = {
            "filename": form.cleaned_data["file"].name,
            "contributor": company.name if company else form.cleaned_data["contributor"].strip(),
            "contributor_type": form.cleaned_data.get("contributor_type") or "brand",
            "company": company.pk if company else None,
            "list_date": (form.cleaned_data["list_date"] or timezone.localdate()).isoformat(),
        }
        result = _import(plan, data, user=request.user, dry_run=True, skip_invalid=True)
        previous = request.session.get(SESSION_UPLOAD)
        if previous:
            upload_discard(previous["token"])
        request.session[SESSION_UPLOAD] = {**plan, "token": upload_keep(data)}
        return render(request, "registry/upload_preview.html", {"plan": plan, "result": result})
    return render(request, "registry/upload.html", {"form": form})


@login_required
@require_POST
def upload_confirm(request: HttpRequest) -> HttpResponse:
    """Step 2: import the previewed file, all of it or only its valid rows."""
    _may_upload_or_404(request)
    plan = request.session.get(SESSION_UPLOAD)
    data = upload_read(plan["token"]) if plan else None
    if plan is None or data is None:
        messages.error(request, _("The uploaded file has expired. Please upload it again."))
        return redirect("registry:upload")
    result = _import(
        plan, data, user=request.user, dry_run=False, skip_invalid="skip_invalid" in request.POST
    )
    if not result.imported:
        # The file stays for another try: nothing the person sent is lost.
        messages.error(
            request,
            _("Nothing was imported: the list has invalid rows. Tick the box to skip them."),
        )
        return render(request, "registry/upload_preview.html", {"plan": plan, "result": result})
    del request.session[SESSION_UPLOAD]
    upload_discard(plan["token"])
    messages.success(request, _("The list was imported."))
    return render(
        request, "registry/upload_preview.html", {"plan": plan, "result": result, "done": True}
    )


def _import(
    plan: dict[str, Any], data: bytes, *, user: Any, dry_run: bool, skip_invalid: bool
) -> Any:
    allowed = upload_companies_for(user=user)
    company = None
    if plan["company"] is not None:
        companies = allowed if allowed is not None else Company.objects.all()
        company = get_object_or_404(companies, pk=plan["company"])
    return supplier_list_import(
        data=data,
        filename=plan["filename"],
        contributor=plan["contributor"],
        contributor_type=plan["contributor_type"],
        skip_invalid=skip_invalid,
        uploaded_by=user,
        list_date=dt.date.fromisoformat(plan["list_date"]),
        dry_run=dry_run,
        company=company,
        workers=1,
    )
