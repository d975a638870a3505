"""Prints one line from wrk --latency output: requests/s, p50, p99, errors and server CPU per request."""
import re, sys

label, path = sys.argv[1:3]
cpu_ticks, ticks_per_s = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (None, None)
text = open(path).read()
def latency(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
requests = int(re.search(r"(\d+) requests in", text).group(1))
cpu = ""
if cpu_ticks is not None and requests:
    ms = cpu_ticks * 1000 / ticks_per_s / requests
    cpu = f", server CPU {ms:.2f} ms/request (2 cores: at most {2000 / ms:.0f} req/s)"
print(f"   {label}: {rps:.0f} req/s, p50 {latency(50):.1f} ms, p99 {latency(99):.1f} ms{cpu}"
      + (f", NON-2xx {non2xx.group(1)}" if non2xx else "") + (f", {errors.group(0)}" if errors else ""))
