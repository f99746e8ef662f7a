using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Manset.Tests.Support;

/// <summary>
/// A real Manşet process (<c>dotnet Manset.Web.dll</c>, Kestrel on 127.0.0.1), configured through its environment as
/// an operator would: the several-node tests start two of these over one PostgreSQL database and one Redis.
/// </summary>
public sealed class Node : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();

    Node(Process process, string name, int port)
    {
        _process = process;
        Name = name;
        Port = port;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }
    public int Port { get; }
    public HttpClient Http { get; }
    public int ProcessId => _process.Id;
    public bool Exited => _process.HasExited;

    /// <summary>What the process wrote (standard output and error), line by line.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>The built Manset.Web.dll beside the test project's own output.</summary>
    public static string WebDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var web = Path.Combine(Repository.Root(), "src", "Manset.Web", "bin", output.Parent!.Name, output.Name, "Manset.Web.dll");
        Assert.True(File.Exists(web), $"{web} is missing (build the solution first)");
        return web;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process; does not wait for it to serve (<see cref="WaitUntilServingAsync"/>).</summary>
    public static Node Start(string name, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(Repository.Root(), "src", "Manset.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (args.Length == 0)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
        }
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        var process = Process.Start(start)!;
        var node = new Node(process, name, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) node._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) node._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Runs a command-line verb as its own process and waits for it.</summary>
    public static async Task<(int Code, string Output)> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        await using var node = Start("cli", settings, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node._process.WaitForExitAsync(timeout.Token);
        node._process.WaitForExit(); // the output pipes are drained
        return (node._process.ExitCode, string.Join('\n', node._output));
    }

    public async Task WaitUntilServingAsync(TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(4)); // the other node may be writing the demo newspaper on a busy machine
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) Assert.Fail($"{Name} exited ({_process.ExitCode}):\n{string.Join('\n', _output)}");
            try
            {
                if ((await Http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{Name} did not start serving:\n{string.Join('\n', _output)}");
    }

    /// <summary>SIGKILL: the node dies without giving anything back (leases, connections).</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM first: a clean stop gives leases back and flushes counters.
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        Http.Dispose();
        _process.Dispose();
    }
}

/// <summary>A Redis server of the test's own (Debian's redis-server on a free port), to stop and start at will.</summary>
public sealed class OwnRedis : IAsyncDisposable
{
    Process? _process;

    OwnRedis(int port) => Port = port;

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    static readonly string? Binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    public static async Task<OwnRedis> StartAsync()
    {
        if (Binary is null)
        {
            const string reason = "redis-server is not installed (apt-get install redis-server)";
            if (Postgres.InCi) throw new InvalidOperationException("CI=true but " + reason);
            TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", TestContext.Current.Test?.TestDisplayName ?? "test setup", reason);
            Assert.Skip(reason);
        }
        var redis = new OwnRedis(Node.FreePort());
        await redis.StartAgainAsync();
        return redis;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Binary!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        Assert.Fail("redis-server did not start");
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) _process.Kill();
        _process?.WaitForExit();
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
