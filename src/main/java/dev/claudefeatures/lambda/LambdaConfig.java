package dev.claudefeatures.lambda;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code lambda.*}: how answers are streamed, on Lambda and in dev. */
@ConfigMapping(prefix = "lambda")
public interface LambdaConfig {

    /**
     * Run the streaming Runtime API loop ({@link StreamingRuntime}) instead of the managed
     * runtime's; set only by the {@code stream-runtime} exec wrapper.
     */
    @WithDefault("false")
    boolean streamingRuntime();

    /** Dev and test only: the port on which the routes answer as they are written (0: a free one). */
    @WithDefault("8090")
    int devStreamPort();
}
