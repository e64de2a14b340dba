"""Security headers that Django's own middleware does not set.

- ``Content-Security-Policy``: scripts, styles, fonts and images only from this site (images
  also as ``data:``, for the server-made QR code), no inline script or style, no plugins, no
  framing, forms post only here. A view may set a stricter policy (file downloads do).
- ``Cache-Control: no-store`` on every page and API answer that does not say otherwise: a
  shared or borrowed phone must not keep a reporter's answers, a receipt or a case in its cache.
  Static files are served by WhiteNoise before this middleware and stay cacheable.
- ``Permissions-Policy``: no camera, microphone or location, which no page uses.

``X-Frame-Options``, ``X-Content-Type-Options``, ``Referrer-Policy``, the opener policy and HSTS
come from Django's SecurityMiddleware and XFrameOptionsMiddleware (see settings).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        cache_control = response.headers.get("Cache-Control", "")
        if "no-store" not in cache_control:
            response.headers["Cache-Control"] = "no-store"
        return response
