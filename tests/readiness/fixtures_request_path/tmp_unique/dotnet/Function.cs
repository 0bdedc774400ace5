using System.IO;
using Amazon.Lambda.Core;

namespace Unique;

public class Function
{
    public string FunctionHandler(string input, ILambdaContext context)
    {
        var id = context.AwsRequestId;
        var path = "/tmp/" + id + ".txt";
        try
        {
            File.WriteAllText(path, input);
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
