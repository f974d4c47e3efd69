"""docs/writing-rules.md shows a complete rule: it must stay the rule the package ships."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_complete_example_is_the_shipped_module():
    doc = (ROOT / "docs" / "writing-rules.md").read_text()
    example = doc.split("## A complete rule\n\n```python\n", 1)[1].split("\n```\n", 1)[0]
    module = (ROOT / "server/dockwise/rules/dockerfile/dl3019_apk_add_without_no_cache.py").read_text()
    # the docs leave out the References section only
    module = module.replace("\n    ## References\n    - hadolint DL3019\n", "")
    assert example.strip() == module.strip()
