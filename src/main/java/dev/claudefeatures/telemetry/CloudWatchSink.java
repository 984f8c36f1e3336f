package dev.claudefeatures.telemetry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Sends an invocation's metrics in one {@code PutMetricData}. The client is built with a call
 * timeout of {@code telemetry.publish-timeout} and no retries, so a slow or failing CloudWatch
 * delays a response by at most that bound; the metrics are then dropped, counted and logged.
 */
final class CloudWatchSink implements MetricSink {

    /** PutMetricData limits. */
    static final int MAX_DATUMS_PER_REQUEST = 1000;
    static final int MAX_VALUES_PER_DATUM = 150;

    private static final Logger LOG = Logger.getLogger(CloudWatchSink.class);

    private final CloudWatchClient client;
    private final String namespace;
    private final Clock clock;
    private final AtomicLong failedPublishes = new AtomicLong();

    CloudWatchSink(CloudWatchClient client, String namespace, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.clock = clock;
    }

    @Override
    public void publish(List<CallRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            for (PutMetricDataRequest request : requests(records)) {
                client.putMetricData(request);
            }
        } catch (RuntimeException failure) {
            long failures = failedPublishes.incrementAndGet();
            LOG.warnf("PutMetricData to %s failed, metrics of %d call(s) dropped (%d failed publish(es) so far): %s",
                    namespace, records.size(), failures, failure.toString());
        }
    }

    /** Builds the requests {@link #publish} would send, and sends nothing. */
    @Override
    public void rehearse(List<CallRecord> records) {
        requests(records);
    }

    /** One request in practice: 33 features x models in one invocation would be needed to exceed it. */
    private List<PutMetricDataRequest> requests(List<CallRecord> records) {
        List<MetricDatum> datums = datums(records, clock.instant());
        List<PutMetricDataRequest> requests = new ArrayList<>();
        for (int from = 0; from < datums.size(); from += MAX_DATUMS_PER_REQUEST) {
            requests.add(PutMetricDataRequest.builder().namespace(namespace)
                    .metricData(datums.subList(from, Math.min(datums.size(), from + MAX_DATUMS_PER_REQUEST))).build());
        }
        return requests;
    }

    void close() {
        client.close();
    }

    /** Publishes that failed or timed out since start-up. */
    long failedPublishes() {
        return failedPublishes.get();
    }

    static List<MetricDatum> datums(List<CallRecord> records, Instant timestamp) {
        List<MetricDatum> datums = new ArrayList<>();
        for (MetricSeries series : MetricSeries.of(records)) {
            List<software.amazon.awssdk.services.cloudwatch.model.Dimension> dimensions = series.dimensions()
                    .entrySet().stream()
                    .map(d -> software.amazon.awssdk.services.cloudwatch.model.Dimension.builder()
                            .name(d.getKey()).value(d.getValue()).build())
                    .toList();
            List<Double> values = series.values();
            for (int from = 0; from < values.size(); from += MAX_VALUES_PER_DATUM) {
                datums.add(MetricDatum.builder()
                        .metricName(series.metric().wireName())
                        .unit(StandardUnit.fromValue(series.metric().unit().wireName()))
                        .dimensions(dimensions)
                        .values(values.subList(from, Math.min(values.size(), from + MAX_VALUES_PER_DATUM)))
                        .timestamp(timestamp)
                        .build());
            }
        }
        return datums;
    }
}
