"""Payload rules (placeholder)."""
