package dev.claudefeatures.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads PIT's {@code mutations.xml}, prints the mutation score of each class and of all, and exits
 * with 1 when the score of all is below the threshold: {@code ./mvnw -Pmutation verify} ends here.
 * Killed and timed-out mutants count as detected; a mutant no test covers counts as surviving.
 */
public final class MutationScores {

    private MutationScores() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        double threshold = Double.parseDouble(args[1]);
        if (!Files.exists(report)) {
            System.err.println("No PIT report at " + report + ": run the mutation profile's PIT goal first.");
            System.exit(1);
        }
        NodeList mutations = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getElementsByTagName("mutation");
        Map<String, int[]> byClass = new TreeMap<>();
        for (int i = 0; i < mutations.getLength(); i++) {
            Element mutation = (Element) mutations.item(i);
            String type = mutation.getElementsByTagName("mutatedClass").item(0).getTextContent().replaceAll("\\$.*", "");
            boolean detected = "true".equals(mutation.getAttribute("detected"));
            int[] counts = byClass.computeIfAbsent(type, t -> new int[2]);
            counts[0] += detected ? 1 : 0;
            counts[1]++;
        }
        int detected = 0;
        int total = 0;
        System.out.println("Mutation score per class (detected / generated):");
        for (Map.Entry<String, int[]> entry : byClass.entrySet()) {
            int[] counts = entry.getValue();
            System.out.printf("  %-60s %4d / %4d  %5.1f%%%n", entry.getKey(), counts[0], counts[1], percent(counts[0], counts[1]));
            detected += counts[0];
            total += counts[1];
        }
        double score = percent(detected, total);
        System.out.printf("All: %d / %d mutants detected, %.1f%% (threshold %.0f%%)%n", detected, total, score, threshold);
        if (total == 0 || score < threshold) {
            System.err.printf("The mutation score %.1f%% is below the threshold of %.0f%%.%n", score, threshold);
            System.exit(1);
        }
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
