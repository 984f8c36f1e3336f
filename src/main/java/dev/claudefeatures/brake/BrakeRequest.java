package dev.claudefeatures.brake;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one payload asks of the spend brake. Read strictly: a release is exactly
 * {@code {"action":"release"}}, so that a payload that means something else (a list of functions,
 * a typo) releases nothing instead of everything.
 */
sealed interface BrakeRequest {

    /** The payload a person sends to release the brake. */
    String RELEASE = "{\"action\":\"release\"}";

    /** The EventBridge {@code detail-type} of a CloudWatch alarm changing state. */
    String ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";

    /** An alarm changed state; only {@code ALARM} stops the functions. */
    record AlarmStateChange(String alarm, String state) implements BrakeRequest {

        boolean goesOff() {
            return "ALARM".equals(state);
        }
    }

    /** A person releases the brake. */
    record Release() implements BrakeRequest {
    }

    /** Anything else: changes nothing. */
    record Unknown(String reason) implements BrakeRequest {
    }

    static BrakeRequest read(ObjectMapper json, byte[] payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (IOException e) {
            return new Unknown("the payload is not JSON");
        }
        if (event == null || !event.isObject()) {
            return new Unknown("the payload is not a JSON object");
        }
        if (ALARM_STATE_CHANGE.equals(event.path("detail-type").asText())) {
            JsonNode detail = event.path("detail");
            return new AlarmStateChange(detail.path("alarmName").asText(null), detail.path("state").path("value").asText(null));
        }
        if (event.size() == 1 && "release".equals(event.path("action").textValue())) {
            return new Release();
        }
        return new Unknown("the payload is neither a " + ALARM_STATE_CHANGE + " event nor exactly " + RELEASE);
    }
}
