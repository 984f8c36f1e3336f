package dev.claudefeatures.evaluate;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sends requests, each under a custom id, and returns what came back for each. */
interface Runner {

    /** @param requests Messages API request bodies by custom id */
    Map<String, Outcome> run(Map<String, ObjectNode> requests) throws Exception;

    /** Whether the prices of the run are the batch prices (half the list prices). */
    boolean batchPrices();
}
