package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.UUID;

public class ZipHandler implements RequestHandler<Map<String, String>, String> {
    public String handleRequest(Map<String, String> event, Context context) {
        String fileName = UUID.randomUUID() + ".zip";
        Path zip = Paths.get("/tmp/" + fileName);
        String requestDir = context.getAwsRequestId();
        String report = "/tmp/" + requestDir + "/report.csv";
        try {
            Files.writeString(zip, event.get("body"));
            Files.writeString(Path.of(report), "x");
            return zip.toString();
        } catch (IOException e) {
            throw new RuntimeException(e);
        } finally {
            try {
                Files.deleteIfExists(zip);
            } catch (IOException ignored) {
            }
        }
    }
}
