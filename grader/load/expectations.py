"""Rubric loading, the expectations: the reference a task names, run at its parameters, and what the
rubric asks of it — parameters it must accept, quantities later checks start from (``GIVEN``),
the parameters a student may choose (``free``, ``stated``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from grader.errors import ReferenceUnusable
from grader.load.checks import is_number
from grader.load.references import Reference, load_reference
from grader.load.specs import UNRESOLVED, CheckSpec, FreeParam, MistakeSpec
from grader.load.yamlsource import Problems, join, kind
from reference import BUNDLED


def expected_values(value: Any, path: str, folder: Path, problems: Problems) -> tuple[Reference, dict[str, Any]]:
    """Load the named reference (by import path, the rubric's folder first) and run it with its
    parameters; report a bad name, module or parameter at its YAML path."""
    raw = problems.mapping(value, path, {"function"}, {"params", "free", "stated", "equivalent"})
    name = raw.get("function")
    if name is None:
        return UNRESOLVED, {}
    if not isinstance(name, str):
        problems.add(join(path, "function"), f"must be an import path such as `newton:newton_method`, got {kind(name)}")
        return UNRESOLVED, {}
    try:
        function = load_reference(name, folder)
    except ReferenceUnusable as error:
        bundled = ", ".join(sorted(BUNDLED))
        problems.add(join(path, "function"), f"unknown reference {name!r}: {error} (bundled: {bundled})")
        return UNRESOLVED, {}
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        problems.add(join(path, "params"), f"must be a mapping, got {kind(params)}")
        return function, {}
    if (why := function.accepts(params)) is not None:
        problems.add(join(path, "params"), f"do not fit reference {name!r}: {why}")
        return function, {}
    try:
        return function, function.evaluate(params)
    except (ValueError, TypeError, ArithmeticError, KeyError) as error:
        problems.add(join(path, "params"), f"reference {name!r} failed with these parameters: {error}")
        return function, {}


def reference_params(
    value: Any, path: str, function: Reference, base: Mapping[str, Any], problems: Problems
) -> dict[str, Any]:
    """Extra reference parameters (a variant, an example): a mapping the reference accepts with ``base``."""
    if not isinstance(value, dict):
        problems.add(path, f"must be a mapping of reference parameters, got {kind(value)}")
        return {}
    mistake = value.get("mistake")
    known = function.mistakes
    if function is not UNRESOLVED and mistake is not None and known is not None and mistake not in known:
        listed = ", ".join(known) or "none"
        problems.add(
            path,
            f"reference {function.name!r} cannot reproduce mistake {mistake!r} (its MISTAKES: {listed}); "
            "add it to the reference module or fix the name",
        )
    elif function is not UNRESOLVED and function.values({**base, **value}) is None:
        problems.add(path, f"reference {function.name!r} does not accept these parameters: {value!r}")
    return dict(value)


def check_links(
    checks: list[CheckSpec],
    expected: Mapping[str, Any],
    function: Reference,
    params: Mapping[str, Any],
    path: str,
    problems: Problems,
) -> None:
    """``carried_from`` must name other checks whose quantities the reference can start from (its
    ``GIVEN`` hook, when it declares one, and an actual run from the expected value)."""
    by_id = {check.id: check for check in checks}
    for index, check in enumerate(checks):
        where = join(join(join(path, "checks"), index), "carried_from")
        for upstream in check.carried_from:
            if upstream not in by_id or upstream == check.id:
                problems.add(where, f"{upstream!r} is not another check of this task")
            elif expected and function is not UNRESOLVED:
                quantity = by_id[upstream].quantity
                given = {"given": {quantity: expected.get(quantity)}}
                if function.given is not None and quantity not in function.given:
                    listed = ", ".join(function.given) or "none"
                    problems.add(
                        where,
                        f"reference {function.name!r} cannot start from the student's {quantity!r} "
                        f"(its GIVEN: {listed}); add it to GIVEN and to evaluate(given=...), or drop it here",
                    )
                elif function.values({**params, **given}) is None:
                    problems.add(where, f"reference {function.name!r} cannot start from the student's {quantity!r}")


def outside_of(reference_raw: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """Mistake id → the free parameters naming it as ``outside`` (read before ``free`` is validated)."""
    named: dict[str, set[str]] = {}
    free = reference_raw.get("free")
    for name, spec in free.items() if isinstance(free, dict) else ():
        if isinstance(spec, dict) and isinstance(spec.get("outside"), str):
            named.setdefault(spec["outside"], set()).add(str(name))
    return {mistake: frozenset(names) for mistake, names in named.items()}


def free_params(
    value: Any, path: str, params: Mapping[str, Any], mistakes: list[MistakeSpec], problems: Problems
) -> tuple[FreeParam, ...]:
    """``free: {lr: {names: [lr, alpha], range: [0, 1], outside: lr_out_of_range}}`` → :class:`FreeParam`."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.add(path, f"must map parameter names to what the student may choose, got {kind(value)}")
        return ()
    free = []
    mistake_ids = {mistake.id for mistake in mistakes}
    for name, spec in value.items():
        where = join(path, str(name))
        if name not in params:
            problems.add(where, f"{name!r} is not one of the reference's params ({', '.join(params)})")
        raw = problems.mapping(spec if spec is not None else {}, where, set(), {"names", "range", "outside"})
        names = raw.get("names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n.isidentifier() for n in names):
            problems.add(join(where, "names"), f"must be a list of Python variable names, got {names!r}")
            names = []
        bounds = raw.get("range", [None, None])
        if (
            not isinstance(bounds, list)
            or len(bounds) != 2
            or not all(b is None or is_number(b) for b in bounds)
            or (None not in bounds and bounds[0] >= bounds[1])
        ):
            problems.add(join(where, "range"), f"must be [low, high] with low < high (null: unbounded), got {bounds!r}")
            bounds = [None, None]
        outside = raw.get("outside")
        if outside is not None and outside not in mistake_ids:
            problems.add(join(where, "outside"), f"{outside!r} is not a mistake of this task")
        free.append(
            FreeParam(
                str(name),
                tuple(names),
                None if bounds[0] is None else float(bounds[0]),
                None if bounds[1] is None else float(bounds[1]),
                None if outside is None else str(outside),
            )
        )
    return tuple(free)
