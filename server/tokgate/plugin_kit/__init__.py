"""The kit for plugin authors: ``tokgate plugins new`` (scaffold), a harness that runs a
plugin through the real error pipeline, a readable ErrorDetail diff, the error corpus of real
failures (``corpus``), ``tokgate plugins check`` (``check``), and the pytest plugin
(``tokgate.plugin_kit.pytest_plugin``) that offers them as fixtures. See docs/plugins.md."""

from tokgate.plugin_kit.details import assert_detail, detail_diff
from tokgate.plugin_kit.harness import PluginHarness

__all__ = ["PluginHarness", "assert_detail", "detail_diff"]
