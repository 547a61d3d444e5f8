"""HTML report -> PDF through headless Chromium's print-to-PDF.

The page size (A4) and the print layout come from the report's print stylesheet
(``@page{size:A4}`` in the package's template); Chromium honours it. Chromium is found
as ``chromium``, ``chromium-browser`` or ``google-chrome`` on PATH (Debian: ``apt-get
install chromium``); nothing is fetched from the network (background networking off).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["chromium", "html_to_pdf"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


def chromium() -> str:
    """The Chromium executable; FileNotFoundError naming what to install when absent."""
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError(
        "PDF output needs headless Chromium (none of chromium, chromium-browser, google-chrome "
        "is on PATH); on Debian/Ubuntu: apt-get install chromium."
    )


def html_to_pdf(html: Path, pdf: Path, *, timeout: float = 120.0) -> Path:
    """Print ``html`` to ``pdf`` with headless Chromium; return the PDF path."""
    exe = chromium()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vaikuttavuus-pdf-") as profile:
        cmd = [exe, *_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
               Path(html).resolve().as_uri()]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"Chromium could not print {html} to PDF:\n{tail}")
    return pdf
