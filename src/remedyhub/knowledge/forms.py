"""Forms of the knowledge base and the helpdesk; every message is translated and every answer
already typed comes back with it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from remedyhub.common.countries import country_choices, country_codes
from remedyhub.intake.files import MAX_FILE_BYTES, CleanFile, UploadRejected, clean_upload
from remedyhub.intake.taxonomy import Issue
from remedyhub.knowledge.models import CHAPTERS, STEPS, ExpertGroup, Question
from remedyhub.registry.taxonomy import Sector

STEP_LABELS = {
    1: _("1. Embed responsible business conduct in policies"),
    2: _("2. Identify and assess adverse impacts"),
    3: _("3. Cease, prevent or mitigate"),
    4: _("4. Track implementation and results"),
    5: _("5. Communicate how impacts are addressed"),
    6: _("6. Provide for or cooperate in remediation"),
}
CHAPTER_LABELS = {
    "I": _("I Concepts and principles"),
    "II": _("II General policies"),
    "III": _("III Disclosure"),
    "IV": _("IV Human rights"),
    "V": _("V Employment and industrial relations"),
    "VI": _("VI Environment"),
    "VII": _("VII Combating bribery"),
    "VIII": _("VIII Consumer interests"),
    "IX": _("IX Science, technology and innovation"),
    "X": _("X Competition"),
    "XI": _("XI Taxation"),
}


class KnowledgeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    step = forms.TypedChoiceField(
        label=_("Due-diligence step"), required=False, coerce=int, empty_value=None
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    chapter = forms.ChoiceField(label=_("OECD Guidelines chapter"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_ = [("", _("Any"))]
        self.fields["step"].choices = any_ + [(s, STEP_LABELS[s]) for s in STEPS]  # type: ignore[attr-defined]
        self.fields["theme"].choices = any_ + list(Issue.choices)  # type: ignore[attr-defined]
        self.fields["sector"].choices = any_ + list(Sector.choices)  # type: ignore[attr-defined]
        self.fields["country"].choices = any_ + country_choices()  # type: ignore[attr-defined]
        self.fields["chapter"].choices = any_ + [(c, CHAPTER_LABELS[c]) for c in CHAPTERS]  # type: ignore[attr-defined]
        for name in ("step", "theme", "sector", "country", "chapter"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "“%(value)s” is not one of the choices: pick one from the list."
            )


class QuestionForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Issue.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    country = forms.ChoiceField(
        label=_("Country the question is about"),
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    company_size = forms.ChoiceField(label=_("Size of your company"), choices=Question.Size.choices)
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Write your question.")},
    )
    attachment = forms.FileField(
        label=_("A document that helps (optional)"),
        required=False,
        help_text=_("A photo or PDF of at most 10 MB."),
    )
    consent_to_publish = forms.BooleanField(
        label=_(
            "The answer may be published as a public FAQ entry, after an expert removed "
            "anything that identifies my company."
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country")), *country_choices()]  # type: ignore[attr-defined]
        self.fields["topic"].error_messages["invalid_choice"] = _("Choose a topic from the list.")
        self.fields["sector"].error_messages["invalid_choice"] = _("Choose a sector from the list.")
        self.fields["sector"].error_messages["required"] = _("Choose a sector.")
        self.fields["country"].error_messages["required"] = _("Choose a country.")
        self.cleaned_file: CleanFile | None = None

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your question."))
        return text

    def clean_country(self) -> str:
        code = self.cleaned_data["country"]
        if code not in country_codes():
            raise forms.ValidationError(_("Choose a country from the list."))
        return code

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB. Choose a smaller file or none.")
                % {"limit": MAX_FILE_BYTES // 2**20}
            )
        try:
            self.cleaned_file = clean_upload(upload.name, upload.read())
        except UploadRejected as error:
            raise forms.ValidationError(error.message) from None
        return upload


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the answer.")},
    )


class HandoverForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Hand over to"),
        queryset=ExpertGroup.objects.none(),
        error_messages={"required": _("Choose a group."), "invalid_choice": _("Choose a group.")},
    )
    reason = forms.CharField(
        label=_("Why this group"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the other group should answer.")},
    )

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ExpertGroup.objects.exclude(pk=question.group_id)  # type: ignore[attr-defined]


class FaqForm(forms.Form):
    question_en = forms.CharField(
        label=_("Public question (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    answer_en = forms.CharField(
        label=_("Public answer (English)"), widget=forms.Textarea(attrs={"rows": 6})
    )
    question_nl = forms.CharField(
        label=_("Public question (Dutch)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    answer_nl = forms.CharField(
        label=_("Public answer (Dutch)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    question_fr = forms.CharField(
        label=_("Public question (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answer_fr = forms.CharField(
        label=_("Public answer (French)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for language in ("nl", "fr"):
            if bool(data.get(f"question_{language}")) != bool(data.get(f"answer_{language}")):
                raise forms.ValidationError(
                    _("Give both the question and the answer in a language, or neither.")
                )
        return data

    def texts(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            language: (data[f"question_{language}"], data[f"answer_{language}"])
            for language in ("en", "nl", "fr")
            if data.get(f"question_{language}")
        }
