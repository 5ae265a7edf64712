package io.kubechat.nlp.eval;

import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.Translator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Runs a translator over a corpus and counts exact kubectl matches and risk matches, overall and per operation. */
public final class Evaluation {

    private final List<Outcome> outcomes = new ArrayList<>();

    private Evaluation() {
    }

    public static Evaluation run(Translator translator, List<CorpusEntry> corpus) {
        Evaluation evaluation = new Evaluation();
        for (CorpusEntry entry : corpus) {
            TranslationResult result = translator.translate(new TranslationRequest(entry.request(), entry.namespace(), null));
            String kubectl = result.understood() ? result.translation().kubectl() : null;
            String risk = result.risk() == null ? null : result.risk().level().name().toLowerCase(Locale.ROOT);
            evaluation.outcomes.add(new Outcome(entry, kubectl, risk, result.error()));
        }
        return evaluation;
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.exact() || !o.riskMatch()).toList();
    }

    public double exactRate() {
        return rate(outcomes.stream().filter(Outcome::exact).count(), outcomes.size());
    }

    public double riskRate() {
        return rate(outcomes.stream().filter(Outcome::riskMatch).count(), outcomes.size());
    }

    /** Destructive requests in the corpus that were rated destructive, and how many there were. */
    public long[] destructiveRated() {
        List<Outcome> destructive = outcomes.stream()
                .filter(o -> o.entry().expectedRisk().equals(RiskLevel.DESTRUCTIVE.name().toLowerCase(Locale.ROOT)))
                .toList();
        return new long[] {destructive.stream().filter(o -> "destructive".equals(o.risk())).count(), destructive.size()};
    }

    public void print(PrintStream out, boolean verbose) {
        Map<String, int[]> byOperation = new TreeMap<>();
        for (Outcome o : outcomes) {
            int[] counts = byOperation.computeIfAbsent(o.entry().operation(), k -> new int[3]);
            counts[0]++;
            counts[1] += o.exact() ? 1 : 0;
            counts[2] += o.riskMatch() ? 1 : 0;
        }
        long[] destructive = destructiveRated();
        out.printf(Locale.ROOT, "requests: %d, operations: %d%n", outcomes.size(), byOperation.size());
        out.printf(Locale.ROOT, "exact command match: %.1f%%%n", 100 * exactRate());
        out.printf(Locale.ROOT, "risk match: %.1f%%%n", 100 * riskRate());
        out.printf(Locale.ROOT, "destructive rated destructive: %d/%d%n", destructive[0], destructive[1]);
        out.println();
        out.printf(Locale.ROOT, "%-34s %5s %7s %7s%n", "operation", "n", "exact", "risk");
        byOperation.forEach((operation, c) -> out.printf(Locale.ROOT, "%-34s %5d %6.1f%% %6.1f%%%n", operation, c[0],
                100.0 * c[1] / c[0], 100.0 * c[2] / c[0]));
        if (verbose && !failures().isEmpty()) {
            out.println();
            out.println("mismatches:");
            for (Outcome o : failures()) {
                out.printf(Locale.ROOT, "  line %d: %s%n    expected: %s | %s%n    got:      %s | %s%s%n",
                        o.entry().line(), o.entry().request(), o.entry().expectedKubectl(), o.entry().expectedRisk(),
                        o.kubectl(), o.risk(), o.error() == null ? "" : " (" + o.error() + ")");
            }
        }
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** What the translator gave for one corpus entry. */
    public record Outcome(CorpusEntry entry, String kubectl, String risk, String error) {

        public boolean exact() {
            return entry.expectedKubectl().equals(kubectl);
        }

        public boolean riskMatch() {
            return entry.expectedRisk().equals(risk);
        }
    }
}
