using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.S3;
using Npgsql;

namespace Clean;

// Ready for multi-concurrency: the analyzer must stay quiet here ("/tmp" in this comment is not a path).
public class Function
{
    private static readonly AmazonS3Client S3 = new AmazonS3Client();
    private static readonly NpgsqlDataSource Db = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("DB"));
    private static readonly ConcurrentDictionary<string, string> Cache = new();
    private static readonly object Sync = new();
    private static readonly AsyncLocal<string> Tenant = new();
    private static int _served;
    private static int _locked;
    private static AmazonS3Client _lazy;

    static Function()
    {
        Environment.SetEnvironmentVariable("AWS_ENABLE_ENDPOINT_DISCOVERY", "false");
    }

    public async Task<string> FunctionHandler(string input, ILambdaContext context)
    {
        Interlocked.Increment(ref _served);
        lock (Sync) { _locked++; }
        _lazy ??= new AmazonS3Client();
        Tenant.Value = input;
        Cache[input] = input;
        var served = 0;
        served++;
        var file = Path.Combine("/tmp", $"{context.AwsRequestId}.json");
        try
        {
            await File.WriteAllTextAsync(file, input);
            context.Logger.LogInformation($"wrote /tmp/{context.AwsRequestId}.json");
            Console.WriteLine($"done {context.AwsRequestId}");
        }
        catch (IOException e)
        {
            throw new InvalidOperationException("cannot write /tmp/out.json", e);
        }
        finally
        {
            File.Delete(file);
        }
        return input + served;
    }
}
