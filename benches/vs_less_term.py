"""A minimal terminal for benchmarks: a pseudo-terminal running one program, and a small screen
model (enough of xterm for ratatui/crossterm and less) that the benchmark inspects.

Used by benches/vs_less.py. Standard library only.
"""

import codecs
import fcntl
import os
import queue
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
import unicodedata

# The reading thread (Term._pump) times each read as it arrives; it needs the interpreter's lock
# to do so, and by default a busy thread keeps that lock for up to 5 ms. 0.1 ms bounds how late a
# read can be timed while the screen model parses the one before it.
sys.setswitchinterval(1e-4)


def char_width(ch: str) -> int:
    if ch in "\u200b\u200c\u200d" or unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class Screen:
    """The cells of a rows x cols terminal, fed with the bytes the program writes."""

    def __init__(self, rows: int, cols: int):
        self.rows, self.cols = rows, cols
        self.main = self._blank()
        self.alt = None
        self.cells = self.main
        self.y = self.x = 0
        self.top, self.bottom = 0, rows - 1
        self.saved = (0, 0)
        self.wrap_pending = False
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.state = "ground"
        self.params = ""
        self.osc = ""
        self.replies = []  # answers to the program's queries (DSR, DA), to write back
        self.queries = []  # the queries seen, for the report
        self.bells = 0
        self.app_cursor = False  # DECCKM (CSI ? 1 h): cursor keys send ESC O A instead of ESC [ A

    def _blank(self):
        return [[" "] * self.cols for _ in range(self.rows)]

    # --- inspection -------------------------------------------------------------------------
    def line(self, y: int) -> str:
        return "".join(c for c in self.cells[y] if c is not None).rstrip()

    def lines(self):
        return [self.line(y) for y in range(self.rows)]

    def text(self) -> str:
        return "\n".join(self.lines())

    def snapshot(self):
        return tuple(tuple(r) for r in self.cells)

    # --- feeding ----------------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        for ch in self.decoder.decode(data):
            self._char(ch)

    def _char(self, ch: str) -> None:
        st = self.state
        if st == "ground":
            o = ord(ch)
            if ch == "\x1b":
                self.state = "esc"
            elif o < 0x20 or o == 0x7F:
                self._control(ch)
            else:
                self._print(ch)
        elif st == "esc":
            if ch == "[":
                self.state, self.params = "csi", ""
            elif ch == "]":
                self.state, self.osc = "osc", ""
            elif ch in "()*+#%":
                self.state = "esc_skip1"
            elif ch == "7":
                self.saved = (self.y, self.x)
                self.state = "ground"
            elif ch == "8":
                self.y, self.x = self.saved
                self.wrap_pending = False
                self.state = "ground"
            elif ch == "M":  # reverse index
                if self.y == self.top:
                    self._scroll_down(1)
                elif self.y > 0:
                    self.y -= 1
                self.state = "ground"
            elif ch == "D":
                self._linefeed()
                self.state = "ground"
            elif ch == "E":
                self.x = 0
                self._linefeed()
                self.state = "ground"
            elif ch == "c":
                self.__init__(self.rows, self.cols)
            elif ch in "PX^_":
                self.state = "str"
            else:  # = > and others: no effect on the cells
                self.state = "ground"
        elif st == "esc_skip1":
            self.state = "ground"
        elif st == "csi":
            if "\x40" <= ch <= "\x7e":
                self.state = "ground"
                self._csi(self.params, ch)
            elif ch == "\x1b":
                self.state = "esc"
            else:
                self.params += ch
        elif st == "osc":
            if ch == "\x07":
                self._osc(self.osc)
                self.state = "ground"
            elif ch == "\x1b":
                self.state = "osc_esc"
            else:
                self.osc += ch
        elif st == "osc_esc":
            self._osc(self.osc)
            self.state = "ground" if ch == "\\" else "ground"
        elif st == "str":
            if ch == "\x1b":
                self.state = "str_esc"
            elif ch == "\x07":
                self.state = "ground"
        elif st == "str_esc":
            self.state = "ground"

    def _control(self, ch: str) -> None:
        if ch == "\r":
            self.x = 0
            self.wrap_pending = False
        elif ch in "\n\x0b\x0c":
            self._linefeed()
        elif ch == "\x08":
            if self.x > 0:
                self.x -= 1
            self.wrap_pending = False
        elif ch == "\t":
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)
        elif ch == "\x07":
            self.bells += 1

    def _linefeed(self) -> None:
        self.wrap_pending = False
        if self.y == self.bottom:
            self._scroll_up(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _scroll_up(self, n: int) -> None:
        for _ in range(n):
            del self.cells[self.top]
            self.cells.insert(self.bottom, [" "] * self.cols)

    def _scroll_down(self, n: int) -> None:
        for _ in range(n):
            del self.cells[self.bottom]
            self.cells.insert(self.top, [" "] * self.cols)

    def _print(self, ch: str) -> None:
        w = char_width(ch)
        if w == 0:
            return
        if self.wrap_pending or self.x + w > self.cols:
            self.x = 0
            self._linefeed()
        row = self.cells[self.y]
        row[self.x] = ch
        if w == 2 and self.x + 1 < self.cols:
            row[self.x + 1] = None
        self.x += w
        if self.x >= self.cols:
            self.x = self.cols - 1
            self.wrap_pending = True

    def _osc(self, s: str) -> None:
        num, _, rest = s.partition(";")
        if rest == "?" and num in ("10", "11"):
            self.queries.append("OSC " + num)
            rgb = "ffff/ffff/ffff" if num == "10" else "0000/0000/0000"
            self.replies.append(f"\x1b]{num};rgb:{rgb}\x1b\\".encode())

    def _csi(self, p: str, final: str) -> None:
        private = p[:1] if p[:1] in "?<=>" else ""
        body = p[len(private):]
        nums = []
        for part in body.split(";"):
            part = part.split(":")[0]
            nums.append(int(part) if part.isdigit() else 0)

        def arg(i=0, default=1):
            v = nums[i] if i < len(nums) else 0
            return v if v else default

        if private == "?" and final in "hl":
            for n in nums:
                if n == 1:
                    self.app_cursor = final == "h"
                if n in (47, 1047, 1049):
                    if final == "h" and self.alt is None:
                        if n == 1049:
                            self.saved = (self.y, self.x)
                        self.alt = self._blank()
                        self.cells = self.alt
                    elif final == "l" and self.alt is not None:
                        self.alt = None
                        self.cells = self.main
                        if n == 1049:
                            self.y, self.x = self.saved
            return
        if private == "?" and final == "u":
            self.queries.append("CSI ? u")  # kitty keyboard query: xterm does not answer
            return
        if private:
            if final == "c" and private == ">":
                self.queries.append("CSI > c")
                self.replies.append(b"\x1b[>41;390;0c")
            return
        self.wrap_pending = False
        if final in "Hf":
            self.y = min(self.rows - 1, arg(0) - 1)
            self.x = min(self.cols - 1, arg(1) - 1)
        elif final == "A":
            self.y = max(self.top if self.y >= self.top else 0, self.y - arg())
        elif final == "B":
            self.y = min(self.bottom if self.y <= self.bottom else self.rows - 1, self.y + arg())
        elif final == "C":
            self.x = min(self.cols - 1, self.x + arg())
        elif final == "D":
            self.x = max(0, self.x - arg())
        elif final == "E":
            self.y = min(self.rows - 1, self.y + arg())
            self.x = 0
        elif final == "F":
            self.y = max(0, self.y - arg())
            self.x = 0
        elif final == "G" or final == "`":
            self.x = min(self.cols - 1, arg() - 1)
        elif final == "d":
            self.y = min(self.rows - 1, arg() - 1)
        elif final == "J":
            mode = nums[0] if nums else 0
            if mode == 0:
                self.cells[self.y][self.x:] = [" "] * (self.cols - self.x)
                for y in range(self.y + 1, self.rows):
                    self.cells[y] = [" "] * self.cols
            elif mode == 1:
                self.cells[self.y][: self.x + 1] = [" "] * (self.x + 1)
                for y in range(0, self.y):
                    self.cells[y] = [" "] * self.cols
            else:
                for y in range(self.rows):
                    self.cells[y] = [" "] * self.cols
        elif final == "K":
            mode = nums[0] if nums else 0
            row = self.cells[self.y]
            if mode == 0:
                row[self.x:] = [" "] * (self.cols - self.x)
            elif mode == 1:
                row[: self.x + 1] = [" "] * (self.x + 1)
            else:
                row[:] = [" "] * self.cols
        elif final == "X":
            n = min(arg(), self.cols - self.x)
            self.cells[self.y][self.x:self.x + n] = [" "] * n
        elif final == "P":
            row = self.cells[self.y]
            n = min(arg(), self.cols - self.x)
            del row[self.x:self.x + n]
            row.extend([" "] * n)
        elif final == "@":
            row = self.cells[self.y]
            n = min(arg(), self.cols - self.x)
            for _ in range(n):
                row.insert(self.x, " ")
            del row[self.cols:]
        elif final == "L":
            if self.top <= self.y <= self.bottom:
                for _ in range(arg()):
                    del self.cells[self.bottom]
                    self.cells.insert(self.y, [" "] * self.cols)
        elif final == "M":
            if self.top <= self.y <= self.bottom:
                for _ in range(arg()):
                    del self.cells[self.y]
                    self.cells.insert(self.bottom, [" "] * self.cols)
        elif final == "S":
            self._scroll_up(arg())
        elif final == "T":
            self._scroll_down(arg())
        elif final == "r":
            top = arg(0) - 1
            bottom = (nums[1] if len(nums) > 1 and nums[1] else self.rows) - 1
            if top < bottom:
                self.top, self.bottom = top, min(bottom, self.rows - 1)
            self.y, self.x = 0, 0
        elif final == "n":
            if nums and nums[0] == 6:
                self.queries.append("DSR 6n")
                self.replies.append(f"\x1b[{self.y + 1};{self.x + 1}R".encode())
            elif nums and nums[0] == 5:
                self.replies.append(b"\x1b[0n")
        elif final == "c":
            self.queries.append("DA1")
            self.replies.append(b"\x1b[?62;22c")
        elif final == "t":
            if nums and nums[0] == 18:
                self.replies.append(f"\x1b[8;{self.rows};{self.cols}t".encode())
        # m (colours), s/u (save/restore), q (cursor style) and others: no effect on the text


class Child:
    """A program started by os.posix_spawn: the parts of subprocess.Popen the benchmark uses."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.perf_counter() + timeout
        while self.poll() is None:
            if deadline is not None and time.perf_counter() >= deadline:
                raise subprocess.TimeoutExpired("child", timeout)
            time.sleep(0.005)
        return self.returncode

    def send_signal(self, sig) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def spawn(argv, env, tty: str, cwd=None) -> Child:
    """Starts argv in a new session whose controlling terminal is `tty`, on standard input,
    output and error. posix_spawn (vfork and exec) rather than subprocess.Popen with a
    preexec_fn: that forks the whole interpreter and runs Python in the child before exec,
    which took 3-5 ms here, varied by a millisecond from run to run, and hid differences of a
    tenth of that between the programs measured (benches/README.md, "The harness")."""
    exe = argv[0] if os.sep in argv[0] else shutil.which(argv[0], path=env.get("PATH"))
    if exe is None:
        raise FileNotFoundError(argv[0])
    # A session leader without a controlling terminal that opens one gets it.
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, tty, os.O_RDWR, 0),
        (os.POSIX_SPAWN_DUP2, 0, 1),
        (os.POSIX_SPAWN_DUP2, 0, 2),
    ]
    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)  # posix_spawn has no working directory of its own: the child inherits it
    try:
        return Child(os.posix_spawn(exe, argv, env, file_actions=actions, setsid=True))
    finally:
        os.chdir(here)


class Term:
    """A program running in a pseudo-terminal of rows x cols, with a Screen fed by its output."""

    def __init__(self, argv, env, rows=30, cols=100, cwd=None):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = Screen(rows, cols)
        self.total = 0  # bytes read from the program, all told
        self.log = []  # (arrival time, bytes) of every read, to replay the screen's history
        self.t_first_byte = None  # when the program's first output arrived
        tty = os.ttyname(slave)
        self.t_start = time.perf_counter()
        self.proc = spawn(argv, env, tty, cwd)
        os.close(slave)
        os.set_blocking(self.master, False)
        self.eof = False
        # Reads are made and timed on a thread of their own, so a program's output that reaches
        # us in two reads (a pseudo-terminal passes output on in buffers of about 2 kB) is timed
        # when its second part arrived, not after the screen model parsed the first.
        self._reads = queue.Queue()  # (arrival time, bytes), then None at the end of output
        self._stop = False
        self._pump_thread = threading.Thread(target=self._pump, daemon=True)
        self._pump_thread.start()

    def _pump(self):
        """Reads the program's output as it comes, timing each read on arrival."""
        while not self._stop:
            try:
                r, _, _ = select.select([self.master], [], [], 0.02)
            except (OSError, ValueError):  # the terminal was closed
                break
            if not r:
                continue
            while True:
                try:
                    data = os.read(self.master, 65536)
                except BlockingIOError:
                    break
                except OSError:  # EIO: the program closed the terminal
                    data = b""
                if not data:
                    self._reads.put(None)
                    return
                self._reads.put((time.perf_counter(), data))
        self._reads.put(None)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def up_key(self) -> bytes:
        """The Up arrow as xterm sends it in the program's current cursor-key mode."""
        return b"\x1bOA" if self.screen.app_cursor else b"\x1b[A"

    def send(self, data: bytes) -> float:
        os.write(self.master, data)
        return time.perf_counter()

    def _read_once(self, timeout: float, predicate=None):
        """Waits up to timeout for output and feeds it to the screen, chunk by chunk.

        Returns (got_bytes, t) where t is the arrival time of the chunk after which predicate
        first held (None if it did not, or if no predicate). Arrival is timed at the read, on
        the reading thread, so the time this Python screen model takes to digest the bytes is
        not counted, not even for a chunk that arrived while it digested the one before."""
        if self.eof:
            time.sleep(max(0.0, timeout))
            return False, None
        try:
            first = self._reads.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return False, None
        chunks = []
        item = first
        while True:
            if item is None:
                self.eof = True
                break
            chunks.append(item)
            self.log.append(item)
            try:
                item = self._reads.get_nowait()
            except queue.Empty:
                break
        if chunks and self.t_first_byte is None:
            self.t_first_byte = chunks[0][0]
        hit = None
        for t, data in chunks:
            self.total += len(data)
            self.screen.feed(data)
            if predicate is not None and hit is None and predicate(self.screen):
                hit = t
        if self.screen.replies:
            for reply in self.screen.replies:
                os.write(self.master, reply)
            self.screen.replies.clear()
        return bool(chunks), hit

    def wait_for(self, predicate, timeout: float):
        """Reads until predicate(screen) holds; returns the arrival time of the bytes that made
        it hold (perf_counter), or None on timeout or exit."""
        deadline = time.perf_counter() + timeout
        if predicate(self.screen):
            return time.perf_counter()
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            got, hit = self._read_once(left, predicate)
            if hit is not None:
                return hit
            if not got and self.eof:
                return None

    def settle(self, quiet: float = 0.3, limit: float = 10.0) -> int:
        """Reads until no output came for `quiet` seconds; returns the bytes read meanwhile."""
        start = self.total
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if not self._read_once(quiet)[0]:
                break
        return self.total - start

    def collect(self, duration: float) -> int:
        """Reads for exactly `duration` seconds; returns the bytes read."""
        start = self.total
        deadline = time.perf_counter() + duration
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            self._read_once(left)
        return self.total - start

    def first_time_showing(self, final) -> float:
        """When the screen first looked exactly as `final` (a snapshot): the arrival time of
        the bytes after which it did, found by replaying everything read on a fresh screen."""
        screen = Screen(self.screen.rows, self.screen.cols)
        for t, data in self.log:
            screen.feed(data)
            if screen.snapshot() == final:
                return t
        return None

    def quit_and_reap(self, quit_keys: bytes, timeout: float = 10.0):
        """Sends the quit keys and waits for the exit; returns the CPU time the program used
        (user + system, in seconds), or None if it did not exit in time."""
        os.write(self.master, quit_keys)
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            pid, _status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.proc.returncode = 0  # reaped here; Popen must not wait for it again
                return usage.ru_utime + usage.ru_stime
            self._read_once(0.005)
        return None

    def status(self, field: str):
        """A field of /proc/PID/status, in kB for memory fields."""
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            return None
        return None

    def close(self, quit_keys: bytes = b"q", timeout: float = 3.0) -> None:
        if self.proc.poll() is None:
            try:
                os.write(self.master, quit_keys)
            except OSError:
                pass
            deadline = time.perf_counter() + timeout
            while self.proc.poll() is None and time.perf_counter() < deadline:
                self._read_once(0.05)
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(2)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        self._stop = True
        self._pump_thread.join(1.0)
        try:
            os.close(self.master)
        except OSError:
            pass
