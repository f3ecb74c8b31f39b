"""Hypothesis strategies and fixture builders for ARM customer payloads (the test-data half of
armvalidate). Requires the ``strategies`` extra: ``pip install 'armvalidate[strategies]'``.
"""

__all__: list[str] = []
