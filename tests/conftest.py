"""Shared fixtures: the models load once per test session."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def nlp():
    """One :class:`wirecheck.nlp.NLP` (spaCy + MiniLM) shared by every test."""
    from wirecheck.nlp import NLP

    return NLP()
