package io.kubechat.nlp.embedded;

/** Tests on single words shared by the readers. */
final class Words {

    private Words() {
    }

    /** A free word that can be a name or value: DNS-label shaped, not filler, not a number. */
    static boolean isValue(Tokens t, int i) {
        String word = t.word(i);
        return t.free(i) && ScopeReader.DNS_LABEL.matcher(word).matches() && !Vocabulary.isStopWord(word)
                && !Numbers.isNumber(word);
    }
}
