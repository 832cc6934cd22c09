#!/usr/bin/env python3
"""Writes the pull-request job summary (Markdown) from the JSON reports of validator and policy.

Usage: pr-summary.py REPORT.json... > summary.md
Counts per rule first, then the findings, errors before warnings, each with file:line.
"""
import json
import sys

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
MAX_LISTED = 50


def main(paths):
    findings = []
    totals = {"errors": 0, "warnings": 0, "infos": 0, "exempted": 0, "files": 0, "resources": 0}
    tools = []
    missing = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                report = json.load(handle)
        except (OSError, ValueError) as error:
            # A step that failed before it could report must not take the summary down with it.
            missing.append(f"- `{path}` could not be read ({type(error).__name__}); its step failed before reporting.")
            continue
        tools.append(report["tool"])
        for key in totals:
            value = report["summary"].get(key, 0)
            # Both tools read the same tree: its size is counted once, the findings of each add up.
            totals[key] = max(totals[key], value) if key in ("files", "resources") else totals[key] + value
        for finding in report["findings"]:
            if "exemption" not in finding:
                findings.append(dict(finding, tool=report["tool"]))
    verdict = "failed" if totals["errors"] or missing else "passed"
    print(f"## homelab checks {verdict}: {' + '.join(tools) or 'no report'}\n")
    if missing:
        print("\n".join(missing) + "\n")
    print(
        f"{totals['errors']} errors, {totals['warnings']} warnings, {totals['infos']} info, "
        f"{totals['exempted']} exempted in {totals['resources']} resources.\n"
    )
    if not findings:
        return
    per_rule = {}
    for finding in findings:
        key = (SEVERITY_ORDER.get(finding["severity"], 3), finding["rule"], finding["severity"], finding.get("help", ""))
        per_rule[key] = per_rule.get(key, 0) + 1
    print("| rule | severity | count |\n|---|---|---:|")
    for (_, rule, severity, help_url), count in sorted(per_rule.items(), key=lambda item: (item[0][0], -item[1], item[0][1])):
        name = f"[`{rule}`]({help_url})" if help_url else f"`{rule}`"
        print(f"| {name} | {severity} | {count} |")
    print("\n| severity | where | rule | message |\n|---|---|---|---|")
    findings.sort(key=lambda f: (SEVERITY_ORDER.get(f["severity"], 3), f["file"], f["line"], f["column"], f["rule"]))
    for finding in findings[:MAX_LISTED]:
        message = finding["message"].replace("|", "\\|").replace("\n", " ")
        print(f"| {finding['severity']} | `{finding['file']}:{finding['line']}:{finding['column']}` | `{finding['rule']}` | {message} |")
    if len(findings) > MAX_LISTED:
        print(f"\n… and {len(findings) - MAX_LISTED} more; see the SARIF upload or the JSON reports.")


if __name__ == "__main__":
    main(sys.argv[1:])
