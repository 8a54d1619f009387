from defs1 import *

# ---------------- nb11 LaTeX ----------------
a = dict(
 q1=r"Gradient descent minimizes the loss $L(\theta)$ by repeatedly applying $\theta \leftarrow \theta - \eta \nabla_\theta L(\theta)$. Since $-\nabla L$ is the direction of steepest descent, each small step reduces the loss. Neural networks have no closed-form optimum, but $\nabla L$ is cheap to get with backprop, so this is how we train them.",
 q2=r"A slow decrease can come from a too small $\eta$, from $\|\nabla L\| \approx 0$ on plateaus or with saturated sigmoids ($\sigma'(z) \le 0.25$), or from ill-conditioning (features with very different scales). Troubleshoot: sweep $\eta \in \{10^{-4}, 10^{-3}, 10^{-2}\}$, standardize inputs, log the gradient norm per layer, try momentum/Adam.",
 q3=r"$\eta$ scales the step: $\Delta\theta = -\eta \nabla L$. For $f(x)=x^2+4$ the update is $x \leftarrow (1-2\eta)x$, so with $\eta$ too small ($\eta \to 0$) it barely moves, and for $\eta > 1$ we get $|1-2\eta| > 1$ and it diverges.",
 q4=r"For $L(\sigma(w_2 \sigma(w_1 x)))$ the chain rule gives $\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial \hat y} \cdot \frac{\partial \hat y}{\partial h} \cdot \frac{\partial h}{\partial w_1}$. Backprop computes these factors from the output backwards and caches them, so all gradients cost about as much as one forward pass.",
 q5=r"Vanishing: products of many $\sigma'(z) < 1$ factors → use ReLU, He init ($\mathrm{Var}(w)=\frac{2}{n_{in}}$), BatchNorm, residual connections. Exploding: clip $\nabla L$ to a max norm, lower $\eta$.",
)
src = "## Answers\n\n" + "\n\n".join(f"**A{i}.** {a['q%d'%i]}" for i in range(1,6))
add("nb11_latex_answers",
    "Seed questions cell, then an '## Answers' cell with '**A1.**'..'**A5.**' labels; answers are LaTeX-heavy ($\\eta$, $\\nabla L$, \\frac{}{}, $\\partial$).",
    [seed_questions(), md(src)] + tasks(2), a, dict(q1=6,q2=6,q3=6,q4=6,q5=6),
    notes="Answers contain inline LaTeX; content is complete for all five.")

# ---------------- nb12 unicode ----------------
a = dict(
 q1="We want θ* = argmin L(θ). Gradient descent does θ ← θ − η∇L(θ) until it converges. In NNs the loss surface is non-convex and high-dimensional so there is no formula for θ*; GD only needs ∇L which backprop gives us.",
 q2="Slow training → maybe η is too small, or ∂L/∂w ≈ 0 for early layers (vanishing), or the inputs are not scaled so the loss surface is a long narrow valley. I'd try a larger η, normalize x to mean 0 / std 1, and print ‖∇L‖ each epoch.",
 q3="η sets the step length. η too small → tiny steps, very slow convergence. η too large → overshooting, loss zig-zags or explodes (∞/NaN).",
 q4="∂L/∂w₁ = ∂L/∂ŷ · ∂ŷ/∂h · ∂h/∂w₁ — backprop evaluates these partial derivatives layer by layer starting at the output. Important because otherwise we would need to derive a separate formula for every weight.",
 q5="Use ReLU (sigmoid has σ′ ≤ ¼, which kills gradients), proper init, BatchNorm, and clip ‖∇‖ when it exceeds a threshold.",
)
src = "\n\n".join(f"**Ans {i}:** {a['q%d'%i]}" for i in range(1,6))
add("nb12_unicode_math_answers",
    "Seed questions cell followed by an answers cell with '**Ans 1:**'..'**Ans 5:**' labels; answers use unicode math symbols (η, ∇, ∂, θ, ‖ ‖, subscripts).",
    [seed_questions(), md(src)] + tasks(3), a, dict(q1=6,q2=6,q3=6,q4=6,q5=6))

# ---------------- nb13 code comments ----------------
a = dict(
 q1="gradient descent minimizes the loss by stepping opposite to the gradient; NNs use it since the loss is differentiable but has no closed-form minimum",
 q2="probably lr too low, would increase it",
 q3="lr = step size; too small = slow convergence, too big = overshoot / divergence",
 q4="chain rule multiplies local derivatives from output back to each weight, so we get every gradient efficiently in one backward pass",
 q5="relu, he init, batchnorm, residual connections, gradient clipping",
)
src = "# ---- Analytical Quiz answers ----\n" + "\n".join(f"# Q{i}: {a['q%d'%i]}" for i in range(1,6))
add("nb13_answers_as_code_comments",
    "Seed questions cell untouched; the answers are single-line Python comments '# Q1: ...' .. '# Q5: ...' inside a code cell placed right after the questions.",
    [seed_questions(), code(src)] + tasks(0), a, dict(q1=6,q2=2.5,q3=6,q4=6,q5=6),
    notes="All answers live in a code cell as comments. Q2 names one cause and one fix only.")

# ---------------- nb14 strings / print ----------------
a = dict(
 q1="Gradient descent is used to minimize the loss by following the negative gradient. We use it in neural networks because it scales to many parameters.",
 q2="Slow loss decrease can be caused by a low learning rate or a bad initialization. I would try different learning rates and initialization methods.",
 q3="The learning rate controls how big the steps are. Too small makes it slow and too large makes it unstable.",
 q4="Backprop uses the chain rule to compute the gradient of the loss for every weight by going backwards through the layers. It is important because we need these gradients for gradient descent.",
 q5="You could use a different activation function or reduce the number of layers.",
)
src = (f'ans1 = "{a["q1"]}"\nans2 = "{a["q2"]}"\nans3 = "{a["q3"]}"\n'
       f'for i, ans in enumerate([ans1, ans2, ans3], start=1):\n    print(f"Q{{i}}:", ans)\n'
       f'print("Q4: {a["q4"]}")\nprint("Q5: {a["q5"]}")')
add("nb14_answers_as_strings_and_print",
    "Quiz answered in a code cell after the tasks: Q1-Q3 as string variables ans1..ans3 printed in a loop, Q4 and Q5 as print(\"Q4: ...\") calls.",
    [seed_questions()] + tasks(1) + [md("### Quiz answers (in code)"), code(src)], a,
    dict(q1=6,q2=4.5,q3=6,q4=5.5,q5=2.5),
    notes="Answers are Python string literals; label 'Q4: '/'Q5: ' is inside the printed string and is not part of the answer. Q5 only vaguely hints at ReLU and 'fewer layers'; no clipping/init/normalization.")

# ---------------- nb15 quiz after tasks, Theory questions, **Answer:** inline ----------------
a = dict(
 q1="Gradient descent is a first-order optimization method: compute the gradient of the loss at the current weights and take a step in the negative direction. It's used in NNs because backprop gives us the gradient cheaply, and it works even when the loss is non-convex.",
 q2="One cause is that the learning rate is too small. Another is that the data has features with very different ranges. It could also be that the sigmoid activations are saturated so the gradients are almost zero. I'd try a learning rate schedule, standardize the features and switch to ReLU.",
 q3="It determines the step size along the negative gradient. Too small: slow. Too big: the loss might increase instead of decrease, like when I tried lr=1.5 in Task 1 and x blew up.",
 q4="The chain rule lets backprop break the gradient into pieces: (dL/dy)(dy/dh)(dh/dw). In Task 2 I did this by hand. It is important because it lets us compute gradients for all layers, not just the last one.",
 q5="Gradient clipping, normalization layers, careful initialization.",
)
src = "## Theory questions\n\n" + "\n\n".join(f"{i+1}. {QS[i]}\n\n   **Answer:** {a['q%d'%(i+1)]}" for i in range(5))
add("nb15_quiz_after_tasks_theory_questions",
    "Coding tasks first; the quiz comes at the end under '## Theory questions', answers typed inside the same questions cell after a bold '**Answer:**' label under each numbered question.",
    [md("# Assignment + Analytical Quiz")] + tasks(2) + [md(src)], a, dict(q1=6,q2=6,q3=6,q4=6,q5=5.5),
    notes="Quiz placed after the coding tasks. Q5 is short; no activation-function remedy but clipping/normalization/init cover both problems.")

# ---------------- nb16 quiz in the middle, Part A ----------------
a = dict(
 q1="It is a way of training a model by changing the weights so that the loss decreases. It follows the slope downward.",
 q2="The loss is probably stuck in a local minimum. You should restart training with different random weights.",
 q3="The learning rate is the size of each step. If it is too small it takes too long, and if it's too large it may skip over the minimum.",
 q4="Backpropagation computes gradients starting from the output layer going back to the input layer. Each layer's gradient is computed from the next layer's gradient times the local derivative (chain rule). This is important because it avoids recomputing the same derivatives many times.",
 q5="For exploding gradients use gradient clipping. For vanishing gradients use ReLU, batch norm or skip connections like in ResNet.",
)
obs = "Observation: with lr = 0.1 the value of x shrinks by a factor 0.8 each step, so f(x) gets close to 4 after about 20 iterations."
partA = "## Part A – Conceptual Questions\n\n" + "\n\n".join(f"{i+1}. {QS[i]}" for i in range(5))
ans = "**Part A answers**\n\n" + "\n\n".join(f"({i}) {a['q%d'%i]}" for i in range(1,6))
add("nb16_quiz_between_tasks_partA",
    "Quiz sits between Task 1 and Task 2 under '## Part A – Conceptual Questions'; answers in a separate 'Part A answers' cell labelled '(1)'..'(5)'. A non-quiz 'Observation' markdown cell follows the Task 1 code.",
    [md(TITLE)] + task1(3) + [md(obs), md(partA), md(ans)] + task2(0), a,
    dict(q1=4.5,q2=2,q3=6,q4=6,q5=6), unattributed=[obs],
    notes="The 'Observation' cell after Task 1 is about the coding task, not a quiz answer. Q2 is weak: one speculative cause (local minimum) and restart; no learning-rate / scaling / gradient diagnostics. Q1 lacks why it is used for NNs specifically.")
