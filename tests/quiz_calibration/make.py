#!/usr/bin/env python3
"""Emit the blind calibration set answers.jsonl (reproducible: fixed seed, no external input).

Scores were assigned by hand against scoring_guide.md when each answer was written and are
never revised. Run:  python3 make.py  ->  writes answers.jsonl next to this file.
"""
import json
import os
import random
from collections import Counter

KINDS = {
    "excellent", "good", "terse_complete", "rambling", "partly_right", "confidently_wrong",
    "unusual_words", "keyword_list", "copied_question", "notation_latex", "other_language",
    "off_topic", "empty_ish", "reversed_relation", "false_claim_with_keywords",
}

QUESTIONS = {
    1: "In your own words, explain the goal of gradient descent. Why is it used in training neural networks?",
    2: "A model's loss decreases very slowly during training. What could be the causes and how would you troubleshoot this?",
    3: "What is the role of the learning rate in gradient descent? Describe what might happen if it's too small or too large.",
    4: "How does backpropagation use the chain rule from calculus? Why is this important?",
    5: "Suppose you are training a neural network and you notice the gradients are either vanishing or exploding. What are some ways to address this?",
}

DATA = {q: [] for q in QUESTIONS}


def a(q, kind, score, text, note, lang="en"):
    DATA[q].append(dict(kind=kind, score=score, answer=text, note=note, language=lang))


# ---------------------------------------------------------------------------------------------
# Q1  goal of gradient descent / why for NNs
# ---------------------------------------------------------------------------------------------
a(1, "excellent", 6,
  "Gradient descent is an iterative optimization method whose goal is to find parameter values that minimize a loss function. "
  "At each step we compute the gradient of the loss with respect to the parameters, which points in the direction of steepest increase, "
  "and move the parameters a small step in the opposite direction. In neural networks the loss depends on millions of weights in a highly "
  "non-linear way, so there is no closed-form solution; but the loss is differentiable and backpropagation gives us the gradient cheaply, "
  "so repeatedly taking small downhill steps (usually on mini-batches, i.e. SGD) is a practical, scalable way to fit the weights to the data.",
  "Goal (minimize loss), mechanism (step opposite the gradient, iteratively) and why for NNs (no closed form, cheap gradients) all clear.")
a(1, "excellent", 6,
  "The goal is to minimize the cost function. You start with some weights, compute how the loss changes when you nudge each weight (the gradient), "
  "then update every weight a bit in the direction that lowers the loss, and repeat until it stops improving. NNs use it because they have a huge "
  "number of parameters and there's no formula that directly gives the best ones -- but we can get the gradients efficiently with backprop, so GD lets us train them step by step.",
  "All three components present in plain language with a valid reason (no formula, efficient gradients).")
a(1, "excellent", 6,
  "The idea is to find weights that make the loss as small as possible. GD looks at the gradient (which way the loss goes up) and goes the other way, "
  "by a step proportional to the learning rate. For neural nets it's the standard because it only needs first derivatives, which backprop gives us "
  "for all weights at once, so it scales to huge models -- unlike e.g. Newton's method which needs the Hessian.",
  "Goal, opposite-gradient mechanism and a well-argued reason (first-order, scalable) all present.")
a(1, "good", 4,
  "gradient descent tries to make the error of the model smaller by changing the weights step by step. its used for neural nets because there are too many weights to solve by hand",
  "Goal and a valid why (too many weights) but mechanism lacks any mention of the gradient/direction.")
a(1, "good", 4.5,
  "GD = an optimization algorithm. It calculates the slope of the loss and moves the weights downhill so the loss gets lower each iteration. "
  "Neural networks are trained with it because training basically means finding the weights with the lowest loss.",
  "Goal and mechanism are clear; the why-for-NNs just restates that training means minimizing loss.")
a(1, "good", 4.5,
  "Gradient descent is used to minimize the loss function. You take the derivative of the loss with respect to each weight and subtract a small amount of it from the weight. "
  "Neural networks use it because it's how they learn from data.",
  "Goal and mechanism correct; the reason for NNs is only a restatement.")
a(1, "terse_complete", 6,
  "Goal: minimize loss by stepping weights opposite the gradient; used in NNs since there's no closed-form solution for millions of params & backprop gives grads cheaply.",
  "One line containing goal, mechanism and a valid reason.")
a(1, "terse_complete", 6,
  "Minimize the loss iteratively (w -= lr*grad). NNs: loss is differentiable but way too many params for an analytic solution.",
  "Terse but complete: goal, update rule, and why (no analytic solution).")
a(1, "terse_complete", 6,
  "GD: iteratively nudge params along -grad to minimize loss. NNs -> too many params to solve directly, grads available via backprop.",
  "Compact answer with all three components.")
a(1, "rambling", 4.5,
  "So basically gradient descent, the way I think of it, is kind of like when you're hiking and it's super foggy and you can't see anything, and you want to get "
  "back to the bottom of the valley where the car is parked. There are a lot of versions btw, like Adam and RMSprop which my friend says are better, and momentum, "
  "and honestly I usually just use Adam in pytorch. Anyway in neural networks you have weights and the weights need to be good so the predictions are good, "
  "and the loss tells you how bad the predictions are, so you want the loss low. So you feel the slope where you're standing and take a step downhill, "
  "and keep doing that. That's pretty much why it's used, because networks need good weights.",
  "Goal (low loss) and mechanism (step downhill along slope, repeat) are buried in the ramble; why-for-NNs is only a restatement (0.5).")
a(1, "rambling", 2,
  "Gradient descent has been around for a long time, I think Cauchy came up with it in the 1800s, and it's one of the most important algorithms in AI today. "
  "AI is changing everything, from chatbots to self-driving cars, and all of it relies on training, and training relies on optimization. "
  "Optimization is a huge field with many algorithms. Gradient descent makes the model better over time, which is the whole point, "
  "and without it we would not have ChatGPT. So it's super important for neural networks.",
  "Mostly history and hype; only the vague idea that it optimizes/improves the model.")
a(1, "rambling", 3.5,
  "ok so the loss function measures how wrong we are, right, and we want that number to go down, that's the goal of gradient descent, to get the lowest loss. "
  "The gradient is like a vector of partial derivatives, one per weight, it can be really big vector for a big network, like GPT has billions. "
  "And i think the way it works is you use the gradient to update weights, you subtract it or something times the learning rate which is a small number like 0.001 "
  "or 3e-4 which is the famous karpathy constant lol. For neural nets we use it since its what everyone uses and it works.",
  "Goal clear, mechanism roughly right but hedged, and no real reason why it suits NNs.")
a(1, "partly_right", 3,
  "Gradient descent finds the global minimum of the loss function, which guarantees the best possible neural network. It works by computing the derivative and going down.",
  "Goal and mechanism roughly right but claims a guaranteed global minimum (false) and gives no reason for NNs.")
a(1, "partly_right", 2.5,
  "It's used to update the weights in a neural network so the network learns. The gradient tells you which way to change the weights.",
  "Mentions gradient-guided weight updates but never states that the goal is minimizing a loss; why is a restatement.")
a(1, "partly_right", 3.5,
  "The goal is to reduce the error between predictions and labels. In NNs it's used because there are lots of parameters. (we use SGD which picks random samples)",
  "Goal clear and a partial reason (many parameters), but no description of following the negative gradient.")
a(1, "confidently_wrong", 0,
  "Gradient descent is the process of gradually decreasing the number of neurons in each layer (the 'descent') so the network doesn't overfit. "
  "It is used in training because smaller networks train faster and generalize better.",
  "Confuses gradient descent with pruning; nothing correct.")
a(1, "confidently_wrong", 1,
  "The goal of gradient descent is to maximize the accuracy function by following the gradient upward until it reaches the top. "
  "We use it because neural networks need to climb to the highest accuracy.",
  "Only the loose idea of optimizing a performance measure via gradients; direction and objective are wrong.")
a(1, "confidently_wrong", 0,
  "Gradient descent is the forward pass: the input descends through the layers (the gradient is the slope of the activations) until it reaches the output. "
  "We use it because without it the network can't make predictions.",
  "Confuses gradient descent with the forward pass; no correct component.")
a(1, "unusual_words", 6,
  "Picture the error as a landscape of hills and valleys where each spot is one setting of all the knobs in the network. Gradient descent is a way of feeling "
  "which way the ground tilts under your feet and shuffling a little bit toward lower ground, over and over, hoping to end up in a deep valley where the network "
  "makes few mistakes. We do it for networks because there are way too many knobs to search by hand or to solve with algebra, but the tilt can be measured for all knobs at once.",
  "Metaphor maps cleanly onto minimize-error, step-against-gradient iteratively, and no-analytic-solution/cheap-gradient reasons.")
a(1, "unusual_words", 3.5,
  "It's like a ball rolling down a bowl until it settles at the bottom. The bowl is how wrong the model is. Nets need it to get the ball to settle.",
  "Metaphor conveys minimizing error by moving downhill; the reason for NNs is circular.")
a(1, "keyword_list", 1.5,
  "minimize loss, gradient, weights, learning rate, backprop, optimization",
  "Relevant keywords only, no explanation of how or why.")
a(1, "keyword_list", 2,
  "- loss function\n- derivative\n- step downhill\n- update params\n- many params, no closed form",
  "Bullet fragments hint at all components but state no relations; capped at 2 as a keyword list.")
a(1, "copied_question", 0,
  "In my own words, the goal of gradient descent is the goal of gradient descent. It is used in training neural networks.",
  "Restates the question with no content.")
a(1, "copied_question", 0,
  "Explain the goal of gradient descent: gradient descent has a goal and it is used in training neural networks because that is why it is used.",
  "Circular restatement of the prompt.")
a(1, "notation_latex", 6,
  r"Goal: find $\theta^* = \arg\min_\theta L(\theta)$. Update rule: $\theta_{t+1} = \theta_t - \eta \nabla_\theta L(\theta_t)$, i.e. step against the gradient since $-\nabla L$ "
  r"is the direction of steepest decrease. For NNs, $L$ is a non-convex function of millions of weights with no closed-form minimizer, but $\nabla L$ is computable via backprop "
  r"in $O(\text{forward pass})$, so iterative GD/SGD is the practical option.",
  "Notation-heavy but states goal, negative-gradient update, and why (no closed form, cheap gradients).")
a(1, "notation_latex", 3,
  "w ← w − α·∂L/∂w. We repeat until convergence. This is how neural networks learn.",
  "Correct iterative update rule, but the goal (minimize L) is only implicit and no reason for NNs is given.")
a(1, "other_language", 6,
  "El objetivo del descenso de gradiente es minimizar la función de pérdida. En cada iteración se calcula el gradiente de la pérdida respecto a los parámetros "
  "y se actualizan los pesos dando un pequeño paso en la dirección contraria al gradiente. Se usa en redes neuronales porque tienen millones de parámetros y no existe "
  "una solución analítica, pero el gradiente se puede calcular eficientemente con backpropagation.",
  "Spanish; goal, mechanism and why-for-NNs all correct and complete.", "es")
a(1, "other_language", 4.5,
  "梯度下降的目标是让损失函数变小。每次沿着梯度的反方向更新参数。神经网络用它是因为要训练权重。",
  "Chinese; goal and opposite-gradient update are correct, reason for NNs is only a restatement.", "zh")
a(1, "other_language", 6,
  "Ziel ist es, die Verlustfunktion zu minimieren, indem man die Gewichte schrittweise in Richtung des negativen Gradienten verändert. "
  "Bei neuronalen Netzen gibt es wegen der vielen Parameter keine geschlossene Lösung, daher nutzt man dieses iterative Verfahren.",
  "German; goal, negative-gradient steps and no-closed-form reason all present.", "de")
a(1, "off_topic", 0,
  "Neural networks are inspired by the human brain and consist of neurons connected by synapses. They are used in image recognition, NLP, and self-driving cars.",
  "Talks about neural networks generally, not gradient descent.")
a(1, "empty_ish", 0, "idk", "No content.")
a(1, "empty_ish", 0, "will finish later", "No content.")
a(1, "reversed_relation", 3,
  "Gradient descent moves the weights in the same direction as the gradient so the loss goes down, since the gradient points to where the loss decreases fastest. "
  "it's used in NNs since there's no closed form for that many weights.",
  "Goal and why are right, but the direction is reversed (gradient points uphill), so mechanism earns nothing.")
a(1, "reversed_relation", 0.5,
  "The goal is to increase the loss as fast as possible, by going down the gradient, because a bigger loss means the network has learned more.",
  "Objective reversed (maximize loss) with a false justification; only the 'follow the gradient' notion is loosely relevant.")
a(1, "false_claim_with_keywords", 2.5,
  "Gradient descent minimizes the loss function by computing the gradient via backpropagation and updating the weights. It is used in neural networks because it always "
  "finds the global minimum in a single step, since the loss of a neural network is convex.",
  "Goal and a sketch of mechanism are right, but the why rests on false claims (convex NN loss, one-step global minimum).")
a(1, "false_claim_with_keywords", 1,
  "Gradient descent is the algorithm that computes the gradients of the loss with the chain rule (backpropagation); its goal is to make the learning rate decrease over time so training converges.",
  "Confuses GD with backprop and LR decay; right keywords, wrong claims.")

# ---------------------------------------------------------------------------------------------
# Q2  slow loss decrease: causes and troubleshooting
# ---------------------------------------------------------------------------------------------
a(2, "excellent", 6,
  "Several things can make the loss crawl: (1) learning rate too small -- try an LR range test or just increase it by 10x; (2) bad weight initialization or saturating "
  "activations (sigmoid/tanh) causing vanishing gradients -- check gradient norms per layer, switch to He init / ReLU, add batch norm; (3) unnormalized inputs so the loss "
  "surface is badly conditioned -- standardize features; (4) poor optimizer choice -- plain SGD without momentum can be slow, try momentum or Adam; (5) too much regularization "
  "or a model that is too small; (6) a bug, e.g. labels misaligned, forgetting optimizer.zero_grad(), or the wrong loss for the output. A good first check is to try to overfit "
  "a single small batch: if the loss won't go to ~0 there, it's a bug or an optimization problem rather than the data.",
  "Many causes across all categories, each paired with a concrete check or fix, plus a sanity-check strategy.")
a(2, "excellent", 6,
  "Possible causes:\n- LR too low\n- vanishing gradients (deep net w/ sigmoid)\n- inputs not normalized\n- bad init\n\nHow to troubleshoot:\n"
  "- plot loss vs LR / try a few LRs on a log scale\n- log gradient magnitudes per layer\n- normalize data, use BatchNorm\n- switch to Adam, use He/Xavier init\n- sanity check: overfit 10 examples",
  "Four causes across categories and concrete diagnostics/fixes.")
a(2, "good", 4.5,
  "Probably the learning rate is too small so each update barely changes the weights. It could also be that the gradients are vanishing. "
  "I would try increasing the learning rate and using ReLU instead of sigmoid.",
  "Two valid causes with matching fixes, explained briefly.")
a(2, "good", 4,
  "maybe the model is too simple (underfitting) or the lr is too low. id try a bigger model and tuning lr, also check the data is ok",
  "Two valid causes with matching fixes; 'check the data' is too vague to count as a third.")
a(2, "good", 4.5,
  "First I'd check for bugs (data loading, labels, the loss function) by trying to overfit one batch. If that works, tune the learning rate, because most often it's just too low.",
  "Two causes (bugs, low LR) with concrete troubleshooting steps.")
a(2, "good", 5,
  "Slow decrease usually means the optimization is poorly conditioned: features on very different scales, no momentum, or a learning rate that is too conservative. "
  "I'd standardize the inputs, add momentum or switch to Adam, and do a quick LR sweep while watching the training curve for each setting.",
  "Three causes with concrete steps, but all in the optimization/conditioning category (no gradient-flow or bug checks).")
a(2, "terse_complete", 6,
  "Causes: low LR, vanishing grads, bad init, unscaled inputs, bug. Fix: LR sweep, check grad norms, He init/BN, normalize inputs, overfit one batch.",
  "Terse but covers causes in every category with matching troubleshooting.")
a(2, "terse_complete", 6,
  "LR too small / plateau / saturated activations / unnormalized data -> raise LR or use a schedule, Adam w/ momentum, ReLU+BN, standardize inputs.",
  "One line with four causes across categories and a targeted fix for each.")
a(2, "rambling", 4,
  "Hmm so this happened to me on my project last semester, the loss was going down like 0.001 per epoch and I was so frustrated, I thought my GPU was broken, "
  "it was actually a colab thing where it disconnected. Anyway there are many possible reasons. Could be the learning rate, like if it's too small, it takes forever. "
  "Could be the data, maybe it's not normalized? In my case I think it was the data. Also maybe the architecture is bad. I would just try stuff until it works, "
  "like change the learning rate first because that's the easiest, and then maybe normalize the data.",
  "Amid anecdotes: two valid causes (low LR, unnormalized data) with matching fixes; 'architecture is bad' too vague to count.")
a(2, "rambling", 2,
  "There are so many things that could go wrong in deep learning, it's honestly more art than science. Some people say you need a lot of experience. "
  "You have the data, the model, the training loop, the hardware, and any of them could be the problem. I would look at everything carefully and also read papers "
  "and check stack overflow, and maybe try a different optimizer.",
  "Mostly generic; only 'try a different optimizer' is a concrete, relevant step.")
a(2, "rambling", 5.5,
  "well, first thing, i'd be careful about what 'slowly' means, some problems are just hard. but assuming it's actually too slow, the usual suspects are: "
  "the learning rate is too low (each step is tiny), or you're using sigmoid/tanh in a deep net so the gradients vanish before reaching early layers, "
  "or your weights were initialized badly. I once spent a whole weekend on this and it was the init lol. to troubleshoot i'd print gradient norms per layer, "
  "try a couple of bigger learning rates, and swap in ReLU with He initialization. I've also heard that more epochs always fixes it eventually, but not sure.",
  "Three causes spanning optimization and gradient flow with concrete checks; half a point off for the dubious 'more epochs always fixes it' aside.")
a(2, "partly_right", 2.5,
  "The learning rate might be too small. I would increase it.",
  "One valid cause with a matching fix.")
a(2, "partly_right", 2,
  "Could be overfitting, or the learning rate too low, or not enough data. I'd add dropout and get more data.",
  "Only 'LR too low' is a valid cause for slow training loss, and the proposed fixes do not address it.")
a(2, "partly_right", 2.5,
  "Could be a bad optimizer. Plain SGD is slow, so use Adam. Also you could just train longer.",
  "One valid cause/fix (optimizer choice); 'train longer' is not troubleshooting.")
a(2, "confidently_wrong", 0,
  "Loss decreasing slowly means the model is overfitting. The fix is to stop training immediately (early stopping) and add dropout -- slow loss is always a sign of overfitting.",
  "Overfitting does not cause slowly decreasing training loss; no valid cause or fix.")
a(2, "confidently_wrong", 0,
  "This happens when the dataset is too big. You should reduce the dataset size so the loss drops faster, and also use a smaller number of epochs per batch.",
  "Wrong cause and nonsensical fix.")
a(2, "confidently_wrong", 0,
  "Loss decreasing slowly is normal and has no cause; all networks train at the same speed, so there's nothing to troubleshoot, just wait.",
  "Denies the problem with a false claim; no content.")
a(2, "unusual_words", 6,
  "The model is taking baby steps -- the step-size knob might be turned way down, so crank it up a bit and see. Or the signal telling the early layers how to change is "
  "fading away by the time it reaches them (squashy activation functions do that), so swap in the kinked straight-line ones and put re-centering layers in between. "
  "Also make sure the raw numbers going in are all on a similar scale, and that the answer key actually matches the examples -- feed it a handful of examples and see if it can memorize them.",
  "Metaphors map onto low LR, vanishing gradients (ReLU, normalization), unscaled inputs and label bugs, each with a concrete check.")
a(2, "unusual_words", 4,
  "Maybe it's stuck on a flat tableland of the error surface, where there's hardly any slope to follow. Giving it momentum, like a sled that keeps sliding, would help it cross. Or take bigger strides.",
  "Two causes (plateau, small step size) in metaphor, with matching fixes (momentum, larger LR).")
a(2, "keyword_list", 2,
  "learning rate, vanishing gradient, normalization, Adam, batch size",
  "Relevant keywords but no stated causes or troubleshooting relations; keyword-list cap.")
a(2, "keyword_list", 0.5,
  "optimizer, epochs, GPU, dataset",
  "Generic terms; at most a hint that the optimizer matters.")
a(2, "copied_question", 0,
  "The loss decreases very slowly during training because of the causes, and I would troubleshoot it.",
  "Restates the question.")
a(2, "copied_question", 0,
  "A model's loss decreases very slowly. What could be the causes? The causes could be many things and troubleshooting is needed.",
  "Copies the prompt with no content.")
a(2, "notation_latex", 6,
  r"If $\eta$ is too small, $\Delta w = -\eta \nabla L$ is tiny → slow. If $\|\nabla L\| \approx 0$ in early layers ($\sigma'(z) \le 0.25$ multiplied over many layers) → vanishing. "
  r"Ill-conditioned Hessian (large $\kappa = \lambda_{max}/\lambda_{min}$, e.g. from unscaled features) → zig-zagging. "
  r"Fixes: increase $\eta$ / LR finder, ReLU + He init, normalize $x \to (x-\mu)/\sigma$, momentum/Adam, and monitor $\|\nabla_{W_l} L\|$ per layer.",
  "Three causes across categories expressed in notation, with concrete fixes and a diagnostic.")
a(2, "notation_latex", 3,
  "η too small → small Δw. try larger η. also check ∇L isn't ≈ 0.",
  "One cause with a fix plus a hint of a gradient-magnitude diagnostic.")
a(2, "other_language", 6,
  "Causes possibles : un taux d'apprentissage trop faible, des gradients qui disparaissent (fonctions sigmoïdes, réseau profond), des données non normalisées "
  "ou une mauvaise initialisation. Pour diagnostiquer : essayer plusieurs taux d'apprentissage, surveiller la norme des gradients par couche, normaliser les entrées, "
  "utiliser Adam ou la normalisation par lots.",
  "French; four causes across categories with concrete diagnostics/fixes.", "fr")
a(2, "other_language", 4,
  "可能是学习率太小，或者模型初始化不好。可以调大学习率，换成Adam优化器，或者用He初始化。",
  "Chinese; two valid causes (low LR, bad init) with matching fixes.", "zh")
a(2, "other_language", 2.5,
  "Puede ser que la tasa de aprendizaje sea muy pequeña. Hay que subirla.",
  "Spanish; one valid cause with a matching fix.", "es")
a(2, "off_topic", 0,
  "To deploy a model you should export it to ONNX and serve it behind a REST API, with monitoring for data drift in production.",
  "About deployment, not slow training.")
a(2, "empty_ish", 0, "see above", "No content; cross-references are not resolved.")
a(2, "empty_ish", 0, "not sure, could be many reasons", "No specific cause or step.")
a(2, "reversed_relation", 1,
  "The learning rate is too large, which makes the loss decrease slowly because big steps are more careful. Lower learning rates make training faster, so decrease it.",
  "A too-large LR can slow progress, but the reasoning is reversed (big steps 'careful', low LR 'faster').")
a(2, "reversed_relation", 0,
  "Slow loss means the gradients are too big (exploding), so the updates are too small. Fix it by making gradients vanish instead, e.g. add more sigmoid layers.",
  "Reverses the gradient-magnitude relation and recommends a harmful fix.")
a(2, "false_claim_with_keywords", 0.5,
  "The cause is the batch normalization layer, which always slows down training, and ReLU activations, which cause vanishing gradients. To fix it, remove BN, switch to sigmoid, and lower the learning rate.",
  "Uses the right vocabulary but every causal claim and fix is backwards; lowering LR is not a fix for slow loss.")
a(2, "false_claim_with_keywords", 2,
  "Slow loss is caused by the learning rate being too small or by vanishing gradients. To troubleshoot, increase the number of epochs -- since the loss will eventually "
  "always reach zero if you train long enough -- and add more layers to increase gradient flow.",
  "Two valid causes named, but the troubleshooting is wrong/false (loss always reaches zero, more layers help gradient flow).")

# ---------------------------------------------------------------------------------------------
# Q3  learning rate role; too small / too large
# ---------------------------------------------------------------------------------------------
a(3, "excellent", 6,
  "The learning rate η is the step size: it scales the gradient to decide how far the weights move on each update (w ← w − η∇L). If it's too small, training converges "
  "very slowly, can take forever and may get stuck on plateaus or in poor local minima. If it's too large, updates overshoot the minimum, the loss oscillates or even diverges "
  "(blows up to NaN). In practice you tune it or use a schedule/warmup to get fast progress early and fine convergence later.",
  "Role as step size plus correct consequences on both sides.")
a(3, "excellent", 6,
  "Learning rate = how big a step you take each time you update the weights along the negative gradient. Too small: you do make progress but painfully slowly, "
  "lots of epochs wasted, and you can stall in flat regions. Too big: you jump past the bottom of the valley, the loss bounces around and may explode instead of going down. "
  "That's why people use LR schedules -- big steps at the start, smaller later.",
  "Role and both failure modes correct, in a casual voice.")
a(3, "good", 5,
  "The learning rate decides how fast the model learns. If it's too small the model learns really slowly, and if it's too big the loss jumps around and might blow up.",
  "Both sides correct; role stated only vaguely ('how fast it learns') rather than as step size.")
a(3, "good", 5.5,
  "it's the size of the update steps. small lr -> slow training. large lr -> training is unstable",
  "Role and too-small correct; too-large given only as 'unstable' (1.5 of 2) without overshoot/divergence.")
a(3, "good", 6,
  "It multiplies the gradient to control the update magnitude. Low -> convergence is slow and you waste compute. High -> you overshoot and the loss oscillates. (Adam adapts it per-parameter.)",
  "Role and both consequences stated correctly and concisely.")
a(3, "terse_complete", 6,
  "LR too small → slow convergence; too large → overshoot/diverge. It's the step size multiplying the gradient.",
  "One line with role and both sides.")
a(3, "terse_complete", 6,
  "η = step size. small: slow/stuck. big: oscillates, diverges.",
  "Extremely terse but complete.")
a(3, "rambling", 4.5,
  "The learning rate is one of the most important hyperparameters, along with batch size and number of epochs, and also the architecture and the optimizer. "
  "People spend a lot of time tuning it, there are even whole papers about it, like the one-cycle policy. I usually start with 0.001. If it's too large, "
  "the model kind of overshoots, it goes past the minimum and then comes back and goes past again. If it's too small it's slow. Basically it controls the learning.",
  "Both sides correct amid tangents; role only 'controls the learning' (0.5 of 2).")
a(3, "rambling", 2.5,
  "Learning rate is a really interesting topic. In my opinion, it's a bit like in real life where some students learn fast and some slow, and both can be good. "
  "A model with a too small learning rate is like a slow student, it will take a long time. With a big one, I'm not sure, probably it also has problems, "
  "my professor said it's not good. So you have to find a balance. Also there's learning rate decay.",
  "Only the too-small side is explained; too-large and role are missing/vague.")
a(3, "rambling", 5.5,
  "Okay so in gradient descent the update is the gradient times the learning rate, so the learning rate is literally the step size along the downhill direction. "
  "I like to think about it with a parabola. If the step is tiny you inch toward the bottom and it takes a huge number of iterations. If it's too big you jump over the bottom "
  "to the other side, and if it's big enough you land even higher each time and it diverges. In the middle you get nice convergence. By the way, a large learning rate is also "
  "what causes overfitting, which is why people decay it.",
  "Role and both sides correctly explained; half-point off for the false aside that a large LR causes overfitting.")
a(3, "partly_right", 2.5,
  "If the learning rate is too large, the model will overshoot the minimum and fail to converge. The learning rate is a hyperparameter you set before training.",
  "Too-large side correct; role given only as 'a hyperparameter' (0.5) and too-small side missing.")
a(3, "partly_right", 2.5,
  "Too small means slow training. Too big is also bad.",
  "Too-small correct; too-large has no consequence; no role.")
a(3, "partly_right", 3.5,
  "Learning rate is how big a step you take. If it's too small you might get stuck in a local minimum.",
  "Role correct and one partial consequence for too small; nothing about too large.")
a(3, "confidently_wrong", 0,
  "The learning rate is the percentage of the training data the model learns from each epoch. Too small and the model sees too little data and underfits; too large and it memorizes the data and overfits.",
  "Wrong definition and wrong consequences.")
a(3, "confidently_wrong", 0,
  "The learning rate is the number of epochs. A large learning rate means training for a long time, which always gives a better model; a small one means it stops early.",
  "Confuses learning rate with epochs; nothing correct.")
a(3, "unusual_words", 6,
  "Think of it as the stride length of someone walking downhill blindfolded. Short strides: you do get down, but it takes ages, and you might stop in some little dip. "
  "Giant strides: you leap over the valley floor and land on the other slope, maybe higher than before, and you can end up bouncing back and forth or flying off the mountain altogether.",
  "Stride-length metaphor maps to step size; both slow/stuck and overshoot/oscillate/diverge clearly conveyed.")
a(3, "unusual_words", 5,
  "It's how much you trust each gradient. Trust it too little and you barely budge; trust it too much and you lurch around wildly.",
  "Role (scaling of the gradient step) and both sides conveyed, but the too-large consequence is vague ('lurch wildly').")
a(3, "keyword_list", 2,
  "step size, convergence, overshoot, divergence, slow",
  "All the right words but no relations between LR size and outcome; keyword-list cap.")
a(3, "keyword_list", 1,
  "hyperparameter, η, Adam, schedule",
  "Related terms, but nothing about the role or the consequences.")
a(3, "copied_question", 0,
  "The role of the learning rate in gradient descent is the learning rate's role. If it's too small or too large, something might happen.",
  "Restates the prompt.")
a(3, "copied_question", 0,
  "The learning rate has a role in gradient descent. It can be too small or too large.",
  "Restates the prompt.")
a(3, "notation_latex", 6,
  r"$\theta_{t+1}=\theta_t-\alpha\nabla_\theta J(\theta_t)$; $\alpha$ scales the step. For a quadratic with curvature $\lambda$, GD converges iff $0<\alpha<2/\lambda$: "
  r"if $\alpha \ll 1/\lambda$ the error shrinks by only $(1-\alpha\lambda)\approx 1$ per step, so convergence is very slow; if $\alpha > 2/\lambda$ then $|1-\alpha\lambda|>1$ and the iterates diverge; "
  r"between $1/\lambda$ and $2/\lambda$ they oscillate around the minimum.",
  "Rigorous notation covering role, slow convergence, oscillation and divergence.")
a(3, "notation_latex", 4,
  "w := w - α * dL/dw.  α too large: diverge.",
  "Role via the update rule and a correct too-large consequence; too-small side missing.")
a(3, "other_language", 6,
  "Die Lernrate bestimmt die Schrittweite, mit der die Gewichte in Richtung des negativen Gradienten angepasst werden. Ist sie zu klein, konvergiert das Training sehr langsam "
  "oder bleibt in flachen Regionen stecken. Ist sie zu groß, springt man über das Minimum hinweg, der Loss schwankt oder divergiert sogar.",
  "German; role and both consequences correct.", "de")
a(3, "other_language", 6,
  "学习率决定每次参数更新的步长。太小：收敛很慢，训练时间很长；太大：会越过最小值，损失震荡甚至发散。",
  "Chinese; step-size role, slow convergence and overshoot/oscillation/divergence.", "zh")
a(3, "off_topic", 0,
  "Dropout randomly zeroes out neurons during training to prevent overfitting, and it is turned off at test time.",
  "About dropout, not the learning rate.")
a(3, "empty_ish", 0, "same as q1", "No content; cross-references not resolved.")
a(3, "empty_ish", 0, "no idea sorry", "No content.")
a(3, "reversed_relation", 1,
  "The LR sets the step size. If it's too small, the steps are so tiny that the loss explodes and diverges; if it's too large, training is slow because the big steps average out.",
  "Role correct but both consequences reversed.")
a(3, "reversed_relation", 0,
  "LR too small → overshoot; too large → slow convergence.",
  "Terse but both relations reversed; no role.")
a(3, "reversed_relation", 0,
  "Si la tasa de aprendizaje es demasiado pequeña, el modelo diverge; si es muy grande, aprende más despacio pero de forma más segura. Sirve para controlar el entrenamiento.",
  "Spanish; both sides reversed (misconception cancels the vague 'controls training' role).", "es")
a(3, "false_claim_with_keywords", 1,
  "The learning rate is the step size. A small learning rate always leads to the global minimum, which is why smaller is always better; a large learning rate causes overfitting.",
  "Role correct; both consequences are false claims (-0.5 each).")
a(3, "false_claim_with_keywords", 3.5,
  "Learning rate is the step size in GD. Too small gives slow convergence. If it's too large the model converges faster to a better minimum with lower loss, since overshooting helps it escape.",
  "Role and too-small correct; too-large side is a false claim.")

# ---------------------------------------------------------------------------------------------
# Q4  backprop and the chain rule
# ---------------------------------------------------------------------------------------------
a(4, "excellent", 6,
  "A neural network computes the loss as a composition of functions: L = ℓ(f_n(...f_2(f_1(x; W1); W2)...)). The chain rule says the derivative of a composition is the product "
  "of the derivatives of the pieces. Backpropagation applies this systematically from the output backwards: it computes ∂L/∂(output of the last layer), then multiplies by each "
  "layer's local Jacobian to get the gradient w.r.t. that layer's inputs and weights, passing the result to the previous layer. Because each intermediate gradient is computed once "
  "and reused for all earlier layers, we get the gradient w.r.t. every parameter at a cost comparable to one forward pass, instead of differentiating each weight separately. "
  "That efficiency is what makes gradient-based training of deep networks feasible.",
  "Composition, product of local derivatives, backward reuse, and efficiency/importance all explained.")
a(4, "excellent", 6,
  "a network is just layers stacked, so the loss is a function of a function of a function... the chain rule tells you the derivative of that is the derivatives of each layer "
  "multiplied together. backprop starts at the loss, computes the gradient there, and walks backwards: each layer takes the gradient coming from above, multiplies by its own local "
  "derivative, and passes it down. you get every weight's gradient in one backward sweep that costs about as much as the forward pass, which is why we can actually train big nets "
  "with gradient descent (doing it weight by weight or numerically would be hopeless).",
  "All components in a casual voice, including efficiency versus weight-by-weight differentiation.")
a(4, "good", 5,
  "Backprop starts at the loss and goes backwards through the layers, using the chain rule to multiply the derivatives of each layer together to find how each weight affects the loss. "
  "It's important because we need these gradients for gradient descent.",
  "Product of derivatives and backward direction correct; importance given only as 'needed for GD', no efficiency.")
a(4, "good", 4.5,
  "The chain rule lets you compute the derivative of the loss with respect to a weight in an early layer by multiplying partial derivatives through the layers in between. "
  "Without it we couldn't train deep networks.",
  "Chain rule as product and a stated importance, but no backward/reuse mechanism.")
a(4, "good", 5.5,
  "each layer's gradient depends on the gradient of the layer after it, times the derivative of the layer itself - that's the chain rule. so backprop goes from the loss back "
  "to the inputs and fills in all the gradients. important b/c without it you couldn't get gradients for hidden layers, and doing it numerically would be way too slow.",
  "Chain-rule recursion, backward direction and efficiency argument present; composition of functions only implicit.")
a(4, "terse_complete", 6,
  "Net = composition of layers → chain rule: ∂L/∂w = product of local derivatives along the path; backprop computes these output→input, reusing upstream grads, "
  "so all gradients cost ~1 forward pass → makes GD training of deep nets feasible.",
  "Terse but includes composition, product, backward reuse and efficiency.")
a(4, "terse_complete", 6,
  "Chain rule = multiply local derivatives layer by layer, going backwards from the loss; reusing them gives every weight's gradient in one backward pass (cheap), which GD needs.",
  "One line covering the product, backward reuse, efficiency and why GD needs it.")
a(4, "rambling", 3.5,
  "Backpropagation was popularized by Rumelhart, Hinton and Williams in 1986, although people argue about who really invented it first. It's basically the algorithm that makes "
  "deep learning work. The chain rule from calculus is the rule for derivatives of composite functions, you know, like derivative of sin(x^2) is cos(x^2)*2x. "
  "In a network you have layers so it's composite too. Backprop uses this to get the gradient. I think it goes backward, hence the name. It's important because otherwise no training.",
  "Composition and chain rule stated, backward direction only guessed, importance only 'otherwise no training'.")
a(4, "rambling", 2,
  "Calculus is the mathematics of change and it has many rules, like the product rule, quotient rule and chain rule. Neural networks use a lot of math, linear algebra, "
  "probability and calculus. Backprop is a key algorithm and it uses calculus to compute things. It's important because neural networks are everywhere now and they need to be trained.",
  "Mostly filler; only the vague link 'backprop uses calculus to compute things' for training.")
a(4, "rambling", 5,
  "so the way I understand it, the forward pass is a chain of operations, like x -> linear -> relu -> linear -> softmax -> loss. The chain rule says that if you want "
  "dLoss/dW1 you multiply all the local derivatives along the chain. Backprop does this starting from the end: dLoss/dsoftmax, then times dsoftmax/dlinear, and so on, and "
  "each step uses the result from the step after it, so you don't recompute anything. It also means every weight gets its gradient. why important: that's what gradient descent needs, "
  "otherwise you can't update the weights. I think pytorch autograd does all of this automatically.",
  "Composition, product, backward reuse and 'GD needs it' all present; importance lacks the efficiency argument despite mentioning no recomputation.")
a(4, "partly_right", 2.5,
  "Backpropagation uses the chain rule to calculate the error at each neuron. It is important because it updates the weights.",
  "Links chain rule to per-neuron error signals but gives no mechanism; importance conflates backprop with the update.")
a(4, "partly_right", 2.5,
  "The chain rule says d/dx f(g(x)) = f'(g(x))·g'(x). Backprop uses this to get the gradients.",
  "Correct calculus chain rule, only loosely tied to backprop; no layer-wise backward mechanism or importance.")
a(4, "partly_right", 2.5,
  "It calculates how much each weight contributed to the error and goes backwards through the network. Important because it lets the model learn.",
  "Backward credit assignment without mentioning the chain rule/product; importance is a restatement.")
a(4, "confidently_wrong", 0,
  "Backpropagation uses the chain rule to send the input data backwards through the network to reconstruct the original input, which is how autoencoders work. It's important for data compression.",
  "Confuses backprop with reconstruction; nothing correct.")
a(4, "confidently_wrong", 0,
  "The chain rule in backprop means each neuron is chained to the next so information flows forward; it's important because without chaining neurons the network would have only one layer.",
  "Misreads 'chain rule' as neuron chaining; no calculus content.")
a(4, "unusual_words", 6,
  "Think of a long row of gears: turning the last gear a bit tells you how much the one before it had to turn, and so on. Each layer only knows its own 'gear ratio' "
  "(how its output wiggles when its input or weights wiggle). Backprop starts with how much the final error wiggles and walks backwards, multiplying in each layer's ratio, "
  "so every weight finds out its share of the blame. Because each layer's result is handed down and reused instead of recomputed, you get the blame for all million knobs "
  "in about the time of one forward run -- that's why it's practical to train big networks at all.",
  "Gear-ratio metaphor maps to local derivatives multiplied backward with reuse, plus efficiency and importance.")
a(4, "unusual_words", 4.5,
  "It's passing blame backwards. The output is wrong by some amount; each layer works out how much of that was its fault given how much the layer after it was at fault, "
  "by multiplying sensitivities. That tells us which way to tweak the weights.",
  "Backward multiplication of sensitivities (chain rule) described in unusual words; importance only 'tells us how to tweak weights', no efficiency.")
a(4, "keyword_list", 2,
  "chain rule, partial derivatives, gradient, backward pass, weight update",
  "Relevant terms without any explanation of their relation; keyword-list cap.")
a(4, "keyword_list", 0.5,
  "calculus, derivative, neural net",
  "Generic terms only.")
a(4, "copied_question", 0,
  "Backpropagation uses the chain rule from calculus. This is important.",
  "Restates the question's premise with nothing added.")
a(4, "copied_question", 0,
  "How does backpropagation use the chain rule? It uses it from calculus, which is why it's important.",
  "Copies the prompt.")
a(4, "notation_latex", 6,
  r"For $z^{(l)} = W^{(l)}a^{(l-1)}+b^{(l)}$, $a^{(l)}=\sigma(z^{(l)})$, define $\delta^{(l)} = \partial L/\partial z^{(l)}$. Chain rule: "
  r"$\delta^{(l)} = (W^{(l+1)})^\top \delta^{(l+1)} \odot \sigma'(z^{(l)})$ and $\partial L/\partial W^{(l)} = \delta^{(l)} (a^{(l-1)})^\top$. "
  r"Computing $\delta$ from $l=L$ down to 1 reuses $\delta^{(l+1)}$, so all gradients cost $O(\text{forward pass})$ -- this is what makes gradient descent on deep nets tractable.",
  "Standard delta recursion: product form, backward reuse, efficiency and importance.")
a(4, "notation_latex", 3,
  "∂L/∂w1 = ∂L/∂y · ∂y/∂h · ∂h/∂w1. So you multiply the derivatives along the path.",
  "Correct chain-rule product for one path; no backward mechanism or importance.")
a(4, "other_language", 5,
  "La retropropagación aplica la regla de la cadena para calcular la derivada de la pérdida con respecto a cada peso: se multiplican las derivadas de cada capa, "
  "empezando desde la salida hacia atrás. Es importante porque así obtenemos los gradientes que necesita el descenso de gradiente.",
  "Spanish; product of layer derivatives computed backward, importance as 'GD needs it' without efficiency.", "es")
a(4, "other_language", 6,
  "Un réseau est une composition de fonctions, donc la dérivée de la perte par rapport à un poids est un produit de dérivées locales (règle de dérivation en chaîne). "
  "La rétropropagation calcule ces produits de la sortie vers l'entrée en réutilisant les résultats intermédiaires, ce qui donne tous les gradients en un seul passage arrière, "
  "à un coût comparable à la propagation avant. Sans cela, entraîner des réseaux profonds par descente de gradient serait beaucoup trop coûteux.",
  "French; composition, product, backward reuse and efficiency all present.", "fr")
a(4, "other_language", 2,
  "Backpropagation benutzt die Kettenregel, um die Gradienten zu berechnen. Das ist wichtig für das Training.",
  "German; only 'uses the chain rule to compute gradients, important for training' without mechanism.", "de")
a(4, "off_topic", 0,
  "Calculus was invented independently by Newton and Leibniz in the 17th century, which led to a famous priority dispute.",
  "History of calculus, not backpropagation.")
a(4, "empty_ish", 0, ".", "No content.")
a(4, "empty_ish", 0, "I know this one but ran out of time", "No content.")
a(4, "reversed_relation", 1,
  "Backprop uses the chain rule to go from the input layer forward to the output, adding up the derivatives of each layer (the chain rule says derivatives of composed functions add). "
  "It's important because it gives the gradients.",
  "Direction reversed and 'add' instead of multiply; only 'gives gradients' earns credit.")
a(4, "reversed_relation", 0,
  "The chain rule lets us compute the weights from the gradients: we start from the gradient and integrate backwards to recover each weight.",
  "Inverts the relation between weights and gradients; nothing correct.")
a(4, "false_claim_with_keywords", 3,
  "Backprop uses the chain rule to compute gradients of the loss w.r.t. the weights, moving backward from the output. It's important because the chain rule guarantees that the gradients "
  "never vanish, no matter how deep the network is.",
  "Chain rule and backward direction right (no product/composition detail), but the importance claim is false.")
a(4, "false_claim_with_keywords", 0.5,
  "Backpropagation is the chain rule applied to find the optimal learning rate for each layer; the gradient of each layer is chained to the next so the loss becomes convex.",
  "Right vocabulary attached to false claims (finds LR, makes loss convex).")

# ---------------------------------------------------------------------------------------------
# Q5  vanishing / exploding gradients remedies
# ---------------------------------------------------------------------------------------------
a(5, "excellent", 6,
  "Several standard fixes: (1) good initialization (Xavier/Glorot for tanh, He for ReLU) so activation and gradient variance stays roughly constant across layers; (2) non-saturating "
  "activations like ReLU/LeakyReLU/GELU instead of sigmoid/tanh, whose derivatives are ≤0.25/≤1 and shrink gradients; (3) normalization layers (BatchNorm, LayerNorm) to keep activations "
  "in a well-behaved range; (4) residual/skip connections, which give gradients an identity path through deep networks; (5) gradient clipping (by norm) for exploding gradients, "
  "especially in RNNs; (6) gated recurrent units (LSTM/GRU) for long sequences; and (7) lowering the learning rate if updates blow up. Monitoring per-layer gradient norms helps tell which problem you have.",
  "Seven valid remedies, each with why/which problem it addresses.")
a(5, "excellent", 6,
  "For vanishing grads: swap sigmoid/tanh for ReLU-ish activations, use He init, add skip connections so the gradient has a shortcut, and batchnorm. For exploding grads: clip the "
  "gradient norm, lower the LR, and again proper init/normalization. In RNNs use LSTM/GRU instead of vanilla RNN cells.",
  "Many valid remedies mapped to the problem each addresses.")
a(5, "good", 4.5,
  "Use ReLU instead of sigmoid, use batch normalization and gradient clipping.",
  "Three valid remedies with no explanation.")
a(5, "good", 6,
  "Vanishing gradients usually come from saturating activations and deep stacks, so switch to ReLU-type activations, add skip connections, and use batchnorm. For exploding gradients, clip the gradient norm.",
  "Four valid remedies with an indication of which problem each addresses.")
a(5, "terse_complete", 6,
  "Vanishing → ReLU, He/Xavier init, BN, skip connections, LSTM; exploding → grad clipping, lower LR, weight decay/BN.",
  "Terse one-liner with many valid remedies mapped to each problem.")
a(5, "terse_complete", 6,
  "For vanishing: ReLU, residual connections, He init. For exploding: gradient clipping, smaller LR. BN helps both.",
  "Short but names six valid remedies and maps them to the problem.")
a(5, "rambling", 3.5,
  "Vanishing and exploding gradients are a really famous problem, Hochreiter wrote about it in his thesis in 1991 I think, and it's one of the reasons deep learning didn't work "
  "for a long time. It happens because you multiply a lot of numbers together and if they're small it goes to zero and if they're big it goes to infinity, kind of like compound interest. "
  "There are many solutions people came up with. One is LSTM which was invented for exactly this. Also I think ReLU helps. Deep learning really took off after 2012 with AlexNet.",
  "Explains the cause well but names only two remedies (LSTM, ReLU), one hedged.")
a(5, "rambling", 2,
  "This is a tricky situation and honestly it depends a lot on the network. I would first check everything again, maybe restart the training, maybe the random seed was bad. "
  "Sometimes it just happens. You could also try a different framework, I find keras easier than pytorch. If exploding, maybe clip them.",
  "Only one valid remedy (clipping) buried in filler.")
a(5, "rambling", 5,
  "ok so first I'd figure out which one it is by logging the gradient norm per layer. if it's vanishing, the early layers have tiny gradients, usually because of sigmoid or tanh "
  "saturating, so I'd switch to ReLU and use He initialization. if it's exploding, the norms shoot up and the loss goes to NaN, and the quick fix is gradient clipping, maybe also "
  "a lower learning rate. I also think adding dropout helps with both because it regularizes. there's also batchnorm which I've heard helps, not sure exactly why.",
  "Diagnoses with per-layer gradient norms and maps ReLU/He init to vanishing and clipping/lower LR to exploding; one point off for the false claim that dropout fixes both.")
a(5, "partly_right", 2.5,
  "Gradient clipping. Set a max value so they don't get too big.",
  "One valid remedy (for exploding only), briefly explained.")
a(5, "partly_right", 2,
  "Use LSTM instead of a normal RNN, and use dropout.",
  "LSTM is valid; dropout is not a remedy.")
a(5, "partly_right", 3.5,
  "Use a smaller learning rate and a better initialization.",
  "Two valid but vague remedies.")
a(5, "confidently_wrong", 0,
  "Add more layers -- deeper networks spread the gradient out more evenly, so vanishing and exploding cancel out. Also switch to sigmoid since it bounds the gradient between 0 and 1.",
  "Both suggestions are wrong and would worsen the problem.")
a(5, "confidently_wrong", 0.5,
  "Increase the learning rate for vanishing gradients and increase the batch size for exploding gradients; the gradients will then normalize themselves.",
  "No standard remedy; at most a loose nod to tuning optimization settings.")
a(5, "confidently_wrong", 0,
  "Vanishing/exploding gradients mean your dataset has outliers. Remove the outliers and the gradients will be fine.",
  "Wrong diagnosis and irrelevant remedy.")
a(5, "confidently_wrong", 0,
  "On peut utiliser le dropout et augmenter le nombre d'époques, cela stabilise toujours les gradients.",
  "French; dropout and more epochs are not remedies, with a false claim.", "fr")
a(5, "unusual_words", 6,
  "Give the signal a highway: add shortcut wires that skip over layers so the error can flow straight back. Don't use squashing S-curves that flatten out; use the hockey-stick activation. "
  "Start the weights at a sensible size scaled by how many inputs each unit has, so the signal neither shrinks nor balloons layer to layer. Re-center and re-scale the activations in each layer. "
  "And if the updates still balloon, just put a ceiling on how long the gradient vector can be.",
  "Metaphors map onto residual connections, ReLU, scaled init, normalization and clipping, each with a reason.")
a(5, "unusual_words", 4,
  "Put a speed limit on the gradient so it can't run away, and give the network 'express lanes' that skip over layers.",
  "Two valid remedies (clipping, skip connections) in metaphor.")
a(5, "keyword_list", 4.5,
  "ReLU, BatchNorm, gradient clipping, residual connections, Xavier init, LSTM",
  "Bare list, but the question asks for remedies and all six are valid (Q5 list exception, up to 4.5).")
a(5, "keyword_list", 0.5,
  "gradients, vanishing, exploding, chain rule, deep network, sigmoid",
  "Lists problem-related words, not remedies.")
a(5, "copied_question", 0,
  "When the gradients are vanishing or exploding, you should address this with some ways.",
  "Restates the prompt.")
a(5, "copied_question", 0,
  "Some ways to address vanishing or exploding gradients when training a neural network.",
  "Copies the prompt.")
a(5, "notation_latex", 6,
  r"Gradient through $L$ layers $\approx \prod_{l} W_l^\top \mathrm{diag}(\sigma'(z_l))$; if $\|W\|\cdot|\sigma'| < 1$ it vanishes, $> 1$ explodes. "
  r"Fixes: init with $\mathrm{Var}(W)=2/n_{in}$ (He) or $1/n_{in}$ (Xavier) so the product stays $\approx 1$; ReLU ($\sigma'=1$ for $z>0$); residual $h_{l+1} = h_l + F(h_l)$ "
  r"gives $\partial h_{l+1}/\partial h_l = I + \partial F/\partial h_l$; clip $g \leftarrow g \cdot \min(1, \tau/\|g\|)$; BN/LN.",
  "Five valid remedies with mathematical justification.")
a(5, "notation_latex", 2.5,
  "if ‖∇‖ > τ: ∇ ← τ∇/‖∇‖",
  "One valid remedy (norm clipping) given precisely as a formula.")
a(5, "other_language", 6,
  "梯度消失：使用ReLU等激活函数代替sigmoid，采用He/Xavier初始化，加入批归一化（BatchNorm），使用残差连接；RNN中可用LSTM/GRU。梯度爆炸：梯度裁剪，降低学习率，使用权重正则化。",
  "Chinese; many valid remedies mapped to each problem.", "zh")
a(5, "other_language", 4,
  "Se puede usar ReLU en vez de sigmoide y hacer recorte de gradientes (gradient clipping) cuando explotan.",
  "Spanish; two valid remedies, with clipping tied to exploding gradients.", "es")
a(5, "other_language", 4.5,
  "Man kann Batch-Normalisierung verwenden, eine bessere Initialisierung (z.B. He) und Residualverbindungen.",
  "German; three valid remedies without explanation.", "de")
a(5, "off_topic", 0,
  "I would use data augmentation such as flipping and cropping images to increase the size of the dataset.",
  "Data augmentation is unrelated to gradient magnitude.")
a(5, "empty_ish", 0, "same as before", "No content.")
a(5, "empty_ish", 0, "pass", "No content.")
a(5, "reversed_relation", 0.5,
  "For vanishing gradients use gradient clipping so the small gradients get clipped up to a bigger value; for exploding gradients switch from ReLU to sigmoid, because ReLU is what causes the explosion.",
  "Clipping misapplied to vanishing and ReLU/sigmoid relation reversed; only the clipping keyword is relevant.")
a(5, "reversed_relation", 0,
  "Exploding gradients: use a bigger learning rate so training gets past them faster. Vanishing gradients: use smaller initial weights so they don't vanish.",
  "Both remedies reversed.")
a(5, "false_claim_with_keywords", 2,
  "Use batch normalization, which removes the need for backpropagation, and ReLU, which has a derivative of exactly 1 everywhere so gradients can never vanish. "
  "Gradient clipping fixes vanishing gradients by making them bigger.",
  "Valid remedy names (BN, ReLU) attached to false explanations; clipping misapplied.")
a(5, "false_claim_with_keywords", 2.5,
  "Residual connections and gradient clipping fix both problems completely. Skip connections work by removing layers from the network during training, like dropout.",
  "Two valid remedies named, but the explanation of skip connections is false and 'fix both completely' overclaims.")

# ---------------------------------------------------------------------------------------------


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(20240601)
    rows = []
    for q in sorted(DATA):
        items = list(DATA[q])
        rng.shuffle(items)  # so ids do not reveal the kind/score ordering
        for i, it in enumerate(items, 1):
            assert it["kind"] in KINDS, it["kind"]
            s = it["score"]
            assert 0 <= s <= 6 and (s * 2) == int(s * 2), s
            rows.append({
                "id": f"q{q}_{i:03d}",
                "question": q,
                "answer": it["answer"],
                "human_score": int(s) if float(s).is_integer() else s,
                "language": it["language"],
                "kind": it["kind"],
                "note": it["note"],
            })
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    answers = [r["answer"] for r in rows]
    assert len(answers) == len(set(answers)), "duplicate answer text"
    per_q = Counter(r["question"] for r in rows)
    assert all(per_q[q] >= 30 for q in QUESTIONS), per_q
    assert len(rows) >= 170, len(rows)
    assert sum(r["language"] != "en" for r in rows) >= 8
    with open(os.path.join(here, "answers.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} answers")


if __name__ == "__main__":
    main()
