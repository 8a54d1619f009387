"""Quiz stage: find each free-text answer in the notebook and give it a first score a TA would give.

No offline algorithm grades free text as well as a person, so this does what a good TA does with 200
scripts: a first score from the concepts an answer expresses (:mod:`grader.quiz.text` reads notation,
stems and clauses), minus false claims and relations stated the wrong way round, capped where the
answer shows no explanation (a list of terms, the question given back), blended with what an
embedding model makes of the whole answer against scored exemplars (:mod:`grader.quiz.sense`). An
answer goes to a person (``needs_review``) where the two signals disagree, where something false
sits beside credited ideas, where it is in another language, or where it was found somewhere a
reviewer should confirm. Where answers are found is :mod:`grader.quiz.extract`'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from nbformat import NotebookNode

from grader.load.quizrubric import ConceptSpec, QuestionSpec, QuizSpec
from grader.quiz import extract as quizextract
from grader.quiz import sense as quizsense
from grader.quiz import text as quiztext
from grader.records import QuestionResult, QuizResult

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_NEIGHBOURS = 4  # exemplars that vote on the semantic estimate
_TEMPERATURE = 0.02  # how much more the nearest exemplar counts than the next (cosine similarity)
#: What students write instead of an answer: scored 0 like an empty cell, by words, not by meaning.
_NON_ANSWER = re.compile(
    r"(?:todo|tbd|tba|idk|i dont know|i don't know|dont know|no idea(?: sorry)?|sorry|n ?a|none|pass|skip(?:ped)?"
    r"|see above|same as (?:above|before|q ?\d|question \d)|ran out of time|\?+|-+)(?: sorry)?"
)
#: How the reasons score_answer (and extraction's notes) give begin, for those meant for the student.
_FALSE_STATEMENT = ("a false claim", "states ")
_STUDENT_REASONS = (*_FALSE_STATEMENT, "a list of terms", "the answer repeats the question", "written under")
_METAPHOR_WORDS = 20  # an answer this long with no concept found may use its own words: worth a look


_SENTENCE_END = re.compile(r"(?<=[?.!])\s+|\n+")


def _only_questions(text: str) -> bool:
    """Every sentence ends in a question mark: questions written down, no answer given."""
    sentences = [part.strip() for part in _SENTENCE_END.split(text) if any(char.isalpha() for char in part)]
    return bool(sentences) and all(sentence.endswith("?") for sentence in sentences)


@dataclass(frozen=True, slots=True)
class _Concepts:
    points: float  # of the concepts expressed, false claims deducted
    matched: list[ConceptSpec]
    reversed: list[tuple[ConceptSpec, quiztext.Match]]  # concepts stated the wrong way round, and where
    false_claims: list[quiztext.Match]
    text: quiztext.Text  # the answer as read


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    method: str  # how it was found: see quizextract.Found
    note: str = ""  # something the reviewer should know about where it was found
    unattributed: bool = False  # the notebook holds student text attributed to no question


def grade_quiz(notebook: NotebookNode, quiz: QuizSpec, task_cells: frozenset[int] = frozenset()) -> QuizResult:
    """The quiz's score; ``task_cells`` (the code cells of the assignment's tasks) keep a task's
    numbered heading from opening an answer."""
    answers, unattributed = extract_answers(notebook, quiz, task_cells)
    questions = tuple(score_answer(q, answers[q.id], quiz) for q in quiz.questions)
    return QuizResult(
        score=sum(q.score for q in questions), max_score=quiz.max_score, questions=questions, unattributed=unattributed
    )


def extract_answers(
    notebook: NotebookNode, quiz: QuizSpec, task_cells: frozenset[int] = frozenset()
) -> tuple[dict[str, Answer], tuple[str, ...]]:
    """Each question's answer, and the student text no question got (see :mod:`grader.quiz.extract`)."""
    extraction = quizextract.extract(
        notebook, quiz, lambda question, text: _concepts(question, text, quiz).points, task_cells
    )
    answers = {
        question_id: Answer(found.text, found.method, found.note, bool(extraction.unattributed))
        for question_id, found in extraction.answers.items()
    }
    return answers, extraction.unattributed


def for_the_student(question: QuestionResult) -> list[str]:
    """The reasons that tell a student something about their own answer (the rest are the reviewer's)."""
    return [reason for reason in question.reasons if reason.startswith(_STUDENT_REASONS)]


def states_something_false(question: QuestionResult) -> bool:
    """Whether scoring found a false claim or a relation stated the wrong way round in the answer."""
    return any(reason.startswith(_FALSE_STATEMENT) for reason in question.reasons)


# --- scoring ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Prepared:
    """What scoring derives from one quiz file, once: its vocabulary, its exemplars' embeddings, and
    the concepts found in each (question, answer) pair, which extraction and scoring both ask for."""

    quiz: QuizSpec  # held, so that the id keying _PREPARED cannot be reused by another quiz
    vocabulary: quiztext.Vocabulary
    exemplars: dict[str, np.ndarray] = field(default_factory=dict)
    concepts: dict[tuple[str, str], _Concepts] = field(default_factory=dict)


_PREPARED: dict[int, _Prepared] = {}


def _prepared(quiz: QuizSpec) -> _Prepared:
    """Keyed by identity: hashing a QuizSpec (every phrase of every question) on each call was a hot
    path of its own."""
    found = _PREPARED.get(id(quiz))
    if found is None or found.quiz is not quiz:
        if len(_PREPARED) >= 8:
            _PREPARED.clear()
        found = _PREPARED[id(quiz)] = _Prepared(quiz, quiztext.vocabulary(quiz.notation, quiz.opposites))
    return found


def prepare(quiz: QuizSpec) -> None:
    """Derive now what scoring derives from ``quiz`` at its first answers: the vocabulary, the embedding
    model and every question's exemplar embeddings (≈0.4 CPU-s, mostly the model). A batch does this
    once in the grader before it forks its workers, which then share it instead of each loading it.
    A model that cannot be loaded raises here as it would at the first answer."""
    for question in quiz.questions:
        if question.exemplars:
            _exemplar_vectors(quiz, question)


def _exemplar_vectors(quiz: QuizSpec, question: QuestionSpec) -> np.ndarray:
    prepared = _prepared(quiz)
    if question.id not in prepared.exemplars:
        texts = [quiztext.spell_out(exemplar.text, prepared.vocabulary) for exemplar in question.exemplars]
        prepared.exemplars[question.id] = quizsense.embed(texts)
    return prepared.exemplars[question.id]


def semantic_estimate(quiz: QuizSpec, question: QuestionSpec, text: str) -> float | None:
    """The score the exemplars nearest in meaning suggest (a similarity-weighted mean), or None."""
    if not question.exemplars or not text.strip():
        return None
    vectors = _exemplar_vectors(quiz, question)
    similarity = vectors @ quizsense.embed([quiztext.spell_out(text, _prepared(quiz).vocabulary)])[0]
    nearest = np.argsort(-similarity)[:_NEIGHBOURS]
    weights = np.exp((similarity[nearest] - similarity[nearest[0]]) / _TEMPERATURE)
    scores = np.array([question.exemplars[index].score for index in nearest])
    return float(weights @ scores / weights.sum())


def score_answer(question: QuestionSpec, answer: Answer, quiz: QuizSpec) -> QuestionResult:
    """A first score from the concepts expressed, blended with the exemplars' estimate; why to review."""
    scoring = quiz.scoring
    found = _concepts(question, answer.text, quiz)
    text = found.text
    words = text.words
    full = question.max_score
    reasons: list[str] = []  # why the score is what it is
    review: list[str] = []  # why a human should look
    if answer.note:
        review.append(answer.note)
    if not words or _NON_ANSWER.fullmatch(" ".join(_words(answer.text))):
        if answer.unattributed:
            review.append("no answer found here, but the notebook has text not attributed to any question")
        return _result(question, answer, 0.0, (), ("no answer", *review), bool(review))
    if _only_questions(answer.text):  # a list of questions (theirs or ours) answers none of them
        return _result(question, answer, 0.0, (), ("no answer: the text here only asks questions",), False)
    language = quizsense.language(answer.text, words)
    estimate = semantic_estimate(quiz, question, answer.text)
    if language is not None:
        # scored through the quiz file's translations of the key terms and by meaning; a person decides
        review.append(f"written in another language ({language}): a provisional score, a person should read it")

    lexical, matched, reversed_, false_claims = found.points, found.matched, found.reversed, found.false_claims
    for concept, match in reversed_:
        reasons.append(f"states {concept.id.replace('_', ' ')} the wrong way round: “{text.clauses[match.clause]}”")
    for match in false_claims:
        reasons.append(f"a false claim: “{text.clauses[match.clause]}”")
    caps: list[tuple[float, str]] = []
    if _copies_question(words, question):
        caps.append((question.cap("copied_question", scoring), "the answer repeats the question"))
    elif _is_buzzword_list(answer.text, words, english=language is None):
        caps.append((question.cap("buzzwords", scoring), "a list of terms without explanation"))
    for fraction, reason in caps:
        lexical = min(lexical, fraction * full)
        reasons.append(reason)
    score = lexical
    if estimate is not None:
        capped = min([estimate, *(fraction * full for fraction, _ in caps)])
        score = (1 - scoring.semantic_weight) * lexical + scoring.semantic_weight * capped
        # Where no concept was found, the model's opinion of a short answer is mostly its topic
        # ("idk", an off-topic line); a long one may say the right thing in other words.
        if abs(capped - lexical) > scoring.disagreement * full and (matched or len(words) >= _METAPHOR_WORDS):
            review.append(
                f"the concepts found ({lexical:g}) and the meaning of the whole answer ({capped:.1f}) disagree"
            )
    if (reversed_ or false_claims) and score >= scoring.disagreement * full:
        # a false statement beside credited ideas: whether the rest outweighs it is a person's call
        review.append("states something false beside ideas that earned points")
    return _result(question, answer, _half(score), tuple(matched), (*reasons, *review), bool(review))


def _concepts(question: QuestionSpec, answer: str, quiz: QuizSpec) -> _Concepts:
    """What :func:`_concepts_of` finds, asked once per (question, answer) of a quiz."""
    cache = _prepared(quiz).concepts
    key = (question.id, answer)
    if key not in cache:
        if len(cache) > 4096:
            cache.clear()
        cache[key] = _concepts_of(question, answer, quiz)
    return cache[key]


def _concepts_of(question: QuestionSpec, answer: str, quiz: QuizSpec) -> _Concepts:
    """Points of the concepts expressed (false claims deducted), the concepts, reversed ones, false claims.

    A clause holding a false claim or a reversed relation earns nothing, whatever words it uses."""
    vocabulary = _prepared(quiz).vocabulary
    text = quiztext.read(answer, vocabulary)
    false_claims = [match for phrase in question.false_claims if (match := quiztext.find(text, phrase, vocabulary))]
    false_clauses = {match.clause for match in false_claims}
    reversed_: list[tuple[ConceptSpec, quiztext.Match]] = []
    for concept in question.concepts:
        contradiction = next(
            (m for phrase in concept.contradicts if (m := quiztext.find(text, phrase, vocabulary))), None
        )
        if contradiction is not None:
            reversed_.append((concept, contradiction))
            false_clauses.add(contradiction.clause)
    matched = [
        concept
        for concept in question.concepts
        if not any(concept is bad for bad, _ in reversed_)
        and any(
            (m := quiztext.find(text, phrase, vocabulary)) is not None and m.clause not in false_clauses
            for phrase in concept.phrases
        )
    ]
    points = min(question.max_score, sum(concept.points for concept in matched))
    points = max(0.0, points - quiz.scoring.false_claim * len({m.clause for m in false_claims}))
    return _Concepts(points, matched, reversed_, false_claims, text)


def _result(
    question: QuestionSpec,
    answer: Answer,
    score: float,
    matched: tuple[ConceptSpec, ...],
    reasons: tuple[str, ...],
    needs_review: bool,
) -> QuestionResult:
    return QuestionResult(
        id=question.id,
        score=score,
        max_score=question.max_score,
        needs_review=needs_review,
        answer=answer.text,
        concepts=tuple(concept.id for concept in matched),
        missing=tuple(concept.id for concept in question.concepts if concept not in matched),
        reasons=tuple(dict.fromkeys(reasons)),
        extraction=answer.method,
    )


def _half(score: float) -> float:
    """Scores in half points, as a TA gives them."""
    return float(round(score * 2) / 2)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _copies_question(words: list[str], question: QuestionSpec) -> bool:
    asked = set(_words(question.text))
    return len(words) >= 4 and sum(word in asked for word in words) / len(words) >= 0.8


def _is_buzzword_list(text: str, words: list[str], english: bool = True) -> bool:
    """Terms without sentences: bullet or comma lists of short items, almost no function words, and
    nothing that relates them ("Causes: low LR, bad init. Fix: LR sweep, He init" is an answer) — or
    the same terms run on with no separator at all (a blind attacker's 60-word keyword string scored
    22.5 of 30 where its comma-separated twin scored 11)."""
    if re.search(r"[:=→⇒]|->|\bbecause\b|\bso\b", text):
        return False
    items = [item for item in re.split(r"[\n,;•]|^\s*[-*]\s", text, flags=re.M) if item.strip()]
    short_items = len(items) >= 3 and sum(len(_words(item)) for item in items) / len(items) <= 3
    function_share = sum(word in quizsense.ENGLISH_FUNCTION_WORDS for word in words) / len(words)
    run_on = english and len(words) >= 15 and function_share < 0.08 and not re.search(r"[.!?]\s+\w", text)
    return (short_items and function_share < 0.15) or run_on
