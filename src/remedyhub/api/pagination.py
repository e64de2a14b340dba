"""Pagination of the API's lists."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class StrictLimitOffsetPagination(LimitOffsetPagination):
    """``limit`` and ``offset`` as documented, or a 400 that says which is wrong.

    DRF's own pagination silently ignores ``offset=null`` or ``limit=-3``; a client that sent
    them has a bug it should hear about rather than receive the first page.
    """

    def get_limit(self, request: Any) -> int | None:
        self._check(request, self.limit_query_param, minimum=1)
        return super().get_limit(request)

    def get_offset(self, request: Any) -> int:
        self._check(request, self.offset_query_param, minimum=0)
        return super().get_offset(request)

    @staticmethod
    def _check(request: Any, name: str, *, minimum: int) -> None:
        values = request.query_params.getlist(name)
        if not values:
            return
        message = _("Give %(name)s once, as a whole number of at least %(minimum)d.") % {
            "name": name,
            "minimum": minimum,
        }
        if len(values) > 1 or not values[0].isdigit() or int(values[0]) < minimum:
            raise ValidationError({name: [message]})
