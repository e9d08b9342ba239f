"""No input is ever overwritten, and no node is replaced by an output (issue 10, points 1, 3
and the output parts of 12).

Library level first (``formats.outputs``, ``formats.targets``, ``formats.atomic``), then the
commands as a user meets them, in real processes.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tawazi.align.errors import OutputError
from tawazi.align.formats import atomic as atomic_mod
from tawazi.align.formats import output_files, write_alignment
from tawazi.align.formats.atomic import atomic_write_text
from tawazi.align.formats.outputs import check_not_input, check_outputs, check_writable
from tawazi.align.formats.targets import resolve_target, through_descriptor
from tawazi.align.types import Alignment, Bead, Document, Sentence

ROOT = Path(__file__).resolve().parent.parent
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symlinks of POSIX")

EN = "The minister arrived in Baghdad on Monday. He met 151 soldiers.\n"
AR = "وصل الوزير إلى بغداد يوم الاثنين. والتقى 151 جنديا.\n"


def tawazi(*args: str, cwd: Path | None = None, **kw: object
           ) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "tawazi.align.cli", *args], text=True, cwd=cwd, env=env, timeout=300,
        **({"capture_output": True} | kw),
    )


def one_error_line(res: subprocess.CompletedProcess[str], words: str, code: int = 2) -> None:
    assert res.returncode == code, res.stderr
    assert "Traceback" not in res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("tawazi: error:") and words in lines[0], lines[0]


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    en, ar = tmp_path / "a.en.txt", tmp_path / "a.ar.txt"
    en.write_text(EN, encoding="utf-8")
    ar.write_text(AR, encoding="utf-8")
    return en, ar


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder and its bytes: what a refused run must leave as it was."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def tiny(en_path: str | None = None) -> Alignment:
    doc = Document("x", "en", path=en_path)
    return Alignment(doc, Document("", "ar"), (Sentence(0, 1, "x"),), (), (Bead((0,), ()),))


# ----------------------------------------------------------------- the output is not an input


def test_check_not_input_compares_files_not_names(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("precious")
    (tmp_path / "sub").mkdir()
    os.link(src, tmp_path / "hard.txt")
    aliases = [src, tmp_path / "sub" / ".." / "a.txt", tmp_path / "hard.txt"]
    if os.name == "posix":
        os.symlink(src, tmp_path / "link.txt")
        aliases.append(tmp_path / "link.txt")
    for alias in aliases:
        with pytest.raises(OutputError, match="would overwrite the input") as err:
            check_not_input([tmp_path / "other.txt", alias], [src])
        assert err.value.path == str(alias)
    check_not_input([tmp_path / "other.txt", tmp_path / "new.txt"], [src])  # not there: fine
    (tmp_path / "other.txt").write_text("x")
    check_not_input([tmp_path / "other.txt"], [src, tmp_path / "missing.txt"])


def test_case_insensitive_names_are_the_same_file_where_the_disk_says_so(tmp_path: Path
                                                                         ) -> None:
    src = tmp_path / "mem.tmx"
    src.write_text("x")
    upper = tmp_path / "MEM.TMX"
    if not upper.exists():
        pytest.skip("a case-sensitive file system: MEM.TMX is another file")
    with pytest.raises(OutputError, match="would overwrite the input"):
        check_not_input([upper], [src])


def test_moses_expands_to_its_two_files() -> None:
    assert [p.name for p in output_files("a.txt", "moses")] == ["a.en.txt", "a.ar.txt"]
    assert [p.name for p in output_files("a.txt")] == ["a.en.txt", "a.ar.txt"]
    assert [p.name for p in output_files("a.txt", "tsv")] == ["a.txt"]
    assert [p.name for p in output_files("a.weird")] == ["a.weird"]


def test_write_alignment_never_writes_over_its_own_source(tmp_path: Path) -> None:
    """The last guard, for any caller that forgot to check first."""
    src = tmp_path / "x.en.txt"
    src.write_text("precious")
    with pytest.raises(OutputError, match="would overwrite the input"):
        write_alignment(tiny(str(src)), tmp_path / "x.txt", "moses")
    with pytest.raises(OutputError, match="would overwrite the input"):
        write_alignment(tiny(str(src)), src, "tsv")
    assert src.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.en.txt"]


def test_empty_output_path_is_refused() -> None:
    with pytest.raises(OutputError, match="empty output path"):
        check_writable("")
    with pytest.raises(OutputError, match="empty output path"):
        check_outputs([""], [])


# ----------------------------------------------------------------- devices, FIFOs, symlinks


@pytest.fixture()
def null_device(tmp_path: Path) -> Path:
    """A null device to write to: a node of our own where we may make one (root), so that a
    broken write replaces that node and never the machine's ``/dev/null``; ``/dev/null``
    itself otherwise, which an unprivileged process cannot replace."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        if not os.path.exists("/dev/null") or os.geteuid() == 0:
            pytest.skip("no null device to write to safely")
        return Path("/dev/null")
    return node


@pytest.fixture()
def stdout_link(tmp_path: Path) -> Path:
    """A link like ``/dev/stdout`` (to ``/proc/self/fd/1``), of our own for the same reason."""
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("no /proc/self/fd")
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    return link


@pytest.fixture()
def fifo(tmp_path: Path) -> Iterator[tuple[Path, list[bytes]]]:
    """A named pipe with a reader thread collecting what is written to it."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    got: list[bytes] = []

    def read() -> None:
        with open(path, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    yield path, got
    reader.join(timeout=10)


@POSIX
def test_a_fifo_is_written_through_not_replaced(tmp_path: Path,
                                                fifo: tuple[Path, list[bytes]]) -> None:
    path, got = fifo
    check_writable(path)  # checks without opening: no reader would make it block
    atomic_write_text(path, "through the pipe\n")
    deadline = time.monotonic() + 10
    while not got and time.monotonic() < deadline:
        time.sleep(0.01)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temp file left


@POSIX
def test_a_symlink_to_a_file_writes_its_target_and_stays_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    real = real_dir / "out.tsv"
    real.write_text("old")
    real.chmod(0o640)
    link = link_dir / "out.tsv"
    link.symlink_to(os.path.relpath(real, link_dir))
    renames: list[tuple[str, str]] = []
    replace = os.replace

    def spy(src: str | Path, dst: str | Path) -> None:
        renames.append((str(src), str(dst)))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert real.stat().st_mode & 0o777 == 0o640
    # The temp file was made in the target's directory (a rename is atomic only there).
    assert [(Path(s).parent, Path(d)) for s, d in renames] == [(real_dir, real)]
    assert sorted(p.name for p in real_dir.iterdir()) == ["out.tsv"]
    assert sorted(p.name for p in link_dir.iterdir()) == ["out.tsv"]


@POSIX
def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.tsv"
    link.symlink_to("made.tsv")
    atomic_write_text(link, "new")
    assert link.is_symlink() and (tmp_path / "made.tsv").read_text() == "new"


@POSIX
def test_a_symlink_into_a_missing_folder_is_refused_before_work(tmp_path: Path) -> None:
    link = tmp_path / "out.tsv"
    link.symlink_to(tmp_path / "gone" / "out.tsv")
    with pytest.raises(OutputError, match="does not exist"):
        check_writable(link)


@POSIX
def test_a_symlink_to_dev_null_leaves_both_nodes(tmp_path: Path, null_device: Path) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    link = tmp_path / "sink.tsv"
    link.symlink_to(null_device)
    check_writable(link)
    atomic_write_text(link, "into the void")
    assert link.is_symlink() and os.readlink(link) == str(null_device)
    assert stat.S_ISCHR(os.lstat(null_device).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "sink.tsv"])


@POSIX
def test_follow_symlinks_false_replaces_the_link_itself(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    log = tmp_path / "doc.error.txt"
    log.symlink_to(outside)
    atomic_write_text(log, "traceback", follow_symlinks=False)
    assert not log.is_symlink() and log.read_text() == "traceback"
    assert outside.read_text() == "not ours"


@POSIX
def test_sockets_and_block_devices_are_refused(tmp_path: Path) -> None:
    sock_path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(OutputError, match="is a socket"):
            atomic_write_text(sock_path, "x")
        with pytest.raises(OutputError, match="is a socket"):
            check_writable(sock_path)
    blk = tmp_path / "disk"
    try:
        os.mknod(blk, stat.S_IFBLK | 0o600, os.makedev(7, 250))
    except (PermissionError, AttributeError):
        return  # not root: no block device to make
    with pytest.raises(OutputError, match="block device"):
        atomic_write_text(blk, "x")
    assert stat.S_ISBLK(os.lstat(blk).st_mode)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux descriptor links")
def test_dev_stdout_is_a_descriptor_link(stdout_link: Path) -> None:
    assert through_descriptor("/proc/self/fd/1") and through_descriptor(stdout_link)
    if os.path.islink("/dev/stdout"):
        assert through_descriptor("/dev/stdout")
    assert not through_descriptor(ROOT / "README.md")
    assert resolve_target("/proc/self/fd/1").direct and resolve_target(stdout_link).direct


# ----------------------------------------------------------------- stale temps, directory sync


def _aged(path: Path, seconds: float, *, text: str = "half a write") -> Path:
    path.write_text(text)
    old = time.time() - seconds
    os.utime(path, (old, old))
    return path


def test_stale_temp_files_of_the_same_target_are_removed(tmp_path: Path) -> None:
    hour = atomic_mod.STALE_AGE
    stale = _aged(tmp_path / ".out.tsv.0123abcd.tmp", hour + 60)
    keep = [
        _aged(tmp_path / ".out.tsv.89abcdef.tmp", hour - 600),  # a write still running
        _aged(tmp_path / ".other.tsv.0123abcd.tmp", hour + 60),  # another target's
        _aged(tmp_path / ".out.tsv.0123ABCD.tmp", hour + 60),  # not our naming (upper case)
        _aged(tmp_path / ".out.tsv.0123abc.tmp", hour + 60),  # 7 digits
        _aged(tmp_path / "out.tsv.0123abcd.tmp", hour + 60),  # not hidden
        _aged(tmp_path / ".out.tsv.0123abcd.tmp.bak", hour + 60),
    ]
    folder = tmp_path / ".out.tsv.fedcba98.tmp"  # a directory of that name is never ours
    folder.mkdir()
    os.utime(folder, (0, 0))
    if os.name == "posix":
        target = _aged(tmp_path / "precious.txt", 0, text="precious")
        link = tmp_path / ".out.tsv.76543210.tmp"
        link.symlink_to(target)
        os.utime(link, (0, 0), follow_symlinks=False)
        keep.append(link)
    atomic_write_text(tmp_path / "out.tsv", "new")
    assert not stale.exists()
    assert all(os.path.lexists(p) for p in keep) and folder.is_dir()
    assert (tmp_path / "out.tsv").read_text() == "new"
    if os.name == "posix":
        assert (tmp_path / "precious.txt").read_text() == "precious"


@POSIX
def test_the_directory_is_fsynced_after_the_rename(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[tuple[bool, bool]] = []  # (is a directory, target already renamed)
    fsync = os.fsync
    target = tmp_path / "out.tsv"

    def spy(fd: int) -> None:
        synced.append((stat.S_ISDIR(os.fstat(fd).st_mode), target.exists()))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    atomic_write_text(target, "new")
    assert synced == [(False, False), (True, True)]


@POSIX
def test_a_directory_that_cannot_be_fsynced_is_skipped_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fsync = os.fsync

    def refuses_directories(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "Invalid argument")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", refuses_directories)
    atomic_write_text(tmp_path / "out.tsv", "new")
    assert (tmp_path / "out.tsv").read_text() == "new"


# ----------------------------------------------------------------- the commands


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "a.txt"], "a.en.txt"),  # Moses writes a.en.txt and a.ar.txt
        (["-o", "a.en.txt"], "a.en.txt"),
        (["--format", "tmx", "-o", "a.ar.txt"], "a.ar.txt"),
        (["--format", "tsv", "-o", "./sub/../a.ar.txt"], "a.ar.txt"),
    ],
)
def test_align_refuses_to_write_over_an_input(tmp_path: Path, pair: tuple[Path, Path],
                                              args: list[str], words: str) -> None:
    (tmp_path / "sub").mkdir()
    before = snapshot(tmp_path)
    res = tawazi("align", "a.en.txt", "a.ar.txt", *args, cwd=tmp_path)
    one_error_line(res, "would overwrite the input")
    assert words in res.stderr
    assert snapshot(tmp_path) == before


def test_align_refuses_to_write_a_memory_over_itself(tmp_path: Path,
                                                     pair: tuple[Path, Path]) -> None:
    assert tawazi("align", "a.en.txt", "a.ar.txt", "-o", "mem.tmx", cwd=tmp_path).returncode == 0
    if os.name == "posix":
        (tmp_path / "alias.tmx").symlink_to("mem.tmx")
    before = snapshot(tmp_path)
    one_error_line(tawazi("align", "mem.tmx", "-o", "mem.tmx", cwd=tmp_path),
                   "would overwrite the input")
    if os.name == "posix":
        one_error_line(tawazi("align", "alias.tmx", "-o", "mem.tmx", cwd=tmp_path),
                       "would overwrite the input")
    assert snapshot(tmp_path) == before


def test_align_checks_the_output_before_reading_the_inputs(tmp_path: Path) -> None:
    """An unreadable input and a bad output: the output is named, so it was checked first."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    (tmp_path / "folder.tsv").mkdir()
    for out, words in [("missing/x.tsv", "does not exist"), ("", "empty output path"),
                       ("folder.tsv", "is a directory")]:
        one_error_line(tawazi("align", "empty.txt", "empty.txt", "-o", out, cwd=tmp_path),
                       words)


@POSIX
def test_align_to_dev_null_and_dev_stdout(tmp_path: Path, pair: tuple[Path, Path],
                                          null_device: Path, stdout_link: Path) -> None:
    """``-o /dev/null`` and ``-o /dev/stdout``, through nodes of our own (see the fixtures)."""
    res = tawazi("align", "a.en.txt", "a.ar.txt", "--format", "tsv", "-o", str(null_device),
                 cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert stat.S_ISCHR(os.lstat(null_device).st_mode)
    res = tawazi("align", "a.en.txt", "a.ar.txt", "--format", "tsv", "-o", str(stdout_link),
                 cwd=tmp_path)  # standard output is a pipe here
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("en\tar\ttype")
    # Standard output a file opened for appending, as ``>> out.log`` does: appended to, and
    # the file is neither replaced nor truncated.
    log = tmp_path / "out.log"
    log.write_text("kept\n")
    inode = log.stat().st_ino
    with open(log, "a") as fh:
        res = tawazi("align", "a.en.txt", "a.ar.txt", "--format", "tsv", "-o", str(stdout_link),
                     cwd=tmp_path, capture_output=False, stdout=fh, stderr=subprocess.PIPE)
    assert res.returncode == 0, res.stderr
    text = log.read_text()
    assert text.startswith("kept\nen\tar\ttype") and log.stat().st_ino == inode
    assert os.readlink(stdout_link) == "/proc/self/fd/1"


@POSIX
def test_align_into_a_fifo(tmp_path: Path, pair: tuple[Path, Path],
                           fifo: tuple[Path, list[bytes]]) -> None:
    path, got = fifo
    res = tawazi("align", "a.en.txt", "a.ar.txt", "--format", "tsv", "-o", str(path),
                 cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    deadline = time.monotonic() + 10
    while not got and time.monotonic() < deadline:
        time.sleep(0.01)
    assert got and got[0].startswith(b"en\tar\ttype")
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


def test_split_of_an_empty_file_is_an_error(tmp_path: Path) -> None:
    for name, data in [("empty.txt", b""), ("blank.txt", b"\xef\xbb\xbf \n\n")]:
        (tmp_path / name).write_bytes(data)
        one_error_line(tawazi("split", str(tmp_path / name)), "empty file")


def test_score_refuses_to_write_over_what_it_reads(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(f"en\tar\n{EN.strip()}\t{AR.strip()}\n", encoding="utf-8")
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("a b c\n")
    ref.write_text("a b d\n")
    manifest = tmp_path / "m.tsv"
    manifest.write_text("hyp\tref\nhyp.txt\tref.txt\n")
    before = snapshot(tmp_path)
    for args in (["--pairs", "pairs.tsv", "-o", "pairs.tsv"],
                 ["--hyp", "hyp.txt", "--ref", "ref.txt", "-o", "ref.txt"],
                 ["--hyp", "pairs.tsv:en", "--ref", "ref.txt", "-o", "pairs.tsv"],
                 ["--manifest", "m.tsv", "-o", "m.tsv"],
                 ["--manifest", "m.tsv", "-o", "hyp.txt"]):
        one_error_line(tawazi("score", *args, cwd=tmp_path), "would overwrite the input")
    one_error_line(tawazi("score", "--pairs", "pairs.tsv", "-o", "", cwd=tmp_path),
                   "empty output path")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("out", ["a.en.txt", "a.txt", "m.tsv", "./a.ar.txt"])
def test_manifest_row_writing_over_its_own_input_is_refused_before_work(
    tmp_path: Path, pair: tuple[Path, Path], out: str
) -> None:
    manifest = tmp_path / "m.tsv"
    manifest.write_text(f"en\tar\tout\na.en.txt\ta.ar.txt\tgood.jsonl\na.en.txt\ta.ar.txt\t{out}\n")
    before = snapshot(tmp_path)
    res = tawazi("align", "--manifest", str(manifest))
    one_error_line(res, "would overwrite the input")
    assert "m.tsv:3:" in res.stderr
    assert snapshot(tmp_path) == before  # not even the good row ran


def test_batch_error_log_is_atomic_and_replaces_a_symlink(tmp_path: Path) -> None:
    from tawazi.align.batch.pool import Outcome
    from tawazi.align.batch.run import DocJob, _doc_result, error_log

    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    work = tmp_path / "r.parquet.work"
    work.mkdir()
    job = DocJob("doc", tmp_path / "a.en.txt", tmp_path / "a.ar.txt")
    log = error_log(work, job, "k")
    if os.name == "posix":
        log.symlink_to(outside)
    res = _doc_result(Outcome(0, (job, "k"), error="boom", detail="Traceback: boom\n"), work)
    assert f"traceback in {log}" in res.error
    assert not log.is_symlink() and log.read_text() == "Traceback: boom\n"
    assert outside.read_text() == "not ours"
    assert sorted(p.name for p in work.iterdir()) == [log.name]
    assert log.name.startswith("doc-") and log.name.endswith("-k.error.txt")


def test_batch_report_is_not_written_over_its_manifest(tmp_path: Path,
                                                       pair: tuple[Path, Path]) -> None:
    manifest = tmp_path / "m.tsv"
    manifest.write_text("en\tar\na.en.txt\ta.ar.txt\n")
    before = snapshot(tmp_path)
    one_error_line(tawazi("batch", "m.tsv", "-o", "m.tsv", cwd=tmp_path),
                   "would overwrite the input")
    assert snapshot(tmp_path) == before and not (tmp_path / "m.tsv.work").exists()
