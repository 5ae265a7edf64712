package io.kubechat.nlp.embedded;

import java.util.List;
import java.util.Set;

/** Words that carry no name: politeness, articles, question words and filler. */
final class Vocabulary {

    static final Set<String> STOP_WORDS = Set.copyOf(List.of(
            "please", "pls", "plz", "kindly", "can", "could", "would", "will", "you", "u", "i", "i'd", "i'm", "me",
            "my", "mine", "we", "our", "us", "let's", "lets", "let", "want", "wanna", "need", "like", "to", "the",
            "a", "an", "of", "for", "on", "in", "at", "from", "with", "by", "into", "onto", "and", "or", "but", "so",
            "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has",
            "had", "there", "here", "what", "what's", "whats", "which", "who", "how", "why", "when", "where", "many",
            "much", "all", "every", "each", "some", "any", "currently", "current", "now", "right", "just", "quickly",
            "quick", "hey", "hi", "hello", "thanks", "thank", "thx", "go", "ahead", "again", "also", "up", "down",
            "out", "off", "about", "its", "it", "it's", "them", "they", "their", "that", "this", "these", "those",
            "one", "ones", "same", "cluster", "kubernetes", "k8s", "object", "objects", "resource", "resources",
            "item", "items", "info", "information", "status", "state", "running", "exist", "existing", "available",
            "only", "named", "called", "name", "names", "new", "more", "most", "should", "shall", "must", "may",
            "might", "if", "whether", "okay", "ok", "yes", "maybe", "really", "actually", "then", "than", "too",
            "very", "as", "via", "using", "use", "get", "got", "give", "tell", "show", "list", "see", "look",
            "there's", "there're", "don't", "doesn't", "isn't", "aren't", "not", "no", "yet", "still", "anything",
            "something", "everything", "stuff", "thing", "things", "mode", "gonna", "view", "display", "check",
            "happening", "going", "doing", "crashing", "failing", "broken", "working", "wrong", "issue", "issues",
            "problem", "problems", "error", "errors", "started", "starting", "restarting", "stuck", "ready",
            "healthy", "unhealthy", "keep", "keeps", "app", "application", "workload", "workloads", "service's",
            "deployment's", "pod's", "replicas", "replica", "instances", "instance", "copies", "copy", "times",
            "immediately", "asap", "mark", "make", "roll", "finished", "complete", "completely", "fully", "k", "kubectl",
            "whole", "entire", "everywhere", "today", "recent", "recently", "latest", "last", "lines", "line",
            "format", "output", "details", "count", "number", "total", "amount", "level", "image", "images",
            "container", "containers", "port", "ports", "type", "revision", "version", "namespace", "namespaces",
            "node", "nodes"));

    /** Words that are spelled right although they are in no lexicon: never corrected as typos. */
    private static final Set<String> OTHER_WORDS = Set.of("restarts", "restarted", "restarting", "logging", "rolled",
            "scaled", "deleted", "created", "labels", "labeled", "labelled", "annotations", "label", "taints", "image",
            "images", "since", "minutes", "seconds", "hours", "replicas", "previous", "crashed", "wide", "yaml", "json",
            "sorted", "newest", "oldest", "running", "pending", "failed", "succeeded", "completed", "warnings",
            "events", "usage", "memory", "history", "rollout", "status", "schedulable", "unschedulable", "daemonsets",
            "nginx", "redis", "shows");

    private Vocabulary() {
    }

    static Set<String> knownWords() {
        Set<String> words = new java.util.HashSet<>(STOP_WORDS);
        words.addAll(OTHER_WORDS);
        VerbReader.triggerWords().forEach(words::add);
        return words;
    }

    static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word);
    }
}
