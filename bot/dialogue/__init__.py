"""Dialogue extensions of our own (policies that need no training)."""
