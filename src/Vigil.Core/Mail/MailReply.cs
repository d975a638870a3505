namespace Vigil.Core.Mail;

/// <summary>
/// The reply an SMTP or LMTP listener gives for a message (or, in LMTP, for one recipient): a reply code and its
/// text with an enhanced status code (RFC 3463). The text is fixed wording or field names, never the message's.
/// </summary>
public sealed record MailReply(int Code, string Text)
{
    public static readonly MailReply Malformed = new(554, "5.6.0 Malformed message");

    public static MailReply For(MailReceipt receipt) => receipt.Verdict switch
    {
        MailVerdict.Taken or MailVerdict.Dropped => new(250, "2.0.0 Ok"),
        MailVerdict.Deferred => new(451, "4.7.1 Too many messages, try again later"),
        _ when receipt.Reason == ReceiveMail.UnknownAddress => new(550, "5.1.1 Message refused"),
        // Field names only (e.g. "attachments[0]"): the MTA logs this line and bounces it to the sender.
        _ => new(554, "5.6.0 Message refused: " + receipt.Reason),
    };
}
