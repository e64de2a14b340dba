"""The case workflow as a table: which state may follow which, and when a reason is required.

Nothing here touches the database; ``services.case_transition`` is the only writer and
consults this table.
"""

from __future__ import annotations

from remedyhub.routing.rules import Stage

S = Stage

# The main path (ARCHITECTURE): received -> acknowledged -> admissibility -> admitted |
# not_admissible; admitted -> company_response -> dialogue -> agreement | adjudication;
# adjudication -> decided; agreement | decided -> remedy_monitoring -> closed.
# Additions, each for a reason: a company that refuses dialogue leads straight to adjudication;
# a complaint found unfounded closes without a remedy plan; a complaint that is not admissible
# is closed or referred onwards (R8).
FORWARD: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.ACKNOWLEDGED}),
    S.ACKNOWLEDGED: frozenset({S.ADMISSIBILITY}),
    S.ADMISSIBILITY: frozenset({S.ADMITTED, S.NOT_ADMISSIBLE}),
    S.ADMITTED: frozenset({S.COMPANY_RESPONSE}),
    S.COMPANY_RESPONSE: frozenset({S.DIALOGUE, S.ADJUDICATION}),
    S.DIALOGUE: frozenset({S.AGREEMENT, S.ADJUDICATION}),
    S.ADJUDICATION: frozenset({S.DECIDED}),
    S.AGREEMENT: frozenset({S.REMEDY_MONITORING}),
    S.DECIDED: frozenset({S.REMEDY_MONITORING, S.CLOSED}),
    S.REMEDY_MONITORING: frozenset({S.CLOSED}),
    S.NOT_ADMISSIBLE: frozenset({S.CLOSED, S.REFERRED}),
}
TERMINAL = frozenset({S.CLOSED, S.REFERRED, S.WITHDRAWN})
# From any open state (not while on hold, which only returns where it came from).
FROM_ANY_OPEN = frozenset({S.REFERRED, S.WITHDRAWN, S.ON_HOLD})
OPEN = frozenset(set(Stage.values) - TERMINAL)

# Moves that must say why (R8: a complaint found not admissible always does).
REASON_REQUIRED = frozenset(
    {S.NOT_ADMISSIBLE, S.REFERRED, S.WITHDRAWN, S.ON_HOLD, S.CLOSED, S.DECIDED}
)


def allowed_targets(state: str, *, held_from: str = "") -> frozenset[str]:
    """Every state a case in ``state`` may move to."""
    if state in TERMINAL:
        return frozenset()
    if state == S.ON_HOLD:
        return (frozenset({held_from, S.WITHDRAWN, S.REFERRED})) if held_from else frozenset()
    return FORWARD.get(state, frozenset()) | FROM_ANY_OPEN


def is_allowed(state: str, target: str, *, held_from: str = "") -> bool:
    return target in allowed_targets(state, held_from=held_from)


def needs_reason(target: str) -> bool:
    return target in REASON_REQUIRED
