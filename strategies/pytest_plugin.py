"""pytest plugin (``pytest11`` entry point): fixtures for ARM payloads.

Loaded by pytest in every environment where armvalidate is installed, so it must import
cleanly even without the ``strategies`` extra (hypothesis, faker).
"""
