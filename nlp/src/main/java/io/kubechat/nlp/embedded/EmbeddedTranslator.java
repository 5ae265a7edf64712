package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Clarification;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.Risk;
import io.kubechat.crds.v1alpha1.RiskLevel;
import io.kubechat.crds.v1alpha1.Translation;
import io.kubechat.nlp.TranslationRequest;
import io.kubechat.nlp.TranslationResult;
import io.kubechat.nlp.Translator;
import io.kubechat.nlp.command.CommandValidator;
import io.kubechat.nlp.kinds.KindLexicon;
import io.kubechat.nlp.render.Explainer;
import io.kubechat.nlp.render.KubectlRenderer;
import io.kubechat.nlp.resolve.NameResolver;
import io.kubechat.nlp.risk.RiskClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The default translator: a grammar of trigger phrases, a lexicon of kinds and a set of slot
 * readers, with no model and no network. Deterministic, so the same words always give the same
 * command. With a {@link NameResolver} it checks names against the live cluster.
 */
public final class EmbeddedTranslator implements Translator {

    public static final String ENGINE = "embedded";
    private static final Set<String> KUBECTL_WORDS = Set.of("kubectl", "k", "kc", "kubctl", "kubeclt", "kubetcl");

    private final KindLexicon kinds;
    private final NameResolver resolver;
    private final RequestSanitizer sanitizer = new RequestSanitizer();
    private final Typos typos;
    private final FlagReader flags = new FlagReader();
    private final VerbReader verbs = new VerbReader();
    private final ScopeReader scope;
    private final KindReader kindReader;
    private final ArgumentReader arguments = new ArgumentReader();
    private final GrantReader grants;
    private final NameReader names;
    private final CommandDefaults defaults;
    private final CommandValidator validator;
    private final KubectlRenderer renderer;
    private final Explainer explainer;
    private final RiskClassifier classifier = new RiskClassifier();
    private final Suggestions suggestions = Suggestions.builtIn();

    /** Without a cluster: names are taken as written. */
    public EmbeddedTranslator() {
        this(null);
    }

    /** With a resolver (may be null), names are matched against the live cluster. */
    public EmbeddedTranslator(NameResolver resolver) {
        this.kinds = KindLexicon.builtIn();
        this.resolver = resolver;
        this.typos = new Typos(kinds.phrases(), Vocabulary.knownWords());
        this.scope = new ScopeReader(kinds);
        this.kindReader = new KindReader(kinds);
        this.names = new NameReader(kinds, resolver != null);
        this.grants = new GrantReader(kinds);
        this.defaults = new CommandDefaults(kinds, resolver);
        this.validator = new CommandValidator(kinds);
        this.renderer = new KubectlRenderer(kinds);
        this.explainer = new Explainer(kinds);
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public TranslationResult translate(TranslationRequest request) {
        SanitizedRequest clean = sanitizer.sanitize(request.text());
        List<String> notes = new ArrayList<>();
        clean.dropped().forEach(d -> notes.add("dropped " + d));
        Draft draft = read(clean.text());
        notes.addAll(draft.notes);
        if (!draft.corrections.isEmpty()) {
            notes.add("read typos as: " + String.join(", ", draft.corrections));
        }
        TranslationResult retyped = withVerbRetyped(draft, clean.text(), request, notes);
        if (retyped != null) {
            return retyped;
        }
        Outcome outcome = defaults.complete(draft, request);
        notes.addAll(outcome.notes());
        if (outcome.choices() != null) {
            return ask(outcome.error(), outcome.choices(), clean.text(), notes);
        }
        if (outcome.command() == null) {
            return notUnderstood(outcome.error(), clean.text(), outcome.suggestions(), notes);
        }
        Command command = outcome.command();
        List<String> problems = validator.problems(command);
        if (!problems.isEmpty()) {
            return notUnderstood("the request does not make a valid command: " + String.join("; ", problems),
                    clean.text(), List.of(), notes);
        }
        Risk risk = classifier.classify(command, request.defaultNamespace());
        String kubectl = renderer.render(command);
        // never build a destructive command on a guess: ask for the exact words instead
        if (risk.level() == RiskLevel.DESTRUCTIVE && !draft.corrections.isEmpty()) {
            return ask("not sure enough to prepare a destructive command; did you mean: " + kubectl + "?",
                    List.of(command), clean.text(), notes);
        }
        if (!draft.otherNames.isEmpty()) {
            notes.add("did not understand: " + String.join(" ", draft.otherNames));
        }
        if ((risk.level() != RiskLevel.SAFE || draft.verbImplied) && draft.leftOver()) {
            return notUnderstood("understood only part of the request, too little to change anything",
                    clean.text(), List.of(), notes);
        }
        String explanation = explainer.explain(command, request.defaultNamespace());
        if (draft.groundedIn != null) {
            explanation = explanation + " (" + draft.groundedIn + ".)";
        }
        Translation translation = new Translation(command, kubectl, explanation, ENGINE, confidence(draft, outcome), null);
        return new TranslationResult(translation, risk, notes, null);
    }

    private Draft read(String text) {
        Draft draft = new Draft(new Tokens(text));
        Tokens t = draft.tokens;
        if (t.size() > 0 && KUBECTL_WORDS.contains(t.word(0))) {
            draft.kubectlStyle = true;
            t.use(0);
        }
        typos.correct(draft);
        flags.read(draft);
        verbs.read(draft);
        scope.readExplicit(draft);
        kindReader.read(draft);
        arguments.read(draft);
        scope.readLoose(draft);
        grants.read(draft);
        names.read(draft);
        return draft;
    }

    /**
     * "scael checkout to 3": a write verb one typo away is never corrected into a command, but the command the
     * corrected words would give is offered as the one choice of a question. Null when there is none.
     */
    private TranslationResult withVerbRetyped(Draft draft, String text, TranslationRequest request, List<String> notes) {
        if (draft.nearMissVerb == null || draft.verb != null && !RiskClassifier.isRead(draft.verb)) {
            return null;
        }
        String[] words = draft.nearMissVerb.split(" -> ");
        String corrected = text.replaceFirst("(?i)\\b" + Pattern.quote(words[0]) + "\\b", words[1]);
        Draft retry = read(corrected);
        if (retry.nearMissVerb != null || retry.verb == null || retry.leftOver()) {
            return null;
        }
        Outcome outcome = defaults.complete(retry, request);
        if (outcome.command() == null || !validator.valid(outcome.command())) {
            return null;
        }
        return ask("did you mean \"" + words[1] + "\" where you wrote \"" + words[0] + "\"?", List.of(outcome.command()), text, notes);
    }

    private static double confidence(Draft draft, Outcome outcome) {
        double confidence = draft.kubectlStyle ? 0.97 : 0.9;
        confidence -= 0.1 * draft.corrections.size();
        confidence -= draft.kindImplied ? 0.1 : 0;
        confidence -= draft.leftOver() ? 0.2 : 0;
        confidence -= outcome.notes().isEmpty() ? 0 : 0.05;
        return Math.round(Math.max(0.1, Math.min(0.99, confidence)) * 100) / 100.0;
    }

    /** A clarification: the question, and each valid choice with its kubectl rendering. */
    private TranslationResult ask(String question, List<Command> commands, String text, List<String> notes) {
        List<Clarification.Choice> choices = commands.stream().filter(c -> validator.problems(c).isEmpty())
                .map(c -> new Clarification.Choice(renderer.render(c), c)).limit(3).toList();
        List<String> offered = choices.stream().map(Clarification.Choice::kubectl).toList();
        List<String> closest = Stream.concat(offered.stream(), suggestions.closest(text, 3).stream())
                .distinct().limit(5).toList();
        return TranslationResult.asking(ENGINE, new Clarification(question, choices), closest, notes);
    }

    private TranslationResult notUnderstood(String error, String text, List<String> offered, List<String> notes) {
        List<String> closest = Stream.concat(offered.stream(), suggestions.closest(text, 3).stream())
                .distinct().limit(5).toList();
        return TranslationResult.notUnderstood(ENGINE, error, closest, notes);
    }

    /** Example requests this translator understands. */
    public List<String> examples() {
        return suggestions.examples();
    }

    /** The structured command for a draft, or why there is none. */
    record Outcome(Command command, String error, List<String> suggestions, List<String> notes, List<Command> choices) {

        static Outcome of(Command command, List<String> notes) {
            return new Outcome(command, null, List.of(), notes, null);
        }

        static Outcome fail(String error, List<String> suggestions, List<String> notes) {
            return new Outcome(null, error, suggestions, notes, null);
        }

        /** A question, with the commands the request could mean (possibly none). */
        static Outcome ask(String question, List<Command> choices, List<String> notes) {
            return new Outcome(null, question, List.of(), notes, List.copyOf(choices));
        }
    }
}
