"""MkDocs hooks (``hooks:`` in mkdocs.yml): generated parts of the documentation.

``docs/rules.md`` holds the marker ``<!-- rules:generated -->``; the rule reference is put in
its place from the catalog and the example table every time the site is built
(``tools/rule_docs.py``), so it is never kept by hand and never out of date.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any


def _rule_docs() -> Any:
    module = sys.modules.get("rule_docs")
    if module is None:
        path = Path(__file__).resolve().parent / "rule_docs.py"
        spec = importlib.util.spec_from_file_location("rule_docs", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["rule_docs"] = module
        spec.loader.exec_module(module)
    return module


def on_page_markdown(markdown: str, *, page: Any, **kwargs: Any) -> str:
    if page.file.src_uri == "rules.md":
        return str(_rule_docs().expand(markdown))
    return markdown
