"""The `target` server setting: the stage `docker build --target` builds, for the size rules."""

from dockwise.config import Config
from dockwise.lsp.settings import Settings, parse_settings


def test_target_setting_is_validated_and_applied():
    settings, problems = parse_settings({"target": " Runtime "})
    assert problems == [] and settings.target == "runtime"
    cfg = settings.apply(Config())
    assert cfg.settings.target == "runtime"
    kept, problems = parse_settings({"target": 3}, settings)
    assert kept.target == "runtime" and problems == ["dockwise.target: expected a stage name"]
    assert Settings().apply(Config()).settings.target is None
