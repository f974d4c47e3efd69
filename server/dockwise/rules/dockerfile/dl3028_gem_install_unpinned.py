from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import packages_after, unpinned_message

VALUE_FLAGS = ("-i", "--install-dir", "-n", "--bindir", "--source", "-s", "-P", "--trust-policy",
               "--platform", "--build-root", "--document")


class GemInstallUnpinned(Rule):
    """`gem install` installs gems without pinned versions.

    ## What it does
    Flags `gem install` naming a gem without a version (`rails` rather than `rails:7.1.3`),
    unless `-v`/`--version` gives one. Gems given by a variable are not flagged, nor the
    build options after `--` (`gem install nokogiri:1.16.0 -- --use-system-libraries true`).
    Off by default.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned gem changes a builder's output
    too.

    ## Why is this bad?
    Without a version the newest release is installed on the day of the build, so rebuilding
    the same Dockerfile may produce a different image.

    ## Example
    ```dockerfile
    RUN gem install bundler
    ```

    Use instead:
    ```dockerfile
    RUN gem install bundler:2.5.6
    # or
    RUN gem install bundler -v 2.5.6
    ```

    ## References
    - hadolint DL3028
    """

    code = "DL3028"
    inputs = Inputs(keywords={"RUN"}, programs={"gem"}, scope=Scope.STAGE)
    name = "gem-install-unpinned"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `gem install` (`gem:version` or `-v version`): {packages}"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        if cmd.has_flag("-v", "--version"):
            return
        pkgs = packages_after(cmd, ("install", "i"), VALUE_FLAGS)
        if not pkgs:
            return
        ends = [i for i, w in enumerate(pkgs) if w.value == "--"]
        if ends:  # what follows `--` are build options for the gems' native extensions
            pkgs = pkgs[:ends[0]]
        loose = [w for w in pkgs if ":" not in w.value]
        if loose:
            yield self.report(cmd.start, cmd.end, unpinned_message(self.message, loose))
