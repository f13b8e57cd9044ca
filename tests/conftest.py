"""Shared fixtures: the models load once per test session."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


# Fixtures that load the spaCy and MiniLM models, directly or by running the whole pipeline.
MODEL_FIXTURES = {"nlp", "cli_run", "stdin_run"}
HEAVY = ("torch", "spacy", "sentence_transformers")


def pytest_configure(config):
    """In the fast tier (``-m "not model"``, the default), a model library is not importable at all.

    A test that needs a model but is not marked then fails at once with an ImportError, instead of
    silently making the fast tier slow.
    """
    if config.option.markexpr.strip() == "not model":
        for name in HEAVY:
            sys.modules.setdefault(name, None)  # None in sys.modules makes `import name` raise


def pytest_collection_modifyitems(config, items):
    """Mark every test that uses a model fixture as ``model``.

    ``pytest`` alone runs the fast model-free tier; ``make test`` (and CI) runs both tiers.
    """
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def nlp():
    """One :class:`wirecheck.nlp.NLP` (spaCy + MiniLM) shared by every test."""
    from wirecheck.nlp import NLP

    return NLP()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse one text as a run does before the claim stage: spaCy, then the MiniLM token states."""
    return lambda text: nlp.parse([text], states=True)[0]


@pytest.fixture(scope="session")
def sample_dir():
    """The bundled sample corpus folder."""
    from wirecheck.sample import corpus_dir

    return corpus_dir()


@pytest.fixture(scope="session")
def sample_run(nlp, sample_dir, tmp_path_factory):
    """The sample corpus run once through the whole pipeline: (config, result, report)."""
    from wirecheck.config import load_config
    from wirecheck.pipeline import Runner
    from wirecheck.report.contract import build_report
    from wirecheck.store import Store

    tmp = tmp_path_factory.mktemp("sample-run")
    cfg = load_config(overrides={"run": {"db": str(tmp / "w.db"), "out": str(tmp / "out")}}, environ={})
    with Store(cfg.run.db) as store:
        result = Runner(cfg, store, nlp=nlp).run([str(sample_dir)])
        report = build_report(store, run_id=result.run_id)
    return cfg, result, report


@pytest.fixture(scope="session")
def attribution_models():
    """The learned attribution layers shipped in the package, loaded once as a runner does."""
    from wirecheck.claims.attribution import load_attribution_models

    return load_attribution_models()
