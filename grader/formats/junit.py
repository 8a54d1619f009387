"""JUnit XML: one test case per check of each submission, for GitHub, GitLab and Jenkins test reports.

Each submission is a ``<testsuite>``; a check that did not earn all its points is a ``<failure>``
(its message as the text), a check whose value could not be obtained is an ``<error>``, and a
submission that could not be graded at all is one ``<error>`` case. Built with ElementTree, and every
string a student could control is stripped of the characters XML 1.0 cannot hold.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from grader.formats.report import write_atomic
from grader.records import Report

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def junit_xml(reports: Sequence[Report], name: str = "grader") -> str:
    root = ET.Element("testsuites", name=name)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for report in sorted(reports, key=lambda r: r.submission.id):
        suite = ET.SubElement(root, "testsuite", name=xml_text(report.submission.id))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        seconds = report.execution.seconds if report.execution is not None else 0.0
        if report.status != "graded":
            case = ET.SubElement(suite, "testcase", classname=xml_text(report.submission.id), name="graded")
            ET.SubElement(case, "error", message=xml_text(report.status), type=report.status).text = xml_text(
                report.message or ""
            )
            counts["tests"] += 1
            counts["errors"] += 1
        for task in report.tasks:
            for check in task.checks:
                classname = xml_text(f"{report.submission.id}.{task.id}")
                case = ET.SubElement(suite, "testcase", classname=classname, name=check.id)
                case.set("time", "0")
                counts["tests"] += 1
                text = xml_text(f"{check.score:g}/{check.max_score:g}: {check.message}")
                if check.status == "error":
                    ET.SubElement(case, "error", message=xml_text(check.message[:200]), type="error").text = text
                    counts["errors"] += 1
                elif check.status != "pass":
                    ET.SubElement(case, "failure", message=xml_text(check.message[:200]), type=check.status).text = text
                    counts["failures"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", f"{seconds:.3f}")
        ET.SubElement(suite, "properties")
        score = ET.SubElement(suite.find("properties"), "property", name="score")  # type: ignore[arg-type]
        score.set("value", f"{report.score:g}/{report.max_score:g}")
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_junit(path: Path, reports: Sequence[Report]) -> Path:
    write_atomic(path, junit_xml(reports))
    return path
