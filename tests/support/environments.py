"""What a real environment says about itself, asked of its own interpreter."""

from __future__ import annotations

import subprocess
from pathlib import Path


def platlib(env: Path) -> str:
    return subprocess.run(
        [env / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('platlib'))"],
        capture_output=True, text=True, check=True).stdout.strip()
