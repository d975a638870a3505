"""Prints one line from wrk --latency output: requests/s, p50, p99 and errors."""
import re, sys

label, path = sys.argv[1:3]
text = open(path).read()
def latency(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
print(f"   {label}: {rps:.0f} req/s, p50 {latency(50):.1f} ms, p99 {latency(99):.1f} ms"
      + (f", NON-2xx {non2xx.group(1)}" if non2xx else "") + (f", {errors.group(0)}" if errors else ""))
