from grader.front.cli import entry

entry()
