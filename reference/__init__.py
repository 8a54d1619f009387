"""Reference implementations: the single source of every expected value.

The bundled rubric names its references by the bare names of :data:`BUNDLED`, which the grader turns
into import paths and loads like any other rubric's (``grader.load.references``: each module offers
``fit``, ``MISTAKES``, ``GIVEN``, ``solution`` hooks). The grader calls a reference with keyword
parameters and compares student values with the plain-data quantities it returns. No expected number
is typed anywhere else, so a change of parameters in the rubric changes the expectations with it.
:data:`REFERENCES`, :data:`FITS` and :func:`evaluate` remain for code that calls the bundled
references by name; the grader does not use them.

>>> from reference import evaluate
>>> evaluate("backprop_step", {"x": 1.0, "w1": 0.5, "w2": -1.0, "y_true": 0.5, "lr": 0.1})["loss"]
0.011366954123907869
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any

from reference.backprop import BackpropStep, backprop_step, fit_stated
from reference.descent import DescentRun, descent_on_course_function, fit_descent
from reference.solution import SOLUTIONS, solution_source

__all__ = [
    "BUNDLED",
    "FITS",
    "PRESENTATION",
    "REFERENCES",
    "SOLUTIONS",
    "BackpropStep",
    "DescentRun",
    "backprop_step",
    "computing",
    "descent_on_course_function",
    "evaluate",
    "solution_source",
]

#: Bare name in the bundled rubric's ``reference.function`` → the import path it stands for.
BUNDLED: Mapping[str, str] = {
    "descent_on_course_function": "reference.descent:descent_on_course_function",
    "backprop_step": "reference.backprop:backprop_step",
}

#: Name used in a rubric's ``reference:`` field → the function that computes the task's quantities.
REFERENCES: Mapping[str, Callable[..., Any]] = {
    "descent_on_course_function": descent_on_course_function,
    "backprop_step": backprop_step,
}

#: Reference name → a function ``(student_values, params) → params`` that infers the parameters a
#: student's values imply (for diagnoses such as "your trajectory implies lr = 1.0").
FITS: Mapping[str, Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any]]] = {
    "descent_on_course_function": fit_descent,
    "backprop_step": fit_stated,
}


#: Parameters that change how ``solution.py`` writes a solution, not the values it computes (``plot:
#: none`` is a solution that draws nothing): the references ignore them.
PRESENTATION = frozenset({"plot"})


def computing(params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` without the presentation switches: what the reference functions take."""
    return {key: value for key, value in params.items() if key not in PRESENTATION}


def evaluate(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Run the reference ``name`` with ``params`` and return its quantities as plain JSON-able data.

    Tuples become lists so that the result is exactly what crosses the JSON boundary from a kernel,
    which keeps comparison code free of container-type special cases.
    """
    result = REFERENCES[name](**computing(params))
    # the fields one level down, not asdict(): _plain copies the containers anyway, asdict twice
    plain: dict[str, Any] = _plain({field.name: getattr(result, field.name) for field in fields(result)})
    return plain


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    return float(value)
