package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

public class BatchHandler implements RequestHandler<SQSEvent, String> {
    private List<String> failures = new ArrayList<>();
    private String lastMessageId;
    private int processed;

    @Override
    public String handleRequest(SQSEvent event, Context context) {
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            lastMessageId = message.getMessageId();
            process(message);
        }
        return String.join(",", failures);
    }

    private void process(SQSEvent.SQSMessage message) {
        processed++;
        if (message.getBody().isEmpty()) {
            failures.add(message.getMessageId());
        }
    }
}
