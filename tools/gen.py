#!/usr/bin/env python3
"""gen.py - turn the language data in data/ into C tables in src/core/tables.

Every module in tools/tables/ defines outputs(root) -> {relative path: text}.
  tools/gen.py           write every table
  tools/gen.py --check   compare instead of writing; exit 1 if a committed
                         table differs from what data/ gives
"""
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = os.path.join(ROOT, "tools", "tables")


def modules():
    for name in sorted(os.listdir(TABLES)):
        if not name.endswith(".py") or name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(
            "marsad_table_" + name[:-3], os.path.join(TABLES, name))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        yield name, mod


def main(argv):
    check = "--check" in argv
    bad = 0
    count = 0
    sys.path.insert(0, TABLES)
    for name, mod in modules():
        for rel, text in mod.outputs(ROOT).items():
            count += 1
            path = os.path.join(ROOT, rel)
            old = None
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    old = f.read()
            if check:
                if old != text:
                    print(f"gen: {rel} is out of date with data/ "
                          f"(from tools/tables/{name}); run tools/gen.py",
                          file=sys.stderr)
                    bad += 1
            elif old != text:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                print(f"gen: wrote {rel}")
    if check:
        print(f"gen --check: {count} tables, {bad} out of date")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
