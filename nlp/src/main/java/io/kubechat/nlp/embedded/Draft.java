package io.kubechat.nlp.embedded;

import io.kubechat.crds.v1alpha1.Verb;
import io.kubechat.nlp.command.CommandArgumentsBuilder;
import io.kubechat.nlp.kinds.KindInfo;
import java.util.ArrayList;
import java.util.List;

/** What the readers have understood of a request so far. */
final class Draft {

    final Tokens tokens;
    /** Written as a kubectl command line ("kubectl get po", "k logs api"), so read literally. */
    boolean kubectlStyle;
    Verb verb;
    /** No verb was written; "get" was taken because a kind was. */
    boolean verbImplied;
    /** The words that named the verb, for verbs whose meaning depends on the kind ("pause"). */
    String trigger;
    KindInfo kind;
    /** The kind was not written but inferred from the verb or the conversation. */
    boolean kindImplied;
    String name;
    /** The name was not written right after its kind nor shaped like a name; only the requester's objects can confirm it. */
    boolean nameLoose;
    String namespace;
    /** Said in the explanation when the object's namespace came from the cluster: "deployment checkout is in namespace shop". */
    String groundedIn;
    /** "pod/api" given to kubectl events --for. */
    String eventsFor;
    /** "run busybox every five minutes as a cron job": a CronJob to create, on the schedule the words give. */
    boolean schedulesJob;
    /** "run the backup cronjob now": a Job created from a CronJob. */
    boolean triggerCronJob;
    /** "give dave edit rights": a role binding asked for without its kind word. */
    boolean granting;
    /** Service accounts a binding grants, named without their namespace: the binding's namespace is theirs. */
    final List<String> serviceAccountsInNamespace = new ArrayList<>();
    /** label or annotate with "remove": keys to drop rather than set. */
    boolean removing;
    /** "all pods", "every deployment". */
    boolean everything;
    boolean allNamespaces;
    final List<String> labelSelectors = new ArrayList<>();
    final List<String> fieldSelectors = new ArrayList<>();
    final CommandArgumentsBuilder args = new CommandArgumentsBuilder();
    /** The request said "it", "its", "that one": the subject of the previous command. */
    boolean refersToPrevious;
    /** Words corrected as typos; a destructive command is never built on a correction. */
    final List<String> corrections = new ArrayList<>();
    /** A word one typo away from a write verb ("delte -> delete"), which is asked about rather than guessed. */
    String nearMissVerb;
    final List<String> notes = new ArrayList<>();
    /** Some words were left over that no reader understood. */
    boolean unclear;
    /**
     * Words that could have been names besides the one taken ("grafana is frozen, bounce it": frozen). Left
     * over like the words of {@link #unclear}, unless grounding shows they name nothing the requester can see.
     */
    final List<String> otherNames = new ArrayList<>();

    Draft(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Whether words were left over: unread ones, or possible names besides the one taken. */
    boolean leftOver() {
        return unclear || !otherNames.isEmpty();
    }
}
