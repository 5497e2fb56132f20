"""Vendor the JSON schemas `make deploy-check` validates this base against, so kubeconform runs
offline (by default it downloads them).

They come from the PyPI package kubernetes-validate, which ships each Kubernetes version's
OpenAPI as JSON schemas whose references point into one shared 1.5 MB definitions file. This
keeps, for each kind the base uses, only the definitions it reaches, inlined under its own
``$defs``: one standalone file per kind, in kubeconform's layout. Rerun it after adding a kind
to the base, or to move to another Kubernetes version (and change KUBERNETES_VERSION in the
Makefile to match)::

    .venv/bin/python deploy/kubernetes/vendor_schemas.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

PACKAGE = "kubernetes-validate==1.37.0"
KUBERNETES_VERSION = "v1.34.0"
# kubeconform's file names ({{ .ResourceKind }}{{ .KindSuffix }}) of the kinds in the base.
KINDS = ("deployment-apps-v1", "service-v1", "secret-v1", "poddisruptionbudget-policy-v1")
SCHEMAS = Path(__file__).resolve().parent / "schemas" / f"{KUBERNETES_VERSION}-standalone-strict"
# A kind's references into the shared file, and the shared file's references into itself.
REF_PREFIXES = ("/api/_definitions.json#/$defs/", "#/$defs/")


def _local_refs(node: Any, reached: set[str]) -> Any:
    """``node`` with shared-file references made local, noting each definition named."""
    if isinstance(node, dict):
        result = {key: _local_refs(value, reached) for key, value in node.items()}
        ref = result.get("$ref")
        for prefix in REF_PREFIXES:
            if isinstance(ref, str) and ref.startswith(prefix):
                name = ref.removeprefix(prefix)
                reached.add(name)
                result["$ref"] = f"#/$defs/{name}"
                break
        return result
    if isinstance(node, list):
        return [_local_refs(item, reached) for item in node]
    return node


def standalone(kind_schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """``kind_schema`` with every definition it reaches, transitively, under ``$defs``."""
    pending: set[str] = set()
    schema: dict[str, Any] = _local_refs(kind_schema, pending)
    schema.pop("$id", None)  # its base URL is what made references point off the machine
    defs: dict[str, Any] = {}
    while pending:
        name = pending.pop()
        if name not in defs:
            defs[name] = _local_refs(definitions[name], pending)
    schema["$defs"] = dict(sorted(defs.items()))
    return schema


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", scratch, PACKAGE],
            check=True,
        )
        (wheel,) = Path(scratch).glob("*.whl")
        source = f"kubernetes_validate/kubernetes-json-schema/{KUBERNETES_VERSION}-local-strict"
        with zipfile.ZipFile(wheel) as archive:
            definitions = json.loads(archive.read(f"{source}/_definitions.json"))["$defs"]
            kinds = {kind: json.loads(archive.read(f"{source}/{kind}.json")) for kind in KINDS}
    SCHEMAS.mkdir(parents=True, exist_ok=True)
    for kind, schema in kinds.items():
        text = json.dumps(standalone(schema, definitions), indent=1, sort_keys=True)
        (SCHEMAS / f"{kind}.json").write_text(text + "\n")
        print(f"{SCHEMAS / kind}.json")


if __name__ == "__main__":
    main()
