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
import types
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
        self.lines = {}  # (code, instruction) -> (text, where, their string ids)
        self.coroutines = {}  # a coroutine's code -> (name id, where id), or (-1, -1): not drawn
        self.ready = {}  # task number -> (when its wake-up was scheduled, when it was really ready)
        self.code_kind = {}  # a library's code object -> what awaiting in it means
        self.sleeps = {}  # id(asyncio.sleep's future) -> its delay, as written
        self.next_task = 1
        self.tasks = {}  # id(task) -> (task number, weak reference to the task)
        self.jobs = {}  # id(executor future) -> the job's function name
        # When a future's result was really there, where the loop learns it later: a timer's
        # deadline, a pool job's end (id(future) -> monotonic ns).
        self.ready_at = {}
        self.next_job = 0
        self.next_thread = 0
        self.next_loop = 1
        self.loops = []
        self.samples = []  # (t, thread id, frames key) from the watchdog
        self.sample_lock = threading.Lock()
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
                    self.queue.append("N\t%d\t%s" % (n, _clean(text)))  # before another thread can use n
                    self.strings[text] = n
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
            try:
                self._sample()
                if _now() - last >= FLUSH_PERIOD_S * 1e9:
                    self.flush()
                    last = _now()
                    self._prune()
            except Exception:
                pass  # a sample that failed is lost, never the watchdog

    def _prune(self):
        """Entries of futures that were never awaited directly (gather, wait_for…) die with them."""
        now = _now()
        if now - getattr(self, "_pruned", 0) < 2e9:
            return
        self._pruned = now
        for table in (self.ready_at, self.sleeps, self.jobs):
            for key, entry in list(table.items()):
                if entry[1]() is None:
                    table.pop(key, None)
        for key, entry in list(self.tasks.items()):
            if entry[1]() is None:
                self.tasks.pop(key, None)

    def take(self, table, fut):
        """The entry `table` holds for `fut` (and only for it: ids are reused), removed."""
        entry = table.pop(id(fut), None)
        if entry is not None and entry[1]() is fut:
            return entry[0]
        return None

    def close(self, status):
        self.emit("Z", _now(), status, time.process_time_ns())
        self.stop.set()
        self.flush()
        try:
            self.sock.close()
        except OSError:
            pass
        self.enabled = False

    @property
    def current(self):
        """The number of the task running on this thread's loop, or 0 (prints, forks, pool jobs:
        not on every step)."""
        try:
            task = asyncio.current_task()
        except RuntimeError:
            return 0
        return self.number(task) if task is not None else 0

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
            # What a library's code awaits, once per code object: "http", "db", "acquire"
            # (locks, queues), "io" (streams, sockets), or "".
            if not u:
                kind = _library_kind([f], "")
                if not kind:
                    base = os.path.basename(f)
                    if base in ("locks.py", "queues.py"):
                        kind = "acquire"
                    elif base in ("streams.py", "selector_events.py", "base_events.py"):
                        kind = "io"
                self.code_kind[code] = kind
        return u

    def line_of(self, frame):
        """(the call on the frame's line, "file.py:12 in func"), cached per code and line."""
        key = (frame.f_code, frame.f_lasti)  # (f_lineno walks the line table: not on every step)
        found = self.lines.get(key)
        if found is None:
            code, line = frame.f_code, frame.f_lineno or 0
            text = _call_text(linecache.getline(code.co_filename, line))
            where = "%s:%d in %s" % (os.path.basename(code.co_filename), line, code.co_name)
            found = (text, where, self.sid(text), self.sid(where))
            self.lines[key] = found
        return found

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
            try:
                cpu = time.clock_gettime_ns(lp._cs_cpu_clock)
            except (OSError, AttributeError):
                cpu = -1
            with self.sample_lock:
                self.samples.append((now, lp._cs_thread, key, cpu))

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
        text, where = self.line_of(f)[:2]
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

    def cpu_share(self, thread, t0, t1, duration):
        """The thread's CPU time over [t0, t1], from the first and last samples in it (scaled
        to the whole step), or -1 with fewer than two."""
        with self.sample_lock:
            inside = [s for s in self.samples if s[1] == thread and t0 <= s[0] <= t1 and s[3] >= 0]
        if len(inside) < 2 or inside[-1][0] <= inside[0][0]:
            return -1
        share = (inside[-1][3] - inside[0][3]) / (inside[-1][0] - inside[0][0])
        return int(max(0.0, min(1.0, share)) * duration)

    def take_samples(self, thread, t0, t1, drop=False):
        """The most frequent sample of `thread` in [t0, t1], or None; `drop`: and forget the
        samples up to t1 (a busy period ended)."""
        with self.sample_lock:
            if not self.samples:
                return None
            counts = collections.Counter(s[2] for s in self.samples if s[1] == thread and t0 <= s[0] <= t1)
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
    """What a suspended task awaits: (kind, name, where, the awaited task's number). On every
    step of every task: kept cheap (no frame locals but for HTTP and database names)."""
    waiter = task._fut_waiter
    coro = task.get_coro()
    user = None
    inner = None
    lib = ""  # the innermost library code's kind that says something
    has_lib = False
    user_code = tracer.user_code
    code_kind = tracer.code_kind
    while coro is not None:
        t = type(coro)  # (no try/except: raising AttributeError on every step cost microseconds)
        if t is _CoroutineType:
            frame = coro.cr_frame
            nxt = coro.cr_await
        elif t is _GeneratorType:
            frame = coro.gi_frame
            nxt = coro.gi_yieldfrom
        else:
            frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
            nxt = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
        if frame is None:
            break
        code = frame.f_code
        u = user_code.get(code)
        if u is None:
            u = tracer.is_user(code)
        if u:
            user = frame
        else:
            has_lib = True
            k = code_kind.get(code, "")
            if k and (not lib or lib == "io" or lib == "acquire"):
                lib = k  # http/db over the generic kinds
        inner = frame
        coro = nxt
    if user is None:
        user = inner
    if user is not None:
        text, _, text_id, where = tracer.line_of(user)
    else:
        text, text_id, where = "", 0, 0
    sid = tracer.sid
    if waiter is not None:
        if isinstance(waiter, asyncio.Task):
            return "wait", sid("await %s" % _task_label(waiter)), where, tracer.number(waiter)
        delay = tracer.take(tracer.sleeps, waiter) if tracer.sleeps else None
        if delay is not None:
            return "sleep", sid("asyncio.sleep(%s)" % delay), where, 0
        job = tracer.take(tracer.jobs, waiter) if tracer.jobs else None
        if job is not None:
            return "wait", sid("run_in_executor(%s)" % job), where, 0
        if type(waiter).__name__ == "_GatheringFuture":
            return "wait", text_id if text else sid("gather"), where, 0
    if lib:
        if lib == "http" or lib == "db":
            try:
                named = _http_name(_chain(task)) if lib == "http" else _db_name(_chain(task))
            except Exception:
                named = ""
            return lib, sid(named or text), where, 0
        if lib == "acquire":
            return "acquire", text_id, where, 0
        if waiter is not None:
            return "io", text_id, where, 0
    if waiter is None and not text:
        return "wait", sid("yielded to the loop"), where, 0
    return "wait", text_id, where, 0


def _chain(task):
    frames = []
    coro = task.get_coro()
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is None:
            break
        frames.append(frame)
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    return frames


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
    # Not task.exception(): that marks it retrieved, and asyncio would no longer say "Task
    # exception was never retrieved".
    exc = getattr(task, "_exception", None)
    if exc is None:
        return "d", ""
    try:
        return "e", "%s: %s" % (type(exc).__name__, exc)
    except Exception:
        return "e", type(exc).__name__


_Handle = asyncio.events.Handle
_Task = asyncio.Task
_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType
_NOT_WOKEN = (0, 0, 0)
_STEP_NAMES = {"task_wakeup", "__step", "__wakeup", "_Task__step", "_Task__wakeup"}


def _is_step(callback):
    """A task's own step or wake-up (the C task's TaskStepMethWrapper / task_wakeup, the Python
    task's __step / __wakeup) — not task.cancel or another bound method of a task."""
    return type(callback).__name__ == "TaskStepMethWrapper" or getattr(callback, "__name__", None) in _STEP_NAMES
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


class _StepHandle(asyncio.events.Handle):
    """A task's step, timed where the loop runs it (no wrapper: one frame less per step)."""

    __slots__ = ("_cs_task", "_cs_n")

    def _run(self):
        # S task t0 t1 cpu state kind name where other-task held-text held-where held-library
        #   woken ready-at io-ready
        # cpu: the thread's CPU time in the step as the watchdog's samples saw it, -1 unknown;
        # woken: when the wake-up that ran this step was scheduled (0: none seen); ready-at:
        # when what the task awaited was really there, if known earlier (0: no better guess).
        tr = _tracer
        n = self._cs_n
        task = self._cs_task
        woken, hint, io = tr.ready.pop(n, _NOT_WOKEN)  # what made this step run (later ones: the next)
        t0 = _now()
        try:
            self._context.run(self._callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            _report(self, exc)  # as Handle._run does
        finally:
            # The tracer's own trouble never reaches the program.
            try:
                t1 = _now()
                held = "0\t0\t"
                cpu = -1
                if t1 - t0 >= HOLD_NS:
                    thread = self._loop._cs_thread
                    sample = tr.take_samples(thread, t0, t1)
                    if sample is not None:
                        held = "%d\t%d\t%s" % (tr.sid(sample[0]), tr.sid(sample[1]), sample[2])
                        cpu = tr.cpu_share(thread, t0, t1, t1 - t0)
                if task.done():
                    state, what = _outcome(task)
                    tr.forget(task)
                    tr.ready.pop(n, None)
                    tr.queue.append(
                        "S\t%d\t%d\t%d\t%d\t%s\t\t%d\t0\t0\t%s\t%d\t%d\t%d" % (n, t0, t1, cpu, state, tr.sid(what), held, woken, hint, io)
                    )
                else:
                    kind, name, where, other = _awaited(task, tr)
                    tr.queue.append(
                        "S\t%d\t%d\t%d\t%d\tw\t%s\t%d\t%d\t%d\t%s\t%d\t%d\t%d" % (n, t0, t1, cpu, kind, name, where, other, held, woken, hint, io)
                    )
            except Exception:
                pass


def _report(handle, exc):
    """An exception out of a callback, to the loop's exception handler (events.Handle._run)."""
    from asyncio import format_helpers

    try:
        cb = format_helpers._format_callback_source(handle._callback, handle._args)
    except TypeError:  # 3.13 takes debug= too
        cb = format_helpers._format_callback_source(handle._callback, handle._args, debug=handle._loop.get_debug())
    context = {"message": "Exception in callback %s" % cb, "exception": exc, "handle": handle}
    if handle._source_traceback:
        context["source_traceback"] = handle._source_traceback
    handle._loop.call_exception_handler(context)


class TracingLoop(asyncio.SelectorEventLoop):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tr = _tracer
        self._cs_id = tr.next_loop
        tr.next_loop += 1
        self._cs_announced = None  # the thread it was last run on (its lane), set by run_forever
        self._cs_bind()
        self._cs_busy_since = None  # busy from a selector wait's end to the next one
        self._cs_fds = {}  # fd -> selector events, for the watchdog
        self._cs_seen = {}  # fd -> when the watchdog saw it ready while the loop was held
        self._cs_io_ready = None  # this iteration's sockets were ready this early
        self._selector = _SelectorProxy(self, self._selector)
        tr.loops.append(self)

    def _cs_bind(self):
        """The thread the loop runs on: the watchdog samples it, its lane is named after it."""
        self._cs_thread = threading.get_ident()
        try:
            self._cs_cpu_clock = time.pthread_getcpuclockid(self._cs_thread)
        except (OSError, AttributeError):
            self._cs_cpu_clock = None

    def run_forever(self):
        if self._cs_announced != threading.get_ident():
            self._cs_bind()
            self._cs_announced = self._cs_thread
            _tracer.emit("L", self._cs_id, _now(), _tracer.sid(threading.current_thread().name))
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
        """A task seen for the first time (its first step is being scheduled): its number.
        T task loop created name coroutine where creator — the name "#12" for asyncio's own
        "Task-12" (sent as a number: every task has one)."""
        tr = _tracer
        n = tr.number(task)
        if not n:
            coro = task.get_coro()
            code = getattr(coro, "cr_code", None)
            described = tr.coroutines.get(code) if code is not None else None
            if described is None:
                cname = getattr(coro, "__qualname__", None) or type(coro).__name__
                if cname in _ASYNCIO_OWN:
                    described = (-1, -1)
                else:
                    where = ""
                    if code is not None:
                        where = "%s:%d" % (os.path.basename(code.co_filename), code.co_firstlineno)
                        if not tr.is_user(code):
                            cname = "%s (%s)" % (cname, _package(code.co_filename))  # a library's own task
                    described = (tr.sid(cname), tr.sid(where))
                if code is not None:
                    tr.coroutines[code] = described
            if described[0] < 0:
                tr.tasks[id(task)] = (-1, weakref.ref(task))  # asyncio.run's clean-up: not drawn
                return -1
            n = tr.next_task
            tr.next_task += 1
            tr.tasks[id(task)] = (n, weakref.ref(task))
            name = task.get_name()
            if name.startswith("Task-") and name[5:].isdigit():
                name = "#" + name[5:]
            else:
                name = str(tr.sid(name))
            tr.queue.append("T\t%d\t%d\t%d\t%s\t%d\t%d\t%d" % (n, self._cs_id, _now(), name, described[0], described[1], tr.current))
        return n

    def call_soon(self, callback, *args, context=None):
        task = getattr(callback, "__self__", None)
        if task is not None and isinstance(task, _Task) and _is_step(callback):
            tr = _tracer
            entry = tr.tasks.get(id(task))
            n = entry[0] if entry is not None and entry[1]() is task else self._cs_tid(task)
            if n > 0:
                # R task now ready-at: when what it awaited was really there, if known earlier.
                hint = 0
                io = 0
                if args:
                    fut = args[0]
                    if tr.ready_at:
                        hint = tr.take(tr.ready_at, fut) or 0
                    if not hint and self._cs_io_ready and not isinstance(fut, _Task):
                        # When this iteration's sockets were ready: it applies to a wait on a
                        # socket, not to one on an Event its handler then set (the decoder
                        # uses it for I/O waits only).
                        io = self._cs_io_ready
                if n not in tr.ready:
                    tr.ready[n] = (_now(), hint, io)  # the first wake-up counts
                # BaseEventLoop.call_soon, inlined: this runs on every step of every task.
                if self._closed:
                    self._check_closed()
                if self._debug:
                    self._check_thread()
                    self._check_callback(callback, "call_soon")
                handle = _StepHandle(callback, args, self, context)
                handle._cs_task = task
                handle._cs_n = n
                self._ready.append(handle)
                return handle
        return super().call_soon(callback, *args, context=context)

    def call_later(self, delay, callback, *args, context=None):
        # asyncio.sleep(delay): ready at its deadline; named with the delay as it was given.
        if callback is _set_result_unless_cancelled and args:
            tr = _tracer
            fut = args[0]
            key = id(fut)
            ref = weakref.ref(fut)
            tr.ready_at[key] = (int((self.time() + delay) * 1e9), ref)
            tr.sleeps[key] = ("%g" % delay, ref)
        return super().call_later(delay, callback, *args, context=context)

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
                if holder:
                    f = holder[0]()
                    if f is not None:
                        tr.ready_at[id(f)] = (t1, holder[0])
                tr.emit("J", job, t1, _cpu() - c0, ok)

        holder = []  # the future, once there is one (a fast job may end before)
        fut = super().run_in_executor(executor, run)
        ref = weakref.ref(fut)
        holder.append(ref)
        tr.jobs[id(fut)] = (name, ref)
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


class _Discard:
    """A queue that keeps nothing (a forked child's)."""

    def append(self, item):
        pass

    def popleft(self):
        raise IndexError

    def clear(self):
        pass

    def __bool__(self):
        return False


class _Output:
    """sys.stdout / sys.stderr as they were, noting each printed line's time and task."""

    def __init__(self, stream, tracer, which):
        self._stream = stream
        self._tracer = tracer
        self._which = which

    def write(self, text):
        if text and not text.isspace() and self._tracer.enabled:
            tr = self._tracer
            tr.emit("O", _now(), tr.current,
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
        # The child's events would mix with the parent's, and the writer thread did not survive
        # the fork: nothing is queued any more, and no lock the writer may have held is used.
        tr = _tracer
        tr.enabled = False
        tr.queue = _Discard()
        tr.write_lock = threading.Lock()
        tr.string_lock = threading.Lock()
        tr.sample_lock = threading.Lock()
        tr.sid = lambda text: 0
        tr.loops = []

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
            status = str(int(code))  # sys.exit(False) is 0
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
    # What the interpreter does next — threading's exit hooks (a ThreadPoolExecutor left open
    # ends its workers there) and joining the program's threads — done now, so their ends are
    # traced. (A second call, by the interpreter, does nothing.)
    try:
        threading._shutdown()
    except Exception:
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
