using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Tenants;

public class Function
{
    private static readonly AmazonSecurityTokenServiceClient Sts = new AmazonSecurityTokenServiceClient();

    public async Task<string> FunctionHandler(string tenantRoleArn, ILambdaContext context)
    {
        var role = await Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = tenantRoleArn, RoleSessionName = "t" });
        var credentials = new SessionAWSCredentials(role.Credentials.AccessKeyId, role.Credentials.SecretAccessKey,
            role.Credentials.SessionToken);
        using var s3 = new AmazonS3Client(credentials);
        var buckets = await s3.ListBucketsAsync();
        return buckets.Buckets.Count.ToString();
    }
}
