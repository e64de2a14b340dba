"""The risk check's form: sectors or goods, and countries (a GET form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from remedyhub.common.countries import country_choices
from remedyhub.registry.taxonomy import Sector


class RiskCheckForm(forms.Form):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Unknown sector: %(value)s. Choose sectors from the list.")
        },
    )
    goods = forms.MultipleChoiceField(
        label=_("Products"),
        required=False,
        help_text=_("Goods named on the public lists. Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={
            "invalid_choice": _("Unknown product: %(value)s. Choose products from the list.")
        },
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of production"),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={
            "required": _("Choose at least one country."),
            "invalid_choice": _("Unknown country: %(value)s. Choose countries from the list."),
        },
    )

    def __init__(self, *args: Any, goods: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: dict[str, list[tuple[str, Any]]] = {
            "sectors": list(Sector.choices),
            "goods": [(good, good) for good in goods],
            "countries": country_choices(),
        }
        for name, values in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101
            field.choices = values

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not self.has_error("sectors")
            and not self.has_error("goods")
            and not cleaned.get("sectors")
            and not cleaned.get("goods")
        ):
            raise forms.ValidationError(_("Choose at least one sector or product."))
        return cleaned
