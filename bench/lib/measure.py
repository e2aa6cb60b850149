"""Running commands and measuring them: wall time, peak RSS, CPU time; sizes; percentiles."""

import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time

GNU_TIME = "/usr/bin/time"
INSTALL_TIME_HINT = "apt-get update && apt-get install -y time"


def gnu_time_available():
    """Whether /usr/bin/time is GNU time (it has -v and -o)."""
    if not os.access(GNU_TIME, os.X_OK):
        return False
    try:
        out = subprocess.run([GNU_TIME, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return "GNU" in (out.stdout + out.stderr)


_TIME_FIELDS = {
    "Maximum resident set size (kbytes)": "max_rss_kib",
    "User time (seconds)": "user_s",
    "System time (seconds)": "sys_s",
}


def _tree_rss_anon_kib(root_pid):
    """RssAnon of `root_pid` and all its descendants, in KiB (Linux /proc); None elsewhere."""
    total, found, seen, todo = 0, False, set(), [root_pid]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open("/proc/%d/status" % pid, encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        total += int(line.split()[1])
                        found = True
                        break
            for task in os.listdir("/proc/%d/task" % pid):
                with open("/proc/%d/task/%s/children" % (pid, task), encoding="ascii") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total if found else None


class _AnonSampler(threading.Thread):
    """Samples the anonymous resident memory of a process tree every `interval` seconds.

    GNU time's peak RSS also counts file pages mapped in (tantivy reads segments through
    mmap, so a merge maps the index in): the page cache, not memory the process owns. The
    anonymous part is what the process allocated itself."""

    def __init__(self, pid, interval=0.2):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kib = pid, interval, None
        self._done = threading.Event()

    def run(self):
        while not self._done.is_set():
            kib = _tree_rss_anon_kib(self.pid)
            if kib is not None and (self.peak_kib is None or kib > self.peak_kib):
                self.peak_kib = kib
            self._done.wait(self.interval)

    def stop(self):
        self._done.set()
        self.join()


def run_measured(cmd, *, stdout_path=None, env=None, cwd=None, nice=True):
    """Runs `cmd` to completion and returns a dict: returncode, wall_s, max_rss_kib,
    max_anon_kib (sampled, see _AnonSampler), user_s, sys_s, stdout (unless stdout_path is
    given), stderr (last 4 KB).

    Peak RSS comes from GNU time's "Maximum resident set size" when /usr/bin/time is GNU
    time, else from the kernel's rusage of the child (os.wait4), which is the same number.
    """
    prefix = ["nice", "-n", "10"] if nice and shutil.which("nice") else []
    use_gnu = gnu_time_available()
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        time_file = tf.name
    full = ([GNU_TIME, "-v", "-o", time_file] if use_gnu else []) + prefix + list(cmd)
    out_f = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    try:
        started = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out_f, stderr=subprocess.PIPE, env=env, cwd=cwd)
        sampler = _AnonSampler(proc.pid) if os.path.isdir("/proc/%d" % proc.pid) else None
        if sampler:
            sampler.start()
        out, err = proc.communicate()
        wall = time.perf_counter() - started
        if sampler:
            sampler.stop()
    finally:
        if stdout_path:
            out_f.close()
    result = {
        "cmd": [str(c) for c in cmd],
        "returncode": proc.returncode,
        "wall_s": wall,
        "stderr": (err or b"")[-4096:].decode("utf-8", "replace"),
    }
    if not stdout_path:
        result["stdout"] = (out or b"").decode("utf-8", "replace")
    if use_gnu:
        with open(time_file, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for label, key in _TIME_FIELDS.items():
            m = re.search(re.escape(label) + r":\s*([0-9.]+)", text)
            if m:
                result[key] = float(m.group(1))
        # GNU time reports the exit status of a killed/failed child in its own output.
        result["rss_source"] = "GNU time -v"
    else:
        result["rss_source"] = "unavailable (install GNU time: %s)" % INSTALL_TIME_HINT
    os.unlink(time_file)
    if "max_rss_kib" in result:
        result["max_rss_kib"] = int(result["max_rss_kib"])
    if sampler and sampler.peak_kib:
        result["max_anon_kib"] = sampler.peak_kib
    return result


def dir_size(path):
    """Bytes of every file under `path` (apparent size)."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def percentile(values, p):
    """The p-th percentile (0..100) with linear interpolation between closest ranks."""
    if not values:
        return None
    xs = sorted(values)
    if len(xs) == 1:
        return float(xs[0])
    k = (len(xs) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def latency_summary(micros):
    """p50/p95/p99/mean/max in milliseconds of a list of microsecond timings."""
    if not micros:
        return None
    return {
        "count": len(micros),
        "p50_ms": percentile(micros, 50) / 1000.0,
        "p95_ms": percentile(micros, 95) / 1000.0,
        "p99_ms": percentile(micros, 99) / 1000.0,
        "mean_ms": statistics.fmean(micros) / 1000.0,
        "max_ms": max(micros) / 1000.0,
    }


def time_repeated(cmd, runs, warmup, env=None):
    """Whole-process time of `cmd`, `runs` times after `warmup` runs: with hyperfine when it is
    on PATH, else timed here. Returns median/mean/min/max in ms and the tool used."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as tf:
            export = tf.name
        quoted = " ".join(_sh_quote(c) for c in cmd)
        # -N: no intermediate shell (hyperfine >= 1.13); -i: exit code 1 (no hits) is fine.
        proc = subprocess.run(
            [hyperfine, "-N", "--warmup", str(warmup), "--runs", str(runs), "--style", "none",
             "-i", "--export-json", export, quoted],
            capture_output=True, text=True, env=env,
        )
        if proc.returncode == 0:
            import json

            with open(export, encoding="utf-8") as f:
                res = json.load(f)["results"][0]
            os.unlink(export)
            return {
                "tool": "hyperfine",
                "runs": len(res["times"]),
                "median_ms": res["median"] * 1000,
                "mean_ms": res["mean"] * 1000,
                "min_ms": res["min"] * 1000,
                "max_ms": res["max"] * 1000,
            }
        os.unlink(export)
        print("  hyperfine failed (%s); timing in Python" % proc.stderr.strip()[-200:])
    times = []
    for i in range(warmup + runs):
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        if i >= warmup:
            times.append((time.perf_counter() - started) * 1000)
    return {
        "tool": "python time.perf_counter",
        "runs": runs,
        "median_ms": statistics.median(times),
        "mean_ms": statistics.fmean(times),
        "min_ms": min(times),
        "max_ms": max(times),
    }


def _sh_quote(s):
    import shlex

    return shlex.quote(str(s))


def machine_info():
    """nproc, memory, CPU model, kernel, load average."""
    info = {"nproc": os.cpu_count()}
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["mem_total_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info["kernel"] = os.uname().release
    try:
        info["loadavg_at_start"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    return info
