package dev.claudefeatures.telemetry;

import java.io.PrintStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes the usage and EMF lines to stdout exactly as given, one JSON object a line.
 *
 * <p>Written by hand rather than through a log category because the JSON console formatter of
 * {@code quarkus-logging-json} 3.33 applies to every console handler, named ones included, and
 * would wrap each line in the {@code message} field of a log record: CloudWatch extracts EMF
 * metrics only from log events that are EMF objects themselves, and Logs Insights discovers only
 * top-level fields. Lambda turns each stdout line into one log event, as it does for
 * Powertools' EMF output, which is written the same way.
 */
@ApplicationScoped
public class StdoutLines {

    private final Rehearsal rehearsal;

    @Inject
    public StdoutLines(Rehearsal rehearsal) {
        this.rehearsal = rehearsal;
    }

    /** Lines that are always written: for tests and tools outside CDI. */
    public StdoutLines() {
        this(new Rehearsal());
    }

    /** Writes the line, except during a {@link Rehearsal}: this is where its lines, built like any other, stop. */
    public void write(String line) {
        if (!rehearsal.on()) {
            print(line);
        }
    }

    /**
     * One {@code print} of the line and its newline: a single write to the stream, so that a
     * line is never split by another thread's output.
     */
    protected void print(String line) {
        PrintStream out = System.out;
        out.print(line + "\n");
        out.flush();
    }
}
