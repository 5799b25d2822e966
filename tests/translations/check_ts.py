#!/usr/bin/env python3
"""Checks the studio's .ts files against the sources (ctest check_ts).

    check_ts.py LUPDATE SOURCES_LIST TS...

For each .ts file, lupdate runs on a copy with the sources the build
translates (SOURCES_LIST, one path per line, as the build writes it). The
check fails when the copy then has:
  - an unfinished entry: a source string the .ts does not translate yet
    (a new tr() string, or one whose English changed);
  - a vanished or obsolete entry: a translation whose source string is gone.
And, for every translation, when it does not keep its source's placeholders
(%1, %n, %L1), HTML tags, line breaks or its one & mnemonic.
Each failure names the file, the context and the source text."""

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

PLACEHOLDER = re.compile(r"%L?\d+|%n")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
MNEMONIC = re.compile(r"&(?!&)(?=\S)")


def text_of(element):
    return "" if element is None else "".join(element.itertext())


def mnemonics(text):
    # "&&" is a literal ampersand; an entity was already decoded by the parser.
    return len(MNEMONIC.findall(text.replace("&&", "")))


def looks_like_html(text):
    return bool(re.search(r"</?(b|i|br|p|small|a|h\d|ul|li|tt|code|table|tr|td)\b", text))


def check_messages(ts_path, root):
    problems = []
    for context in root.iter("context"):
        name = text_of(context.find("name"))
        for message in context.iter("message"):
            source = text_of(message.find("source"))
            translation = message.find("translation")
            where = f'{ts_path.name}: {name}: "{source[:70]}"'
            kind = translation.get("type") if translation is not None else "missing"
            if kind == "unfinished":
                problems.append(f"{where}: not translated (a new or changed source string)")
                continue
            if kind in ("vanished", "obsolete"):
                problems.append(f"{where}: {kind} (the sources no longer have it; remove it)")
                continue
            forms = [text_of(f) for f in translation.iter("numerusform")] or [text_of(translation)]
            for text in forms:
                if not text.strip():
                    problems.append(f"{where}: empty translation")
                    continue
                if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(text)) and not (
                        message.get("numerus") == "yes" and "%n" not in text):
                    problems.append(f"{where}: placeholders differ: {PLACEHOLDER.findall(text)}")
                if looks_like_html(source) and sorted(TAG.findall(source)) != sorted(TAG.findall(text)):
                    problems.append(f"{where}: HTML tags differ: {TAG.findall(text)}")
                if source.count("\n") != text.count("\n"):
                    problems.append(f"{where}: line breaks differ")
                if mnemonics(source) == 1 and mnemonics(text) != 1:
                    problems.append(f"{where}: needs exactly one & mnemonic, has {mnemonics(text)}")
    return problems


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    lupdate, sources_list, ts_files = sys.argv[1], Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts in ts_files:
            copy = Path(tmp) / ts.name
            shutil.copy(ts, copy)
            run = subprocess.run([lupdate, "-silent", "-locations", "none", f"@{sources_list}", "-ts", str(copy)],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                problems.append(f"{ts.name}: lupdate failed: {run.stderr.strip()[:500]}")
                continue
            try:
                root = ET.parse(copy).getroot()
            except ET.ParseError as error:
                problems.append(f"{ts.name}: not a .ts file: {error}")
                continue
            count = sum(1 for _ in root.iter("message"))
            found = check_messages(ts, root)
            problems += found
            print(f"{ts.name}: {count} strings, {len(found)} problems")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problems; after changing tr() strings run\n"
              "  cmake --build build/release --target update_translations\n"
              "and translate what it marks unfinished (docs/translating.md).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
