"""The steps of the reporting form: one small form each, checked on its own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remedyhub.common.countries import country_choices, validate_country_code
from remedyhub.intake.contact import normalise_phone
from remedyhub.intake.taxonomy import ISSUE_GROUPS, AffectedGroup, ReporterType

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
MAX_TEXT = 20_000


class WhatForm(forms.Form):
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Write in any language. Say what happened, to whom, and how often. "
            "Do not write your name here if you want to stay anonymous."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=10,
        max_length=MAX_TEXT,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label, issues in ISSUE_GROUPS:
            self.fields[f"issues_{code}"] = forms.MultipleChoiceField(
                label=label,
                choices=[(issue.value, issue.label) for issue in issues],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issues: list[str] = []
        for code, _label, _issues in ISSUE_GROUPS:
            issues.extend(data.pop(f"issues_{code}", []) or [])
        data["issues"] = issues
        return data

    @staticmethod
    def initial_from(values: dict[str, Any]) -> dict[str, Any]:
        initial = {"description": values.get("description", "")}
        chosen = set(values.get("issues", []))
        for code, _label, issues in ISSUE_GROUPS:
            initial[f"issues_{code}"] = [issue.value for issue in issues if issue.value in chosen]
        return initial


class WhereForm(forms.Form):
    country = forms.ChoiceField(
        label=_("In which country did it happen?"), choices=(), validators=[validate_country_code]
    )
    site_name = forms.CharField(
        label=_("Name of the workplace, if you know it"),
        help_text=_("For example the factory, farm or mine. Part of the name is enough."),
        required=False,
        max_length=300,
    )
    site_address = forms.CharField(
        label=_("Street, area or town"),
        required=False,
        max_length=300,
    )
    facility = forms.ChoiceField(
        label=_("Is it one of these places?"),
        required=False,
        widget=forms.RadioSelect,
        choices=(),
    )

    def __init__(self, *args: Any, candidates: list[tuple[str, str]] = (), **kwargs: Any):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country")), *country_choices()]  # type: ignore[attr-defined]
        self.fields["facility"].choices = [  # type: ignore[attr-defined]
            *candidates,
            ("", _("None of these, or I do not know")),
        ]


class WhenForm(forms.Form):
    occurred_from = forms.DateField(
        label=_("When did it start?"),
        help_text=_("An approximate date is fine. Leave empty if you do not know."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occurred_to = forms.DateField(
        label=_("When did it end?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ongoing = forms.BooleanField(label=_("It is still going on"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        start: dt.date | None = data.get("occurred_from")
        end: dt.date | None = data.get("occurred_to")
        if start and start > today:
            self.add_error("occurred_from", _("This date is in the future."))
        if end and end > today:
            self.add_error("occurred_to", _("This date is in the future."))
        if start and end and end < start:
            self.add_error("occurred_to", _("The end is before the start."))
        if end and data.get("ongoing"):
            self.add_error("ongoing", _("It cannot have ended and still be going on."))
        return data


class AffectedForm(forms.Form):
    affected_count = forms.IntegerField(
        label=_("About how many people are affected?"),
        help_text=_("A guess is fine. Leave empty if you do not know."),
        required=False,
        min_value=1,
        max_value=10_000_000,
    )
    affected_groups = forms.MultipleChoiceField(
        label=_("Are any of these groups affected?"),
        choices=AffectedGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ReporterForm(forms.Form):
    reporter_type = forms.ChoiceField(
        label=_("Who are you?"), choices=ReporterType.choices, widget=forms.RadioSelect
    )
    on_behalf_of_others = forms.ChoiceField(
        label=_("Are you reporting for other people too?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    represented_people = forms.CharField(
        label=_("For whom are you reporting?"),
        help_text=_("For example: 40 sewing machine operators of line 3. Names are not needed."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    organisation = forms.CharField(
        label=_("Name of your union or organisation"), required=False, max_length=300
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        behalf = data.get("on_behalf_of_others") == "yes"
        if behalf and not data.get("represented_people", "").strip():
            self.add_error("represented_people", _("Say for whom you are reporting."))
        if (
            data.get("reporter_type") in {ReporterType.UNION, ReporterType.NGO}
            and not data.get("organisation", "").strip()
        ):
            self.add_error("organisation", _("Give the name of your union or organisation."))
        return data


class IdentityForm(forms.Form):
    anonymous = forms.ChoiceField(
        label=_("Do you want to stay anonymous?"),
        help_text=_(
            "If you stay anonymous, nobody learns your name, not even us. You can still follow "
            "your complaint and answer questions with your code."
        ),
        choices=[
            ("yes", _("Yes, do not ask my name")),
            ("no", _("No, I give my name")),
        ],
        widget=forms.RadioSelect,
        initial="yes",
    )
    reporter_name = forms.CharField(label=_("Your name"), required=False, max_length=300)
    contact_phone = forms.CharField(
        label=_("Phone number (optional)"),
        help_text=_("Only if it is safe for you that we call or text this number."),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    contact_other = forms.CharField(
        label=_("Messaging app and your name or number there (optional)"),
        help_text=_("For example: WhatsApp +880 1712 345678, or Signal."),
        required=False,
        max_length=200,
    )
    consent_identity_to_company = forms.BooleanField(
        label=_("The company may see my name and contact details"),
        help_text=_("If you do not tick this, the company only sees a code instead of your name."),
        required=False,
    )

    def __init__(self, *args: Any, country: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country = country

    def clean_contact_phone(self) -> str:
        raw = self.cleaned_data.get("contact_phone", "").strip()
        if not raw:
            return ""
        return normalise_phone(raw, self.country)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        anonymous = data.get("anonymous") != "no"
        if not anonymous and not data.get("reporter_name", "").strip():
            self.add_error("reporter_name", _("Give your name, or choose to stay anonymous."))
        if anonymous and data.get("consent_identity_to_company"):
            self.add_error(
                "consent_identity_to_company",
                _("An anonymous complaint has no name to show. Untick this or give your name."),
            )
        if anonymous:
            data["reporter_name"] = ""
        return data


def to_json(cleaned: dict[str, Any]) -> dict[str, Any]:
    """Cleaned data as JSON values (dates as ISO strings)."""
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in cleaned.items()
    }


def check_country(value: str) -> str:
    try:
        validate_country_code(value)
    except ValidationError:
        return ""
    return value
