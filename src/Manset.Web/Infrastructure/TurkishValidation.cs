using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Manset.Web.Infrastructure;

/// <summary>
/// Form errors in Turkish, from the resource file: model binding's own messages ("the value is not valid") and
/// every validation attribute that does not bring its own message. No implicit "required" for non-nullable
/// strings: the pages and the article service say what is required, in their own words.
/// </summary>
public sealed class TurkishValidation(IStringLocalizer<SharedResource> T) : IConfigureOptions<MvcOptions>, IValidationMetadataProvider
{
    public void Configure(MvcOptions options)
    {
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => T["Bind_AttemptedValueIsInvalid", value, field]);
        m.SetMissingBindRequiredValueAccessor(field => T["Bind_MissingValue", field]);
        m.SetMissingKeyOrValueAccessor(() => T["Bind_MissingKeyOrValue"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => T["Bind_MissingBody"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => T["Bind_NonPropertyValueIsInvalid", value]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => T["Bind_UnknownValueIsInvalid"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => T["Bind_MustBeANumber"]);
        m.SetUnknownValueIsInvalidAccessor(field => T["Bind_FieldValueIsInvalid", field]);
        m.SetValueIsInvalidAccessor(value => T["Bind_NonPropertyValueIsInvalid", value]);
        m.SetValueMustBeANumberAccessor(field => T["Bind_FieldMustBeANumber", field]);
        m.SetValueMustNotBeNullAccessor(value => T["Bind_MissingValue", value]);
        options.ModelMetadataDetailsProviders.Add(this);
    }

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceName is not null) continue;
            var key = attribute switch
            {
                RequiredAttribute => "Val_Required",
                RangeAttribute => "Val_Range",
                StringLengthAttribute { MinimumLength: > 0 } => "Val_StringLengthBetween",
                StringLengthAttribute or MaxLengthAttribute => "Val_MaxLength",
                MinLengthAttribute => "Val_MinLength",
                EmailAddressAttribute => "Val_Email",
                CompareAttribute => "Val_Compare",
                UrlAttribute => "Val_Url",
                _ => null,
            };
            // The attributes format {0} as the field's display name and {1}, {2} as their limits.
            if (key is not null) attribute.ErrorMessage = T[key].Value;
        }
    }
}
