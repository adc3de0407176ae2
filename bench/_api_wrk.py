"""The load generator of bench/api_load.py: Debian's wrk, driven by a Lua script that
sends pre-built POST bodies, one per request in turn, and stops after a set number of
responses.

wrk is closed-loop: each of its connections sends the next request as soon as the
previous answer arrives, so latency and throughput are tied by Little's law (mean
latency = connections / throughput). With a think time, each connection waits after
an answer before it sends again, as a client system does between its own requests: a
uniform draw between 0 and twice the think time, so that the connections do not send
in lockstep. wrk times a request from its sending, so the wait is not in the latency.
It is installed with apt-get when missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _report import note

# Pre-built requests, read in init(); a counter in response() stops the run after
# `limit` answers; done() prints one JSON line with HdrHistogram percentiles (µs).
# wrk looks for delay() after init(), so it is defined only for a think time.
LUA = r"""
local bodies_path, key, limit, think = nil, nil, 0, 0
local requests, count, statuses = {}, 0, {}
local next_index = 0

function init(args)
  bodies_path, key, limit, think = args[1], args[2], tonumber(args[3]), tonumber(args[4])
  if think > 0 then
    math.randomseed(7)
    delay = function() return math.random(0, 2 * think) end
  end
  local headers = {["Content-Type"] = "application/json", ["X-API-Key"] = key}
  for line in io.lines(bodies_path) do
    requests[#requests + 1] = wrk.format("POST", "/match/default", headers, line)
  end
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end

function response(status, headers, body)
  count = count + 1
  if status ~= 200 then statuses[status] = (statuses[status] or 0) + 1 end
  if count == limit then
    -- wrk's main thread sleeps for -d whatever the threads do: wake it as Ctrl-C would
    wrk.thread:stop()
    -- (in the background: system() ignores SIGINT in the caller while it runs)
    os.execute("(sleep 0.05; kill -INT $PPID) &")
  end
end

function done(summary, latency, requests)
  local p = {}
  for _, q in ipairs({50, 90, 99, 99.9}) do p[tostring(q)] = latency:percentile(q) end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "min_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "p999_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency.min, latency.max, latency.mean,
    p["50"], p["90"], p["99"], p["99.9"],
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def ensure_wrk() -> str:
    """The wrk binary; installed from Debian (apt-get, as root) when missing."""
    found = shutil.which("wrk")
    if found is not None:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError("wrk is not installed; install Debian's wrk package")
    note("installing wrk from Debian (apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=True)
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("installing wrk failed")
    return found


def run_wrk(
    url: str,
    key: str,
    bodies: Sequence[str],
    requests: int,
    connections: int,
    folder: Path,
    think_ms: int = 0,
) -> dict[str, Any]:
    """Send ``requests`` POST /match requests over ``connections`` connections (one wrk
    thread, so that it takes as little of the cores as it can), each connection waiting
    ``think_ms`` on average after an answer; wrk's summary."""
    binary = ensure_wrk()
    script = folder / "api_load.lua"
    script.write_text(LUA, "utf-8")
    body_file = folder / "bodies.jsonl"
    body_file.write_text("\n".join(bodies) + "\n", "utf-8")
    command = [
        *(binary, "-t1", f"-c{connections}", "-d3600s", "--timeout", "30s"),
        *("-s", str(script), url, "--", str(body_file), key, str(requests), str(think_ms)),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr[-2000:]}")
    line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith("{"))
    out: dict[str, Any] = json.loads(line)
    out["command"] = " ".join(command)
    return out
