package dev.claudefeatures.lambda;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The application's main, which Quarkus runs once the application has started, its in-memory HTTP
 * channel open: the moment the streaming runtime may take its first invocation
 * ({@code lambda.streaming-runtime}). Elsewhere it waits for the exit, as Quarkus's own main does;
 * the managed runtime never calls it (it starts the application through its handler).
 */
@QuarkusMain
public class FunctionMain implements QuarkusApplication {

    @Inject
    LambdaConfig config;

    @Inject
    StreamingRuntime streamingRuntime;

    @Inject
    ObjectMapper json;

    @Override
    public int run(String... args) {
        if (!config.streamingRuntime()) {
            Quarkus.waitForExit();
            return 0;
        }
        RuntimeApi api = RuntimeApi.ofEnvironment(json).orElseThrow(() -> new IllegalStateException(
                "lambda.streaming-runtime is on, but AWS_LAMBDA_RUNTIME_API is not set"));
        streamingRuntime.run(api);
        return 0;
    }
}
