"""Load stage for the quiz: ``quiz.yaml`` → the questions and the concept rubric of their answers.

Validated like the assignment rubric (unknown keys are errors, every problem with its YAML path and
line). A concept is worth points and lists the phrases that express it; see the comment at the top of
``rubrics/quiz.yaml`` for the phrase syntax, which :mod:`grader.quiz.grade` implements.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.load.yamlsource import Problems, check_schema_version, join, kind, load_yaml


@dataclass(frozen=True, slots=True)
class ConceptSpec:
    id: str
    points: float
    phrases: tuple[str, ...]
    #: Phrases that state the opposite (a reversed relation): the concept earns nothing, a human looks.
    contradicts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Exemplar:
    score: float  # out of the question's points
    text: str


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    id: str
    text: str
    tag: str
    concepts: tuple[ConceptSpec, ...]
    #: Misconceptions stated with the right words: each costs ``scoring.false_claim`` points.
    false_claims: tuple[str, ...] = ()
    #: Whole answers at known scores: the embedding model's reference for this question.
    exemplars: tuple[Exemplar, ...] = ()
    #: Caps of this question that differ from ``scoring.caps`` (Q5 asks for a list: lists cap higher).
    caps: tuple[tuple[str, float], ...] = ()
    #: The question's worth when its concepts offer more (any three of six remedies earn full marks).
    points: float | None = None

    @property
    def max_score(self) -> float:
        return self.points if self.points is not None else sum(concept.points for concept in self.concepts)

    def cap(self, name: str, scoring: QuizScoring) -> float:
        return float(dict(self.caps).get(name, getattr(scoring, name)))


@dataclass(frozen=True, slots=True)
class QuizScoring:
    """How answers are capped and when a human should look: fractions of a question's points."""

    buzzwords: float = 0.34
    copied_question: float = 0.0
    false_claim: float = 1.0  # points each false claim costs
    #: Where the embedding model's estimate and the concept score differ by more than this fraction
    #: of the question, the answer goes to review.
    disagreement: float = 0.34
    #: How much of the first score is the embedding model's estimate (the rest: the concepts found).
    semantic_weight: float = 0.25


@dataclass(frozen=True, slots=True)
class QuizSpec:
    title: str
    source: Path
    questions: tuple[QuestionSpec, ...]
    scoring: QuizScoring = QuizScoring()
    notation: tuple[tuple[str, tuple[str, ...]], ...] = ()
    opposites: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    raw: bytes = b""  # the file's bytes, part of the rubric's fingerprint

    @property
    def max_score(self) -> float:
        return sum(question.max_score for question in self.questions)

    def question(self, question_id: str) -> QuestionSpec:
        return next(question for question in self.questions if question.id == question_id)


_CAPS = ("buzzwords", "copied_question")


def load_quiz(source: Path | str) -> QuizSpec:
    """Read and validate a quiz file; raises :class:`~grader.errors.RubricError` listing every problem."""
    doc = load_yaml(Path(source))
    problems = Problems(doc)
    root = problems.mapping(
        doc.data, "", {"schema_version", "title", "questions"}, {"scoring", "notation", "opposites"}
    )
    check_schema_version(root.get("schema_version"), problems)
    problems.raise_if_any()
    questions = [
        _question(raw, join("questions", index), problems)
        for index, raw in enumerate(problems.sequence(root.get("questions"), "questions"))
    ]
    problems.unique([question.id for question in questions], "questions", "question")
    title = problems.text(root.get("title"), "title")
    scoring = _scoring(root.get("scoring"), problems)
    notation = _notation(root.get("notation"), problems)
    opposites = _opposites(root.get("opposites"), problems)
    problems.raise_if_any()
    return QuizSpec(
        title=title,
        source=doc.source,
        questions=tuple(questions),
        scoring=scoring,
        notation=notation,
        opposites=opposites,
        raw=doc.raw,
    )


def _strings(value: Any, path: str, problems: Problems, required: bool = True) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(p, str) and p.strip() for p in value):
        problems.add(path, f"must be a non-empty list of strings, got {kind(value)}")
        return ()
    return tuple(value)


def _question(value: Any, path: str, problems: Problems) -> QuestionSpec:
    item = problems.mapping(
        value, path, {"id", "text"}, {"tag", "concepts", "false_claims", "exemplars", "caps", "points"}
    )
    question_id = problems.text(item.get("id"), join(path, "id"))
    concepts = []
    for index, raw in enumerate(item.get("concepts") or []):
        concept_path = join(join(path, "concepts"), index)
        concept = problems.mapping(raw, concept_path, {"id", "points", "phrases"}, {"contradicts"})
        concepts.append(
            ConceptSpec(
                id=problems.text(concept.get("id"), join(concept_path, "id")),
                points=problems.number(concept.get("points"), join(concept_path, "points"), 0.0),
                phrases=_strings(concept.get("phrases"), join(concept_path, "phrases"), problems),
                contradicts=_strings(concept.get("contradicts"), join(concept_path, "contradicts"), problems, False),
            )
        )
    problems.unique([concept.id for concept in concepts], join(path, "concepts"), "concept")
    points = None if item.get("points") is None else problems.number(item.get("points"), join(path, "points"), 0.0)
    full = points if points is not None else sum(concept.points for concept in concepts)
    if points is not None and points > sum(concept.points for concept in concepts):
        problems.add(join(path, "points"), f"its concepts offer only {sum(c.points for c in concepts):g} of {points:g}")
    exemplars = []
    for index, raw in enumerate(item.get("exemplars") or []):
        exemplar_path = join(join(path, "exemplars"), index)
        exemplar = problems.mapping(raw, exemplar_path, {"score", "text"}, set())
        score = problems.number(exemplar.get("score"), join(exemplar_path, "score"), 0.0)
        if score > full:
            problems.add(join(exemplar_path, "score"), f"must be at most the question's {full:g} points, got {score:g}")
        exemplars.append(Exemplar(score=score, text=problems.text(exemplar.get("text"), join(exemplar_path, "text"))))
    caps = problems.mapping(item.get("caps") or {}, join(path, "caps"), set(), set(_CAPS))
    return QuestionSpec(
        id=question_id,
        text=problems.text(item.get("text"), join(path, "text")),
        tag=problems.text(item.get("tag"), join(path, "tag"), default=f"quiz:{question_id}"),
        concepts=tuple(concepts),
        false_claims=_strings(item.get("false_claims"), join(path, "false_claims"), problems, False),
        exemplars=tuple(exemplars),
        caps=tuple((name, _fraction(caps.get(name), join(join(path, "caps"), name), problems, 0.0)) for name in caps),
        points=points,
    )


def _fraction(value: Any, path: str, problems: Problems, default: float) -> float:
    number = problems.number(value, path, default)
    if number > 1:
        problems.add(path, f"must be a fraction between 0 and 1, got {number:g}")
    return number


def _scoring(value: Any, problems: Problems) -> QuizScoring:
    defaults = QuizScoring()
    if value is None:
        return defaults
    raw = problems.mapping(value, "scoring", set(), {"caps", "false_claim", "disagreement", "semantic_weight"})
    caps = problems.mapping(raw.get("caps", {}), "scoring.caps", set(), set(_CAPS))
    return QuizScoring(
        buzzwords=_fraction(caps.get("buzzwords"), "scoring.caps.buzzwords", problems, defaults.buzzwords),
        copied_question=_fraction(
            caps.get("copied_question"), "scoring.caps.copied_question", problems, defaults.copied_question
        ),
        false_claim=problems.number(raw.get("false_claim"), "scoring.false_claim", defaults.false_claim),
        disagreement=_fraction(raw.get("disagreement"), "scoring.disagreement", problems, defaults.disagreement),
        semantic_weight=_fraction(
            raw.get("semantic_weight"), "scoring.semantic_weight", problems, defaults.semantic_weight
        ),
    )


def _notation(value: Any, problems: Problems) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if value is None:
        return ()
    raw = problems.mapping(value, "notation", set(), set(value) if isinstance(value, dict) else set())
    return tuple((str(term), _strings(forms, join("notation", str(term)), problems)) for term, forms in raw.items())


def _opposites(value: Any, problems: Problems) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    if value is None:
        return ()
    pairs = []
    for index, pair in enumerate(problems.sequence(value, "opposites")):
        path = join("opposites", index)
        if not (isinstance(pair, list) and len(pair) == 2):
            problems.add(path, f"must be two lists of words [[small, low], [large, high]], got {kind(pair)}")
            continue
        pairs.append((_strings(pair[0], join(path, 0), problems), _strings(pair[1], join(path, 1), problems)))
    return tuple(pairs)
