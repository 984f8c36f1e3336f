package dev.claudefeatures.lambda;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code lambda.*}: how answers are streamed and when metrics are published, on Lambda and in dev. */
@ConfigMapping(prefix = "lambda")
public interface LambdaConfig {

    /**
     * Run the streaming Runtime API loop ({@link StreamingRuntime}) instead of the managed
     * runtime's; set only by the {@code stream-runtime} exec wrapper.
     */
    @WithDefault("false")
    boolean streamingRuntime();

    /**
     * With the {@code cloudwatch} sink in Lambda: publish each invocation's metrics after its
     * answer, from an internal extension that holds the environment until they are sent
     * ({@link MetricsExtension}); off: before the answer.
     */
    @WithDefault("true")
    boolean metricsAfterResponse();

    /**
     * The feature this function serves ({@link FunctionFeature}); template.yaml names it per
     * function. Priming rehearses it alone; unset (dev, tests), every configured feature.
     */
    Optional<String> feature();

    /**
     * When to rehearse the function's feature through the whole path against the offline simulator:
     * {@code snapstart} (before SnapStart takes its snapshot, so that restored environments start
     * warm), {@code init} (at the end of every init, e.g. for provisioned concurrency; it lengthens
     * each cold start) or {@code off}.
     */
    @WithDefault("snapstart")
    PrimingMode priming();

    /**
     * How many times each rehearsal is run: more than the 200 invocations after which the
     * runtime's C1 compiler (Lambda's {@code -XX:TieredStopAtLevel=1}) compiles a method, so that the
     * hot path is compiled (with SnapStart, in the snapshot); or 1 for class loading and set-up only.
     */
    @WithDefault("300")
    int primingRounds();

    /**
     * Where priming runs, right after it (at the end of init) or after a SnapStart restore: read
     * the API key (from its secret) and open the connection to the API with one
     * {@code count_tokens} call, free of charge and recorded nowhere, so that the first invocation
     * pays for neither; the time goes to init or to the restore instead. Off: the first call does both.
     */
    @WithDefault("true")
    boolean connectAhead();

    enum PrimingMode {
        SNAPSTART,
        INIT,
        OFF
    }

    /** Dev and test only: the port on which the routes answer as they are written (0: a free one). */
    @WithDefault("8090")
    int devStreamPort();
}
