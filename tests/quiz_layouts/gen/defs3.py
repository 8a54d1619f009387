from defs2 import *

# ---------------- nb17 skips ----------------
a = dict(
 q1="The goal is to minimize the loss function. We use it in neural networks to find the best weights.",
 q2="",
 q3="Learning rate controls the step size. Too small: slow. Too large: can diverge.",
 q4="The chain rule is used to get the derivatives of the loss with respect to the weights in the hidden layers. Important because otherwise we can only update the output layer.",
 q5="",
)
shown = dict(a); shown["q5"] = "TODO"
src = TITLE + "\n\n### Questions\n\n" + "\n\n".join(
    f"{i+1}. {QS[i]}\n\n   Answer:" + (f" {shown['q%d'%(i+1)]}" if shown['q%d'%(i+1)] else "") for i in range(5))
add("nb17_inline_with_skipped_q2_q5",
    "Answers typed inside the seed questions cell after 'Answer:' under each question; Q2 has an empty 'Answer:' line and Q5 just says 'TODO'.",
    [md(src)] + tasks(3), a, dict(q1=4,q2=0,q3=6,q4=5.5,q5=0),
    notes="Q2 skipped (empty 'Answer:'), Q5 skipped ('TODO' placeholder) -> both scored 0. Q1 gives the goal but no mechanism.")

# ---------------- nb18 see above / idk ----------------
a = dict(
 q1="Gradient descent minimizes the loss by taking steps against the gradient. How big the steps are is decided by the learning rate. We use it for neural networks because we can compute gradients with backprop.",
 q2="Learning rate too small, or bad initialization, or vanishing gradients. I would look at the gradient values and try a bigger learning rate.",
 q3="see above",
 q4="The chain rule gives the derivative of composite functions, so backprop multiplies the derivatives of each layer going backwards. That way the error signal reaches the first layers.",
 q5="idk",
)
sorry = "(sorry, ran out of time for the last one)"
cells = [md(TITLE)]
for i in range(5):
    cells.append(md(f"**Question {i+1}:** {QS[i]}"))
    txt = a['q%d'%(i+1)]
    if i == 4:
        txt = txt + " " + sorry
    cells.append(md(txt))
add("nb18_see_above_and_idk",
    "Each question in its own cell ('**Question N:** text'), answer in the next cell; Q3 answered only 'see above', Q5 answered 'idk' plus an apology.",
    cells + tasks(1), a, dict(q1=6,q2=5.5,q3=0,q4=5,q5=0), unattributed=[sorry],
    notes="Q3 'see above' refers back to Q1, which only says the learning rate sets the step size — nothing on too small/too large; scored 0 as a non-answer. Q5 'idk' = 0. The apology '(sorry, ran out of time...)' is in the Q5 answer cell but is not an answer.")

# ---------------- nb19 swapped Q2/Q3 ----------------
a = dict(
 q1="Gradient descent finds the weights that minimize the loss by moving opposite to the gradient step by step. Neural networks have too many parameters to solve analytically, so we use this.",
 q2="Causes could be a too-low learning rate or unscaled input data. I'd try a higher learning rate and normalize the inputs.",
 q3="The learning rate is the step size. With a tiny learning rate training is slow and can stall; with a huge one the weights jump past the minimum and the loss oscillates or diverges.",
 q4="Backprop applies the chain rule from the output to the input, multiplying local derivatives, to get the gradient of the loss w.r.t. every weight. Without it we couldn't efficiently train multi-layer networks.",
 q5="Use gradient clipping, ReLU, and batch normalization.",
)
order = ["q1", "q3", "q2", "q4", "q5"]   # text written under labels 1..5
src = "## Answers\n\n" + "\n\n".join(f"{i+1}. {a[k]}" for i, k in enumerate(order))
add("nb19_answers_swapped_q2_q3",
    "Seed questions cell then a numbered '## Answers' list, but the student wrote the Q3 answer (learning rate) under '2.' and the Q2 answer (slow loss) under '3.'.",
    [seed_questions(), md(src)] + tasks(2), a, dict(q1=6,q2=5,q3=6,q4=6,q5=6),
    notes="Q2 and Q3 answers swapped: the text under '2.' answers Q3 (learning rate) and the text under '3.' answers Q2 (slow loss). Attributed by content here. Q2 content is brief (two causes, two fixes, no diagnostics).")

# ---------------- nb20 merged 4 & 5 ----------------
merged = "Backprop uses the chain rule to multiply the derivatives of each layer from the output back to the input, which is how we get the gradient for every weight. Because the gradient of an early layer is a product of many factors, it can shrink to zero (vanishing) or blow up (exploding) when the factors are smaller or larger than 1. To fix this we can use ReLU instead of sigmoid, He/Xavier initialization, batch norm, residual connections and gradient clipping."
a = dict(
 q1="To minimize the loss function by iteratively updating the weights in the direction of the negative gradient; it's the standard method because it's simple and works for any differentiable model.",
 q2="The learning rate might be too small, the model might be stuck on a plateau, or the data isn't normalized. Try increasing the LR, using Adam, and normalizing.",
 q3="The learning rate determines how much we change the parameters at each step. Too small: very slow convergence. Too large: overshooting and the loss might explode.",
 q4=merged, q5=merged,
)
src = ("### Answers\n\n1. " + a["q1"] + "\n\n2. " + a["q2"] + "\n\n3. " + a["q3"] + "\n\n**4 & 5.** " + merged)
add("nb20_merged_answer_4_and_5",
    "Seed questions cell, answers cell numbered 1-3 and then a single paragraph labelled '**4 & 5.**' answering both Q4 and Q5.",
    [seed_questions()] + tasks(3) + [md(src)], a, dict(q1=6,q2=6,q3=6,q4=5.5,q5=6),
    notes="Q4 and Q5 merged into one paragraph labelled '4 & 5'; the full merged text is recorded under both q4 and q5. Answers cell placed after the tasks. Q4 part: importance only implicit ('how we get the gradient for every weight').")

# ---------------- nb21 Spanish ----------------
a = dict(
 q1="El objetivo del descenso de gradiente es minimizar la función de pérdida. Se calcula el gradiente y se actualizan los pesos en la dirección opuesta. Se usa en redes neuronales porque no hay una solución analítica para los pesos óptimos.",
 q2="The learning rate could be too small or the features are not scaled. I would try a bigger learning rate and normalize the data, and check the gradients.",
 q3="La tasa de aprendizaje controla el tamaño del paso. Si es muy pequeña, el entrenamiento es muy lento; si es muy grande, el modelo puede divergir u oscilar alrededor del mínimo.",
 q4="Backprop uses the chain rule to calculate the gradient of each layer by multiplying the derivatives backwards. It is important because it makes it possible to train networks with hidden layers.",
 q5="Se puede usar ReLU en vez de sigmoide, inicialización de He, normalización por lotes (batch normalization) y recorte de gradientes (gradient clipping).",
)
src = "### Respuestas / Answers\n\n" + "\n\n".join(f"{i}) {a['q%d'%i]}" for i in range(1,6))
add("nb21_spanish_mixed_answers",
    "Seed questions cell, then a '### Respuestas / Answers' cell with '1)'..'5)' items; Q1, Q3 and Q5 answered in Spanish, Q2 and Q4 in English.",
    [seed_questions(), md(src)] + tasks(0), a, dict(q1=6,q2=5.5,q3=6,q4=6,q5=6),
    notes="Q1, Q3, Q5 are in Spanish; scored on content.")

# ---------------- nb22 German + Chinese ----------------
a = dict(
 q1="Das Ziel ist, die Verlustfunktion zu minimieren. Man berechnet den Gradienten und geht einen kleinen Schritt in die entgegengesetzte Richtung. Bei neuronalen Netzen gibt es zu viele Parameter für eine analytische Lösung, deshalb nutzt man Gradientenabstieg.",
 q2="Mögliche Ursachen: zu kleine Lernrate, schlechte Initialisierung, nicht normalisierte Daten. Ich würde die Lernrate erhöhen und die Gradienten überwachen.",
 q3="The learning rate tells how far to move in the direction of the negative gradient. Too small and you need thousands of iterations, too large and you overshoot and might never converge.",
 q4="反向传播利用链式法则，从输出层开始逐层向后计算损失对每个权重的偏导数，把每一层的局部导数相乘。这很重要，因为这样可以高效地计算所有参数的梯度，从而训练深层网络。",
 q5="梯度消失：使用ReLU激活函数。梯度爆炸：使用梯度裁剪。",
)
cells = [md(TITLE)]
for i in range(5):
    cells.append(md(f"### Question {i+1}\n\n{QS[i]}\n\n**Antwort / 答案:**\n\n{a['q%d'%(i+1)]}"))
add("nb22_german_and_chinese_answers",
    "One markdown cell per question ('### Question N' + question text) with the answer below a bilingual label '**Antwort / 答案:**' in the same cell; Q1-Q2 in German, Q3 in English, Q4-Q5 in Chinese.",
    cells + tasks(1), a, dict(q1=6,q2=5.5,q3=6,q4=6,q5=4.5),
    notes="Non-English answers scored on content. Q5 (Chinese) gives only one remedy per problem: ReLU for vanishing, clipping for exploding.")

# ---------------- nb23 TA note / ChatGPT / reflection ----------------
note = "Note to the TA: I was sick last week so I submitted this one day late, I emailed the professor about it. Sorry!"
gpt = "(I used ChatGPT to fix the grammar of my answers, the content is mine.)"
refl = "Reflection: This assignment helped me understand why the learning rate matters so much. At first my plot in Task 1 looked wrong because I used lr=1.1 and x kept growing. Doing the backprop by hand in Task 2 was tedious but it made the chain rule click for me."
a = dict(
 q1="Gradient descent is an iterative procedure that adjusts the model parameters to reduce the loss. At each iteration, the gradient of the loss is computed and the parameters are moved a small amount in the opposite direction. It is used in neural network training because the models have a very large number of parameters and the loss cannot be minimized in closed form.",
 q2="The slow decrease may be caused by an overly small learning rate, poor weight initialization, or vanishing gradients in deep layers. To troubleshoot, I would experiment with larger learning rates, inspect the gradient magnitudes per layer, and verify that the input data is normalized.",
 q3="The learning rate determines the magnitude of each parameter update. If it is too small, convergence is slow; if it is too large, the optimization may oscillate or diverge.",
 q4="Backpropagation uses the chain rule to compute the gradients of the loss with respect to the weights. It is important because it allows training.",
 q5="Possible remedies include gradient clipping, ReLU-based activations, batch normalization, and appropriate weight initialization such as Xavier or He initialization.",
)
src = "## Answers\n\n" + "\n".join(f"{i}. {a['q%d'%i]}" for i in range(1,6)) + "\n\n" + gpt
add("nb23_extra_text_ta_note_chatgpt_reflection",
    "A 'Note to the TA' cell at the top, seed questions cell, numbered answers cell ending with a ChatGPT-disclosure line, tasks, and a closing 'Reflection' paragraph cell.",
    [md(note), seed_questions(), md(src)] + tasks(2) + [md(refl)], a,
    dict(q1=6,q2=6,q3=6,q4=3,q5=6), unattributed=[note, gpt, refl],
    notes="Note to TA, the ChatGPT disclosure (inside the answers cell, after answer 5) and the Reflection paragraph are not quiz answers. Q4 is generic: no explanation of how the chain rule is applied; 'allows training' is a thin reason.")

# ---------------- nb24 HTML table ----------------
a = dict(
 q1="<b>Minimize the loss.</b><br>GD moves the weights a little bit against the gradient at every step. We use it for NNs since it works for any differentiable model with lots of parameters.",
 q2="Learning rate too low, bad init, saturating activations.<br>Fix: tune the LR (try 10x bigger), use He init, use ReLU, check gradient norms.",
 q3="Step size.<br><b>Too small:</b> slow / stuck.<br><b>Too large:</b> overshoot, oscillation, divergence.",
 q4="Chain rule = multiply derivatives along the path from loss to weight.<br>Backprop does this backwards layer by layer and reuses intermediate results, which is what makes it efficient.",
 q5="Vanishing → ReLU, residual connections, BatchNorm.<br>Exploding → gradient clipping, smaller LR, good init.",
)
src = "### Quiz answers\n\n| Q | Answer |\n|---|--------|\n" + "\n".join(f"| {i} | {a['q%d'%i]} |" for i in range(1,6))
add("nb24_html_markdown_table",
    "Seed questions cell, then a markdown table '| Q | Answer |' with one row per question; answer cells use inline HTML (<b>, <br>).",
    [seed_questions()] + [md(src)] + tasks(3), a, dict(q1=6,q2=6,q3=6,q4=6,q5=6),
    notes="Answers are table cells; HTML tags are part of the recorded text.")
