#!/usr/bin/env python3
"""Generate 20 synthetic student submissions for the
'Backpropagation & Gradient Descent' assignment (seed.md).

Each student is one function returning a list of cells.  Notebooks are
written with nbformat (v4), validated, and NOT executed (outputs empty).

Usage:  python3 make.py      (writes sNN_*.ipynb next to this script)
"""
import os
import textwrap

import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell

OUT = os.path.dirname(os.path.abspath(__file__))

QUESTIONS = [
    "In your own words, explain the goal of gradient descent. Why is it used in training neural networks?",
    "A model\u2019s loss decreases very slowly during training. What could be the causes and how would you troubleshoot this?",
    "What is the role of the learning rate in gradient descent? Describe what might happen if it\u2019s too small or too large.",
    "How does backpropagation use the chain rule from calculus? Why is this important?",
    "Suppose you are training a neural network and you notice the gradients are either vanishing or exploding. What are some ways to address this?",
]


def md(s):
    return new_markdown_cell(textwrap.dedent(s).strip("\n"))


def code(s):
    return new_code_cell(textwrap.dedent(s).strip("\n"))


# ---------------------------------------------------------------------------
# s01 - correct. Functions f/grad_f, x0=10, lr=0.1, 30 steps, two figures.
# Quiz: answer under each question (one markdown cell per question).
# ---------------------------------------------------------------------------
def s01():
    ans = [
        "Gradient descent is an iterative optimisation method. We compute the gradient of the loss with respect to "
        "the parameters and take a small step in the opposite direction, because locally that is the direction in "
        "which the loss decreases fastest. Neural networks have a huge number of parameters and there is no "
        "closed-form formula for the best weights, so we repeatedly nudge the weights \"downhill\" until the loss is small.",
        "Possible causes: the learning rate is too small; bad weight initialisation or saturated sigmoid/tanh units, "
        "so the gradients are tiny; the inputs are not normalised; or there is a bug in the loss/gradient code. "
        "To troubleshoot I would plot the loss curve, try a few larger learning rates, print the gradient magnitudes "
        "of each layer, normalise the inputs and check that the model can overfit a tiny subset of the data.",
        "The learning rate controls how big each update step is. If it is too small the training converges very "
        "slowly and can look stuck. If it is too large the updates overshoot the minimum, the loss oscillates or "
        "even diverges (goes up / becomes NaN).",
        "The loss is a composition of functions (layer after layer). Backpropagation applies the chain rule starting "
        "at the loss and going backwards: the derivative with respect to an early weight is the product of the local "
        "derivatives along the path, and each layer reuses the gradient already computed for the layer above it. "
        "This is important because it gives the gradient for every weight in a single backward pass, which is what "
        "makes training big networks feasible.",
        "Use ReLU instead of sigmoid, and use gradient clipping.",
    ]
    cells = [md("# Homework 4 \u2013 Gradient Descent and Backpropagation"), md("## Part A: Analytical Quiz")]
    for i, (q, a) in enumerate(zip(QUESTIONS, ans), 1):
        cells.append(md(f"**{i}. {q}**\n\n*Answer:* {a}"))
    cells += [
        md("## Part B: Task 1 \u2013 Visualize Gradient Descent"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        def f(x):
            return x**2 + 4

        def grad_f(x):
            return 2 * x   # d/dx (x^2 + 4)

        x = 10.0
        lr = 0.1
        steps = 30

        xs = [x]
        fs = [f(x)]
        for i in range(steps):
            x = x - lr * grad_f(x)
            xs.append(x)
            fs.append(f(x))

        print("final x:", x, " final f(x):", f(x))
        '''),
        code('''
        # the function together with the path taken by gradient descent
        grid = np.linspace(-11, 11, 200)
        plt.figure(figsize=(6, 4))
        plt.plot(grid, f(grid), label="f(x) = x^2 + 4")
        plt.plot(xs, fs, "o-", color="red", markersize=4, label="GD steps")
        plt.xlabel("x")
        plt.ylabel("f(x)")
        plt.legend()
        plt.grid(True)
        plt.show()

        # function value over the iterations
        plt.figure(figsize=(6, 4))
        plt.plot(range(steps + 1), fs, marker="o")
        plt.xlabel("iteration")
        plt.ylabel("f(x)")
        plt.title("f(x) during gradient descent")
        plt.grid(True)
        plt.show()
        '''),
        md("## Part B: Task 2 \u2013 Manual Backpropagation"),
        code('''
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))

        def sigmoid_prime(z):
            s = sigmoid(z)
            return s * (1 - s)

        x = 1.0
        w1 = 0.5
        w2 = -1.0
        lr = 0.1
        target = 0.5

        # forward pass
        z1 = w1 * x
        h = sigmoid(z1)
        z2 = w2 * h
        y = sigmoid(z2)
        loss = 0.5 * (y - target) ** 2
        print("h =", h, " y =", y, " loss =", loss)

        # backward pass
        dL_dy = y - target
        dL_dz2 = dL_dy * sigmoid_prime(z2)
        dL_dw2 = dL_dz2 * h
        dL_dh = dL_dz2 * w2
        dL_dz1 = dL_dh * sigmoid_prime(z1)
        dL_dw1 = dL_dz1 * x
        print("dL/dw1 =", dL_dw1, " dL/dw2 =", dL_dw2)

        # update
        w1 = w1 - lr * dL_dw1
        w2 = w2 - lr * dL_dw2
        print("new w1 =", w1, " new w2 =", w2)
        '''),
    ]
    return cells


# ---------------------------------------------------------------------------
# s02 - correct. gradient_descent() returns arrays, lr=0.05, 60 steps,
# side-by-side subplots.  Quiz: one "Answers" cell with Q1: labels (excellent).
# ---------------------------------------------------------------------------
def s02():
    return [
        md("# Gradient Descent & Backprop \u2013 submission"),
        md("### Task 1"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt


        def f(x):
            """Objective f(x) = x^2 + 4 (minimum 4 at x = 0)."""
            return x ** 2 + 4


        def df(x):
            """Derivative f'(x) = 2x."""
            return 2 * x


        def gradient_descent(x0, learning_rate, n_steps):
            xs = np.empty(n_steps + 1)
            xs[0] = x0
            for k in range(n_steps):
                xs[k + 1] = xs[k] - learning_rate * df(xs[k])
            return xs, f(xs)


        xs, fs = gradient_descent(x0=10.0, learning_rate=0.05, n_steps=60)
        print(f"start: x={xs[0]:.3f}, f={fs[0]:.3f}")
        print(f"end:   x={xs[-1]:.5f}, f={fs[-1]:.5f}")
        '''),
        code('''
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))

        xx = np.linspace(-10.5, 10.5, 400)
        ax1.plot(xx, f(xx), "k-", lw=1, label="$f(x)=x^2+4$")
        ax1.scatter(xs, fs, c="tab:orange", s=18, zorder=3, label="iterates")
        ax1.set_xlabel("x")
        ax1.set_ylabel("f(x)")
        ax1.set_title("Path of gradient descent")
        ax1.legend()

        ax2.plot(np.arange(len(fs)), fs, "-o", ms=3)
        ax2.axhline(4, ls="--", c="gray", label="minimum f = 4")
        ax2.set_xlabel("iteration")
        ax2.set_ylabel("f(x_k)")
        ax2.set_title("Function value vs. iteration (lr = 0.05)")
        ax2.legend()

        plt.tight_layout()
        plt.show()
        '''),
        md("### Task 2"),
        md('''
        Network: $x \\rightarrow z_1 = w_1 x \\rightarrow h = \\sigma(z_1) \\rightarrow z_2 = w_2 h \\rightarrow \\hat y = \\sigma(z_2)$,
        loss $L = \\tfrac12(\\hat y - y)^2$.
        '''),
        code('''
        import math

        def sigmoid(z):
            return 1.0 / (1.0 + math.exp(-z))

        x, w1, w2, lr, y = 1.0, 0.5, -1.0, 0.1, 0.5

        # ---- forward ----
        z1 = w1 * x
        h = sigmoid(z1)
        z2 = w2 * h
        y_hat = sigmoid(z2)
        L = 0.5 * (y_hat - y) ** 2
        print(f"z1={z1:.4f}  h={h:.4f}  z2={z2:.4f}  y_hat={y_hat:.4f}  L={L:.6f}")

        # ---- backward (chain rule) ----
        dL_dyhat = y_hat - y                 # dL/dy_hat
        dyhat_dz2 = y_hat * (1 - y_hat)      # sigma'(z2)
        delta2 = dL_dyhat * dyhat_dz2        # dL/dz2
        grad_w2 = delta2 * h                 # dz2/dw2 = h
        delta1 = delta2 * w2 * h * (1 - h)   # dL/dz1
        grad_w1 = delta1 * x                 # dz1/dw1 = x
        print(f"dL/dw2 = {grad_w2:.6f}")
        print(f"dL/dw1 = {grad_w1:.6f}")

        # ---- update ----
        w1_new = w1 - lr * grad_w1
        w2_new = w2 - lr * grad_w2
        print(f"w1: {w1} -> {w1_new:.6f}")
        print(f"w2: {w2} -> {w2_new:.6f}")
        '''),
        md('''
        ## Answers

        **Q1:** The goal of gradient descent is to find parameter values that minimise a function \u2013 in deep learning the loss. At the current parameters we compute the gradient, which points in the direction of steepest increase, and move a small step the other way; repeating this walks downhill towards a (local) minimum. It is used for neural networks because the loss is a differentiable function of millions of weights with no closed-form minimiser, and the gradient with respect to all of them can be computed cheaply with backpropagation (usually on mini-batches, i.e. SGD).

        **Q2:** Causes: (a) learning rate too small; (b) vanishing gradients, e.g. saturated sigmoid/tanh units or a poor initialisation; (c) badly scaled / unnormalised inputs making the loss surface ill-conditioned; (d) plateaus or saddle points; (e) a bug (wrong loss, gradients not flowing, frozen layers, data/label mismatch); (f) too strong regularisation or a model with too little capacity. Troubleshooting: plot training loss per step; do a learning-rate sweep / LR range test; log gradient norms per layer; standardise inputs; try He/Xavier init, batch norm, or Adam/momentum; verify the pipeline by overfitting a handful of examples; gradient-check the implementation.

        **Q3:** The learning rate scales the gradient, i.e. it sets the step size of each update. Too small: progress is very slow, training takes forever and can sit on plateaus. Too large: the step overshoots the minimum, so the loss oscillates or diverges (for f(x)=x\u00b2 any rate above 1 makes |x| grow). A good rate is large enough to be fast but small enough to be stable; schedules/warm-up help.

        **Q4:** A network computes a nested function L(f_n(...f_1(x; w_1)...; w_n)). The chain rule says the derivative of a composition is the product of the derivatives of its parts, so dL/dw_k = dL/da_n \u00b7 da_n/da_{n-1} \u00b7 ... \u00b7 da_k/dw_k. Backprop evaluates this from the output backwards, storing the "upstream" gradient dL/da at each layer and multiplying it by the local Jacobian, so shared factors are computed only once. This is important because it yields the gradients of all parameters at roughly the cost of one forward pass, instead of differentiating each weight separately.

        **Q5:** Vanishing: use ReLU/LeakyReLU/GELU instead of sigmoid/tanh, careful initialisation (Xavier/Glorot, He), batch/layer normalisation, residual (skip) connections, LSTM/GRU gates in recurrent nets. Exploding: gradient clipping (by norm), smaller learning rate, proper initialisation, normalisation, weight decay. Also monitor gradient norms per layer to see where the problem starts.
        '''),
    ]


# ---------------------------------------------------------------------------
# s03 - correct.  Preallocated numpy arrays, x0=-8, lr=0.2, 25 steps, step plot.
# Task 2 with a LINEAR output unit and MSE without the 1/2 (consistent).
# Quiz at the end, "Answer 1" ... cells.
# ---------------------------------------------------------------------------
def s03():
    cells = [
        md("Task 1"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        n_iter = 25
        eta = 0.2
        x_vals = np.zeros(n_iter + 1)
        f_vals = np.zeros(n_iter + 1)

        x_vals[0] = -8.0
        f_vals[0] = x_vals[0] ** 2 + 4
        for t in range(1, n_iter + 1):
            g = 2 * x_vals[t - 1]
            x_vals[t] = x_vals[t - 1] - eta * g
            f_vals[t] = x_vals[t] ** 2 + 4

        print(np.round(f_vals, 4))
        '''),
        code('''
        xgrid = np.linspace(-9, 9, 300)
        plt.plot(xgrid, xgrid ** 2 + 4)
        plt.plot(x_vals, f_vals, "rx")
        plt.title("f(x) = x^2 + 4 and the GD iterates")
        plt.show()

        plt.step(np.arange(n_iter + 1), f_vals, where="post")
        plt.xlabel("iteration t")
        plt.ylabel("f(x_t)")
        plt.title("value of f during gradient descent, start x=-8, eta=0.2")
        plt.show()
        '''),
        md("Task 2"),
        md("I use the sigmoid in the hidden unit and a linear output neuron (regression), loss = (y_hat - y)^2."),
        code('''
        def sig(v):
            return 1 / (1 + np.exp(-v))

        inp = 1.0
        weight1 = 0.5
        weight2 = -1.0
        eta = 0.1
        y = 0.5

        # forward
        a = weight1 * inp
        hidden = sig(a)
        y_hat = weight2 * hidden
        loss = (y_hat - y) ** 2
        print("hidden:", hidden, "output:", y_hat, "loss:", loss)

        # backward
        dloss_dyhat = 2 * (y_hat - y)
        g_weight2 = dloss_dyhat * hidden
        dloss_dhidden = dloss_dyhat * weight2
        dloss_da = dloss_dhidden * hidden * (1 - hidden)
        g_weight1 = dloss_da * inp
        print("grad weight1:", g_weight1, "grad weight2:", g_weight2)

        # one update step
        weight1 = weight1 - eta * g_weight1
        weight2 = weight2 - eta * g_weight2
        print("weight1 =", weight1, "weight2 =", weight2)

        # check: loss after the update
        y_hat_new = weight2 * sig(weight1 * inp)
        print("loss after update:", (y_hat_new - y) ** 2)
        '''),
        md("Quiz"),
    ]
    ans = [
        "Gradient descent finds the minimum of a function by going in the direction of the negative gradient. "
        "It is used for neural networks to minimize the loss function.",
        "The learning rate may be too small. You can increase it.",
        "It is the step size. Too small = slow, too large = it can overshoot and never converge.",
        "Backpropagation uses the chain rule to get the derivative of the loss with respect to every weight by "
        "multiplying the derivatives of the layers. It is important because otherwise we could not train the network.",
        "Use ReLU, or normalize the data.",
    ]
    for i, a in enumerate(ans, 1):
        cells.append(md(f"Answer {i}: {a}"))
    return cells


# ---------------------------------------------------------------------------
# s04 - correct.  Class-based optimiser, x0=10, lr=0.3, 20 steps, annotated
# trajectory + f vs iteration.  Task 2 with dict params/cache/grads.
# Quiz: bullet list in one cell at the end.
# ---------------------------------------------------------------------------
def s04():
    return [
        md("# Lab: gradient descent and backprop\n\n## 1. Gradient descent on f(x) = x\u00b2 + 4"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt


        class GradientDescent1D:
            def __init__(self, func, grad, lr):
                self.func = func
                self.grad = grad
                self.lr = lr
                self.path = []

            def step(self, x):
                return x - self.lr * self.grad(x)

            def run(self, x0, n_steps):
                x = x0
                self.path = [(0, x, self.func(x))]
                for k in range(1, n_steps + 1):
                    x = self.step(x)
                    self.path.append((k, x, self.func(x)))
                return x


        opt = GradientDescent1D(func=lambda x: x**2 + 4, grad=lambda x: 2 * x, lr=0.3)
        x_final = opt.run(x0=10.0, n_steps=20)
        for k, x, fx in opt.path[:6]:
            print(f"step {k:2d}: x = {x:8.4f}   f(x) = {fx:8.4f}")
        print("...")
        print(f"after 20 steps: x = {x_final:.2e}, f(x) = {opt.func(x_final):.6f}")
        '''),
        code('''
        its = np.array([p[0] for p in opt.path])
        xs = np.array([p[1] for p in opt.path])
        fs = np.array([p[2] for p in opt.path])

        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        u = np.linspace(-11, 11, 200)
        axes[0].plot(u, u**2 + 4, color="steelblue")
        axes[0].plot(xs, fs, "o--", color="crimson", ms=4)
        for k in range(4):
            axes[0].annotate(str(k), (xs[k], fs[k]), textcoords="offset points", xytext=(6, 6))
        axes[0].set_title("trajectory on the curve")
        axes[0].set_xlabel("x"); axes[0].set_ylabel("f(x)")

        axes[1].plot(its, fs, marker=".", color="crimson")
        axes[1].set_title("f(x_k) over iterations (lr = 0.3)")
        axes[1].set_xlabel("k"); axes[1].set_ylabel("f")
        axes[1].set_xticks(range(0, 21, 2))
        plt.show()
        '''),
        md("## 2. One step of backprop by hand"),
        code('''
        def sigmoid(z):
            return 1.0 / (1.0 + np.exp(-z))


        def forward(params, x):
            cache = {"x": x}
            cache["z1"] = params["w1"] * x
            cache["a1"] = sigmoid(cache["z1"])
            cache["z2"] = params["w2"] * cache["a1"]
            cache["a2"] = sigmoid(cache["z2"])
            return cache


        def mse(pred, target):
            return 0.5 * (pred - target) ** 2


        def backward(params, cache, target):
            grads = {}
            d_a2 = cache["a2"] - target
            d_z2 = d_a2 * cache["a2"] * (1 - cache["a2"])
            grads["w2"] = d_z2 * cache["a1"]
            d_a1 = d_z2 * params["w2"]
            d_z1 = d_a1 * cache["a1"] * (1 - cache["a1"])
            grads["w1"] = d_z1 * cache["x"]
            return grads


        params = {"w1": 0.5, "w2": -1.0}
        lr = 0.1
        x_in, target = 1.0, 0.5

        cache = forward(params, x_in)
        print("prediction:", cache["a2"], " loss:", mse(cache["a2"], target))
        grads = backward(params, cache, target)
        print("gradients:", grads)
        for name in params:
            params[name] -= lr * grads[name]
        print("updated params:", params)
        print("new loss:", mse(forward(params, x_in)["a2"], target))
        '''),
        md('''
        ## Quiz answers

        - **1.** Gradient descent tries to minimise a function (the loss) by repeatedly moving the parameters a small step against the gradient, since the negative gradient is the direction of steepest descent. We use it to train neural nets because there are too many weights to solve for the minimum analytically, but the gradient is easy to compute.
        - **2.** It can be a too small learning rate, vanishing gradients (e.g. sigmoid saturation), or features on very different scales. I would first try a bigger learning rate or a learning-rate sweep, then check the gradient sizes and normalise the inputs; switching to Adam can also help.
        - **3.** The learning rate is the size of the step we take in the direction of the negative gradient. Too small: convergence is very slow and you may run out of epochs before reaching a good loss. Too large: you jump over the minimum, the loss bounces around or increases and can blow up.
        - **4.** The output of a network is a chain of functions, so by the chain rule the derivative of the loss w.r.t. an inner weight is the product of the derivatives of all the functions in between. Backprop computes these products from the output layer back to the input layer, reusing the intermediate results, so all gradients are computed efficiently in one pass.
        - **5.** Vanishing: ReLU-type activations, He/Xavier initialisation, batch normalisation, residual connections. Exploding: gradient clipping, smaller learning rate, good initialisation / normalisation.
        '''),
    ]


# ---------------------------------------------------------------------------
# s05 - correct.  while-loop with tolerance, x0=10, lr=0.1.  Task 2 with
# 1x1 numpy matrices.  Quiz: weak answers, "Q1:" labels at the end.
# ---------------------------------------------------------------------------
def s05():
    return [
        md("## Task 1: Visualize Gradient Descent"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        f = lambda x: x**2 + 4
        fprime = lambda x: 2*x

        x = 10
        learning_rate = 0.1
        tol = 1e-6
        max_iter = 1000

        f_hist = [f(x)]
        it = 0
        while abs(fprime(x)) > tol and it < max_iter:
            x = x - learning_rate * fprime(x)
            f_hist.append(f(x))
            it += 1

        print("stopped after", it, "iterations at x =", x)

        plt.plot(f_hist)
        plt.axhline(y=4, color='g', linestyle=':', label='min value 4')
        plt.xlabel('Iteration')
        plt.ylabel('f(x)')
        plt.title('Gradient descent: f(x) = x^2 + 4')
        plt.legend()
        plt.show()
        '''),
        md("## Task 2: Manual Backpropagation (2-layer NN)"),
        code('''
        X = np.array([[1.0]])
        W1 = np.array([[0.5]])
        W2 = np.array([[-1.0]])
        Y = np.array([[0.5]])
        lr = 0.1

        def sigmoid(Z):
            return 1 / (1 + np.exp(-Z))

        # forward
        Z1 = X @ W1
        A1 = sigmoid(Z1)
        Z2 = A1 @ W2
        A2 = sigmoid(Z2)
        loss = np.mean((A2 - Y)**2) / 2
        print("output", A2, "loss", loss)

        # backward
        dA2 = A2 - Y
        dZ2 = dA2 * A2 * (1 - A2)
        dW2 = A1.T @ dZ2
        dA1 = dZ2 @ W2.T
        dZ1 = dA1 * A1 * (1 - A1)
        dW1 = X.T @ dZ1
        print("dW1", dW1, "dW2", dW2)

        # update
        W1 = W1 - lr * dW1
        W2 = W2 - lr * dW2
        print("W1", W1)
        print("W2", W2)
        '''),
        md('''
        ## Quiz

        Q1: To make the loss smaller.

        Q2: Maybe the model is too small or the data is bad.

        Q3: Learning rate is how fast it learns. If it's too big it's bad.

        Q4: It uses the chain rule to calculate the gradients.

        Q5: Use a different activation function.
        '''),
    ]


# ---------------------------------------------------------------------------
# s06 - correct.  x0=10, lr=0.9 (oscillates in x but converges), 40 steps,
# subplots for x and f.  Quiz bullets in one cell at the top.
# ---------------------------------------------------------------------------
def s06():
    return [
        md("# Assignment: Gradient Descent and Backprop"),
        md('''
        **Quiz**

        * **1)** Gradient descent is a way to find the minimum of a function. You look at the slope (gradient) and move the opposite way step by step. In neural networks we want the weights with the lowest loss, and gradient descent is how we find them because we can't just solve for them directly.
        * **2)** Causes could be a learning rate that is too low, or a network that is too deep so the gradients get small. I would try increasing the learning rate and look at the loss curve for different values.
        * **3)** The learning rate decides how far we move each step. Too small means it takes a lot of steps to get to the minimum. Too large means we can jump past the minimum and bounce back and forth, or the loss can even explode.
        * **4)** The network is functions inside functions, and the chain rule lets us take the derivative of the loss with respect to each weight by multiplying the derivatives of each layer going backwards. It is important because that is how we get the gradients that gradient descent needs.
        * **5)** For vanishing gradients use ReLU instead of sigmoid and batch normalization. For exploding gradients use gradient clipping or a smaller learning rate.
        '''),
        md("## Task 1"),
        code('''
        %matplotlib inline
        import numpy as np
        import matplotlib.pyplot as plt

        def func(x):
            return x * x + 4

        def deriv(x):
            return 2 * x

        # I picked a big learning rate on purpose: x jumps from one side of the
        # minimum to the other, but |x| still shrinks every step (factor 0.8)
        lr = 0.9
        x_cur = 10.0
        x_list, f_list = [x_cur], [func(x_cur)]
        for step in range(40):
            x_cur -= lr * deriv(x_cur)
            x_list.append(x_cur)
            f_list.append(func(x_cur))

        fig, ax = plt.subplots(2, 1, figsize=(7, 7), sharex=True)
        ax[0].plot(x_list, "s-", color="purple")
        ax[0].axhline(0, color="k", lw=0.5)
        ax[0].set_ylabel("x")
        ax[0].set_title("x oscillates around 0 but converges")
        ax[1].plot(f_list, "o-", color="darkgreen")
        ax[1].set_ylabel("f(x) = x^2 + 4")
        ax[1].set_xlabel("iteration")
        ax[1].set_title("f decreases every iteration")
        plt.tight_layout()
        plt.show()
        print("final f:", f_list[-1])
        '''),
        md("## Task 2"),
        code('''
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))

        x_in = 1.0
        w_1 = 0.5
        w_2 = -1.0
        alpha = 0.1
        t = 0.5

        # forward pass
        net_h = w_1 * x_in
        out_h = sigmoid(net_h)
        net_o = w_2 * out_h
        out_o = sigmoid(net_o)
        E = 0.5 * (t - out_o) ** 2

        # backward pass
        dE_dout_o = -(t - out_o)
        dout_o_dnet_o = out_o * (1 - out_o)
        dE_dw2 = dE_dout_o * dout_o_dnet_o * out_h

        dE_dout_h = dE_dout_o * dout_o_dnet_o * w_2
        dout_h_dnet_h = out_h * (1 - out_h)
        dE_dw1 = dE_dout_h * dout_h_dnet_h * x_in

        w_1_new = w_1 - alpha * dE_dw1
        w_2_new = w_2 - alpha * dE_dw2

        print(f"{'quantity':<12}{'value':>12}")
        for name, val in [("out_h", out_h), ("out_o", out_o), ("E", E),
                          ("dE/dw1", dE_dw1), ("dE/dw2", dE_dw2),
                          ("w1 new", w_1_new), ("w2 new", w_2_new)]:
            print(f"{name:<12}{val:>12.6f}")
        '''),
    ]


# ---------------------------------------------------------------------------
# s07 - correct.  x0=5, lr=0.01, 400 steps.  Task 2 with math and
# forward()/backward() functions.  Quiz at the top, question then answer.
# ---------------------------------------------------------------------------
def s07():
    quiz = ["# Quiz"]
    ans = [
        "The goal is to minimise the loss function by updating the parameters in the direction of the negative "
        "gradient, little by little. Neural networks are trained this way because the loss depends on very many "
        "weights and we cannot compute the optimum directly, but we can compute the gradient (with backprop) and follow it downhill.",
        "Most likely the learning rate is too small, or the gradients are very small because of saturating "
        "activations / vanishing gradients. It could also be unnormalised input features. I would plot the loss, "
        "try larger learning rates, check gradient norms and normalise the data.",
        "It sets the step size of each update. If it is too small, learning is slow and may get stuck on plateaus; "
        "if it is too large, the parameters overshoot the minimum, oscillate and may diverge.",
        "Backprop computes dL/dw by applying the chain rule layer by layer from the output backwards, multiplying "
        "local derivatives. This is important because it lets us compute all the gradients efficiently.",
        "Use ReLU/leaky ReLU, good weight initialisation (Xavier or He), batch normalisation, and gradient clipping for exploding gradients.",
    ]
    for i, (q, a) in enumerate(zip(QUESTIONS, ans), 1):
        quiz.append(f"### Question {i}\n{q}\n\n{a}")
    return [
        md("\n\n".join(quiz)),
        md("# Task 1: gradient descent on f(x) = x^2 + 4"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        start = 5.0
        learning_rate = 0.01
        iterations = 400

        def f(x):
            return x ** 2 + 4

        current = start
        values = []
        for i in range(iterations + 1):
            values.append(f(current))
            gradient = 2 * current
            current = current - learning_rate * gradient

        print("f at start:", values[0], " f at the end:", values[-1])

        plt.figure(figsize=(8, 4))
        plt.plot(values, linewidth=2)
        plt.xlabel("iteration")
        plt.ylabel("f(x)")
        plt.title("Small learning rate (0.01): slow but steady decrease")
        plt.grid(alpha=0.3)
        plt.show()
        '''),
        md("# Task 2: manual backprop"),
        code('''
        import math

        def sigmoid(z):
            return 1 / (1 + math.exp(-z))

        def forward(x, w1, w2):
            z1 = w1 * x
            h = sigmoid(z1)
            z2 = w2 * h
            out = sigmoid(z2)
            return z1, h, z2, out

        def backward(x, w1, w2, target):
            z1, h, z2, out = forward(x, w1, w2)
            d_out = out - target                 # derivative of 1/2 (out - target)^2
            d_z2 = d_out * out * (1 - out)
            d_w2 = d_z2 * h
            d_h = d_z2 * w2
            d_z1 = d_h * h * (1 - h)
            d_w1 = d_z1 * x
            return d_w1, d_w2

        x = 1.0
        w1, w2 = 0.5, -1.0
        target = 0.5
        learning_rate = 0.1

        _, _, _, out = forward(x, w1, w2)
        loss = 0.5 * (out - target) ** 2
        print("output:", round(out, 5), "loss:", round(loss, 6))

        d_w1, d_w2 = backward(x, w1, w2, target)
        print("gradient w1:", d_w1)
        print("gradient w2:", d_w2)

        w1, w2 = w1 - learning_rate * d_w1, w2 - learning_rate * d_w2
        print("w1 after update:", w1)
        print("w2 after update:", w2)
        '''),
    ]


# ---------------------------------------------------------------------------
# s08 - correct.  itertools.accumulate, x0=-10, lr=0.15, 35 steps.
# Task 2 with finite-difference check.  Quiz: question cell + answer cell each.
# ---------------------------------------------------------------------------
def s08():
    ans = [
        "Gradient descent is a first-order optimisation algorithm: it minimises a differentiable objective by "
        "iterating $\\theta \\leftarrow \\theta - \\eta \\nabla L(\\theta)$. The negative gradient is the direction of "
        "steepest local decrease, so with a suitable step size each update lowers the loss. In neural networks the "
        "loss is a high-dimensional, non-convex function of all the weights with no analytic minimiser, but its "
        "gradient can be computed exactly and cheaply by backpropagation (and estimated on mini-batches), so "
        "gradient descent and its variants (SGD, momentum, Adam) are the practical way to fit the weights.",
        "Typical causes: (1) learning rate too low; (2) vanishing gradients from saturating activations, deep "
        "sigmoid stacks or bad initialisation; (3) poorly conditioned problem \u2013 unscaled features, so the "
        "loss surface is a long narrow valley; (4) plateaus/saddle points; (5) bugs: wrong loss, labels shuffled "
        "independently from inputs, gradients detached, layers frozen, too strong regularisation; (6) too small "
        "a model or batch-size/optimiser issues. Troubleshooting: plot loss per iteration (train and val); run an "
        "LR range test; monitor per-layer gradient and weight-update norms; standardise inputs; sanity-check by "
        "overfitting 10 examples; numerically gradient-check custom layers; then try better init, batch norm, "
        "momentum/Adam or a learning-rate schedule.",
        "The learning rate $\\eta$ multiplies the gradient and therefore sets the step length. Too small: the loss "
        "decreases very slowly, training needs many more iterations and may stall on plateaus or in poor regions. "
        "Too large: steps overshoot the minimum, the loss oscillates, and beyond a threshold it diverges (for "
        "$f(x)=x^2+4$, $x_{k+1}=(1-2\\eta)x_k$, which diverges for $\\eta>1$). In between, a moderate rate (often "
        "with decay or warm-up) gives fast, stable convergence.",
        "A network is a composition $L = \\ell(f_n(\\dots f_1(x)))$. The chain rule gives "
        "$\\partial L/\\partial w_k = \\partial L/\\partial a_n \\cdot \\partial a_n/\\partial a_{n-1} \\cdots "
        "\\partial a_k/\\partial w_k$. Backprop evaluates this product right-to-left: it propagates the error "
        "signal $\\delta = \\partial L/\\partial a$ backwards, multiplying by each layer's local derivative and "
        "reusing the stored forward activations. Because the common factors are shared, all gradients cost about "
        "as much as one forward pass, which is what makes training large networks computationally possible.",
        "Vanishing: non-saturating activations (ReLU, Leaky ReLU, GELU), variance-preserving initialisation "
        "(Xavier for tanh, He for ReLU), batch/layer normalisation, residual connections, gated units (LSTM/GRU) "
        "in RNNs, shorter paths or auxiliary losses. Exploding: gradient clipping by norm or value, lower learning "
        "rate, proper initialisation, normalisation, weight regularisation. In both cases monitor per-layer "
        "gradient norms to locate the problem.",
    ]
    cells = [md("# Gradient Descent & Backpropagation\n\n---\n## Quiz")]
    for i, (q, a) in enumerate(zip(QUESTIONS, ans), 1):
        cells.append(md(f"#### {i}. {q}"))
        cells.append(md(a))
    cells += [
        md("---\n## Task 1 \u2013 Visualize gradient descent"),
        code('''
        from itertools import accumulate

        import numpy as np
        import matplotlib.pyplot as plt

        f = lambda x: x**2 + 4
        df = lambda x: 2 * x

        x0, eta, n = -10.0, 0.15, 35
        xs = np.array(list(accumulate(range(n), lambda x, _: x - eta * df(x), initial=x0)))
        fs = f(xs)
        print(len(xs), "points; f goes from", fs[0], "to", round(fs[-1], 8))
        '''),
        code('''
        fig = plt.figure(figsize=(12, 4))

        ax = fig.add_subplot(1, 2, 1)
        grid = np.linspace(-11, 11, 300)
        ax.plot(grid, f(grid), color="0.6")
        sc = ax.scatter(xs, fs, c=np.arange(len(xs)), cmap="viridis", zorder=3)
        fig.colorbar(sc, ax=ax, label="iteration")
        ax.set(xlabel="x", ylabel="f(x)", title=r"$f(x)=x^2+4$, start $x_0=-10$, $\\eta=0.15$")

        ax = fig.add_subplot(1, 2, 2)
        ax.plot(fs, "o-", ms=3)
        ax.set(xlabel="iteration", ylabel="f(x_k)", title="function value per iteration")
        ax.grid(True, ls=":")

        plt.tight_layout()
        plt.show()
        '''),
        md("---\n## Task 2 \u2013 Manual backpropagation"),
        code('''
        def sigmoid(z):
            return 1.0 / (1.0 + np.exp(-z))

        x, w1, w2, eta, target = 1.0, 0.5, -1.0, 0.1, 0.5

        def loss_fn(w1, w2):
            h = sigmoid(w1 * x)
            yhat = sigmoid(w2 * h)
            return 0.5 * (yhat - target) ** 2

        # forward
        z1 = w1 * x;  h = sigmoid(z1)
        z2 = w2 * h;  yhat = sigmoid(z2)
        L = 0.5 * (yhat - target) ** 2
        print(f"h = {h:.6f}, yhat = {yhat:.6f}, L = {L:.8f}")

        # backward
        delta_out = (yhat - target) * yhat * (1 - yhat)     # dL/dz2
        g2 = delta_out * h                                  # dL/dw2
        delta_hid = delta_out * w2 * h * (1 - h)            # dL/dz1
        g1 = delta_hid * x                                  # dL/dw1
        print(f"dL/dw1 = {g1:.8f}, dL/dw2 = {g2:.8f}")

        # numerical check (central differences)
        eps = 1e-6
        num1 = (loss_fn(w1 + eps, w2) - loss_fn(w1 - eps, w2)) / (2 * eps)
        num2 = (loss_fn(w1, w2 + eps) - loss_fn(w1, w2 - eps)) / (2 * eps)
        print(f"numerical:  {num1:.8f}, {num2:.8f}")

        # update
        w1, w2 = w1 - eta * g1, w2 - eta * g2
        print(f"updated: w1 = {w1:.6f}, w2 = {w2:.6f}, new loss = {loss_fn(w1, w2):.8f}")
        '''),
    ]
    return cells


# ---------------------------------------------------------------------------
# s09 - correct.  history dict, x0=10, lr=0.1, 50 steps.  Task 2 with
# L = (y - t)^2 and dL/dy = 2(y - t).  Terse quiz "Q1 -" in one cell.
# ---------------------------------------------------------------------------
def s09():
    return [
        code('''
        import numpy as np
        import matplotlib.pyplot as plt
        '''),
        md("**Task 1**"),
        code('''
        history = {"step": [], "x": [], "f": []}
        x = 10
        lr = 0.1
        for step in range(51):
            history["step"].append(step)
            history["x"].append(x)
            history["f"].append(x**2 + 4)
            x = x - lr * (2 * x)

        plt.plot(history["step"], history["f"], "r-o", markersize=3)
        plt.xlabel("step")
        plt.ylabel("f(x)")
        plt.title("f(x)=x^2+4 with gradient descent (lr=0.1, x0=10)")
        plt.show()
        '''),
        md("**Task 2**"),
        code('''
        sigmoid = lambda z: 1 / (1 + np.exp(-z))

        x = 1.0
        w1 = 0.5
        w2 = -1.0
        lr = 0.1
        target = 0.5

        h = sigmoid(w1 * x)
        out = sigmoid(w2 * h)
        loss = (out - target) ** 2          # squared error
        print("out =", out, "loss =", loss)

        dloss_dout = 2 * (out - target)
        dout_dz2 = out * (1 - out)
        grad_w2 = dloss_dout * dout_dz2 * h
        grad_w1 = dloss_dout * dout_dz2 * w2 * h * (1 - h) * x
        print("grad_w1 =", grad_w1, "grad_w2 =", grad_w2)

        w1 = w1 - lr * grad_w1
        w2 = w2 - lr * grad_w2
        print("w1 =", w1, "w2 =", w2)
        '''),
        md('''
        **Quiz**

        Q1 - Minimize the loss by moving the weights against the gradient. Used in NNs because it's the standard way to optimize the weights.

        Q2 - Learning rate too small, or vanishing gradients. Try a bigger learning rate.

        Q3 - Step size. Small = slow convergence, large = overshooting / divergence.

        Q4 - It multiplies the derivatives of each layer to get the gradient of the loss for each weight, going backwards from the output.

        Q5 - ReLU, gradient clipping, batch norm.
        '''),
    ]


# ---------------------------------------------------------------------------
# s10 - correct.  x0=7, lr=0.25, 15 steps, bar chart.  Task 2 with deltas
# and new loss.  Quiz: question+answer in separate markdown cells (mixed).
# ---------------------------------------------------------------------------
def s10():
    ans = [
        "Gradient descent is an algorithm for minimising a function. Starting from some parameters, it computes the "
        "gradient (the direction in which the function increases the most) and updates the parameters a small "
        "amount in the opposite direction, repeating until the function stops decreasing. In neural networks the "
        "function we minimise is the loss on the training data, and because there are thousands or millions of "
        "weights and no formula for the optimum, this iterative method is what we use to learn the weights.",
        "The data might not be good enough, or the model might need more epochs.",
        "The learning rate is how big the steps are. If it is too small the model learns too slowly. If it is too "
        "large the loss can jump around and might not converge.",
        "It is used to calculate the gradients.",
        "You can use batch normalization, or change the activation function to ReLU.",
    ]
    cells = [
        md("# Task 1"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        def f(x):
            return x**2 + 4

        def gradient(x):
            return 2*x

        x = 7
        learning_rate = 0.25
        num_steps = 15

        f_values = [f(x)]
        for i in range(num_steps):
            x = x - learning_rate * gradient(x)
            f_values.append(f(x))
            print(f"iteration {i+1}: x = {x:.5f}, f(x) = {f(x):.5f}")

        plt.bar(range(len(f_values)), f_values, color="skyblue", edgecolor="navy")
        plt.xlabel("iteration")
        plt.ylabel("f(x)")
        plt.title("f(x) after each gradient descent step")
        plt.show()
        '''),
        md("# Task 2"),
        code('''
        def sigmoid(z):
            return 1/(1 + np.exp(-z))

        x = 1.0
        weight1 = 0.5
        weight2 = -1.0
        learning_rate = 0.1
        target = 0.5

        # Forward
        hidden = sigmoid(weight1 * x)
        output = sigmoid(weight2 * hidden)
        loss = 0.5 * (target - output)**2
        print("Forward: hidden =", hidden, ", output =", output, ", loss =", loss)

        # Backward
        delta_output = (output - target) * output * (1 - output)
        delta_hidden = delta_output * weight2 * hidden * (1 - hidden)
        grad_weight2 = delta_output * hidden
        grad_weight1 = delta_hidden * x
        print("Gradients: dL/dw1 =", grad_weight1, ", dL/dw2 =", grad_weight2)

        # Update
        weight1 -= learning_rate * grad_weight1
        weight2 -= learning_rate * grad_weight2
        print("Updated: weight1 =", weight1, ", weight2 =", weight2)

        new_output = sigmoid(weight2 * sigmoid(weight1 * x))
        print("Loss after one step:", 0.5 * (target - new_output)**2)
        '''),
        md("# Quiz"),
    ]
    for i, (q, a) in enumerate(zip(QUESTIONS, ans), 1):
        cells.append(md(f"**{i}. {q}**"))
        cells.append(md(a))
    return cells


# ---------------------------------------------------------------------------
# s11 - correct.  x0=10, lr=0.05, 100 steps; scatter with colorbar + f vs it
# + log plot of f-4.  Minimal Task 2.  Quiz numbered list in one cell.
# ---------------------------------------------------------------------------
def s11():
    return [
        md("# HW: Gradient Descent / Backprop"),
        md('''
        ## Quiz

        1. Gradient descent minimises a loss function by repeatedly stepping the parameters in the direction of the negative gradient, which is where the loss goes down fastest. Neural networks are trained with it because we need to find weights that minimise the loss over many parameters and there is no closed-form solution, while gradients are cheap to get with backprop.
        2. Possible causes are a learning rate that is too small, vanishing gradients (sigmoid/tanh saturation, bad init) or inputs that are not normalised. To troubleshoot: look at the loss curve, try different learning rates, check the gradient norms of each layer and normalise/standardise the inputs.
        3. The learning rate sets how big each update is. Too small: very slow training, might not reach a good solution in the available time. Too large: overshooting, oscillation or divergence of the loss.
        4. Backprop treats the network as a composition of functions and uses the chain rule to multiply the local derivatives layer by layer, from the output back to the inputs. That way we get the gradient of the loss with respect to every weight, which is exactly what gradient descent needs.
        5. Use ReLU instead of sigmoid/tanh, use Xavier/He initialisation, add batch normalisation, and clip the gradients if they explode.
        '''),
        md("## Task 1"),
        code('''
        %matplotlib inline
        import numpy as np
        import matplotlib.pyplot as plt

        f = lambda x: x**2 + 4
        grad = lambda x: 2*x

        x0, lr, n_steps = 10.0, 0.05, 100
        path = np.empty(n_steps + 1)
        path[0] = x0
        for k in range(n_steps):
            path[k+1] = path[k] - lr * grad(path[k])
        values = f(path)

        fig, axs = plt.subplots(1, 3, figsize=(15, 4))
        xx = np.linspace(-10, 10, 200)
        axs[0].plot(xx, f(xx), "k", lw=1)
        s = axs[0].scatter(path, values, c=np.arange(n_steps + 1), cmap="plasma", s=15)
        plt.colorbar(s, ax=axs[0], label="iteration")
        axs[0].set_title("f(x) and GD iterates")

        axs[1].plot(values)
        axs[1].set_title("f(x_k) vs iteration")
        axs[1].set_xlabel("k")

        axs[2].semilogy(values - 4)
        axs[2].set_title("f(x_k) - 4 (log scale)")
        axs[2].set_xlabel("k")
        plt.show()
        '''),
        md("## Task 2"),
        code('''
        sigmoid = lambda z: 1 / (1 + np.exp(-z))
        x, w1, w2, lr, t = 1.0, 0.5, -1.0, 0.1, 0.5

        h = sigmoid(w1 * x)
        y = sigmoid(w2 * h)
        L = 0.5 * (y - t) ** 2

        d2 = (y - t) * y * (1 - y)
        dw2 = d2 * h
        dw1 = d2 * w2 * h * (1 - h) * x

        w1, w2 = w1 - lr * dw1, w2 - lr * dw2
        print(L, dw1, dw2, w1, w2)
        '''),
    ]


# ---------------------------------------------------------------------------
# s12 - correct.  Seed-like, x0=10, lr=0.75 (factor -0.5), 20 steps, adds an
# iteration plot.  Task 2 close to the template.  Quiz as comments in a code cell.
# ---------------------------------------------------------------------------
def s12():
    return [
        md("# Analytical Quiz: Backpropagation & Gradient Descent"),
        code('''
        # Q1: Gradient descent is used to find the minimum of the loss. We calculate the gradient and go
        #     the opposite way. In neural networks it is used to update the weights so the loss goes down.
        # Q2: The learning rate could be too small, or the model could be stuck in a flat area (plateau).
        #     I would try a higher learning rate and maybe a different optimizer like Adam.
        # Q3: It is the size of the step. If too small it takes very long to converge, if too large
        #     it jumps over the minimum and can diverge.
        # Q4: The chain rule is used in the forward pass to compute the output layer by layer, and then
        #     the error is sent back. It is important because the network has many layers.
        # Q5: Use ReLU, and for exploding gradients use gradient clipping.
        '''),
        md("# Assignment: Simulating Gradient Descent and Backpropagation\n### Task 1: Visualize Gradient Descent"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        x = 10
        lr = 0.75
        history = [(0, x, x**2 + 4)]

        for i in range(20):
            grad = 2 * x  # derivative of f(x) = x² + 4
            x = x - lr * grad
            history.append((i + 1, x, x**2 + 4))

        its, xs, ys = zip(*history)

        xline = np.linspace(-10, 10, 100)
        plt.plot(xline, xline**2 + 4, label="f(x)")
        plt.plot(xs, ys, marker='o', label="GD path")
        plt.title("Gradient Descent on f(x) = x² + 4")
        plt.xlabel("x")
        plt.ylabel("f(x)")
        plt.legend()
        plt.grid(True)
        plt.show()

        plt.plot(its, ys, marker='o')
        plt.title("f(x) over iterations")
        plt.xlabel("iteration")
        plt.ylabel("f(x)")
        plt.grid(True)
        plt.show()
        '''),
        md("### Task 2: Manual Backpropagation (2-layer NN)"),
        code('''
        sigmoid = lambda x: 1 / (1 + np.exp(-x))
        sigmoid_prime = lambda x: sigmoid(x) * (1 - sigmoid(x))

        x = 1.0
        w1 = 0.5
        w2 = -1.0
        y_true = 0.5

        h = sigmoid(x * w1)
        y_pred = sigmoid(h * w2)

        loss = 0.5 * (y_true - y_pred)**2
        print("Loss before update:", loss)

        dL_dy = y_pred - y_true
        dy_dz2 = sigmoid_prime(h * w2)
        dz2_dw2 = h
        dz2_dh = w2
        dh_dz1 = sigmoid_prime(x * w1)
        dz1_dw1 = x

        dL_dw2 = dL_dy * dy_dz2 * dz2_dw2
        dL_dw1 = dL_dy * dy_dz2 * dz2_dh * dh_dz1 * dz1_dw1
        print("Gradients:", dL_dw1, dL_dw2)

        w1 -= 0.1 * dL_dw1
        w2 -= 0.1 * dL_dw2
        print("Updated weights:", w1, w2)

        y_new = sigmoid(sigmoid(x * w1) * w2)
        print("Loss after update:", 0.5 * (y_true - y_new)**2)
        '''),
    ]


# ---------------------------------------------------------------------------
# s13 - MISTAKE (Task 1): derivative taken as 2x + 4.  Converges to x=-2,
# f=8 instead of the minimum.  Task 2 correct.  Quiz "Question i / Answer".
# ---------------------------------------------------------------------------
def s13():
    return [
        md("# Gradient descent homework"),
        md("## Task 1"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        def f(x):
            return x**2 + 4

        def df(x):
            # derivative of x^2 + 4
            return 2*x + 4

        x = 10
        alpha = 0.1
        steps = 40
        xs = [x]
        for _ in range(steps):
            x = x - alpha * df(x)
            xs.append(x)
        xs = np.array(xs)
        ys = f(xs)
        print("final x =", xs[-1], "final f =", ys[-1])

        plt.figure()
        plt.plot(np.arange(steps + 1), ys, "b.-")
        plt.xlabel("iteration")
        plt.ylabel("f(x)")
        plt.title("Gradient descent on x^2 + 4")
        plt.show()
        '''),
        md("## Task 2"),
        code('''
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))

        x_input = 1.0
        w1 = 0.5
        w2 = -1.0
        lr = 0.1
        y_target = 0.5

        z1 = w1 * x_input
        a1 = sigmoid(z1)
        z2 = w2 * a1
        a2 = sigmoid(z2)
        loss = 0.5 * (a2 - y_target)**2
        print("a1:", a1, "a2:", a2, "loss:", loss)

        dz2 = (a2 - y_target) * a2 * (1 - a2)
        dw2 = dz2 * a1
        dz1 = dz2 * w2 * a1 * (1 - a1)
        dw1 = dz1 * x_input
        print("dw1:", dw1, "dw2:", dw2)

        w1 = w1 - lr * dw1
        w2 = w2 - lr * dw2
        print("new weights:", w1, w2)
        '''),
        md('''
        ## Quiz

        **Question 1**
        Answer: Gradient descent is used to reduce the error of the model. It changes the weights a bit at a time in the direction that makes the loss smaller, which is the negative gradient. That is how a neural network learns.

        **Question 2**
        Answer: The learning rate could be too low, or the data is not normalized. I would try changing the learning rate and normalizing the inputs.

        **Question 3**
        Answer: The learning rate controls how big each step is. If it is too small, training is very slow; if it is too large, it overshoots the minimum and might diverge.

        **Question 4**
        Answer: Backprop goes from the output back to the input and at each layer multiplies by the derivative of that layer (chain rule), so we get the gradient for all weights.

        **Question 5**
        Answer: Use ReLU activation or a smaller learning rate.
        '''),
    ]


# ---------------------------------------------------------------------------
# s14 - MISTAKE (Task 1): gradient ASCENT (x = x + lr*grad).  f grows.
# Task 2 correct.  Good quiz, answers under each question.
# ---------------------------------------------------------------------------
def s14():
    ans = [
        "The goal of gradient descent is to find the parameters that minimise the loss. We compute the gradient of the "
        "loss, which points uphill, and move the parameters a small step in the opposite direction, repeating until the "
        "loss stops improving. It is used for neural networks because they have a huge number of parameters and no "
        "analytic solution, but the gradient can be computed efficiently with backpropagation.",
        "Causes can be a learning rate that is too small, vanishing gradients because of sigmoid/tanh saturation or bad "
        "initialisation, or features with very different scales. I would check the learning rate first (try 10x larger), "
        "then look at the gradient magnitudes per layer, normalise the inputs, and try an adaptive optimiser such as Adam.",
        "The learning rate scales the gradient step. With a rate that is too small the model converges very slowly; "
        "with one that is too large the updates overshoot, the loss oscillates or diverges.",
        "Backprop uses the chain rule to write the derivative of the loss with respect to each weight as a product of "
        "local derivatives of the layers between that weight and the loss, and computes them backwards from the output "
        "so that the intermediate results are reused. This makes it possible to get all gradients in one backward pass.",
        "Use ReLU-like activations, Xavier/He initialisation and batch normalisation against vanishing gradients, and "
        "gradient clipping against exploding gradients.",
    ]
    cells = [md("# Backpropagation & Gradient Descent"), md("## Quiz")]
    for i, (q, a) in enumerate(zip(QUESTIONS, ans), 1):
        cells.append(md(f"{i}. {q}\n\n> {a}"))
    cells += [
        md("## Task 1: Visualize Gradient Descent"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        def f(x):
            return x ** 2 + 4

        def grad_f(x):
            return 2 * x

        x = 10.0
        learning_rate = 0.1
        n_iters = 25

        iters = [0]
        f_vals = [f(x)]
        for i in range(1, n_iters + 1):
            x = x + learning_rate * grad_f(x)   # update step
            iters.append(i)
            f_vals.append(f(x))

        print("x after", n_iters, "iterations:", x)

        plt.figure(figsize=(7, 4))
        plt.plot(iters, f_vals, marker="o", color="teal")
        plt.title("Function value decreasing over iterations")
        plt.xlabel("Iteration")
        plt.ylabel("f(x)")
        plt.grid(True)
        plt.show()
        '''),
        md("## Task 2: Manual Backpropagation"),
        code('''
        import math

        sig = lambda z: 1.0 / (1.0 + math.exp(-z))

        inp, w1, w2, lr, target = 1.0, 0.5, -1.0, 0.1, 0.5

        # forward pass
        hid = sig(w1 * inp)
        out = sig(w2 * hid)
        loss = 0.5 * (out - target) ** 2
        print("hidden =", hid, "| output =", out, "| loss =", loss)

        # gradients
        g_out = (out - target) * out * (1 - out)
        grad_w2 = g_out * hid
        g_hid = g_out * w2 * hid * (1 - hid)
        grad_w1 = g_hid * inp
        print("dL/dw1 =", grad_w1, "| dL/dw2 =", grad_w2)

        # one update
        w1 -= lr * grad_w1
        w2 -= lr * grad_w2
        print("w1 =", w1, "| w2 =", w2)
        '''),
    ]
    return cells


# ---------------------------------------------------------------------------
# s15 - MISTAKE (Task 1): learning rate 1.05 diverges.  Task 2 correct.
# Quiz: Q5 left unanswered.
# ---------------------------------------------------------------------------
def s15():
    return [
        md("# Quiz"),
        md('''
        Q1: Gradient descent is an optimisation algorithm that minimises the loss function by moving the weights in the direction opposite to the gradient. In neural networks it is how the weights get adjusted during training so that the predictions become better.

        Q2: The learning rate might be too small, or the network has vanishing gradients. I would plot the loss and try a few different learning rates, and check the size of the gradients.

        Q3: The learning rate is the step size. Too small and it takes forever to converge; too large and it can overshoot and diverge.

        Q4: Backpropagation computes the gradient of the loss for every weight by applying the chain rule from the last layer backwards, multiplying the derivatives of each layer.

        Q5:
        '''),
        md("# Task 1"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        f = lambda x: x**2 + 4
        df = lambda x: 2 * x

        x = 10.0
        lr = 1.05          # bigger learning rate so it converges faster
        n = 30

        trace = [f(x)]
        for k in range(n):
            x = x - lr * df(x)
            trace.append(f(x))

        print("final x:", x)
        plt.plot(trace, "o-")
        plt.xlabel("iteration")
        plt.ylabel("f(x)")
        plt.title("gradient descent, lr = 1.05")
        plt.show()
        '''),
        md("# Task 2"),
        code('''
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))

        def d_sigmoid(z):
            return sigmoid(z) * (1 - sigmoid(z))

        x = 1.0
        w1, w2 = 0.5, -1.0
        lr = 0.1
        target = 0.5

        z1 = x * w1
        h = sigmoid(z1)
        z2 = h * w2
        y = sigmoid(z2)
        loss = 0.5 * (y - target) ** 2
        print("y =", y, "loss =", loss)

        grad_w2 = (y - target) * d_sigmoid(z2) * h
        grad_w1 = (y - target) * d_sigmoid(z2) * w2 * d_sigmoid(z1) * x
        print("grad w1 =", grad_w1, "grad w2 =", grad_w2)

        w1 = w1 - lr * grad_w1
        w2 = w2 - lr * grad_w2
        print("w1 =", w1, "w2 =", w2)
        '''),
    ]


# ---------------------------------------------------------------------------
# s16 - MISTAKE (Task 1 plot): correct simulation, but only the parabola is
# plotted; the decrease over iterations is only printed, never visualised.
# Task 2 correct.  Excellent quiz in one "Answers" cell.
# ---------------------------------------------------------------------------
def s16():
    return [
        md("# Gradient Descent and Backpropagation"),
        md("## Task 1"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        def f(x):
            return x**2 + 4

        def f_grad(x):
            return 2 * x

        # plot of the function
        xx = np.linspace(-10, 10, 400)
        plt.plot(xx, f(xx))
        plt.title("f(x) = x^2 + 4")
        plt.xlabel("x")
        plt.ylabel("f(x)")
        plt.show()
        '''),
        code('''
        x = 10.0
        lr = 0.2
        print(f"{'iter':>4} {'x':>10} {'f(x)':>10}")
        print(f"{0:>4} {x:>10.5f} {f(x):>10.5f}")
        for it in range(1, 21):
            x = x - lr * f_grad(x)
            print(f"{it:>4} {x:>10.5f} {f(x):>10.5f}")
        '''),
        md("## Task 2"),
        code('''
        def sigmoid(z):
            return 1.0 / (1.0 + np.exp(-z))

        x = 1.0
        w = {"1": 0.5, "2": -1.0}
        lr = 0.1
        y = 0.5

        # forward
        z1 = w["1"] * x
        h = sigmoid(z1)
        z2 = w["2"] * h
        y_hat = sigmoid(z2)
        L = 0.5 * (y_hat - y) ** 2
        print("forward:", dict(z1=z1, h=h, z2=z2, y_hat=y_hat, L=L))

        # backward
        dL_dz2 = (y_hat - y) * y_hat * (1 - y_hat)
        dL_dw2 = dL_dz2 * h
        dL_dz1 = dL_dz2 * w["2"] * h * (1 - h)
        dL_dw1 = dL_dz1 * x
        print("gradients:", dL_dw1, dL_dw2)

        # update
        w["1"] -= lr * dL_dw1
        w["2"] -= lr * dL_dw2
        print("updated:", w)
        '''),
        md('''
        ## Answers to the quiz

        **1.** Gradient descent is an iterative method for minimising a differentiable function. At each step we evaluate the gradient \u2013 the direction of steepest ascent \u2013 and move the parameters a small step in the opposite direction: w \u2190 w \u2212 \u03b7\u2207L(w). For neural networks the function is the training loss, which depends on a very large number of weights and has no closed-form minimiser; gradient descent (usually on mini-batches, i.e. SGD, or variants like Adam) only needs the gradient, which backprop gives us cheaply, so it scales to big models and datasets.

        **2.** Causes: learning rate too small; vanishing gradients (saturating sigmoid/tanh, deep nets, poor initialisation); unnormalised inputs giving an ill-conditioned loss surface; plateaus/saddle points; too much regularisation or too small a model; or simply a bug (wrong labels, wrong loss, gradients not reaching some layers). Troubleshooting: plot the loss per step; do a learning-rate sweep; log the gradient norm of every layer; standardise the inputs; try He/Xavier init, batch norm or Adam; check the pipeline by overfitting a tiny batch; gradient-check the implementation with finite differences.

        **3.** The learning rate \u03b7 sets the step size along the negative gradient. Too small: many tiny steps, very slow convergence, training may appear stalled. Too large: the update overshoots the minimum, the loss oscillates and can diverge (e.g. for x\u00b2 any \u03b7 > 1 blows up). Often a schedule (warm-up, decay) is used to get fast early progress and stable convergence.

        **4.** The loss is a composition of the layer functions, so by the chain rule dL/dw for a weight deep in the network is the product of the local derivatives along the path from that weight to the loss. Backprop computes these from the output backwards, passing the "error signal" dL/d(activation) from layer to layer and multiplying by each layer's local derivative. Since intermediate products are shared, all gradients are obtained in one backward pass at about the cost of a forward pass.

        **5.** Vanishing: ReLU/LeakyReLU instead of sigmoid/tanh, Xavier/He initialisation, batch/layer norm, residual connections, LSTM/GRU for recurrent nets. Exploding: gradient clipping (by norm), lower learning rate, good initialisation and normalisation, weight regularisation. Monitoring gradient norms per layer shows which problem you have.
        '''),
    ]


# ---------------------------------------------------------------------------
# s17 - MISTAKE (Task 2): sigmoid derivative written as s*(1-s) but applied
# to the PRE-activation z.  Task 1 correct (x0=10, lr=0.2, 20 steps).
# Weak quiz.
# ---------------------------------------------------------------------------
def s17():
    return [
        md("# Task 1"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        x = 10
        lr = 0.2
        X = [x]
        F = [x**2 + 4]
        for i in range(20):
            x = x - lr * 2 * x
            X.append(x)
            F.append(x**2 + 4)

        plt.plot(range(21), F)
        plt.xlabel("iteration")
        plt.ylabel("f(x)")
        plt.title("f(x) = x^2 + 4 decreasing")
        plt.show()
        '''),
        md("# Task 2"),
        code('''
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))

        def sigmoid_derivative(s):
            return s * (1 - s)

        x = 1.0
        w1 = 0.5
        w2 = -1.0
        lr = 0.1
        y = 0.5

        # forward pass
        z1 = w1 * x
        h = sigmoid(z1)
        z2 = w2 * h
        out = sigmoid(z2)
        loss = 0.5 * (out - y) ** 2
        print("output:", out)
        print("loss:", loss)

        # backward pass
        d_out = out - y
        d_z2 = d_out * sigmoid_derivative(z2)
        d_w2 = d_z2 * h
        d_h = d_z2 * w2
        d_z1 = d_h * sigmoid_derivative(z1)
        d_w1 = d_z1 * x
        print("d_w1:", d_w1, "d_w2:", d_w2)

        # update
        w1 = w1 - lr * d_w1
        w2 = w2 - lr * d_w2
        print("w1:", w1, "w2:", w2)
        '''),
        md('''
        # Quiz

        1. It is used to find the best weights. It goes down the gradient.

        2. The learning rate could be wrong.

        3. If the learning rate is too small it is slow, if it is too large it is not good.

        4. Backpropagation uses the chain rule to go backwards through the network.

        5. Change the learning rate or use a different activation function.
        '''),
    ]


# ---------------------------------------------------------------------------
# s18 - MISTAKE (Task 2): dL/dw1 misses the w2 factor (dz2/dh).  Task 1
# correct (x0=6, lr=0.1, 40 steps).  Medium quiz, "A1." labels.
# ---------------------------------------------------------------------------
def s18():
    return [
        md("## Part 1 \u2014 gradient descent"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        def loss_f(x):
            return x**2 + 4

        def loss_grad(x):
            return 2*x

        def run_gd(x_start, lr, n):
            xs = [x_start]
            for _ in range(n):
                xs.append(xs[-1] - lr * loss_grad(xs[-1]))
            return np.array(xs)

        traj = run_gd(6.0, 0.1, 40)
        vals = loss_f(traj)

        plt.figure(figsize=(10, 4))
        plt.subplot(1, 2, 1)
        g = np.linspace(-7, 7, 200)
        plt.plot(g, loss_f(g), "k")
        plt.plot(traj, vals, "o", color="orange")
        plt.title("iterates on f(x)")
        plt.subplot(1, 2, 2)
        plt.plot(vals, "-o", color="orange", ms=3)
        plt.title("f(x) per iteration")
        plt.xlabel("iteration")
        plt.show()
        '''),
        md("## Part 2 \u2014 backprop by hand"),
        code('''
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))

        x_val = 1.0
        w1, w2 = 0.5, -1.0
        lr = 0.1
        target = 0.5

        hidden = sigmoid(w1 * x_val)
        pred = sigmoid(w2 * hidden)
        loss = 0.5 * (pred - target) ** 2
        print("pred =", pred, " loss =", loss)

        delta_out = (pred - target) * pred * (1 - pred)
        grad_w2 = delta_out * hidden
        grad_w1 = delta_out * hidden * (1 - hidden) * x_val
        print("grad_w1 =", grad_w1, " grad_w2 =", grad_w2)

        w1 -= lr * grad_w1
        w2 -= lr * grad_w2
        print("w1 =", w1, " w2 =", w2)
        '''),
        md('''
        ## Part 3 \u2014 quiz

        A1. Gradient descent tries to find the minimum of the loss by taking steps opposite to the gradient. In neural networks we use it to adjust the weights so the loss becomes smaller, since we can't find the best weights by hand.

        A2. The learning rate might be too small. Also if the weights are initialised badly the gradients can be tiny. I would try a bigger learning rate.

        A3. It controls the size of the update steps. Too small: slow learning. Too large: the loss jumps around and may diverge instead of converging.

        A4. The output depends on the weights through several functions, so we use the chain rule to multiply derivatives from the output back to each weight. It's important because it gives us the gradient for every weight.

        A5. Use ReLU instead of sigmoid and clip the gradients.
        '''),
    ]


# ---------------------------------------------------------------------------
# s19 - MISTAKE (Task 2): w2 is updated BEFORE dL/dw1 is computed, so dL/dw1
# uses the new w2.  Task 1 correct (x0=10, lr=0.05, 80 steps).  Quiz in Spanish.
# ---------------------------------------------------------------------------
def s19():
    return [
        md("# Tarea: descenso de gradiente y backpropagation"),
        md('''
        ## Cuestionario

        **1.** El objetivo del descenso de gradiente es encontrar los parámetros que minimizan la función de pérdida. Se calcula el gradiente de la pérdida respecto a los pesos y se da un paso pequeño en la dirección contraria, porque es la dirección en la que la pérdida baja más rápido. En redes neuronales se usa porque hay muchísimos parámetros y no existe una solución cerrada; en cambio, el gradiente se puede calcular de forma eficiente con backpropagation.

        **2.** Puede ser que la tasa de aprendizaje sea muy pequeña o que los datos no estén normalizados. Probaría con una tasa de aprendizaje más grande y normalizaría los datos.

        **3.** La tasa de aprendizaje determina el tamaño del paso. Si es muy pequeña, el entrenamiento es muy lento y puede parecer estancado; si es muy grande, el algoritmo se pasa del mínimo, oscila o incluso diverge.

        **4.** La red es una composición de funciones, así que la derivada de la pérdida respecto a un peso es el producto de las derivadas locales de cada capa (regla de la cadena). Backpropagation calcula esas derivadas desde la salida hacia atrás.

        **5.** Usar ReLU en lugar de sigmoide, una buena inicialización (Xavier/He), batch normalization y recorte de gradientes (gradient clipping) cuando explotan.
        '''),
        md("## Tarea 1"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        def f(x):
            return x**2 + 4

        x = 10.0
        tasa = 0.05
        pasos = 80
        valores = [f(x)]
        for _ in range(pasos):
            x = x - tasa * 2 * x
            valores.append(f(x))

        fig, ax = plt.subplots(figsize=(7, 4))
        ax.plot(valores, color="tab:red")
        ax.set_xlabel("iteración")
        ax.set_ylabel("f(x)")
        ax.set_title("Descenso de gradiente: f(x) = x² + 4 (x0 = 10, tasa = 0.05)")
        plt.show()
        '''),
        md("## Tarea 2"),
        code('''
        def sigmoide(z):
            return 1 / (1 + np.exp(-z))

        x = 1.0
        w1 = 0.5
        w2 = -1.0
        tasa = 0.1
        objetivo = 0.5

        # paso hacia adelante
        h = sigmoide(w1 * x)
        y = sigmoide(w2 * h)
        perdida = 0.5 * (y - objetivo) ** 2
        print("salida:", y, "pérdida:", perdida)

        # capa de salida
        delta_salida = (y - objetivo) * y * (1 - y)
        grad_w2 = delta_salida * h
        w2 = w2 - tasa * grad_w2

        # capa oculta
        delta_oculta = delta_salida * w2 * h * (1 - h)
        grad_w1 = delta_oculta * x
        w1 = w1 - tasa * grad_w1

        print("gradientes:", grad_w1, grad_w2)
        print("pesos nuevos:", w1, w2)
        '''),
    ]


# ---------------------------------------------------------------------------
# s20 - MISTAKE (Task 2): loss = (y - t)^2 but dL/dy = (y - t) (the 2 from
# the derivative is dropped; gradients are half the true value).  Task 1
# correct (x0=-5, lr=0.3, 15 steps).  Good quiz, one cell per answer.
# ---------------------------------------------------------------------------
def s20():
    ans = [
        "Gradient descent minimises a function by repeatedly taking steps proportional to the negative gradient. "
        "In training, the function is the loss and the variables are the weights; since the loss surface of a "
        "network has no closed-form minimum and has millions of dimensions, we follow the gradient (computed by "
        "backprop) step by step to reduce the loss.",
        "It could be a learning rate that is too small, vanishing gradients caused by saturating activations or poor "
        "initialisation, unscaled input features, or a bug in the training code. I would plot the loss, try several "
        "learning rates, print gradient norms per layer, normalise the inputs, and check that the model can overfit "
        "a very small dataset.",
        "The learning rate multiplies the gradient and so determines the step size. If it is too small, convergence is "
        "very slow; if it is too large, the steps overshoot the minimum so the loss oscillates or diverges.",
        "The output of the network is a nested function of the weights, so the derivative of the loss with respect to "
        "a weight is a product of derivatives (chain rule). Backprop computes these products layer by layer starting "
        "at the output, reusing the gradient from the layer above, so the gradients of all weights are computed in a "
        "single backward pass. Without this, computing gradients for large networks would be far too expensive.",
        "Use ReLU activations and He initialisation so gradients don't shrink; use gradient clipping for exploding "
        "gradients.",
    ]
    cells = [md("# Gradient Descent & Backpropagation")]
    cells += [
        md("### Task 1: Visualize Gradient Descent"),
        code('''
        import numpy as np
        import matplotlib.pyplot as plt

        def f(x):
            return x ** 2 + 4

        start, step_size, n_iter = -5.0, 0.3, 15
        x = start
        record = np.zeros((n_iter + 1, 2))
        record[0] = [x, f(x)]
        for i in range(1, n_iter + 1):
            x -= step_size * 2 * x
            record[i] = [x, f(x)]

        plt.figure(figsize=(6, 4))
        plt.plot(np.arange(n_iter + 1), record[:, 1], "D-", color="slateblue")
        plt.xlabel("iteration")
        plt.ylabel("f(x)")
        plt.title("f(x) during gradient descent from x = -5")
        plt.show()
        '''),
        md("### Task 2: Manual Backpropagation"),
        code('''
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))

        x_in = 1.0
        w1, w2 = 0.5, -1.0
        lr = 0.1
        target = 0.5

        # forward
        z1 = w1 * x_in
        h = sigmoid(z1)
        z2 = w2 * h
        y = sigmoid(z2)
        loss = (y - target) ** 2      # MSE
        print("y =", y, "loss =", loss)

        # backward
        dL_dy = y - target
        dL_dz2 = dL_dy * y * (1 - y)
        dL_dw2 = dL_dz2 * h
        dL_dh = dL_dz2 * w2
        dL_dz1 = dL_dh * h * (1 - h)
        dL_dw1 = dL_dz1 * x_in
        print("dL/dw1 =", dL_dw1, "dL/dw2 =", dL_dw2)

        # update
        w1 = w1 - lr * dL_dw1
        w2 = w2 - lr * dL_dw2
        print("w1 =", w1, "w2 =", w2)
        '''),
        md("### Quiz"),
    ]
    for i, a in enumerate(ans, 1):
        cells.append(md(f"**Q{i}.** {a}"))
    return cells


STUDENTS = {
    "s01_functions_two_figures": s01,
    "s02_gd_function_subplots": s02,
    "s03_numpy_arrays_linear_output": s03,
    "s04_class_optimizer_dict_backprop": s04,
    "s05_while_tolerance_matrix_nn": s05,
    "s06_large_lr_oscillating": s06,
    "s07_small_lr_math_functions": s07,
    "s08_accumulate_gradcheck": s08,
    "s09_history_dict_sse": s09,
    "s10_bar_chart_deltas": s10,
    "s11_colorbar_minimal_backprop": s11,
    "s12_template_style_comment_quiz": s12,
    "s13_wrong_derivative": s13,
    "s14_gradient_ascent": s14,
    "s15_diverging_lr": s15,
    "s16_no_iteration_plot": s16,
    "s17_sigmoid_deriv_on_preactivation": s17,
    "s18_missing_w2_factor": s18,
    "s19_update_before_backprop": s19,
    "s20_loss_gradient_inconsistent": s20,
}


def main():
    for name, fn in STUDENTS.items():
        nb = new_notebook()
        nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
        nb.metadata["language_info"] = {"name": "python", "version": "3.11"}
        nb.cells = fn()
        nbformat.validate(nb)
        path = os.path.join(OUT, name + ".ipynb")
        with open(path, "w", encoding="utf-8") as fh:
            nbformat.write(nb, fh)
        print("wrote", path)


if __name__ == "__main__":
    main()
