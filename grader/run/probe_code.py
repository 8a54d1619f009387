"""The probe's kernel side: Python source the grader runs inside each student's kernel.

Kept as text and never imported by the grader: :mod:`grader.run.probe` builds the probe cells and the
preamble from it and reads their payloads strictly. ``KERNEL_SOURCE`` snapshots a task's values;
``PREAMBLE_SOURCE`` caps each cell's output; ``FIGURES_SOURCE`` records figures as data.
"""

#: Runs in the kernel inside its own namespace (so the student's names are neither read implicitly nor
#: overwritten); ``_names`` and ``_limit`` are injected by :func:`probe_source`.
KERNEL_SOURCE = r"""
import json as _json, sys as _sys
from IPython import get_ipython as _get_ipython
if "_publish" not in globals():  # grader.check() in a live notebook passes its own
    from IPython.display import publish_display_data as _publish

_MAX_ITEMS = 100_000

def _plain(value, depth=0):
    if depth > 8:
        raise TypeError("is nested more than 8 levels deep")
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    numpy = _sys.modules.get("numpy")
    if numpy is not None:
        if isinstance(value, numpy.ndarray):
            if value.size > _MAX_ITEMS:
                raise TypeError(f"is an array of {value.size} items (at most {_MAX_ITEMS} are read)")
            return _plain(numpy.ndarray.tolist(value), depth + 1)
        if isinstance(value, numpy.generic):
            return _plain(numpy.generic.item(value), depth + 1)
    if isinstance(value, (list, tuple)):
        if len(value) > _MAX_ITEMS:
            raise TypeError(f"has {len(value)} items (at most {_MAX_ITEMS} are read)")
        return [_plain(item, depth + 1) for item in value]
    raise TypeError(f"is a {type(value).__name__}, not a number or a list of numbers")

_shell = _get_ipython()
_user_ns = _shell.user_ns
_values, _problems = {}, {}

def _namespace():
    # every plain value the student left, one level into dicts and their own objects ("params['w1']",
    # "net.w1"); the grader finds the quantities among them, whatever they are called
    hidden = set(getattr(_shell, "user_ns_hidden", {}))
    found = {}
    for name, value in list(_user_ns.items())[:2000]:
        if name.startswith("_") or name in hidden or callable(value) and not hasattr(value, "__dict__"):
            continue
        found[name] = value
        if isinstance(value, dict):
            for key, item in list(value.items())[:50]:
                if isinstance(key, str):
                    found[f"{name}[{key!r}]"] = item
        elif type(value).__module__ == "__main__" and isinstance(getattr(value, "__dict__", None), dict):
            for key, item in list(vars(value).items())[:50]:
                if not key.startswith("_"):
                    found[f"{name}.{key}"] = item
    return found

_source = _namespace() if _names is None else {n: _user_ns[n] for n in _names if n in _user_ns}
for _name, _value in _source.items():
    try:
        _values[_name] = _plain(_value)
    except (TypeError, ValueError, OverflowError, RecursionError) as _error:
        if _names is not None:
            _problems[_name] = str(_error)[:300]
    if len(_values) >= 500:
        break
_series = []
if _want_series:
    _drain = getattr(_shell, "_grader_drain", None)
    if _drain is not None:
        _series = _drain(_limit // 2)
_figures = []
if _want_figures:
    _capture = getattr(_shell, "_grader_capture", None)
    if _capture is not None:
        _capture()
    _registry = getattr(_shell, "_grader_figures", {})
    _claimed = getattr(_shell, "_grader_claimed", set())
    for _key in list(_registry):
        if _key not in _claimed:
            _claimed.add(_key)
            _figures.append(_registry[_key])
_nonce = globals().get("_nonce", "")
_payload = _json.dumps({"values": _values, "problems": _problems, "figures": _figures, "series": _series,
                        "nonce": _nonce})
if len(_payload) > _limit:
    _payload = _json.dumps({"values": _values, "problems": _problems, "figures": [], "series": _series,
                            "nonce": _nonce})
if len(_payload) > _limit:
    _payload = _json.dumps({"values": {}, "problems": {n: "too large to read" for n in _names or ()},
                            "figures": [], "series": _series, "nonce": _nonce})
_publish({_mime: _payload})
"""


#: Part of the preamble: the figure recorder. Caps keep a snapshot far below SNAPSHOT_MAX_BYTES.
FIGURES_SOURCE = r"""
_MAX_FIGURES, _MAX_AXES, _MAX_LINES, _MAX_POINTS, _MAX_TEXT = 6, 4, 6, 300, 200
_shell = _get_ipython()
_shell._grader_figures, _shell._grader_claimed = {}, set()

def _numbers(values):
    numpy = _sys.modules["numpy"]
    array = numpy.asarray(values, dtype=float).ravel()[:_MAX_POINTS]
    return [float.__float__(float(item)) for item in array]

def _joined(lines):
    # a descent drawn point by point (plt.scatter or plt.plot inside the loop) is one series to a reader
    out, single = [], {}
    for line in lines:
        if len(line["x"]) == 1 and len(line["y"]) == 1:
            joined = single.setdefault(line["kind"], {"kind": line["kind"], "x": [], "y": []})
            if len(joined["x"]) < _MAX_POINTS:
                joined["x"] += line["x"]
                joined["y"] += line["y"]
        else:
            out.append(line)
    return (out + [item for item in single.values() if len(item["x"]) > 1])[:_MAX_LINES] or list(single.values())[:1]

def _figure_data(figure):
    axes = []
    for ax in list(figure.axes)[:_MAX_AXES]:
        lines = []
        for line in list(ax.get_lines())[:_MAX_POINTS]:
            try:
                lines.append({"kind": "line", "x": _numbers(line.get_xdata()), "y": _numbers(line.get_ydata())})
            except (TypeError, ValueError):
                pass
        for collection in list(ax.collections)[:_MAX_POINTS]:
            try:
                offsets = _sys.modules["numpy"].asarray(collection.get_offsets(), dtype=float)
                if offsets.ndim == 2 and offsets.shape[1] == 2 and len(offsets):
                    lines.append({"kind": "scatter", "x": _numbers(offsets[:, 0]), "y": _numbers(offsets[:, 1])})
            except (TypeError, ValueError, AttributeError):
                pass
        for container in list(getattr(ax, "containers", []))[:_MAX_LINES]:
            try:  # plt.bar: one series of bar heights at the bars' centres
                bars = [bar for bar in container if hasattr(bar, "get_height")][:_MAX_POINTS]
                if bars:
                    lines.append({"kind": "bar", "x": _numbers([b.get_x() + b.get_width() / 2 for b in bars]),
                                  "y": _numbers([b.get_height() for b in bars])})
            except (TypeError, ValueError, AttributeError):
                pass
        lines = _joined(lines)
        title = ax.get_title() or ax.get_title("left") or ax.get_title("right")
        axes.append({"title": str(title)[:_MAX_TEXT], "xlabel": str(ax.get_xlabel())[:_MAX_TEXT],
                     "ylabel": str(ax.get_ylabel())[:_MAX_TEXT], "lines": lines[:_MAX_LINES]})
    suptitle = getattr(figure, "_suptitle", None)
    return {"suptitle": str(suptitle.get_text() if suptitle is not None else "")[:_MAX_TEXT], "axes": axes}

def _grader_capture(*args):
    helpers = _sys.modules.get("matplotlib._pylab_helpers")
    if helpers is None:
        return
    for manager in list(helpers.Gcf.get_all_fig_managers()):
        figure = manager.canvas.figure
        # a key of our own: id() is reused once a shown-and-closed figure is collected, and the next
        # figure would overwrite the first one's (already claimed) entry and never be sent
        key = getattr(figure, "_grader_key", None)
        if key is None and len(_shell._grader_figures) < _MAX_FIGURES:
            key = figure._grader_key = len(_shell._grader_figures) + 1
        if key is not None:
            try:
                known = _shell._grader_figures.get(key)
                cell = known["cell"] if known is not None else _state["cell"]
                _shell._grader_figures[key] = dict(_figure_data(figure), cell=cell)
            except Exception:
                pass

def _wrap_pyplot(info=None, *args):
    # before a cell that imports matplotlib, import pyplot ourselves so that a figure the same cell
    # closes (plt.close, or the inline backend's flush) passes through the wrapped close first
    pyplot = _sys.modules.get("matplotlib.pyplot")
    if pyplot is None and "matplotlib" in str(getattr(info, "raw_cell", "") or ""):
        try:
            import matplotlib.pyplot as pyplot
        except Exception:
            return
    if pyplot is None or getattr(pyplot, "_grader_wrapped", False):
        return
    def _wrapped(original):
        def call(*a, **k):
            _grader_capture()
            return original(*a, **k)
        return call
    pyplot.show, pyplot.close, pyplot._grader_wrapped = _wrapped(pyplot.show), _wrapped(pyplot.close), True

def _close_after_cell(*args):
    # Jupyter's inline backend shows and closes every figure at the end of a cell; the kernel here
    # draws with Agg, where figures stay open and the next cell's plt.plot would draw over this one
    pyplot = _sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        try:
            pyplot.close("all")
        except Exception:
            pass

_shell._grader_capture = _grader_capture
_shell.events.register("pre_run_cell", _wrap_pyplot)
_shell.events.register("post_execute", _grader_capture)
_shell.events.register("post_execute", _close_after_cell)
"""


#: Runs once at the start of every kernel: caps what each cell may write to stdout/stderr. The grader
#: caps what it keeps anyway, but ipykernel spends about 8 µs per ``print`` sending output, so a flood
#: of millions of lines would otherwise use up the cell's time limit (3,000,000 lines ≈ 25 s).
PREAMBLE_SOURCE = r"""
import os as _os, sys as _sys
from IPython import get_ipython as _get_ipython

class _CappedStream:
    # Once a cell has written its share, the stream is swapped for /dev/null (a C-level write, about
    # 5x cheaper per print than any Python-level one) until the next cell starts.
    def __init__(self, name, limit, note):
        self._name, self._stream, self._limit, self._note = name, getattr(_sys, name), limit, note
        self._sink = open(_os.devnull, "w")
        self.left = limit
    def write(self, text):
        if self.left < 0:  # capped already: the rest of a print() that looked up this stream
            return len(text)
        self.left -= len(text)
        if self.left >= 0:
            return self._stream.write(text)
        self._stream.write(text[: len(text) + self.left] + "\n" + self._note + "\n")
        # now: ipykernel flushes a stream on a timer and when the cell ends, and by then sys.stdout is
        # the sink, so a cell that hit the cap in a few large writes lost all of its output (seen)
        self._stream.flush()
        setattr(_sys, self._name, self._sink)
        return len(text)
    def reset(self, *args):
        self.left = self._limit
        setattr(_sys, self._name, self)
    def __getattr__(self, name):
        return getattr(self._stream, name)

for _name in ("stdout", "stderr"):
    _capped = _CappedStream(_name, _limit, _note)
    _capped.reset()
    _get_ipython().events.register("pre_run_cell", _capped.reset)
"""
