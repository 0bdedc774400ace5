using System.Collections.Generic;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;

namespace Batch;

public class Function
{
    private readonly List<string> _failures = new List<string>();
    private SQSEvent _current;
    private int _processed;

    public List<string> FunctionHandler(SQSEvent input, ILambdaContext context)
    {
        _current = input;
        foreach (var record in input.Records)
        {
            Process(record);
        }
        return _failures;
    }

    private void Process(SQSEvent.SQSMessage record)
    {
        _processed++;
        if (string.IsNullOrEmpty(record.Body))
        {
            _failures.Add(record.MessageId);
        }
    }
}
