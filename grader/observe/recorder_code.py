"""The recorder's kernel side: Python source the preamble runs inside each student's kernel.

Kept as text and never imported by the grader: :mod:`grader.run.probe` sends it to the kernel (and the
warm launcher's zygote compiles it once). What it records, and the limits it keeps, are described in
:mod:`grader.observe.recorder`, which reads what it sends back.
"""

#: Runs once per kernel, inside the preamble's own namespace.
KERNEL_SOURCE = r"""
import ast as _ast, builtins as _builtins, hashlib as _hashlib, json as _json, sys as _sys
from IPython import get_ipython as _get_ipython

_shell = _get_ipython()
_keys = []
_series = {}
_state = {"cell": "", "seq": 0, "values": 0, "calls": 0, "skip": False}
_FLOAT, _INT = float.__float__, int.__int__

def _number(value):
    kind = type(value)
    if kind is float:
        return value
    if kind is int:
        return _FLOAT(float(_INT(value)))
    if kind is bool or value is None:
        return None
    numpy = _sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.generic):
        if isinstance(value, (numpy.floating, numpy.integer)):
            return _FLOAT(float(numpy.generic.item(value)))
        return None
    if isinstance(value, float):
        return _FLOAT(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _FLOAT(float(_INT(value)))
    if kind.__module__.startswith("sympy") and getattr(value, "is_number", False) and getattr(value, "is_real", False):
        return _FLOAT(float(value))
    return None

def _convert(value, depth=0):
    number = _number(value)
    if number is not None or depth > 2:
        return number
    numpy = _sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray):
        if 0 < value.size <= _MAX_ITEMS and value.dtype.kind in "fiu":
            return numpy.ndarray.tolist(value.astype(float))
        return None
    if type(value) in (list, tuple) and 0 < len(value) <= _MAX_ITEMS:
        items = [_convert(item, depth + 1) for item in value]
        if any(item is None for item in items):
            # a labelled value, ("w1 new", 0.4992): the one number is the value
            numbers = [item for item in items if isinstance(item, float)]
            return numbers[0] if depth == 0 and len(numbers) == 1 else None
        return items
    return None

def _rec(key, value):
    if _state["calls"] >= _MAX_CALLS:
        return
    _state["calls"] += 1
    try:
        plain = _convert(value)
        if plain is None:
            return
        _state["seq"] += 1
        slot = (key, _state["cell"])
        entry = _series.get(slot)
        if entry is None:
            if len(_series) >= _MAX_SERIES:
                return
            entry = _series[slot] = [[], [], 0]
        entry[2] += 1
        item = (_state["seq"], plain)
        if len(entry[0]) < _FIRST and _state["values"] < _MAX_VALUES:
            entry[0].append(item)
            _state["values"] += 1
        else:
            entry[1].append(item)
            if len(entry[1]) > _LAST:
                del entry[1][0]
    except Exception:
        pass

def _pass(key, value):
    _rec(key, value)
    return value

_builtins.__grader_rec__ = _rec
_builtins.__grader_pass__ = _pass

def _literal(node):
    if isinstance(node, _ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, _ast.UnaryOp) and isinstance(node.op, (_ast.USub, _ast.UAdd)):
        return _literal(node.operand)
    if isinstance(node, (_ast.Tuple, _ast.List)):
        return bool(node.elts) and all(_literal(item) for item in node.elts)
    if isinstance(node, _ast.Call) and len(node.args) == 1 and not node.keywords:
        name = node.func.attr if isinstance(node.func, _ast.Attribute) else getattr(node.func, "id", "")
        return name in ("array", "float", "float32", "float64", "asarray") and _literal(node.args[0])
    return False

def _plain_index(node):
    # an index that can be evaluated again without side effects: constants, names, arithmetic on them
    return all(isinstance(sub, (_ast.Constant, _ast.Name, _ast.BinOp, _ast.UnaryOp, _ast.operator, _ast.unaryop,
                                _ast.expr_context)) for sub in _ast.walk(node))

def _big_literal(node):
    # a typed-in list too long to record by value (a copied history): recorded as a marker
    return isinstance(node, (_ast.List, _ast.Tuple)) and len(node.elts) > _MAX_ITEMS and all(
        isinstance(sub, (_ast.Constant, _ast.Tuple, _ast.List, _ast.UnaryOp, _ast.unaryop, _ast.expr_context))
        for sub in _ast.walk(node))

def _reads(node):
    return {sub.id for sub in _ast.walk(node) if isinstance(sub, _ast.Name)}

class _Instrument(_ast.NodeTransformer):
    def __init__(self, cell):
        self.cell, self.scope = cell, []

    def _key(self, target, kind, node, literal=False):
        _keys.append((self.cell, ".".join(self.scope) or "<module>", target[:60], kind,
                      getattr(node, "lineno", 0), bool(literal)))
        return _ast.Constant(len(_keys) - 1)

    def _call(self, name, key, value):
        return _ast.Call(_ast.Name(name, _ast.Load()), [key, value], [])

    def _record(self, target, kind, node, literal):
        if isinstance(target, _ast.Name):
            key = self._key(target.id, kind, node, literal)
            return [_ast.Expr(self._call("__grader_rec__", key, _ast.Name(target.id, _ast.Load())))]
        if isinstance(target, (_ast.Tuple, _ast.List)):
            literals = getattr(node, "literals", None) or []
            parts = literals if len(literals) == len(target.elts) else None
            out = []
            for index, item in enumerate(target.elts):
                part_literal = parts[index] if parts is not None else False
                out.extend(self._record(item, kind, node, part_literal))
            return out
        if isinstance(target, _ast.Attribute) or (isinstance(target, _ast.Subscript) and _plain_index(target.slice)):
            load = _clone(target)
            for sub in _ast.walk(load):
                if hasattr(sub, "ctx"):
                    sub.ctx = _ast.Load()
            text = _ast.unparse(target)
            if isinstance(target, _ast.Subscript) and not isinstance(target.slice, _ast.Constant):
                text = _ast.unparse(target.value) + "[…]"  # x_hist[k + 1] = …: one series, in order
            key = self._key(text, kind, node, literal)
            call = _ast.Expr(self._call("__grader_rec__", key, load))
            return [_ast.Try(body=[call], handlers=[_ast.ExceptHandler(
                type=_ast.Name("Exception", _ast.Load()), name=None, body=[_ast.Pass()])], orelse=[], finalbody=[])]
        return []

    def _kind(self, target, value):
        if isinstance(target, _ast.Name) and value is not None and target.id in _reads(value):
            return "update"
        return "assign"

    def visit_Assign(self, node):
        literal = _literal(node.value)  # before the value's own fields are instrumented
        parts = [_literal(value) for value in node.value.values] if isinstance(node.value, _ast.Dict) else []
        elements = node.value.elts if isinstance(node.value, (_ast.Tuple, _ast.List)) else []
        node.literals = [_literal(item) for item in elements]
        self.generic_visit(node)
        out = [node]
        for target in node.targets:
            if isinstance(target, _ast.Name) and _big_literal(node.value):
                key = self._key(target.id, "literal", node, True)
                out.append(_ast.Expr(self._call("__grader_rec__", key, _ast.Constant(len(node.value.elts)))))
                continue
            out.extend(self._record(target, self._kind(target, node.value), node, literal))
            if isinstance(target, _ast.Name) and isinstance(node.value, _ast.Dict):
                for key_node, value in zip(node.value.keys, parts):  # params = {"w1": 0.5}
                    if isinstance(key_node, _ast.Constant) and isinstance(key_node.value, str):
                        owner = _ast.Name(target.id, _ast.Load())
                        item = _ast.Subscript(owner, _ast.Constant(key_node.value), _ast.Load())
                        out.extend(self._record(item, "assign", node, value))
        return out

    def visit_AnnAssign(self, node):
        literal = node.value is not None and _literal(node.value)
        self.generic_visit(node)
        if node.value is None:
            return node
        return [node] + self._record(node.target, self._kind(node.target, node.value), node, literal)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        return [node] + self._record(node.target, "update", node, False)

    def visit_For(self, node):
        self.generic_visit(node)
        counting = isinstance(node.iter, _ast.Call) and getattr(node.iter.func, "id", "") == "range"
        if not counting:  # `for i in range(n)` counts; `for x in xs` visits values
            node.body = self._record(node.target, "loop", node, False) + node.body
        return node

    def _function(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        records = []
        for argument in arguments:
            if argument.arg in ("self", "cls"):
                continue
            key = self._key(argument.arg, "arg", node)
            records.append(_ast.Expr(self._call("__grader_rec__", key, _ast.Name(argument.arg, _ast.Load()))))
        first = node.body[0] if node.body else None
        docstring = isinstance(first, _ast.Expr) and isinstance(getattr(first, "value", None), _ast.Constant)
        node.body = (node.body[:1] + records + node.body[1:]) if docstring else (records + node.body)
        self.scope.pop()
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_ClassDef(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()
        return node

    def visit_Return(self, node):
        self.generic_visit(node)
        if node.value is not None:
            name = self.scope[-1] if self.scope else "return"
            node.value = self._call("__grader_pass__", self._key(name, "return", node), node.value)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        func = node.func
        if isinstance(func, _ast.Name) and func.id == "print":
            kind, target = "print", "print"
        elif isinstance(func, _ast.Attribute) and func.attr == "format":
            kind, target = "print", "format"
        elif isinstance(func, _ast.Attribute) and func.attr == "append" and len(node.args) == 1:
            kind, target = "append", _ast.unparse(func.value)
        elif isinstance(func, _ast.Name) and func.id == "dict":  # dict(w1=…, w2=…): each value under its name
            for keyword in node.keywords:
                if keyword.arg is not None:
                    keyword.value = self._call("__grader_pass__", self._key(keyword.arg, "item", node), keyword.value)
            return node
        else:
            return node
        node.args = [
            arg if isinstance(arg, _ast.Starred) else self._call("__grader_pass__", self._key(target, kind, node), arg)
            for arg in node.args
        ]
        return node

    def visit_Dict(self, node):
        # {"w1": w1 - lr * dw1} returned or printed, never assigned: each value under its key
        self.generic_visit(node)
        node.values = [
            self._call("__grader_pass__", self._key(key.value, "item", node), value)
            if isinstance(key, _ast.Constant) and isinstance(key.value, str) else value
            for key, value in zip(node.keys, node.values)
        ]
        return node

    def visit_FormattedValue(self, node):
        self.generic_visit(node)
        node.value = self._call("__grader_pass__", self._key("f-string", "print", node), node.value)
        return node

    def visit_Module(self, node):
        self.generic_visit(node)
        last = node.body[-1] if node.body else None
        if isinstance(last, _ast.Expr):
            last.value = self._call("__grader_pass__", self._key("display", "expr", last), last.value)
        return node

def _clone(node):
    # copy.deepcopy of a syntax tree, for the tree alone (its leaves are str, int, None, constants):
    # a third of deepcopy's time, which went through the memo and the pickle protocol for each node
    if isinstance(node, _ast.AST):
        new = node.__class__()
        for name in node._fields:
            if hasattr(node, name):
                setattr(new, name, _clone(getattr(node, name)))
        for name in node._attributes:
            if hasattr(node, name):
                setattr(new, name, getattr(node, name))
        return new
    if isinstance(node, list):
        return [_clone(item) for item in node]
    return node

class _Transformer(_ast.NodeTransformer):
    def visit(self, node):
        if _state["skip"] or not isinstance(node, _ast.Module):
            return node
        try:
            changed = _Instrument(_state["cell"]).visit(_clone(node))
            return _ast.fix_missing_locations(changed)
        except Exception:
            return node

def _before(info=None, *args):
    raw = str(getattr(info, "raw_cell", "") or "")
    _state["skip"] = raw.startswith(_MARK)
    if not _state["skip"]:
        _state["cell"] = _hashlib.sha1(raw.encode("utf-8", "replace")).hexdigest()[:12]

def _drain(limit):
    order = sorted(_series.items(), key=lambda item: (item[1][0] or item[1][1])[0][0])
    out = []
    for (key, run), (first, last, count) in order:
        cell, scope, target, kind, line, literal = _keys[key]
        out.append({"cell": cell, "run": run, "scope": scope, "target": target, "kind": kind, "line": line,
                    "literal": literal, "count": count, "first": first, "last": last})
    _series.clear()
    _state["values"] = 0
    for keep in (None, 60, 12, 3):
        if keep is not None:
            for item in out:
                item["first"] = item["first"][:keep]
                item["last"] = item["last"][-3:]
        text = _json.dumps(out)
        if len(text) <= limit:
            return out
    return []

_shell._grader_drain = _drain
_shell.ast_transformers.append(_Transformer())
_shell.events.register("pre_run_cell", _before)
"""
