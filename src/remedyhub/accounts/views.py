"""Log-in, log-out and the page a logged-in person lands on."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["affiliations"] = self.request.user.affiliations.select_related(  # type: ignore[union-attr]
            "mechanism", "company"
        )
        return context
