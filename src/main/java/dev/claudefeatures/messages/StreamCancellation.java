package dev.claudefeatures.messages;

/**
 * Lets whoever relays a stream stop it from any thread, e.g. when its own caller disconnects:
 * {@link #cancel()} closes the upstream connection, now or as soon as it is open.
 */
public final class StreamCancellation {

    private Runnable onCancel;
    private boolean cancelled;

    public void cancel() {
        Runnable action;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            action = onCancel;
        }
        if (action != null) {
            action.run();
        }
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** What cancelling does; run at once when already cancelled. */
    void onCancel(Runnable action) {
        boolean already;
        synchronized (this) {
            onCancel = action;
            already = cancelled;
        }
        if (already) {
            action.run();
        }
    }
}
