package dev.claudefeatures.calls;

import dev.claudefeatures.messages.StreamCancellation;

/**
 * Stops a streamed answer from any thread, e.g. when the feature's caller disconnects: the
 * upstream call is closed at once, and recorded with the usage it had reported.
 */
public final class CallCancellation {

    final StreamCancellation stream = new StreamCancellation();

    public void cancel() {
        stream.cancel();
    }

    public boolean cancelled() {
        return stream.cancelled();
    }
}
