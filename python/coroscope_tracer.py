# SPDX-License-Identifier: MIT
"""Coroscope's tracer for Python asyncio programs (standard library only, Python 3.8+).

    coroscope trace -- python3 app.py [args...]

runs ``python3 coroscope_tracer.py app.py [args...]`` with COROSCOPE_TRACE_SOCKET set to a
local socket Coroscope listens on. The tracer installs an event loop policy whose loops
record, on one monotonic clock (Coroscope's own):

- every task: its creation, each step it ran on the loop (and the thread CPU time it took),
  what it then awaited (a timer, a socket, a task, a pool job...) and when that became ready
  (its wake-up callback was scheduled);
- the loop's busy periods (from one selector wait to the next) and, for long ones, where the
  loop's thread was (a sampling watchdog thread), so a stall names the line that held it;
- run_in_executor jobs and the program's own threads on their threads;
- print() lines, fork() calls, and how the program ended.

Events go out as tab-separated lines (see ``Tracer.emit``), written by a background thread
every 20 ms, so the program's loop never waits for Coroscope. The protocol's version is
checked on both sides.
"""

import asyncio
import atexit
import collections
import linecache
import os
import runpy
import select
import socket
import sys
import threading
import time
import traceback
import weakref

PROTOCOL = 1
HOLD_NS = 1_000_000  # a step this long held the loop: it becomes a span of its own
STALL_NS = 20_000_000  # a busy period this long is a loop stall (as Coroscope's heartbeat)
SAMPLE_AFTER_NS = 8_000_000  # the watchdog samples a busy loop after this
SAMPLE_PERIOD_S = 0.004
FLUSH_PERIOD_S = 0.02

_now = time.monotonic_ns
_cpu = time.thread_time_ns

_HERE = os.path.abspath(__file__)
_LIB_DIRS = tuple(
    {os.path.dirname(os.__file__), os.path.dirname(asyncio.__file__)}
)


def _clean(text):
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


class Tracer:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.queue = collections.deque()
        self.write_lock = threading.Lock()
        self.strings = {"": 0}
        self.string_lock = threading.Lock()
        self.enabled = True
        self.user_code = {}  # code object -> bool (the program's own code, not a library's)
        self.next_task = 1
        self.tasks = {}  # id(task) -> (task number, weak reference to the task)
        self.jobs = {}  # id(executor future) -> the job's function name
        self.job_futures = {}  # job number -> id(its asyncio future)
        # When a future's result was really there, where the loop learns it later: a timer's
        # deadline, a pool job's end (id(future) -> monotonic ns).
        self.ready_at = {}
        self.next_job = 0
        self.next_thread = 0
        self.next_loop = 1
        self.loops = []
        self.samples = []  # (t, thread id, frames key) from the watchdog
        self.sample_lock = threading.Lock()
        self.current = 0  # the task whose step is running on the main thread's loop
        self.stop = threading.Event()
        self.emit("H", PROTOCOL, os.getpid(), "%d.%d.%d" % sys.version_info[:3], _now())
        self.flush()
        self.writer = threading.Thread(target=self._write_loop, name="coroscope-tracer", daemon=True)
        self.writer._coroscope_internal = True
        self.writer.start()

    # ---- output ------------------------------------------------------------------------

    def emit(self, *fields):
        self.queue.append("\t".join(map(str, fields)))

    def sid(self, text):
        """The string table: each text is sent once, then referred to by number."""
        n = self.strings.get(text)
        if n is None:
            with self.string_lock:
                n = self.strings.get(text)
                if n is None:
                    n = len(self.strings)
                    self.strings[text] = n
                    self.queue.append("N\t%d\t%s" % (n, _clean(text)))
        return n

    def flush(self):
        if not self.queue:
            return
        with self.write_lock:
            parts = []
            q = self.queue
            try:
                while True:
                    parts.append(q.popleft())
            except IndexError:
                pass
            if not parts or not self.enabled:
                return
            parts.append("")
            try:
                self.sock.sendall("\n".join(parts).encode("utf-8", "replace"))
            except OSError:
                self.enabled = False  # Coroscope went away: the program goes on untraced

    def _write_loop(self):
        last = _now()
        while not self.stop.wait(SAMPLE_PERIOD_S):
            self._sample()
            if _now() - last >= FLUSH_PERIOD_S * 1e9:
                self.flush()
                last = _now()

    def close(self, status):
        self.emit("Z", _now(), status, time.process_time_ns())
        self.stop.set()
        self.flush()
        try:
            self.sock.close()
        except OSError:
            pass
        self.enabled = False

    def number(self, task):
        """The task's number, or 0 if it was not seen yet."""
        entry = self.tasks.get(id(task))
        if entry is not None and entry[1]() is task:
            return entry[0]
        return 0

    def forget(self, task):
        self.tasks.pop(id(task), None)

    # ---- where code is ---------------------------------------------------------------

    def is_user(self, code):
        u = self.user_code.get(code)
        if u is None:
            f = code.co_filename
            u = not (
                f.startswith("<")
                or f == _HERE
                or "site-packages" in f
                or "dist-packages" in f
                or f.startswith(_LIB_DIRS)
            )
            self.user_code[code] = u
        return u

    @staticmethod
    def line_of(frame):
        code = frame.f_code
        line = frame.f_lineno
        text = _call_text(linecache.getline(code.co_filename, line))
        return text, "%s:%d in %s" % (os.path.basename(code.co_filename), line, code.co_name)

    def _sample(self):
        """While a loop has been busy for a while, note where its thread is."""
        now = _now()
        due = [
            lp
            for lp in self.loops
            if lp._cs_busy_since is not None and now - lp._cs_busy_since >= SAMPLE_AFTER_NS
        ]
        if not due:
            return
        for lp in due:
            self._poll_fds(lp, now)
        frames = sys._current_frames()
        for lp in due:
            frame = frames.get(lp._cs_thread)
            if frame is None:
                continue
            key = self.frames_key(frame)
            with self.sample_lock:
                self.samples.append((now, lp._cs_thread, key))

    @staticmethod
    def _poll_fds(lp, now):
        """While the loop is held, note when its sockets become ready: the loop only sees it
        once it is free, and a reply that waited for the loop must not look like a slow server."""
        fds = lp._cs_fds
        if not fds:
            return
        seen = lp._cs_seen
        p = select.poll()
        try:
            for fd, events in list(fds.items()):
                if fd not in seen:
                    p.register(fd, (select.POLLIN if events & 1 else 0) | (select.POLLOUT if events & 2 else 0))
            for fd, _ in p.poll(0):
                seen.setdefault(fd, now)
        except (OSError, ValueError):
            pass

    def frames_key(self, frame):
        """(text, where, library hint) of the innermost user frame and what it called."""
        inner = []
        f = frame
        while f is not None and not self.is_user(f.f_code):
            inner.append(f.f_code.co_filename)
            f = f.f_back
        if f is None:
            f = frame
        text, where = self.line_of(f)
        kind = _library_kind(inner, text)
        if kind:
            # A blocking client's own words for what it does: "GET http://…", the query.
            chain = []
            g = frame
            while g is not None and g is not f:
                chain.append(g)
                g = g.f_back
            chain.reverse()
            try:
                named = _http_name(chain) if kind == "http" else _db_name(chain) if kind == "db" else ""
            except Exception:
                named = ""
            if named:
                text = named
        return (text, where, kind)

    def take_samples(self, thread, t0, t1, drop=False):
        """The most frequent sample of `thread` in [t0, t1], or None; `drop`: and forget the
        samples up to t1 (a busy period ended)."""
        with self.sample_lock:
            if not self.samples:
                return None
            counts = collections.Counter(k for t, th, k in self.samples if th == thread and t0 <= t <= t1)
            if drop:
                self.samples = [s for s in self.samples if s[0] > t1 or s[1] != thread]
        if not counts:
            return None
        return counts.most_common(1)[0][0]


def _call_text(line):
    """A source line as a span's name: the call, without its comment, result or await."""
    text = line.strip()
    if "#" in text:
        quoted = False
        for i, ch in enumerate(text):
            if ch in "'\"":
                quoted = not quoted
            elif ch == "#" and not quoted:
                text = text[:i].rstrip()
                break
    for prefix in ("return ", "await "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    eq = text.find(" = ")
    if 0 < eq < 40 and text[:eq].replace(",", "").replace("_", "").replace(" ", "").replace(".", "").isalnum():
        text = text[eq + 3:]
    if text.startswith("await "):
        text = text[6:]
    return text[:160]


def _package(filename):
    """'psycopg' for …/dist-packages/psycopg/connection_async.py, 'asyncio' for the stdlib's."""
    parts = filename.replace("\\", "/").split("/")
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            i = parts.index(marker)
            if i + 1 < len(parts):
                return parts[i + 1].split(".")[0]
    if len(parts) >= 2:
        return parts[-2] if parts[-2] != "lib" and not parts[-2].startswith("python3") else parts[-1].split(".")[0]
    return ""


def _library_kind(files, text):
    joined = " ".join(files)
    if "httpx" in joined or "httpcore" in joined or "aiohttp" in joined or "urllib" in joined or "http/client" in joined or "requests" in joined:
        return "http"
    if "psycopg" in joined or "asyncpg" in joined or "pg8000" in joined or "sqlite3" in joined:
        return "db"
    if "sleep(" in text:
        return "sleep"
    return ""


_tracer = None


def _awaited(task, tracer):
    """What a suspended task awaits: (kind, name, where)."""
    waiter = getattr(task, "_fut_waiter", None)
    coro = task.get_coro()
    frames = []
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is None:
            break
        frames.append(frame)
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    user = None
    for frame in frames:
        if tracer.is_user(frame.f_code):
            user = frame
    if user is None and frames:
        user = frames[-1]
    text, where = tracer.line_of(user) if user is not None else ("", "")
    lib = [f.f_code.co_filename for f in frames if not tracer.is_user(f.f_code)]
    inner = frames[-1].f_code if frames else None
    if isinstance(waiter, asyncio.Task):
        return "wait", "await %s" % _task_label(waiter), where, tracer.number(waiter)
    if inner is not None and inner.co_name == "sleep" and inner.co_filename.endswith("tasks.py"):
        delay = frames[-1].f_locals.get("delay", "")
        return "sleep", "asyncio.sleep(%s)" % delay, where, 0
    if waiter is not None:
        job = tracer.jobs.pop(id(waiter), None)
        if job is not None:
            return "wait", "run_in_executor(%s)" % job, where, 0
        if type(waiter).__name__ == "_GatheringFuture":
            return "wait", text or "gather", where, 0
    kind = _library_kind(lib, "")
    if kind == "http":
        return "http", _http_name(frames) or text, where, 0
    if kind == "db":
        return "db", _db_name(frames) or text, where, 0
    libs = " ".join(lib)
    if "locks.py" in libs or "queues.py" in libs:
        return "acquire", text, where, 0
    if "streams.py" in libs or "selector_events.py" in libs or "base_events.py" in libs:
        return "io", text, where, 0
    if waiter is None:
        return "wait", text or "yielded to the loop", where, 0
    return "wait", text, where, 0


def _http_name(frames):
    for frame in frames:
        if "httpx" in frame.f_code.co_filename or "aiohttp" in frame.f_code.co_filename:
            loc = frame.f_locals
            req = loc.get("request")
            if req is not None and hasattr(req, "method") and hasattr(req, "url"):
                return "%s %s" % (req.method, req.url)
            if "url" in loc and "method" in loc:
                return "%s %s" % (loc["method"], loc["url"])
    return ""


def _db_name(frames):
    for frame in frames:
        if "psycopg" in frame.f_code.co_filename or "asyncpg" in frame.f_code.co_filename:
            query = frame.f_locals.get("query")
            if query is not None:
                if not isinstance(query, str):
                    try:
                        query = query.as_string(None)
                    except Exception:
                        query = repr(query)
                return " ".join(query.split())[:120]
    return ""


def _task_label(task):
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", None) or type(coro).__name__
    return "%s · %s" % (task.get_name(), name)


def _outcome(task):
    if task.cancelled():
        return "c", ""
    exc = task.exception()
    if exc is None:
        return "d", ""
    return "e", "%s: %s" % (type(exc).__name__, exc)


_set_result_unless_cancelled = getattr(asyncio.futures, "_set_result_unless_cancelled", None)

_ASYNCIO_OWN = {"BaseEventLoop.shutdown_asyncgens", "BaseEventLoop.shutdown_default_executor"}


class _SelectorProxy:
    """The loop's selector, timing each wait: between two waits the loop was busy. It keeps
    the registered sockets for the watchdog, and which of the sockets it returns were ready
    before (seen by the watchdog while the loop was held)."""

    def __init__(self, loop, selector):
        self._loop = loop
        self._selector = selector

    def register(self, fileobj, events, data=None):
        key = self._selector.register(fileobj, events, data)
        self._loop._cs_fds[key.fd] = events
        return key

    def modify(self, fileobj, events, data=None):
        key = self._selector.modify(fileobj, events, data)
        self._loop._cs_fds[key.fd] = events
        return key

    def unregister(self, fileobj):
        key = self._selector.unregister(fileobj)
        self._loop._cs_fds.pop(key.fd, None)
        return key

    def select(self, timeout=None):
        lp = self._loop
        t = _now()
        since = lp._cs_busy_since
        lp._cs_busy_since = None
        if since is not None and t - since >= STALL_NS:
            lp._cs_stall(since, t)
        elif _tracer.samples:
            _tracer.take_samples(lp._cs_thread, 0, t, drop=True)
        events = []
        try:
            events = self._selector.select(timeout)
            return events
        finally:
            lp._cs_busy_since = _now()
            seen = lp._cs_seen
            lp._cs_io_ready = None
            if seen:
                lp._cs_seen = {}
                # The latest of the returned sockets' ready times: never earlier than any was.
                times = [seen[key.fd] for key, _ in events if key.fd in seen]
                if times:
                    lp._cs_io_ready = max(times)

    def __getattr__(self, name):
        return getattr(self._selector, name)


class TracingLoop(asyncio.SelectorEventLoop):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tr = _tracer
        self._cs_id = tr.next_loop
        tr.next_loop += 1
        self._cs_thread = threading.get_ident()
        self._cs_busy_since = None  # busy from a selector wait's end to the next one
        self._cs_fds = {}  # fd -> selector events, for the watchdog
        self._cs_seen = {}  # fd -> when the watchdog saw it ready while the loop was held
        self._cs_io_ready = None  # this iteration's sockets were ready this early
        self._selector = _SelectorProxy(self, self._selector)
        tr.loops.append(self)
        tr.emit("L", self._cs_id, _now(), tr.sid(threading.current_thread().name))

    def run_forever(self):
        self._cs_busy_since = _now()
        try:
            super().run_forever()
        finally:
            t = _now()
            since = self._cs_busy_since
            self._cs_busy_since = None
            if since is not None and t - since >= STALL_NS:
                self._cs_stall(since, t)

    def close(self):
        tr = _tracer
        if self in tr.loops:
            tr.loops.remove(self)
            tr.emit("C", self._cs_id, _now())
        super().close()

    def _cs_tid(self, task):
        tr = _tracer
        n = tr.number(task)
        if not n:
            coro = task.get_coro()
            cname = getattr(coro, "__qualname__", None) or type(coro).__name__
            if cname in _ASYNCIO_OWN:
                tr.tasks[id(task)] = (-1, weakref.ref(task))  # asyncio.run's clean-up: not drawn
                return -1
            n = tr.next_task
            tr.next_task += 1
            tr.tasks[id(task)] = (n, weakref.ref(task))
            frame = getattr(coro, "cr_frame", None)
            where = ""
            if frame is not None:
                where = "%s:%d" % (os.path.basename(frame.f_code.co_filename), frame.f_code.co_firstlineno)
            if frame is not None and not tr.is_user(frame.f_code):
                cname = "%s (%s)" % (cname, _package(frame.f_code.co_filename))  # a library's own task
            tr.emit("T", n, self._cs_id, _now(), tr.sid(task.get_name()), tr.sid(cname), tr.sid(where), tr.current)
        return n

    def call_soon(self, callback, *args, context=None):
        task = getattr(callback, "__self__", None)
        if task is not None and isinstance(task, asyncio.Task):
            tr = _tracer
            n = tr.number(task) or self._cs_tid(task)
            if n > 0:
                # R task now ready-at: when what it awaited was really there, if known earlier.
                hint = 0
                if args:
                    fut = args[0]
                    hint = tr.ready_at.pop(id(fut), 0)
                    if not hint and self._cs_io_ready and not isinstance(fut, asyncio.Task):
                        hint = self._cs_io_ready
                tr.queue.append("R\t%d\t%d\t%d" % (n, _now(), hint))
                return super().call_soon(self._cs_step, callback, task, n, *args, context=context)
        return super().call_soon(callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        if callback is _set_result_unless_cancelled and args:
            _tracer.ready_at[id(args[0])] = int(when * 1e9)  # asyncio.sleep: ready at its deadline
        return super().call_at(when, callback, *args, context=context)

    def _cs_step(self, callback, task, n, *args):
        tr = _tracer
        outer = tr.current
        tr.current = n
        c0 = _cpu()
        t0 = _now()
        try:
            callback(*args)
        finally:
            t1 = _now()
            cpu = _cpu() - c0
            tr.current = outer
            self._cs_after(task, n, t0, t1, cpu)

    def _cs_after(self, task, n, t0, t1, cpu):
        # S task t0 t1 cpu state kind name where other-task held-text held-where held-library
        tr = _tracer
        held = "0\t0\t"
        if t1 - t0 >= HOLD_NS:
            sample = tr.take_samples(self._cs_thread, t0, t1)
            if sample is not None:
                held = "%d\t%d\t%s" % (tr.sid(sample[0]), tr.sid(sample[1]), sample[2])
        if task.done():
            state, what = _outcome(task)
            tr.forget(task)
            tr.queue.append("S\t%d\t%d\t%d\t%d\t%s\t\t%d\t0\t0\t%s" % (n, t0, t1, cpu, state, tr.sid(what), held))
            return
        kind, name, where, other = _awaited(task, tr)
        tr.queue.append(
            "S\t%d\t%d\t%d\t%d\tw\t%s\t%d\t%d\t%d\t%s"
            % (n, t0, t1, cpu, kind, tr.sid(name), tr.sid(where), other, held)
        )

    def _cs_stall(self, t0, t1):
        tr = _tracer
        sample = tr.take_samples(self._cs_thread, t0, t1, drop=True)
        text, where, lib = sample if sample is not None else ("", "", "")
        tr.emit("B", self._cs_id, t0, t1, tr.sid(text), tr.sid(where))

    def run_in_executor(self, executor, func, *args):
        tr = _tracer
        name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)
        if hasattr(func, "func"):  # functools.partial
            name = getattr(func.func, "__qualname__", name)
        tr.next_job += 1
        job = tr.next_job
        by = tr.current

        def run():
            th = threading.current_thread()
            c0 = _cpu()
            t0 = _now()
            tr.emit("j", job, t0, tr.sid(th.name), tr.sid(name), by)
            ok = "d"
            try:
                return func(*args)
            except BaseException:
                ok = "e"
                raise
            finally:
                t1 = _now()
                f = tr.job_futures.pop(job, None)
                if f is not None:
                    tr.ready_at[f] = t1
                tr.emit("J", job, t1, _cpu() - c0, ok)

        fut = super().run_in_executor(executor, run)
        tr.jobs[id(fut)] = name
        tr.job_futures[job] = id(fut)
        return fut


class TracingPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = TracingLoop


def _trace_threads(tracer):
    """The program's own threads as lanes (not the pool's: their jobs are traced)."""
    original = threading.Thread._bootstrap_inner

    def bootstrap(self):
        target = getattr(self, "_target", None)
        if (
            getattr(self, "_coroscope_internal", False)
            or getattr(target, "__module__", "") == "concurrent.futures.thread"
            or getattr(target, "__qualname__", "") == "BaseEventLoop._do_shutdown"
        ):
            return original(self)
        name = getattr(target, "__qualname__", None) or type(self).__qualname__ + ".run"
        tracer.next_thread += 1
        n = tracer.next_thread
        c0 = _cpu()
        tracer.emit("y", n, _now(), tracer.sid(self.name), tracer.sid(name))
        try:
            return original(self)
        finally:
            tracer.emit("Y", n, _now(), _cpu() - c0)

    threading.Thread._bootstrap_inner = bootstrap


class _Output:
    """sys.stdout / sys.stderr as they were, noting each printed line's time and task."""

    def __init__(self, stream, tracer, which):
        self._stream = stream
        self._tracer = tracer
        self._which = which

    def write(self, text):
        if text and not text.isspace() and self._tracer.enabled:
            tr = self._tracer
            tr.emit("O", _now(), tr.current if threading.current_thread() is threading.main_thread() else 0,
                    self._which, tr.sid(text.strip()[:200]))
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main():
    global _tracer
    path = os.environ.get("COROSCOPE_TRACE_SOCKET")
    wanted = os.environ.get("COROSCOPE_TRACE_PROTOCOL", str(PROTOCOL))
    if wanted != str(PROTOCOL):
        sys.stderr.write(
            "coroscope tracer: this tracer speaks protocol %d, Coroscope wants %s: "
            "use the tracer installed with this Coroscope\n" % (PROTOCOL, wanted)
        )
        sys.exit(3)
    if not path or len(sys.argv) < 2:
        sys.stderr.write("usage: coroscope trace -- python3 SCRIPT.py [ARGS...] (run by Coroscope)\n")
        sys.exit(2)
    _tracer = Tracer(path)
    os.environ.pop("COROSCOPE_TRACE_SOCKET", None)  # the program's children are not traced
    asyncio.set_event_loop_policy(TracingPolicy())
    _trace_threads(_tracer)
    sys.stdout = _Output(sys.stdout, _tracer, "out")
    sys.stderr = _Output(sys.stderr, _tracer, "err")

    def at_fork():
        _tracer.emit("F", _now(), _tracer.current)

    def in_child():
        _tracer.enabled = False  # the child's events would mix with the parent's
        _tracer.queue.clear()

    os.register_at_fork(before=at_fork, after_in_child=in_child)

    args = sys.argv[1:]
    status = "0"
    try:
        if args[0] == "-m" and len(args) >= 2:
            sys.argv = args[1:]
            sys.path[0] = os.getcwd()
            runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        elif args[0] == "-c" and len(args) >= 2:
            sys.argv = ["-c"] + args[2:]
            exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__"})
        else:
            sys.argv = args
            sys.path[0] = os.path.dirname(os.path.abspath(args[0]))
            runpy.run_path(args[0], run_name="__main__")
    except SystemExit as e:
        code = e.code
        if code is None:
            status = "0"
        elif isinstance(code, int):
            status = str(code)
        else:
            sys.stderr.write(str(code) + "\n")
            status = "1"
    except KeyboardInterrupt:
        traceback.print_exc()
        status = "130"
    except BaseException as e:
        # The program's traceback without the tracer's own frames.
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename in (_HERE, runpy.__file__):
            tb = tb.tb_next
        traceback.print_exception(type(e), e, tb)
        status = "1"
    # The interpreter would wait for the program's threads after this: their ends are traced.
    for th in threading.enumerate():
        if th is not threading.main_thread() and not th.daemon and not getattr(th, "_coroscope_internal", False):
            try:
                th.join()
            except BaseException:
                break
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    sys.stdout = sys.__stdout__
    sys.stderr = sys.__stderr__
    _tracer.close(status)
    code = int(status) if status.lstrip("-").isdigit() else 1
    sys.exit(code)


if __name__ == "__main__":
    main()
