package dev.claudefeatures.simulator;

/** An error answer of the simulated API, in the API's own terms. */
final class SimulatedError extends RuntimeException {

    private final int status;
    private final String type;

    SimulatedError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static SimulatedError invalid(String message) {
        return new SimulatedError(400, "invalid_request_error", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
