"""Load stage: the reference a rubric names → a typed :class:`Reference`, found by import path.

A task's ``reference.function`` says where its expected values come from, in one of three forms:

- ``package.module:function`` — ``function`` computes the quantities; the module's optional hooks
  (below) serve it;
- ``package.module`` — the module implements :class:`ReferenceModule` (its ``evaluate`` computes);
- a bare name of the bundled assignment (``descent_on_course_function``), which
  :data:`reference.BUNDLED` turns into the first form: the bundled assignment takes the same seam.

A top-level module name is looked up next to the rubric file first, then on ``sys.path``, so an
instructor keeps ``newton.py`` beside ``newton.yaml`` and edits nothing under ``grader/``.

Nothing is registered anywhere: each rubric carries its references, and a reference pickles as its
name and folder (a worker process imports it again), never as code. Its :attr:`Reference.fingerprint`
hashes the module's source (the whole package's, for a module in a package) wherever it lives, so the
report cache notices an edit to it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from grader.errors import ReferenceUnusable
from reference import BUNDLED

__all__ = ["Fit", "Reference", "ReferenceModule", "load_reference"]

#: ``(student_values, params) → params``: the parameters a student's values imply (``{"lr": 1.0}``).
Fit = Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any]]


class ReferenceModule(Protocol):
    """What a reference module offers; only ``evaluate`` is required.

    ``evaluate(**params)`` returns the task's quantities (a dataclass or a mapping; numbers, lists of
    numbers, lists of lists for matrices). The optional module attributes, each used only when the
    rubric asks for what it serves (loading the rubric says which one is missing, with its YAML line):

    - ``fit(values, params) -> dict``: parameters inferred from a student's values (``fit:`` mistakes);
    - ``MISTAKES``: the names ``evaluate(mistake=...)`` reproduces (``params: {mistake: ...}``);
    - ``GIVEN``: quantities ``evaluate(given={...})`` starts from (``carried_from``);
    - ``solution(params) -> str``: the code cell of the solution, a mistake written in, for
      ``grader selftest``;
    - ``PRESENTATION``: parameters only ``solution`` takes (``plot: none``), dropped before ``evaluate``.
    """

    def evaluate(self, **params: Any) -> Any: ...


@dataclass(frozen=True, slots=True)
class Reference:
    """A task's reference, resolved: the function that computes and the hooks its module offers."""

    #: as the rubric names it (``newton:newton_method``, or a bundled bare name)
    name: str
    #: the folder searched first for a top-level module (the rubric's), kept so a worker can re-import
    folder: str | None
    function: Callable[..., Any]
    fit: Fit | None
    mistakes: tuple[str, ...] | None
    given: tuple[str, ...] | None
    solution: Callable[..., str] | None
    presentation: frozenset[str]
    #: sha256 of the reference's source files
    fingerprint: str
    #: the module's file (``None`` for a module without one)
    origin: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # a pool worker re-imports the module (by spawn it has the parent's sys.path) instead of
        # receiving code; functions of a module loaded from the rubric's folder do not pickle by name
        return (load_reference, (self.name, None if self.folder is None else Path(self.folder)))

    def computing(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """``params`` without the presentation switches: what ``function`` takes."""
        return {key: value for key, value in params.items() if key not in self.presentation}

    def accepts(self, params: Mapping[str, Any]) -> str | None:
        """Why ``function`` cannot take ``params`` (``None``: it can), judged by its signature only."""
        try:
            inspect.signature(self.function).bind(**self.computing(params))
        except TypeError as error:
            return str(error)
        return None

    def evaluate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The quantities at ``params`` as plain JSON-able data (tuples become lists, numpy numbers
        floats), exactly what crosses the JSON boundary from a kernel, so that comparison needs no
        container-type special cases. Raises what the reference raises."""
        result = self.function(**self.computing(params))
        if is_dataclass(result) and not isinstance(result, type):
            # the fields one level down, not asdict(): _plain copies the containers anyway, asdict twice
            result = {field.name: getattr(result, field.name) for field in fields(result)}
        if not isinstance(result, Mapping):
            raise TypeError(f"reference {self.name!r} returned {type(result).__name__}, not a dataclass or mapping")
        plain: dict[str, Any] = _plain(dict(result))
        return plain

    def values(self, params: Mapping[str, Any]) -> dict[str, Any] | None:
        """The quantities at ``params``, or ``None`` when the reference rejects them (parameters it does
        not take, values it refuses).

        Grading one notebook asks for the reference at some ninety parameter sets (each hypothesis,
        mistake and carried-forward form), mostly the same ones for every student, so answers are kept
        per process. References are pure functions of their parameters; the result is shared, so
        callers read it and never change it.
        """
        try:
            key = json.dumps(params, sort_keys=True, allow_nan=True)
        except (TypeError, ValueError):  # a value JSON cannot hold (a numpy scalar): evaluate, don't keep
            return self._values(params)
        # the function itself is part of the key: two rubrics may name different modules alike
        slot = (self.name, self.function, key)
        if slot in _KEPT:
            return _KEPT[slot]
        values = self._values(params)
        if values is None or sum(len(item) for item in values.values() if isinstance(item, list)) <= _KEEP_ITEMS:
            if len(_KEPT) >= _KEEP_ENTRIES:  # oldest first: dicts keep insertion order
                del _KEPT[next(iter(_KEPT))]
            _KEPT[slot] = values
        return values

    def _values(self, params: Mapping[str, Any]) -> dict[str, Any] | None:
        if self.accepts(params) is not None:
            return None
        try:
            return self.evaluate(params)
        except (KeyError, ValueError, TypeError, ArithmeticError):
            return None

    def render(self, params: Mapping[str, Any]) -> str:
        """The solution's code with ``params`` written in (``grader selftest``)."""
        if self.solution is None:
            raise ReferenceUnusable(f"reference {self.name!r} has no solution hook")
        return self.solution(dict(params))


#: Reference answers kept per process, and the largest kept (list items): a student's 100,000-step
#: descent is evaluated, not kept, so that ninety hypotheses do not hold a gigabyte.
_KEPT: dict[tuple[str, object, str], dict[str, Any] | None] = {}
_KEEP_ENTRIES = 4096
_KEEP_ITEMS = 5_000


def load_reference(name: str, folder: Path | None = None) -> Reference:
    """Resolve ``name`` (see the module docstring); ``folder`` is searched first for a top-level module.

    >>> load_reference("backprop_step").evaluate({})["loss"]
    0.011366954123907869
    """
    target = BUNDLED.get(name, name)
    module_name, _, attribute = target.partition(":")
    if not module_name or not all(part.isidentifier() for part in module_name.split(".")):
        raise ReferenceUnusable(f"{name!r} is not an import path such as `newton:newton_method` or `newton`")
    module = _import(module_name, folder)
    function = getattr(module, attribute or "evaluate", None)
    if not callable(function):
        what = f"no function {attribute!r}" if attribute else "no function `evaluate` (or name one: module:function)"
        raise ReferenceUnusable(f"module {module_name!r} ({_where(module)}) has {what}")
    fit = getattr(module, "fit", None)
    solution = getattr(module, "solution", None)
    return Reference(
        name=name,
        folder=None if folder is None else str(folder),
        function=function,
        fit=fit if callable(fit) else None,
        mistakes=_names(getattr(module, "MISTAKES", None)),
        given=_names(getattr(module, "GIVEN", None)),
        solution=solution if callable(solution) else None,
        presentation=frozenset(_names(getattr(module, "PRESENTATION", None)) or ()),
        fingerprint=_fingerprint(module),
        origin=getattr(module, "__file__", None),
    )


def _import(module_name: str, folder: Path | None) -> ModuleType:
    top = module_name.partition(".")[0]
    # the rubric's own folder wins over an importable module of the same name (a course's `newton.py`
    # beside its rubric over some installed `newton`)
    if folder is not None and "." not in module_name:
        found = importlib.machinery.PathFinder.find_spec(top, [str(folder)])
        if found is not None and found.loader is not None:
            # a private name: two rubrics' `reference.py` files must not share a sys.modules entry
            private = f"_grader_reference_{hashlib.sha256(str(found.origin).encode()).hexdigest()[:12]}_{top}"
            if private in sys.modules:
                return sys.modules[private]
            spec = importlib.util.spec_from_file_location(private, found.origin)
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                sys.modules[private] = module  # dataclasses look their module up while it executes
                try:
                    spec.loader.exec_module(module)
                except Exception as error:
                    del sys.modules[private]
                    raise ReferenceUnusable(
                        f"importing {found.origin} failed: {type(error).__name__}: {error}"
                    ) from error
                return module
    try:
        return importlib.import_module(module_name)
    except ImportError as error:
        beside = f" beside the rubric ({folder})" if folder is not None else ""
        raise ReferenceUnusable(
            f"cannot import {module_name!r}: {error}; put {top}.py{beside} or on the Python path (PYTHONPATH)"
        ) from error
    except Exception as error:  # the instructor's module raised while importing: say which and how
        raise ReferenceUnusable(f"importing {module_name!r} failed: {type(error).__name__}: {error}") from error


def _where(module: ModuleType) -> str:
    return str(getattr(module, "__file__", None) or module.__name__)


def _names(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence | frozenset | set):
        raise ReferenceUnusable(f"a reference's MISTAKES, GIVEN and PRESENTATION list names, got {value!r}")
    return tuple(str(item) for item in value)


def _fingerprint(module: ModuleType) -> str:
    """The module's source, or its whole top-level package's (a reference may import its siblings)."""
    digest = hashlib.sha256()
    origin = getattr(module, "__file__", None)
    if origin is None:
        return digest.hexdigest()
    top = sys.modules.get(module.__name__.partition(".")[0])
    package = getattr(top, "__path__", None) if top is not None and top is not module else None
    if package is None and getattr(module, "__path__", None) is not None:
        package = module.__path__
    files = sorted(path for folder in package for path in Path(folder).rglob("*.py")) if package else [Path(origin)]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if hasattr(value, "tolist") and not isinstance(value, (bool, int, float)):
        return _plain(value.tolist())  # a numpy array or number
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    return float(value)
