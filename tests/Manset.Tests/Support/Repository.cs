namespace Manset.Tests.Support;

public static class Repository
{
    /// <summary>The checkout the tests run from (the folder holding Manset.slnx).</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Manset.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Manset.slnx not found above " + AppContext.BaseDirectory);
    }
}
