using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// A logger provider that keeps every entry in memory: its category, formatted message, state values and
/// exception, and every scope opened (as an entry of its own, so a scope's values are searched too).
/// </summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private static string Values(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            sink.Entries.Enqueue((category, LogLevel.None, $"scope: {state} | {Values(state)}"));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue(
                (category, logLevel, $"{formatter(state, exception)} | {Values(state)} | {exception}"));
    }
}
