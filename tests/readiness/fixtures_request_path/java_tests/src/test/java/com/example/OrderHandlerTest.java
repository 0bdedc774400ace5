package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class OrderHandlerTest {
    private static Map<String, String> event;
    private static int runs;

    @BeforeAll
    static void setUp() {
        System.setProperty("aws.region", "eu-west-1");
        event = new HashMap<>();
    }

    @Test
    void handlesAnOrder() throws Exception {
        runs++;
        event.put("id", "42");
        S3Client s3 = S3Client.builder().build();
        Files.writeString(Path.of("/tmp/order.json"), "{}");
        System.out.println("running");
        assertEquals("ok", new OrderHandler().handleRequest(event, null));
    }
}
