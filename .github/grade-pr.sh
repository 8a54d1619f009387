#!/usr/bin/env bash
# Grades the notebooks a pull request adds or changes, with the grader and rubrics of the BASE branch.
# Called by .github/workflows/grade-pr.yml from the base branch's checkout, so a pull request cannot
# change this script, the grader, the rubrics or the reference it is graded with. A pull request that
# edits them anyway is flagged: those edits do not count for its grade.
#
# Environment: BASE_SHA, HEAD_SHA (the commits to compare), PR_DIR (checkout of the pull request),
# GRADER (the base branch's grader command), OUT (output folder), PASS_MARK (optional --fail-under).
set -euo pipefail
: "${BASE_SHA:?}" "${HEAD_SHA:?}" "${PR_DIR:?}" "${GRADER:?}"
OUT="$(realpath -m "${OUT:-grader-out}")"
mkdir -p "$OUT"

changed="$(git -C "$PR_DIR" diff --name-only --diff-filter=AMR "$BASE_SHA" "$HEAD_SHA")"
protected="$(printf '%s\n' "$changed" | grep -E '^(rubrics|reference|grader|\.github)/' || true)"
if [ -n "$protected" ]; then
  # paths come from the pull request: escape them before they go into a workflow command
  list="$(printf '%s' "$protected" | tr '\n' ' ' | sed -e 's/%/%25/g')"
  echo "::warning title=Grading files changed::This pull request changes ${list}- it is graded with the base branch's grader and rubrics; these changes do not count."
  printf '> **Flagged:** this pull request changes the grader, rubrics or reference; it was graded with the base branch'"'"'s.\n\n' >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
  touch "$OUT/flagged"
fi

mapfile -t notebooks < <(printf '%s\n' "$changed" | grep -E '\.ipynb$' | grep -vE '(^|/)\.ipynb_checkpoints/' || true)
if [ ${#notebooks[@]} -eq 0 ]; then
  echo "No notebooks changed in this pull request; nothing to grade."
  exit 0
fi
paths=()
for notebook in "${notebooks[@]}"; do paths+=("$PR_DIR/$notebook"); done

args=(grade "${paths[@]}" --out "$OUT" --junit "$OUT/junit.xml" --no-cache)
if [ -n "${PASS_MARK:-}" ]; then args+=(--fail-under "$PASS_MARK"); fi
"$GRADER" "${args[@]}"
