package com.example;

import java.util.function.Function;

interface Box<T extends Comparable<? super T>> { T get(); }

public class Generic {
    private static String last;
    public static String handle(String input, com.amazonaws.services.lambda.runtime.Context context) {
        last = input;
        return last;
    }
