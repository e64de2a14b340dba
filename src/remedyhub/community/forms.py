"""Forms of the community pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from remedyhub.intake.taxonomy import Issue


class GoodPracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary in one sentence"), max_length=300, required=False)
    body = forms.CharField(
        label=_("What happened, and how you prevented harm or provided remedy"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
    )
    steps = forms.CharField(
        label=_("Steps you took, one per line"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Issue.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    case_reference = forms.CharField(
        label=_("Reference of a closed case (optional)"),
        help_text=_(
            "Only with the consent of the complainant and your company, recorded by the "
            "mechanism that handled the case."
        ),
        max_length=20,
        required=False,
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File (PDF or photo, up to 10 MB)"),
        error_messages={"required": _("Choose a file to share.")},
    )


class RegistrationForm(forms.Form):
    """For people without an account; signed-in users register with one button."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
