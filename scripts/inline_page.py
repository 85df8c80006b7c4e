#!/usr/bin/env python3
"""Folds the page shell, its stylesheet and scripts, and a -sSINGLE_FILE build of the app into one HTML
file that works opened straight from disk.

usage: inline_page.py INDEX_HTML APP_JS OUT_HTML
"""
import pathlib
import re
import sys
import urllib.parse


def script(text):
    # A literal "</script" inside the code would end the element early.
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def main():
    index, app_js, out = (pathlib.Path(p) for p in sys.argv[1:])
    web = index.parent
    html = index.read_text(encoding="utf-8")

    def replace_script(match):
        name = match.group(1)
        path = app_js if name == "tuneboard.js" else web / name
        return script(path.read_text(encoding="utf-8"))

    def replace_style(match):
        return "<style>" + (web / match.group(1)).read_text(encoding="utf-8") + "</style>"

    def replace_icon(match):
        data = urllib.parse.quote((web / match.group(1)).read_text(encoding="utf-8"))
        return f'<link rel="icon" href="data:image/svg+xml,{data}" type="image/svg+xml">'

    html = re.sub(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', replace_icon, html)
    html, scripts = re.subn(r'<script src="([^"]+)"></script>', lambda m: replace_script(m), html)
    html, styles = re.subn(r'<link rel="stylesheet" href="([^"]+)">', lambda m: replace_style(m), html)
    if scripts < 2 or styles < 1:
        sys.exit(f"inline_page.py: expected the page's scripts and stylesheet in {index}")
    out.write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main()
