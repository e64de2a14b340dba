"""gunicorn's settings: ``gunicorn -c python:remedyhub.conf.gunicorn remedyhub.conf.wsgi``.

gunicorn's access log would write each client's address (``%(h)s``), its browser string
(``%(a)s``) and the referring page (``%(f)s``) on every request, and its error log names the
address of a malformed request ("Invalid request from ip=..."). Neither is allowed here: the
access log format has none of them, the logger class blanks them even if a format asks for
them, and the error log has addresses replaced.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from gunicorn.glogging import Logger

# Time, request line (our URLs carry no receipt or name: receipts travel in a header), status,
# bytes, and duration in milliseconds.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Behind a reverse proxy on the same host; the proxy must not log addresses either.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Atoms of the access log that identify a client; request headers are atoms "{name}i".
CLIENT_ATOMS = ("h", "a", "f", "{user-agent}i", "{referer}i", "{x-forwarded-for}i")
CLIENT_HEADERS = ("user-agent", "referer", "x-forwarded-for", "x-real-ip", "forwarded", "x-receipt")
_ADDRESS = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b"  # IPv4
    r"|\b(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}\b"  # IPv6
)


class NoAddressFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _ADDRESS.sub("[client]", record.getMessage())
        record.args = None
        return True


class PrivateLogger(Logger):
    """gunicorn's logger without client addresses, browser strings or referrers."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.addFilter(NoAddressFilter())

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for key in CLIENT_ATOMS:
            atoms[key] = "-"
        for header in CLIENT_HEADERS:
            atoms[f"{{{header}}}i"] = "-"
        return atoms


logger_class = PrivateLogger
