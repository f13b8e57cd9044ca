"""Configuration layering: defaults < file < environment < flags."""

import pytest

from wirecheck.config import Config, ConfigError, load_config


def test_defaults_when_nothing_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = load_config(environ={})
    assert cfg == Config()


def test_layers_override_in_order(tmp_path):
    path = tmp_path / "wc.toml"
    path.write_text('[run]\ndb = "file.db"\nout = "file-out"\n[cluster]\nthreshold = 0.3\n')
    env = {"WIRECHECK_RUN__OUT": "env-out", "WIRECHECK_CLUSTER__THRESHOLD": "0.4"}
    cfg = load_config(path, overrides={"cluster": {"threshold": 0.5}, "run": {"db": None}}, environ=env)
    assert cfg.run.db == "file.db"          # file beats default, flag not given
    assert cfg.run.out == "env-out"         # environment beats file
    assert cfg.cluster.threshold == 0.5     # flag beats environment


def test_lists_from_comma_text():
    cfg = load_config(overrides={"run": {"formats": "json,md"}}, environ={})
    assert cfg.run.formats == ["json", "md"]


@pytest.mark.parametrize("layer", [{"cluster": {"threshold": "high"}}, {"nope": {"x": 1}}, {"run": {"nope": 1}}])
def test_bad_values_are_clear_errors(layer):
    with pytest.raises(ConfigError):
        load_config(overrides=layer, environ={})


def test_bad_toml_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[run\n")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(path, environ={})
