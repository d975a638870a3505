using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vigil.Core.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks (SQLite only; PostgreSQL has timestamptz).</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
