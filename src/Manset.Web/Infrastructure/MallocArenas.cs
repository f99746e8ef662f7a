using System.Runtime.InteropServices;

namespace Manset.Web.Infrastructure;

/// <summary>
/// glibc gives threads that allocate native memory (SQLite, ICU, OpenSSL) arenas of their own, up to eight per core,
/// and what one arena frees is not handed to another: under random load on a million-article paper a node held 15–20
/// MB more that way (bench/scale.sh, row e). The process keeps one arena per core (at least two), unless
/// <c>MALLOC_ARENA_MAX</c> is set, which glibc reads itself. Elsewhere (musl, macOS, Windows) it does nothing.
/// </summary>
public static class MallocArenas
{
    const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    // DllImport, not LibraryImport: that one needs unsafe code in the whole project for two ints.
#pragma warning disable SYSLIB1054
    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
#pragma warning restore SYSLIB1054

    /// <summary>Called first thing in Main, before the thread pool's threads allocate.</summary>
    public static void Limit()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        try
        {
            MallOpt(ArenaMax, Math.Max(2, Environment.ProcessorCount));
        }
        catch (DllNotFoundException)
        {
            // not glibc (Alpine's musl): its allocator has no per-thread arenas to cap
        }
        catch (EntryPointNotFoundException)
        {
        }
    }
}
