package dev.claudefeatures.calls;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.Deadline;
import dev.claudefeatures.messages.Ticker;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.LaunchMode;

/**
 * The deadline of one incoming request: {@code anthropic.deadline} from now, and in Lambda no
 * later than the invocation's remaining time less {@code anthropic.deadline-margin}, so that the
 * answer and its metrics leave before Lambda ends the function. The only piece of this package
 * that knows Lambda.
 */
@ApplicationScoped
class RequestBudget {

    /** Lambda's longest function timeout: a larger remaining time is not a real invocation's. */
    static final Duration LONGEST_INVOCATION = Duration.ofMinutes(15);

    private final AnthropicConfig config;
    private final Instance<Context> lambdaContext;
    private final Ticker ticker;

    @Inject
    RequestBudget(AnthropicConfig config, Instance<Context> lambdaContext, Ticker ticker) {
        this.config = config;
        this.lambdaContext = lambdaContext;
        this.ticker = ticker;
    }

    Deadline start() {
        return Deadline.after(budget(config.deadline(), invocationTimeLeft(), config.deadlineMargin()), ticker);
    }

    /** The smaller of the configured budget and, when known, the invocation's time less the margin. */
    static Duration budget(Duration configured, Duration invocationLeft, Duration margin) {
        if (invocationLeft == null) {
            return configured;
        }
        Duration usable = invocationLeft.minus(margin);
        return usable.compareTo(configured) < 0 ? usable : configured;
    }

    /**
     * The invocation's remaining time, when this request is a Lambda invocation. Dev and test
     * mode's mock event server sends no deadline, so their context's figure means nothing.
     */
    private Duration invocationTimeLeft() {
        if (LaunchMode.current() != LaunchMode.NORMAL || !Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            Duration left = Duration.ofMillis(lambdaContext.get().getRemainingTimeInMillis());
            return left.compareTo(LONGEST_INVOCATION) <= 0 ? left : null;
        } catch (RuntimeException notALambdaRequest) {
            return null;
        }
    }
}
