package dev.claudefeatures.messages;

import java.util.Optional;
import java.util.ServiceLoader;

import org.eclipse.microprofile.config.Config;

/**
 * Makes a {@link StandInEndpoint} for a tool that runs outside the application (the
 * {@code evaluate} command), where no CDI container can look one up. Found with
 * {@link ServiceLoader}, so that the tool, like {@link Endpoints}, never names the simulator: a
 * build without one simply finds none.
 */
public interface StandInFactory {

    /**
     * A stand-in read from the tool's own configuration (the model catalog, the stand-in's own
     * settings), not started yet; its {@link StandInEndpoint#stop()} releases all it holds.
     */
    StandInEndpoint create(Config config);

    /** The factory this build carries, if any. */
    static Optional<StandInFactory> find() {
        return ServiceLoader.load(StandInFactory.class).findFirst();
    }
}
