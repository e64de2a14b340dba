"""Admin for the agreements' monitoring: the secretariat records commitments, plans,
assessments (scored through the service) and measurements, and refers failing members."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from remedyhub.agreements.models import (
    ActionPlan,
    Assessment,
    AssessmentFramework,
    Commitment,
    CommitmentFulfilment,
    Criterion,
    Indicator,
    Measurement,
    Project,
)
from remedyhub.agreements.selectors import member_in_year
from remedyhub.agreements.services import (
    Refused,
    assessment_check,
    assessment_refer,
)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(AssessmentFramework)
class AssessmentFrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "agreement", "pass_mark", "first_year"]
    inlines = [CriterionInline]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["title", "agreement", "rule", "months", "due_on"]
    list_filter = ["agreement", "rule"]


@admin.register(CommitmentFulfilment)
class CommitmentFulfilmentAdmin(admin.ModelAdmin):
    list_display = ["company", "commitment", "year", "fulfilled_on"]
    list_filter = ["commitment__agreement"]


class _MemberYearForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agreement, company, year = data.get("agreement"), data.get("company"), data.get("year")
        if (
            agreement
            and company
            and year
            and not member_in_year(agreement=agreement, company=company, year=year)
        ):
            self.add_error(
                "year",
                _("%(company)s was not a member of %(agreement)s at any time in %(year)s.")
                % {"company": company.name, "agreement": agreement.name, "year": year},
            )
        return data


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    form = _MemberYearForm
    list_display = ["company", "agreement", "year", "submitted_on"]
    list_filter = ["agreement", "year"]


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["agreement", "company", "year", "framework", "assessed_on", "scores", "notes"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed = ("agreement", "company", "year", "framework")
        if all(data.get(name) for name in needed):
            try:
                result = assessment_check(
                    agreement=data["agreement"],
                    company=data["company"],
                    year=data["year"],
                    framework=data["framework"],
                    scores=data.get("scores") or {},
                )
            except Refused as refused:
                for name, message in refused.errors.items():
                    self.add_error(name if name in self.fields else None, message)
            else:
                self.instance.percent = result.percent
                self.instance.passed = result.passed
        return data


@admin.action(description=_("Refer the selected failed assessments to the complaints mechanism"))
def refer(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Assessment]
) -> None:
    for assessment in queryset.select_related("agreement", "company", "framework"):
        try:
            case = assessment_refer(assessment=assessment, actor=request.user)
        except Refused as refused:
            modeladmin.message_user(request, f"{assessment}: {refused}", messages.WARNING)
        else:
            modeladmin.message_user(
                request,
                _("%(assessment)s: referred as %(reference)s.")
                % {"assessment": assessment, "reference": case.complaint.reference},
                messages.SUCCESS,
            )


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    form = AssessmentForm
    actions = [refer]
    list_display = ["company", "agreement", "year", "percent", "passed", "referral_complaint"]
    list_filter = ["agreement", "year", "passed"]
    readonly_fields = ["percent", "passed", "referral_complaint"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "agreement", "starts_on", "ends_on"]
    inlines = [IndicatorInline]
    filter_horizontal = ["companies"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "measured_on", "value"]
    list_filter = ["indicator__project"]
