"""Task 1 (gradient descent) code variants.

Each variant is a list of code chunks.  Placeholders @X0@, @LR@, @N@ are
substituted by the generator.  Layouts either put each chunk in its own
cell or join them into a single cell.
"""

T1 = {}

T1["lists_basic"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def grad_f(x):
    # derivative of x^2 + 4
    return 2*x''',
r'''x = @X0@
learning_rate = @LR@
n_steps = @N@

xs = [x]
fs = [f(x)]
for i in range(n_steps):
    gradient = grad_f(x)
    x = x - learning_rate * gradient
    xs.append(x)
    fs.append(f(x))

print("final x:", x, " final f(x):", f(x))''',
r'''plt.figure(figsize=(7,4))
plt.plot(range(len(fs)), fs, marker='o')
plt.xlabel("iteration")
plt.ylabel("f(x)")
plt.title("Gradient descent on f(x) = x^2 + 4")
plt.grid(True)
plt.show()''',
]

T1["func_returns_list"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4
df = lambda x: 2 * x

def gradient_descent(x0, lr, n):
    """run n steps of GD, return list of all x values (including x0)"""
    xs = [x0]
    x = x0
    for _ in range(n):
        x = x - lr * df(x)
        xs.append(x)
    return xs

path = gradient_descent(@X0@, @LR@, @N@)
values = [f(v) for v in path]
for k, (xv, fv) in enumerate(zip(path, values)):
    print(f"iter {k:3d}: x = {xv:10.5f}, f(x) = {fv:10.5f}")''',
r'''grid = np.linspace(-abs(path[0]) - 1, abs(path[0]) + 1, 300)
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
axes[0].plot(grid, f(grid), label="f(x) = x^2 + 4")
axes[0].scatter(path, values, color="red", zorder=3, label="GD iterates")
axes[0].plot(path, values, "r--", alpha=0.5)
axes[0].legend()
axes[0].set_title("iterates on the parabola")
axes[1].plot(values, "o-")
axes[1].set_xlabel("iteration")
axes[1].set_ylabel("f(x)")
axes[1].set_title("function value per iteration")
plt.tight_layout()
plt.show()''',
]

T1["while_tol_semilogy"] = [
r'''import math
import matplotlib.pyplot as plt

def f(x):
    return x ** 2 + 4

def gradient(x):
    return 2 * x

x = @X0@
lr = @LR@
history = [f(x)]
grad = gradient(x)
it = 0
while abs(grad) > 1e-6 and it < 10000:   # stop when the gradient is basically zero
    x = x - lr * grad
    grad = gradient(x)
    history.append(f(x))
    it += 1

print(f"converged after {it} iterations, x = {x:.8f}, f(x) = {f(x):.8f}")''',
r'''# f goes to 4, so on the right I plot f(x) - 4 on a log scale to see the decrease better
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
ax1.plot(history)
ax1.set_xlabel("iteration"); ax1.set_ylabel("f(x)")
ax1.set_title("f(x) per iteration")
ax2.semilogy([v - 4 for v in history])
ax2.set_xlabel("iteration"); ax2.set_ylabel("f(x) - 4")
ax2.set_title("distance to the minimum value (log)")
plt.show()''',
]

T1["recursion"] = [
r'''import matplotlib.pyplot as plt

def f(x):
    return x*x + 4

def df(x):
    return 2*x

def gd_recursive(x, lr, steps_left, trace=None):
    # recursive version, just for fun
    if trace is None:
        trace = []
    trace.append((x, f(x)))
    if steps_left == 0:
        return trace
    return gd_recursive(x - lr*df(x), lr, steps_left - 1, trace)

trace = gd_recursive(@X0@, @LR@, @N@)
print("start:", trace[0])
print("end:  ", trace[-1])''',
r'''its = list(range(len(trace)))
fvals = [p[1] for p in trace]
plt.plot(its, fvals, 'g.-')
plt.xlabel('step'); plt.ylabel('f(x)')
plt.title('f(x) during gradient descent (recursive impl.)')
plt.show()''',
]

T1["numpy_prealloc"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

x0 = @X0@
alpha = @LR@      # learning rate
N = @N@

x_hist = np.zeros(N + 1)
x_hist[0] = x0
for k in range(N):
    grad = 2 * x_hist[k]          # f'(x) = 2x
    x_hist[k + 1] = x_hist[k] - alpha * grad

f_hist = x_hist**2 + 4
print("x after", N, "steps:", x_hist[-1])
print("f after", N, "steps:", f_hist[-1])''',
r'''lim = abs(x0) + 2
xx = np.linspace(-lim, lim, 400)
plt.figure(figsize=(10, 4))
plt.subplot(1, 2, 1)
plt.plot(xx, xx**2 + 4, 'k-', lw=1)
plt.plot(x_hist, f_hist, 'ro-', ms=4)
plt.title('f(x) = x^2 + 4 with the GD path')
plt.subplot(1, 2, 2)
plt.plot(np.arange(N + 1), f_hist)
plt.xlabel('iteration')
plt.ylabel('f')
plt.title('f vs iteration')
plt.show()''',
]

T1["tuples_table"] = [
r'''import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4
def f_prime(x):
    return 2*x

x = @X0@
lr = @LR@
steps = @N@
results = []   # (iteration, x, f(x))
for i in range(steps + 1):
    results.append((i, x, f(x)))
    x -= lr * f_prime(x)

print("iter |      x      |    f(x)")
for i, xv, fv in results:
    print(f"{i:4d} | {xv:11.6f} | {fv:10.6f}")''',
r'''plt.plot([r[0] for r in results], [r[2] for r in results], 'o-', color='purple')
plt.xlabel("Iteration")
plt.ylabel("f(x)")
plt.title("Function value over iterations")
plt.show()''',
]

T1["plot_in_loop"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4
x = @X0@
lr = @LR@

# draw the parabola first
xs = np.linspace(-abs(x) - 1, abs(x) + 1, 200)
plt.figure(figsize=(8, 5))
plt.plot(xs, f(xs), label='f(x)=x²+4')

for step in range(@N@):
    plt.scatter(x, f(x), c='red', s=15)
    g = 2 * x
    x = x - lr * g
    print(f"step {step+1}: x={x:.4f}  f={f(x):.4f}")

plt.scatter(x, f(x), c='red', s=15, label='iterates')
plt.legend()
plt.title('gradient descent steps going down the parabola')
plt.show()''',
]

T1["sympy"] = [
r'''import sympy as sp
import numpy as np
import matplotlib.pyplot as plt

x_sym = sp.symbols('x')
f_expr = x_sym**2 + 4
df_expr = sp.diff(f_expr, x_sym)
print("f(x) =", f_expr, "   f'(x) =", df_expr)

f = sp.lambdify(x_sym, f_expr, 'numpy')
df = sp.lambdify(x_sym, df_expr, 'numpy')''',
r'''x = @X0@
lr = @LR@
f_values = []
for i in range(@N@):
    f_values.append(f(x))
    x = x - lr * df(x)
f_values.append(f(x))
print("final x =", x)''',
r'''grid = np.linspace(-11, 11, 200)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
ax1.plot(grid, f(grid)); ax1.set_title("f(x)")
ax2.plot(f_values, marker='.'); ax2.set_title("f(x_k) vs k"); ax2.set_xlabel("k")
plt.show()''',
]

T1["class_gd"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

class GradientDescent1D:
    def __init__(self, func, deriv, lr=0.1):
        self.func = func
        self.deriv = deriv
        self.lr = lr
        self.history = []

    def run(self, x0, n_iter):
        x = x0
        self.history = [(x, self.func(x))]
        for _ in range(n_iter):
            x = x - self.lr * self.deriv(x)
            self.history.append((x, self.func(x)))
        return x

gd = GradientDescent1D(lambda x: x**2 + 4, lambda x: 2*x, lr=@LR@)
x_min = gd.run(@X0@, @N@)
print(f"minimum found at x = {x_min:.6f}, f = {x_min**2 + 4:.6f}")''',
r'''hist = np.array(gd.history)
plt.plot(hist[:, 1], 'b-o', markersize=3)
plt.title("f(x) over gradient descent iterations")
plt.xlabel("iteration"); plt.ylabel("f(x)")
plt.grid(alpha=0.3)
plt.show()''',
]

T1["x_and_f_subplots"] = [
r'''import matplotlib.pyplot as plt

def f(x): return x**2 + 4
def grad(x): return 2*x

x = @X0@
lr = @LR@
iters = @N@
x_vals, f_vals = [x], [f(x)]
for _ in range(iters):
    x = x - lr*grad(x)
    x_vals.append(x)
    f_vals.append(f(x))
print("last x:", x_vals[-1], "last f:", f_vals[-1])''',
r'''fig, ax = plt.subplots(2, 1, figsize=(6, 7), sharex=True)
ax[0].plot(x_vals, 'o-')
ax[0].set_ylabel('x')
ax[0].set_title('x over iterations')
ax[1].plot(f_vals, 'o-', color='orange')
ax[1].set_ylabel('f(x)')
ax[1].set_xlabel('iteration')
ax[1].set_title('f(x) over iterations')
plt.show()''',
]

T1["terse"] = [
r'''import matplotlib.pyplot as plt
x, lr = @X0@, @LR@
vals = []
for i in range(@N@):
    vals.append(x**2 + 4)
    x -= lr * 2*x       # grad = 2x
vals.append(x**2 + 4)
print(vals[-1])
plt.plot(vals)
plt.xlabel('iter'); plt.ylabel('f')
plt.show()''',
]

T1["dict_history_oo"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def f(x):
    """f(x) = x^2 + 4, minimum at x = 0 with f = 4"""
    return x**2 + 4

def df(x):
    return 2 * x

hist = {"x": [], "f": [], "grad": []}
x = @X0@
eta = @LR@
for step in range(@N@):
    g = df(x)
    hist["x"].append(x); hist["f"].append(f(x)); hist["grad"].append(g)
    x = x - eta * g
hist["x"].append(x); hist["f"].append(f(x)); hist["grad"].append(df(x))

print("last 3 f values:", hist["f"][-3:])''',
r'''fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(hist["f"], label="f(x)")
ax.axhline(4, color="gray", ls="--", label="true minimum f=4")
ax.set_xlabel("iteration")
ax.set_ylabel("f(x)")
ax.legend()
ax.set_title("Gradient descent progress")
plt.show()''',
]

T1["compare_lrs"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def run_gd(x0, lr, n):
    x = x0
    out = [f(x)]
    for _ in range(n):
        x = x - lr * 2 * x   # grad of x^2+4 is 2x
        out.append(f(x))
    return np.array(out)

x_start = @X0@
n = @N@
main_lr = @LR@
fvals = run_gd(x_start, main_lr, n)
print(f"lr={main_lr}: f went from {fvals[0]:.2f} to {fvals[-1]:.4f}")''',
r'''# compare a few learning rates
for lr in [0.01, 0.05, main_lr]:
    plt.plot(run_gd(x_start, lr, n), label=f"lr = {lr}")
plt.xlabel("iteration")
plt.ylabel("f(x)")
plt.legend()
plt.title("f(x) = x^2 + 4, gradient descent from x = %s" % x_start)
plt.show()''',
]

T1["delta_tol"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x ** 2 + 4
fprime = lambda x: 2 * x

x_old = @X0@
lr = @LR@
tol = 1e-8
xs = [x_old]
while True:
    x_new = x_old - lr * fprime(x_old)
    xs.append(x_new)
    if abs(x_new - x_old) < tol or len(xs) > 5000:
        break
    x_old = x_new
xs = np.array(xs)
print(f"{len(xs)-1} iterations, x* ≈ {xs[-1]:.3e}")''',
r'''plt.figure()
plt.plot(f(xs), 'x-')
plt.xlabel('iteration'); plt.ylabel('f(x)')
plt.title('Gradient descent: f(x) decreasing to 4')
plt.show()''',
]

T1["generator"] = [
r'''import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def gd_steps(x, lr):
    # infinite generator of gradient descent iterates
    while True:
        yield x
        x = x - lr * (2 * x)

points = []
for i, xi in enumerate(gd_steps(@X0@, @LR@)):
    points.append(xi)
    if i == @N@:
        break
fs = list(map(f, points))
print("f values:", [round(v, 3) for v in fs[:8]], "...")''',
r'''plt.plot(fs, 'o-', label='f(x_k)')
plt.legend(); plt.xlabel('k'); plt.title('descent of f')
plt.show()''',
]

T1["annotated_path"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def df(x):
    return 2*x

x = @X0@
lr = @LR@
path = [x]
for i in range(@N@):
    x = x - lr*df(x)
    path.append(x)
path = np.array(path)''',
r'''X = np.linspace(-abs(path[0]) * 1.2, abs(path[0]) * 1.2, 300)
plt.figure(figsize=(8, 5))
plt.plot(X, f(X), color='steelblue', label='f(x) = x^2 + 4')
plt.plot(path, f(path), 'o', color='crimson', label='iterates')
for a, b in zip(path[:-1], path[1:]):
    plt.annotate('', xy=(b, f(b)), xytext=(a, f(a)),
                 arrowprops=dict(arrowstyle='->', color='gray', lw=0.8))
plt.legend()
plt.title('Gradient descent path')
plt.show()

plt.plot(f(path))
plt.xlabel('iteration'); plt.ylabel('f(x)')
plt.title('f(x) vs iteration')
plt.show()''',
]

T1["bar_chart"] = [
r'''import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

x = @X0@
lr = @LR@
num_iters = @N@
f_list = []
for it in range(num_iters):
    grad = 2 * x
    x = x - lr * grad
    f_list.append(f(x))
    print("Iteration", it + 1, "x =", round(x, 5), "f(x) =", round(f(x), 5))

plt.bar(range(1, num_iters + 1), f_list, color='teal')
plt.xlabel('Iteration')
plt.ylabel('f(x)')
plt.title('f(x) after each gradient step')
plt.show()''',
]

T1["ggplot_two_figs"] = [
r'''import numpy as np
import matplotlib.pyplot as plt
plt.style.use('ggplot')

# ---- the function ----
def f(x):
    return x**2 + 4
xgrid = np.linspace(-10, 10, 200)
plt.plot(xgrid, f(xgrid))
plt.title("f(x) = x² + 4")
plt.xlabel("x"); plt.ylabel("f(x)")
plt.show()''',
r'''# ---- gradient descent ----
x = @X0@
lr = @LR@
steps = @N@
f_hist = [f(x)]
for s in range(steps):
    dfdx = 2*x
    x = x - lr*dfdx
    f_hist.append(f(x))
print(f'x = {x:.5f} after {steps} steps')''',
r'''plt.plot(np.arange(len(f_hist)), f_hist, marker='o', markersize=3)
plt.title("f(x) decreasing over iterations")
plt.xlabel("iteration"); plt.ylabel("f(x)")
plt.show()''',
]

T1["scatter_colormap"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return np.square(x) + 4

x = float(@X0@)
lr = @LR@
n = @N@
xs = np.empty(n + 1); xs[0] = x
for i in range(1, n + 1):
    x = x - lr * 2 * x
    xs[i] = x''',
r'''grid = np.linspace(min(xs.min(), -1) - 1, max(xs.max(), 1) + 1, 250)
plt.plot(grid, f(grid), 'k', lw=1)
sc = plt.scatter(xs, f(xs), c=np.arange(n + 1), cmap='viridis', zorder=3)
plt.colorbar(sc, label='iteration')
plt.title('GD iterates coloured by iteration')
plt.show()''',
r'''plt.scatter(np.arange(n + 1), f(xs), s=12)
plt.xlabel('iteration'); plt.ylabel('f(x)')
plt.title('f(x) at each iteration')
plt.show()''',
]

T1["semilogy_f"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def grad(x):
    return 2*x

x = @X0@
lr = @LR@
fx = []
for k in range(@N@ + 1):
    fx.append(f(x))
    x = x - lr*grad(x)

plt.semilogy(fx, '.-')
plt.xlabel('iteration')
plt.ylabel('f(x) (log scale)')
plt.title('f(x) vs iterations')
plt.show()
print(f"f(x) at the end: {fx[-1]:.6f}")''',
]

T1["manual_first_steps"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def df(x):
    return 2*x   # d/dx (x^2 + 4)

lr = @LR@
x = @X0@
# first two steps by hand to see what happens
g = df(x); x1 = x - lr*g
print(f"x0 = {x}, grad = {g}, x1 = {x1}, f(x1) = {f(x1)}")
g = df(x1); x2 = x1 - lr*g
print(f"x1 = {x1}, grad = {g}, x2 = {x2}, f(x2) = {f(x2)}")''',
r'''# now the loop
x = @X0@
xs, ys = [x], [f(x)]
for i in range(@N@):
    x = x - lr*df(x)
    xs.append(x); ys.append(f(x))

curve = np.linspace(-abs(xs[0]), abs(xs[0]), 100)
plt.plot(curve, f(curve), label='f(x)')
plt.plot(xs, ys, 'o--', label='gradient descent')
plt.xlabel('x'); plt.ylabel('f(x)')
plt.legend()
plt.show()

plt.plot(ys, 'o-')
plt.xlabel('iteration'); plt.ylabel('f(x)')
plt.title('f(x) goes down')
plt.show()''',
]

# ---------------- variants used only for mistaken notebooks ----------------

T1["print_only_noplot"] = [
r'''import numpy as np

def f(x):
    return x**2 + 4

def df(x):
    return 2 * x

x = @X0@
lr = @LR@
print(f"{'iter':>4} {'x':>10} {'f(x)':>10}")
for i in range(@N@):
    x = x - lr * df(x)
    print(f"{i+1:>4} {x:>10.4f} {f(x):>10.4f}")
print("f(x) decreases towards the minimum 4 at x = 0")''',
]

T1["parabola_only"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

xs = np.linspace(-10, 10, 200)
plt.plot(xs, f(xs))
plt.title("f(x) = x^2 + 4")
plt.xlabel("x")
plt.ylabel("f(x)")
plt.grid()
plt.show()''',
r'''# gradient descent
x = @X0@
lr = @LR@
for i in range(@N@):
    grad = 2 * x
    x = x - lr * grad
    print(f"iteration {i+1}: x = {x:.4f}, f(x) = {f(x):.4f}")''',
]
