from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from vew import cloning


def _fake_env(root: Path) -> Path:
    """Just what cloning looks at: scripts, pyvenv.cfg, links, metadata and caches."""
    bin_dir = root / "bin"
    site = root / "lib" / "python3.11" / "site-packages"
    (site / "tool-1.0.dist-info").mkdir(parents=True)
    (site / "__pycache__").mkdir()
    (site / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0compiled")
    bin_dir.mkdir()
    (bin_dir / "activate").write_text(f"VIRTUAL_ENV='{root}'\nexport VIRTUAL_ENV\n")
    (bin_dir / "tool").write_text(f"#!{root}/bin/python\nprint('tool')\n")
    (bin_dir / "tool").chmod(0o555)
    (bin_dir / "blob").write_bytes(b"\0" + str(root).encode())
    os.symlink("/usr/bin/python3", bin_dir / "python")
    os.symlink("python", bin_dir / "python3")
    os.symlink(root / "lib", root / "lib64")
    (root / "pyvenv.cfg").write_text(f"home = /usr/bin\ncommand = venv {root}\n")
    (site / "extra.pth").write_text(f"{root}/src\n")
    (site / "tool-1.0.dist-info" / "RECORD").write_text(
        "tool.py,sha256=abc,3\n../../../bin/tool,sha256=old,10\n"
        "tool-1.0.dist-info/RECORD,,\n")
    return root


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def test_clone_rewrites_the_path_where_the_copy_needs_it(tmp_path: Path) -> None:
    source = _fake_env(tmp_path / "src")
    target = tmp_path / "dst"
    target.mkdir()
    (source / ".marker").write_text("")
    cloning.clone(source, target, skip=[".marker"])

    assert (target / "bin" / "activate").read_text().startswith(f"VIRTUAL_ENV='{target}'\n")
    tool = target / "bin" / "tool"
    assert tool.read_text() == f"#!{target}/bin/python\nprint('tool')\n"
    assert tool.stat().st_mode & 0o777 == 0o555
    assert (target / "pyvenv.cfg").read_text() == f"home = /usr/bin\ncommand = venv {target}\n"
    # Binary files, relative links and links outside stay; a link into the source moves.
    assert (target / "bin" / "blob").read_bytes() == b"\0" + str(source).encode()
    assert os.readlink(target / "bin" / "python") == "/usr/bin/python3"
    assert os.readlink(target / "bin" / "python3") == "python"
    assert os.readlink(target / "lib64") == str(target / "lib")
    # .pth entries are copied as they are; caches and skipped entries are not copied.
    site = target / "lib" / "python3.11" / "site-packages"
    assert (site / "extra.pth").read_text() == f"{source}/src\n"
    assert not (site / "__pycache__").exists()
    assert not (target / ".marker").exists()
    record = (site / "tool-1.0.dist-info" / "RECORD").read_text().splitlines()
    data = tool.read_bytes()
    assert record == ["tool.py,sha256=abc,3", f"../../../bin/tool,{_digest(data)},{len(data)}",
                      "tool-1.0.dist-info/RECORD,,"]


def test_source_reached_through_a_link_is_rewritten_by_its_real_path(tmp_path: Path) -> None:
    real = _fake_env(tmp_path / "real")
    link = tmp_path / "link"
    link.symlink_to(real)
    target = tmp_path / "dst"
    target.mkdir()
    cloning.clone(link, target)
    assert (target / "bin" / "tool").read_text().startswith(f"#!{target}/bin/python\n")
    assert str(real) not in (target / "bin" / "activate").read_text()


def test_baked_prefixes_include_the_path_the_env_was_made_at(tmp_path: Path) -> None:
    moved = tmp_path / "moved"
    _fake_env(tmp_path / "original").rename(moved)
    assert str(tmp_path / "original") in cloning.baked_prefixes(moved)
