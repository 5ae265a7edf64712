package io.kubechat.nlp.cli;

import io.kubechat.nlp.Translator;
import io.kubechat.nlp.Translators;
import io.kubechat.nlp.eval.Corpus;
import io.kubechat.nlp.eval.Evaluation;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.resolve.KnownObjects;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batch entry point: {@code translate --jsonl FILE} prints one JSON line per request;
 * {@code eval --corpus FILE...} prints accuracy per corpus file. With {@code --objects} names are
 * grounded in that list of objects, as they are in the cluster's objects when run by the operator.
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar kubechat-nlp.jar translate --jsonl FILE|- [--objects OBJECTS.tsv]
                   java -jar kubechat-nlp.jar eval --corpus FILE [--corpus FILE...] [--objects OBJECTS.tsv]
                                                   [--verbose] [--strict]
            OBJECTS.tsv: namespace<TAB>kind<TAB>name a line, - as namespace for cluster-scoped kinds.
            --strict: exit 1 below 95% exact commands or when a destructive request is not rated destructive.""";
    /** The targets --strict holds a corpus to. */
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
        String objectsFile = option(list, "--objects").stream().findFirst().orElse(null);
        KnownObjects objects = null;
        if (objectsFile != null) {
            try (Reader in = open(objectsFile)) {
                objects = KnownObjects.read(KindLexicon.builtIn(), in);
            }
        }
        Translator translator = Translators.fromEnvironment(System.getenv(), objects);
        switch (list.get(0)) {
            case "translate" -> {
                List<String> file = option(list, "--jsonl");
                if (file.isEmpty()) {
                    err.println(USAGE);
                    return 2;
                }
                try (Reader in = open(file.get(0))) {
                    new JsonLinesTranslation(translator).run(new BufferedReader(in), out);
                }
                return 0;
            }
            case "eval" -> {
                List<String> files = option(list, "--corpus");
                if (files.isEmpty()) {
                    err.println(USAGE);
                    return 2;
                }
                boolean met = true;
                for (String file : files) {
                    if (files.size() > 1) {
                        out.println("== " + split(file));
                    }
                    Evaluation evaluation;
                    try (Reader in = open(file)) {
                        evaluation = Evaluation.run(translator, Corpus.read(in), objects);
                    }
                    evaluation.print(out, list.contains("--verbose"));
                    out.println();
                    long[] destructive = evaluation.destructiveRated();
                    met &= evaluation.exactRate() >= MIN_EXACT && destructive[0] == destructive[1];
                }
                return met || !list.contains("--strict") ? 0 : 1;
            }
            default -> {
                err.println(USAGE);
                return 2;
            }
        }
    }

    /** "nlp/src/test/resources/eval/dev.txt" is the split "dev". */
    private static String split(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name;
    }

    private static Reader open(String file) throws IOException {
        return "-".equals(file) ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    /** Every value of an option that may be repeated. */
    private static List<String> option(List<String> args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(name)) {
                values.add(args.get(i + 1));
            }
        }
        return values;
    }
}
