"""Blended-Impact-Selbstcheck.

Kept empty on purpose: importing ``selfcheck.engine`` must not pull in Flask.
"""

__version__ = "0.1.0"
