package dev.claudefeatures.messages;

import java.time.Duration;

/** Waits between retries; a seam so that tests assert the waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());
}
