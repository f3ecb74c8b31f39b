"""The performance benchmark of armvalidate (``python benchmarks/bench.py``); not installed."""
