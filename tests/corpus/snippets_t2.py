"""Task 2 (manual backprop, 1-1-1 sigmoid net, no biases) code variants.

All honest variants use x = 1.0, w1 = 0.5, w2 = -1.0, lr = 0.1, target = 0.5.
Convention A: L = (y - t)^2, dL/dy = 2 (y - t).
Convention B: L = 0.5 (y - t)^2, dL/dy = (y - t).
"""

T2 = {}
CONV = {}   # variant -> "A" or "B"

T2["text_names_mathexp"] = [
r'''import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

# given values
x = 1.0
weight1 = 0.5
weight2 = -1.0
learning_rate = 0.1
target = 0.5

# ---- forward pass ----
z1 = weight1 * x
h = sigmoid(z1)
z2 = weight2 * h
y = sigmoid(z2)
loss = (y - target) ** 2
print("hidden activation h =", h)
print("output y =", y)
print("loss =", loss)''',
r'''# ---- backward pass ----
# L = (y - t)^2  ->  dL/dy = 2(y - t)
dL_dy = 2 * (y - target)
dy_dz2 = y * (1 - y)
dL_dz2 = dL_dy * dy_dz2
dL_dweight2 = dL_dz2 * h

dL_dh = dL_dz2 * weight2
dh_dz1 = h * (1 - h)
dL_dweight1 = dL_dh * dh_dz1 * x

print("dL/dweight1 =", dL_dweight1)
print("dL/dweight2 =", dL_dweight2)''',
r'''# ---- update ----
weight1 = weight1 - learning_rate * dL_dweight1
weight2 = weight2 - learning_rate * dL_dweight2
print("updated weight1 =", weight1)
print("updated weight2 =", weight2)''',
]
CONV["text_names_mathexp"] = "A"

T2["short_np"] = [
r'''import numpy as np

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

def sigmoid_derivative(s):
    # s is already sigmoid(z)
    return s * (1 - s)

x = 1.0
w1, w2 = 0.5, -1.0
lr = 0.1
t = 0.5''',
r'''# forward
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
L = 0.5 * (y - t)**2      # MSE with the 1/2 so the derivative is nicer
print(f"h = {h:.6f}, y = {y:.6f}, L = {L:.6f}")

# backward
dL_dy = y - t
grad_w2 = dL_dy * sigmoid_derivative(y) * h
grad_w1 = dL_dy * sigmoid_derivative(y) * w2 * sigmoid_derivative(h) * x
print(f"dL/dw1 = {grad_w1:.6f}, dL/dw2 = {grad_w2:.6f}")

# update
w1 = w1 - lr * grad_w1
w2 = w2 - lr * grad_w2
print(f"new w1 = {w1:.6f}, new w2 = {w2:.6f}")''',
]
CONV["short_np"] = "B"

T2["matrix_11"] = [
r'''import numpy as np

sigmoid = lambda z: 1 / (1 + np.exp(-z))

X = np.array([[1.0]])
W1 = np.array([[0.5]])     # input -> hidden
W2 = np.array([[-1.0]])    # hidden -> output
Y_target = np.array([[0.5]])
lr = 0.1

# forward pass
Z1 = X @ W1
A1 = sigmoid(Z1)
Z2 = A1 @ W2
A2 = sigmoid(Z2)
loss = np.mean((A2 - Y_target) ** 2)
print("A1 =", A1, " A2 =", A2, " loss =", loss)''',
r'''# backward pass (MSE = mean((A2 - Y)^2), n = 1)
dA2 = 2 * (A2 - Y_target) / Y_target.size
dZ2 = dA2 * A2 * (1 - A2)
dW2 = A1.T @ dZ2
dA1 = dZ2 @ W2.T
dZ1 = dA1 * A1 * (1 - A1)
dW1 = X.T @ dZ1
print("dW1 =", dW1, " dW2 =", dW2)

W1 -= lr * dW1
W2 -= lr * dW2
print("W1 after update:", W1)
print("W2 after update:", W2)''',
]
CONV["matrix_11"] = "A"

T2["params_dict"] = [
r'''import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

params = {"w1": 0.5, "w2": -1.0}
x, target, lr = 1.0, 0.5, 0.1

def forward(params, x):
    cache = {}
    cache["z1"] = params["w1"] * x
    cache["h"] = sigmoid(cache["z1"])
    cache["z2"] = params["w2"] * cache["h"]
    cache["y"] = sigmoid(cache["z2"])
    return cache

def backward(params, cache, x, target):
    y, h = cache["y"], cache["h"]
    # loss = 1/2 (y - target)^2
    d_z2 = (y - target) * y * (1 - y)
    d_w2 = d_z2 * h
    d_z1 = d_z2 * params["w2"] * h * (1 - h)
    d_w1 = d_z1 * x
    return {"w1": d_w1, "w2": d_w2}''',
r'''cache = forward(params, x)
loss = 0.5 * (cache["y"] - target) ** 2
grads = backward(params, cache, x, target)
print("forward:", {k: round(float(v), 5) for k, v in cache.items()})
print("loss:", float(loss))
print("grads:", {k: float(v) for k, v in grads.items()})

for k in params:
    params[k] -= lr * grads[k]
print("updated params:", {k: float(v) for k, v in params.items()})''',
]
CONV["params_dict"] = "B"

T2["class_train_more"] = [
r'''import math

class TinyNet:
    """1 input -> 1 hidden (sigmoid) -> 1 output (sigmoid), no biases"""
    def __init__(self, w1, w2, lr):
        self.w1 = w1
        self.w2 = w2
        self.lr = lr

    @staticmethod
    def sigmoid(z):
        return 1 / (1 + math.exp(-z))

    def forward(self, x):
        self.x = x
        self.h = self.sigmoid(self.w1 * x)
        self.y = self.sigmoid(self.w2 * self.h)
        return self.y

    def loss(self, target):
        return (self.y - target) ** 2       # MSE for a single sample

    def backward(self, target):
        dL_dy = 2 * (self.y - target)
        delta_out = dL_dy * self.y * (1 - self.y)
        self.grad_w2 = delta_out * self.h
        delta_hidden = delta_out * self.w2 * self.h * (1 - self.h)
        self.grad_w1 = delta_hidden * self.x

    def step(self):
        self.w1 -= self.lr * self.grad_w1
        self.w2 -= self.lr * self.grad_w2''',
r'''net = TinyNet(w1=0.5, w2=-1.0, lr=0.1)
y = net.forward(1.0)
print("output before update:", y, " loss:", net.loss(0.5))
net.backward(0.5)
print("grad w1:", net.grad_w1, " grad w2:", net.grad_w2)
net.step()
print("after one update -> w1 =", net.w1, ", w2 =", net.w2)''',
r'''# just out of curiosity: keep training for 100 more epochs
for epoch in range(1, 101):
    net.forward(1.0)
    L = net.loss(0.5)
    net.backward(0.5)
    net.step()
    if epoch % 10 == 0:
        print(f"epoch {epoch:3d}  loss {L:.6f}")''',
]
CONV["class_train_more"] = "A"

T2["single_function_prints"] = [
r'''import numpy as np

def backprop_one_step():
    x, w1, w2 = 1.0, 0.5, -1.0
    lr, target = 0.1, 0.5
    sig = lambda z: 1 / (1 + np.exp(-z))

    # forward
    h = sig(w1 * x)
    out = sig(w2 * h)
    mse = (out - target) ** 2
    print("Forward pass")
    print(f"  h   = sigmoid({w1}*{x}) = {h:.5f}")
    print(f"  out = sigmoid({w2}*h) = {out:.5f}")
    print(f"  MSE = {mse:.6f}")

    # backward (chain rule)
    d_out = 2 * (out - target)
    d_z2 = d_out * out * (1 - out)
    d_w2 = d_z2 * h
    d_h = d_z2 * w2
    d_z1 = d_h * h * (1 - h)
    d_w1 = d_z1 * x
    print("Backward pass")
    print(f"  dMSE/dw2 = {d_w2:.6f}")
    print(f"  dMSE/dw1 = {d_w1:.6f}")

    # update
    w1_new = w1 - lr * d_w1
    w2_new = w2 - lr * d_w2
    print("Update")
    print(f"  w1: {w1} -> {w1_new:.6f}")
    print(f"  w2: {w2} -> {w2_new:.6f}")

backprop_one_step()''',
]
CONV["single_function_prints"] = "A"

T2["delta_names"] = [
r'''from math import exp

def sigmoid(z):
    return 1.0 / (1.0 + exp(-z))

x = 1.0
w1 = 0.5
w2 = -1.0
eta = 0.1
target = 0.5''',
r'''# Forward pass
net_h = w1 * x
out_h = sigmoid(net_h)
net_o = w2 * out_h
out_o = sigmoid(net_o)
E = 0.5 * (target - out_o) ** 2
print("out_h =", out_h)
print("out_o =", out_o)
print("E =", E)''',
r'''# Backward pass
# E = 1/2 (target - out)^2  =>  dE/dout = -(target - out)
delta2 = -(target - out_o) * out_o * (1 - out_o)
dE_dw2 = delta2 * out_h
delta1 = delta2 * w2 * out_h * (1 - out_h)
dE_dw1 = delta1 * x
print("dE/dw2 =", dE_dw2)
print("dE/dw1 =", dE_dw1)

# Update (both gradients computed with the old weights)
w1_new = w1 - eta * dE_dw1
w2_new = w2 - eta * dE_dw2
print("w1_new =", w1_new)
print("w2_new =", w2_new)''',
]
CONV["delta_names"] = "B"

T2["g1g2_prime_z"] = [
r'''import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
y_true = 0.5

z1 = w1 * x
a1 = sigmoid(z1)
z2 = w2 * a1
y_pred = sigmoid(z2)
mse = (y_pred - y_true) ** 2
print("prediction:", y_pred, "mse:", mse)

g2 = 2 * (y_pred - y_true) * sigmoid_prime(z2) * a1
g1 = 2 * (y_pred - y_true) * sigmoid_prime(z2) * w2 * sigmoid_prime(z1) * x
print("g1 =", g1, "g2 =", g2)

w1, w2 = w1 - lr * g1, w2 - lr * g2
print("w1 =", w1)
print("w2 =", w2)''',
]
CONV["g1g2_prime_z"] = "A"

T2["verbose_steps"] = [
r'''import math
sigmoid = lambda z: 1/(1 + math.exp(-z))

x = 1.0
w1 = 0.5
w2 = -1.0
learning_rate = 0.1
target = 0.5

print("STEP 1: forward pass")
z1 = w1*x;   h = sigmoid(z1)
z2 = w2*h;   y = sigmoid(z2)
print(f"z1 = {z1}, h = {h:.4f}")
print(f"z2 = {z2:.4f}, y = {y:.4f}")

print("\nSTEP 2: loss")
loss = (y - target)**2
print(f"loss = (y - target)^2 = {loss:.5f}")

print("\nSTEP 3: gradients")
dloss_dy = 2*(y - target)
dy_dz2 = y*(1 - y)
grad_w2 = dloss_dy * dy_dz2 * h
grad_w1 = dloss_dy * dy_dz2 * w2 * h*(1 - h) * x
print(f"dL/dw2 = {grad_w2:.5f}")
print(f"dL/dw1 = {grad_w1:.5f}")

print("\nSTEP 4: update")
w1 = w1 - learning_rate*grad_w1
w2 = w2 - learning_rate*grad_w2
print(f"w1 = {w1:.5f}")
print(f"w2 = {w2:.5f}")''',
]
CONV["verbose_steps"] = "A"

T2["loop_plot_loss"] = [
r'''import numpy as np
import matplotlib.pyplot as plt

def sigmoid(z):
    return 1/(1+np.exp(-z))

x, t = 1.0, 0.5
w1, w2 = 0.5, -1.0
lr = 0.1

def forward(w1, w2):
    h = sigmoid(w1*x)
    y = sigmoid(w2*h)
    return h, y

def grads(w1, w2):
    h, y = forward(w1, w2)
    dy = (y - t)                 # derivative of 0.5*(y-t)^2
    dz2 = dy * y * (1 - y)
    dw2 = dz2 * h
    dw1 = dz2 * w2 * h * (1 - h) * x
    return dw1, dw2

# the single update step the task asks for
h, y = forward(w1, w2)
print("loss before:", 0.5*(y - t)**2)
dw1, dw2 = grads(w1, w2)
w1, w2 = w1 - lr*dw1, w2 - lr*dw2
print(f"after 1 step: w1 = {w1:.6f}, w2 = {w2:.6f}")
h, y = forward(w1, w2)
print("loss after:", 0.5*(y - t)**2)''',
r'''# extra: keep going for 200 epochs and plot the loss
losses = []
for epoch in range(200):
    h, y = forward(w1, w2)
    losses.append(0.5*(y - t)**2)
    dw1, dw2 = grads(w1, w2)
    w1 -= lr*dw1
    w2 -= lr*dw2
plt.plot(losses)
plt.xlabel("epoch"); plt.ylabel("loss")
plt.title("training loss (after the first manual step)")
plt.show()''',
]
CONV["loop_plot_loss"] = "B"

T2["functions_return"] = [
r'''import math

def sigmoid(z):
    return 1 / (1 + math.exp(-z))

def forward(x, w1, w2):
    z1 = w1 * x
    h = sigmoid(z1)
    z2 = w2 * h
    y = sigmoid(z2)
    return z1, h, z2, y

def mse(y, target):
    return (y - target) ** 2

def gradients(x, w1, w2, h, y, target):
    dL_dy = 2 * (y - target)
    dL_dz2 = dL_dy * y * (1 - y)
    dL_dw2 = dL_dz2 * h
    dL_dz1 = dL_dz2 * w2 * h * (1 - h)
    dL_dw1 = dL_dz1 * x
    return dL_dw1, dL_dw2

def update(w, grad, lr):
    return w - lr * grad''',
r'''x, w1, w2, lr, target = 1.0, 0.5, -1.0, 0.1, 0.5

z1, h, z2, y = forward(x, w1, w2)
L = mse(y, target)
dw1, dw2 = gradients(x, w1, w2, h, y, target)
w1_updated = update(w1, dw1, lr)
w2_updated = update(w2, dw2, lr)

print("y =", round(y, 6), "| loss =", round(L, 6))
print("gradients:", round(dw1, 6), round(dw2, 6))
print("updated weights:", round(w1_updated, 6), round(w2_updated, 6))''',
]
CONV["functions_return"] = "A"

T2["arrays_1d"] = [
r'''import numpy as np

x = np.array([1.0])
w1 = np.array([0.5])
w2 = np.array([-1.0])
target = np.array([0.5])
lr = 0.1

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = 0.5 * np.sum((y - target) ** 2)
print("y:", y, "loss:", loss)

error = y - target                     # dL/dy for L = 1/2 (y-t)^2
delta_out = error * y * (1 - y)
delta_hid = delta_out * w2 * h * (1 - h)
grad_w2 = delta_out * h
grad_w1 = delta_hid * x

w1 = w1 - lr * grad_w1
w2 = w2 - lr * grad_w2
print("grad_w1:", grad_w1, "grad_w2:", grad_w2)
print("new w1:", w1, "new w2:", w2)''',
]
CONV["arrays_1d"] = "B"

T2["chain_terms"] = [
r'''import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

# forward
z1 = w1 * x
h = sigmoid(z1)
z2 = w2 * h
y = sigmoid(z2)
L = (y - target)**2''',
r'''# local derivatives
dL_dy = 2 * (y - target)
dy_dz2 = y * (1 - y)
dz2_dw2 = h
dz2_dh = w2
dh_dz1 = h * (1 - h)
dz1_dw1 = x

# chain rule
dL_dw2 = dL_dy * dy_dz2 * dz2_dw2
dL_dw1 = dL_dy * dy_dz2 * dz2_dh * dh_dz1 * dz1_dw1

print("Loss:", L)
print("dL/dw1:", dL_dw1)
print("dL/dw2:", dL_dw2)''',
r'''w1 -= lr * dL_dw1
w2 -= lr * dL_dw2
print("Updated w1:", w1)
print("Updated w2:", w2)''',
]
CONV["chain_terms"] = "A"

T2["numgrad_check"] = [
r'''import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def loss_fn(w1, w2, x=1.0, t=0.5):
    h = sigmoid(w1 * x)
    y = sigmoid(w2 * h)
    return 0.5 * (y - t) ** 2

x, t, lr = 1.0, 0.5, 0.1
w1, w2 = 0.5, -1.0

# analytic gradients
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
delta = (y - t) * y * (1 - y)
dw2 = delta * h
dw1 = delta * w2 * h * (1 - h) * x''',
r'''# sanity check with finite differences
eps = 1e-6
num_dw1 = (loss_fn(w1 + eps, w2) - loss_fn(w1 - eps, w2)) / (2 * eps)
num_dw2 = (loss_fn(w1, w2 + eps) - loss_fn(w1, w2 - eps)) / (2 * eps)
print(f"dw1 analytic {dw1:.8f}  numeric {num_dw1:.8f}")
print(f"dw2 analytic {dw2:.8f}  numeric {num_dw2:.8f}")''',
r'''w1 -= lr * dw1
w2 -= lr * dw2
print(f"w1 = {w1:.6f}, w2 = {w2:.6f}, loss now = {loss_fn(w1, w2):.8f}")''',
]
CONV["numgrad_check"] = "B"

T2["tuple_update_lambda"] = [
r'''import math
sig = lambda z: 1.0 / (1.0 + math.exp(-z))
dsig = lambda s: s * (1.0 - s)      # derivative written in terms of the output

x, w1, w2, lr, t = 1.0, 0.5, -1.0, 0.1, 0.5

h = sig(w1 * x)
y = sig(w2 * h)
loss = (y - t) ** 2
print(f"{h=:.5f} {y=:.5f} {loss=:.6f}")

d_y = 2 * (y - t)
g2 = d_y * dsig(y) * h
g1 = d_y * dsig(y) * w2 * dsig(h) * x
w1, w2 = w1 - lr * g1, w2 - lr * g2
print(f"{g1=:.6f} {g2=:.6f}")
print(f"{w1=:.6f} {w2=:.6f}")''',
]
CONV["tuple_update_lambda"] = "A"

T2["before_after_loss"] = [
r'''import numpy as np

sigmoid = lambda z: 1 / (1 + np.exp(-z))

def predict(w1, w2, x):
    return sigmoid(w2 * sigmoid(w1 * x))

x = 1.0
weight1, weight2 = 0.5, -1.0
target = 0.5
learning_rate = 0.1

y_hat = predict(weight1, weight2, x)
loss_before = 0.5 * (y_hat - target) ** 2

# gradients by hand
hidden = sigmoid(weight1 * x)
d_out = (y_hat - target) * y_hat * (1 - y_hat)
grad_weight2 = d_out * hidden
grad_weight1 = d_out * weight2 * hidden * (1 - hidden) * x

weight1 -= learning_rate * grad_weight1
weight2 -= learning_rate * grad_weight2

loss_after = 0.5 * (predict(weight1, weight2, x) - target) ** 2
print("grad weight1:", grad_weight1)
print("grad weight2:", grad_weight2)
print("new weight1:", weight1)
print("new weight2:", weight2)
print(f"loss before {loss_before:.6f}  ->  after {loss_after:.6f}")''',
]
CONV["before_after_loss"] = "B"

T2["class_train_step"] = [
r'''import numpy as np

class TwoLayerNet:
    def __init__(self):
        self.w1 = 0.5
        self.w2 = -1.0
        self.lr = 0.1

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def train_step(self, x, target, verbose=False):
        # forward
        h = self.sigmoid(self.w1 * x)
        y = self.sigmoid(self.w2 * h)
        loss = 0.5 * (y - target) ** 2
        # backward
        dy = (y - target) * y * (1 - y)
        dw2 = dy * h
        dw1 = dy * self.w2 * h * (1 - h) * x
        # update
        self.w1 -= self.lr * dw1
        self.w2 -= self.lr * dw2
        if verbose:
            print(f"y = {y:.5f}  loss = {loss:.6f}  dw1 = {dw1:.6f}  dw2 = {dw2:.6f}")
        return loss

net = TwoLayerNet()
net.train_step(1.0, 0.5, verbose=True)
print("weights after one step:", float(net.w1), float(net.w2))''',
r'''# more epochs (not required)
for ep in range(50):
    l = net.train_step(1.0, 0.5)
print("loss after 50 more epochs:", l)''',
]
CONV["class_train_step"] = "B"

T2["table_mathe"] = [
r'''import math

def sigmoid(z):
    return 1 / (1 + math.e ** (-z))

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

# forward
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
L = (target - y) ** 2

# backward.  L = (t - y)^2  -> dL/dy = -2 (t - y)
dLdy = -2 * (target - y)
dLdw2 = dLdy * y * (1 - y) * h
dLdw1 = dLdy * y * (1 - y) * w2 * h * (1 - h) * x

new_w1 = w1 - lr * dLdw1
new_w2 = w2 - lr * dLdw2

print("{:<12}{:>14}".format("quantity", "value"))
print("-" * 26)
for name, val in [("h", h), ("y", y), ("loss", L), ("dL/dw1", dLdw1),
                  ("dL/dw2", dLdw2), ("w1 new", new_w1), ("w2 new", new_w2)]:
    print("{:<12}{:>14.6f}".format(name, val))''',
]
CONV["table_mathe"] = "A"

T2["dataclass"] = [
r'''from dataclasses import dataclass
import numpy as np

@dataclass
class Params:
    w1: float = 0.5
    w2: float = -1.0

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

def d_sigmoid(z):
    s = sigmoid(z)
    return s * (1 - s)

p = Params()
x, target, lr = 1.0, 0.5, 0.1

z1 = p.w1 * x; h = sigmoid(z1)
z2 = p.w2 * h; y = sigmoid(z2)
loss = 0.5 * (y - target) ** 2

dL_dz2 = (y - target) * d_sigmoid(z2)
grad = Params(w1=float(dL_dz2 * p.w2 * d_sigmoid(z1) * x), w2=float(dL_dz2 * h))
p = Params(w1=p.w1 - lr * grad.w1, w2=p.w2 - lr * grad.w2)
print("loss:", loss)
print("gradients:", grad)
print("updated:", p)''',
]
CONV["dataclass"] = "B"

T2["terse"] = [
r'''import numpy as np
s = lambda z: 1/(1+np.exp(-z))
x, w1, w2, lr, t = 1.0, .5, -1.0, .1, .5
h = s(w1*x); y = s(w2*h)
print('loss', (y-t)**2)
d = 2*(y-t)*y*(1-y)
gw2 = d*h
gw1 = d*w2*h*(1-h)*x
w1, w2 = w1-lr*gw1, w2-lr*gw2
print(w1, w2)''',
]
CONV["terse"] = "A"

T2["loop_epochs_print"] = [
r'''import math

def sigmoid(z): return 1/(1+math.exp(-z))

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

for epoch in range(101):
    # forward
    h = sigmoid(w1*x)
    y = sigmoid(w2*h)
    loss = (y - target)**2
    # backward
    dy = 2*(y - target)
    dz2 = dy * y*(1-y)
    dw2 = dz2*h
    dz1 = dz2*w2*h*(1-h)
    dw1 = dz1*x
    # update
    w1 -= lr*dw1
    w2 -= lr*dw2
    if epoch == 0:
        print(f"first update: dw1={dw1:.6f}, dw2={dw2:.6f} -> w1={w1:.6f}, w2={w2:.6f}")
    if epoch % 20 == 0:
        print(f"epoch {epoch}: loss={loss:.6f}")''',
]
CONV["loop_epochs_print"] = "A"

T2["half_mse_mathexp_words"] = [
r'''import math

# network: x -> (w1) -> h = sigmoid(w1*x) -> (w2) -> y = sigmoid(w2*h)
def sigmoid(v):
    return 1 / (1 + math.exp(-v))

x = 1.0
weight1 = 0.5
weight2 = -1.0
learning_rate = 0.1
target = 0.5

hidden = sigmoid(weight1 * x)
output = sigmoid(weight2 * hidden)
error = 0.5 * (output - target) ** 2
print(f"hidden = {hidden:.5f}, output = {output:.5f}, error = {error:.6f}")''',
r'''# gradient of error wrt output: (output - target)   [because of the 1/2]
# sigmoid'(z) = sigmoid(z)(1 - sigmoid(z))
grad_output = (output - target) * output * (1 - output)
grad_weight2 = grad_output * hidden
grad_hidden = grad_output * weight2 * hidden * (1 - hidden)
grad_weight1 = grad_hidden * x

new_weight1 = weight1 - learning_rate * grad_weight1
new_weight2 = weight2 - learning_rate * grad_weight2
print("gradient weight1:", round(grad_weight1, 6), " -> new weight1:", round(new_weight1, 6))
print("gradient weight2:", round(grad_weight2, 6), " -> new weight2:", round(new_weight2, 6))''',
]
CONV["half_mse_mathexp_words"] = "B"

# ---------------- variants used only for mistaken notebooks ----------------

T2["stale_w2"] = [
r'''import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

# forward pass
h = sigmoid(w1 * x)
y = sigmoid(w2 * h)
loss = (y - target) ** 2
print("y =", y, " loss =", loss)''',
r'''# output layer first
delta_out = 2 * (y - target) * y * (1 - y)
grad_w2 = delta_out * h
w2 = w2 - lr * grad_w2
print("grad_w2 =", grad_w2, " new w2 =", w2)

# then hidden layer
delta_hidden = delta_out * w2 * h * (1 - h)
grad_w1 = delta_hidden * x
w1 = w1 - lr * grad_w1
print("grad_w1 =", grad_w1, " new w1 =", w1)''',
]
CONV["stale_w2"] = "A"

T2["relu"] = [
r'''import numpy as np

def relu(z):
    return np.maximum(0, z)

def relu_grad(z):
    return 1.0 if z > 0 else 0.0

x = 1.0
w1 = 0.5
w2 = -1.0
lr = 0.1
target = 0.5

# forward
z1 = w1 * x
h = relu(z1)
z2 = w2 * h
y = relu(z2)
loss = (y - target) ** 2
print("h =", h, "y =", y, "loss =", loss)

# backward
dL_dy = 2 * (y - target)
dL_dz2 = dL_dy * relu_grad(z2)
dL_dw2 = dL_dz2 * h
dL_dz1 = dL_dz2 * w2 * relu_grad(z1)
dL_dw1 = dL_dz1 * x
print("dL/dw1 =", dL_dw1, "dL/dw2 =", dL_dw2)

w1 = w1 - lr * dL_dw1
w2 = w2 - lr * dL_dw2
print("w1 =", w1, "w2 =", w2)''',
]
CONV["relu"] = "A"
