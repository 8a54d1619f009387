"""How far the quiz's first score can be trusted, on answers a person scored before the grader did.

Reads one or more JSONL sets (``{"question": 1..5, "answer": ..., "human_score": ..., "language": ...}``,
the format of ``tests/quiz_calibration/answers.jsonl``), scores every answer with the bundled quiz
rubric, and prints what an instructor needs to decide how much to review:

- Pearson and Spearman agreement of the grader's score with the human's (all answers);
- the share of answers sent to review (the instructor's work);
- among the answers *not* sent to review, the share off by more than a quarter of the question
  (the errors nobody will look at), and how many of them are not in English (must be 0);
- the mean signed error (the grader's bias).

Usage: ``python tests/benchmarks/bench_quiz.py [SET.jsonl ...] [--quiz rubrics/quiz.yaml] [--worst N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from scipy import stats

from grader.load.quizrubric import load_quiz
from grader.quiz.grade import Answer, score_answer

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=[ROOT / "tests/quiz_calibration/answers.jsonl"])
    parser.add_argument("--quiz", type=Path, default=ROOT / "rubrics/quiz.yaml")
    parser.add_argument("--worst", type=int, default=0, help="print the N answers furthest from the human")
    args = parser.parse_args(argv)
    quiz = load_quiz(args.quiz)
    for path in args.sets:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        started = time.perf_counter()
        graded = []
        for row in rows:
            question = quiz.questions[int(row["question"]) - 1]
            result = score_answer(question, Answer(row["answer"], "tags"), quiz)
            graded.append((row, result, result.score / result.max_score * 6.0))
        seconds = time.perf_counter() - started
        human = [row["human_score"] for row, _, _ in graded]
        machine = [score for _, _, score in graded]
        reviewed = [result.needs_review for _, result, _ in graded]
        unreviewed = [(row, score) for (row, result, score) in graded if not result.needs_review]
        off = [(row, score) for row, score in unreviewed if abs(score - row["human_score"]) > 1.5]
        foreign = [row for row, _ in unreviewed if row.get("language", "en") != "en"]
        print(f"{path} ({len(rows)} answers, {seconds / len(rows) * 1000:.1f} ms each)")
        print(f"  pearson {stats.pearsonr(human, machine)[0]:.3f}  spearman {stats.spearmanr(human, machine)[0]:.3f}")
        print(f"  sent to review {sum(reviewed) / len(rows):.1%}")
        print(f"  unreviewed off by > 1/4: {len(off) / max(len(unreviewed), 1):.1%} ({len(off)} of {len(unreviewed)})")
        print(f"  unreviewed not in English: {len(foreign)}")
        bias = sum(m - h for h, m in zip(human, machine, strict=True)) / len(rows)
        print(f"  mean error (grader - human): {bias:+.2f} of 6")
        worst = sorted(graded, key=lambda item: -abs(item[2] - item[0]["human_score"]))[: args.worst]
        for row, result, score in worst:
            flag = "R" if result.needs_review else " "
            print(
                f"  {flag} {row.get('id', '?')} human {row['human_score']} grader {score:.1f} [{row.get('kind', '')}]"
            )
            print(f"      {row['answer'][:160]!r}")
            print(f"      concepts {', '.join(result.concepts) or '-'}; {'; '.join(result.reasons)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
