import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell as md, new_code_cell as code

TITLE = "# Analytical Quiz: Backpropagation & Gradient Descent"
QS = [
    "In your own words, explain the goal of gradient descent. Why is it used in training neural networks?",
    "A model’s loss decreases very slowly during training. What could be the causes and how would you troubleshoot this?",
    "What is the role of the learning rate in gradient descent? Describe what might happen if it’s too small or too large.",
    "How does backpropagation use the chain rule from calculus? Why is this important?",
    "Suppose you are training a neural network and you notice the gradients are either vanishing or exploding. What are some ways to address this?",
]

def seed_questions(title=True, heading="### Questions"):
    s = (TITLE + "\n\n") if title else ""
    s += heading + "\n\n" + "\n\n".join(f"{i+1}. {q}" for i, q in enumerate(QS))
    return md(s)

T1_MD = """# Assignment: Simulating Gradient Descent and Backpropagation

### Task 1: Visualize Gradient Descent

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

T1 = [
"""import numpy as np
import matplotlib.pyplot as plt

x = 10
lr = 0.1
history = []
for _ in range(30):
    grad = 2 * x
    x = x - lr * grad
    history.append((x, x**2 + 4))

xs, ys = zip(*history)
plt.plot(xs, ys, marker='o')
plt.title("Gradient Descent on f(x) = x² + 4")
plt.show()""",
"""import numpy as np
import matplotlib.pyplot as plt
f = lambda x: x**2 + 4
df = lambda x: 2*x
x, lr = 10.0, 0.1
vals = []
for i in range(25):
    x -= lr * df(x)
    vals.append(f(x))
plt.plot(vals); plt.xlabel("iteration"); plt.ylabel("f(x)"); plt.show()""",
"""import numpy as np, matplotlib.pyplot as plt
grid = np.linspace(-11, 11, 200)
path = [10.0]
for _ in range(20):
    path.append(path[-1] - 0.15 * 2 * path[-1])
path = np.array(path)
plt.plot(grid, grid**2 + 4, label="f(x)")
plt.scatter(path, path**2 + 4, c="red", label="GD steps")
plt.legend(); plt.show()""",
"""import matplotlib.pyplot as plt
def gd(x0=10, lr=0.1, n=40):
    xs = [x0]
    for _ in range(n):
        xs.append(xs[-1] - lr * 2 * xs[-1])
    return xs
xs = gd()
plt.semilogy([x**2 + 4 for x in xs]); plt.title("f(x) per iteration"); plt.show()""",
]

T2 = [
"""import numpy as np
sigmoid = lambda z: 1 / (1 + np.exp(-z))
x, w1, w2, y_true, lr = 1.0, 0.5, -1.0, 0.5, 0.1
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = 0.5 * (y - y_true) ** 2
d_y = (y - y_true) * y * (1 - y)
dw2 = d_y * h
dw1 = d_y * w2 * h * (1 - h) * x
w1, w2 = w1 - lr * dw1, w2 - lr * dw2
print(loss, w1, w2)""",
"""import math
def sig(z): return 1 / (1 + math.exp(-z))
x, w1, w2, t = 1.0, 0.5, -1.0, 0.5
z1 = w1 * x; h = sig(z1)
z2 = w2 * h; out = sig(z2)
L = (out - t) ** 2
dL_dout = 2 * (out - t)
delta2 = dL_dout * out * (1 - out)
grad_w2 = delta2 * h
grad_w1 = delta2 * w2 * h * (1 - h) * x
w1 -= 0.1 * grad_w1; w2 -= 0.1 * grad_w2
print("loss", L, "new w1", w1, "new w2", w2)""",
"""import numpy as np
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
x, w1, w2, target = 1.0, 0.5, -1.0, 0.5
a1 = sigmoid(x * w1)
a2 = sigmoid(a1 * w2)
mse = (a2 - target) ** 2
g2 = 2 * (a2 - target) * a2 * (1 - a2) * a1
g1 = 2 * (a2 - target) * a2 * (1 - a2) * w2 * a1 * (1 - a1) * x
print(f"MSE={mse:.4f}  dL/dw1={g1:.4f}  dL/dw2={g2:.4f}")
w1, w2 = w1 - 0.1 * g1, w2 - 0.1 * g2
print(w1, w2)""",
]

def tasks(v=0, t1_extra=None):
    cells = [md(T1_MD), code(T1[v % len(T1)])]
    if t1_extra:
        cells.append(t1_extra)
    cells += [md(T2_MD), code(T2[v % len(T2)])]
    return cells

def task1(v=0):
    return [md(T1_MD), code(T1[v % len(T1)])]

def task2(v=0):
    return [md(T2_MD), code(T2[v % len(T2)])]
