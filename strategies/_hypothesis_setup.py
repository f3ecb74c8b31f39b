"""Hypothesis entry point: registers strategies for the payload models with ``st.from_type``."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Called by Hypothesis when it is imported; registers nothing until the models exist."""
