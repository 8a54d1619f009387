"""Judge stage, the hard-coding check: did the values that passed follow the task's parameters when the
notebook was re-run with other ones (:mod:`grader.run.variation`), or were they typed in? A value that
stayed put while the reference moved costs the check the rubric's ``variation.credit``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from grader.judge.compare import compare, is_number, unwrap
from grader.judge.results import Judgement, Observed, format_feedback, status_of
from grader.load.specs import CheckSpec, TaskSpec
from grader.observe.evidence import Evidence, gather
from grader.observe.find import find_array, find_scalar, geometric_run
from grader.records import CheckResult, Diagnosis, Snapshot, VariationResult
from grader.run.variation import Rewrite


def judge_variation(
    task: TaskSpec,
    judgement: Judgement,
    observed: Sequence[Observed],
    rewrite: Rewrite | None,
    snapshot: Snapshot | None,
    missed: str | None,
    fitter: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
) -> VariationResult | None:
    """Did the passing values follow the new parameters? ``None`` when the rubric asks no variation.

    The re-run is searched like the notebook was (by value, whatever the names): a passing value whose
    new reference value appears followed; one whose *old* value appears instead was typed in."""
    spec = task.variation
    if spec is None:
        return None
    if rewrite is None or not rewrite.changed:
        looked = ", ".join(f"{parameter} ({'/'.join(names)})" for parameter, names in spec.names.items())
        reason = (
            f"no top-level assignment of {looked} that the task's code reads was found "
            "(values passed straight into a call cannot be changed)"
        )
        return VariationResult("not_possible", {}, {}, (), reason)
    changed, names = dict(rewrite.changed), dict(rewrite.names)
    if snapshot is None:
        return VariationResult("not_possible", changed, names, (), missed or "the re-run did not finish")
    params = {**judgement.reading.params, **changed}
    expected = task.reference.values(params)
    if expected is None:
        return VariationResult("not_possible", changed, names, (), "the reference rejects the new parameters")
    evidence = gather({}, [snapshot])
    static: list[Observed] = []
    inconsistent: list[str] = []
    followed = 0
    for item in observed:
        check = item.check
        if check.compare == "plot" or check.id not in judgement.passing:
            continue
        before = judgement.reading.expected[check.quantity]
        if compare(check, "", expected[check.quantity], before).passed:
            continue  # the reference did not move either: nothing to learn
        if _appears(check, evidence, expected[check.quantity]):
            followed += 1
        elif _appears(check, evidence, item.value if check.compare == "array" else unwrap(item.value)):
            static.append(item)
        else:
            inconsistent.append(check.id)
    # A value that stayed put was typed in if it *is* a literal in the source, or if the new parameters
    # demonstrably reached the task's code (something else moved with them). When nothing moved at all,
    # the rewrite may simply not have reached the computation (a later `x = 5` undoing it): no verdict.
    typed = [item.check.id for item in static if not item.computed or followed]
    if typed:
        return VariationResult("hard_coded", changed, names, tuple(typed))
    if static:
        reason = "nothing the task computes changed with the new parameters, so the re-run tells nothing"
        return VariationResult("not_possible", changed, names, (), reason)
    if inconsistent:
        reason = f"{', '.join(inconsistent)} changed, but not as the reference did"
        return VariationResult("inconsistent", changed, names, (), reason)
    return VariationResult("followed", changed, names)


def _appears(check: CheckSpec, evidence: Evidence, value: Any) -> bool:
    """Whether the re-run computed ``value`` (a number, a vector or matrix, or a trajectory as a run of
    its iterates)."""
    if check.compare == "array":
        return find_array(check, evidence, [value]) is not None
    if is_number(value):
        return find_scalar(check, evidence, [value]) is not None
    if isinstance(value, list):
        # on their common length: a loop that runs until a tolerance takes as many steps as the new
        # parameters need, not as many as the first run took (the reference's step count)
        runs = [geometric_run(c.value) or c.value for c in evidence.sequences]
        return any(
            len(run) >= min(len(value), 3) and compare(check, "", run[: len(value)], value[: len(run)]).passed
            for run in runs
        )
    return False


def penalise_hard_coded(task: TaskSpec, results: dict[str, CheckResult], variation: VariationResult) -> Diagnosis:
    """Apply the variation's credit to the checks found typed in, and say so."""
    spec = task.variation
    credit = spec.credit if spec is not None else 0.0
    for check_id in variation.static:
        old = results[check_id]
        note = "it did not change when the task's parameters did, so it was typed in rather than computed"
        results[check_id] = replace(
            old,
            score=old.max_score * credit,
            status=status_of(old.max_score * credit, old.max_score),
            basis="hard_coded",
            message=f"{old.message}; {note}",
            feedback=f"{old.feedback}; {note}",
        )
    changed = ", ".join(f"{name} = {value!r}" for name, value in variation.params.items())
    message = format_feedback(spec.feedback if spec is not None else "", {}, task.params)
    return Diagnosis("hard_coded", f"Re-run with {changed}: {message}".strip(), "hard_coded", variation.static)


__all__ = ["judge_variation", "penalise_hard_coded"]
