"""Load stage for the quiz: ``quiz.yaml`` → the questions and the concept rubric of their answers.

Validated like the assignment rubric (unknown keys are errors, every problem with its YAML path and
line). A concept is worth points and lists the phrases that express it; see the comment at the top of
``rubrics/quiz.yaml`` for the phrase syntax, which :mod:`grader.quiz` implements.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.yamlsource import Problems, check_schema_version, join, kind, load_yaml


@dataclass(frozen=True, slots=True)
class ConceptSpec:
    id: str
    points: float
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    id: str
    text: str
    tag: str
    concepts: tuple[ConceptSpec, ...]

    @property
    def max_score(self) -> float:
        return sum(concept.points for concept in self.concepts)


@dataclass(frozen=True, slots=True)
class QuizScoring:
    """How answers are capped and when a human should look: fractions of a question's points."""

    min_words: int = 12
    too_short: float = 0.5
    buzzwords: float = 0.5
    copied_question: float = 0.0
    review_low: float = 0.35
    review_high: float = 0.65


@dataclass(frozen=True, slots=True)
class QuizSpec:
    title: str
    source: Path
    questions: tuple[QuestionSpec, ...]
    scoring: QuizScoring = QuizScoring()
    raw: bytes = b""  # the file's bytes, part of the rubric's fingerprint

    @property
    def max_score(self) -> float:
        return sum(question.max_score for question in self.questions)

    def question(self, question_id: str) -> QuestionSpec:
        return next(question for question in self.questions if question.id == question_id)


def load_quiz(source: Path | str) -> QuizSpec:
    """Read and validate a quiz file; raises :class:`~grader.errors.RubricError` listing every problem."""
    doc = load_yaml(Path(source))
    problems = Problems(doc)
    root = problems.mapping(doc.data, "", {"schema_version", "title", "questions"}, {"scoring"})
    check_schema_version(root.get("schema_version"), problems)
    problems.raise_if_any()
    questions = [
        _question(raw, join("questions", index), problems)
        for index, raw in enumerate(problems.sequence(root.get("questions"), "questions"))
    ]
    problems.unique([question.id for question in questions], "questions", "question")
    title = problems.text(root.get("title"), "title")
    scoring = _scoring(root.get("scoring"), problems)
    problems.raise_if_any()
    return QuizSpec(title=title, source=doc.source, questions=tuple(questions), scoring=scoring, raw=doc.raw)


def _question(value: Any, path: str, problems: Problems) -> QuestionSpec:
    item = problems.mapping(value, path, {"id", "text"}, {"tag", "concepts"})
    question_id = problems.text(item.get("id"), join(path, "id"))
    concepts = []
    for index, raw in enumerate(item.get("concepts") or []):
        concept_path = join(join(path, "concepts"), index)
        concept = problems.mapping(raw, concept_path, {"id", "points", "phrases"}, set())
        phrases = concept.get("phrases")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            problems.add(join(concept_path, "phrases"), f"must be a non-empty list of strings, got {kind(phrases)}")
            phrases = []
        concepts.append(
            ConceptSpec(
                id=problems.text(concept.get("id"), join(concept_path, "id")),
                points=problems.number(concept.get("points"), join(concept_path, "points"), 0.0),
                phrases=tuple(phrases),
            )
        )
    problems.unique([concept.id for concept in concepts], join(path, "concepts"), "concept")
    return QuestionSpec(
        id=question_id,
        text=problems.text(item.get("text"), join(path, "text")),
        tag=problems.text(item.get("tag"), join(path, "tag"), default=f"quiz:{question_id}"),
        concepts=tuple(concepts),
    )


def _scoring(value: Any, problems: Problems) -> QuizScoring:
    defaults = QuizScoring()
    if value is None:
        return defaults
    raw = problems.mapping(value, "scoring", set(), {"min_words", "caps", "review_band"})
    caps = problems.mapping(raw.get("caps", {}), "scoring.caps", set(), {"too_short", "buzzwords", "copied_question"})

    def fraction(name: str, default: float) -> float:
        number = problems.number(caps.get(name), join("scoring.caps", name), default)
        if number > 1:
            problems.add(join("scoring.caps", name), f"must be a fraction between 0 and 1, got {number:g}")
        return number

    band = raw.get("review_band", [defaults.review_low, defaults.review_high])
    if not (isinstance(band, list) and len(band) == 2 and all(isinstance(b, (int, float)) for b in band)):
        problems.add("scoring.review_band", f"must be two fractions [low, high], got {band!r}")
        band = [defaults.review_low, defaults.review_high]
    return QuizScoring(
        min_words=int(problems.number(raw.get("min_words"), "scoring.min_words", defaults.min_words)),
        too_short=fraction("too_short", defaults.too_short),
        buzzwords=fraction("buzzwords", defaults.buzzwords),
        copied_question=fraction("copied_question", defaults.copied_question),
        review_low=float(band[0]),
        review_high=float(band[1]),
    )
