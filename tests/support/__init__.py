"""Helpers shared by the tests: form clients, user flows, rule-set builders, PDF and browser checks."""
