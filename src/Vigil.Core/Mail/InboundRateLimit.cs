using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Vigil.Core.Mail;

/// <summary>
/// Mail bombs: at most <see cref="InboundMailOptions.PerSenderPerHour"/> messages from one sender and
/// <see cref="InboundMailOptions.PerAddressPerHour"/> to one address per clock hour, in this process. Counted here
/// rather than with System.Threading.RateLimiting because its limiters read the system clock, and this one is
/// tested by moving the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class InboundRateLimit(TimeProvider time, IOptions<InboundMailOptions> options)
{
    private readonly ConcurrentDictionary<string, (long Hour, int Count)> _counts =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Counts one message from <paramref name="sender"/> to <paramref name="recipients"/>; false when a limit is
    /// reached (nothing counted then).
    /// </summary>
    public bool TryTake(string sender, IEnumerable<string> recipients)
    {
        var hour = time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        var keys = recipients.Select(r => ("to:" + r, options.Value.PerAddressPerHour))
            .Prepend(("from:" + sender, options.Value.PerSenderPerHour)).ToList();
        lock (_counts)
        {
            if (keys.Any(k => Count(k.Item1, hour) >= k.Item2))
            {
                return false;
            }
            foreach (var (key, _) in keys)
            {
                _counts[key] = (hour, Count(key, hour) + 1);
            }
            if (_counts.Count > 100_000)
            {
                foreach (var stale in _counts.Where(c => c.Value.Hour != hour).Select(c => c.Key).ToList())
                {
                    _counts.TryRemove(stale, out _);
                }
            }
        }
        return true;
    }

    private int Count(string key, long hour) => _counts.TryGetValue(key, out var c) && c.Hour == hour ? c.Count : 0;
}
