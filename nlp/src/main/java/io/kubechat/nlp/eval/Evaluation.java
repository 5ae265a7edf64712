package io.kubechat.nlp.eval;

import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.Translator;
import io.kubechat.nlp.resolve.KnownObjects;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a translator over a corpus and counts exact commands (compared as kubectl reads them:
 * positional arguments in order, flags as a set), risk matches, clarifications, destructive
 * requests rated destructive and invented names, overall and per operation.
 */
public final class Evaluation {

    private static final String DESTRUCTIVE = RiskLevel.DESTRUCTIVE.name().toLowerCase(Locale.ROOT);

    private final List<Outcome> outcomes = new ArrayList<>();

    private Evaluation() {
    }

    /** Without objects no name can be called invented. */
    public static Evaluation run(Translator translator, List<CorpusEntry> corpus) {
        return run(translator, corpus, null);
    }

    /** @param objects the objects the corpus is grounded in, or null */
    public static Evaluation run(Translator translator, List<CorpusEntry> corpus, KnownObjects objects) {
        Evaluation evaluation = new Evaluation();
        for (CorpusEntry entry : corpus) {
            TranslationResult result = translator.translate(new TranslationRequest(entry.request(), entry.namespace(), null));
            String kubectl = result.understood() ? result.translation().kubectl() : null;
            String risk = result.risk() == null ? null : result.risk().level().name().toLowerCase(Locale.ROOT);
            List<String> invented = objects == null || !result.understood() ? List.of()
                    : invented(result.command(), entry.namespace(), objects);
            evaluation.outcomes.add(new Outcome(entry, kubectl, risk, result.error(), result.clarification() != null,
                    invented));
        }
        return evaluation;
    }

    /**
     * Names in the command that are neither on the list of objects nor created by the command:
     * the object's name, its namespace, and the cron job a job is created from.
     */
    static List<String> invented(Command command, String sessionNamespace, KnownObjects objects) {
        List<String> invented = new ArrayList<>();
        boolean creates = command.verb() == Verb.CREATE;
        String namespace = command.namespace() != null ? command.namespace() : sessionNamespace;
        boolean createsNamespace = creates && command.resource() != null && "Namespace".equals(command.resource().kind());
        if (command.namespace() != null && !createsNamespace && !objects.contains("namespace", null, command.namespace())) {
            invented.add("namespace/" + command.namespace());
        }
        if (command.name() != null && !creates && command.resource() != null
                && !objects.contains(command.resource().kind(), namespace, command.name())) {
            invented.add(command.resource().kind().toLowerCase(Locale.ROOT) + "/" + command.name());
        }
        String cronJob = command.arguments() == null ? null : command.arguments().fromCronJob();
        if (cronJob != null && !objects.contains("cronjob", namespace, cronJob)) {
            invented.add("cronjob/" + cronJob);
        }
        return invented;
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.exact() || !o.riskMatch() || !o.invented().isEmpty()).toList();
    }

    public double exactRate() {
        return rate(outcomes.stream().filter(Outcome::exact).count(), outcomes.size());
    }

    public double riskRate() {
        return rate(outcomes.stream().filter(Outcome::riskMatch).count(), outcomes.size());
    }

    /** Requests answered with a question or an error instead of a command. */
    public double noCommandRate() {
        return rate(outcomes.stream().filter(o -> o.kubectl() == null).count(), outcomes.size());
    }

    /** Requests answered with a clarification (a question with choices). */
    public double clarificationRate() {
        return rate(outcomes.stream().filter(Outcome::asked).count(), outcomes.size());
    }

    /** Commands given where the corpus expects another command or a question. */
    public long wrongCommands() {
        return outcomes.stream().filter(o -> o.kubectl() != null && !o.exact()).count();
    }

    public long inventedNames() {
        return outcomes.stream().mapToLong(o -> o.invented().size()).sum();
    }

    /** Destructive requests in the corpus that were rated destructive, and how many there were. */
    public long[] destructiveRated() {
        List<Outcome> destructive = outcomes.stream().filter(o -> o.entry().expectedRisk().equals(DESTRUCTIVE)).toList();
        return new long[] {destructive.stream().filter(o -> DESTRUCTIVE.equals(o.risk())).count(), destructive.size()};
    }

    /** Commands the translator gave for destructive requests that were not rated destructive. */
    public long destructiveUnderrated() {
        return outcomes.stream().filter(o -> o.entry().expectedRisk().equals(DESTRUCTIVE) && o.risk() != null
                && !DESTRUCTIVE.equals(o.risk())).count();
    }

    public void print(PrintStream out, boolean verbose) {
        Map<String, int[]> byOperation = new TreeMap<>();
        for (Outcome o : outcomes) {
            int[] counts = byOperation.computeIfAbsent(o.entry().operation(), k -> new int[4]);
            counts[0]++;
            counts[1] += o.exact() ? 1 : 0;
            counts[2] += o.riskMatch() ? 1 : 0;
            counts[3] += o.kubectl() == null ? 1 : 0;
        }
        long[] destructive = destructiveRated();
        out.printf(Locale.ROOT, "requests: %d, operations: %d%n", outcomes.size(), byOperation.size());
        out.printf(Locale.ROOT, "exact command match: %.1f%%%n", 100 * exactRate());
        out.printf(Locale.ROOT, "risk match: %.1f%%%n", 100 * riskRate());
        out.printf(Locale.ROOT, "no command (asked or not understood): %.1f%%, of which clarifications: %.1f%%%n",
                100 * noCommandRate(), 100 * clarificationRate());
        out.printf(Locale.ROOT, "wrong commands: %d%n", wrongCommands());
        out.printf(Locale.ROOT, "destructive rated destructive: %d/%d (destructive given a lower risk: %d)%n",
                destructive[0], destructive[1], destructiveUnderrated());
        out.printf(Locale.ROOT, "invented names: %d%n", inventedNames());
        out.println();
        out.printf(Locale.ROOT, "%-34s %5s %7s %7s %7s%n", "operation", "n", "exact", "risk", "asked");
        byOperation.forEach((operation, c) -> out.printf(Locale.ROOT, "%-34s %5d %6.1f%% %6.1f%% %6.1f%%%n", operation,
                c[0], 100.0 * c[1] / c[0], 100.0 * c[2] / c[0], 100.0 * c[3] / c[0]));
        if (verbose && !failures().isEmpty()) {
            out.println();
            out.println("mismatches:");
            for (Outcome o : failures()) {
                out.printf(Locale.ROOT, "  line %d: %s%n    expected: %s | %s%n    got:      %s | %s%s%s%n",
                        o.entry().line(), o.entry().request(), o.entry().expectedKubectl(), o.entry().expectedRisk(),
                        o.kubectl(), o.risk(), o.error() == null ? "" : " (" + o.error() + ")",
                        o.invented().isEmpty() ? "" : " invented: " + String.join(", ", o.invented()));
            }
        }
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** What the translator gave for one corpus entry. */
    public record Outcome(CorpusEntry entry, String kubectl, String risk, String error, boolean asked,
                          List<String> invented) {

        public boolean exact() {
            if (entry.mustAsk()) {
                return kubectl == null;
            }
            return kubectl != null && KubectlLine.parse(entry.expectedKubectl()).equals(KubectlLine.parse(kubectl));
        }

        public boolean riskMatch() {
            return entry.mustAsk() ? risk == null : entry.expectedRisk().equals(risk);
        }
    }
}
