"""Rubric loading, the semantic checks of a task's mistakes and variation: one way to recognise each
mistake, parameters its reference can reproduce, and feedback placeholders the grader can fill.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from grader.load.checks import credit
from grader.load.expectations import reference_params
from grader.load.references import Reference
from grader.load.specs import CheckSpec, MistakeSpec, VariationSpec
from grader.load.yamlsource import Problems, join, kind


def mistake_spec(
    value: Any,
    path: str,
    checks: list[CheckSpec],
    function: Reference,
    params: Mapping[str, Any],
    has_reference: bool,
    problems: Problems,
    outside: Mapping[str, frozenset[str]] | None = None,
) -> MistakeSpec:
    """One catalogued mistake; ``outside``: mistake id → the free parameters whose out-of-range value
    it is named for (its feedback may show that value)."""
    raw = problems.mapping(
        value,
        path,
        {"id", "feedback"},
        {"params", "variants", "fit", "when_failing", "example", "accepted", "credit"},
    )
    ways = [key for key in ("params", "variants", "fit", "when_failing") if key in raw]
    if len(ways) != 1:
        problems.add(path, "give exactly one of params, variants, fit, when_failing (how the mistake is recognised)")
    variants: list[dict[str, Any]] = []
    if "params" in raw:
        variants = [reference_params(raw["params"], join(path, "params"), function, params, problems)]
    if "variants" in raw:
        variants = [
            reference_params(item, join(join(path, "variants"), index), function, params, problems)
            for index, item in enumerate(problems.sequence(raw["variants"], join(path, "variants")))
        ]
    fit = raw.get("fit", [])
    if not isinstance(fit, list) or not all(isinstance(name, str) for name in fit):
        problems.add(join(path, "fit"), f"must be a list of reference parameter names, got {fit!r}")
        fit = []
    if fit and function.fit is None and has_reference:
        problems.add(
            join(path, "fit"),
            f"reference {function.name!r} cannot infer parameters from a student's values: "
            "its module has no fit(values, params) function",
        )
    for name in fit:
        if name not in params:
            problems.add(join(path, "fit"), f"{name!r} is not a parameter of the task's reference")
    when_failing = raw.get("when_failing", [])
    ids = {check.id for check in checks}
    if not isinstance(when_failing, list) or not all(item in ids for item in when_failing):
        problems.add(join(path, "when_failing"), f"must list check ids of this task ({', '.join(sorted(ids))})")
        when_failing = []
    example = None
    if raw.get("example") is not None:
        example = reference_params(raw["example"], join(path, "example"), function, params, problems)
    accepted = raw.get("accepted", False)
    if not isinstance(accepted, bool):
        problems.add(join(path, "accepted"), f"must be true or false, got {accepted!r}")
        accepted = False
    if accepted and not variants:
        problems.add(join(path, "accepted"), "only a mistake given by params or variants can be an accepted reading")
    if accepted and "credit" in raw:
        problems.add(join(path, "credit"), "an accepted reading earns full credit; remove credit or accepted")
    mistake_id = problems.text(raw.get("id"), join(path, "id"))
    # a fit mistake's feedback may name what was fitted; a free parameter's `outside` mistake, its value
    fillable = set(fit) | set((outside or {}).get(mistake_id, ()))
    check_placeholders(raw.get("feedback"), join(path, "feedback"), fillable, params, problems)
    return MistakeSpec(
        id=mistake_id,
        variants=tuple(variants),
        fit=tuple(fit),
        when_failing=tuple(when_failing),
        example=example,
        accepted=accepted,
        credit=1.0 if accepted else credit(raw.get("credit"), join(path, "credit"), problems, 0.0),
        feedback=problems.text(raw.get("feedback"), join(path, "feedback")),
    )


def variation_spec(
    value: Any, path: str, function: Reference, params: Mapping[str, Any], has_reference: bool, problems: Problems
) -> VariationSpec:
    raw = problems.mapping(value, path, {"params", "names"}, {"credit", "feedback"})
    changed = reference_params(raw.get("params"), join(path, "params"), function, params, problems) if raw else {}
    names_raw = raw.get("names")
    names: dict[str, tuple[str, ...]] = {}
    if not isinstance(names_raw, dict):
        problems.add(join(path, "names"), f"must map each varied parameter to variable names, got {kind(names_raw)}")
    else:
        for parameter, candidates in names_raw.items():
            if isinstance(candidates, str):
                candidates = [candidates]
            if not isinstance(candidates, list) or not all(isinstance(n, str) and n.isidentifier() for n in candidates):
                problems.add(join(join(path, "names"), str(parameter)), "must be a list of Python variable names")
                continue
            names[str(parameter)] = tuple(candidates)
        for parameter in changed:
            if parameter not in names:
                problems.add(join(path, "names"), f"no variable names given for varied parameter {parameter!r}")
    check_placeholders(raw.get("feedback"), join(path, "feedback"), set(), params, problems)
    return VariationSpec(
        params=changed,
        names=names,
        credit=credit(raw.get("credit"), join(path, "credit"), problems, 0.0),
        feedback=str(raw.get("feedback") or ""),
    )


def check_placeholders(
    text: Any, path: str, fillable: set[str], official: Mapping[str, Any], problems: Problems
) -> None:
    """Feedback placeholders must be ones the grader fills: a fitted parameter (``{lr:.3g}``) where the
    mistake fits it, or ``{official[name]}`` for a parameter of the reference. A typo such as
    ``{offical[x0]}`` would otherwise reach every student as written."""
    if not isinstance(text, str):
        return
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError as error:
        problems.add(path, f"is not a valid template ({error}); write a literal brace as {{{{ or }}}}")
        return
    for field in fields:
        head, _, rest = field.partition("[")
        head = head.partition(".")[0]
        if head == "official":
            key = rest.rstrip("]")
            if key not in official:
                known = ", ".join(f"{{official[{name}]}}" for name in official) or "none"
                problems.add(path, f"placeholder {{{field}}} names no parameter of the reference (known: {known})")
        elif head not in fillable:
            known = ", ".join([f"{{{name}}}" for name in sorted(fillable)] + ["{official[...]}"])
            problems.add(path, f"unknown placeholder {{{field}}} (this feedback may use: {known})")
