using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Manset.Web.Infrastructure;

/// <summary>
/// Binds <c>bool</c> and <c>bool?</c> (checkboxes, filter switches) as MVC does, except for a value that is not a truth
/// value (<c>RememberMe=|env</c>): MVC keeps such text as the field's raw value, and the checkbox drawn again from it
/// throws (<see cref="FormatException"/>) so the form answered 500 instead of showing its error. Here the error is
/// recorded in Turkish as before, and the field is drawn from the model (unticked).
/// </summary>
public sealed class BooleanBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) && !context.Metadata.IsComplexType
            ? new BooleanModelBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
}

public sealed class BooleanModelBinder(IModelBinder inner) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        var text = values.FirstValue;
        if (values == ValueProviderResult.None || string.IsNullOrWhiteSpace(text) || bool.TryParse(text, out _))
        {
            return inner.BindModelAsync(bindingContext);
        }
        var metadata = bindingContext.ModelMetadata;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: null, attemptedValue: text);
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
            metadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, metadata.GetDisplayName()));
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}
