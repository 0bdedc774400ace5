package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

public class ReportHandler implements RequestHandler<Map<String, String>, String> {
    private final S3Client s3;
    private DynamoDbClient dynamo;

    public ReportHandler() {
        this.s3 = buildS3();
        initTables();
    }

    private S3Client buildS3() {
        return S3Client.builder().build();
    }

    private void initTables() {
        dynamo = DynamoDbClient.builder().build();
        System.setProperty("software.amazon.awssdk.http.service.impl",
                "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
    }

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        S3Client perCall = S3Client.create();
        return "ok";
    }
}
