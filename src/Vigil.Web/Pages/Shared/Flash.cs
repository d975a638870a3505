using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Vigil.Web.Pages.Shared;

/// <summary>
/// The one-line answer to an action, shown once on the page the action redirects to (post, redirect, get): kept in
/// TempData (a cookie sealed by data protection) until the next page shows it in the layout's status region.
/// </summary>
public static class Flash
{
    public const string Key = "flash";

    /// <summary>A secret to show once beside the message (an invitation link to copy), under its own key.</summary>
    public const string LinkKey = "flash-link";

    public static void Set(ITempDataDictionary tempData, string message, string? link = null)
    {
        tempData[Key] = message;
        if (link is not null)
        {
            tempData[LinkKey] = link;
        }
    }
}
