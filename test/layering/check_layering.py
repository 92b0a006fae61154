#!/usr/bin/env python3
"""Checks who may include whom (docs/layering.md): every #include of every
source file under the layered folders against the rules below. Exits 1 and
lists each violation as FILE:LINE: rule; prints a summary otherwise.

Usage: check_layering.py SOURCE_ROOT | --self-test
"""
import os
import re
import sys

# Project folders a folder's files may include (quoted "folder/..." includes).
# A codegen target folder may include itself, codegen/common and
# codegen/Target.h, never another target's folder.
ALLOWED = {
    "abi": {"abi"},
    "runtime": {"abi", "runtime"},
    "ir": {"abi", "ir"},
    "passes": {"abi", "ir", "passes"},
    "frontend": {"abi", "ir", "frontend"},
    "codegen": {"abi", "ir", "passes", "codegen"},
}
PROJECT_FOLDERS = {"abi", "runtime", "ir", "passes", "frontend", "codegen", "tools",
                   "bench", "test"}
# Libraries the runtime and the contract never include.
COMPILER_LIBRARIES = ("mlir/", "llvm/", "mlir-c/", "llvm-c/")
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc", ".inc", ".cu")

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def codegen_folder(path):
    """codegen/<folder> of a file in codegen ('' for codegen/*.h|cpp)."""
    parts = path.split("/")
    return parts[1] if len(parts) > 2 else ""


def violations_of(rel, text):
    top = rel.split("/")[0]
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        kind, target = m.groups()
        where = f"{rel}:{number}"
        head = target.split("/")[0]
        if top == "abi":
            if kind == "<" and ("/" in target or target.endswith(".h")):
                out.append(f"{where}: abi/ includes only the C++ standard library and abi/, "
                           f"not <{target}>")
            if kind == '"' and head != "abi":
                out.append(f"{where}: abi/ includes only abi/, not \"{target}\"")
            continue
        if top == "runtime" and target.startswith(COMPILER_LIBRARIES):
            out.append(f"{where}: the runtime never includes MLIR or LLVM ({target})")
            continue
        if kind != '"' or head not in PROJECT_FOLDERS:
            continue
        if head not in ALLOWED[top]:
            out.append(f"{where}: {top}/ may not include {head}/ (\"{target}\")")
            continue
        if top == "codegen" and head == "codegen":
            mine, theirs = codegen_folder(rel), codegen_folder(target)
            if mine == "common" and theirs not in ("", "common"):
                out.append(f"{where}: codegen/common/ includes a target's folder "
                           f"codegen/{theirs}/")
            elif theirs not in ("", "common", mine):
                out.append(f"{where}: target folder codegen/{mine}/ includes another "
                           f"target's folder codegen/{theirs}/")
    return out


def self_test():
    """The checker finds what it must (so a passing run means something)."""
    cases = {
        ("runtime/exec/X.cpp", '#include "mlir/IR/Builders.h"'): 1,
        ("runtime/exec/X.cpp", '#include <llvm/ADT/StringRef.h>'): 1,
        ("runtime/exec/X.cpp", '#include "passes/Passes.h"'): 1,
        ("runtime/exec/X.cpp", '#include "abi/Philox.h"\n#include "absl/status/status.h"'): 0,
        ("abi/X.h", '#include <nlohmann/json.hpp>'): 1,
        ("abi/X.h", '#include "runtime/bundle/Manifest.h"'): 1,
        ("abi/X.h", '#include <cstdint>\n#include "abi/Philox.h"'): 0,
        ("codegen/cpu/X.cpp", '#include "codegen/cuda/Y.h"'): 1,
        ("codegen/cpu/X.cpp", '#include "runtime/bundle/Manifest.h"'): 1,
        ("codegen/cpu/X.cpp", '#include "codegen/common/BufferPlan.h"\n#include "codegen/Target.h"'): 0,
        ("codegen/common/X.cpp", '#include "codegen/cpu/CpuPipeline.h"'): 1,
        ("ir/X.cpp", '#include "passes/Passes.h"'): 1,
        ("passes/X.cpp", '#include "codegen/Target.h"'): 1,
    }
    failed = 0
    for (rel, text), expected in cases.items():
        got = len(violations_of(rel, text))
        if got != expected:
            print(f"self-test: {rel} with {text!r}: {got} violations, expected {expected}")
            failed += 1
    print(f"layering self-test: {len(cases) - failed}/{len(cases)} cases right")
    return 1 if failed else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    checked, problems = 0, []
    for top in ALLOWED:
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith(SOURCE_SUFFIXES):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8", errors="replace") as f:
                    problems += violations_of(rel, f.read())
                checked += 1
    if problems:
        print("\n".join(problems))
        print(f"layering: {len(problems)} violations in {checked} files (docs/layering.md)")
        return 1
    print(f"layering: {checked} files of {', '.join(sorted(ALLOWED))} follow docs/layering.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
