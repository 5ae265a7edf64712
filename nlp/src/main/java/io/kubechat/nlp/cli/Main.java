package io.kubechat.nlp.cli;

import io.kubechat.nlp.Translator;
import io.kubechat.nlp.Translators;
import io.kubechat.nlp.eval.Corpus;
import io.kubechat.nlp.eval.Evaluation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Batch entry point: {@code translate --jsonl FILE} prints one JSON line per request;
 * {@code eval --corpus FILE} prints accuracy on a corpus and fails below the targets.
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar kubechat-nlp.jar translate --jsonl FILE|-
                   java -jar kubechat-nlp.jar eval --corpus FILE [--verbose]""";
    /** The targets eval holds a corpus to. */
    private static final double MIN_EXACT = 0.95;

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Translator translator = Translators.fromEnvironment(System.getenv(), null);
        switch (list.get(0)) {
            case "translate" -> {
                String file = option(list, "--jsonl");
                if (file == null) {
                    err.println(USAGE);
                    return 2;
                }
                try (Reader in = open(file)) {
                    new JsonLinesTranslation(translator).run(new BufferedReader(in), out);
                }
                return 0;
            }
            case "eval" -> {
                String file = option(list, "--corpus");
                if (file == null) {
                    err.println(USAGE);
                    return 2;
                }
                Evaluation evaluation;
                try (Reader in = open(file)) {
                    evaluation = Evaluation.run(translator, Corpus.read(in));
                }
                evaluation.print(out, list.contains("--verbose"));
                long[] destructive = evaluation.destructiveRated();
                return evaluation.exactRate() >= MIN_EXACT && destructive[0] == destructive[1] ? 0 : 1;
            }
            default -> {
                err.println(USAGE);
                return 2;
            }
        }
    }

    private static Reader open(String file) throws IOException {
        return "-".equals(file) ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
    }
}
