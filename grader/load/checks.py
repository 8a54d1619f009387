"""Rubric loading, a task's checks: each check's keys and types, the shapes its comparison fits, and
what a check hides because a check it is computed from hides its expected value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from grader.load.specs import COMPARISONS, ORIENTATIONS, PLOT_REQUIREMENTS, VISIBILITIES, CheckSpec
from grader.load.yamlsource import Problems, join, kind
from grader.options import DEFAULT_ATOL, DEFAULT_RTOL


def check_spec(value: Any, path: str, expected: Mapping[str, Any], problems: Problems) -> CheckSpec:
    optional = {"rtol", "atol", "feedback", "carried_from", "carried_credit", "show_expected", "visibility"}
    optional |= {"start", "requires", "names", "along", "label", "along_label", "orientation"}
    raw = problems.mapping(value, path, {"id", "quantity", "compare", "points"}, optional)
    compare = raw.get("compare")
    names = raw.get("names", [] if compare == "plot" else None)
    if isinstance(names, str):
        names = [names]
    if compare == "plot" and names:
        problems.add(join(path, "names"), "a plot check reads the student's figures, not variables; remove names")
    elif compare != "plot" and (
        not isinstance(names, list) or not names or not all(isinstance(n, str) and n.isidentifier() for n in names)
    ):
        problems.add(join(path, "names"), f"must be a list of Python variable names, got {names!r}")
        names = []
    carried = raw.get("carried_from", [])
    if not isinstance(carried, list) or not all(isinstance(item, str) for item in carried):
        problems.add(join(path, "carried_from"), f"must be a list of check ids, got {carried!r}")
        carried = []
    requires = raw.get("requires", [])
    if not isinstance(requires, list) or not all(item in PLOT_REQUIREMENTS for item in requires):
        problems.add(join(path, "requires"), f"must be a list drawn from {', '.join(PLOT_REQUIREMENTS)}")
        requires = []
    if requires and compare != "plot":
        problems.add(join(path, "requires"), "only a plot check has requirements on a figure")
    show_expected = raw.get("show_expected", True)
    if not isinstance(show_expected, bool):
        problems.add(join(path, "show_expected"), f"must be true or false, got {show_expected!r}")
        show_expected = True
    visibility = raw.get("visibility", "public")
    if visibility not in VISIBILITIES:
        problems.add(join(path, "visibility"), f"must be one of {', '.join(VISIBILITIES)}, got {visibility!r}")
        visibility = "public"
    start, along = raw.get("start"), raw.get("along")
    if start is not None and expected and start not in expected:
        problems.add(join(path, "start"), f"the reference has no quantity {start!r}")
    if along is not None and expected and along not in expected:
        problems.add(join(path, "along"), f"the reference has no quantity {along!r}")
    if along is not None and compare != "plot":
        problems.add(join(path, "along"), "only a plot check is drawn along a quantity")
    label_text, along_label = raw.get("label"), raw.get("along_label")
    for key, text in (("label", label_text), ("along_label", along_label)):
        if text is not None and (not isinstance(text, str) or not text.strip()):
            problems.add(join(path, key), f"must be a non-empty string, got {kind(text)}")
    if along_label is not None and compare != "plot":
        problems.add(join(path, "along_label"), "only a plot check is drawn along something")
    orientation = raw.get("orientation", "fixed")
    if orientation not in ORIENTATIONS:
        problems.add(join(path, "orientation"), f"must be one of {', '.join(ORIENTATIONS)}, got {orientation!r}")
        orientation = "fixed"
    if orientation != "fixed" and compare != "array":
        problems.add(join(path, "orientation"), "only an array check has an orientation")
    if compare not in COMPARISONS:
        problems.add(join(path, "compare"), f"must be one of {', '.join(COMPARISONS)}, got {compare!r}")
    quantity = str(raw.get("quantity"))
    if expected and quantity not in expected:
        known = ", ".join(expected)
        problems.add(join(path, "quantity"), f"the reference has no quantity {quantity!r} (it has: {known})")
    elif expected and compare in COMPARISONS and not shape_fits(expected[quantity], compare):
        problems.add(join(path, "compare"), f"{compare!r} does not fit the shape of quantity {quantity!r}")
    return CheckSpec(
        id=problems.text(raw.get("id"), join(path, "id")),
        names=tuple(names or ()),
        quantity=quantity,
        compare=str(compare),
        rtol=problems.number(raw.get("rtol"), join(path, "rtol"), DEFAULT_RTOL),
        atol=problems.number(raw.get("atol"), join(path, "atol"), DEFAULT_ATOL),
        points=problems.number(raw.get("points"), join(path, "points"), 0.0),
        feedback=str(raw.get("feedback") or ""),
        carried_from=tuple(carried),
        carried_credit=credit(raw.get("carried_credit"), join(path, "carried_credit"), problems, 1.0),
        show_expected=show_expected,
        visibility=str(visibility),
        start=None if start is None else str(start),
        requires=tuple(requires),
        along=None if along is None else str(along),
        label=label_text if isinstance(label_text, str) and label_text.strip() else None,
        along_label=along_label if isinstance(along_label, str) and along_label.strip() else None,
        orientation=str(orientation),
    )


def credit(value: Any, path: str, problems: Problems, default: float) -> float:
    credit = problems.number(value, path, default)
    if credit > 1:
        problems.add(path, f"must be a fraction between 0 and 1, got {value!r}")
        return default
    return credit


def hide_what_gives_away(checks: list[CheckSpec]) -> list[CheckSpec]:
    """A check computed from one whose expected value is hidden (``carried_from``, at any distance)
    hides its own too: the updated ``w1 = 0.5 − 0.1·dL/dw1`` would hand a student the gradient the
    rubric keeps to itself (a blind attacker read dL/dw1 off the feedback's expected w1)."""
    by_id = {check.id: check for check in checks}

    def hidden_upstream(check: CheckSpec, seen: frozenset[str]) -> bool:
        for upstream in (by_id[up] for up in check.carried_from if up in by_id and up not in seen):
            if not upstream.show_expected or hidden_upstream(upstream, seen | {upstream.id}):
                return True
        return False

    return [
        replace(check, show_expected=False)
        if check.show_expected and hidden_upstream(check, frozenset({check.id}))
        else check
        for check in checks
    ]


def shape_fits(value: Any, compare: str) -> bool:
    if compare in ("sequence", "plot"):
        return isinstance(value, list) and all(is_number(item) for item in value)
    if compare == "scalar":
        return is_number(value)
    if compare == "array":  # a vector or a matrix; a single number is a scalar check
        shape = shape_of(value)
        return shape is not None and len(shape) >= 1
    return isinstance(value, list) and all(
        isinstance(item, list) and len(item) == 2 and all(is_number(v) for v in item) for item in value
    )


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def shape_of(value: Any) -> tuple[int, ...] | None:
    """The shape of a rectangular nesting of numbers (``()`` for a number), ``None`` for anything else."""
    if is_number(value):
        return ()
    if not isinstance(value, list) or not value:
        return None
    inner = [shape_of(item) for item in value]
    first = inner[0]
    if first is None or any(item != first for item in inner):
        return None
    return (len(value), *first)
