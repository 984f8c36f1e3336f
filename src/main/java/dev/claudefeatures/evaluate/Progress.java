package dev.claudefeatures.evaluate;

import java.io.PrintStream;

/** A one-line progress bar on the terminal's error stream, redrawn in place. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    void show(int done, int total, String what) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + what);
        out.flush();
    }

    void note(String line) {
        out.println(line);
    }

    void done() {
        out.println();
    }
}
