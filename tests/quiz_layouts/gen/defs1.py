from common import *

NBS = []
def add(name, layout, cells, answers, scores, unattributed=(), notes=""):
    NBS.append(dict(name=name, layout=layout, cells=cells, answers=answers,
                    scores=scores, unattributed=list(unattributed), notes=notes))

# ---------------- nb01 inline under questions ----------------
a = dict(
 q1="Gradient descent tries to find the parameters that make the loss as small as possible. It computes the slope of the loss and takes a small step downhill, again and again. Neural nets have millions of weights and no closed form solution, so this iterative approach is the practical way to train them.",
 q2="Maybe the learning rate is too low, or the inputs are not normalized, or the weights were initialized badly so the activations saturate. I would first try a bigger learning rate, check that the data is scaled, and plot the gradient norms per layer to see if they are tiny.",
 q3="The learning rate is how big each update step is. Too small = training takes forever and might get stuck; too large = it jumps over the minimum and the loss can bounce around or blow up.",
 q4="The network is a composition of functions, so the derivative of the loss w.r.t. an early weight is the product of the local derivatives of each layer after it. Backprop computes these going backwards from the output. It's important because it lets us get all gradients in one backward pass.",
 q5="Use ReLU instead of sigmoid, good initialization (Xavier/He), batch normalization, and gradient clipping for the exploding case.",
)
src = TITLE + "\n\n### Questions\n\n" + "\n\n".join(f"{i+1}. {QS[i]}\n\n   {a['q%d'%(i+1)]}" for i in range(5))
add("nb01_inline_under_questions",
    "All five answers typed as indented plain lines directly under each numbered question inside the single '### Questions' markdown cell (no labels); coding tasks follow.",
    [md(src)] + tasks(0), a, dict(q1=6,q2=6,q3=6,q4=6,q5=6))

# ---------------- nb02 answers cell numbered ----------------
a = dict(
 q1="The goal is to minimize the cost function by updating the weights in the opposite direction of the gradient. It is used because we can't solve for the best weights analytically in a neural network.",
 q2="The learning rate could be too small. Also the model could be too simple to learn the data. I would try increasing the learning rate.",
 q3="It controls the step size. If too small, convergence is slow. If too large, the loss may diverge.",
 q4="Backpropagation applies the chain rule to compute the gradient of the loss with respect to each weight, layer by layer from the output to the input.",
 q5="Gradient clipping and using ReLU activation functions.",
)
src = "## Answers\n\n" + "\n".join(f"{i}. {a['q%d'%i]}" for i in range(1,6))
add("nb02_answers_cell_numbered",
    "Unmodified seed questions cell, followed by a separate '## Answers' markdown cell containing a numbered list '1. ... 5.' in question order; tasks after.",
    [seed_questions(), md(src)] + tasks(1), a, dict(q1=6,q2=3.5,q3=6,q4=4,q5=4.5),
    notes="Q4 does not address why the chain rule/backprop is important. Q2 gives only one real troubleshooting step.")

# ---------------- nb03 answers cell Q1: ----------------
a = dict(
 q1="Gradient descent is an optimization algorithm. The idea is that the gradient points in the direction where the loss grows the fastest, so if we move the weights a little bit in the opposite direction the loss goes down. We repeat until we reach a minimum. For neural networks it is used because the loss function is very complicated and high dimensional and we can still compute its gradient cheaply with backprop.",
 q2="Causes: learning rate too small, vanishing gradients (e.g. sigmoid in deep networks), bad initialization, features on very different scales, or a bug in the gradient computation. Troubleshooting: do a learning rate sweep, standardize the inputs, check gradient magnitudes, try an adaptive optimizer like Adam, and try to overfit one small batch to make sure the model can learn at all.",
 q3="The learning rate multiplies the gradient in the update. A small one gives stable but slow progress, a big one makes it overshoot and maybe diverge to NaN.",
 q4="By the chain rule, dL/dw = dL/dy * dy/dz * dz/dw. Backprop computes these derivatives from the last layer to the first and reuses the ones it already computed.",
 q5="Exploding: gradient clipping, smaller learning rate. Vanishing: ReLU/LeakyReLU, He init, residual connections, batch norm. For RNNs use LSTM or GRU.",
)
src = "**Answers**\n\n" + "\n\n".join(f"Q{i}: {a['q%d'%i]}" for i in range(1,6))
add("nb03_answers_cell_Qcolon",
    "Seed questions cell, then one answers markdown cell where each answer is a paragraph starting 'Q1: ', 'Q2: ' ... in order; tasks after.",
    [seed_questions(), md(src)] + tasks(2), a, dict(q1=6,q2=6,q3=6,q4=5,q5=6),
    notes="Q4 explains the mechanism well but only implies (via reuse) why it is important.")

# ---------------- nb04 Answer 1 - ----------------
a = dict(
 q1="to reach the lowest point of the loss function. We use it in neural networks because it tells us how to change each weight to reduce the error.",
 q2="a slow decrease could be because of a learning rate that is too small, saturated activations or unnormalized data. To troubleshoot I'd check the loss curve with different learning rates and look at the gradients.",
 q3="the learning rate decides how far we move. When it's too large we might go past the minimum; when it's too small we need a lot of iterations.",
 q4="the chain rule lets us multiply derivatives of nested functions. The output depends on the hidden layer which depends on the weights, so we multiply the derivatives along the path. This is important since without it we couldn't compute the gradient for hidden layer weights.",
 q5="for exploding gradients we can normalize the data, for vanishing gradients we can increase the learning rate.",
)
src = "\n\n".join(f"Answer {i} - {a['q%d'%i]}" for i in range(1,6))
add("nb04_answers_cell_answer_dash",
    "Title and questions in the seed cell; a following markdown cell with lines 'Answer 1 - ...' through 'Answer 5 - ...' (lower-case starts); tasks after.",
    [seed_questions(), md(src)] + tasks(3), a, dict(q1=5,q2=5.5,q3=6,q4=6,q5=1.5),
    notes="Q1 doesn't mention the negative-gradient mechanism. Q5 is mostly wrong: raising the learning rate does not fix vanishing gradients; data normalization is at best a weak help for exploding gradients.")

# ---------------- nb05 **1.** ----------------
a = dict(
 q1="Gradient descent is basically a method to minimize a function. In neural networks the function is the loss, and we want the weights that give the smallest loss.",
 q2="Possible reasons: too small learning rate, the network is stuck on a plateau or saddle point, bad weight initialization, vanishing gradients. To fix it I would try momentum or Adam, tune the learning rate, and re-initialize the weights with He initialization.",
 q3="If the learning rate is too small the steps are tiny and training is very slow. If it is too large the updates overshoot and the loss oscillates or diverges.",
 q4="Backprop uses the chain rule to go backwards through the network and find how each weight affects the loss. This is important because it's efficient – one forward and one backward pass gives all the gradients.",
 q5="Use batch normalization, residual connections, gradient clipping and better activation functions like ReLU.",
)
src = "### My answers\n\n" + "\n\n".join(f"**{i}.** {a['q%d'%i]}" for i in range(1,6))
add("nb05_answers_cell_bold_numbers",
    "Seed questions cell, then a '### My answers' markdown cell where each answer starts with a bold number '**1.**' ... '**5.**'; tasks after.",
    [md(TITLE), seed_questions(title=False), md(src)] + tasks(0), a, dict(q1=4,q2=6,q3=6,q4=6,q5=6),
    notes="Title is in its own cell. Q1 states the goal only; no mechanism (negative gradient) and no real reason why it suits neural networks.")

# ---------------- nb06 bullets ----------------
a = dict(
 q1="GD updates parameters step by step using the gradient of the loss, moving downhill until the loss stops improving. It's the standard way to train neural nets because it only needs first derivatives and works with mini-batches on huge datasets.",
 q2="Check if the learning rate is too small, check that the data is normalized, check if the gradients are vanishing. Also the batch size could be too big or the model too small.",
 q3="Learning rate = step size. Small -> slow, large -> unstable/diverges.",
 q4="It multiplies the partial derivatives of each layer together to get the gradient for the earlier layers.",
 q5="Vanishing: ReLU, LSTM, skip connections. Exploding: clipping, weight decay, lower LR.",
)
src = "**My answers (in order):**\n\n" + "\n".join(f"- {a['q%d'%i]}" for i in range(1,6))
add("nb06_answers_bullets_unnumbered",
    "Seed questions cell, then an answers cell with five unnumbered '- ' bullet points in question order (attribution only by position).",
    [seed_questions(), md(src)] + tasks(1), a, dict(q1=6,q2=5,q3=6,q4=3.5,q5=6),
    notes="Answers identified only by bullet order. Q4 gives the mechanism briefly but not why it matters.")

# ---------------- nb07 #### Question N cells, answer next cell ----------------
a = dict(
 q1="The goal of gradient descent is to find a minimum of the loss. At each step we compute the derivative of the loss with respect to the weights and subtract a fraction of it from the weights. Since neural networks are differentiable but too complex to solve directly, gradient descent is how they are trained.",
 q2="If the loss decreases slowly, the model might be underfitting because it is too small, or the learning rate might be too low. I would increase the model size and learning rate.",
 q3="The learning rate is the hyperparameter that controls how much the weights change each iteration. Too small: many epochs needed and it can get stuck in a local minimum. Too large: divergence, loss goes to infinity or NaN.",
 q4="In backpropagation we compute the error at the output and then propagate it back using the chain rule: the gradient at layer l is the gradient at layer l+1 multiplied by the weights and by the derivative of the activation function. It is important because it is how we know how much each weight contributed to the error.",
 q5="We can use dropout and L2 regularization to fix vanishing/exploding gradients.",
)
cells = [md(TITLE)]
for i in range(5):
    cells += [md(f"#### Question {i+1}\n{QS[i]}"), md(a['q%d'%(i+1)])]
add("nb07_question_heading_cells_answer_next_cell",
    "Each question in its own markdown cell headed '#### Question N' with the question text; the answer is the plain markdown cell immediately after (no label).",
    cells + tasks(2), a, dict(q1=6,q2=3.5,q3=6,q4=6,q5=1),
    notes="Q5 is essentially wrong: dropout does not address vanishing/exploding gradients (L2 only marginally helps exploding). Q2 gives two causes and a generic fix, no diagnostics.")

# ---------------- nb08 **Q1.** + **Answer:** same cell ----------------
a = dict(
 q1="It's an algorithm for minimizing the loss. We compute the gradient (the direction of steepest increase) and move the parameters in the opposite direction. Used in NNs because there is no analytical solution for the optimal weights and the gradient can be computed efficiently.",
 q2="Could be a small learning rate, poorly scaled features, vanishing gradients, or the wrong optimizer. I would plot the loss for a few learning rates, standardize the features, monitor gradient norms and maybe switch from plain SGD to Adam.",
 q3="The learning rate scales the gradient to decide the size of the update. A very small learning rate makes learning slow; a very large one makes the updates jump around the minimum or diverge.",
 q4="The loss is a function of the output, which is a function of the hidden layers, which are functions of the weights. The chain rule says the derivative of a composition is the product of the derivatives, so backprop multiplies local gradients from the output back to each weight. Important because it makes training deep networks computationally feasible.",
 q5="Use weight initialization like Xavier, ReLU activations, batch norm, and gradient clipping.",
)
cells = [md(TITLE + "\n\n### Questions")]
for i in range(5):
    cells.append(md(f"**Q{i+1}.** {QS[i]}\n\n**Answer:** {a['q%d'%(i+1)]}"))
add("nb08_boldQ_cells_with_bold_answer_label",
    "One markdown cell per question: '**Q1.** <question text>' followed in the same cell by '**Answer:** <answer>'.",
    cells + tasks(3), a, dict(q1=6,q2=6,q3=6,q4=6,q5=6))

# ---------------- nb09 blockquote + *Ans:* ----------------
a = dict(
 q1="GD is for finding the minimum of the error function. We take the derivative and go in the negative direction. In neural networks we use it to learn the weights.",
 q2="The learning rate may be too low or the loss function might be flat around the current weights (plateau). Try a learning rate schedule or a higher learning rate, use momentum.",
 q3="It is the size of the steps. Too small → slow, too big → it may never converge because it overshoots.",
 q4="Chain rule: derivative of f(g(x)) = f'(g(x))·g'(x). Backprop does this for every layer.",
 q5="Gradient clipping for exploding gradients. For vanishing gradients use ReLU or residual connections.",
)
cells = [md(TITLE)]
for i in range(5):
    cells.append(md(f"> {i+1}. {QS[i]}\n\n*Ans:* {a['q%d'%(i+1)]}"))
add("nb09_blockquote_questions_italic_ans",
    "Each question quoted as a markdown blockquote '> 1. <question>' in its own cell, with the answer below it in the same cell after an italic '*Ans:*' label.",
    cells + tasks(0), a, dict(q1=5,q2=5,q3=6,q4=3,q5=6),
    notes="Q1 gives little reason why GD suits neural networks. Q4 states the chain rule but not how it's organised layer-wise nor why it is important.")

# ---------------- nb10 question text only, answer next cell ----------------
a = dict(
 q1="Gradient descent moves the weights a little bit at a time in the direction that lowers the loss the most, which is minus the gradient. Neural networks need it because training is just an optimization problem over a huge number of weights.",
 q2="The loss can go down slowly when the step size is too small, or when the gradients are tiny because of saturating activation functions. Other reasons: data not shuffled, labels noisy, model capacity too low. Troubleshooting: learning rate range test, check the gradient histograms, normalize inputs, try a smaller model on a subset to see if it overfits.",
 q3="The learning rate is the factor we multiply the gradient with. If it's too small we waste a lot of time and computation. If it's too large it will diverge.",
 q4="Backpropagation works by applying the chain rule repeatedly. It is important because it allows the network to learn.",
 q5="Batch normalization helps a lot. Also LSTMs for recurrent networks.",
)
cells = []
for i in range(5):
    cells += [md(QS[i]), md(a['q%d'%(i+1)])]
add("nb10_bare_question_text_cells",
    "No title or numbering: each question's bare text is its own markdown cell, and the answer is the next markdown cell; quiz placed after Task 1 and Task 2? no - quiz first, tasks after.",
    cells + tasks(1), a, dict(q1=6,q2=6,q3=6,q4=2.5,q5=3.5),
    notes="Questions are only identifiable by their text (no numbers). Q4 is vague (no explanation of how the chain rule is applied). Q5 lists only two remedies, nothing specific for exploding gradients.")
NBS[-1]["layout"] = "No title or numbering: each question's bare text is its own markdown cell and the answer is the next markdown cell; quiz first, tasks after."
