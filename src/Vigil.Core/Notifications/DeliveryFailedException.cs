namespace Vigil.Core.Notifications;

/// <summary>A send that failed for a reason safe to store and log (a status, never a body or an address).</summary>
public sealed class DeliveryFailedException(string safeReason, Exception? inner = null) : Exception(safeReason, inner);
