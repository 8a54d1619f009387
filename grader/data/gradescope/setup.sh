#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu), from
# /autograder/source, where the uploaded zip was unpacked (`grader gradescope-bundle` makes it).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q python3 python3-venv python3-pip bubblewrap
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet /autograder/source
# build matplotlib's font cache now, not during a student's grading
/autograder/venv/bin/python -c "import matplotlib.font_manager"
