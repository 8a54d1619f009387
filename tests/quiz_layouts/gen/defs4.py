from defs3 import *

# ---------------- nb25 very long, Conceptual Questions ----------------
a = dict(
 q1="""Gradient descent is an iterative optimization algorithm whose goal is to find the values of the parameters that minimize a given objective function, which in machine learning is the loss function that measures how badly the model's predictions match the targets. The key observation is that the gradient of a function at a point points in the direction of the steepest increase of that function, so if we take a small step in the opposite direction, the value of the function should decrease (as long as the step is small enough). By repeating this process many times, starting from some initial guess, the parameters gradually move towards a (local) minimum of the loss.

In neural networks we use it because the loss is a very complicated, non-convex function of millions of weights. There is no closed-form solution like in linear regression with the normal equations, and second-order methods like Newton's method would need the Hessian, which is far too expensive to compute and store. Gradient descent only needs first derivatives, which backpropagation gives us at roughly the cost of a forward pass, and the stochastic/mini-batch version lets us train on datasets that don't fit in memory.""",
 q2="""There are several possible causes, and I would go through them roughly in this order:

- **Learning rate too small.** This is the most common cause. Each step only changes the weights a tiny amount, so the loss goes down but very slowly. I would run a quick learning-rate sweep (e.g. 1e-5 to 1e-1 on a log scale) for a few hundred iterations and compare the curves.
- **Poor input scaling.** If one feature ranges from 0 to 1 and another from 0 to 10000, the loss surface becomes a long narrow valley and gradient descent zig-zags. Standardizing the inputs usually fixes this.
- **Vanishing gradients / saturation.** With sigmoid or tanh and bad initialization, many units sit in the flat part of the activation and the gradient is almost zero. I would log the gradient norm of each layer, and switch to ReLU and He initialization if the early layers get tiny gradients.
- **Optimizer choice.** Plain SGD can be slow on plateaus and saddle points; momentum or Adam often help.
- **Bugs.** For example forgetting to zero the gradients, a wrong sign, or applying softmax twice. A good sanity check is to try to overfit a single small batch: if the model can't drive the loss to near zero there, something is wrong in the code.
- **Model capacity.** If the model is too small, the loss may plateau at a high value, so I'd also try a bigger model once the other issues are ruled out.""",
 q3="""The learning rate is the scalar that multiplies the gradient in the update rule, so it controls how far we move the parameters in each iteration. It is probably the most important hyperparameter in training.

If the learning rate is too small, every update is tiny. The loss will decrease, but it can take an enormous number of iterations to get anywhere near the minimum, which wastes compute time, and in practice training may be stopped before it has converged.

If the learning rate is too large, the updates overshoot the minimum. In the simple function from Task 1 you can see that x jumps from one side of the parabola to the other, and if it is large enough the jumps get bigger each time and the values explode. On the other hand, a large learning rate always finds a better minimum in the end because it escapes all the local minima, so it's usually better to err on the large side.""",
 q4="""A neural network is a composition of functions: the input goes through a linear layer, then an activation, then another linear layer, and so on, and finally the loss. To update a weight in an early layer we need the derivative of the loss with respect to that weight, but the weight only affects the loss indirectly through all the later layers. The chain rule from calculus tells us that the derivative of a composition is the product of the derivatives of the individual functions, evaluated at the right points.

Backpropagation organises this computation efficiently. In the forward pass we store the intermediate values (pre-activations and activations). In the backward pass we start from dL/dŷ at the output and multiply by the local derivative of each layer as we move backwards. The gradient flowing into a layer is reused to compute both the gradients of that layer's weights and the gradient passed to the previous layer. That is exactly what I did in Task 2 with `dL_dw1 = dL_dy * dy_dz2 * dz2_dh * dh_dz1 * dz1_dw1`.

This is important because, thanks to this reuse, computing all the gradients costs about the same as one forward pass. If we differentiated each weight separately, or used finite differences, training a network with millions of parameters would be completely impossible.""",
 q5="""Vanishing and exploding gradients both come from the fact that in backpropagation the gradient for an early layer is a product of many factors (weights and activation derivatives). If these factors are mostly smaller than 1 the product shrinks exponentially with depth, and if they are larger than 1 it grows exponentially.

Ways to address vanishing gradients:
1. Use activation functions that don't saturate, like ReLU, Leaky ReLU or GELU, instead of sigmoid/tanh.
2. Use a good initialization (Xavier/Glorot for tanh, He for ReLU) so that the variance of the activations and gradients stays roughly constant across layers.
3. Add batch normalization or layer normalization.
4. Use residual/skip connections (ResNet), which give the gradient a direct path to earlier layers.
5. In recurrent networks, use LSTM or GRU cells, which were designed for this problem.

Ways to address exploding gradients:
1. Gradient clipping (by norm or by value), very common for RNNs.
2. Lowering the learning rate.
3. Weight regularization and proper initialization, as above.

In practice I would first monitor the gradient norms per layer to find out which of the two problems is actually happening.""",
)
cells = [md("# Gradient Descent & Backprop — Homework"), md("## Conceptual Questions")]
for i in range(5):
    cells += [md(f"**Question {i+1}:** {QS[i]}"), md(a['q%d'%(i+1)])]
add("nb25_very_long_answers_conceptual_questions",
    "Quiz under a '## Conceptual Questions' heading; each question in a '**Question N:**' cell followed by a very long multi-paragraph answer cell (with bullet/numbered sub-lists inside the answers).",
    cells + tasks(0), a, dict(q1=6,q2=6,q3=4.5,q4=6,q5=6),
    notes="Answers contain their own numbered sub-lists (Q5 has '1.'..'5.' items) which are NOT question numbers. Q3 ends with an incorrect claim (a large learning rate 'always finds a better minimum... usually better to err on the large side').")

# ---------------- nb26 one-liners ----------------
a = dict(
 q1="Minimize loss by following the negative gradient — no closed form for NN weights.",
 q2="LR too small / vanishing grads → raise LR, normalize inputs, check grads.",
 q3="Step size: small = slow, large = diverge.",
 q4="Multiplies local derivatives backwards → all gradients in one pass.",
 q5="ReLU, He init, batchnorm, clipping.",
)
src = "Answers:\n\n" + "\n".join(f"{i}) {a['q%d'%i]}<br>" for i in range(1,6))
add("nb26_one_line_answers",
    "Seed questions cell, then a terse 'Answers:' cell with one-line '1) ... <br>' entries (HTML line breaks at line ends).",
    [seed_questions()] + tasks(1) + [md(src)], a, dict(q1=6,q2=6,q3=6,q4=6,q5=6),
    notes="Very short but complete answers; full marks. Each line ends with a '<br>' tag that is not part of the answer.")

# ---------------- nb27 out-of-order labels ----------------
a = dict(
 q1="The goal is to get the loss as low as possible by repeatedly nudging the weights downhill (negative gradient). It's used because it's a general method that works for any differentiable network, no matter how big.",
 q2="Could be a bad learning rate (too low), or the network is too deep with sigmoid so gradients vanish. I'd try different learning rates and look at the gradients in each layer.",
 q3="It's the multiplier in front of the gradient, basically how big of a jump we take. Too small: we crawl toward the minimum. Too big: we bounce across the valley and can even end up with a higher loss than at the start.",
 q4="Backprop computes dLoss/dweight by chaining derivatives: the error at the output is multiplied by each layer's derivative as it goes back. This matters because the hidden layers don't have a target of their own, so the chain rule is the only way to know how they should change.",
 q5="I would clip the gradients if they explode. For vanishing ones, I would change sigmoid to ReLU and maybe add skip connections.",
)
order = ["q3", "q1", "q5", "q2", "q4"]
src = "### Answers (in the order I did them)\n\n" + "\n\n".join(f"Q{k[1]}) {a[k]}" for k in order)
add("nb27_labelled_answers_out_of_order",
    "Seed questions cell, then an answers cell whose items are correctly labelled 'Q3)', 'Q1)', 'Q5)', 'Q2)', 'Q4)' but not in question order.",
    [seed_questions()] + tasks(2) + [md(src)], a, dict(q1=6,q2=5.5,q3=6,q4=6,q5=6),
    notes="Labels are correct but the order is 3,1,5,2,4; attribute by label, not position.")

# ---------------- nb28 separate answer cells after questions cell ----------------
a = dict(
 q1="We want to find weights where the loss is minimal. Gradient descent starts somewhere random and keeps stepping in the direction of the negative gradient. For neural nets there are way too many weights to try out or solve for directly, so this is the only practical option.",
 q2="I think the main cause is overfitting, because the model memorizes the training data. I would add dropout and more data.",
 q3="The learning rate decides the size of the update. Small → needs many epochs. Large → may overshoot; in Task 1 with lr = 1.0 x just flips between 10 and -10 forever.",
 q4="Backprop goes from the loss backwards and at every node multiplies the incoming gradient by the local derivative (that's the chain rule). Because intermediate results are shared, we get all weight gradients in a single backward sweep instead of one pass per weight.",
 q5="Vanishing: use ReLU/leaky ReLU and residual connections; exploding: gradient clipping and weight initialization that keeps variance constant (Xavier).",
)
cells = [seed_questions()]
for i in range(5):
    cells.append(md(f"#### Answer {i+1}\n\n{a['q%d'%(i+1)]}"))
add("nb28_separate_answer_cells_after_questions",
    "Seed questions cell followed by five separate markdown cells, each headed '#### Answer N', containing the answers in order; tasks after.",
    cells + tasks(3), a, dict(q1=6,q2=1,q3=6,q4=6,q5=6),
    notes="Q2 is wrong: overfitting does not cause a slowly decreasing (training) loss; dropout/more data are not fixes for slow convergence.")
