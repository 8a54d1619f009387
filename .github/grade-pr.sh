#!/usr/bin/env bash
# Grades the notebooks a pull request adds or changes, with the grader and rubrics of the BASE branch.
# Called by .github/workflows/grade-pr.yml from the base branch's checkout, so a pull request cannot
# change this script, the grader, the rubrics or the reference it is graded with. A pull request that
# edits them anyway is flagged: those edits do not count for its grade.
#
# Environment: BASE_SHA, HEAD_SHA (the commits to compare), PR_DIR (checkout of the pull request, with
# history), GRADER (the base branch's grader command), OUT (the folder the workflow publishes), PASS_MARK
# (optional --fail-under), SANDBOX (default bwrap: student code never runs unsandboxed here; the job
# fails instead); from the runner: RUNNER_TEMP, GITHUB_STEP_SUMMARY.
#
# What OUT holds is published: an artifact of a pull_request_target run can be downloaded by anyone who
# can read the repository, the pull request's author included. So OUT gets only what the student may
# read — the step summary (summary.md: scores over the public checks, no hidden verdict, no expected
# value a check hides) and the `flagged` mark. The grader's own outputs (reports, JUnit, gradebook,
# dashboard, feedback with every check) hold hidden checks and their expected values: they are written
# to $RUNNER_TEMP/grader-private, which is never uploaded and is emptied after the job.
set -euo pipefail
: "${BASE_SHA:?}" "${HEAD_SHA:?}" "${PR_DIR:?}" "${GRADER:?}"
OUT="$(realpath -m "${OUT:-grader-out}")"
PRIVATE="$(realpath -m "${RUNNER_TEMP:-$(mktemp -d)}/grader-private")"
case "$GRADER" in */*) GRADER="$(realpath "$GRADER")" ;; esac  # the grading below runs in another folder
mkdir -p "$OUT" "$PRIVATE"
# everything for the step summary is written here first, then shown in the job's summary as well
summary="$OUT/summary.md"
: > "$summary"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"; cat "$summary" >> "${GITHUB_STEP_SUMMARY:-/dev/null}"' EXIT

# What the pull request changed since it branched (git diff A...B): not what the base branch changed
# since, such as an instructor's later edit of the rubric. NUL-separated, so that git neither quotes
# nor escapes a name with spaces or non-ASCII letters.
changed=()
while IFS= read -r -d '' path; do changed+=("$path"); done \
  < <(git -C "$PR_DIR" diff -z --no-renames --name-only --diff-filter=AM "$BASE_SHA...$HEAD_SHA")

protected=()
for path in "${changed[@]}"; do
  case "$path" in rubrics/* | reference/* | grader/* | .github/*) protected+=("$path") ;; esac
done
if [ ${#protected[@]} -gt 0 ]; then
  # paths come from the pull request: escape them before they go into a workflow command
  list="$(printf '%s ' "${protected[@]}" | sed -e 's/%/%25/g' | tr -d '\r\n')"
  echo "::warning title=Grading files changed::This pull request changes ${list}- it is graded with the base branch's grader and rubrics; these changes do not count."
  printf '> **Flagged:** this pull request changes the grader, rubrics or reference; it was graded with the base branch'"'"'s.\n\n' >> "$summary"
  touch "$OUT/flagged"
fi

# The changed notebooks, copied to the same relative paths in a folder of their own: graded there,
# each submission's id is its path in the repository (students/ana/hw, students/ben/hw: two ids, not
# one "hw" twice), and so is the file of each annotation. Only regular files: a symbolic link in the
# pull request could point anywhere on the runner.
count=0
for path in "${changed[@]}"; do
  case "$path" in *.ipynb) ;; *) continue ;; esac
  case "/$path" in */.ipynb_checkpoints/*) continue ;; esac
  if [ -L "$PR_DIR/$path" ] || [ ! -f "$PR_DIR/$path" ]; then continue; fi
  mkdir -p "$stage/$(dirname -- "$path")"
  cp -- "$PR_DIR/$path" "$stage/$path"
  count=$((count + 1))
done
if [ "$count" -eq 0 ]; then
  echo "No notebooks changed in this pull request; nothing to grade."
  exit 0
fi

args=(grade . --out "$PRIVATE" --junit "$PRIVATE/junit.xml" --no-cache --sandbox "${SANDBOX:-bwrap}")
if [ -n "${PASS_MARK:-}" ]; then args+=(--fail-under "$PASS_MARK"); fi
cd "$stage"
GITHUB_STEP_SUMMARY="$summary" "$GRADER" "${args[@]}"
