#!/usr/bin/env python3
"""Generator for blind corpus 2: simulated student submissions for the
"Simulating Gradient Descent and Backpropagation" assignment.

Usage:  python make.py
Writes honest/*.ipynb, mistaken/*.ipynb (unexecuted, no outputs) and, only if
it does not exist yet, grades.json.  If grades.json already exists it is never
rewritten; the script only checks that the notebook list still matches it.
"""
import json
import os
import textwrap

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = os.path.dirname(os.path.abspath(__file__))

QUIZ = """## Analytical Quiz

1. What is the role of the learning rate in gradient descent?
2. What can happen if the learning rate is too large? Too small?
3. Why do we move in the direction of the *negative* gradient?
4. Does gradient descent always find the global minimum? When is it guaranteed to?
5. How does backpropagation use the chain rule to compute gradients of the weights?"""

ASSIGN = "# Assignment"

T1_MD = """### Task 1: Visualize Gradient Descent
- Plot the function `f(x) = x² + 4` and simulate one-variable gradient descent.
- Use a starting point like `x = 10`.
- At each step, update `x = x - learning_rate * gradient`.
- Visualize how the function value decreases over iterations."""

T2_MD = """### Task 2: Manual Backpropagation (2-layer NN)
- Implement a simple neural network with 1 hidden layer (no libraries).
- Input: x = 1.0, weight1 = 0.5, weight2 = -1.0, learning rate = 0.1
- Target output: 0.5
- Use sigmoid as activation and MSE as the loss function
- Manually compute forward pass, gradients, and one update step"""

ENTRIES = []


def d(s):
    """dedent + strip a code/markdown block"""
    return textwrap.dedent(s).strip("\n")


def student(file, cells, task1, task2, mistake=None, twm=None, note="", style=""):
    ENTRIES.append(dict(file=file, cells=cells, grade=dict(
        file=file, task1=task1, task2=task2, mistake=mistake,
        task_with_mistake=twm, ta_note=note, style=style)))


def std(t1, t2, pre=(), mid=(), post=(), comment=True, t1_md=T1_MD, t2_md=T2_MD):
    """The handed-out layout: quiz, '# Assignment', Task 1 md + code, Task 2 md + code."""
    p = "# Your code here\n" if comment else ""
    cells = [("md", QUIZ)] + list(pre) + [("md", ASSIGN)]
    if t1_md:
        cells.append(("md", t1_md))
    cells.append(("code", p + d(t1)))
    cells += list(mid)
    if t2_md:
        cells.append(("md", t2_md))
    cells.append(("code", p + d(t2)))
    cells += list(post)
    return cells


def H(name, *a, **k):
    student("honest/" + name + ".ipynb", *a, task1="full", task2="full", **k)


def M(name, cells, twm, mistake, note, style):
    student("mistaken/" + name + ".ipynb", cells,
            task1="partial" if twm == 1 else "full",
            task2="partial" if twm == 2 else "full",
            mistake=mistake, twm=twm, note=note, style=style)

# =====================================================================
# HONEST SUBMISSIONS (both tasks correct)
# =====================================================================

# ---- h01: textbook loop, two plain plots; scalar backprop, sigmoid both layers, (y-t)^2
H("h01_textbook_loop", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def grad_f(x):
    return 2 * x

x = 10
learning_rate = 0.1
n_steps = 25

x_values = [x]
f_values = [f(x)]
for i in range(n_steps):
    gradient = grad_f(x)
    x = x - learning_rate * gradient
    x_values.append(x)
    f_values.append(f(x))

xs = np.linspace(-11, 11, 200)
plt.figure(figsize=(7, 4))
plt.plot(xs, f(xs), label='f(x) = x^2 + 4')
plt.plot(x_values, f_values, 'ro-', label='gradient descent steps')
plt.xlabel('x')
plt.ylabel('f(x)')
plt.title('Gradient descent on f(x)')
plt.legend()
plt.show()

plt.figure(figsize=(7, 4))
plt.plot(range(n_steps + 1), f_values, marker='o')
plt.xlabel('iteration')
plt.ylabel('f(x)')
plt.title('Function value over iterations')
plt.grid(True)
plt.show()

print("final x:", x, " final f(x):", f(x))
''', r'''
import math

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

# forward pass
z1 = w1 * x
h = sigmoid(z1)
z2 = w2 * h
y = sigmoid(z2)
loss = (y - target) ** 2
print("hidden h =", h)
print("output y =", y)
print("loss =", loss)

# backward pass (chain rule)
dL_dy = 2 * (y - target)
dy_dz2 = y * (1 - y)
dL_dz2 = dL_dy * dy_dz2
dL_dw2 = dL_dz2 * h
dL_dh = dL_dz2 * w2
dh_dz1 = h * (1 - h)
dL_dz1 = dL_dh * dh_dz1
dL_dw1 = dL_dz1 * x
print("dL/dw1 =", dL_dw1)
print("dL/dw2 =", dL_dw2)

# update
w1 = w1 - lr * dL_dw1
w2 = w2 - lr * dL_dw2
print("new w1 =", w1)
print("new w2 =", w2)
'''), note="Clean reference-style solution: lr=0.1, 25 steps, parabola+path and f vs iteration; backprop with sigmoid on both layers, L=(y-t)^2.",
  style="plain for loop, pyplot state API, scalar math backprop")

# ---- h02: while loop with tolerance; semilogy of f-4; 0.5*MSE with forward/backward functions
H("h02_while_tolerance", std(r'''
import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4
df = lambda x: 2 * x

x = 10.0
lr = 0.2
tol = 1e-6
max_iter = 1000

history = [(0, x, f(x))]
it = 0
while abs(df(x)) > tol and it < max_iter:
    x -= lr * df(x)
    it += 1
    history.append((it, x, f(x)))
print(f"Stopped after {it} iterations: x = {x:.2e}, f(x) = {f(x):.8f}")

its = [h[0] for h in history]
xs_hist = [h[1] for h in history]
fs = np.array([h[2] for h in history])

grid = np.linspace(-10, 10, 400)
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
axes[0].plot(grid, f(grid), 'k-', label='f(x)')
sc = axes[0].scatter(xs_hist, fs, c=its, cmap='viridis', zorder=3, label='iterates')
fig.colorbar(sc, ax=axes[0], label='iteration')
axes[0].set_title('f(x) = x^2 + 4 and the GD iterates')
axes[0].legend()
axes[1].semilogy(its, fs - 4, 'b.-')
axes[1].set_xlabel('iteration')
axes[1].set_ylabel('f(x) - f(x*)   (log scale)')
axes[1].set_title('Function value decreasing towards the minimum 4')
plt.tight_layout()
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))

def forward(x, w1, w2):
    z1 = w1 * x
    a1 = sigmoid(z1)
    z2 = w2 * a1
    a2 = sigmoid(z2)
    return z1, a1, z2, a2

def backward(x, t, w1, w2, cache):
    z1, a1, z2, a2 = cache
    # L = 1/2 (a2 - t)^2  ->  dL/da2 = (a2 - t)
    delta2 = (a2 - t) * a2 * (1 - a2)
    dw2 = delta2 * a1
    delta1 = delta2 * w2 * a1 * (1 - a1)
    dw1 = delta1 * x
    return dw1, dw2

x, t = 1.0, 0.5
w1, w2 = 0.5, -1.0
eta = 0.1

cache = forward(x, w1, w2)
loss = 0.5 * (cache[3] - t) ** 2
print("forward: z1=%.5f a1=%.5f z2=%.5f a2=%.5f  loss=%.6f" % (*cache, loss))

dw1, dw2 = backward(x, t, w1, w2, cache)
print("gradients: dL/dw1=%.6f dL/dw2=%.6f" % (dw1, dw2))

w1 -= eta * dw1
w2 -= eta * dw2
print("after one step: w1=%.6f w2=%.6f" % (w1, w2))
print("new loss:", 0.5 * (forward(x, w1, w2)[3] - t) ** 2)
'''), note="while loop stopping on |grad|<tol, lr=0.2; f-f* on semilogy plus parabola; 0.5*MSE used consistently.",
  style="lambdas, while+tolerance, subplots with colorbar, forward/backward functions")

# ---- h03: recursion, fig/ax side by side; backprop with math + many comments
H("h03_recursive", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x ** 2 + 4

def gradient_descent(x, lr, steps, path=None):
    """Recursive gradient descent, returns the list of visited x values."""
    if path is None:
        path = [x]
    if steps == 0:
        return path
    x_new = x - lr * (2 * x)          # gradient of x^2 + 4 is 2x
    path.append(x_new)
    return gradient_descent(x_new, lr, steps - 1, path)

path = gradient_descent(10, 0.05, 40)
f_vals = [f(p) for p in path]

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
xx = np.linspace(-12, 12, 300)
ax1.plot(xx, f(xx), color='gray')
ax1.plot(path, f_vals, 'o--', color='tab:red', markersize=4)
ax1.set(xlabel='x', ylabel='f(x)', title='Path on the parabola')

ax2.plot(f_vals, color='tab:blue')
ax2.set(xlabel='step', ylabel='f(x)', title='f(x) after each step')
fig.tight_layout()
plt.show()
''', r'''
from math import exp

inp = 1.0
weight1, weight2 = 0.5, -1.0
learning_rate = 0.1
target = 0.5

sig = lambda v: 1 / (1 + exp(-v))

# ---------- forward ----------
hidden_in = weight1 * inp
hidden_out = sig(hidden_in)
output_in = weight2 * hidden_out
output = sig(output_in)
error = (output - target) ** 2          # MSE with a single sample
print(f"hidden output: {hidden_out:.4f}, network output: {output:.4f}, MSE: {error:.5f}")

# ---------- backward ----------
# dE/dw2 = dE/dout * dout/dnet2 * dnet2/dw2
grad_out = 2 * (output - target) * output * (1 - output)
grad_w2 = grad_out * hidden_out
# dE/dw1 = grad_out * w2 * sigma'(net1) * x
grad_w1 = grad_out * weight2 * hidden_out * (1 - hidden_out) * inp
print(f"dE/dw1 = {grad_w1:.6f}, dE/dw2 = {grad_w2:.6f}")

# ---------- update ----------
weight1 -= learning_rate * grad_w1
weight2 -= learning_rate * grad_w2
print(f"updated weights: w1 = {weight1:.6f}, w2 = {weight2:.6f}")
'''), note="Recursive GD (lr=0.05, 40 steps). Correct backprop with (y-t)^2.",
  style="recursion, fig/ax API, f-strings")

# ---- h04: generator + pandas DataFrame.plot; dict-based params
H("h04_generator_pandas", std(r'''
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def grad(x):
    return 2*x

def gd_steps(x0, lr, n):
    x = x0
    for k in range(n + 1):
        yield k, x, f(x)
        x = x - lr * grad(x)

df = pd.DataFrame(gd_steps(10, 0.15, 30), columns=['step', 'x', 'f'])
print(df.head(10))

xs = np.linspace(-10, 10, 201)
ax = pd.DataFrame({'x': xs, 'f(x)': f(xs)}).plot(x='x', y='f(x)', title='f(x) = x² + 4', figsize=(6, 4))
df.plot.scatter(x='x', y='f', ax=ax, color='red')
plt.show()

df.plot(x='step', y='f', marker='o', title='f(x) during gradient descent', figsize=(6, 4), legend=False)
plt.ylabel('f(x)')
plt.show()
''', r'''
import math

params = {'w1': 0.5, 'w2': -1.0}
x = 1.0
target = 0.5
lr = 0.1

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

def forward(p, x):
    cache = {}
    cache['z1'] = p['w1'] * x
    cache['h'] = sigmoid(cache['z1'])
    cache['z2'] = p['w2'] * cache['h']
    cache['y'] = sigmoid(cache['z2'])
    return cache

c = forward(params, x)
loss = (c['y'] - target) ** 2
print('forward:', {k: round(v, 5) for k, v in c.items()}, 'loss:', round(loss, 6))

grads = {}
dy = 2 * (c['y'] - target)
dz2 = dy * c['y'] * (1 - c['y'])
grads['w2'] = dz2 * c['h']
dh = dz2 * params['w2']
dz1 = dh * c['h'] * (1 - c['h'])
grads['w1'] = dz1 * x
print('grads:', grads)

for k in params:
    params[k] -= lr * grads[k]
print('updated params:', params)
'''), note="Generator + pandas (lr=0.15, 30 steps); dict-based params/cache; correct.",
  style="generator/yield, pandas DataFrame.plot, dict params")

# ---- h05: numpy preallocated arrays, closed-form check; 1x1 numpy arrays
H("h05_numpy_arrays", std(r'''
import numpy as np
import matplotlib.pyplot as plt

n_iter = 30
lr = 0.1
xs = np.empty(n_iter + 1)
xs[0] = 10.0
for k in range(n_iter):
    xs[k + 1] = xs[k] - lr * 2 * xs[k]

fs = xs**2 + 4
# sanity check against the closed form x_k = x_0 (1 - 2 lr)^k
assert np.allclose(xs, 10 * (1 - 2 * lr) ** np.arange(n_iter + 1))

grid = np.linspace(-10, 10, 500)
fig, ax = plt.subplots(1, 2, figsize=(12, 4))
ax[0].plot(grid, grid**2 + 4, lw=2)
ax[0].plot(xs, fs, 'x', color='crimson', ms=8)
ax[0].set_title(r'$f(x)=x^2+4$ with iterates')
ax[1].plot(np.arange(n_iter + 1), fs, '-o', ms=3)
ax[1].axhline(4, ls='--', c='k', label='minimum value 4')
ax[1].set_xlabel('iteration'); ax[1].set_ylabel('f(x)')
ax[1].legend()
plt.show()
print(np.round(fs[:8], 4))
''', r'''
import numpy as np

X = np.array([[1.0]])
W1 = np.array([[0.5]])
W2 = np.array([[-1.0]])
T = np.array([[0.5]])
lr = 0.1

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# forward
Z1 = W1 @ X
A1 = sigmoid(Z1)
Z2 = W2 @ A1
A2 = sigmoid(Z2)
L = np.mean((A2 - T) ** 2)
print("A1 =", A1, "A2 =", A2, "L =", L)

# backward
dA2 = 2 * (A2 - T) / A2.size
dZ2 = dA2 * A2 * (1 - A2)
dW2 = dZ2 @ A1.T
dA1 = W2.T @ dZ2
dZ1 = dA1 * A1 * (1 - A1)
dW1 = dZ1 @ X.T
print("dW1 =", dW1, "dW2 =", dW2)

W1 = W1 - lr * dW1
W2 = W2 - lr * dW2
print("W1 =", W1, "W2 =", W2)
'''), note="Vectorised bookkeeping with closed-form assert; 1x1 matrices in Task 2, np.mean MSE (=(y-t)^2 here). Correct.",
  style="numpy arrays everywhere, matrix notation with @")

# ---- h06: class-based GD; tiny Layer class
H("h06_classes", std(r'''
import numpy as np
import matplotlib.pyplot as plt


class Quadratic:
    """f(x) = x^2 + 4"""
    def __call__(self, x):
        return x ** 2 + 4

    def grad(self, x):
        return 2 * x


class GradientDescent:
    def __init__(self, func, lr=0.1):
        self.func = func
        self.lr = lr
        self.history = []

    def run(self, x0, n_steps=20):
        x = x0
        self.history = [(x, self.func(x))]
        for _ in range(n_steps):
            x = x - self.lr * self.func.grad(x)
            self.history.append((x, self.func(x)))
        return x


fq = Quadratic()
opt = GradientDescent(fq, lr=0.1)
x_final = opt.run(10, n_steps=20)
print("x after 20 steps:", x_final)

hx, hf = zip(*opt.history)
fig, axs = plt.subplots(1, 2, figsize=(12, 4))
grid = np.linspace(-10, 10, 200)
axs[0].plot(grid, fq(grid))
axs[0].plot(hx, hf, 'o-', color='orange')
axs[0].set_title('Function and descent path')
axs[1].plot(range(len(hf)), hf)
axs[1].set_title('f(x) per iteration')
axs[1].set_xlabel('iteration')
plt.show()
''', r'''
import math


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


class SigmoidNeuron:
    """one weight, no bias, sigmoid activation"""
    def __init__(self, w):
        self.w = w

    def forward(self, a_in):
        self.a_in = a_in
        self.out = sigmoid(self.w * a_in)
        return self.out

    def backward(self, grad_out):
        dz = grad_out * self.out * (1 - self.out)
        self.dw = dz * self.a_in
        return dz * self.w          # gradient w.r.t. the input of this neuron

    def step(self, lr):
        self.w -= lr * self.dw


hidden = SigmoidNeuron(0.5)
output = SigmoidNeuron(-1.0)
x, target, lr = 1.0, 0.5, 0.1

y = output.forward(hidden.forward(x))
loss = (y - target) ** 2
print(f"y = {y:.6f}, loss = {loss:.6f}")

g = output.backward(2 * (y - target))
hidden.backward(g)
print(f"dL/dw1 = {hidden.dw:.6f}, dL/dw2 = {output.dw:.6f}")

hidden.step(lr)
output.step(lr)
print(f"w1 = {hidden.w:.6f}, w2 = {output.w:.6f}")
'''), note="OOP on both tasks; backward through output uses old w2 before step (correct order).",
  style="classes, zip(*history), Layer/neuron class")

# ---- h07: closures; merged-in markdown answers to the quiz
H("h07_closures", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def make_gd(grad, lr):
    def step(x):
        return x - lr * grad(x)
    return step

f = lambda x: x**2 + 4
step = make_gd(lambda x: 2*x, lr=0.25)

x = 10.0
xs = [x]
for _ in range(12):
    x = step(x)
    xs.append(x)
xs = np.array(xs)

plt.figure(figsize=(6, 4))
t = np.linspace(-10, 10, 100)
plt.plot(t, f(t), label='f')
plt.scatter(xs, f(xs), color='k', zorder=5, label='GD iterates')
plt.legend(); plt.title('f(x) = x^2 + 4')
plt.show()

plt.figure(figsize=(6, 4))
plt.plot(f(xs), 's-')
plt.xlabel('iteration'); plt.ylabel('f(x)')
plt.title('decrease of f')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

def make_net(w1, w2):
    params = [w1, w2]
    def forward(x):
        h = sigmoid(params[0] * x)
        y = sigmoid(params[1] * h)
        return h, y
    def train_step(x, t, lr):
        h, y = forward(x)
        loss = (y - t) ** 2
        d_out = 2 * (y - t) * y * (1 - y)
        g2 = d_out * h
        g1 = d_out * params[1] * h * (1 - h) * x
        params[0] -= lr * g1
        params[1] -= lr * g2
        return loss, g1, g2
    return forward, train_step, params

forward, train_step, params = make_net(0.5, -1.0)
h, y = forward(1.0)
print("forward pass: h =", h, " y =", y)
loss, g1, g2 = train_step(1.0, 0.5, 0.1)
print("loss before update:", loss)
print("gradients:", g1, g2)
print("weights after one update:", params)
''', pre=[("md", d('''
**My answers**
1. It scales the step size.
2. Too large: overshoot / diverge. Too small: very slow.
3. Because the gradient points to steepest ascent, so minus gradient goes down.
4. No, only for convex functions (with a good learning rate) it finds the global minimum.
5. It multiplies local derivatives layer by layer from the output back to the input.'''))]),
  note="Closures for the GD step and the network; quiz answered. lr=0.25, 12 steps. Correct.",
  style="closures, quiz answered in markdown")

# ---- h08: functools.reduce; function returning dict, 0.5*MSE
H("h08_reduce", std(r'''
from functools import reduce
import numpy as np
import matplotlib.pyplot as plt

lr = 0.1
steps = 20
f = lambda x: x**2 + 4
trajectory = reduce(lambda acc, _: acc + [acc[-1] - lr * 2 * acc[-1]], range(steps), [10.0])
values = list(map(f, trajectory))

for i, (xv, fv) in enumerate(zip(trajectory, values)):
    if i % 5 == 0:
        print(f"iter {i:2d}: x = {xv:8.4f}  f = {fv:8.4f}")

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(range(steps + 1), values, 'g-o')
ax.set_xlabel('iteration')
ax.set_ylabel('f(x)')
ax.set_title('Gradient descent: f(x) vs iteration')
plt.show()

fig, ax = plt.subplots(figsize=(6, 4))
grid = np.linspace(-10, 10, 300)
ax.plot(grid, f(grid))
ax.plot(trajectory, values, 'g.')
ax.set_title('the function f(x) = x^2 + 4')
plt.show()
''', r'''
import math

def one_step(x, t, w1, w2, lr):
    s = lambda z: 1 / (1 + math.exp(-z))
    h = s(w1 * x)
    y = s(w2 * h)
    loss = 0.5 * (y - t) ** 2          # MSE with the 1/2 convention
    dy = y - t
    dz2 = dy * y * (1 - y)
    dw2 = dz2 * h
    dz1 = dz2 * w2 * h * (1 - h)
    dw1 = dz1 * x
    return {
        'h': h, 'y': y, 'loss': loss,
        'dw1': dw1, 'dw2': dw2,
        'w1_new': w1 - lr * dw1, 'w2_new': w2 - lr * dw2,
    }

res = one_step(1.0, 0.5, 0.5, -1.0, 0.1)
for k, v in res.items():
    print(f"{k:>7}: {v: .6f}")
'''), note="reduce builds trajectory; Task 2 is a pure function returning a dict, 0.5*(y-t)^2 with dL/dy=(y-t): consistent.",
  style="functools.reduce, map, function returning dict")

# ---- h09: walrus list comprehension; German variable names
H("h09_walrus_german", std(r'''
import numpy as np
import matplotlib.pyplot as plt

lernrate = 0.1
x = 10.0
# Liste aller x-Werte (Startwert + 25 Schritte)
x_werte = [x] + [x := x - lernrate * 2 * x for _ in range(25)]
f_werte = [xi**2 + 4 for xi in x_werte]

achse = np.linspace(-10, 10, 200)
plt.plot(achse, achse**2 + 4, label='f(x) = x² + 4')
plt.plot(x_werte, f_werte, 'o', label='Schritte')
plt.legend()
plt.title('Funktion und Gradientenabstieg')
plt.show()

plt.plot(f_werte)
plt.xlabel('Iteration')
plt.ylabel('f(x)')
plt.title('Funktionswert pro Iteration')
plt.show()
''', r'''
import math

eingabe = 1.0
gewicht1 = 0.5
gewicht2 = -1.0
lernrate = 0.1
ziel = 0.5

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

# Vorwaertsdurchlauf
versteckt = sigmoid(gewicht1 * eingabe)
ausgabe = sigmoid(gewicht2 * versteckt)
verlust = (ausgabe - ziel) ** 2
print("versteckt:", versteckt, "ausgabe:", ausgabe, "verlust:", verlust)

# Rueckwaertsdurchlauf
fehler_ausgabe = 2 * (ausgabe - ziel) * ausgabe * (1 - ausgabe)
gradient_gewicht2 = fehler_ausgabe * versteckt
fehler_versteckt = fehler_ausgabe * gewicht2 * versteckt * (1 - versteckt)
gradient_gewicht1 = fehler_versteckt * eingabe
print("Gradienten:", gradient_gewicht1, gradient_gewicht2)

# Aktualisierung
gewicht1 = gewicht1 - lernrate * gradient_gewicht1
gewicht2 = gewicht2 - lernrate * gradient_gewicht2
print("neue Gewichte:", gewicht1, gewicht2)
''', comment=False), note="Walrus-in-list-comprehension descent, German identifiers. Correct.",
  style="list comprehension with :=, German names")

# ---- h10: French everything, lr 0.05 60 steps
H("h10_french", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def fonction(x):
    return x**2 + 4

def derivee(x):
    return 2*x

taux_apprentissage = 0.05
x = 10
nb_iterations = 60
valeurs = []
positions = []
for i in range(nb_iterations):
    positions.append(x)
    valeurs.append(fonction(x))
    x = x - taux_apprentissage * derivee(x)   # mise a jour
positions.append(x)
valeurs.append(fonction(x))

abscisses = np.linspace(-10, 10, 300)
plt.figure(figsize=(12, 4))
plt.subplot(1, 2, 1)
plt.plot(abscisses, fonction(abscisses), 'b')
plt.plot(positions, valeurs, 'r.')
plt.title("La fonction f(x) = x² + 4")
plt.subplot(1, 2, 2)
plt.plot(valeurs, 'r')
plt.xlabel("itération")
plt.ylabel("f(x)")
plt.title("Décroissance de f au cours des itérations")
plt.show()
print("valeur finale :", valeurs[-1])
''', r'''
import math

entree = 1.0
poids1 = 0.5
poids2 = -1.0
taux_apprentissage = 0.1
cible = 0.5

def sigmoide(z):
    return 1 / (1 + math.exp(-z))

# propagation avant
cachee = sigmoide(poids1 * entree)
sortie = sigmoide(poids2 * cachee)
perte = (sortie - cible) ** 2
print("couche cachée :", round(cachee, 5), "| sortie :", round(sortie, 5), "| perte :", round(perte, 6))

# rétropropagation
d_perte_d_sortie = 2 * (sortie - cible)
d_sortie_d_z2 = sortie * (1 - sortie)
grad_poids2 = d_perte_d_sortie * d_sortie_d_z2 * cachee
grad_poids1 = d_perte_d_sortie * d_sortie_d_z2 * poids2 * cachee * (1 - cachee) * entree
print("gradients :", grad_poids1, grad_poids2)

# mise à jour
poids1 -= taux_apprentissage * grad_poids1
poids2 -= taux_apprentissage * grad_poids2
print("nouveaux poids :", poids1, poids2)
''', mid=[("md", "Le gradient de $f$ est $f'(x) = 2x$, donc la mise à jour est $x \\leftarrow x - \\eta \\cdot 2x$.")]),
  note="French identifiers/markdown; lr=0.05, 60 steps, subplot of parabola and f vs iteration. Correct.",
  style="French names, plt.subplot state API")

# ---- h11: Spanish, dataclass, annotated arrows
H("h11_spanish_dataclass", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

tasa_aprendizaje = 0.3
x_actual = 10.0
puntos = [x_actual]
for paso in range(10):
    gradiente = 2 * x_actual
    x_actual = x_actual - tasa_aprendizaje * gradiente
    puntos.append(x_actual)

valores = [f(p) for p in puntos]

fig, ax = plt.subplots(figsize=(7, 5))
dominio = np.linspace(-10.5, 10.5, 400)
ax.plot(dominio, f(dominio), color='navy')
for a, b in zip(puntos[:-1], puntos[1:]):
    ax.annotate('', xy=(b, f(b)), xytext=(a, f(a)),
                arrowprops=dict(arrowstyle='->', color='red'))
ax.set_title('Descenso de gradiente sobre f(x) = x² + 4')
plt.show()

fig, ax = plt.subplots(figsize=(7, 3))
ax.plot(valores, marker='o')
ax.set_xlabel('iteración')
ax.set_ylabel('f(x)')
ax.set_title('Valor de la función en cada iteración')
plt.show()
''', r'''
import math
from dataclasses import dataclass


@dataclass
class RedNeuronal:
    peso_1: float = 0.5
    peso_2: float = -1.0

    @staticmethod
    def sigmoide(z):
        return 1 / (1 + math.exp(-z))

    def adelante(self, entrada):
        self.oculta = self.sigmoide(self.peso_1 * entrada)
        self.salida = self.sigmoide(self.peso_2 * self.oculta)
        return self.salida

    def atras(self, entrada, objetivo, tasa):
        # perdida = (salida - objetivo)^2
        delta_salida = 2 * (self.salida - objetivo) * self.salida * (1 - self.salida)
        grad_peso_2 = delta_salida * self.oculta
        delta_oculta = delta_salida * self.peso_2 * self.oculta * (1 - self.oculta)
        grad_peso_1 = delta_oculta * entrada
        self.peso_1 -= tasa * grad_peso_1
        self.peso_2 -= tasa * grad_peso_2
        return grad_peso_1, grad_peso_2


red = RedNeuronal()
salida = red.adelante(1.0)
print("salida:", salida, " perdida:", (salida - 0.5) ** 2)
gradientes = red.atras(1.0, 0.5, 0.1)
print("gradientes:", gradientes)
print("pesos nuevos:", red)
'''), note="Spanish names; lr=0.3 (converges), arrows on parabola; dataclass network. Correct.",
  style="Spanish names, annotate arrows, dataclass")

# ---- h12: sympy for the derivative; manual backprop verified with sympy
H("h12_sympy", std(r'''
import sympy as sp
import numpy as np
import matplotlib.pyplot as plt

xs = sp.symbols('x')
f_expr = xs**2 + 4
df_expr = sp.diff(f_expr, xs)
print("f'(x) =", df_expr)

f = sp.lambdify(xs, f_expr, 'numpy')
df = sp.lambdify(xs, df_expr, 'numpy')

x = 10.0
eta = 0.1
hist = [x]
for _ in range(30):
    x = x - eta * df(x)
    hist.append(x)
hist = np.array(hist)

fig, ax = plt.subplots(1, 2, figsize=(12, 4))
g = np.linspace(-10, 10, 200)
ax[0].plot(g, f(g)); ax[0].plot(hist, f(hist), 'o', ms=4)
ax[0].set_title('f(x) = ' + str(f_expr))
ax[1].plot(f(hist))
ax[1].set_xlabel('iteration'); ax[1].set_ylabel('f(x)')
plt.show()
''', r'''
import math

x, t, lr = 1.0, 0.5, 0.1
w1, w2 = 0.5, -1.0
sigmoid = lambda z: 1 / (1 + math.exp(-z))

h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
L = (y - t) ** 2

delta_out = 2 * (y - t) * y * (1 - y)
dw2 = delta_out * h
dw1 = delta_out * w2 * h * (1 - h) * x
print("manual gradients:", dw1, dw2)

# check the manual gradients with sympy (not used for the update)
W1, W2 = sp.symbols('w1 w2')
sig = lambda z: 1 / (1 + sp.exp(-z))
L_sym = (sig(W2 * sig(W1 * x)) - t) ** 2
print("sympy gradients: ",
      float(sp.diff(L_sym, W1).subs({W1: w1, W2: w2})),
      float(sp.diff(L_sym, W2).subs({W1: w1, W2: w2})))

w1 -= lr * dw1
w2 -= lr * dw2
print("loss before:", L, " weights after update:", w1, w2)
'''), note="Uses sympy to derive f' (still explicit update loop); manual backprop, sympy only as cross-check. Correct.",
  style="sympy diff/lambdify, symbolic verification")

# ---- h13: scatter inside the loop
H("h13_scatter_in_loop", std(r'''
import numpy as np
import matplotlib.pyplot as plt

x = 10
lr = 0.1
fx = lambda v: v**2 + 4

plt.figure(figsize=(7, 5))
grid = np.linspace(-10, 10, 200)
plt.plot(grid, fx(grid), 'k', alpha=0.6)
losses = []
for i in range(15):
    losses.append(fx(x))
    plt.scatter(x, fx(x), color=plt.cm.plasma(i / 15))
    grad = 2 * x
    x = x - lr * grad
plt.title('gradient descent steps (dark = early)')
plt.show()

plt.plot(losses, 'o-')
plt.title('f(x) per iteration')
plt.xlabel('iteration')
plt.show()
''', r'''
import numpy as np

def sigmoid(z): return 1/(1+np.exp(-z))

x = 1.0; w1 = 0.5; w2 = -1.0; lr = 0.1; y_true = 0.5

z1 = w1*x;  a1 = sigmoid(z1)
z2 = w2*a1; a2 = sigmoid(z2)
mse = (a2 - y_true)**2
print('a1', a1, 'a2', a2, 'mse', mse)

dmse_da2 = 2*(a2 - y_true)
da2_dz2 = a2*(1-a2)
dz2_dw2 = a1
dz2_da1 = w2
da1_dz1 = a1*(1-a1)
dz1_dw1 = x

grad_w2 = dmse_da2*da2_dz2*dz2_dw2
grad_w1 = dmse_da2*da2_dz2*dz2_da1*da1_dz1*dz1_dw1
print('grad_w1', grad_w1, 'grad_w2', grad_w2)

w1 = w1 - lr*grad_w1
w2 = w2 - lr*grad_w2
print('w1', w1, 'w2', w2)
'''), note="Scatter called inside loop with colormap; chain-rule factors named individually. Correct.",
  style="scatter inside loop, one-liners with semicolons")

# ---- h14: bar chart; linear output layer
H("h14_bar_linear_output", std(r'''
import numpy as np
import matplotlib.pyplot as plt

x = 10
lr = 0.3
fvals = [x**2 + 4]
for _ in range(10):
    x = x - lr * (2 * x)
    fvals.append(x**2 + 4)

xx = np.linspace(-10, 10, 100)
plt.plot(xx, xx**2 + 4)
plt.title("f(x) = x^2 + 4")
plt.xlabel("x"); plt.ylabel("f(x)")
plt.show()

plt.bar(range(len(fvals)), fvals, color='teal')
plt.xlabel("iteration")
plt.ylabel("f(x)")
plt.title("function value at each iteration (lr = 0.3)")
plt.show()
''', r'''
import math

# network: x -> [w1] -> sigmoid -> h -> [w2] -> y (linear output unit)
x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

sigmoid = lambda z: 1 / (1 + math.exp(-z))

h = sigmoid(w1 * x)
y = w2 * h
loss = (y - target) ** 2
print("h =", h, "y =", y, "loss =", loss)

dL_dy = 2 * (y - target)
dL_dw2 = dL_dy * h
dL_dh = dL_dy * w2
dL_dw1 = dL_dh * h * (1 - h) * x
print("dL/dw1 =", dL_dw1, "dL/dw2 =", dL_dw2)

w1 -= lr * dL_dw1
w2 -= lr * dL_dw2
print("updated:", w1, w2)
print("new loss:", (w2 * sigmoid(w1 * x) - target) ** 2)
'''), note="Bar chart of f per iteration. Task 2 uses sigmoid hidden + LINEAR output (stated in comment) - a valid reading of 'sigmoid as activation'; backprop consistent.",
  style="bar chart, linear output unit")

# ---- h15: minimal, barely finishes
H("h15_minimal", std(r'''
import matplotlib.pyplot as plt
import numpy as np
x=10
lr=0.1
vals=[]
for i in range(20):
    vals.append(x**2+4)
    x=x-lr*2*x
a=np.linspace(-10,10)
plt.plot(a,a**2+4)
plt.show()
plt.plot(vals)
plt.show()
''', r'''
import math
x=1.0;w1=0.5;w2=-1.0;lr=0.1;t=0.5
h=1/(1+math.exp(-w1*x))
y=1/(1+math.exp(-w2*h))
loss=(y-t)**2
d=2*(y-t)*y*(1-y)
gw2=d*h
gw1=d*w2*h*(1-h)*x
w1=w1-lr*gw1
w2=w2-lr*gw2
print(loss,gw1,gw2,w1,w2)
'''), note="Bare-minimum but complete: parabola plot + f-per-iteration plot, no labels; backprop correct in 10 lines.",
  style="minimal, no labels/comments")

# ---- h16: over-engineered: type hints, several lrs, finite-difference check, extra epochs
H("h16_overengineered", std(r'''
from __future__ import annotations

from typing import Callable, List, Tuple
import numpy as np
import matplotlib.pyplot as plt

CONFIG = {"x0": 10.0, "learning_rates": [0.01, 0.05, 0.1, 0.3], "n_steps": 50}


def f(x: float) -> float:
    """Objective f(x) = x^2 + 4."""
    return x ** 2 + 4.0


def grad_f(x: float) -> float:
    """Analytic derivative f'(x) = 2x."""
    return 2.0 * x


def numerical_grad(fun: Callable[[float], float], x: float, eps: float = 1e-6) -> float:
    return (fun(x + eps) - fun(x - eps)) / (2 * eps)


def gradient_descent(x0: float, lr: float, n_steps: int) -> Tuple[np.ndarray, np.ndarray]:
    xs: List[float] = [x0]
    for _ in range(n_steps):
        g = grad_f(xs[-1])
        assert abs(g - numerical_grad(f, xs[-1])) < 1e-3, "gradient check failed"
        xs.append(xs[-1] - lr * g)
    xs_arr = np.asarray(xs)
    return xs_arr, xs_arr ** 2 + 4.0


results = {lr: gradient_descent(CONFIG["x0"], lr, CONFIG["n_steps"]) for lr in CONFIG["learning_rates"]}

fig, (ax_f, ax_curve) = plt.subplots(1, 2, figsize=(13, 4.5))
domain = np.linspace(-11, 11, 500)
ax_f.plot(domain, domain ** 2 + 4, color="black", lw=1.5, label=r"$f(x)=x^2+4$")
xs_main, fs_main = results[0.1]
ax_f.plot(xs_main, fs_main, "o-", ms=3, label=r"GD path, $\eta=0.1$")
ax_f.legend()
ax_f.set_xlabel("x")
ax_f.set_ylabel("f(x)")

for lr, (xs_, fs_) in results.items():
    ax_curve.plot(np.arange(len(fs_)), fs_, label=fr"$\eta={lr}$")
ax_curve.set_xlabel("iteration")
ax_curve.set_ylabel("f(x)")
ax_curve.set_title("Function value vs. iteration")
ax_curve.legend()
fig.tight_layout()
plt.show()

for lr, (xs_, fs_) in results.items():
    print(f"lr={lr:<5} final x={xs_[-1]: .3e} final f={fs_[-1]:.6f}")
''', r'''
from __future__ import annotations

import math
from typing import Dict

import matplotlib.pyplot as plt

Params = Dict[str, float]


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def forward(p: Params, x: float) -> Dict[str, float]:
    z1 = p["w1"] * x
    h = sigmoid(z1)
    z2 = p["w2"] * h
    y = sigmoid(z2)
    return {"z1": z1, "h": h, "z2": z2, "y": y}


def mse(y: float, t: float) -> float:
    return (y - t) ** 2


def backward(p: Params, x: float, t: float, c: Dict[str, float]) -> Params:
    dL_dy = 2.0 * (c["y"] - t)
    dL_dz2 = dL_dy * c["y"] * (1.0 - c["y"])
    dL_dh = dL_dz2 * p["w2"]
    dL_dz1 = dL_dh * c["h"] * (1.0 - c["h"])
    return {"w1": dL_dz1 * x, "w2": dL_dz2 * c["h"]}


def finite_difference(p: Params, x: float, t: float, key: str, eps: float = 1e-6) -> float:
    plus, minus = dict(p), dict(p)
    plus[key] += eps
    minus[key] -= eps
    return (mse(forward(plus, x)["y"], t) - mse(forward(minus, x)["y"], t)) / (2 * eps)


X, TARGET, LR = 1.0, 0.5, 0.1
params: Params = {"w1": 0.5, "w2": -1.0}

cache = forward(params, X)
print("forward:", {k: round(v, 6) for k, v in cache.items()}, "loss:", round(mse(cache["y"], TARGET), 6))
grads = backward(params, X, TARGET, cache)
for k in grads:
    fd = finite_difference(params, X, TARGET, k)
    print(f"d/d{k}: analytic={grads[k]:.8f}  numeric={fd:.8f}  rel.err={abs(grads[k]-fd)/abs(fd):.1e}")

params = {k: params[k] - LR * grads[k] for k in params}
print("after ONE update:", params)

# bonus: keep training to see the loss go down
losses = []
p = dict(params)
for epoch in range(200):
    c = forward(p, X)
    losses.append(mse(c["y"], TARGET))
    g = backward(p, X, TARGET, c)
    p = {k: p[k] - LR * g[k] for k in p}
plt.plot(losses)
plt.xlabel("epoch")
plt.ylabel("MSE")
plt.title("Bonus: 200 more updates")
plt.show()
'''), note="Over-engineered (type hints, config, gradient checks, 4 learning rates all < 0.5, bonus 200 epochs after the required single update). All correct.",
  style="type hints, config dict, finite-difference checks, extra epochs")

# ---- h17: both tasks merged in one code cell, custom headings
H("h17_merged_cell", [
    ("md", QUIZ), ("md", ASSIGN),
    ("md", "## Part A + Part B (I put everything in one cell)"),
    ("code", d(r'''
import math
import numpy as np
import matplotlib.pyplot as plt

# ---------------- PART A: gradient descent on f(x) = x^2 + 4 ----------------
f = lambda x: x * x + 4
x, lr, N = 10.0, 0.12, 30
trace = []
for k in range(N + 1):
    trace.append((k, x, f(x)))
    x = x - lr * 2 * x
K, X_, F_ = map(np.array, zip(*trace))

fig, axes = plt.subplots(1, 2, figsize=(11, 4))
u = np.linspace(-10, 10, 300)
axes[0].plot(u, f(u)); axes[0].plot(X_, F_, 'r+', ms=10); axes[0].set_title('f(x)')
axes[1].plot(K, F_); axes[1].set_title('f over iterations'); axes[1].set_xlabel('k')
plt.show()

# ---------------- PART B: 1-hidden-layer net by hand ----------------
xin, w1, w2, eta, tgt = 1.0, 0.5, -1.0, 0.1, 0.5
sg = lambda z: 1.0 / (1.0 + math.exp(-z))
h = sg(w1 * xin)
out = sg(w2 * h)
loss = (out - tgt) ** 2
e = 2 * (out - tgt) * out * (1 - out)
g_w2 = e * h
g_w1 = e * w2 * h * (1 - h) * xin
w1, w2 = w1 - eta * g_w1, w2 - eta * g_w2
print(f"h={h:.5f} out={out:.5f} loss={loss:.6f}")
print(f"grad w1={g_w1:.6f} grad w2={g_w2:.6f}")
print(f"new w1={w1:.6f} new w2={w2:.6f}")
''')),
], note="Both tasks in one code cell, Task 2 heading/text cell removed. Tuple-assignment update uses old w2 in g_w1 (computed before). Correct.",
  style="merged single cell, zip/map unpacking")

# ---- h18: Task 2 done first, then Task 1
H("h18_reordered", [
    ("md", QUIZ), ("md", ASSIGN),
    ("md", "I did Task 2 first because it was shorter.\n\n" + T2_MD),
    ("code", d(r'''
import math

def sigmoid(v):
    return 1.0 / (1.0 + math.exp(-v))

x_in = 1.0
w_1 = 0.5
w_2 = -1.0
alpha = 0.1
y_target = 0.5

# Forward
net_h = w_1 * x_in
out_h = sigmoid(net_h)
net_o = w_2 * out_h
out_o = sigmoid(net_o)
E = (out_o - y_target) ** 2
print("Forward -> out_h: %.6f, out_o: %.6f, E: %.6f" % (out_h, out_o, E))

# Backward
dE_dout_o = 2 * (out_o - y_target)
dout_o_dnet_o = out_o * (1 - out_o)
dnet_o_dw2 = out_h
dE_dw2 = dE_dout_o * dout_o_dnet_o * dnet_o_dw2

dnet_o_dout_h = w_2
dout_h_dnet_h = out_h * (1 - out_h)
dnet_h_dw1 = x_in
dE_dw1 = dE_dout_o * dout_o_dnet_o * dnet_o_dout_h * dout_h_dnet_h * dnet_h_dw1
print("Gradients -> dE/dw1: %.6f, dE/dw2: %.6f" % (dE_dw1, dE_dw2))

# Update
w_1_new = w_1 - alpha * dE_dw1
w_2_new = w_2 - alpha * dE_dw2
print("Updated -> w1: %.6f, w2: %.6f" % (w_1_new, w_2_new))
''')),
    ("md", T1_MD),
    ("code", d(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

lr = 0.08
x = 10
fs = [f(x)]
xs = [x]
for step in range(40):
    x -= lr * 2 * x
    xs.append(x)
    fs.append(f(x))

plt.figure()
plt.plot(np.linspace(-10, 10, 100), f(np.linspace(-10, 10, 100)), label="f(x)")
plt.plot(xs, fs, "k.", label="iterates")
plt.legend()
plt.show()

plt.figure()
plt.plot(range(len(fs)), fs, color="purple")
plt.xlabel("step")
plt.ylabel("f(x)")
plt.title("f decreases with every step")
plt.show()
''')),
], note="Tasks in reverse order (Task 2 cell first). Mattmazur-style naming (net_h/out_h). Both correct.",
  style="reordered tasks, %-formatting, blog-style naming")

# ---- h19: LaTeX-heavy explanation, 0.5*MSE
H("h19_latex_explained", [
    ("md", QUIZ), ("md", ASSIGN), ("md", T1_MD),
    ("md", d(r'''
#### Theory for Task 1
For $f(x) = x^2 + 4$ we have $f'(x) = 2x$, hence
$$x_{t+1} = x_t - \eta\, 2x_t = (1 - 2\eta)\, x_t ,$$
so $x_t = (1-2\eta)^t x_0 \to 0$ whenever $0 < \eta < 1$ and $f(x_t)\to 4$.''')),
    ("code", d(r'''
import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4
f_prime = lambda x: 2 * x

eta, x0, T = 0.15, 10.0, 25
x = np.zeros(T + 1)
x[0] = x0
for t in range(T):
    x[t + 1] = x[t] - eta * f_prime(x[t])

fig, ax = plt.subplots(1, 2, figsize=(12, 4))
g = np.linspace(-10, 10, 400)
ax[0].plot(g, f(g), label=r'$f(x)=x^2+4$')
ax[0].plot(x, f(x), 'o-', ms=4, label='iterates $x_t$')
ax[0].legend()
ax[1].plot(np.arange(T + 1), f(x), 'o-', ms=4)
ax[1].set_xlabel('$t$')
ax[1].set_ylabel('$f(x_t)$')
ax[1].set_title(r'$f(x_t)$ decreases monotonically for $0<\eta<1$')
plt.tight_layout()
plt.show()
''')),
    ("md", T2_MD),
    ("md", d(r'''
#### Theory for Task 2
Network: $z_1 = w_1 x,\; h = \sigma(z_1),\; z_2 = w_2 h,\; y = \sigma(z_2)$ and
$L = \tfrac12 (y - t)^2$.

Using $\sigma'(z) = \sigma(z)(1-\sigma(z))$:
$$\frac{\partial L}{\partial w_2} = (y-t)\,y(1-y)\,h = \delta_2 h$$
$$\frac{\partial L}{\partial w_1} = \delta_2\, w_2\, h(1-h)\, x = \delta_1 x$$
Update: $w_i \leftarrow w_i - \eta\, \partial L/\partial w_i$.''')),
    ("code", d(r'''
import math

x, t = 1.0, 0.5
w1, w2 = 0.5, -1.0
eta = 0.1
sigma = lambda z: 1 / (1 + math.exp(-z))

# forward
z1 = w1 * x;  h = sigma(z1)
z2 = w2 * h;  y = sigma(z2)
L = 0.5 * (y - t) ** 2

# backward (formulas from the markdown above)
delta2 = (y - t) * y * (1 - y)
dL_dw2 = delta2 * h
delta1 = delta2 * w2 * h * (1 - h)
dL_dw1 = delta1 * x

w1_new = w1 - eta * dL_dw1
w2_new = w2 - eta * dL_dw2

print(f"h = {h:.6f}\ny = {y:.6f}\nL = {L:.6f}")
print(f"dL/dw1 = {dL_dw1:.6f}\ndL/dw2 = {dL_dw2:.6f}")
print(f"w1: {w1} -> {w1_new:.6f}\nw2: {w2} -> {w2_new:.6f}")
''')),
], note="LaTeX derivations for both tasks; L=0.5(y-t)^2 with delta=(y-t)y(1-y): consistent. Correct.",
  style="markdown+LaTeX theory cells, numpy preallocation")

# ---- h20: 2x2 subplot grid
H("h20_subplot_grid", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x): return x**2 + 4
def grad(x): return 2*x

x0, lr, n = 10.0, 0.1, 30
X = [x0]
for _ in range(n):
    X.append(X[-1] - lr * grad(X[-1]))
X = np.array(X)
F = f(X)
G = grad(X)

fig, axs = plt.subplots(2, 2, figsize=(11, 8))
xx = np.linspace(-10, 10, 300)
axs[0, 0].plot(xx, f(xx), 'k')
axs[0, 0].plot(X, F, 'ro', ms=3)
axs[0, 0].set_title('f(x) = x^2 + 4 and iterates')
axs[0, 1].plot(F, 'b-o', ms=3)
axs[0, 1].set_title('f(x_k) vs k')
axs[1, 0].plot(X, 'g-o', ms=3)
axs[1, 0].set_title('x_k vs k')
axs[1, 1].semilogy(np.abs(G), 'm-o', ms=3)
axs[1, 1].set_title('|gradient| (log scale)')
for a in axs.flat:
    a.grid(alpha=0.3)
fig.suptitle('Gradient descent, lr = 0.1, x0 = 10')
fig.tight_layout()
plt.show()
''', r'''
import math
sig = lambda z: 1/(1+math.exp(-z))
dsig = lambda a: a*(1-a)   # derivative expressed through the activation a = sig(z)

x, t, lr = 1.0, 0.5, 0.1
W = {'w1': 0.5, 'w2': -1.0}

a1 = sig(W['w1']*x)
a2 = sig(W['w2']*a1)
loss = (a2-t)**2

d2 = 2*(a2-t)*dsig(a2)
d1 = d2*W['w2']*dsig(a1)
grad = {'w1': d1*x, 'w2': d2*a1}
W = {k: W[k] - lr*grad[k] for k in W}

print('activations:', a1, a2)
print('loss:', loss)
print('grad:', grad)
print('updated:', W)
'''), note="2x2 grid (parabola, f vs k, x vs k, |grad| semilogy). dsig takes the activation a and is applied to a1/a2 correctly.",
  style="2x2 subplot grid, dict comprehension update")

# ---- h21: compare learning rates, main lr=0.1
H("h21_compare_lrs", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def run_gd(x0, lr, steps):
    x = x0
    out = [x]
    for _ in range(steps):
        x = x - lr * 2 * x
        out.append(x)
    return np.array(out)

lrs = [0.05, 0.1, 0.3, 0.45]
steps = 20
fig, ax = plt.subplots(1, 2, figsize=(12, 4))
grid = np.linspace(-10, 10, 300)
ax[0].plot(grid, grid**2 + 4, 'k', lw=1)
ax[0].set_title('f(x) = x^2 + 4')
for lr in lrs:
    xs = run_gd(10, lr, steps)
    ax[1].plot(xs**2 + 4, marker='.', label=f'lr={lr}')
    if lr == 0.1:
        ax[0].plot(xs, xs**2 + 4, 'o', label='path lr=0.1')
ax[0].legend()
ax[1].set_xlabel('iteration'); ax[1].set_ylabel('f(x)')
ax[1].legend(); ax[1].set_title('f vs iteration for several learning rates')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

x = 1.0
w1, w2 = 0.5, -1.0
lr = 0.1
target = 0.5

# forward
hidden = sigmoid(w1 * x)
pred = sigmoid(w2 * hidden)
loss = (pred - target) ** 2

# backward
g_pred = 2 * (pred - target)
g_z2 = g_pred * pred * (1 - pred)
g_w2 = g_z2 * hidden
g_hidden = g_z2 * w2
g_z1 = g_hidden * hidden * (1 - hidden)
g_w1 = g_z1 * x

# update
w1 -= lr * g_w1
w2 -= lr * g_w2

print("prediction:", round(pred, 4), "loss:", round(loss, 5))
print("gradients:", round(g_w1, 5), round(g_w2, 5))
print("new weights:", round(w1, 5), round(w2, 5))
'''), note="Compares lr 0.05..0.45 (all decreasing), path shown for lr=0.1. Correct.",
  style="learning-rate comparison, f-string labels")

# ---- h22: Stack-Overflow-ish patterns
H("h22_stackoverflow_style", std(r'''
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
plt.style.use('ggplot')
plt.rcParams['figure.figsize'] = (8, 5)

def f(x):
    return np.power(x, 2) + 4

def df(x):
    return 2 * x

cur_x = 10            # The algorithm starts at x=10
rate = 0.01           # Learning rate
precision = 0.000001  # This tells us when to stop the algorithm
previous_step_size = 1
max_iters = 10000     # maximum number of iterations
iters = 0             # iteration counter
f_history = [f(cur_x)]
x_history = [cur_x]

while previous_step_size > precision and iters < max_iters:
    prev_x = cur_x
    cur_x = cur_x - rate * df(prev_x)
    previous_step_size = abs(cur_x - prev_x)
    iters = iters + 1
    f_history.append(f(cur_x))
    x_history.append(cur_x)

print("Iterations:", iters)
print("The local minimum occurs at", cur_x)

x_plot = np.linspace(-10, 10, 1000)
plt.plot(x_plot, f(x_plot), label='f(x)')
plt.scatter(x_history[::20], f(np.array(x_history[::20])), c='blue', s=15, label='every 20th step')
plt.legend()
plt.show()

plt.plot(f_history)
plt.title('Cost vs iterations')
plt.xlabel('Iterations')
plt.ylabel('f(x)')
plt.show()
''', r'''
import numpy as np

def sigmoid(x):
    return 1/(1+np.exp(-x))

def sigmoid_derivative(x):
    # x is already sigmoid(x)
    return x*(1-x)

inputs = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
expected_output = 0.5

# Forward propagation
hidden_layer_output = sigmoid(inputs * w1)
predicted_output = sigmoid(hidden_layer_output * w2)
loss = np.square(expected_output - predicted_output)

# Backpropagation
error = expected_output - predicted_output
d_predicted_output = -2 * error * sigmoid_derivative(predicted_output)
error_hidden_layer = d_predicted_output * w2
d_hidden_layer = error_hidden_layer * sigmoid_derivative(hidden_layer_output)

grad_w2 = hidden_layer_output * d_predicted_output
grad_w1 = inputs * d_hidden_layer

# Updating weights
w2 -= lr * grad_w2
w1 -= lr * grad_w1

print("Loss:", loss)
print("Gradients:", grad_w1, grad_w2)
print("Updated w1:", np.round(w1, 6), "Updated w2:", np.round(w2, 6))
'''), note="Copied SO/tutorial patterns (precision/previous_step_size loop, sigmoid_derivative on activations, error=t-y with -2 factor). lr=0.01, stops on step size (~600 iters). Signs check out; correct.",
  style="%matplotlib inline, ggplot style, SO-style while loop, tutorial NN naming")

# ---- h23: while loop stopping on small improvement; pandas table for Task 2
H("h23_pandas_table", std(r'''
import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4
x = 10
lr = 0.1
f_old = f(x)
history = [f_old]
while True:
    x = x - lr * 2 * x
    f_new = f(x)
    history.append(f_new)
    if f_old - f_new < 1e-8:
        break
    f_old = f_new
print(len(history) - 1, "iterations, final f =", history[-1])

fig, ax = plt.subplots(2, 1, figsize=(7, 7))
t = np.linspace(-10, 10, 200)
ax[0].plot(t, f(t))
ax[0].set_title('f(x) = x² + 4')
ax[1].plot(history)
ax[1].set_yscale('log')
ax[1].set_title('f(x) vs iteration (log y)')
ax[1].set_xlabel('iteration')
plt.tight_layout()
plt.show()
''', r'''
import math
import pandas as pd

sigmoid = lambda z: 1 / (1 + math.exp(-z))
x, w1, w2, lr, target = 1.0, 0.5, -1.0, 0.1, 0.5

rows = []
z1 = w1 * x;      rows.append(('z1 = w1*x', z1))
h = sigmoid(z1);  rows.append(('h = sigmoid(z1)', h))
z2 = w2 * h;      rows.append(('z2 = w2*h', z2))
y = sigmoid(z2);  rows.append(('y = sigmoid(z2)', y))
L = (y - target) ** 2; rows.append(('L = (y-t)^2', L))
dL_dy = 2 * (y - target);          rows.append(('dL/dy', dL_dy))
dL_dz2 = dL_dy * y * (1 - y);      rows.append(('dL/dz2', dL_dz2))
dL_dw2 = dL_dz2 * h;               rows.append(('dL/dw2', dL_dw2))
dL_dz1 = dL_dz2 * w2 * h * (1 - h); rows.append(('dL/dz1', dL_dz1))
dL_dw1 = dL_dz1 * x;               rows.append(('dL/dw1', dL_dw1))
rows.append(('w1 new', w1 - lr * dL_dw1))
rows.append(('w2 new', w2 - lr * dL_dw2))

table = pd.DataFrame(rows, columns=['quantity', 'value'])
table
'''), note="while True with improvement tolerance; log-y f vs iteration; Task 2 results tabulated in a DataFrame displayed as last expression. Correct.",
  style="while True/break, pandas table as cell output")

# ---- h24: negative start, Portuguese names
H("h24_portuguese_negative_start", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def funcao(x):
    return x**2 + 4

def gradiente(x):
    return 2 * x

x = -8.0              # comecei do lado negativo
taxa = 0.15
passos = 20
xs, ys = [x], [funcao(x)]
for _ in range(passos):
    x = x - taxa * gradiente(x)
    xs.append(x)
    ys.append(funcao(x))

dominio = np.linspace(-9, 9, 300)
fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4))
a1.plot(dominio, funcao(dominio))
a1.plot(xs, ys, 'o-', color='darkorange')
a1.set_title('f(x) = x² + 4 e os passos')
a2.plot(range(passos + 1), ys, 'o-')
a2.set_xlabel('iteração')
a2.set_ylabel('f(x)')
a2.set_title('valor da função por iteração')
plt.show()
''', r'''
import math

entrada = 1.0
peso1 = 0.5
peso2 = -1.0
taxa_aprendizado = 0.1
alvo = 0.5

def sigmoide(z):
    return 1 / (1 + math.exp(-z))

# passagem para frente
oculta = sigmoide(peso1 * entrada)
saida = sigmoide(peso2 * oculta)
erro = (saida - alvo) ** 2
print(f"oculta={oculta:.5f}  saida={saida:.5f}  erro={erro:.6f}")

# retropropagacao
delta_saida = 2 * (saida - alvo) * saida * (1 - saida)
grad_peso2 = delta_saida * oculta
delta_oculta = delta_saida * peso2 * oculta * (1 - oculta)
grad_peso1 = delta_oculta * entrada

# atualizacao
peso1 = peso1 - taxa_aprendizado * grad_peso1
peso2 = peso2 - taxa_aprendizado * grad_peso2
print(f"gradientes: {grad_peso1:.6f} {grad_peso2:.6f}")
print(f"novos pesos: {peso1:.6f} {peso2:.6f}")
'''), note="Start x=-8 ('like x=10' allows it), lr=0.15; Portuguese identifiers. Correct.",
  style="Portuguese names, negative start")

# ---- h25: linear output, 0.5*MSE
H("h25_linear_output_half_mse", std(r'''
import numpy as np
import matplotlib.pyplot as plt

lr = 0.25
x = 10.0
data = []
for k in range(16):
    data.append((k, x, x**2 + 4))
    x = x - lr * (2 * x)
data = np.array(data)

plt.figure(figsize=(6, 4))
plt.plot(np.linspace(-10, 10, 200), np.linspace(-10, 10, 200)**2 + 4, label='f(x)')
plt.plot(data[:, 1], data[:, 2], 'o', label='GD')
plt.legend(); plt.title('f(x) = x^2 + 4')
plt.show()

plt.figure(figsize=(6, 4))
plt.plot(data[:, 0], data[:, 2], 'o-')
plt.xlabel('iteration'); plt.ylabel('f(x)')
plt.title('Decrease of f(x), lr=0.25')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

# hidden layer: sigmoid, output layer: identity (regression output)
x, target = 1.0, 0.5
w1, w2 = 0.5, -1.0
lr = 0.1

h = sigmoid(w1 * x)
y_hat = w2 * h
loss = 0.5 * (y_hat - target) ** 2

dloss_dyhat = y_hat - target
grad_w2 = dloss_dyhat * h
grad_w1 = dloss_dyhat * w2 * h * (1 - h) * x

w1_updated = w1 - lr * grad_w1
w2_updated = w2 - lr * grad_w2

print("forward:  h = %.5f, y_hat = %.5f, loss = %.5f" % (h, y_hat, loss))
print("grads:    dw1 = %.5f, dw2 = %.5f" % (grad_w1, grad_w2))
print("update:   w1 = %.5f, w2 = %.5f" % (w1_updated, w2_updated))
'''), note="Sigmoid hidden + identity output (explicitly stated), L=0.5(y-t)^2 with dL/dy=(y-t): consistent. Valid reading.",
  style="numpy array of tuples, linear output, %-formatting")

# ---- h26: zero biases included and updated; tolerance on f change
H("h26_with_biases", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x ** 2 + 4

x = 10.0
learning_rate = 0.2
eps = 1e-10
x_list, f_list = [x], [f(x)]
while True:
    x_next = x - learning_rate * 2 * x
    x_list.append(x_next)
    f_list.append(f(x_next))
    if abs(f(x_next) - f(x)) < eps:
        break
    x = x_next

fig, ax = plt.subplots(1, 2, figsize=(12, 4))
r = np.linspace(-10, 10, 250)
ax[0].plot(r, f(r), 'c')
ax[0].plot(x_list, f_list, 'k*', ms=7)
ax[0].set_title('f(x)=x^2+4')
ax[1].step(range(len(f_list)), f_list, where='post')
ax[1].set_title('f(x) at every iteration')
ax[1].set_xlabel('iteration')
plt.show()
print(f"{len(f_list)-1} iterations")
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

x = 1.0
target = 0.5
lr = 0.1
w1, b1 = 0.5, 0.0     # no bias given in the assignment -> start at 0
w2, b2 = -1.0, 0.0

# forward
z1 = w1 * x + b1
a1 = sigmoid(z1)
z2 = w2 * a1 + b2
a2 = sigmoid(z2)
loss = (a2 - target) ** 2
print("a1 =", a1, "a2 =", a2, "loss =", loss)

# backward
dz2 = 2 * (a2 - target) * a2 * (1 - a2)
dw2 = dz2 * a1
db2 = dz2
dz1 = dz2 * w2 * a1 * (1 - a1)
dw1 = dz1 * x
db1 = dz1

# update
w1 -= lr * dw1; b1 -= lr * db1
w2 -= lr * dw2; b2 -= lr * db2
print("dw1, dw2 =", dw1, dw2)
print("w1, b1 =", w1, b1)
print("w2, b2 =", w2, b2)
'''), note="Adds zero-initialised biases and updates them too (harmless extension; weight results identical). Tolerance on f change, step plot.",
  style="biases added, plt.step")

# ---- h27: tiny lr, many steps; extra training epochs after the single required update
H("h27_extra_epochs", std(r'''
import numpy as np
import matplotlib.pyplot as plt

lr = 0.01
n = 300
x = np.zeros(n + 1)
x[0] = 10
for i in range(1, n + 1):
    x[i] = x[i - 1] - lr * 2 * x[i - 1]
fx = x ** 2 + 4

plt.figure(figsize=(12, 4))
plt.subplot(121)
xs = np.linspace(-10, 10, 200)
plt.plot(xs, xs ** 2 + 4)
plt.plot(x[::10], fx[::10], '.', color='red')
plt.title('f(x) with every 10th iterate')
plt.subplot(122)
plt.plot(fx)
plt.xlabel('iteration')
plt.ylabel('f(x)')
plt.title('slow but steady decrease (lr = 0.01)')
plt.show()
''', r'''
import math
import matplotlib.pyplot as plt

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

def step(w1, w2, x=1.0, t=0.5, lr=0.1):
    h = sigmoid(w1 * x)
    y = sigmoid(w2 * h)
    L = (y - t) ** 2
    d_out = 2 * (y - t) * y * (1 - y)
    g2 = d_out * h
    g1 = d_out * w2 * h * (1 - h) * x
    return w1 - lr * g1, w2 - lr * g2, L, g1, g2, h, y

# ---- the single update asked for ----
w1, w2 = 0.5, -1.0
new_w1, new_w2, L, g1, g2, h, y = step(w1, w2)
print("forward: h =", h, "y =", y, "loss =", L)
print("gradients: dw1 =", g1, "dw2 =", g2)
print("after 1 update: w1 =", new_w1, "w2 =", new_w2)

# ---- extra: 50 more epochs just for fun ----
losses = [L]
w1, w2 = new_w1, new_w2
for epoch in range(50):
    w1, w2, L, *_ = step(w1, w2)
    losses.append(L)
plt.plot(losses)
plt.xlabel('epoch'); plt.ylabel('loss'); plt.title('training loss')
plt.show()
'''), note="lr=0.01 with 300 steps (slow, still decreasing). Task 2 shows single update explicitly then 50 bonus epochs. Correct.",
  style="tiny lr, function returning tuple, bonus training loop")

# ---- h28: Italian
H("h28_italian", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

passo = 0.1       # tasso di apprendimento
x = 10
storia_x = []
storia_f = []
for i in range(30):
    storia_x.append(x)
    storia_f.append(f(x))
    x = x - passo * 2 * x

fig, ax = plt.subplots()
asse = np.linspace(-10, 10, 200)
ax.plot(asse, f(asse), label='f(x)')
ax.plot(storia_x, storia_f, 'ro', ms=3, label='discesa')
ax.legend()
ax.set_title('Funzione f(x) = x^2 + 4')
plt.show()

fig, ax = plt.subplots()
ax.plot(storia_f, 'o-')
ax.set_xlabel('iterazione')
ax.set_ylabel('f(x)')
ax.set_title('Valore della funzione durante la discesa')
plt.show()
''', r'''
import math

ingresso = 1.0
peso1 = 0.5
peso2 = -1.0
tasso_apprendimento = 0.1
obiettivo = 0.5

def sigmoide(z):
    return 1 / (1 + math.exp(-z))

# passo in avanti
nascosto = sigmoide(peso1 * ingresso)
uscita = sigmoide(peso2 * nascosto)
perdita = (uscita - obiettivo) ** 2

# retropropagazione
d_uscita = 2 * (uscita - obiettivo) * uscita * (1 - uscita)
grad_peso2 = d_uscita * nascosto
d_nascosto = d_uscita * peso2 * nascosto * (1 - nascosto)
grad_peso1 = d_nascosto * ingresso

# aggiornamento
peso1 = peso1 - tasso_apprendimento * grad_peso1
peso2 = peso2 - tasso_apprendimento * grad_peso2

print("uscita:", uscita, "perdita:", perdita)
print("gradienti:", grad_peso1, grad_peso2)
print("pesi aggiornati:", peso1, peso2)
'''), note="Italian identifiers, standard solution. Correct.",
  style="Italian names")

# ---- h29: Turkish names, numpy scalar style
H("h29_turkish", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def fonksiyon(x):
    return x**2 + 4

def turev(x):
    return 2*x

baslangic = 10
ogrenme_orani = 0.2
adim_sayisi = 15

x = baslangic
degerler = [fonksiyon(x)]
konumlar = [x]
for adim in range(adim_sayisi):
    x = x - ogrenme_orani * turev(x)
    konumlar.append(x)
    degerler.append(fonksiyon(x))

plt.plot(np.linspace(-10, 10), fonksiyon(np.linspace(-10, 10)), label='f(x) = x^2 + 4')
plt.scatter(konumlar, degerler, color='red', label='adimlar')
plt.legend()
plt.show()

plt.plot(range(adim_sayisi + 1), degerler, marker='o')
plt.xlabel('iterasyon')
plt.ylabel('f(x)')
plt.title('Fonksiyon degeri azaliyor')
plt.show()
''', r'''
import numpy as np

girdi = 1.0
agirlik1 = 0.5
agirlik2 = -1.0
ogrenme_orani = 0.1
hedef = 0.5

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# ileri yayilim
gizli = sigmoid(agirlik1 * girdi)
cikti = sigmoid(agirlik2 * gizli)
kayip = (cikti - hedef) ** 2

# geri yayilim
hata_cikti = 2 * (cikti - hedef) * cikti * (1 - cikti)
gradyan2 = hata_cikti * gizli
hata_gizli = hata_cikti * agirlik2 * gizli * (1 - gizli)
gradyan1 = hata_gizli * girdi

agirlik1 = agirlik1 - ogrenme_orani * gradyan1
agirlik2 = agirlik2 - ogrenme_orani * gradyan2
print("cikti:", cikti, "kayip:", kayip)
print("gradyanlar:", gradyan1, gradyan2)
print("yeni agirliklar:", agirlik1, agirlik2)
'''), note="Turkish identifiers, lr=0.2. Correct.",
  style="Turkish names")

# ---- h30: small multiples of the descent; matrix form with 0.5*MSE
H("h30_small_multiples", std(r'''
import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4
lr = 0.1
x = 10.0
xs = [x]
for _ in range(11):
    x -= lr * 2 * x
    xs.append(x)

grid = np.linspace(-10, 10, 200)
fig, axes = plt.subplots(3, 4, figsize=(14, 9), sharex=True, sharey=True)
for k, ax in enumerate(axes.flat):
    ax.plot(grid, f(grid), color='lightgray')
    ax.plot(xs[:k + 1], [f(v) for v in xs[:k + 1]], 'b.-')
    ax.plot(xs[k], f(xs[k]), 'ro')
    ax.set_title(f'iteration {k}: f = {f(xs[k]):.2f}', fontsize=9)
fig.suptitle('Gradient descent on f(x) = x^2 + 4, step by step')
plt.show()

plt.figure(figsize=(5, 3))
plt.plot([f(v) for v in xs], 'o-')
plt.xlabel('iteration'); plt.ylabel('f(x)')
plt.show()
''', r'''
import numpy as np

sigmoid = lambda Z: 1.0 / (1.0 + np.exp(-Z))

x = np.array([[1.0]])
W1 = np.array([[0.5]])
W2 = np.array([[-1.0]])
t = np.array([[0.5]])
eta = 0.1

# forward
H = sigmoid(W1 @ x)
Y = sigmoid(W2 @ H)
L = 0.5 * np.sum((Y - t) ** 2)

# backward
delta_out = (Y - t) * Y * (1 - Y)
grad_W2 = delta_out @ H.T
delta_hid = (W2.T @ delta_out) * H * (1 - H)
grad_W1 = delta_hid @ x.T

W1 -= eta * grad_W1
W2 -= eta * grad_W2

print("H =", H.item(), " Y =", Y.item(), " L =", L)
print("grad_W1 =", grad_W1.item(), " grad_W2 =", grad_W2.item())
print("W1 =", W1.item(), " W2 =", W2.item())
'''), note="3x4 small-multiples of the path plus f vs iteration; matrix-form backprop with 0.5*sum of squares consistently. Correct.",
  style="small multiples grid, 1x1 matrices with @ and .item()")

# ---- h31: printed table + plot; task 2 narrates every number
H("h31_printed_table", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x*x + 4

x = 10.0
lr = 0.1
print(f"{'iter':>4} | {'x':>10} | {'gradient':>10} | {'f(x)':>10}")
print("-" * 44)
fs = []
for it in range(21):
    g = 2 * x
    fs.append(f(x))
    print(f"{it:>4} | {x:>10.5f} | {g:>10.5f} | {f(x):>10.5f}")
    x = x - lr * g

fig, ax = plt.subplots(1, 2, figsize=(11, 4))
xx = np.linspace(-10, 10, 200)
ax[0].plot(xx, f(xx))
ax[0].set_title("f(x) = x^2 + 4")
ax[0].set_xlabel("x")
ax[1].plot(fs, marker="d")
ax[1].set_title("f(x) at each iteration")
ax[1].set_xlabel("iteration")
plt.show()
''', r'''
import math

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

print("=== Forward pass ===")
z1 = w1 * x
print("z1 = w1 * x =", z1)
h = 1 / (1 + math.exp(-z1))
print("h = sigmoid(z1) =", h)
z2 = w2 * h
print("z2 = w2 * h =", z2)
y = 1 / (1 + math.exp(-z2))
print("y = sigmoid(z2) =", y)
loss = (y - target) ** 2
print("loss = (y - target)^2 =", loss)

print("\n=== Backward pass ===")
dloss_dy = 2 * (y - target)
print("dL/dy =", dloss_dy)
dy_dz2 = y * (1 - y)
print("dy/dz2 =", dy_dz2)
dloss_dw2 = dloss_dy * dy_dz2 * h
print("dL/dw2 = dL/dy * dy/dz2 * h =", dloss_dw2)
dloss_dh = dloss_dy * dy_dz2 * w2
print("dL/dh =", dloss_dh)
dh_dz1 = h * (1 - h)
dloss_dw1 = dloss_dh * dh_dz1 * x
print("dL/dw1 = dL/dh * dh/dz1 * x =", dloss_dw1)

print("\n=== Update ===")
print("w1 =", w1, "-", lr, "*", dloss_dw1, "=", w1 - lr * dloss_dw1)
print("w2 =", w2, "-", lr, "*", dloss_dw2, "=", w2 - lr * dloss_dw2)
'''), note="Formatted iteration table + plots; Task 2 prints every intermediate value and the updated weights (does not reassign but prints w-lr*g). Correct.",
  style="print-heavy, formatted table")

# ---- h32: scipy cross-checks
H("h32_scipy_checks", std(r'''
import numpy as np
import matplotlib.pyplot as plt
from scipy.optimize import minimize_scalar

f = lambda x: x**2 + 4
grad = lambda x: 2 * x

x = 10.0
lr = 0.35
hist_x, hist_f = [x], [f(x)]
for _ in range(12):
    x = x - lr * grad(x)
    hist_x.append(x)
    hist_f.append(f(x))

ref = minimize_scalar(f)
print("my GD result:", hist_x[-1], hist_f[-1])
print("scipy minimum:", ref.x, ref.fun)

fig, ax = plt.subplots(1, 2, figsize=(12, 4))
xx = np.linspace(-10, 10, 300)
ax[0].plot(xx, f(xx))
ax[0].plot(hist_x, hist_f, 'o-', ms=4)
ax[0].axvline(ref.x, ls=':', c='gray')
ax[0].set_title('f and GD path (dotted: scipy minimiser)')
ax[1].plot(hist_f, 'o-')
ax[1].axhline(ref.fun, ls=':', c='gray')
ax[1].set_xlabel('iteration'); ax[1].set_ylabel('f(x)')
ax[1].set_title('f(x) per iteration')
plt.show()
''', r'''
import math
from scipy.special import expit   # only used to double check my own sigmoid

def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))

assert abs(sigmoid(0.3) - expit(0.3)) < 1e-12

x, w1, w2, lr, t = 1.0, 0.5, -1.0, 0.1, 0.5
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
mse = (y - t) ** 2

delta_o = 2 * (y - t) * y * (1 - y)
delta_h = delta_o * w2 * h * (1 - h)
grad_w2 = delta_o * h
grad_w1 = delta_h * x

w1_next = w1 - lr * grad_w1
w2_next = w2 - lr * grad_w2
print("forward:", h, y, "mse:", mse)
print("grads:", grad_w1, grad_w2)
print("next weights:", w1_next, w2_next)
'''), note="lr=0.35 (oscillation-free, |1-2lr|=0.3); scipy only used as reference; own sigmoid in Task 2. Correct.",
  style="scipy.optimize/special cross-checks")

# =====================================================================
# MISTAKEN SUBMISSIONS (exactly one mistake each)
# =====================================================================

# ---------------- Task 1 mistakes ----------------

M("m01_gradient_includes_constant", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def gradient(x):
    # derivative of x^2 + 4
    return 2*x + 4

x = 10
learning_rate = 0.1
xs = [x]
fs = [f(x)]
for i in range(30):
    x = x - learning_rate * gradient(x)
    xs.append(x)
    fs.append(f(x))

print("minimum found at x =", round(x, 4), "with f(x) =", round(f(x), 4))

grid = np.linspace(-10, 10, 200)
plt.plot(grid, f(grid), label='f(x)')
plt.plot(xs, fs, 'ro-', ms=3, label='GD')
plt.legend()
plt.show()

plt.plot(fs)
plt.xlabel('iteration')
plt.ylabel('f(x)')
plt.title('Function value vs iteration')
plt.show()
''', r'''
import math

p = {'w1': 0.5, 'w2': -1.0}
x, t, lr = 1.0, 0.5, 0.1
sig = lambda z: 1 / (1 + math.exp(-z))

h = sig(p['w1'] * x)
y = sig(p['w2'] * h)
loss = (y - t) ** 2

dz2 = 2 * (y - t) * y * (1 - y)
g = {'w2': dz2 * h, 'w1': dz2 * p['w2'] * h * (1 - h) * x}
for k in p:
    p[k] -= lr * g[k]
print("loss:", loss)
print("grads:", g)
print("new params:", p)
'''), 1, "gradient_includes_constant",
  "Derivative written as 2x+4 (constant differentiated to 4). Descent converges to x=-2, f=8 instead of the minimum x=0, f=4; printed 'minimum' is wrong. Task 2 correct.",
  "plain loop, dict-based backprop")

M("m02_gradient_ascent_sign", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x ** 2 + 4

def df(x):
    return 2 * x

x = 10.0
lr = 0.1
steps = 15
history = [f(x)]
path = [x]
for s in range(steps):
    x = x + lr * df(x)        # update step
    history.append(f(x))
    path.append(x)

fig, ax = plt.subplots(1, 2, figsize=(11, 4))
g = np.linspace(-12, 12, 300)
ax[0].plot(g, f(g))
ax[0].set_title('f(x) = x^2 + 4')
ax[1].plot(history, 'o-')
ax[1].set_title('f(x) over iterations')
ax[1].set_xlabel('iteration')
plt.show()
print("final x:", x)
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

class Neuron:
    def __init__(self, w):
        self.w = w
    def forward(self, a):
        self.a = a
        self.o = sigmoid(self.w * a)
        return self.o

n1, n2 = Neuron(0.5), Neuron(-1.0)
x, target, lr = 1.0, 0.5, 0.1
y = n2.forward(n1.forward(x))
L = (y - target) ** 2

d2 = 2 * (y - target) * y * (1 - y)
g2 = d2 * n1.o
d1 = d2 * n2.w * n1.o * (1 - n1.o)
g1 = d1 * x
n1.w -= lr * g1
n2.w -= lr * g2
print("y =", y, "L =", L)
print("grads:", g1, g2)
print("weights:", n1.w, n2.w)
'''), 1, "gradient_ascent_sign",
  "Update uses x + lr*grad (gradient ascent): x grows 10 -> ~154 and f increases; the plot contradicts the task. Task 2 correct.",
  "fig/ax subplots, neuron class")

M("m03_learning_rate_too_large", std(r'''
import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4
grad = lambda x: 2*x

# big learning rate so that it converges fast
lr = 1.0
x = 10
values = []
for i in range(20):
    values.append(f(x))
    x = x - lr * grad(x)
values.append(f(x))

xx = np.linspace(-10, 10, 100)
plt.plot(xx, f(xx))
plt.title('f(x) = x^2 + 4')
plt.show()

plt.plot(values, marker='o')
plt.xlabel('iteration')
plt.ylabel('f(x)')
plt.title('Gradient descent, lr = 1.0')
plt.show()
''', r'''
import math

x, t = 1.0, 0.5
w1, w2 = 0.5, -1.0
lr = 0.1

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
L = 0.5 * (y - t) ** 2

dL_dy = y - t
delta_o = dL_dy * y * (1 - y)
dw2 = delta_o * h
delta_h = delta_o * w2 * h * (1 - h)
dw1 = delta_h * x

w1 = w1 - lr * dw1
w2 = w2 - lr * dw2
print(f"L={L:.6f}, dw1={dw1:.6f}, dw2={dw2:.6f}, w1={w1:.6f}, w2={w2:.6f}")
'''), 1, "learning_rate_too_large",
  "lr=1.0 makes x jump 10,-10,10,... so f stays at 104 - the function value never decreases (plot is flat). Task 2 correct (0.5*MSE consistent).",
  "lambdas, lr too big")

M("m04_plots_x_not_f", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

x = 10
lr = 0.1
x_hist = [x]
for i in range(25):
    grad = 2 * x
    x = x - lr * grad
    x_hist.append(x)

t = np.linspace(-10, 10, 200)
plt.plot(t, f(t))
plt.title('f(x) = x^2 + 4')
plt.xlabel('x'); plt.ylabel('f(x)')
plt.show()

plt.plot(range(len(x_hist)), x_hist, 'o-')
plt.xlabel('iteration')
plt.ylabel('f(x)')
plt.title('Function value decreasing over iterations')
plt.show()
''', r'''
import numpy as np

sigmoid = lambda z: 1 / (1 + np.exp(-z))
x, w1, w2, lr, y_true = 1.0, 0.5, -1.0, 0.1, 0.5

a1 = sigmoid(w1 * x)
a2 = sigmoid(w2 * a1)
loss = (a2 - y_true) ** 2

dloss_da2 = 2 * (a2 - y_true)
da2_dz2 = a2 * (1 - a2)
grad_w2 = dloss_da2 * da2_dz2 * a1
grad_w1 = dloss_da2 * da2_dz2 * w2 * a1 * (1 - a1) * x
w1 = w1 - lr * grad_w1
w2 = w2 - lr * grad_w2
print("loss", loss, "grads", grad_w1, grad_w2, "new", w1, w2)
'''), 1, "plots_x_instead_of_f",
  "The 'function value over iterations' plot actually plots x_k (labelled f(x)); f(x_k) is never computed/visualised (it would level off at 4, not 0). Parabola and update are right. Task 2 correct.",
  "pyplot, mislabelled plot")

M("m05_function_missing_constant", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2

def df(x):
    return 2*x

x = 10.0
alpha = 0.1
xs, fs = [x], [f(x)]
for _ in range(30):
    x = x - alpha * df(x)
    xs.append(x)
    fs.append(f(x))

fig, ax = plt.subplots(1, 2, figsize=(11, 4))
grid = np.linspace(-10, 10, 300)
ax[0].plot(grid, f(grid))
ax[0].plot(xs, fs, 'r.')
ax[0].set_title('f(x) = x^2 + 4')
ax[1].plot(fs, 'o-', ms=3)
ax[1].set_title('f(x) vs iteration')
ax[1].set_xlabel('iteration')
plt.show()
print("final value:", fs[-1])
''', r'''
import math

x = 1.0
w1 = 0.5
w2 = -1.0
eta = 0.1
target = 0.5

s = lambda z: 1 / (1 + math.exp(-z))
z1 = w1 * x
h = s(z1)
z2 = w2 * h
y = s(z2)
E = (y - target) ** 2
print("forward:", z1, h, z2, y, "E =", E)

dE_dz2 = 2 * (y - target) * y * (1 - y)
dE_dw2 = dE_dz2 * h
dE_dz1 = dE_dz2 * w2 * h * (1 - h)
dE_dw1 = dE_dz1 * x
print("grads:", dE_dw1, dE_dw2)

w1 -= eta * dE_dw1
w2 -= eta * dE_dw2
print("updated:", w1, w2)
'''), 1, "function_missing_constant",
  "f is coded as x**2 (the +4 is missing) although titles say x^2+4: the plotted parabola and all f values are wrong (minimum 0 instead of 4). Gradient/update happen to be right. Task 2 correct.",
  "fig/ax, wrong objective")

M("m06_x_never_updated", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def grad_f(x):
    return 2 * x

x = 10
learning_rate = 0.1
n_iter = 20
f_history = []
x_history = []
for i in range(n_iter):
    gradient = grad_f(x)
    x_new = x - learning_rate * gradient
    x_history.append(x_new)
    f_history.append(f(x_new))

xs = np.linspace(-10, 10, 200)
plt.plot(xs, f(xs), label='f(x)')
plt.scatter(x_history, f_history, color='red', label='steps')
plt.legend()
plt.show()

plt.plot(f_history, marker='o')
plt.xlabel('iteration')
plt.ylabel('f(x)')
plt.title('f(x) during gradient descent')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))

def train_once(x, t, w1, w2, lr):
    h = sigmoid(w1 * x)
    y = sigmoid(w2 * h)
    loss = (y - t) ** 2
    delta2 = 2 * (y - t) * y * (1 - y)
    delta1 = delta2 * w2 * h * (1 - h)
    dw1, dw2 = delta1 * x, delta2 * h
    return dict(loss=loss, dw1=dw1, dw2=dw2, w1=w1 - lr * dw1, w2=w2 - lr * dw2)

print(train_once(1.0, 0.5, 0.5, -1.0, 0.1))
'''), 1, "x_never_updated",
  "x_new is computed but x is never reassigned, so every iteration repeats the first step: all points are x=8, f=68 and the 'decrease' plot is flat. Task 2 correct.",
  "loop bug, function returning dict")

M("m07_gradient_computed_once", std(r'''
import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4

x = 10.0
lr = 0.1
gradient = 2 * x          # f'(x) = 2x
xs = [x]
for step in range(20):
    x = x - lr * gradient
    xs.append(x)
xs = np.array(xs)
fs = f(xs)

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
grid = np.linspace(-32, 12, 300)
axes[0].plot(grid, f(grid))
axes[0].plot(xs, fs, 'o', color='tab:red')
axes[0].set_title('f(x) and iterates')
axes[1].plot(fs, 'o-')
axes[1].set_xlabel('iteration'); axes[1].set_ylabel('f(x)')
axes[1].set_title('f(x) over iterations')
plt.show()
''', r'''
import numpy as np

W1 = np.array([[0.5]]); W2 = np.array([[-1.0]])
X = np.array([[1.0]]); T = np.array([[0.5]]); lr = 0.1
sig = lambda z: 1 / (1 + np.exp(-z))

A1 = sig(W1 @ X)
A2 = sig(W2 @ A1)
loss = float(np.sum((A2 - T) ** 2))

D2 = 2 * (A2 - T) * A2 * (1 - A2)
dW2 = D2 @ A1.T
D1 = (W2.T @ D2) * A1 * (1 - A1)
dW1 = D1 @ X.T
W1 -= lr * dW1
W2 -= lr * dW2
print(loss, dW1.item(), dW2.item(), W1.item(), W2.item())
'''), 1, "gradient_computed_once",
  "Gradient evaluated once at x0 outside the loop, so x moves by a constant -2 each step (10 -> -30); f goes down to 4 then climbs back to 904. Task 2 correct (matrix form).",
  "numpy arrays, stale gradient")

M("m08_update_uses_f_not_gradient", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

x = 10
learning_rate = 0.1
steps = 8
hist_x = [x]
hist_f = [f(x)]
for i in range(steps):
    x = x - learning_rate * f(x)
    hist_x.append(x)
    hist_f.append(f(x))

for i, (a, b) in enumerate(zip(hist_x, hist_f)):
    print(i, round(a, 4), round(b, 4))

xx = np.linspace(-10, 10, 200)
plt.plot(xx, f(xx))
plt.plot(hist_x, hist_f, 'x')
plt.title('f(x) = x^2 + 4')
plt.show()

plt.plot(hist_f, 'o-')
plt.xlabel('iteration')
plt.ylabel('f(x)')
plt.show()
''', r'''
import math

x_in = 1.0
weight1 = 0.5
weight2 = -1.0
lr = 0.1
target = 0.5

def sigmoid(v):
    return 1 / (1 + math.exp(-v))

hidden = sigmoid(weight1 * x_in)
out = sigmoid(weight2 * hidden)
mse = (out - target) ** 2

d_out = 2 * (out - target) * out * (1 - out)
grad_weight2 = d_out * hidden
d_hidden = d_out * weight2 * hidden * (1 - hidden)
grad_weight1 = d_hidden * x_in

weight1 -= lr * grad_weight1
weight2 -= lr * grad_weight2
print("mse:", mse)
print("gradients:", grad_weight1, grad_weight2)
print("updated weights:", weight1, weight2)
'''), 1, "update_uses_f_not_gradient",
  "Update is x - lr*f(x) (function value instead of the derivative). x runs off to -8.7 after 8 steps; f drops then rises to ~80. Task 2 correct.",
  "function value used as gradient")

M("m09_gradient_missing_factor_2", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def derivative(x):
    return x

x = 10
lr = 0.1
iterations = 40
fx = []
for i in range(iterations):
    fx.append(f(x))
    x = x - lr * derivative(x)

xs = np.linspace(-10, 10, 100)
plt.figure(figsize=(10, 4))
plt.subplot(1, 2, 1)
plt.plot(xs, f(xs))
plt.title("f(x) = x^2 + 4")
plt.subplot(1, 2, 2)
plt.plot(fx)
plt.title("f(x) vs iterations")
plt.xlabel("iteration")
plt.show()
''', r'''
import math

x = 1.0
w1, w2 = 0.5, -1.0
lr = 0.1
y_target = 0.5

sigmoid = lambda z: 1 / (1 + math.exp(-z))
hid = sigmoid(w1 * x)
out = sigmoid(w2 * hid)
loss = (out - y_target) ** 2
print("out:", out, "loss:", loss)

g_out = 2 * (out - y_target) * out * (1 - out)
g_w2 = g_out * hid
g_w1 = g_out * w2 * hid * (1 - hid) * x
w1 -= lr * g_w1
w2 -= lr * g_w2
print("grad w1:", g_w1, "grad w2:", g_w2)
print("w1:", w1, "w2:", w2)
'''), 1, "gradient_missing_factor_2",
  "derivative(x) returns x instead of 2x. f still decreases (it behaves like half the learning rate) so the plots look fine, but the gradient in the update rule is wrong. Task 2 correct.",
  "subtle wrong derivative, plt.subplot")

# ---------------- Task 2 mistakes ----------------

M("m10_sigmoid_derivative_of_activation", std(r'''
import numpy as np
import matplotlib.pyplot as plt

f = lambda x: x**2 + 4
x, lr = 10.0, 0.1
xs = [x]
for _ in range(30):
    x = x - lr * 2 * x
    xs.append(x)
xs = np.array(xs)

fig, ax = plt.subplots(1, 2, figsize=(12, 4))
g = np.linspace(-10, 10, 200)
ax[0].plot(g, f(g)); ax[0].plot(xs, f(xs), 'o', ms=3)
ax[0].set_title('f(x) = x^2 + 4')
ax[1].plot(f(xs)); ax[1].set_xlabel('iteration'); ax[1].set_ylabel('f(x)')
plt.show()
''', r'''
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

# forward
hidden = sigmoid(w1 * x)
output = sigmoid(w2 * hidden)
loss = (output - target) ** 2

# backward
d_output = 2 * (output - target) * sigmoid_derivative(output)
grad_w2 = d_output * hidden
d_hidden = d_output * w2 * sigmoid_derivative(hidden)
grad_w1 = d_hidden * x

# update
w1 = w1 - lr * grad_w1
w2 = w2 - lr * grad_w2
print("loss:", loss)
print("gradients:", grad_w1, grad_w2)
print("new weights:", w1, w2)
'''), 2, "sigmoid_derivative_applied_to_activation",
  "sigmoid_derivative(z) expects the pre-activation but is called with the activations (output, hidden), i.e. computes sigma(sigma(z))(1-sigma(sigma(z))). Gradients wrong (dw1 ~0.0166, dw2 ~-0.0455 instead of 0.0161/-0.0427). Task 1 correct.",
  "numpy helper functions, double sigmoid")

M("m11_missing_w2_in_chain", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x ** 2 + 4

x = 10
lr = 0.2
xs, fs = [], []
while abs(2 * x) > 1e-4:
    xs.append(x)
    fs.append(f(x))
    x -= lr * 2 * x
xs.append(x); fs.append(f(x))

plt.plot(np.linspace(-10, 10, 100), f(np.linspace(-10, 10, 100)))
plt.plot(xs, fs, 'r*')
plt.show()
plt.semilogy(np.array(fs) - 4)
plt.xlabel('iteration'); plt.ylabel('f(x) - 4')
plt.title('decrease of the function value')
plt.show()
''', r'''
import math

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
t = 0.5

sigmoid = lambda z: 1 / (1 + math.exp(-z))

# forward pass
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
L = (y - t) ** 2
print("h:", h, "y:", y, "L:", L)

# backward pass
delta_out = 2 * (y - t) * y * (1 - y)
dL_dw2 = delta_out * h
delta_hidden = delta_out * h * (1 - h)
dL_dw1 = delta_hidden * x
print("dL/dw1:", dL_dw1, "dL/dw2:", dL_dw2)

# update
w1 = w1 - lr * dL_dw1
w2 = w2 - lr * dL_dw2
print("w1:", w1, "w2:", w2)
'''), 2, "missing_w2_in_hidden_delta",
  "Hidden delta omits the factor w2 (dz2/dh): dL/dw1 = -0.0161 has the wrong sign, w1 moves the wrong way. Task 1 correct (while loop, semilogy).",
  "while loop, chain rule missing weight")

M("m12_w1_grad_uses_updated_w2", std(r'''
import numpy as np
import matplotlib.pyplot as plt

x = 10.0
eta = 0.15
path = [x]
for _ in range(25):
    x = x - eta * (2 * x)
    path.append(x)
path = np.array(path)
vals = path ** 2 + 4

fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4))
u = np.linspace(-10, 10, 250)
a.plot(u, u ** 2 + 4, 'k'); a.plot(path, vals, 'o--', ms=4)
a.set_title('f(x) = x^2 + 4')
b.plot(vals, 'o-', ms=4); b.set_xlabel('iteration'); b.set_ylabel('f(x)')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


class Layer:
    def __init__(self, w):
        self.w = w

    def forward(self, a_in):
        self.a_in = a_in
        self.a_out = sigmoid(self.w * a_in)
        return self.a_out

    def backward(self, grad_out, lr):
        delta = grad_out * self.a_out * (1 - self.a_out)
        self.grad_w = delta * self.a_in
        self.w -= lr * self.grad_w        # update this layer
        return delta * self.w             # pass gradient to the previous layer


hidden = Layer(0.5)
output = Layer(-1.0)
x, target, lr = 1.0, 0.5, 0.1

y = output.forward(hidden.forward(x))
loss = (y - target) ** 2
print("y:", y, "loss:", loss)

g = output.backward(2 * (y - target), lr)
hidden.backward(g, lr)
print("grad w1:", hidden.grad_w, "grad w2:", output.grad_w)
print("w1:", hidden.w, "w2:", output.w)
'''), 2, "w1_gradient_uses_updated_w2",
  "Layer.backward updates self.w before returning delta*self.w, so the gradient for w1 is propagated through the already-updated w2 (-0.9957 instead of -1.0). Error is small numerically (dw1 0.016037 vs 0.016106) but the backprop is wrong. Task 1 correct.",
  "Layer class with in-place update during backward")

M("m13_sigmoid_sign_error", std(r'''
import numpy as np
import matplotlib.pyplot as plt
import pandas as pd

rows = []
x, lr = 10.0, 0.1
for k in range(26):
    rows.append({'iteration': k, 'x': x, 'f': x**2 + 4})
    x = x - lr * 2 * x
df = pd.DataFrame(rows)

xx = np.linspace(-10, 10, 200)
plt.plot(xx, xx**2 + 4, label='f(x) = x^2 + 4')
plt.plot(df['x'], df['f'], 'o', label='iterates')
plt.legend()
plt.show()
df.plot(x='iteration', y='f', title='f(x) per iteration')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(z))

x = 1.0
w1, w2 = 0.5, -1.0
lr = 0.1
target = 0.5

h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = (y - target) ** 2

dy = 2 * (y - target)
dz2 = dy * y * (1 - y)
dw2 = dz2 * h
dz1 = dz2 * w2 * h * (1 - h)
dw1 = dz1 * x

w1 -= lr * dw1
w2 -= lr * dw2
print("forward: h =", h, " y =", y, " loss =", loss)
print("grads:", dw1, dw2)
print("updated:", w1, w2)
'''), 2, "sigmoid_sign_error",
  "sigmoid implemented as 1/(1+exp(z)) (missing minus), i.e. sigma(-z): forward values (h=0.3775, y=0.5933) and all gradients are wrong; the y(1-y) derivative is then also inconsistent with the function used. Task 1 correct (pandas).",
  "pandas for Task 1, wrong sigmoid")

M("m14_w2_gradient_uses_input", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

lr = 0.1
x = 10
f_vals = []
for _ in range(20):
    f_vals.append(f(x))
    x = x - lr * 2 * x
f_vals.append(f(x))

fig, ax = plt.subplots(figsize=(6, 4))
t = np.linspace(-10, 10, 100)
ax.plot(t, f(t))
ax.set_title('f(x) = x^2 + 4')
plt.show()

fig, ax = plt.subplots(figsize=(6, 4))
ax.bar(range(len(f_vals)), f_vals)
ax.set_xlabel('iteration'); ax.set_ylabel('f(x)')
plt.show()
''', r'''
import math

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

# forward
z1 = w1 * x
a1 = sigmoid(z1)
z2 = w2 * a1
a2 = sigmoid(z2)
loss = (a2 - target) ** 2

# backward
delta2 = 2 * (a2 - target) * a2 * (1 - a2)
dw2 = delta2 * x
delta1 = delta2 * w2 * a1 * (1 - a1)
dw1 = delta1 * x

# update
w1 = w1 - lr * dw1
w2 = w2 - lr * dw2
print("loss =", loss)
print("dw1 =", dw1, " dw2 =", dw2)
print("w1 =", w1, " w2 =", w2)
'''), 2, "w2_gradient_uses_input_not_hidden",
  "dL/dw2 multiplies by the network input x instead of the hidden activation a1 (-0.0685 instead of -0.0427). Task 1 correct (bar chart).",
  "scalar backprop, wrong local input for w2")

M("m15_output_sigmoid_derivative_missing", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def gd(x0, lr, n):
    xs = [x0]
    for _ in range(n):
        xs.append(xs[-1] - lr * 2 * xs[-1])
    return np.array(xs)

xs = gd(10, 0.1, 30)
fs = xs**2 + 4
grid = np.linspace(-10, 10, 300)
plt.figure(figsize=(12, 4))
plt.subplot(121); plt.plot(grid, grid**2 + 4); plt.plot(xs, fs, 'r.'); plt.title('f(x)=x^2+4')
plt.subplot(122); plt.plot(fs); plt.title('f vs iteration'); plt.xlabel('iteration')
plt.show()
''', r'''
import math

sigmoid = lambda z: 1 / (1 + math.exp(-z))

x, target = 1.0, 0.5
w1, w2 = 0.5, -1.0
lr = 0.1

# forward
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = (y - target) ** 2

# backward
error = 2 * (y - target)
grad_w2 = error * h
grad_h = error * w2
grad_w1 = grad_h * h * (1 - h) * x

# update
w1 -= lr * grad_w1
w2 -= lr * grad_w2
print(f"y = {y:.5f}, loss = {loss:.5f}")
print(f"grad_w1 = {grad_w1:.5f}, grad_w2 = {grad_w2:.5f}")
print(f"w1 = {w1:.5f}, w2 = {w2:.5f}")
'''), 2, "output_sigmoid_derivative_missing",
  "Forward pass applies sigmoid at the output but backward skips y(1-y) at the output (treats it as linear): gradients ~4.4x too large. Task 1 correct.",
  "helper gd() function, missing activation derivative")

M("m16_update_sign_ascent", std(r'''
import numpy as np
import matplotlib.pyplot as plt

x = 10.0
lr = 0.25
log = []
for k in range(15):
    log.append((k, x, x ** 2 + 4))
    x = x - lr * (2 * x)
log = np.array(log)

fig, ax = plt.subplots(1, 2, figsize=(11, 4))
xx = np.linspace(-10, 10, 200)
ax[0].plot(xx, xx ** 2 + 4); ax[0].scatter(log[:, 1], log[:, 2], c='r')
ax[0].set_title('f(x) = x^2 + 4')
ax[1].plot(log[:, 0], log[:, 2], 'o-'); ax[1].set_title('f(x) by iteration')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

x, t = 1.0, 0.5
w1, w2 = 0.5, -1.0
lr = 0.1

h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = (y - t) ** 2
print("before: y =", y, "loss =", loss)

delta_o = 2 * (y - t) * y * (1 - y)
dw2 = delta_o * h
delta_h = delta_o * w2 * h * (1 - h)
dw1 = delta_h * x

w1 = w1 + lr * dw1
w2 = w2 + lr * dw2
print("gradients:", dw1, dw2)
print("after update: w1 =", w1, "w2 =", w2)
print("new loss:", (sigmoid(w2 * sigmoid(w1 * x)) - t) ** 2)
'''), 2, "update_sign_ascent",
  "Gradients correct but the update adds them (w + lr*grad): loss goes up (printed new loss is larger). Task 1 correct.",
  "numpy log array, wrong update sign")

M("m17_sigmoid_derivative_on_preactivation", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x): return x**2 + 4
def grad(x): return 2*x

x = 10.
lr = 0.1
xs = []
while f(x) - 4 > 1e-6:
    xs.append(x)
    x -= lr * grad(x)
xs.append(x)
xs = np.array(xs)

fig, ax = plt.subplots(2, 1, figsize=(6, 8))
ax[0].plot(np.linspace(-10, 10), f(np.linspace(-10, 10)))
ax[0].plot(xs, f(xs), 'go')
ax[0].set_title('f(x)')
ax[1].plot(f(xs))
ax[1].set_title('f(x) vs iteration')
plt.show()
''', r'''
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def d_sigmoid(s):
    return s * (1 - s)

x = 1.0
w1, w2 = 0.5, -1.0
lr = 0.1
target = 0.5

z1 = w1 * x
a1 = sigmoid(z1)
z2 = w2 * a1
a2 = sigmoid(z2)
loss = (a2 - target) ** 2

dz2 = 2 * (a2 - target) * d_sigmoid(z2)
dw2 = dz2 * a1
dz1 = dz2 * w2 * d_sigmoid(z1)
dw1 = dz1 * x

w1 -= lr * dw1
w2 -= lr * dw2
print("loss:", loss, "dw1:", dw1, "dw2:", dw2)
print("w1:", w1, "w2:", w2)
'''), 2, "sigmoid_derivative_on_preactivation",
  "d_sigmoid(s)=s(1-s) expects the activation but is fed z1, z2: uses z(1-z) (e.g. 0.25 and -1.01) instead of a(1-a); dw2 even flips sign. Task 1 correct.",
  "while on f gap, derivative-on-wrong-variable")

M("m18_wrong_initial_weight", std(r'''
import numpy as np
import matplotlib.pyplot as plt

x = 10
learning_rate = 0.1
n_steps = 30
values = [x**2 + 4]
for i in range(n_steps):
    gradient = 2 * x
    x = x - learning_rate * gradient
    values.append(x**2 + 4)

plt.figure(figsize=(6, 4))
xs = np.arange(-10, 10.1, 0.1)
plt.plot(xs, xs**2 + 4)
plt.xlabel('x'); plt.ylabel('f(x)'); plt.title('f(x) = x^2 + 4')
plt.show()

plt.figure(figsize=(6, 4))
plt.plot(values, 'o-')
plt.xlabel('iteration'); plt.ylabel('f(x)'); plt.title('f(x) over the iterations')
plt.show()
''', r'''
import math

x = 1.0
w1 = 0.5
w2 = 1.0
lr = 0.1
target = 0.5

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

# forward
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = (y - target) ** 2

# backward
dL_dy = 2 * (y - target)
dL_dz2 = dL_dy * y * (1 - y)
dL_dw2 = dL_dz2 * h
dL_dz1 = dL_dz2 * w2 * h * (1 - h)
dL_dw1 = dL_dz1 * x

# update
w1 -= lr * dL_dw1
w2 -= lr * dL_dw2
print("y =", y, "loss =", loss)
print("dL/dw1 =", dL_dw1, "dL/dw2 =", dL_dw2)
print("w1 =", w1, "w2 =", w2)
'''), 2, "wrong_initial_weight",
  "weight2 initialised to +1.0 instead of the given -1.0 (dropped sign), so every number in Task 2 is for a different network (y=0.6508). Method otherwise correct. Task 1 correct.",
  "standard scalar code, wrong given value")

M("m19_no_update_step", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

def gradient_descent(start, lr, n):
    x = start
    xs = [x]
    for _ in range(n):
        x = x - lr * 2 * x
        xs.append(x)
    return xs

xs = gradient_descent(10, 0.2, 15)
fs = [f(v) for v in xs]

fig, ax = plt.subplots(1, 2, figsize=(12, 4))
grid = np.linspace(-10, 10, 200)
ax[0].plot(grid, f(grid)); ax[0].plot(xs, fs, 'ko', ms=3)
ax[0].set_title('f(x) = x^2 + 4')
ax[1].plot(fs, 'o-'); ax[1].set_title('f(x) vs iteration')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

# Forward pass
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = (y - target) ** 2
print("Hidden:", h)
print("Output:", y)
print("Loss:", loss)

# Gradients
dL_dy = 2 * (y - target)
dy_dz2 = y * (1 - y)
dL_dw2 = dL_dy * dy_dz2 * h
dL_dw1 = dL_dy * dy_dz2 * w2 * h * (1 - h) * x
print("Gradient w1:", dL_dw1)
print("Gradient w2:", dL_dw2)
'''), 2, "no_update_step",
  "Forward pass and both gradients are correct but the required weight update with lr=0.1 is never performed (lr defined, unused). Task 1 correct.",
  "incomplete Task 2")

M("m20_w1_updated_with_w2_gradient", std(r'''
import numpy as np
import matplotlib.pyplot as plt

f = lambda v: v**2 + 4
x0, lr, n = 10, 0.1, 20
xs = [x0]
for i in range(n):
    xs.append(xs[-1] - lr * 2 * xs[-1])
fs = list(map(f, xs))

plt.figure(figsize=(10, 4))
plt.subplot(1, 2, 1)
plt.plot(np.linspace(-10, 10, 200), f(np.linspace(-10, 10, 200)))
plt.plot(xs, fs, 'o')
plt.subplot(1, 2, 2)
plt.plot(fs, '-o')
plt.xlabel('step'); plt.ylabel('f')
plt.tight_layout()
plt.show()
''', r'''
import math

peso1 = 0.5
peso2 = -1.0
entrada = 1.0
objetivo = 0.5
tasa = 0.1

def sigmoide(z):
    return 1 / (1 + math.exp(-z))

# hacia adelante
oculta = sigmoide(peso1 * entrada)
salida = sigmoide(peso2 * oculta)
perdida = (salida - objetivo) ** 2

# hacia atras
delta_salida = 2 * (salida - objetivo) * salida * (1 - salida)
grad_peso2 = delta_salida * oculta
delta_oculta = delta_salida * peso2 * oculta * (1 - oculta)
grad_peso1 = delta_oculta * entrada

# actualizacion
peso1 = peso1 - tasa * grad_peso2
peso2 = peso2 - tasa * grad_peso2
print("perdida:", perdida)
print("gradientes:", grad_peso1, grad_peso2)
print("pesos nuevos:", peso1, peso2)
'''), 2, "w1_updated_with_w2_gradient",
  "Copy-paste slip: peso1 is updated with grad_peso2 (new w1 = 0.50427 instead of 0.49839). Gradients themselves correct. Spanish identifiers. Task 1 correct.",
  "Spanish names, copy-paste bug")

M("m21_loss_derivative_sign_flipped", std(r'''
import numpy as np
import matplotlib.pyplot as plt

class GD:
    def __init__(self, lr):
        self.lr = lr
    def run(self, x, steps):
        hist = [x]
        for _ in range(steps):
            x = x - self.lr * 2 * x
            hist.append(x)
        return np.array(hist)

xs = GD(0.1).run(10.0, 25)
fs = xs ** 2 + 4
fig, ax = plt.subplots(1, 2, figsize=(11, 4))
ax[0].plot(np.linspace(-10, 10, 100), np.linspace(-10, 10, 100) ** 2 + 4)
ax[0].plot(xs, fs, 'r.')
ax[1].plot(fs)
ax[1].set_xlabel('iteration'); ax[1].set_ylabel('f(x)')
plt.show()
''', r'''
import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

x = 1.0
w1, w2 = 0.5, -1.0
lr = 0.1
target = 0.5

# forward
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = 0.5 * (target - y) ** 2

# backward
dloss_dy = target - y
delta_out = dloss_dy * y * (1 - y)
grad_w2 = delta_out * h
delta_hidden = delta_out * w2 * h * (1 - h)
grad_w1 = delta_hidden * x

# gradient descent step
w1 = w1 - lr * grad_w1
w2 = w2 - lr * grad_w2
print("loss:", loss)
print("grad:", grad_w1, grad_w2)
print("w1:", w1, "w2:", w2)
'''), 2, "loss_derivative_sign_flipped",
  "For L=0.5(t-y)^2 the derivative is -(t-y) = (y-t), but the code uses (t-y); combined with w -= lr*grad the weights move uphill (w2 -> -1.0021). Task 1 correct (class).",
  "GD class, loss derivative sign error")

M("m22_relu_hidden_instead_of_sigmoid", std(r'''
import numpy as np
import matplotlib.pyplot as plt

def f(x):
    return x**2 + 4

x = 10
lr = 0.05
results = []
for i in range(50):
    results.append([i, x, f(x)])
    x = x - lr * 2 * x
results = np.array(results)

plt.figure(figsize=(6, 4))
plt.plot(np.linspace(-10, 10, 100), f(np.linspace(-10, 10, 100)))
plt.plot(results[:, 1], results[:, 2], '.')
plt.title('f(x) = x^2 + 4')
plt.show()

plt.figure(figsize=(6, 4))
plt.plot(results[:, 0], results[:, 2])
plt.xlabel('iteration'); plt.ylabel('f(x)')
plt.title('f(x) vs iteration')
plt.show()
''', r'''
import math

# I use ReLU in the hidden layer (it is better against vanishing gradients)
# and sigmoid at the output
def relu(z):
    return max(0.0, z)

def relu_grad(z):
    return 1.0 if z > 0 else 0.0

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

z1 = w1 * x
h = relu(z1)
z2 = w2 * h
y = sigmoid(z2)
loss = (y - target) ** 2

delta2 = 2 * (y - target) * y * (1 - y)
dw2 = delta2 * h
delta1 = delta2 * w2 * relu_grad(z1)
dw1 = delta1 * x

w1 -= lr * dw1
w2 -= lr * dw2
print("h =", h, "y =", y, "loss =", loss)
print("dw1 =", dw1, "dw2 =", dw2)
print("w1 =", w1, "w2 =", w2)
'''), 2, "relu_hidden_instead_of_sigmoid",
  "Hidden layer uses ReLU although the assignment prescribes sigmoid; backprop is consistent with ReLU, but all numbers differ from the required network. Task 1 correct.",
  "deliberate deviation from spec")


# =====================================================================
# build
# =====================================================================
def build_nb(cells):
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.11"},
    }
    for kind, src in cells:
        nb.cells.append(new_markdown_cell(src) if kind == "md" else new_code_cell(src))
    nbformat.validate(nb)
    return nb


def main():
    names = [e["file"] for e in ENTRIES]
    assert len(names) == len(set(names)), "duplicate file names"
    for sub in ("honest", "mistaken"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    for e in ENTRIES:
        nbformat.write(build_nb(e["cells"]), os.path.join(HERE, e["file"]))

    grades = [e["grade"] for e in ENTRIES]
    gpath = os.path.join(HERE, "grades.json")
    if not os.path.exists(gpath):
        with open(gpath, "w") as fh:
            json.dump(grades, fh, indent=2, ensure_ascii=False)
        print("wrote grades.json")
    else:
        with open(gpath) as fh:
            old = json.load(fh)
        if old != grades:
            print("WARNING: grades in make.py differ from the frozen grades.json (grades.json left untouched)")
    n_h = sum(f.startswith("honest/") for f in names)
    print(f"{len(names)} notebooks: {n_h} honest, {len(names) - n_h} mistaken")


if __name__ == "__main__":
    main()
