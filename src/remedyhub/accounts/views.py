"""Log-in, log-out and the page a logged-in person lands on."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from remedyhub.accounts.models import Affiliation
from remedyhub.accounts.selectors import is_secretariat
from remedyhub.registry.selectors import may_upload, pending_decisions_for


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["affiliations"] = user.affiliations.select_related(  # type: ignore[union-attr]
            "mechanism", "company"
        )
        context["may_upload"] = may_upload(user=user)
        context["is_secretariat"] = is_secretariat(user)
        roles = {affiliation.role for affiliation in context["affiliations"]}
        context["is_company"] = Affiliation.Role.COMPANY in roles
        context["on_mechanism_side"] = user.is_staff or bool(
            roles & set(Affiliation.MECHANISM_ROLES)
        )
        context["pending_count"] = (
            pending_decisions_for(user=user).count() if context["may_upload"] else 0
        )
        return context
