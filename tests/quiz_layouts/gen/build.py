import json, os, nbformat
from defs4 import NBS
from nbformat.v4 import new_notebook
OUT = "/work/blind/quiz_layouts"
os.makedirs(OUT, exist_ok=True)
expected = {}
for n in NBS:
    nb = new_notebook(cells=n["cells"])
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    nbformat.validate(nb)
    fn = n["name"] + ".ipynb"
    with open(os.path.join(OUT, fn), "w", encoding="utf-8") as f:
        nbformat.write(nb, f)
    # re-read & check
    nb2 = nbformat.read(os.path.join(OUT, fn), as_version=4)
    nbformat.validate(nb2)
    allsrc = "\n".join(c.source for c in nb2.cells)
    for k, v in n["answers"].items():
        if v:
            assert v in allsrc, (fn, k)
    for u in n["unattributed"]:
        assert u in allsrc, (fn, u)
    s = n["scores"]
    assert set(s) == {"q1","q2","q3","q4","q5"} and all(0 <= x <= 6 and x*2 == int(x*2) for x in s.values())
    for k, v in n["answers"].items():
        if not v: assert s[k] == 0
    expected[fn] = {"layout": n["layout"], "answers": n["answers"], "ta_scores": s,
                    "unattributed": n["unattributed"], "notes": n["notes"]}
# uniqueness of answers across notebooks
seen = {}
for fn, e in expected.items():
    for k, v in e["answers"].items():
        if v and v in seen and seen[v] != fn and not v in ("",):
            raise SystemExit(f"duplicate answer {fn} {k} vs {seen[v]}")
        seen.setdefault(v, fn)
with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=2)
print(len(expected), "notebooks written")
