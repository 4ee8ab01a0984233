"""Benchmarks of quality.md, each runnable as ``python -m bench.<name>``, each against a baseline
measured in the same run."""
