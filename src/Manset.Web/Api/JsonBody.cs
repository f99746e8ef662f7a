using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Manset.Web.Api;

/// <summary>
/// Reads a JSON request body and turns every way it can be wrong (not JSON, wrong content type, a field of the
/// wrong type) into a 400 problem that names the field, instead of a bare 400.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                title: "Desteklenmeyen içerik türü",
                detail: "İstek gövdesi JSON olmalı (Content-Type: application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null ? (null, Invalid("$", "İstek gövdesi boş olamaz.")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            var message = field == "$"
                ? $"Geçersiz JSON (satır {e.LineNumber + 1}, konum {e.BytePositionInLine + 1})."
                : $"'{field}' alanının türü ya da biçimi hatalı.";
            return (null, Invalid(field, message));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem(title: "İstek çok büyük", detail: e.Message, statusCode: StatusCodes.Status413PayloadTooLarge));
        }
    }

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "İstek geçersiz", detail: "Gönderilen bilgilerde hata var; ayrıntılar 'errors' altında.");

    /// <summary>"$.image.id" → "image.id", "$.tags[2]" → "tags", "$" or null → "$".</summary>
    static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "$";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0) field = field[..bracket];
        return field.Length == 0 ? "$" : field.Replace("['", "", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);
    }
}
