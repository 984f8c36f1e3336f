package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/**
 * A rehearsal takes the path of a real call up to the edge of the process, and no further: the
 * lines are built but not written, the records neither held for later nor sent to CloudWatch.
 */
class RehearsalTest {

    private static final List<CallRecord> CALL = List.of(MetricValuesTest.STOPPED);

    private final Rehearsal rehearsal = new Rehearsal();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final StdoutLines out = new StdoutLines(rehearsal) {
        @Override
        protected void print(String line) {
            written.add(line);
        }
    };

    @Test
    void linesAreWrittenOnlyOutsideARehearsal() {
        rehearsal.during(() -> {
            out.write("{\"during\":true}");
            return null;
        });
        out.write("{\"after\":true}");

        assertThat(written).containsExactly("{\"after\":true}");
    }

    @Test
    void theEmfSinkBuildsItsDocumentsInARehearsalAndWritesThemOnlyOutsideIt() {
        EmfSink emf = new EmfSink("ClaudeFeatures", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new ObjectMapper(), out);
        DeferrableSink sink = new DeferrableSink(emf, false, rehearsal);

        rehearsal.during(() -> {
            sink.publish(CALL);
            return null;
        });
        assertThat(written).isEmpty();

        sink.publish(CALL);
        assertThat(written).hasSameSizeAs(emf.lines(CALL)).allMatch(line -> line.contains("\"_aws\""));
    }

    @Test
    void recordsOfARehearsalAreNotHeldForTheNextFlush() {
        List<List<CallRecord>> published = new CopyOnWriteArrayList<>();
        List<List<CallRecord>> rehearsed = new CopyOnWriteArrayList<>();
        MetricSink target = new MetricSink() {
            @Override
            public void publish(List<CallRecord> records) {
                published.add(records);
            }

            @Override
            public void rehearse(List<CallRecord> records) {
                rehearsed.add(records);
            }
        };
        DeferrableSink sink = new DeferrableSink(target, true, rehearsal);
        sink.deferUntilFlushed();

        rehearsal.during(() -> {
            sink.publish(CALL);
            return null;
        });
        assertThat(rehearsed).containsExactly(CALL);
        assertThat(sink.flush()).as("nothing of the rehearsal held").isZero();

        sink.publish(CALL);
        assertThat(published).isEmpty();
        assertThat(sink.flush()).isOne();
        assertThat(published).containsExactly(CALL);
    }

    @Test
    void theCloudWatchSinkBuildsItsRequestInARehearsalAndSendsNothing() {
        AtomicInteger sent = new AtomicInteger();
        CloudWatchClient client = (CloudWatchClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CloudWatchClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putMetricData")) {
                        sent.incrementAndGet();
                        return PutMetricDataResponse.builder().build();
                    }
                    return null;
                });
        DeferrableSink sink = new DeferrableSink(new CloudWatchSink(client, "ClaudeFeatures", Clock.systemUTC()), true,
                rehearsal);

        rehearsal.during(() -> {
            sink.publish(CALL);
            return null;
        });
        assertThat(sent).hasValue(0);

        sink.publish(CALL);
        assertThat(sent).hasValue(1);
    }
}
