"""Rules about outcomes that hold whatever the mechanism: rights-compatible texts (R20)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Phrases by which a settlement would make the complainant give up going to court, in the
# languages of the interface. Matching is on words, case- and accent-insensitive enough for
# the common forms; a handler who needs such a clause has to take it out of the text.
WAIVER_PATTERNS = [
    r"\bwaives?\b.{0,60}\b(right|claim|action|court|legal|judicial)",
    r"\b(give|gives|giving)\s+up\b.{0,40}\b(right|claim|court|legal)",
    r"\b(no|not|never)\b.{0,30}\b(sue|legal action|court proceedings|take .{0,20}to court)",
    r"\brelease[sd]?\b.{0,40}\bfrom (all|any) (claims|liability)",
    r"\bafstand\b.{0,40}\b(recht|rechter|rechtsmiddel|vordering)",
    r"\bgeen\b.{0,30}\b(rechtszaak|juridische stappen|naar de rechter)",
    r"\brenonc\w*\b.{0,60}\b(droit|recours|action|justice|tribunal)",
    r"\brenunci\w*\b.{0,60}\b(derecho|acci[oó]n|recurso|tribunal|judicial)",
    r"মামলা\s*(করবে|করবেন)?\s*না",
]
_WAIVER = re.compile("|".join(f"(?:{pattern})" for pattern in WAIVER_PATTERNS), re.IGNORECASE)


def validate_no_waiver(text: str) -> None:
    """Refuse an outcome text by which the complainant would give up access to the courts."""
    match = _WAIVER.search(text or "")
    if match:
        raise ValidationError(
            _(
                "An outcome may not take away the complainant's right to go to court. "
                "Remove this part: “%(words)s”."
            ),
            code="waiver",
            params={"words": match.group(0)[:80]},
        )


ADMISSIBILITY_CRITERIA = {
    "within_mandate": _("The complaint is about matters the mechanism deals with"),
    "company_identified": _("A company in the supply chain can be identified"),
    "sufficiently_substantiated": _("The complaint is substantiated enough to look into"),
    "no_parallel_proceedings_blocking": _("No other procedure makes handling it pointless"),
}
