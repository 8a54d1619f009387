"""Diagnose stage: the credit a careful TA would give a task, and the names of the mistakes made.

Runs in the grader process on plain data, after extraction. For one task it decides, in this order:

1. **Reading.** The official reading and each accepted convention (``accepted: true`` in the rubric,
   e.g. MSE without the ½) are compared with the student's values; the one that explains the most
   checks is the student's, and an accepted convention is noted, not penalised.
2. **Error carried forward.** A wrong value that the reference reproduces from the student's *own*
   upstream values (``carried_from``) is consistent work on a wrong input: it earns its points.
3. **Mistakes.** The catalog's variants (the reference with a mistake switched on) are tried first,
   then parameter fits (``wrong_learning_rate`` …), then ``when_failing`` catch-alls. A mistake is
   diagnosed when every check it changes either matches it or is explained by carried error; each
   check it explains earns the mistake's ``credit``.
4. **Variation.** Checks whose values stayed put when the parameters were changed, while the
   reference moved, were typed in (``hard_coded``): :mod:`grader.judge.hardcoding`.

Nothing here trusts the kernel: values were re-validated by :mod:`grader.run.probe`, and every expected
value comes from ``reference/``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from grader.judge.compare import compare, is_number, same_quantity
from grader.judge.plots import data_matches, judge_plot, window_matches
from grader.judge.results import Judgement, Observed, check_result, format_feedback, given_value, shown
from grader.load.specs import FreeParam, MistakeSpec, Reading, TaskSpec
from grader.records import CheckResult, Diagnosis


class _Judge:
    """The state of judging one task; lives for :func:`judge_task`."""

    def __init__(
        self,
        task: TaskSpec,
        observed: Sequence[Observed],
        fitter: Callable[[Mapping[str, Any]], dict[str, Any]] | None,
        stated: Mapping[str, float] | None = None,
    ) -> None:
        self.task = task
        self.stated = dict(stated or {})
        self.observed = list(observed)
        self.by_id = {item.check.id: item for item in observed}
        self.fitter = fitter
        self._cache: dict[str, dict[str, Any] | None] = {}
        readings = task.readings or (Reading(None, task.params, task.expected),)
        # the reference at the student's own free parameters (if any), reading by reading
        adapted = [
            (reading, fitter(reading.params) if fitter is not None else dict(reading.params)) for reading in readings
        ]
        self.readings = (
            tuple(
                Reading(reading.convention, params, expected)
                for reading, params in adapted
                if (expected := self.evaluate(params)) is not None
            )
            or readings
        )
        self.reading = self._choose_reading()
        self.passing = {item.check.id for item in observed if self._passes(item, self.reading.expected)}
        for item in observed:  # a plot may follow any accepted reading, whatever the history does
            if item.check.compare == "plot" and any(self._passes(item, r.expected) for r in self.readings):
                self.passing.add(item.check.id)
        self.carried: dict[str, str] = {}
        #: checks whose value follows from an upstream value the student typed in (no credit carried)
        self.from_typed: dict[str, str] = {}
        self.explained: dict[str, tuple[float, str]] = {}
        self.diagnoses: list[Diagnosis] = []

    def evaluate(self, params: Mapping[str, Any]) -> dict[str, Any] | None:
        if self.fitter is not None:
            params = self.fitter(params)
        key = repr(sorted(params.items(), key=lambda item: item[0]))
        if key not in self._cache:
            values = self.task.reference.values(params)
            # the parameters travel with the values, for checks that look past them (plot windows)
            self._cache[key] = None if values is None else {**values, "_params": dict(params)}
        return self._cache[key]

    def _passes(self, item: Observed, expected: Mapping[str, Any]) -> bool:
        if item.check.compare == "plot":
            return data_matches(item.check, item.value, expected) or self._plot_window(item, expected)
        return compare(item.check, item.name, item.value, expected[item.check.quantity]).passed

    def _plot_window(self, item: Observed, expected: Mapping[str, Any]) -> bool:
        """A plot of a stretch of the student's own descent: the reference at their parameters, from the
        start and a little past their last step (students plot the start, or stop early)."""
        params = expected.get("_params")
        if not isinstance(params, dict) or "steps" not in params or "record" not in params:
            return False
        longest = max((len(line.y) for figure in item.value for ax in figure.axes for line in ax.lines), default=0)
        steps = max(int(params["steps"]), longest) + 1
        long = self.task.reference.values({**params, "record": "with_start", "steps": steps})
        if long is None:
            return False
        along = long.get(item.check.along) if item.check.along else None
        return window_matches(item.check, item.value, long[item.check.quantity], along)

    def _choose_reading(self) -> Reading:
        counts = [sum(self._passes(item, r.expected) for item in self.observed) for r in self.readings]
        return self.readings[counts.index(max(counts))]  # ties: the earliest, i.e. the official one

    def failing(self) -> list[Observed]:
        return [item for item in self.observed if item.check.id not in self.passing]

    def carry_forward(self) -> None:
        self._carry_plots()
        for item in self.failing():
            upstream = [self.by_id.get(check_id) for check_id in item.check.carried_from]
            if not upstream or any(up is None or given_value(up.value) is None for up in upstream):
                continue
            if not item.computed:
                continue  # a typed-in or untouched value that happens to agree earns nothing
            present = [up for up in upstream if up is not None]
            if all(up.check.id in self.passing for up in present):
                continue  # nothing wrong upstream: the reference itself is what they should match
            given = {up.check.quantity: given_value(up.value) for up in present}
            for form in ({}, *self.task.equivalent):
                expected = self.evaluate({**self.reading.params, **form, "given": given})
                if expected is not None and self._passes(item, expected):
                    stated = ", ".join(f"{up.name} = {shown(up.value)}" for up in present)
                    if any(not up.computed for up in present):
                        # right for a typed-in upstream value: no credit, but no mistake of its own either
                        self.from_typed[item.check.id] = stated
                    else:
                        self.carried[item.check.id] = stated
                    break

    def _carry_plots(self) -> None:
        """A plot that shows f along the student's own (wrong) descent is a right plot of their work."""
        for item in self.failing():
            if item.check.compare != "plot":
                continue
            for upstream in (self.by_id.get(check_id) for check_id in item.check.carried_from):
                if upstream is None or upstream.check.id in self.passing or not isinstance(upstream.value, list):
                    continue
                start = self.reading.params.get(upstream.check.start) if upstream.check.start else None
                xs = [float(v) for v in upstream.value if is_number(v)]
                head = [float(start)] if isinstance(start, (int, float)) else []
                given = {upstream.check.quantity: head + xs}
                expected = self.evaluate({**self.reading.params, "given": given})
                if expected is None:
                    continue
                along = expected.get(item.check.along) if item.check.along else None
                if window_matches(item.check, item.value, expected[item.check.quantity], along):
                    self.carried[item.check.id] = f"{upstream.name} values"

    def consider(self, mistake: MistakeSpec, params: Mapping[str, Any], fields: Mapping[str, Any]) -> bool:
        """Diagnose ``mistake`` if the reference at ``params`` explains the student's wrong values."""
        expected = self.evaluate(params)
        if expected is None:
            return False
        changed = [item for item in self.observed if not same_quantity(item.check, expected, self.reading.expected)]
        matched = [item for item in changed if self._passes(item, expected)]
        contradicted = [
            item
            for item in changed
            if item not in matched and item.check.id not in self.carried and item.check.compare != "plot"
        ]
        new = [item for item in matched if item.check.id not in self.explained]
        if not new or contradicted or all(item.check.id in self.passing for item in matched):
            return False
        for item in matched:
            if item.check.id not in self.passing:
                credit = max(mistake.credit, self.explained.get(item.check.id, (0.0, ""))[0])
                self.explained[item.check.id] = (credit, mistake.id)
        self._diagnose(mistake, fields, tuple(item.check.id for item in matched))
        return True

    def _diagnose(self, mistake: MistakeSpec, fields: Mapping[str, Any], checks: tuple[str, ...]) -> None:
        message = format_feedback(mistake.feedback, fields, self.task.params)
        self.diagnoses.append(Diagnosis(mistake.id, message, "mistake", checks))

    def find_mistakes(self) -> None:
        catalog = [mistake for mistake in self.task.mistakes if not mistake.accepted]
        for mistake in (m for m in catalog if m.variants):
            for variant in mistake.variants:
                if self.consider(mistake, {**self.reading.params, **variant}, {}):
                    break
        if self._unexplained() and any(mistake.fit for mistake in catalog):
            fitted = self._fit()
            for mistake in (m for m in catalog if m.fit and all(name in fitted for name in m.fit)):
                chosen = {name: fitted[name] for name in mistake.fit}
                self.consider(mistake, {**self.reading.params, **chosen}, chosen)
        for mistake in (m for m in catalog if m.when_failing):
            ids = tuple(check_id for check_id in mistake.when_failing if check_id in self._unexplained())
            if ids:
                for check_id in ids:
                    self.explained[check_id] = (mistake.credit, mistake.id)
                self._diagnose(mistake, {}, ids)

    def free_parameters_outside(self, outside: Sequence[tuple[FreeParam, float]]) -> None:
        catalog = {mistake.id: mistake for mistake in self.task.mistakes}
        for param, value in outside:
            mistake = catalog.get(param.outside or "")
            if mistake is None:
                continue
            checks = tuple(sorted(self.passing))
            for check_id in checks:
                self.explained[check_id] = (mistake.credit, mistake.id)
            self.passing -= set(checks)
            self._diagnose(mistake, {param.name: value}, checks)

    def _unexplained(self) -> set[str]:
        return {
            item.check.id
            for item in self.failing()
            if item.check.id not in self.explained
            and item.check.id not in self.carried
            and item.check.id not in self.from_typed
        }

    def _fit(self) -> dict[str, Any]:
        fit = self.task.reference.fit
        if fit is None:
            return {}
        values: dict[str, Any] = {
            item.check.quantity: item.value for item in self.observed if item.check.compare != "plot"
        }
        values["stated"] = dict(self.stated)
        try:
            fitted = fit(values, self.reading.params)
        except (ValueError, TypeError, ArithmeticError, KeyError, IndexError):
            return {}
        if "steps" in fitted:
            fitted["steps"] = int(fitted["steps"])
        return fitted

    def result(self, item: Observed) -> CheckResult:
        check = item.check
        expected = self.reading.expected[check.quantity]
        carried = check.carried_credit if check.id in self.carried else 0.0
        mistake_credit, mistake_id = self.explained.get(check.id, (0.0, ""))
        credit = 1.0 if check.id in self.passing else max(carried, mistake_credit)
        if check.id in self.passing:
            basis = "reference" if self.reading.convention is None else f"convention:{self.reading.convention}"
        elif carried >= mistake_credit and check.id in self.carried:
            basis = "carried"
        elif mistake_id:
            basis = f"mistake:{mistake_id}"
        else:
            basis = "reference"
        if check.compare == "plot":
            verdict = judge_plot(check, item.value, credit, carried=basis == "carried")
            actual = {"figures": len(item.value), "lacking": list(verdict.lacking)}
            needs_advice = bool(check.feedback) and (credit == 0 or bool(verdict.lacking))
            message = f"{verdict.message}. {check.feedback}" if needs_advice else verdict.message
            return check_result(check, verdict.score, expected, actual, message, message, item.name, basis)
        start = self.reading.expected.get(check.start) if check.start else None
        told = compare(check, item.name, item.value, expected, True, start).message
        hint = compare(check, item.name, item.value, expected, check.show_expected, start).message
        if basis == "carried":
            note = f"but it is exactly what your {self.carried[check.id]} give (error carried forward)"
            told, hint = f"{told}; {note}", f"{hint}; {note}"
        elif basis.startswith("mistake:"):
            recognised = any(m.id == mistake_id and (m.variants or m.fit) for m in self.task.mistakes)
            # no "see below": CI annotations, pytest failures and Gradescope tests show this line alone;
            # a catch-all (`when_failing`) names what is wrong but computes no value to match
            note = (
                f"this is the value the mistake `{mistake_id}` gives"
                if recognised
                else f"the likeliest cause is the mistake `{mistake_id}`"
            )
            told, hint = f"{told}; {note}", f"{hint}; {note}"
        elif check.id in self.from_typed and check.id not in self.passing:
            note = (
                f"it follows from your {self.from_typed[check.id]}, but that is typed in, not computed, "
                "so no credit is carried forward"
            )
            told, hint = f"{told}; {note}", f"{hint}; {note}"
        elif check.id not in self.passing and check.feedback:
            told, hint = f"{told}. {check.feedback}", f"{hint}. {check.feedback}"
        return check_result(check, check.points * credit, expected, item.value, told, hint, item.name, basis)


def judge_task(
    task: TaskSpec,
    observed: Sequence[Observed],
    fitter: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
    outside: Sequence[tuple[FreeParam, float]] = (),
    stated: Mapping[str, float] | None = None,
) -> Judgement:
    """Score the observed checks of one task (reading, carried error, mistakes) and name the mistakes.

    ``fitter`` puts the student's free parameters into any hypothesis's parameters (so the reference
    is evaluated at *their* start and rate); ``outside`` lists free parameters whose value makes no
    sense for the task (a rate at which f does not decrease): each is diagnosed as the mistake the
    rubric names for it, and the checks that followed it keep that mistake's credit. ``stated``: the
    given values as the student's code states them, for ``fit`` mistakes such as a copied-wrong weight.
    """
    judge = _Judge(task, observed, fitter, stated)
    judge.carry_forward()
    judge.find_mistakes()
    judge.free_parameters_outside(outside)
    diagnoses = list(judge.diagnoses)
    if judge.reading.convention is not None:
        convention = next(m for m in task.mistakes if m.id == judge.reading.convention)
        note = format_feedback(convention.feedback, {}, task.params)
        diagnoses.insert(0, Diagnosis(convention.id, note, "convention", tuple(sorted(judge.passing))))
    results = {item.check.id: judge.result(item) for item in observed}
    return Judgement(judge.reading, results, tuple(diagnoses), frozenset(judge.passing))


def name_absent(task: TaskSpec, results: Mapping[str, CheckResult]) -> list[Diagnosis]:
    """Catch-all mistakes for checks of a task that exists but whose value was never produced (no
    figure drawn at all): ``when_failing`` covers a check that is missing as well as one that fails.
    A check lost to a crash (``error``) is the crash's story, not a mistake."""
    diagnoses = []
    for mistake in (m for m in task.mistakes if m.when_failing and not m.accepted):
        ids = tuple(c for c in mistake.when_failing if c in results and results[c].status == "missing")
        if ids:
            diagnoses.append(Diagnosis(mistake.id, format_feedback(mistake.feedback, {}, task.params), "mistake", ids))
    return diagnoses


__all__ = [
    "Judgement",
    "Observed",
    "format_feedback",
    "given_value",
    "judge_task",
    "name_absent",
]
