package io.kubechat.nlp;

import io.kubechat.crds.v1alpha1.Clarification;
import io.kubechat.crds.v1alpha1.Command;
import io.kubechat.crds.v1alpha1.Risk;
import io.kubechat.crds.v1alpha1.Translation;
import java.util.List;

/**
 * What a translator made of a request: the translation (command, kubectl line, explanation,
 * engine, confidence; or, when not understood, suggestions and possibly a clarification: a
 * question with up to three concrete commands), the risk rated from the command, notes on what
 * was dropped or assumed, and an error saying why there is no command.
 */
public record TranslationResult(Translation translation, Risk risk, List<String> notes, String error) {

    public TranslationResult {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public boolean understood() {
        return translation != null && translation.command() != null;
    }

    public Command command() {
        return translation == null ? null : translation.command();
    }

    /** The question asked instead of a command, or null. */
    public Clarification clarification() {
        return translation == null ? null : translation.clarification();
    }

    public static TranslationResult notUnderstood(String engine, String error, List<String> suggestions,
                                                  List<String> notes) {
        Translation translation = new Translation(null, null, null, engine, 0.0, List.copyOf(suggestions));
        return new TranslationResult(translation, null, notes, error);
    }

    /** No command: a question, with the commands the request could mean (at most three are kept). */
    public static TranslationResult asking(String engine, Clarification clarification, List<String> suggestions,
                                           List<String> notes) {
        List<Clarification.Choice> choices = clarification.choices().stream().limit(3).toList();
        Translation translation = new Translation(null, null, null, engine, 0.0, List.copyOf(suggestions),
                new Clarification(clarification.question(), choices));
        return new TranslationResult(translation, null, notes, clarification.question());
    }
}
