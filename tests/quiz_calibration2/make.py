#!/usr/bin/env python3
"""Deterministic generator for quiz_set2 (blind calibration set).

Every answer below was written together with its human_score and note, scored against
scoring_guide.md (which was written first). Running this script rewrites answers.jsonl and
README.md identically each time (fixed shuffle seed, no timestamps).
"""
import json
import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20250202

# (question, language, kind, human_score, answer, note)
A = []
def add(q, lang, kind, score, answer, note):
    A.append(dict(question=q, language=lang, kind=kind, human_score=score, answer=answer, note=note))

# ---------------------------------------------------------------- Q1
add(1, "en", "excellent", 6,
    "Gradient descent is an iterative optimization algorithm whose goal is to find the parameters that minimize a loss function. At each step you compute the gradient of the loss with respect to the weights and move the weights a small step (scaled by the learning rate) in the opposite direction, because the negative gradient points in the direction of steepest decrease. In neural networks the loss depends on millions of weights and there is no closed-form solution, but backprop gives us all the gradients cheaply, so GD (usually mini-batch SGD) is the practical way to train.",
    "Goal (minimise loss), mechanism (negative gradient × LR, iterate) and NN reason (no closed form, many weights, cheap gradients) all present.")
add(1, "en", "excellent", 6,
    "The goal is to minimize the cost J(θ), i.e. find the weights for which the network's error on the training data is as small as possible. GD does this by repeatedly computing the partial derivatives of J with respect to every weight and nudging each weight against its derivative. We use it for neural networks because J is a differentiable but very high-dimensional, non-convex function: we can't solve for the minimum analytically, but we can always compute the local slope and follow it downhill.",
    "A, B (against the derivative, repeated) and C (high-dimensional, no analytic solution, slope computable) all correct.")
add(1, "en", "good", 4,
    "Gradient descent tries to find the minimum of the loss function by repeatedly updating the weights in the direction that reduces the loss. We use it in neural networks because we want the network's predictions to be as close as possible to the targets, and GD lets us adjust all the weights to do that.",
    "A full; mechanism vague (no gradient/slope, just 'direction that reduces loss') ~1; reason for NNs is generic ~1.")
add(1, "en", "terse_complete", 6,
    "Minimize the loss: w ← w − η∇L, repeat. NNs have millions of params and no closed-form solution; backprop gives ∇L cheaply.",
    "Very short but contains A, B (update rule) and C.")
add(1, "en", "rambling", 4,
    "So basically in machine learning we have a lot of data and models and the model needs to learn. Learning means that the model gets better over time, like when you study for a test. Gradient descent is one of the most famous algorithms and was invented a long time ago (Cauchy I think). It is used everywhere, in linear regression, logistic regression and neural networks. The idea is that there is a loss which tells how bad the model is and we want it to be small. So we look at the gradient and we go the other way a little bit, and do this many times. Neural networks use it because it works and everyone uses it, also there are frameworks like PyTorch which do it for you.",
    "A and B are there amid filler; 'because it works and everyone uses it' is not a reason, so C is missing.")
add(1, "en", "partly_right", 2,
    "Gradient descent is used to find the best weights for a neural network. It calculates the error and then changes the weights so the error is smaller.",
    "Only the goal (smaller error) is present; no gradient/direction, no reason for NNs.")
add(1, "en", "partly_right", 3,
    "The goal is to reach the global minimum of the loss function, which gradient descent always finds if you train long enough. You compute the derivative and subtract it times the learning rate.",
    "Goal carries the false 'always finds the global minimum' claim (A capped at 1); mechanism correct (2); no NN reason.")
add(1, "en", "confidently_wrong", 0,
    "Gradient descent is the algorithm that makes the gradient go down over time, so the network's outputs get smaller and more stable. It's used in neural networks to prevent overfitting by decreasing the weights every epoch.",
    "Misstates the goal (shrinking gradient/outputs) and the reason (overfitting); nothing correct.")
add(1, "en", "unusual_words", 6,
    "Imagine you are blindfolded on a hilly landscape and want to get to the lowest valley. You feel the slope under your feet and take a step downhill, again and again. The landscape is the loss (how wrong the network is) over all the possible weight settings, the slope is the gradient. Neural nets have so many knobs you could never try all combinations, so feeling the slope is the only practical way.",
    "Metaphor maps cleanly: lowest point of loss (A), step against slope repeatedly (B), too many knobs to search (C).")
add(1, "en", "unusual_words", 4,
    "GD = letting a marble roll down the error bowl. Wherever the marble is, gravity pulls it along the steepest way down, and it stops at the bottom, which is the set of weights with the least error. In NN training the marble is the weight vector.",
    "Goal and steepest-descent mechanism via metaphor; no reason why NNs use it.")
add(1, "en", "keyword_list", 2,
    "minimize loss, gradient, learning rate, weights, backprop, local minimum",
    "Keyword list; contains the goal but no explanation — capped at 2.")
add(1, "en", "keyword_list", 1.5,
    "- optimization\n- derivatives\n- weights update\n- convergence",
    "List without even stating that the loss is minimised; below the cap.")
add(1, "en", "copied_question", 0,
    "In my own words, the goal of gradient descent is explained and it is used in training neural networks because of why.",
    "Question paraphrased back with no content.")
add(1, "en", "copied_question", 0,
    "Explain the goal of gradient descent. Why is it used in training neural networks?",
    "Question copied verbatim.")
add(1, "en", "notation_heavy", 6,
    r"$\theta_{t+1} = \theta_t - \eta \nabla_\theta \mathcal{L}(\theta_t)$. Goal: $\min_\theta \mathcal{L}(\theta)$. For NNs $\theta \in \mathbb{R}^{10^6+}$, $\mathcal{L}$ non-convex, no closed form, $\nabla\mathcal{L}$ via backprop in O(forward cost).",
    "All three elements in LaTeX: objective, update rule, why (huge dimension, no closed form, cheap gradient).")
add(1, "en", "notation_heavy", 3.5,
    "w := w - α ∂J/∂w until convergence. J = cost.",
    "Update rule correct (B); goal only implied by 'J = cost' (~1.5); no NN reason.")
add(1, "en", "off_topic", 0,
    "Neural networks are inspired by the brain. They have neurons, layers and activation functions like ReLU and sigmoid. CNNs are used for images and RNNs for sequences.",
    "About network architectures, nothing about gradient descent.")
add(1, "en", "empty_ish", 0, "idk", "Empty-ish.")
add(1, "en", "reversed_relation", 4,
    "The goal is to minimize the loss. We compute the gradient and move the weights in the direction of the gradient, since the gradient points to the minimum. NNs use it because they have too many weights to solve analytically.",
    "Goal and NN reason correct; direction reversed (along the gradient), so B earns nothing.")
add(1, "en", "false_claims_keywords", 0,
    "Gradient descent minimizes the learning rate until the gradient becomes zero, which is the global minimum. It uses backpropagation to go forward through the network and is needed because neural networks are convex.",
    "Uses the right keywords but every claim is false (minimises the LR, backprop forward, NNs convex).")
add(1, "en", "typos_lowercase", 6,
    "goal of gd is to find weights that make the loss as small as posible. you take the derivitive of loss wrt each weight and go the oposite way times learnign rate. in nn there is way to many weights to solve it by hand so we use gd",
    "Typos irrelevant; A, B and C all present.")
add(1, "en", "typos_lowercase", 2,
    "its to get the loss down. nn use it cause its how they learn",
    "Goal only; 'it's how they learn' is not a reason.")
add(1, "en", "typos_lowercase", 5.5,
    "gradient decent finds the minimum of the cost funtion by taking small steps downhil. used in NN bc cost is differentiable and we can get gradients with backprop",
    "Goal and NN reason clear; mechanism 'small steps downhill' without naming the gradient direction is slightly vague.")
add(1, "en", "mixed_ideas", 5.5,
    "GD minimizes the loss by subtracting the gradient times LR from the weights. Also there's momentum and Adam which are better, and you should use batch norm and dropout to avoid overfitting. It's used in NNs because backprop computes the gradients.",
    "A and B correct; extra material harmless; the NN reason is stated thinly.")
add(1, "en", "mixed_ideas", 3,
    "Gradient descent is how the network learns. The forward pass makes a prediction, the loss compares to the label, backprop calculates gradients with the chain rule, and then gradient descent updates weights. Without it the network would just have random weights forever.",
    "Describes the training loop; goal never stated as minimising loss, update direction missing, reason weak — about 1 per element.")
add(1, "es", "excellent", 6,
    "El objetivo del descenso de gradiente es encontrar los parámetros que minimizan la función de pérdida. En cada iteración se calcula el gradiente de la pérdida respecto a los pesos y se actualizan los pesos en la dirección opuesta, multiplicando por la tasa de aprendizaje. En redes neuronales se usa porque hay millones de parámetros, no existe una solución cerrada y la retropropagación permite calcular todos los gradientes de forma eficiente.",
    "Spanish; A, B and C complete.")
add(1, "de", "terse_complete", 6,
    "Ziel ist es, die Verlustfunktion zu minimieren. Man geht schrittweise in Richtung des negativen Gradienten. Bei neuronalen Netzen gibt es keine analytische Lösung, deshalb braucht man ein iteratives Verfahren.",
    "German, short; goal, negative-gradient steps and 'no analytic solution' reason.")
add(1, "fr", "partly_right", 2,
    "La descente de gradient sert à trouver le minimum de la fonction de coût. On l'utilise dans les réseaux de neurones parce que c'est l'algorithme le plus connu.",
    "French; goal only, 'most famous algorithm' is not a reason.")
add(1, "zh", "good", 6,
    "梯度下降的目标是最小化损失函数。沿着梯度的反方向更新参数，步长由学习率决定。神经网络参数很多，没有解析解，用反向传播可以高效计算梯度，所以用梯度下降训练。",
    "Chinese; minimise loss, opposite-gradient update with LR, many params/no closed form/backprop.")
add(1, "pt", "partly_right", 3,
    "O objetivo é diminuir o erro da rede. A gente calcula a derivada e atualiza os pesos.",
    "Portuguese; goal present, mechanism half (derivative but no direction), no reason.")
add(1, "en", "good", 5.5,
    "Gradient descent is an optimization method: it updates the parameters step by step using the negative gradient of the loss so the loss goes down. For neural nets we need to tune thousands of weights at once to reduce the error, and GD does this for all of them simultaneously.",
    "A and B clear; reason (scale, all weights at once) a bit thin.")
add(1, "en", "good", 6,
    "GD's goal is to minimize the cost function by moving against the gradient. In NNs it's used because the cost is a differentiable function of the weights, so the gradient tells us how to change each weight to reduce the error.",
    "Compact and complete: goal, direction, reason (differentiable loss gives per-weight direction).")
add(1, "en", "partly_right", 1.5,
    "Gradient descent is used to train neural networks. It adjusts the weights after each epoch based on how big the error was, so that next time the prediction is more accurate.",
    "Vague goal (more accurate predictions), mechanism based on 'size of error' not gradient; little credit.")
add(1, "en", "terse_complete", 6,
    "Find weights minimizing loss by stepping opposite the gradient. Used because NN loss is differentiable but has no closed-form minimum.",
    "Two sentences, all three elements.")
add(1, "en", "confidently_wrong", 0,
    "Gradient descent is used to decrease the size of the neural network by removing neurons whose gradient is small. This makes training faster and avoids overfitting, that's why every neural network uses it.",
    "Confuses GD with pruning; nothing correct.")
add(1, "it", "partly_right", 4,
    "Lo scopo della discesa del gradiente è minimizzare la funzione di perdita aggiornando i pesi nella direzione opposta al gradiente.",
    "Italian; goal and mechanism correct, no reason for neural networks.")
add(1, "en", "empty_ish", 0, "see above", "Empty-ish reference to nothing.")

# ---------------------------------------------------------------- Q2
add(2, "en", "excellent", 6,
    "Possible causes: (1) learning rate too small – every update is tiny; (2) vanishing gradients from sigmoid/tanh saturation or bad initialization in a deep net; (3) inputs not normalized, so the loss surface is badly conditioned and GD zig-zags; (4) a bug, e.g. labels misaligned or some layers frozen; (5) plain SGD stuck on a plateau/saddle. Troubleshooting: first overfit a tiny batch – if it can't, there's a bug. Then run an LR range test and increase the LR or use a schedule. Log per-layer gradient norms to see if they vanish; if so switch to ReLU, He init, batchnorm. Standardize inputs. Try Adam or SGD with momentum.",
    "Many plausible causes and concrete, ordered troubleshooting steps.")
add(2, "en", "terse_complete", 6,
    "Causes: LR too low, poor init / vanishing grads, unscaled features, model too small. Fixes: LR sweep, check gradient magnitudes per layer, normalize inputs, He/Xavier init + BN, switch to Adam, bigger model.",
    "Terse but states what is wrong and what to do for each; not a bare keyword list.")
add(2, "en", "good", 5,
    "The learning rate might be too small, so the steps are tiny. I'd try increasing it, e.g. 10x. Another cause could be that the data isn't normalized; I would standardize the features. Also the model might be too simple to fit the data.",
    "Three causes, two concrete fixes (third only implied).")
add(2, "en", "good", 5,
    "Could be vanishing gradients (sigmoid in a deep network), so early layers barely learn — check the gradient norms and switch to ReLU. Could also be the optimizer: plain SGD without momentum is slow in narrow valleys, try Adam.",
    "Two causes, three concrete checks/fixes.")
add(2, "en", "partly_right", 2,
    "The learning rate is too small. Increase it.",
    "One cause with its fix.")
add(2, "en", "confidently_wrong", 0,
    "Maybe the model needs more epochs or more data. I would train longer and collect more data so the model can learn better.",
    "'Train longer / more data' is not a cause of slow loss decrease nor troubleshooting per guide.")
add(2, "en", "rambling", 4.5,
    "There are so many reasons why this could happen honestly. When I did my project last semester the loss was going down super slowly and it turned out that I had forgotten to normalize the images, they were 0-255 instead of 0-1. So normalization is one thing. It could also be the learning rate, which if it's too small makes everything slow, you can try different ones. Sometimes also the model is just hard to train, like very deep networks, and there are tricks for that. Also the GPU could be slow which makes training slow, so maybe use a better GPU. In the end you have to experiment a lot, that's what deep learning is about.",
    "Causes: normalisation, small LR, deep net (vague); fixes: normalise, try LRs; GPU speed is irrelevant.")
add(2, "en", "keyword_list", 3,
    "learning rate, initialization, normalization, batch size, optimizer, vanishing gradients",
    "Relevant areas but bare keywords, no diagnosis or action — capped at 3.")
add(2, "en", "keyword_list", 1.5,
    "- LR\n- Adam\n- more layers",
    "Thin list; 'more layers' is not a clear fix.")
add(2, "en", "copied_question", 0,
    "The loss decreases very slowly during training, which could be caused by several causes, and I would troubleshoot it.",
    "Question restated without content.")
add(2, "en", "notation_heavy", 6,
    "If η ≪ 1/L (L = Lipschitz const of ∇f), progress per step ≈ η‖∇f‖² → tiny. Also κ = λ_max/λ_min of Hessian large ⇒ GD zig-zags (ill-conditioning). Also σ'(z) ≤ 1/4 ⇒ ∏σ' → 0 in deep nets. Fixes: ↑η (LR finder), standardize x → κ↓, momentum/Adam, ReLU + He init, monitor ‖∇_W‖ per layer.",
    "Three causes in math notation (small η, ill-conditioning, saturating sigmoid) and several concrete fixes.")
add(2, "en", "off_topic", 0,
    "Overfitting happens when the model memorizes the training data. You can use dropout, early stopping and regularization to reduce overfitting.",
    "Answers a different question (overfitting).")
add(2, "en", "empty_ish", 0, "same as q3", "Refers elsewhere; no content.")
add(2, "en", "reversed_relation", 2,
    "The learning rate is probably too high, which makes the loss decrease slowly because the steps are too big. Lower the learning rate. Also check that the data is normalized.",
    "LR relation reversed (too high → slow, lower it) earns nothing; normalisation is one cause+check.")
add(2, "en", "false_claims_keywords", 0,
    "Slow loss decrease is caused by exploding gradients, because big gradients make the loss decrease slowly. Also using ReLU causes vanishing gradients. To fix it, use sigmoid activations and decrease the learning rate.",
    "Right keywords, but causes and fixes are false or reversed.")
add(2, "en", "typos_lowercase", 5.5,
    "lr to small, or bad init. try bigger lr and check if grads r vanishing (print the grad norms). also normlize inputs",
    "Causes: small LR, bad init, vanishing grads; fixes: bigger LR, grad norms, normalise. Slightly terse on causes.")
add(2, "en", "typos_lowercase", 1.5,
    "maybe the data is bad or the model is wrong. i would check the code",
    "Very vague cause and check.")
add(2, "en", "unusual_words", 6,
    "It's like trying to walk down a very long, almost flat valley with tiny baby steps: either your steps are too short (learning rate), or the ground is so flat that you can't feel which way is down (gradients almost zero, e.g. saturated sigmoids or a plateau), or the valley is a narrow canyon so you keep bouncing from wall to wall instead of walking along it (features on very different scales). So I'd take bigger steps, give myself 'momentum' like a skateboard, and rescale the map (normalize inputs), and measure how steep the ground really is (log gradient norms).",
    "Metaphor encodes three correct causes and four concrete fixes.")
add(2, "en", "mixed_ideas", 2,
    "Could be the learning rate being too small, or overfitting. I'd add dropout and L2 to help, and use a larger batch size. Also the dataset might be imbalanced, check class distribution.",
    "Small LR is a cause; overfitting/dropout/L2 are off target (would slow it further); imbalance check half credit.")
add(2, "en", "partly_right", 2,
    "Vanishing gradients. Use ReLU instead of sigmoid.",
    "One cause with a matching fix.")
add(2, "en", "good", 6,
    "First check for bugs: can the model overfit 10 examples? If not, something's wrong in the pipeline or loss. If yes, the LR is probably too small or the optimizer is weak; try an LR range test and Adam. Also look at whether inputs are normalized and whether weights are initialized sensibly.",
    "Systematic: bug check via tiny overfit, LR, optimizer, normalisation, init.")
add(2, "en", "confidently_wrong", 0,
    "The loss decreases slowly because the model has already converged to the global minimum. There is nothing to troubleshoot, this is expected behaviour in gradient descent.",
    "False premise; no cause or troubleshooting.")
add(2, "es", "good", 6,
    "Puede ser que la tasa de aprendizaje sea muy pequeña, que los gradientes se desvanezcan por usar sigmoide en una red profunda, o que los datos no estén normalizados. Probaría aumentar la tasa de aprendizaje, revisar la norma de los gradientes por capa, normalizar las entradas y usar Adam.",
    "Spanish; three causes, four concrete steps.")
add(2, "de", "partly_right", 2.5,
    "Die Lernrate ist zu klein. Man sollte eine größere Lernrate ausprobieren oder einen Learning-Rate-Scheduler verwenden.",
    "German; one cause, two LR-related fixes (counted as ~1.5).")
add(2, "fr", "good", 5.5,
    "Causes possibles : taux d'apprentissage trop faible, mauvaise initialisation des poids, données non normalisées. Pour diagnostiquer : tracer la courbe de perte pour plusieurs taux d'apprentissage, vérifier les gradients, normaliser les données.",
    "French; three causes, fixes concrete except the vague 'vérifier les gradients'.")
add(2, "zh", "partly_right", 2,
    "学习率太小。可以调大学习率。",
    "Chinese; one cause (LR too small) and its fix.")
add(2, "pt", "good", 5,
    "Pode ser taxa de aprendizado baixa demais ou gradientes desaparecendo. Eu testaria taxas maiores, trocaria sigmoid por ReLU e usaria batch normalization.",
    "Portuguese; two causes, three fixes.")
add(2, "en", "terse_complete", 6,
    "LR too small / vanishing grads / unnormalized inputs. Do: LR finder, log grad norms, standardize inputs.",
    "Three causes and three matching actions, very short.")
add(2, "en", "rambling", 2.5,
    "I would first open TensorBoard and look at the loss curve and also the validation loss curve to see if they are both slow. Then I would look at the accuracy too. If the accuracy is also going up slowly then the model is learning slowly. Then I would try to change the hyperparameters, like the learning rate, the batch size, the number of epochs. Hyperparameter tuning is really important and you can use grid search or random search or Bayesian optimization to find the best ones.",
    "Long but only implies hyperparameters (LR) as a cause; tuning as fix; no specific diagnosis.")
add(2, "en", "false_claims_keywords", 1,
    "Slow loss decrease means the gradients are exploding, so the updates overshoot. Use gradient clipping and a larger learning rate to converge faster. Batch norm makes gradients vanish so remove it.",
    "Causes false; 'larger learning rate' is a usable fix by accident; rest wrong.")
add(2, "en", "good", 6,
    "Possibly too strong regularization (huge weight decay) or the network is too small to fit the data (underfitting). Reduce weight decay, increase capacity, and check that the learning rate isn't tiny.",
    "Less common but valid causes (regularisation, capacity, LR) with matching fixes.")
add(2, "en", "typos_lowercase", 4,
    "could be saddle points / plateus where grad is ~0. using momentum or adam helps get out. also batchsize to big maybe? try smaller",
    "Two plausible causes (plateau/saddle, large batch) and two fixes.")
add(2, "en", "partly_right", 2,
    "The weights may be initialized badly, e.g. all zeros, so neurons learn the same thing. Use random initialization.",
    "One cause (symmetric init) with fix.")
add(2, "en", "empty_ish", 0, "?", "Empty-ish.")
add(2, "en", "notation_heavy", 3,
    "ΔL ≈ −η‖∇L‖². If ‖∇L‖ small or η small → slow. fix: ↑η",
    "Two causes (small η, small gradients) from first-order argument; one fix.")

# ---------------------------------------------------------------- Q3
add(3, "en", "excellent", 6,
    "The learning rate η is the step size in the update w ← w − η∇L: it decides how far we move along the negative gradient each step. If it is too small, training converges very slowly and can stall on plateaus or in shallow local minima before the budget runs out. If it is too large, updates overshoot the minimum, the loss oscillates or even diverges (goes up / becomes NaN).",
    "Role, too small and too large all correct and well explained.")
add(3, "en", "rambling", 6,
    "OK so, learning rate. Basically when we do gradient descent we compute the gradient, which tells us which way the loss increases, and then we go the other way, but how far do we go? That's the learning rate, it's a number like 0.01 that we multiply the gradient with. Now if you pick it too small, like 0.0000001, the model will change super little each step and you'll need forever to train, you might think it's not learning at all. If you pick it too big like 10, the model takes huge steps and jumps around the minimum, the loss might even go up and become NaN. So you need something in the middle, and people often use schedulers to lower it during training.",
    "Chatty but complete: multiplier of gradient, slow when small, jumping/divergence when large.")
add(3, "en", "terse_complete", 6,
    "The learning rate controls how big the steps are. Too small: training takes forever. Too large: you jump over the minimum and the loss can bounce around.",
    "Short, all three elements.")
add(3, "en", "terse_complete", 6,
    "step size. small→slow. large→overshoot/diverge.",
    "Extremely terse but states the role and both relations correctly (arrows express the relation).")
add(3, "en", "keyword_list", 2,
    "step size, convergence, overshooting, divergence, slow training",
    "Keywords without relations — capped at 2.")
add(3, "en", "reversed_relation", 2,
    "The learning rate sets how much the weights change each step. If it's too small, the model overshoots and diverges; if it's too large, it converges very slowly.",
    "Role correct; small/large effects swapped, earning nothing.")
add(3, "en", "confidently_wrong", 0,
    "If the learning rate is too small the model will overfit, and if it's too large it will underfit.",
    "No role; both effects wrong.")
add(3, "en", "false_claims_keywords", 0.5,
    "The learning rate is the speed at which the neural network learns the data. A small learning rate causes overshooting because the model takes many small steps past the minimum; a large learning rate gives faster and more accurate convergence, which is why we usually use the largest possible one.",
    "Vague role only; 'small → overshooting' and 'large → better' are false.")
add(3, "en", "partly_right", 4,
    "Learning rate = how much we update weights. If too large, the loss can explode.",
    "Role and too-large correct; too-small missing.")
add(3, "en", "partly_right", 3,
    "If the learning rate is too small it takes a long time to train. If it's too large it's also bad.",
    "Too-small correct; too-large vague; role barely implied.")
add(3, "en", "rambling", 3.5,
    "The learning rate is a hyperparameter, which means we have to choose it before training and it's not learned. Typical values are 0.1, 0.01, 0.001. In Keras the default for Adam is 0.001. Choosing it is one of the most important things in deep learning. If it's too small the training is slow, and if it's too big it is unstable. There are also learning rate schedules like step decay, cosine annealing, and warmup which people use in transformers. Andrej Karpathy said 3e-4 is the best learning rate for Adam, haha.",
    "Never explains the role in the update; small → slow correct; large → 'unstable' slightly vague.")
add(3, "en", "unusual_words", 6,
    "Think of the learning rate as the length of your stride when walking down into a valley in the fog. The direction comes from the gradient, the stride length is the learning rate. Baby steps: you'll get there, but dinner will be cold. Giant leaps: you jump right over the valley floor onto the other slope, and can end up higher than you started, bouncing further and further away.",
    "Metaphor: stride length (role), slow arrival (small), overshoot and divergence (large).")
add(3, "en", "unusual_words", 5.5,
    "It's the volume knob on how much each mistake changes the model. Turn it too low and the model barely reacts to its mistakes, so learning crawls. Turn it too high and it overreacts to every mistake and swings wildly back and forth without settling.",
    "Small/large effects correct; role as 'volume knob on change' slightly less precise than step size.")
add(3, "en", "notation_heavy", 6,
    r"$w_{t+1}=w_t-\eta\nabla L(w_t)$. For quadratic $L=\frac{a}{2}w^2$: $w_{t+1}=(1-\eta a)w_t$. $\eta<2/a$ converges; $\eta\ll 1/a$: $|1-\eta a|\approx1$ → very slow; $\eta>2/a$: $|1-\eta a|>1$ → diverges (oscillating for $\eta>1/a$).",
    "LaTeX derivation on a quadratic: role, slow for small η, oscillation/divergence for large η.")
add(3, "en", "notation_heavy", 6,
    "η scales ∇L. η↓ → slow. η↑ → osc.",
    "Terse notation, all three elements.")
add(3, "en", "copied_question", 0,
    "The role of the learning rate in gradient descent is important. If it's too small or too large, something might happen.",
    "Restates the question.")
add(3, "en", "off_topic", 0,
    "Learning rate is also used in reinforcement learning where the agent gets rewards. Q-learning has alpha and gamma.",
    "Off-topic trivia; no role or effects described.")
add(3, "en", "empty_ish", 0, "idk sorry", "Empty-ish.")
add(3, "en", "typos_lowercase", 6,
    "lr is how big step u take. to small = slow trainig, to big = overshoot and maybe never converge",
    "Typos aside, role and both effects correct.")
add(3, "en", "typos_lowercase", 3,
    "learnign rate controls the speed of learning. if its to big it dosnt converge",
    "Role vague (~1), too-large correct, too-small missing.")
add(3, "en", "mixed_ideas", 4,
    "The learning rate multiplies the gradient in the update. Too small: slow convergence. Too large: vanishing gradients and overfitting.",
    "Role and small correct; 'large → vanishing gradients and overfitting' is false, C earns nothing.")
add(3, "en", "mixed_ideas", 5.5,
    "LR determines step size. Too large causes oscillation/divergence. Too small makes it slow but more accurate because it finds the exact minimum; that's why we decay it.",
    "All three present; the claim that small LR 'finds the exact minimum' is overstated.")
add(3, "es", "terse_complete", 6,
    "La tasa de aprendizaje determina el tamaño del paso en cada actualización de los pesos. Si es muy pequeña, el entrenamiento es muy lento; si es muy grande, el algoritmo puede oscilar o divergir.",
    "Spanish; complete.")
add(3, "de", "good", 6,
    "Die Lernrate bestimmt die Schrittweite. Ist sie zu klein, konvergiert das Training sehr langsam. Ist sie zu groß, springt man über das Minimum hinweg.",
    "German; step size, slow, overshoot.")
add(3, "fr", "reversed_relation", 2,
    "Le taux d'apprentissage contrôle la taille des pas. S'il est trop petit, le modèle diverge ; s'il est trop grand, l'apprentissage est trop lent.",
    "French; role right, effects swapped.")
add(3, "zh", "terse_complete", 6,
    "学习率决定每一步更新的大小。太小：收敛很慢；太大：会在最小值附近震荡甚至发散。",
    "Chinese; step size, slow, oscillate/diverge.")
add(3, "pt", "partly_right", 2,
    "A taxa de aprendizado é um hiperparâmetro importante. Se for muito grande, o modelo não converge.",
    "Portuguese; role only 'important hyperparameter' (~0.5); too large 'doesn't converge' (~1.5); too small missing.")
add(3, "en", "good", 6,
    "It determines how much we move the weights in the direction of the negative gradient. Too small means we need many more iterations and may get stuck in a local minimum. Too large and the loss may jump around or blow up.",
    "All three elements.")
add(3, "en", "good", 5,
    "It's how fast the model learns. Small → slow but stable, large → fast but may overshoot the minimum and never converge.",
    "Effects correct; role only as 'how fast the model learns' (vague).")
add(3, "en", "confidently_wrong", 0,
    "The learning rate is the percentage of training data the model learns from in each epoch. If it's too small the model doesn't see enough data and underfits, if it's too large it overfits.",
    "Wrong definition and wrong effects.")
add(3, "en", "partly_right", 2,
    "A large learning rate makes training faster. A small one makes it slower.",
    "Small → slower earns B; large → 'faster' with no downside earns nothing; no role.")
add(3, "it", "terse_complete", 6,
    "Il learning rate è il passo dell'aggiornamento dei pesi: troppo piccolo rende l'addestramento lentissimo, troppo grande fa oscillare o divergere la loss.",
    "Italian; complete.")
add(3, "en", "false_claims_keywords", 0,
    "The learning rate decides the direction of the gradient. If it's negative we go downhill. Too large and we get vanishing gradients, too small and we get exploding gradients.",
    "Keywords used in false statements throughout.")
add(3, "en", "partly_right", 3.5,
    "The learning rate decides how far you step. If it is too large, training will be slow because it keeps overshooting.",
    "Role correct; overshoot for large LR partly right (framed as slowness); too small missing.")

# ---------------------------------------------------------------- Q4
add(4, "en", "excellent", 6,
    "A neural network computes the loss as a composition of functions: L = ℓ(f3(f2(f1(x; W1); W2); W3)). The chain rule says the derivative of a composition is the product of the derivatives of the pieces, so ∂L/∂W1 = ∂L/∂a3 · ∂a3/∂a2 · ∂a2/∂a1 · ∂a1/∂W1. Backprop evaluates this from the output backwards: it computes the error signal δ at the last layer, then each layer multiplies the incoming δ by its local derivative (activation derivative times weights) and passes it on, reusing what was already computed. This matters because it yields the gradient for every weight in one backward pass that costs about as much as the forward pass, instead of deriving each of millions of partial derivatives separately, which is what makes gradient descent on deep networks feasible.",
    "Composition + product of local derivatives, backward reuse of δ, efficiency for GD.")
add(4, "en", "good", 5,
    "Backprop applies the chain rule to compute how the loss changes with respect to each weight, by multiplying the derivatives of each layer going backwards from the output. It's important because we need these gradients for gradient descent to update the weights.",
    "Chain rule as product, backward direction; reuse implicit and importance lacks efficiency.")
add(4, "en", "terse_complete", 6,
    "Net = composition → ∂L/∂w = product of local derivatives. Backprop computes them output→input, reusing upstream grads, so all gradients cost ~1 forward pass. Needed for GD.",
    "Terse, all three elements.")
add(4, "en", "keyword_list", 2,
    "chain rule, partial derivatives, backward pass, gradients, weight update",
    "Keyword list — capped at 2.")
add(4, "en", "partly_right", 2,
    "Backpropagation uses the chain rule to calculate the gradients of the loss with respect to the weights. This is important because then we can update the weights.",
    "Only 'uses the chain rule to compute gradients' plus minimal importance.")
add(4, "en", "reversed_relation", 4,
    "Backprop starts at the input layer and uses the chain rule to pass the derivatives forward to the output layer, multiplying local derivatives along the way. This lets us get all gradients efficiently.",
    "Product of local derivatives and efficiency correct; direction reversed so B earns nothing.")
add(4, "en", "false_claims_keywords", 0.5,
    "The chain rule says that the derivative of the network is the sum of the derivatives of each layer, so backpropagation adds up the gradients of all layers from output to input. This is important because it prevents vanishing gradients.",
    "Chain rule misstated as sum of layer derivatives; false importance claim; only direction slightly right.")
add(4, "en", "confidently_wrong", 0,
    "Backpropagation uses the chain rule to chain the layers together during the forward pass so the output of one layer becomes the input of the next. It's important because without it the network would have no connections.",
    "Confuses backprop with the forward pass; nothing correct.")
add(4, "en", "unusual_words", 6,
    "Think of a factory assembly line where each station slightly changes the product. When a customer complains about the final product, the complaint is passed back station by station: each station figures out how much of the blame is its own by multiplying the blame coming from downstream by how sensitive its own output is to its settings. That 'multiply the sensitivities along the line' is the chain rule. Because each station only needs the blame from the next station, the whole factory gets its feedback in one backward sweep instead of testing every knob separately.",
    "Analogy covers product of sensitivities, backward reuse, and efficiency vs per-knob testing.")
add(4, "en", "notation_heavy", 6,
    r"$\delta^{(L)} = \nabla_a \mathcal{L} \odot \sigma'(z^{(L)})$, $\delta^{(l)} = (W^{(l+1)})^\top \delta^{(l+1)} \odot \sigma'(z^{(l)})$, $\partial \mathcal{L}/\partial W^{(l)} = \delta^{(l)} (a^{(l-1)})^\top$. Each $\delta^{(l)}$ is the chain rule applied once to $\delta^{(l+1)}$ → all grads in O(cost of forward pass) instead of O(#params × forward) with finite differences.",
    "Backprop recursion in LaTeX with reuse and cost comparison.")
add(4, "en", "notation_heavy", 2,
    "∂L/∂w1 = ∂L/∂y · ∂y/∂h · ∂h/∂w1",
    "Correct chain-rule product only; no backward reuse or importance.")
add(4, "en", "rambling", 2,
    "Backpropagation was popularized by Rumelhart, Hinton and Williams in 1986 and is the basis of deep learning. The chain rule is from calculus: if y = f(g(x)) then dy/dx = f'(g(x))·g'(x). In a neural network we have many layers, so we have many functions inside each other. Backpropagation uses this to find the gradients. It is very important because without backpropagation there would be no deep learning, no ChatGPT, no self driving cars. In PyTorch you just call loss.backward() and it does everything for you, which is very convenient, it's called autograd.",
    "Chain rule and nesting stated (~1.5); no backward/reuse; importance is hype (~0.5).")
add(4, "en", "copied_question", 0,
    "Backpropagation uses the chain rule from calculus. This is important.",
    "Restates the question's premise.")
add(4, "en", "off_topic", 0,
    "The chain rule in probability says P(A,B,C) = P(A|B,C)P(B|C)P(C). Bayesian networks use it to factorize distributions.",
    "Probability chain rule; unrelated to backprop.")
add(4, "en", "empty_ish", 0, "see lecture notes", "Empty-ish.")
add(4, "en", "typos_lowercase", 6,
    "backprop goes backwards thru the layers and at each one multiplys the gradient from the layer after by the local derivitive (chain rule). thats how u get dL/dw for every weight in one pass, way cheaper then doing each weight seperately",
    "All three elements despite typos.")
add(4, "en", "typos_lowercase", 2,
    "it uses chain rule to get the derivitives of the loss. important bc we need them for gd",
    "Minimal: chain rule for derivatives + needed for GD.")
add(4, "en", "mixed_ideas", 3.5,
    "The chain rule lets us multiply derivatives through layers, going from the output back to the input. This is also why we get vanishing gradients with sigmoids, since many numbers < 1 get multiplied. Backprop then updates the weights using the learning rate.",
    "Product + backward direction; vanishing remark correct extra; no efficiency/importance; backprop-as-updater inaccuracy −0.5.")
add(4, "es", "excellent", 6,
    "La retropropagación aplica la regla de la cadena para calcular la derivada de la pérdida respecto a cada peso: como la red es una composición de funciones, la derivada es el producto de las derivadas locales de cada capa, calculado desde la salida hacia la entrada y reutilizando los resultados de la capa siguiente. Es importante porque permite obtener todos los gradientes de forma eficiente para el descenso de gradiente.",
    "Spanish; composition/product, backward with reuse, efficiency.")
add(4, "de", "partly_right", 3.5,
    "Backpropagation nutzt die Kettenregel, um die Gradienten Schicht für Schicht von hinten nach vorne zu berechnen. Das ist wichtig, damit man die Gewichte anpassen kann.",
    "German; chain rule named but not explained (~1), backward layer-by-layer (~1.5), importance minimal (~1).")
add(4, "fr", "good", 5.5,
    "La rétropropagation utilise la règle de dérivation en chaîne : on multiplie les dérivées locales de chaque couche en partant de la sortie. C'est important car on obtient le gradient de tous les poids en un seul passage arrière.",
    "French; product, from output, all gradients in one pass; reuse only implicit.")
add(4, "zh", "excellent", 6,
    "反向传播利用链式法则，从输出层开始逐层向前计算梯度，每层把上一层传回来的梯度乘以本层的局部导数。这样一次反向传播就能得到所有参数的梯度，计算效率高，是训练深度网络的基础。",
    "Chinese; backward from output, upstream gradient × local derivative, all gradients efficiently.")
add(4, "pt", "reversed_relation", 1,
    "A retropropagação usa a regra da cadeia para calcular o erro de cada neurônio, começando da entrada até a saída.",
    "Portuguese; vague chain-rule use (~1); direction reversed.")
add(4, "en", "good", 5.5,
    "The loss is a function of the output, which is a function of the last layer's weights and the previous activations, and so on. The chain rule lets us break ∂L/∂w for any weight into a product of simple local derivatives. Backprop computes these starting at the output and passes the error backward. Without this, computing gradients for deep nets would be too expensive.",
    "Composition/product and importance clear; backward pass stated, reuse only implicit.")
add(4, "en", "good", 5.5,
    "Backprop is just the chain rule applied systematically: every node in the computational graph knows its local derivative, and the gradient at a node is the sum over its outputs of (upstream gradient × local derivative). Doing this in reverse topological order means each gradient is computed once.",
    "Precise A and B (sum over paths, reverse order, reuse); importance for training only implied.")
add(4, "en", "partly_right", 1.5,
    "The chain rule lets you compute the derivative of a function inside a function. Neural networks are functions inside functions.",
    "Composition idea only, partially.")
add(4, "en", "unusual_words", 2.5,
    "Backprop is like a game of telephone played backwards: the error at the end is whispered back to each layer, and each layer tells the one before it how much it contributed. The chain rule is what makes the whispering math correct.",
    "Backward passing captured; chain rule only named; no importance.")
add(4, "en", "confidently_wrong", 0,
    "Backpropagation does not really use the chain rule, it uses the product rule, because the weights multiply the inputs. The chain rule is only used in the forward pass.",
    "Denies the chain rule; false.")
add(4, "en", "typos_lowercase", 2.5,
    "chain rule = derivitive of outside times derivitive of inside. nn = many layers so u multiply all the derivitives. important because otherwise cant train",
    "Product of derivatives across layers (A); no backward/reuse; importance vague.")
add(4, "en", "false_claims_keywords", 3,
    "Backprop uses the chain rule to multiply the weights of all layers together from output to input, giving the gradient. This is important because it makes training efficient and lets GD update every weight.",
    "Multiplies weights instead of derivatives (A lost); direction partly right; importance correct.")
add(4, "en", "false_claims_keywords", 0,
    "Backpropagation uses the chain rule to compute the second derivative (Hessian) of the loss, which tells the optimizer the curvature. This is important because gradient descent needs the Hessian to choose the step size.",
    "False: backprop for gradients, GD does not need the Hessian.")
add(4, "en", "notation_heavy", 5.5,
    "y = f(g(h(x))) ⇒ dy/dx = f'·g'·h'. backprop: compute f' first (output), then multiply by g', then h' — reuse partial products. ⇒ one backward pass gives all ∂L/∂θ.",
    "A and B clear; importance stated only as 'one pass gives all gradients'.")
add(4, "it", "good", 4.5,
    "La backpropagation applica la regola della catena: il gradiente rispetto a un peso è il prodotto delle derivate locali lungo il percorso dall'uscita a quel peso. È importante perché permette di calcolare tutti i gradienti necessari alla discesa del gradiente.",
    "Italian; product along path from output (A), reuse missing (B ~1), importance partial (~1.5).")
add(4, "en", "partly_right", 2,
    "It goes backward through the network and calculates the gradient for each weight, so we know how to change the weights to reduce the loss.",
    "Backward and purpose only; chain rule not explained at all.")

# ---------------------------------------------------------------- Q5
add(5, "en", "excellent", 6,
    "Vanishing: use ReLU/LeakyReLU instead of sigmoid/tanh, He/Xavier initialization, batch normalization, residual connections (and LSTM/GRU for RNNs). Exploding: gradient clipping by norm, lower learning rate, proper initialization, weight decay. Monitor per-layer gradient norms to see which one you have.",
    "Many correct remedies, matched to each problem, plus diagnosis.")
add(5, "en", "good", 6,
    "Use gradient clipping for exploding gradients and ReLU activations for vanishing gradients. Batch normalization and good weight initialization also help for both.",
    "Four correct remedies covering both problems.")
add(5, "en", "terse_complete", 6,
    "clip grads, ReLU, He init, BatchNorm, skip connections",
    "List question: five correct remedies incl. clipping for exploding.")
add(5, "en", "keyword_list", 5,
    "ReLU, batch norm, residual connections, Xavier init",
    "Four correct remedies but none specific to exploding (init/BN help both) — 5.")
add(5, "en", "partly_right", 2,
    "Use ReLU instead of sigmoid.",
    "One correct remedy.")
add(5, "en", "partly_right", 2,
    "Gradient clipping, so the gradients can't get too big.",
    "One correct remedy (exploding).")
add(5, "en", "partly_right", 3,
    "Use a smaller learning rate and batch normalization.",
    "Two correct remedies.")
add(5, "en", "false_claims_keywords", 0,
    "For vanishing gradients use gradient clipping so they don't get too small, and for exploding gradients use sigmoid because it squashes values between 0 and 1.",
    "Clipping assigned to vanishing and sigmoid as fix — both earn nothing.")
add(5, "en", "reversed_relation", 2,
    "Exploding gradients: use ReLU instead of sigmoid. Vanishing gradients: clip the gradients. Also use Xavier initialization.",
    "Two remedies assigned to the wrong problem earn nothing; Xavier init correct.")
add(5, "en", "confidently_wrong", 0,
    "Add more layers so the gradient has more paths to flow, and increase the learning rate so small gradients become bigger. Also use dropout.",
    "All suggestions wrong or irrelevant.")
add(5, "en", "rambling", 4,
    "Vanishing and exploding gradients are a big problem in deep learning, especially in RNNs, because the gradient is multiplied many times through time. When the gradient vanishes the early layers don't learn anything and when it explodes the weights become NaN. This problem was discovered by Hochreiter in 1991 and it's one of the reasons deep learning didn't work for a long time. Today we have better techniques. For example LSTMs were invented to solve this. Also people use ReLU now. Also I think normalization helps.",
    "Three correct remedies (LSTM, ReLU, normalisation) buried in background; nothing specific for exploding.")
add(5, "en", "unusual_words", 6,
    "If the signal fades (vanishing), give it an express lane – skip connections let the gradient bypass layers – and use activations that don't squash it, like ReLU. If the signal gets too loud (exploding), put a ceiling on it – cap the gradient's size before each step – and start the weights at a sensible scale so each layer neither amplifies nor shrinks too much.",
    "Skip connections, ReLU, clipping (as 'ceiling'), proper init — both problems covered.")
add(5, "en", "notation_heavy", 6,
    "Vanishing: ∏ σ'(z) W ≪ 1 → use ReLU (σ'=1 for z>0), W ~ N(0, 2/n_in) (He), residual x + F(x) ⇒ ∂/∂x = I + ∂F/∂x. Exploding: if ‖g‖ > τ: g ← τ g/‖g‖; smaller η.",
    "ReLU, He init, residual, clipping, smaller η — in notation.")
add(5, "en", "copied_question", 0,
    "To address vanishing or exploding gradients, there are some ways to address them when training a neural network.",
    "Restates the question.")
add(5, "en", "off_topic", 0,
    "I would use dropout and data augmentation to make the model generalize better, and early stopping to prevent overfitting.",
    "Overfitting remedies; not about gradient magnitude.")
add(5, "en", "empty_ish", 0, "no idea", "Empty-ish.")
add(5, "en", "typos_lowercase", 6,
    "use relu, batchnorm and gradiant cliping. also lstm if its an rnn",
    "Four correct remedies covering both problems.")
add(5, "en", "typos_lowercase", 2,
    "relu insted of sigmoid",
    "One correct remedy.")
add(5, "en", "mixed_ideas", 3,
    "Use ReLU, gradient clipping, dropout, and data augmentation. Also a bigger batch size.",
    "Two correct remedies (ReLU, clipping); the rest irrelevant.")
add(5, "es", "excellent", 6,
    "Para gradientes que desaparecen: usar ReLU, inicialización de He y conexiones residuales. Para gradientes que explotan: recorte de gradiente (gradient clipping) y una tasa de aprendizaje más baja. La normalización por lotes ayuda en ambos casos.",
    "Spanish; six correct remedies matched to problems.")
add(5, "de", "good", 5,
    "Gradient Clipping gegen explodierende Gradienten, ReLU statt Sigmoid und Batch Normalization gegen verschwindende Gradienten.",
    "German; three correct remedies matched, unexplained — 5.")
add(5, "fr", "partly_right", 3,
    "Utiliser une meilleure initialisation des poids (Xavier/He) et des fonctions d'activation ReLU.",
    "French; two correct remedies.")
add(5, "zh", "excellent", 6,
    "梯度爆炸：梯度裁剪、降低学习率；梯度消失：使用ReLU、残差连接、合适的权重初始化（He初始化）、BatchNorm。",
    "Chinese; clipping, lower LR, ReLU, residual, He init, BN.")
add(5, "pt", "partly_right", 3,
    "Usar LSTM em vez de RNN simples e fazer gradient clipping.",
    "Portuguese; two correct remedies (one per problem).")
add(5, "en", "good", 6,
    "Exploding gradients can be controlled with gradient clipping, which rescales the gradient when its norm exceeds a threshold. Vanishing gradients are reduced by non-saturating activations like ReLU, whose derivative is 1 for positive inputs, and by residual connections that provide an identity path for the gradient.",
    "Three well-explained remedies correctly matched.")
add(5, "en", "partly_right", 2.5,
    "Use batch normalization, it normalizes the activations so gradients stay in a good range.",
    "One correct remedy with brief explanation.")
add(5, "en", "false_claims_keywords", 0,
    "Use Xavier initialization to set all weights to zero so the gradients start balanced, and use tanh instead of ReLU because ReLU causes exploding gradients.",
    "Xavier misdescribed as zero init; tanh-over-ReLU is false.")
add(5, "en", "good", 6,
    "Careful weight init (Xavier for tanh, He for ReLU), ReLU-type activations, batch norm, and gradient clipping for the exploding case. For RNNs use LSTM/GRU.",
    "Five correct remedies covering both.")
add(5, "en", "rambling", 3.5,
    "First I would check if it's really vanishing or exploding by plotting the gradients. If exploding, the loss would become NaN. Then I would try to fix it by changing hyperparameters, for example the learning rate could be lowered. I would also try a different optimizer like Adam which is adaptive and usually works better.",
    "Monitoring, lower LR, Adam (half) — exploding side only.")
add(5, "en", "notation_heavy", 2,
    "g ← g·min(1, c/‖g‖)",
    "Clipping by norm as formula; one remedy.")
add(5, "en", "mixed_ideas", 3,
    "Use residual connections like ResNet, and weight decay. Also I heard that using a higher learning rate helps exploding gradients converge faster.",
    "Residual and weight decay correct; higher LR for exploding is false.")
add(5, "en", "terse_complete", 6,
    "LSTM/GRU, gradient clipping, ReLU, layer norm.",
    "Four correct remedies covering both.")
add(5, "en", "partly_right", 2,
    "Normalize the input data and use a smaller network.",
    "Shallower network counts; input normalisation is not a listed remedy.")
add(5, "en", "empty_ish", 0, "same as question 2", "Refers elsewhere; no content.")


def main():
    out = []
    for q in range(1, 6):
        items = [a for a in A if a["question"] == q]
        rng = random.Random(SEED + q)
        rng.shuffle(items)
        for i, a in enumerate(items, 1):
            out.append({"id": f"s2_q{q}_{i:03d}", "question": q, "answer": a["answer"],
                        "human_score": float(a["human_score"]), "language": a["language"],
                        "kind": a["kind"], "note": a["note"]})
    # sanity checks
    for r in out:
        s = r["human_score"]
        assert 0 <= s <= 6 and (s * 2) == int(s * 2), r
    assert len({r["answer"] for r in out}) == len(out), "duplicate answer text"
    with open(HERE / "answers.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    write_readme(out)


def table(counter, keyfmt=str, sort_key=None):
    rows = sorted(counter.items(), key=sort_key or (lambda kv: (-kv[1], str(kv[0]))))
    return "\n".join(f"| {keyfmt(k)} | {v} |" for k, v in rows)


def write_readme(out):
    n = len(out)
    per_q = Counter(r["question"] for r in out)
    kinds = Counter(r["kind"] for r in out)
    langs = Counter(r["language"] for r in out)
    scores = Counter(r["human_score"] for r in out)
    lines = []
    lines.append("# quiz_set2 — blind calibration set for the short-answer grader\n")
    lines.append("Generated by `make.py` (deterministic: fixed shuffle seed "
                 f"{SEED}+question, no timestamps). Source of the questions: "
                 "`/work/shared/assignment/seed.md` (Analytical Quiz, 5 questions × 6 points). "
                 "Scores were assigned against `scoring_guide.md`, which was written before any answer, "
                 "and were fixed at writing time.\n")
    lines.append(f"Total answers: **{n}**\n")
    lines.append("## Per question\n\n| question | n | mean score |\n|---|---|---|")
    for q in sorted(per_q):
        sc = [r["human_score"] for r in out if r["question"] == q]
        lines.append(f"| {q} | {len(sc)} | {sum(sc)/len(sc):.2f} |")
    lines.append("\n## Score distribution (all questions)\n\n| score | n |\n|---|---|")
    lines.append(table(scores, keyfmt=lambda k: f"{k:g}", sort_key=lambda kv: kv[0]))
    lines.append("\n### Score distribution per question\n")
    all_scores = sorted(scores)
    lines.append("| score | " + " | ".join(f"Q{q}" for q in sorted(per_q)) + " |")
    lines.append("|---|" + "---|" * len(per_q))
    for s in all_scores:
        lines.append(f"| {s:g} | " + " | ".join(
            str(sum(1 for r in out if r['question'] == q and r['human_score'] == s)) for q in sorted(per_q)) + " |")
    bands = Counter("0" if r["human_score"] == 0 else "0.5–1.5" if r["human_score"] < 2
                    else "2–3.5" if r["human_score"] < 4 else "4–5.5" if r["human_score"] < 6 else "6"
                    for r in out)
    lines.append("\n| band | n |\n|---|---|")
    for b in ["0", "0.5–1.5", "2–3.5", "4–5.5", "6"]:
        lines.append(f"| {b} | {bands[b]} |")
    lines.append("\n## Per kind\n\n| kind | n | mean score |\n|---|---|---|")
    for k, v in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        sc = [r["human_score"] for r in out if r["kind"] == k]
        lines.append(f"| {k} | {v} | {sum(sc)/len(sc):.2f} |")
    lines.append("\n## Per language\n\n| language | n | mean score |\n|---|---|---|")
    for k, v in sorted(langs.items(), key=lambda kv: (-kv[1], kv[0])):
        sc = [r["human_score"] for r in out if r["language"] == k]
        lines.append(f"| {k} | {v} | {sum(sc)/len(sc):.2f} |")
    lines.append("""
## Notes for users

- `kind` describes the *voice / content pattern* of the answer (e.g. `partly_right`, `reversed_relation`).
  Non-English answers carry a content kind as well; use `language` to select them.
- `kind` is a label from the author, not a score class: e.g. a `rambling` answer can score 6 and a
  `false_claims_keywords` answer can score 3. Do not feed `kind`, `note` or `human_score` to the grader.
- Ids are assigned after a seeded shuffle within each question, so the id number carries no information.
- Q5 asks for a list ("what are some ways"), so bare remedy lists are **not** capped there (see guide);
  in Q1/Q3/Q4 keyword lists are capped at 2 and in Q2 at 3.
- All scores were made by a single rater (the author, who also wrote the answers) in one pass. There is no
  second rater, so expect ±0.5–1 disagreement on half-point borderline cases (vague role statements,
  "implied" reuse in Q4, partially correct remedies in Q5).
- Answers are synthetic and the author knew the intended score while writing. The distribution is
  somewhat bimodal: ~20% are 0 (copied / off-topic / empty / wrong) and ~29% are 6, with ~75% in 2–6.
  Many full-mark answers are deliberately short (terse, notation, other languages) to test the
  "short but complete = full marks" rule; real classes will likely have fewer 0s and more 3.5–5.5s.
- Non-English answers (28) lean towards good answers (all 5 Spanish ones are 6, 4 of 5 Chinese are 6); the partial,
  reversed and weak foreign answers are mostly in fr/pt/de. Per-language means are therefore not comparable to English.
""")
    (HERE / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
