"""Hard-coding check, kernel side of the plan: rewrite a task's parameter assignments to other values.

A value typed into a notebook (``history = [(8.0, 68.0), …]``) passes at the official parameters and
stays put when they change; a computed one moves with them. To tell them apart the grader re-runs the
task's cells with the parameters the rubric's ``variation`` lists, rewriting the student's *top-level*
assignments ``x = 10`` (and keyword arguments ``run(lr=0.1)``) to the new values — found with the AST,
so comments, strings and names such as ``x_max`` are never touched. A parameter counts as found only if
the task's code also *reads* the variable after assigning it (an assignment nobody reads changes
nothing, and re-running with it would make honest code look hard-coded). Where no parameter is found,
e.g. values passed as positional call arguments, the check is recorded as not possible.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: A line IPython handles before Python sees it (``%matplotlib inline``, ``!pip install``).
_MAGIC = re.compile(r"^(\s*)[%!].*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The task's cells with parameters rewritten; ``changed`` maps each found parameter to its new value."""

    sources: tuple[str, ...]
    changed: Mapping[str, Any]
    #: parameter → the student's variable (or keyword) that held it
    names: Mapping[str, str]
    #: the notebook's code cells (indices) whose sources these are, where the caller knows them
    cells: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class _Site:
    cell: int
    line: int
    col: int
    end_line: int
    end_col: int
    #: an argument of a call of the cells' own function (read by the call itself)
    argument: bool = False


def rewrite_parameters(
    sources: Sequence[str], new_values: Mapping[str, Any], names: Mapping[str, Sequence[str]]
) -> Rewrite:
    """Rewrite the top-level literal assignments of each parameter's variable in ``sources``."""
    trees = [_parse(source) for source in sources]
    calls = _own_calls(trees, _own_functions(trees))
    reads = _reads(trees)
    sites: dict[str, tuple[str, list[_Site]]] = {}
    for parameter in new_values:
        for name in names.get(parameter, ()):
            found = _sites(trees, sources, name, calls)
            # a number is rewritten where a number was stated, an array where an array was
            array = isinstance(new_values[parameter], (list, tuple))
            found = [site for site in found if _text(sources, site).startswith(("[", "(")) == array]
            if found and (found[0].argument or _read_after(reads, name, found[0])):
                sites[parameter] = (name, found)
                break
    rewritten = list(sources)
    by_cell: dict[int, list[tuple[_Site, Any]]] = {}
    for parameter, (_, found) in sites.items():
        for site in found:  # a later `x = 5` stating the same value again would undo the rewrite of the first
            by_cell.setdefault(site.cell, []).append((site, new_values[parameter]))
    for cell, edits in by_cell.items():
        rewritten[cell] = _splice(sources[cell], edits)
    return Rewrite(
        sources=tuple(rewritten),
        changed={parameter: new_values[parameter] for parameter in sites},
        names={parameter: name for parameter, (name, _) in sites.items()},
    )


def _parse(source: str) -> ast.Module | None:
    """The cell's AST with magic lines blanked out (line and column numbers stay those of the source)."""
    try:
        return ast.parse(_MAGIC.sub(lambda match: match.group(1) + "pass", source))
    except SyntaxError:
        return None


def _is_literal(node: ast.expr) -> bool:
    return _literal(node) is not None


def _literal(node: ast.expr) -> ast.expr | None:
    """The part of ``node`` that states the parameter's value, or ``None`` when it is computed: a number
    (``-0.5``), a list or tuple of numbers nested to any depth (``[[0.1, 0.2], [0.3, 0.4]]``), or the
    list inside ``np.array(...)``/``numpy.array(...)`` (rewriting only the list keeps the call, so the
    re-run's value is an array again)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("array", "asarray")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in ("np", "numpy")
        and len(node.args) == 1
        and isinstance(node.args[0], (ast.List, ast.Tuple))
    ):
        return _literal(node.args[0])
    if isinstance(node, (ast.List, ast.Tuple)):
        return node if node.elts and all(_literal(item) is not None for item in node.elts) else None
    number = node.operand if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) else node
    return node if isinstance(number, ast.Constant) and type(number.value) in (int, float) else None


def _site(cell: int, node: ast.expr, argument: bool = False) -> _Site:
    node = _literal(node) or node
    end_line, end_col = node.end_lineno or node.lineno, node.end_col_offset or 0
    return _Site(cell, node.lineno, node.col_offset, end_line, end_col, argument)


def _own_functions(trees: Sequence[ast.Module | None]) -> dict[str, tuple[str, ...]]:
    """The functions (and classes) the task's cells define, with their positional parameters' names
    (a class's ``__init__`` without ``self``): only their arguments are parameters
    (``plt.plot(..., alpha=0.5)`` is an opacity, not a learning rate)."""
    found: dict[str, tuple[str, ...]] = {}
    for tree in trees:
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.setdefault(node.name, tuple(arg.arg for arg in node.args.posonlyargs + node.args.args))
            elif isinstance(node, ast.ClassDef):
                init = next(
                    (item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == "__init__"), None
                )
                arguments = init.args.posonlyargs + init.args.args if init is not None else []
                found.setdefault(node.name, tuple(arg.arg for arg in arguments[1:]))
    return found


_Call = tuple[ast.Call, tuple[str, ...]]


def _own_calls(trees: Sequence[ast.Module | None], own: Mapping[str, tuple[str, ...]]) -> dict[int, list[_Call]]:
    """Per top-level statement (by ``id``), its calls of the cells' own functions outside definitions,
    each with the called function's positional parameters: found once, then searched for each name."""
    return {
        id(statement): [
            (node, own[node.func.id])
            for node in _walk_outside_definitions(statement)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in own
        ]
        for tree in trees
        if tree is not None
        for statement in tree.body
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }


def _sites(
    trees: Sequence[ast.Module | None], sources: Sequence[str], name: str, calls: Mapping[int, list[_Call]]
) -> list[_Site]:
    """Where ``name`` gets its number: ``name = 10``, ``a, name = 1, 10``, ``name: float = 10``, or a
    keyword argument ``f(name=10)`` of a function the cells define, in top-level statements (not inside
    a function or class body): the first such site, and every later one that states the same literal
    again (a later ``w1 = 0.4992`` is a typed-in answer, not the parameter)."""
    found: list[_Site] = []
    for cell, tree in enumerate(trees):
        if tree is None:
            continue
        for statement in tree.body:
            site = _in_statement(cell, statement, name, calls)
            if site is not None and (not found or _text(sources, site) == _text(sources, found[0])):
                found.append(site)
    return found


def _text(sources: Sequence[str], site: _Site) -> str:
    lines = sources[site.cell].splitlines(keepends=True)
    start, end = _offset(lines, site.line, site.col), _offset(lines, site.end_line, site.end_col)
    return "".join(lines)[start:end].strip()


def _in_statement(cell: int, statement: ast.stmt, name: str, calls: Mapping[int, list[_Call]]) -> _Site | None:
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name) and target.id == name and _is_literal(statement.value):
                return _site(cell, statement.value)
            if isinstance(target, ast.Tuple) and isinstance(statement.value, ast.Tuple):
                pairs = zip(target.elts, statement.value.elts, strict=False)
                for element, value in pairs:
                    if isinstance(element, ast.Name) and element.id == name and _is_literal(value):
                        return _site(cell, value)
    if (
        isinstance(statement, ast.AnnAssign)
        and isinstance(statement.target, ast.Name)
        and statement.target.id == name
        and statement.value is not None
        and _is_literal(statement.value)
    ):
        return _site(cell, statement.value)
    for call, parameters in calls.get(id(statement), ()):  # none for definitions: not top level
        for keyword in call.keywords:
            if keyword.arg == name and _is_literal(keyword.value):
                return _site(cell, keyword.value, argument=True)
        # a positional argument takes its parameter's name: descend(10.0, 0.15, 25) with def descend(x, lr, steps)
        for argument, parameter in zip(call.args, parameters, strict=False):
            if isinstance(argument, ast.Starred):
                break
            if parameter == name and _is_literal(argument):
                return _site(cell, argument, argument=True)
    return None


def _walk_outside_definitions(node: ast.AST) -> list[ast.AST]:
    found: list[ast.AST] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                stack.append(child)
    return found


@dataclass(frozen=True, slots=True)
class _Read:
    """A place that reads a name: a ``Name`` load, or a keyword argument ``f(name=…)`` (at its value)."""

    cell: int
    line: int
    col: int
    around: tuple[_Function, ...]  # the functions it is in, outermost first
    keyword: bool


_Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def _reads(trees: Sequence[ast.Module | None]) -> dict[str, list[_Read]]:
    """Every read of every name in the cells, by name: one walk of each cell, where asking per name and
    per site walked every cell again (a hot path: each parameter has several candidate names)."""
    found: dict[str, list[_Read]] = {}
    for cell, tree in enumerate(trees):
        if tree is None:
            continue
        stack: list[tuple[ast.AST, tuple[_Function, ...]]] = [(tree, ())]
        while stack:
            node, around = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                around = (*around, node)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                found.setdefault(node.id, []).append(_Read(cell, node.lineno, node.col_offset, around, False))
            elif isinstance(node, ast.keyword) and node.arg is not None:
                value = node.value
                found.setdefault(node.arg, []).append(_Read(cell, value.lineno, value.col_offset, around, True))
            stack.extend((child, around) for child in ast.iter_child_nodes(node))
    return found


def _read_after(reads: Mapping[str, list[_Read]], name: str, site: _Site) -> bool:
    """Whether ``name`` is read anywhere after ``site`` (or the site is a keyword argument, which is
    read by the call itself)."""
    for read in reads.get(name, ()):
        if read.cell < site.cell:
            continue
        if read.keyword:
            if read.cell == site.cell and (read.line, read.col) == (site.line, site.col):
                return True
            continue
        local = _scope_of(read.around, name)
        if local is not None:
            if local == "global":
                return True
        elif read.cell > site.cell or (read.line, read.col) > (site.end_line, site.end_col):
            return True
    return False


def _scope_of(enclosing: Sequence[_Function], name: str) -> str | None:
    """``None`` for a read at top level; inside a function ``"global"`` when it reads the global (it runs
    when the function is called, after the assignment) and ``"local"`` for a parameter or local of the
    same name, which is another variable."""
    if not enclosing:
        return None
    for function in enclosing:
        arguments = function.args
        every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
        every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
        if name in {arg.arg for arg in every}:
            return "local"
        stored = {
            node.id for node in ast.walk(function) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
        }
        declared_global = any(isinstance(node, ast.Global) and name in node.names for node in ast.walk(function))
        if name in stored and not declared_global:
            return "local"
    return "global"


def _splice(source: str, edits: list[tuple[_Site, Any]]) -> str:
    """Replace each site's text with the new value's ``repr``, last site first so offsets stay valid."""
    lines = source.splitlines(keepends=True)
    for site, value in sorted(edits, key=lambda edit: (edit[0].line, edit[0].col), reverse=True):
        start = _offset(lines, site.line, site.col)
        end = _offset(lines, site.end_line, site.end_col)
        text = "".join(lines)
        text = text[:start] + repr(value) + text[end:]
        lines = text.splitlines(keepends=True)
    return "".join(lines)


def _offset(lines: list[str], line: int, col: int) -> int:
    """Character offset of an AST position (``col`` counts UTF-8 bytes on its line)."""
    prefix = sum(len(text) for text in lines[: line - 1])
    return prefix + len(lines[line - 1].encode("utf-8")[:col].decode("utf-8", errors="ignore"))
