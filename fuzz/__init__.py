"""Coverage-guided fuzzing (atheris) of the readers and the signals; see fuzz/run.py."""
