package com.example;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

@Configuration
public class ClientsConfig {
    private static String region;

    @Bean
    public SqsClient sqsClient() {
        region = System.getenv("AWS_REGION");
        return SqsClient.builder().build();
    }
}
