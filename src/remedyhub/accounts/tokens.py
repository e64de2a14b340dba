"""API tokens for partner organisations: made once, stored as a digest, checked in constant time."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from remedyhub.accounts.models import ApiToken, User

KEY_PREFIX = "rh_"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User, organisation: str) -> tuple[ApiToken, str]:
    """A new token and its key; the key is not kept and cannot be shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, organisation=organisation, key_digest=_digest(key), prefix=key[:8]
    )
    return token, key


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token rh_...``. A missing header is anonymous; a bad one is refused."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        # Looked up by digest: the index compares digests, never the key itself.
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_digest=_digest(key), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes partner tokens."""

    target_class = ApiTokenAuthentication
    name = "partnerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token rh_...`, made with `manage.py create_api_token USER`.",
        }
