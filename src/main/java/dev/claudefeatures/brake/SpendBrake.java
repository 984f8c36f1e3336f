package dev.claudefeatures.brake;

import java.util.List;

import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The spend brake: when the spend alarm goes into ALARM, every feature function's reserved
 * concurrency becomes 0, so that no invocation (and no call to Claude) runs until a person
 * releases the brake, which gives each its configured concurrency back. Nothing releases it on
 * its own (not even the alarm going back to OK): releasing is a decision, not an automatism.
 */
public final class SpendBrake {

    private final LambdaClient lambda;
    private final List<String> functions;
    private final int concurrency;

    /**
     * @param functions   the feature functions, the only ones the brake ever touches
     * @param concurrency the reserved concurrency a release gives each of them back
     */
    public SpendBrake(LambdaClient lambda, List<String> functions, int concurrency) {
        this.lambda = lambda;
        this.functions = List.copyOf(functions);
        this.concurrency = concurrency;
    }

    /** @return the functions stopped (reserved concurrency 0), in order */
    public List<String> stop() {
        return setReservedConcurrency(0);
    }

    /** @return the functions released (reserved concurrency {@link #concurrency()}), in order */
    public List<String> release() {
        return setReservedConcurrency(concurrency);
    }

    public int concurrency() {
        return concurrency;
    }

    private List<String> setReservedConcurrency(int reserved) {
        for (String function : functions) {
            lambda.putFunctionConcurrency(request -> request.functionName(function).reservedConcurrentExecutions(reserved));
        }
        return functions;
    }
}
