"""Kernels forked from a pre-imported "zygote" process: the imports are paid once.

A plain kernel start (``python -m ipykernel_launcher -f kernel.json``) starts an
interpreter and imports IPython, ipykernel, ZMQ, and then the report imports numpy,
pandas, matplotlib, seaborn and this package: about a second per report, every report.
Here one *zygote* process per (worker) process does those imports once and then waits on
a Unix socket; for each report it ``fork()``\\ s a child that becomes the IPython kernel
(``IPKernelApp`` with the connection file jupyter_client wrote). The child is a fresh
process: nothing a report defines reaches the next report (each is forked from the same
untouched zygote), and papermill/nbclient work as with any kernel (parameters cell
injected, executed notebook written).

:class:`ZygoteKernelManager` is a ``jupyter_client.AsyncKernelManager`` whose provisioner
launches through the zygote; pass it as ``kernel_manager_class`` to
``papermill.execute_notebook``. It falls back to a normal kernel process when ``fork`` is
not available (Windows), when the kernel is not this interpreter's ipykernel, when
``PYTHONPATH``/``PYTHONHOME`` differ from the zygote's, or when the zygote cannot start.
Set the environment variable ``VAIKUTTAVUUS_FORK_KERNELS=0`` to always use plain kernels.

The zygote has no threads when it forks (BLAS is limited to one thread, nothing that
starts a thread is imported), exits when the process that started it is gone (its
kernels follow: their parent poller watches the zygote) and kills a kernel whose
manager disconnected.
Each child starts a new session (``setsid``, like jupyter_client's launcher), takes the
manager's stdin/stdout/stderr (file descriptors passed over the socket), working
directory and environment, and re-seeds numpy's global random state.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from queue import Empty
from typing import Any

from jupyter_client import AsyncKernelClient, AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import ensure_async
from traitlets import DottedObjectName, default

__all__ = [
    "PRELOAD",
    "WARM",
    "warm_hooks",
    "ZygoteKernelManager",
    "fork_available",
    "start_zygote",
    "zygote",
]

log = logging.getLogger(__name__)

PRELOAD = (
    "numpy",
    "pandas",
    "scipy.stats",
    "statsmodels.api",
    "matplotlib",
    "matplotlib.pyplot",
    "seaborn",
    "IPython",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "vaikuttavuus",
    "vaikuttavuus.regional",
    "vaikuttavuus.survey",
    "vaikuttavuus.studies.vates2020",
    "vaikuttavuus.compensation",
    "vaikuttavuus.ips",
    "vaikuttavuus.financing",
)
"""Modules the zygote imports before it forks (missing ones are skipped)."""

WARM = {"region_report.ipynb": ("vaikuttavuus.regional._warm:warm",)}
"""Per shipped notebook, functions (``module:name``) a zygote calls after its imports when
the run executes that notebook: they fill the read-only caches every such report needs
(registry, national tables, example data, fonts), shared by the forked kernels."""


def warm_hooks(notebooks: Iterable[str | os.PathLike[str]]) -> tuple[str, ...]:
    """The warm-up functions for a run of these notebooks (each once, in order).

    >>> warm_hooks(["/x/region_report.ipynb", "survey_report.ipynb"])
    ('vaikuttavuus.regional._warm:warm',)
    """
    hooks = (h for nb in notebooks for h in WARM.get(Path(nb).name, ()))
    return tuple(dict.fromkeys(hooks))


_INLINE = "module://matplotlib_inline.backend_inline"  # what IPKernelApp sets by default
_PYVARS = ("PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH", "PYTHONNOUSERSITE")
_BLAS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def fork_available() -> bool:
    """True where kernels can be forked (POSIX with ``fork`` and fd passing), not disabled."""
    if os.environ.get("VAIKUTTAVUUS_FORK_KERNELS", "1").strip().lower() in ("0", "false", "no"):
        return False
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and sys.platform != "win32"


# ----------------------------------------------------------------------------- client side


class _Zygote:
    """A running zygote process (client side): start, ask for a kernel, stop."""

    def __init__(
        self, executable: str, env: dict[str, str], timeout: float, warm: tuple[str, ...] = ()
    ) -> None:
        self.executable = executable
        self.pyvars = {k: env.get(k) for k in _PYVARS}
        self._dir = tempfile.mkdtemp(prefix="vaikuttavuus-zygote-")
        self.address = os.path.join(self._dir, "zygote.sock")
        zenv = dict(env)
        for var in _BLAS:
            zenv.setdefault(var, "1")
        zenv.setdefault("MPLBACKEND", _INLINE)
        self.proc = subprocess.Popen(
            [executable, "-c", _BOOT, self.address, str(os.getpid()), ",".join(warm)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env=zenv,
            cwd=self._dir,
        )
        self.timeout, self._ready = timeout, False

    def wait_ready(self) -> None:
        """Block until the zygote has done its imports and listens (once)."""
        if self._ready:
            return
        ready, _, _ = select.select([self.proc.stdout], [], [], self.timeout)
        line = self.proc.stdout.readline() if ready else b""  # type: ignore[union-attr]
        if line.strip() != b"ready":
            self.close()
            raise RuntimeError(f"kernel zygote did not start within {self.timeout:.0f} s")
        self._ready = True

    def alive(self) -> bool:
        return self.proc.poll() is None

    def fork(
        self, argv: list[str], cwd: str, env: dict[str, str], fds: tuple[int, int, int]
    ) -> _ForkedKernel:
        """Ask the zygote for a kernel running ``IPKernelApp`` with ``argv``."""
        self.wait_ready()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(30)
            sock.connect(self.address)
            socket.send_fds(sock, [b"F"], list(fds))
            body = {"argv": argv, "cwd": cwd, "env": env}
            sock.sendall(json.dumps(body).encode("utf-8") + b"\n")
            reader = sock.makefile("rb")
            reply = json.loads(reader.readline() or b"{}")
        except BaseException:
            sock.close()
            raise
        if "pid" not in reply:
            sock.close()
            raise RuntimeError(f"kernel zygote refused to fork: {reply.get('error', reply)}")
        sock.settimeout(None)
        return _ForkedKernel(int(reply["pid"]), sock, reader)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        with contextlib.suppress(OSError):
            os.unlink(self.address)
        with contextlib.suppress(OSError):
            os.rmdir(self._dir)


class _ForkedKernel:
    """A forked kernel seen like a ``subprocess.Popen`` (what LocalProvisioner uses).

    Not our child: its exit status comes from the zygote over the kept-open socket (a
    line ``{"exit": code}``; EOF without it means the zygote died: ``-1``).
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, sock: socket.socket, reader: Any) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._sock, self._reader = sock, reader

    def _collect(self, timeout: float | None) -> int | None:
        if self.returncode is not None:
            return self.returncode
        ready, _, _ = select.select([self._sock], [], [], timeout)
        if not ready:
            return None
        line = self._reader.readline()
        try:
            self.returncode = int(json.loads(line)["exit"]) if line else -1
        except (ValueError, KeyError, TypeError):
            self.returncode = -1
        self._reader.close()
        self._sock.close()
        return self.returncode

    def poll(self) -> int | None:
        return self._collect(0)

    def wait(self, timeout: float | None = None) -> int:
        code = self._collect(timeout)
        if code is None:
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return code

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


_ZYGOTES: dict[tuple[str, str], _Zygote] = {}
_LOCK = threading.Lock()


def start_zygote(
    executable: str | None = None,
    env: dict[str, str] | None = None,
    *,
    timeout: float = 120,
    warm: tuple[str, ...] = (),
) -> _Zygote:
    """This process's zygote for ``executable``: started (not awaited) if not running.

    ``warm``: functions (``module:name``, see :func:`warm_hooks`) the zygote calls after
    its imports; a zygote already running keeps the warm-up it started with.
    """
    executable = executable or sys.executable
    env = dict(os.environ if env is None else env)
    key = (executable, json.dumps({k: env.get(k) for k in _PYVARS}, sort_keys=True))
    with _LOCK:
        z = _ZYGOTES.get(key)
        if z is None or not z.alive():
            if z is not None:
                z.close()
            z = _ZYGOTES[key] = _Zygote(executable, env, timeout, warm)
        return z


def zygote(
    executable: str | None = None, env: dict[str, str] | None = None, *, timeout: float = 120
) -> _Zygote:
    """This process's zygote for ``executable``, ready to fork (stopped at exit)."""
    z = start_zygote(executable, env, timeout=timeout)
    with _LOCK:
        z.wait_ready()
    return z


@atexit.register
def _close_all() -> None:
    for z in list(_ZYGOTES.values()):
        z.close()
    _ZYGOTES.clear()


def _ipykernel_args(cmd: list[str]) -> list[str] | None:
    """The IPKernelApp arguments of a ``python -m ipykernel_launcher ...`` command, else None."""
    if len(cmd) < 3 or cmd[1] != "-m" or cmd[2] not in ("ipykernel_launcher", "ipykernel"):
        return None
    return list(cmd[3:])


def _fd(value: Any, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, int) and value >= 0:
        return value
    fileno = getattr(value, "fileno", None)
    if fileno is None:
        raise ValueError(f"cannot pass {value!r} to a forked kernel")
    return int(fileno())


class ZygoteProvisioner(LocalProvisioner):  # type: ignore[misc]
    """LocalProvisioner whose ``launch_kernel`` forks the kernel from the zygote."""

    forked = False

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        """Fork an ipykernel from the zygote; any other kernel starts as usual."""
        args = _ipykernel_args(cmd)
        env = dict(kwargs.get("env") or os.environ)
        if args is None or not fork_available():
            return await super().launch_kernel(cmd, **kwargs)
        try:
            z = zygote(cmd[0], env)
            if z.pyvars != {k: env.get(k) for k in _PYVARS}:
                raise RuntimeError("PYTHONPATH/PYTHONHOME differ from the zygote's")
            with open(os.devnull, "rb") as null:
                fds = (
                    _fd(kwargs.get("stdin"), null.fileno()),
                    _fd(kwargs.get("stdout"), 1),
                    _fd(kwargs.get("stderr"), 2),
                )
                cwd = str(kwargs.get("cwd") or os.getcwd())
                self.process = z.fork(args, cwd, env, fds)
        except Exception as exc:  # a plain kernel still renders the report
            log.warning("forked kernel unavailable (%s); starting a plain kernel", exc)
            return await super().launch_kernel(cmd, **kwargs)
        self.forked = True
        self.pid = self.pgid = self.process.pid
        self.cwd = kwargs.get("cwd", Path.cwd())
        return self.connection_info


class ZygoteKernelClient(AsyncKernelClient):  # type: ignore[misc]
    """The client of a forked kernel: ready once the kernel has answered ``kernel_info``
    on shell and published on IOPub.

    jupyter_client then waits for 0.2 s of silence on IOPub (its "flush"), a fixed cost per
    report. A message received on IOPub already proves the subscription is live, which is
    what the wait guards against, and nbclient matches every output to its request, so what
    IOPub still holds is drained without waiting.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    await ensure_async(self.iopub_channel.get_msg(timeout=0.2))
                except Empty:
                    pass  # IOPub not connected yet: ask again
                else:
                    self._handle_kernel_info_reply(reply)
                    break
            if not await ensure_async(self.is_alive()):
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while True:
            try:
                await ensure_async(self.iopub_channel.get_msg(timeout=0))
            except Empty:
                return


class ZygoteKernelManager(AsyncKernelManager):  # type: ignore[misc]
    """AsyncKernelManager whose kernels are forked from a pre-imported zygote."""

    client_class = DottedObjectName("vaikuttavuus.render._kernels.ZygoteKernelClient")

    @default("client_factory")
    def _client_factory_default(self) -> type:
        return ZygoteKernelClient

    async def _async_pre_start_kernel(self, **kw: Any) -> Any:
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ZygoteProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        """Wait for the kernel's end: the zygote reports its exit at once, so look every
        5 ms rather than jupyter_client's 100 ms (a tenth of a second per report)."""
        await super()._async_wait(pollinterval=min(pollinterval, 0.005))


# ----------------------------------------------------------------------------- zygote side


# The zygote starts with ``get_ipython()`` answering like a Jupyter kernel's shell before
# anything is imported: some libraries look at their environment once, at import (pandas
# sets display.max_columns to 0, "fit the terminal", outside a kernel and to 20 in one).
# The stand-in is removed after the imports; the kernel's real shell replaces it.
_BOOT = """\
import builtins
class _KernelShellStandIn:
    kernel = True
    config = {"IPKernelApp": {}}
builtins.get_ipython = _KernelShellStandIn
import sys
from vaikuttavuus.render._kernels import _serve
_serve(sys.argv[1], int(sys.argv[2]), tuple(filter(None, sys.argv[3].split(","))))
"""


def _preload(modules: tuple[str, ...]) -> None:
    """Import ``modules`` (still under the stand-in ``get_ipython``), then drop it."""
    import builtins
    import importlib

    try:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception as exc:  # an optional module: the report imports it itself
                print(f"zygote: not preloaded {name}: {exc}", file=sys.stderr)
    finally:
        stand_in = getattr(builtins, "get_ipython", None)
        if getattr(stand_in, "__name__", "") == "_KernelShellStandIn":
            del builtins.get_ipython  # type: ignore[attr-defined]


def _warm(hooks: tuple[str, ...]) -> None:
    """Call each ``module:function`` of ``hooks``; a failure only costs speed, so it is logged."""
    import importlib

    for hook in hooks:
        module, _, name = hook.partition(":")
        try:
            getattr(importlib.import_module(module), name)()
        except Exception as exc:
            print(f"zygote: not warmed {hook}: {exc}", file=sys.stderr)


def _become_kernel(req: dict[str, Any], fds: list[int]) -> None:
    """In the forked child: take the manager's fds, cwd and environment; run IPKernelApp."""
    os.setsid()
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    cwd = req["cwd"]
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(req["env"])
    os.environ["JPY_PARENT_PID"] = str(os.getppid())
    np_random = sys.modules.get("numpy.random")
    if np_random is not None:
        np_random.seed()  # the legacy global state: fresh entropy per kernel, as at import
    import ipykernel_launcher
    from ipykernel.kernelapp import IPKernelApp

    sys.argv = [ipykernel_launcher.__file__, *req["argv"]]
    app = IPKernelApp.instance(parent_handle=os.getppid())  # exits when the zygote does
    app.initialize(req["argv"])
    inline = sys.modules.get("matplotlib_inline.backend_inline")
    if inline is not None:  # imported before the shell existed: hook it up now
        inline._enable_matplotlib_integration()
    app.start()


def _child(req: dict[str, Any], fds: list[int], close: list[Any]) -> None:
    code = 0
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for obj in close:
            with contextlib.suppress(Exception):
                obj.close() if hasattr(obj, "close") else os.close(obj)
        _become_kernel(req, fds)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    with contextlib.suppress(Exception):
        atexit._run_exitfuncs()
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def _read_request(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    conn.settimeout(30)
    _, fds, _, _ = socket.recv_fds(conn, 1, 3)
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(1 << 16)
        if not chunk:
            raise ConnectionError("request cut short")
        data += chunk
    return json.loads(data), list(fds)


def _prepare(address: str, parent: int, warm: tuple[str, ...]) -> tuple[socket.socket, int]:
    """Imports, then the listening socket and a SIGCHLD wake-up pipe; says "ready"."""
    import gc

    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]  # as ipykernel_launcher does (the kernel's shell adds its cwd)
    _preload(PRELOAD)
    _warm(warm)
    gc.collect()
    gc.freeze()  # the imported objects are never collected: fewer pages copied per child
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if os.path.isdir("/proc/self/task") and len(os.listdir("/proc/self/task")) > 1:
        print("zygote: threads running before fork", file=sys.stderr)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    return listener, wake_r


def _fork_one(listener: socket.socket, keep: list[Any]) -> tuple[int, socket.socket] | None:
    """Accept one request and fork its kernel; ``keep``: what the child must close."""
    conn, _ = listener.accept()
    try:
        req, fds = _read_request(conn)
    except Exception as exc:
        with contextlib.suppress(OSError):
            conn.sendall(json.dumps({"error": str(exc)}).encode() + b"\n")
        conn.close()
        return None
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(req, fds, [*keep, conn])
    for fd in fds:
        os.close(fd)
    conn.settimeout(None)
    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    return pid, conn


def _serve(address: str, parent: int, warm: tuple[str, ...] = ()) -> None:
    """The zygote: fork a kernel per request, report each one's exit to its manager."""
    import selectors

    listener, wake_r = _prepare(address, parent, warm)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    sel.register(wake_r, selectors.EVENT_READ)
    kernels: dict[int, socket.socket] = {}  # pid -> its manager's connection
    try:
        while os.getppid() == parent:  # the zygote (and then its kernels) end with its parent
            for key, _ in sel.select(timeout=1.0):
                if key.fileobj is listener:
                    forked = _fork_one(listener, [sel, listener, wake_r, *kernels.values()])
                    if forked is not None:
                        kernels[forked[0]] = forked[1]
                        sel.register(forked[1], selectors.EVENT_READ, forked[0])
                elif key.fileobj is wake_r:
                    with contextlib.suppress(OSError):
                        while os.read(wake_r, 512):
                            pass
                    _reap(kernels, sel)
                else:  # the manager hung up before its kernel ended: no orphan kernels
                    sel.unregister(key.fileobj)
                    _kill(key.data)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        for pid in kernels:
            _kill(pid)


def _kill(pid: int) -> None:
    """SIGKILL a kernel and its process group (it may not have called setsid yet)."""
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(OSError):
            kill(pid, signal.SIGKILL)


def _reap(kernels: dict[int, socket.socket], sel: Any) -> None:
    while kernels:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = kernels.pop(pid, None)
        if conn is None:
            continue
        with contextlib.suppress(KeyError, ValueError):
            sel.unregister(conn)
        with contextlib.suppress(OSError):
            conn.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode() + b"\n")
        conn.close()


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]), tuple(filter(None, sys.argv[3].split(","))))
