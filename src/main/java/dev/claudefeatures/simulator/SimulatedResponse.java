package dev.claudefeatures.simulator;

import java.util.Map;

/** What the simulated API answers: a status, headers and a JSON body. */
record SimulatedResponse(int status, Map<String, String> headers, String body) {
}
