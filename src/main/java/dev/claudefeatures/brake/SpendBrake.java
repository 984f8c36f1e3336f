package dev.claudefeatures.brake;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The spend brake: when the spend alarm goes into ALARM, every feature function's reserved
 * concurrency becomes 0, so that no invocation (and no call to Claude) runs until a person
 * releases the brake by restoring it. Any other alarm state changes nothing: releasing is a
 * decision, not an automatism.
 */
public final class SpendBrake {

    private final LambdaClient lambda;
    private final List<String> functions;

    public SpendBrake(LambdaClient lambda, List<String> functions) {
        this.lambda = lambda;
        this.functions = List.copyOf(functions);
    }

    /**
     * @param event an EventBridge "CloudWatch Alarm State Change" event
     * @return the functions stopped; empty when the event is not an alarm going off
     */
    public List<String> apply(JsonNode event) {
        String state = event.path("detail").path("state").path("value").asText();
        if (!"ALARM".equals(state)) {
            return List.of();
        }
        List<String> stopped = new ArrayList<>();
        for (String function : functions) {
            lambda.putFunctionConcurrency(request -> request.functionName(function).reservedConcurrentExecutions(0));
            stopped.add(function);
        }
        return stopped;
    }
}
