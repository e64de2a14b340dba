"""The OpenAPI schema documents the errors too: what a client must be ready for.

drf-spectacular documents the success response of each operation. Every operation can also
answer 400 (a request it cannot read), 401 or 403 (no or insufficient credentials, unless it is
public), 404 (an unknown path parameter or receipt) and 429 (public operations are throttled);
this schema class adds those, with their bodies, wherever the view does not document them itself.
Schemathesis then checks that the API answers nothing else (src/remedyhub/tests).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny

ERROR = inline_serializer("Error", fields={"detail": serializers.CharField()})
VALIDATION_ERROR = inline_serializer(
    "ValidationError",
    fields={
        "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False)
    },
)


class RemedyHubAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        public = all(isinstance(p, AllowAny) for p in self.view.get_permissions())
        extra: dict[str, OpenApiResponse] = {
            "400": OpenApiResponse(
                VALIDATION_ERROR,
                description="The request could not be read: the message says which field.",
            ),
            "404": OpenApiResponse(ERROR, description="Not found, or not visible to the caller."),
        }
        if public:
            extra["429"] = OpenApiResponse(ERROR, description="Too many requests; wait and retry.")
        else:
            extra["401"] = OpenApiResponse(ERROR, description="No valid credentials were sent.")
            extra["403"] = OpenApiResponse(ERROR, description="The caller may not do this.")
        for code, response in extra.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
