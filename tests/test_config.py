"""Configuration layering: defaults < file < environment < flags; the stored configuration read back."""

import dataclasses
import re
from pathlib import Path

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


def test_unknown_report_format_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown report format"):
        load_config(overrides={"run": {"formats": "json,pdf"}}, environ={})


def test_stored_configuration_reads_back():
    cfg = load_config(overrides={"cluster": {"threshold": 0.42, "conflict_years": 0.9}, "brief": {"min_words": 4}},
                      environ={})
    assert Config.from_dict(cfg.to_dict()) == cfg
    stored = cfg.to_dict()
    stored["run"]["engine"] = "local"  # a setting an older wirecheck had
    del stored["cluster"]["merge_check_share"]  # a setting an older wirecheck did not have yet
    back = Config.from_dict(stored)
    assert back.cluster.threshold == 0.42 and back.cluster.merge_check_share == Config().cluster.merge_check_share


def test_every_setting_is_read_somewhere():
    """A setting nothing reads is a promise the code does not keep."""
    src = Path(__file__).resolve().parents[1] / "src" / "wirecheck"
    code = "\n".join(p.read_text(encoding="utf-8") for p in src.rglob("*.py") if p.name != "config.py")
    unread = [f"{section.name}.{setting.name}" for section in dataclasses.fields(Config)
              for setting in dataclasses.fields(section.type if isinstance(section.type, type)
                                                else type(getattr(Config(), section.name)))
              if not re.search(rf"\.{setting.name}\b", code)]
    assert unread == []
