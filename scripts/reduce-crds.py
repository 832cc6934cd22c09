#!/usr/bin/env python3
"""Reduces upstream CustomResourceDefinitions to the parts schema validation needs.

Usage: reduce-crds.py LISTING OUT_DIR, where each LISTING line is module, version, path in the
module and local file, tab-separated. Writes OUT_DIR/<group>/<plural>.json per CRD and
OUT_DIR/index.json; called by refresh-crd-schemas.sh.
"""
import hashlib
import json
import os
import re
import sys

import yaml

# Keys that carry prose rather than structure; defaults and CEL rules stay, the validator applies them.
DROPPED = {"description", "example", "externalDocs"}
SCHEMA_MAPS = {"properties", "patternProperties", "definitions"}
SCHEMA_LISTS = {"allOf", "anyOf", "oneOf"}
SCHEMA_VALUES = {"additionalProperties", "items", "not", "additionalItems"}


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2's scalars: only true/false are booleans, "=" is a string."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:value")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def reduce_schema(node):
    if not isinstance(node, dict):
        return node
    reduced = {}
    for key, value in node.items():
        if key in DROPPED:
            continue
        if key in SCHEMA_MAPS and isinstance(value, dict):
            reduced[key] = {name: reduce_schema(child) for name, child in value.items()}
        elif key in SCHEMA_LISTS and isinstance(value, list):
            reduced[key] = [reduce_schema(child) for child in value]
        elif key in SCHEMA_VALUES:
            if isinstance(value, list):
                reduced[key] = [reduce_schema(child) for child in value]
            else:
                reduced[key] = reduce_schema(value)
        else:
            reduced[key] = value
    return reduced


def reduce_crd(crd):
    spec = crd["spec"]
    versions = []
    for version in spec["versions"]:
        schema = version.get("schema", {}).get("openAPIV3Schema")
        entry = {"name": version["name"], "served": version.get("served", True)}
        if schema is not None:
            entry["schema"] = {"openAPIV3Schema": reduce_schema(schema)}
        versions.append(entry)
    return {
        "apiVersion": crd["apiVersion"],
        "kind": crd["kind"],
        "metadata": {"name": crd["metadata"]["name"]},
        "spec": {
            "group": spec["group"],
            "names": {"kind": spec["names"]["kind"], "plural": spec["names"]["plural"]},
            "scope": spec["scope"],
            "versions": versions,
        },
    }


def copy_licence(module_root, module, version, out_dir):
    """Copies the module's licence text beside the schemas derived from it; returns its file."""
    for name in ("LICENSE", "LICENSE.md", "LICENSE.txt"):
        source = os.path.join(module_root, name)
        if os.path.isfile(source):
            file = "licences/" + module.replace("/", "_") + "@" + version + ".txt"
            os.makedirs(os.path.join(out_dir, "licences"), exist_ok=True)
            with open(source, "rb") as src, open(os.path.join(out_dir, file), "wb") as dst:
                dst.write(src.read())
            return file
    sys.exit(f"{module}@{version} has no LICENSE file")


def main(listing, out_dir):
    kinds, sources = [], []
    with open(listing, encoding="utf-8") as lines:
        rows = [line.rstrip("\n").split("\t") for line in lines if line.strip()]
    licences = {}
    for module, version, path, local in rows:
        with open(local, "rb") as handle:
            raw = handle.read()
        if module not in licences:
            licences[module] = copy_licence(local[: -len(path)], module, version, out_dir)
        sources.append(
            {"module": module, "version": version, "path": path,
             "sha256": hashlib.sha256(raw).hexdigest(), "licence": licences[module]})
        for document in yaml.load_all(raw, Loader=Yaml12Loader):
            if not document or document.get("kind") != "CustomResourceDefinition":
                continue
            crd = reduce_crd(document)
            spec = crd["spec"]
            file = f'{spec["group"]}/{spec["names"]["plural"]}.json'
            os.makedirs(os.path.join(out_dir, spec["group"]), exist_ok=True)
            with open(os.path.join(out_dir, file), "w", encoding="utf-8") as handle:
                json.dump(crd, handle, sort_keys=True, separators=(",", ":"))
                handle.write("\n")
            for entry in spec["versions"]:
                if entry["served"] and "schema" in entry:
                    kinds.append(
                        {"group": spec["group"], "version": entry["name"],
                         "kind": spec["names"]["kind"],
                         "namespaced": spec["scope"] == "Namespaced",
                         "file": file, "source": f"{module}@{version}"})
    kinds.sort(key=lambda k: (k["group"], k["kind"], k["version"]))
    sources.sort(key=lambda s: (s["module"], s["path"]))
    with open(os.path.join(out_dir, "index.json"), "w", encoding="utf-8") as handle:
        json.dump({"kinds": kinds, "sources": sources}, handle, indent=1, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
