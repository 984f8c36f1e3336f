package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;

/**
 * How often a request handed to Quarkus's in-memory HTTP channel is never served, sent as Quarkus's
 * Lambda adapter and {@link VirtualHttp} send it (from the caller's thread, right after
 * connecting) and from the channel's own event loop (which closes the race, but lost the HTTP
 * server span's route in traced builds, so it is not shipped). Each request waits a random 0 to
 * 80 µs between connecting and sending, and two threads keep the CPUs busy, so that the channel's
 * event loop is often mid-way through its first read when the request arrives. Prints the requests
 * left unanswered after 2 s, and the state of their channel; requires none from the event loop.
 * {@code ./mvnw -B test -Pbenchmarks -Dtest=VirtualChannelBenchmark}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class VirtualChannelBenchmark {

    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 100_000);
    private static final long MAX_GAP_NANOS = 80_000;

    @Test
    void requestsLeftUnansweredByEachWayOfSending() throws Exception {
        Thread[] busy = { busy(), busy() };
        try {
            int fromCaller = unanswered("from the caller's thread, as Quarkus's adapter and VirtualHttp send", false);
            int fromEventLoop = unanswered("from the channel's event loop", true);
            System.out.printf(Locale.ROOT, "%nUnanswered of %,d: %d from the caller's thread, %d from the event loop%n",
                    REQUESTS, fromCaller, fromEventLoop);
            assertThat(fromEventLoop).isZero();
        } finally {
            for (Thread thread : busy) {
                thread.interrupt();
            }
        }
    }

    private static int unanswered(String way, boolean fromEventLoop) throws Exception {
        int unanswered = 0;
        for (int i = 0; i < REQUESTS; i++) {
            CompletableFuture<Void> answered = new CompletableFuture<>();
            VirtualClientConnection connection = VirtualClientConnection.connect(new VirtualHttp.Relay(ending(answered)),
                    VertxHttpRecorder.VIRTUAL_HTTP, null);
            DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/no-such-path");
            request.headers().add("host", "localhost");
            gap();
            if (fromEventLoop) {
                // Queued on the channel's loop once its registration there is done (Netty calls handlerAdded on that loop).
                connection.peer().pipeline().addLast(new ChannelHandlerAdapter() {
                    @Override
                    public void handlerAdded(ChannelHandlerContext context) {
                        context.pipeline().remove(this);
                        context.executor().execute(() -> {
                            connection.sendMessage(request);
                            connection.sendMessage(LastHttpContent.EMPTY_LAST_CONTENT);
                        });
                    }
                });
            } else {
                connection.sendMessage(request);
                connection.sendMessage(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            try {
                answered.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException never) {
                unanswered++;
                System.out.printf(Locale.ROOT, "%s: request %,d unanswered, its channel %s%n", way, i,
                        channelState(connection));
            }
            connection.close();
        }
        return unanswered;
    }

    /** A wait of 0 to 80 µs, spun rather than slept: a sleep lasts at least the timer's slack. */
    private static void gap() {
        long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(MAX_GAP_NANOS);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static VirtualHttp.Listener ending(CompletableFuture<Void> answered) {
        return new VirtualHttp.Listener() {
            @Override
            public void head(int status, Map<String, List<String>> headers) {
            }

            @Override
            public void chunk(byte[] bytes) {
            }

            @Override
            public void end() {
                answered.complete(null);
            }

            @Override
            public void failed(Throwable failure) {
                answered.complete(null);
            }
        };
    }

    /** Whether the channel waits for a message, and how many it holds unread: waiting with messages queued is a lost wake-up. */
    private static String channelState(VirtualClientConnection connection) throws ReflectiveOperationException {
        var readInProgress = io.quarkus.netty.runtime.virtual.VirtualChannel.class.getDeclaredField("readInProgress");
        var inbound = io.quarkus.netty.runtime.virtual.VirtualChannel.class.getDeclaredField("inboundBuffer");
        readInProgress.setAccessible(true);
        inbound.setAccessible(true);
        return "waiting to read: " + readInProgress.get(connection.peer()) + ", messages unread: "
                + ((java.util.Queue<?>) inbound.get(connection.peer())).size();
    }

    private static Thread busy() {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        }, "busy");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
