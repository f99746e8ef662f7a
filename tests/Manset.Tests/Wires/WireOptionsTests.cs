using System.ComponentModel.DataAnnotations;
using Manset.Web.Infrastructure;
using Manset.Web.Wires;

namespace Manset.Tests.Wires;

/// <summary><c>Manset:Wires</c>: what a source must say, what counts as a secret, names used once.</summary>
public class WireOptionsTests
{
    static List<string> Errors(WireSourceOptions source)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(source, new ValidationContext(source), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }

    [Fact]
    public void A_source_with_nothing_set_is_refused_for_its_name_type_and_address_as_missing()
    {
        var errors = Errors(new WireSourceOptions());
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Contains("required", e, StringComparison.Ordinal));
        var source = new WireSourceOptions();
        Assert.Equal(("", "", ""), (source.Name, source.Type, source.Url));
        Assert.Equal("draft", source.Mode);
        Assert.False(source.Publish);
    }

    [Fact]
    public void A_complete_source_is_accepted_and_publishes_only_when_it_says_so()
    {
        var source = new WireSourceOptions { Name = "iha-ulusal", Type = "iha", Url = "https://abone.iha.com.tr/yeniabone/rss", Mode = "publish" };
        Assert.Empty(Errors(source));
        Assert.True(source.Publish);
        source.Mode = "Publish";
        Assert.False(source.Publish);
        Assert.Equal(["Mode: draft ya da publish."], Errors(source));
    }

    [Fact]
    public void Secrets_are_the_credentials_of_three_characters_or_more()
    {
        var source = new WireSourceOptions { UserName = "abc", Password = "Gizli-Parola", UserCode = "12" };
        Assert.Equal(["Gizli-Parola", "abc"], source.Secrets.Order(StringComparer.Ordinal));
        Assert.Empty(new WireSourceOptions().Secrets);
    }

    [Fact]
    public void Background_pulls_are_on_unless_turned_off() => Assert.True(new WiresOptions().AutoPull);

    [Fact]
    public void A_source_name_used_twice_is_refused_naming_it()
    {
        var options = new MansetOptions();
        options.Wires.Sources.Add(new WireSourceOptions { Name = "aa" });
        options.Wires.Sources.Add(new WireSourceOptions { Name = "iha" });
        var check = new WiresOptionsCheck();
        Assert.True(check.Validate(null, options).Succeeded);
        options.Wires.Sources.Add(new WireSourceOptions { Name = "aa" });
        var result = check.Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal("Manset:Wires:Sources: aynı ad birden çok kez kullanılmış: aa.", result.FailureMessage);
    }
}
