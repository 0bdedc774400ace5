package com.example;

import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.sqs.SqsClient;

public class LoadGenerator {
    private static int sent;

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.region", args[0]);
        for (int i = 0; i < 100; i++) {
            send(i);
        }
        Files.writeString(Path.of("/tmp/load-report.txt"), "sent " + sent);
    }

    private static void send(int i) {
        SqsClient sqs = SqsClient.create();
        sent++;
        System.out.println("sent " + i);
    }
}
