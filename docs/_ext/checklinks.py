"""Check the internal links of a built HTML site, offline: every local ``href`` must name a file
of the site and, when it has a ``#fragment``, an element with that ``id`` in it.

Usage: ``python docs/_ext/checklinks.py docs/_build/html`` (exit status 1 and a list of the
broken links when there are any). External links (http, https, mailto) are not checked: the
build runs without network.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

_HREF = re.compile(r"""<a\s[^>]*?href=["']([^"']+)["']""", re.IGNORECASE)
_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_EXTERNAL = ("http:", "https:", "mailto:", "javascript:", "data:", "ftp:")


def broken_links(site: Path) -> list[str]:
    """``"page: href"`` for every internal link that does not resolve."""
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(_ID.findall(page.read_text(encoding="utf-8")))
        return ids[page]

    out = []
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.relative_to(site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        for raw in _HREF.findall(text):
            href = html.unescape(raw)
            if href.lower().startswith(_EXTERNAL):
                continue
            parts = urlsplit(href)
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                out.append(f"{page.relative_to(site)}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in ids_of(target):
                    out.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "docs/_build/html")
    bad = broken_links(site)
    for line in bad:
        print(line)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"internal links: {len(bad)} broken in {pages} pages of {site}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
