"""Audit the installed dependencies against known vulnerabilities (pip-audit).

Fails when any installed package has a known vulnerability. When no vulnerability service can
be reached (an offline machine: pip-audit then skips every package), it says so plainly and
does not pretend the audit passed; set REMEDYHUB_REQUIRE_AUDIT=1 to make that a failure too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig


def audit(service: str) -> dict | None:
    site_packages = sysconfig.get_paths()["purelib"]
    try:
        completed = subprocess.run(  # noqa: S603 (a fixed command, no outside input)
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--vulnerability-service",
                service,
                "--path",
                site_packages,
                "--format",
                "json",
                "--progress-spinner",
                "off",
                "--timeout",
                "20",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError:
        return None


def main() -> int:
    for service in ("pypi", "osv"):
        report = audit(service)
        if report is None:
            continue
        dependencies = report.get("dependencies", [])
        audited = [d for d in dependencies if "skip_reason" not in d]
        if not audited:
            continue
        vulnerable = [d for d in audited if d.get("vulns")]
        for dependency in vulnerable:
            for vuln in dependency["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
                print(
                    f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})"
                )
        print(
            f"pip-audit ({service}): {len(audited)} packages audited, {len(vulnerable)} vulnerable."
        )
        return 1 if vulnerable else 0
    message = "pip-audit: no vulnerability service reachable (PyPI, OSV); dependencies NOT audited."
    print(message)
    return 1 if os.environ.get("REMEDYHUB_REQUIRE_AUDIT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
