using Manset.Web.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Manset.Web.Newsroom;

/// <summary>A message waiting in the pickup folder (no SMTP configured).</summary>
public sealed record PickedUpMail(string File, DateTimeOffset At, string To, string Subject, string Body);

/// <summary>
/// Sends newsroom e-mail (password reset links) over SMTP when <c>Manset:Mail:Host</c> is set; otherwise writes it
/// to <c>{DataDirectory}/mail</c> as .eml, where administrators see it on the users page.
/// </summary>
public sealed class MailSender(IOptions<MansetOptions> options, TimeProvider clock, ILogger<MailSender> log)
{
    string Pickup => Path.Combine(options.Value.DataPath, "mail");

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(options.Value.Mail.Host);

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var mail = options.Value.Mail;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = clock.GetUtcNow();
        message.Body = new TextPart("plain") { Text = body };
        if (UsesSmtp)
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(mail.Host!, mail.Port, mail.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(mail.UserName)) await smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
            log.LogInformation("E-posta gönderildi: {Subject}", subject);
            return;
        }
        Directory.CreateDirectory(Pickup);
        var file = Path.Combine(Pickup, $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, ct);
        log.LogWarning("SMTP ayarı yok: e-posta {Folder} klasörüne yazıldı ({Subject}).", Pickup, subject);
    }

    /// <summary>The newest messages in the pickup folder.</summary>
    public async Task<List<PickedUpMail>> PickedUpAsync(int count, CancellationToken ct)
    {
        if (!Directory.Exists(Pickup)) return [];
        var result = new List<PickedUpMail>();
        foreach (var file in Directory.EnumerateFiles(Pickup, "*.eml").OrderDescending().Take(count))
        {
            var message = await MimeMessage.LoadAsync(file, ct);
            result.Add(new PickedUpMail(Path.GetFileName(file), message.Date, message.To.ToString(), message.Subject ?? "", message.TextBody ?? ""));
        }
        return result;
    }
}
