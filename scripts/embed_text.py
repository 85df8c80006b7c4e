#!/usr/bin/env python3
"""Writes a C++ source defining one string constant with a text file's content, so small data files
(the price table) are compiled into the app and work in the offline page too.

usage: embed_text.py NAMESPACE NAME IN.txt OUT.cpp
"""
import pathlib
import sys


def main():
    namespace, name, source, out = sys.argv[1:5]
    text = pathlib.Path(source).read_text(encoding="utf-8")
    delimiter = "tbtext"
    if f"){delimiter}\"" in text:
        sys.exit(f"{source} contains the raw-string delimiter ){delimiter}\"")
    pathlib.Path(out).write_text(
        f"// Generated from {pathlib.Path(source).name} by scripts/embed_text.py: do not edit.\n"
        f"namespace {namespace} {{\nextern const char* const {name};\n"
        f"const char* const {name} = R\"{delimiter}({text}){delimiter}\";\n}}\n",
        encoding="utf-8")


if __name__ == "__main__":
    main()
