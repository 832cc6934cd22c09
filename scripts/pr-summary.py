#!/usr/bin/env python3
"""Writes the pull-request job summary (Markdown) from the JSON reports of validator and policy.

Usage: pr-summary.py REPORT.json... > summary.md
Counts per rule first, then the findings, errors before warnings, each with file:line.
"""
import json
import re
import sys

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_TOTAL = {"error": "errors", "warning": "warnings", "info": "infos"}
MAX_LISTED = 50
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)


def cell(text):
    """Table-cell Markdown: a message's `code` stays code, the rest is shown as written, not as HTML or Markdown."""
    text = visible(text)
    parts = []
    last = 0
    for span in CODE_SPAN.finditer(text):
        parts.append(plain(text[last:span.start()]))
        parts.append(span.group(0).replace("|", "\\|"))
        last = span.end()
    parts.append(plain(text[last:]))
    return " ".join("".join(parts).split())


def plain(text):
    return re.sub(r"([\\`*_\[\]<>|~!#])", r"\\\1", text).replace("&", "&amp;")


def visible(text):
    """Control characters spelled out as \\uXXXX, as the JUnit report does; line breaks become spaces."""
    text = re.sub(r"[\r\n\t]", " ", text)
    return re.sub(r"[\x00-\x1f\x7f]", lambda c: "\\u%04X" % ord(c.group(0)), text)


def code(text):
    """A code span holding text as it is, with a fence longer than any run of backticks in it."""
    text = visible(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return fence + pad + text.replace("|", "\\|") + pad + fence


def identity(finding):
    """What makes two reports' findings the same one, such as a YAML error both tools read."""
    keys = ("rule", "severity", "file", "line", "column", "endLine", "endColumn", "message")
    resource = tuple(sorted((finding.get("resource") or {}).items()))
    return tuple(finding.get(key) for key in keys) + (resource, "exemption" in finding)


def main(paths):
    findings = []
    totals = {"errors": 0, "warnings": 0, "infos": 0, "exempted": 0, "files": 0, "resources": 0}
    tools = []
    missing = []
    seen = set()
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                report = json.load(handle)
        except (OSError, ValueError) as error:
            # A step that failed before it could report must not take the summary down with it.
            missing.append(f"- {code(path)} could not be read ({type(error).__name__}); its step failed before reporting.")
            continue
        tools.append(report["tool"])
        for key in totals:
            value = report["summary"].get(key, 0)
            # Both tools read the same tree: its size is counted once, the findings of each add up.
            totals[key] = max(totals[key], value) if key in ("files", "resources") else totals[key] + value
        earlier = set(seen)
        for finding in report["findings"]:
            key = identity(finding)
            if key in earlier:
                # The same file read by both tools gives the same finding twice; it counts once.
                totals["exempted" if "exemption" in finding else SEVERITY_TOTAL.get(finding["severity"], "infos")] -= 1
                continue
            seen.add(key)
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
        where = code(f"{finding['file']}:{finding['line']}:{finding['column']}")
        print(f"| {finding['severity']} | {where} | `{finding['rule']}` | {cell(finding['message'])} |")
    if len(findings) > MAX_LISTED:
        print(f"\n… and {len(findings) - MAX_LISTED} more; see the SARIF upload or the JSON reports.")


if __name__ == "__main__":
    main(sys.argv[1:])
