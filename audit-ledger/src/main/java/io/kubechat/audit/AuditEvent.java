package io.kubechat.audit;

import java.util.Objects;

/**
 * What a caller appends. The ledger adds the sequence number, the time, the result digest and the hashes.
 *
 * @param eventType   for example {@code command_requested}, {@code approval}, {@code command_executed}
 * @param command     the structured command as JSON text, stored and hashed byte for byte
 * @param kubectl     the canonical kubectl rendering of the command
 * @param result      the full, already secret-redacted result
 */
public record AuditEvent(
        String eventType,
        Actor actor,
        String cluster,
        String namespace,
        String sessionRef,
        String commandRef,
        String requestText,
        String command,
        String kubectl,
        String riskLevel,
        String decision,
        String reason,
        String outcome,
        String result) {

    public AuditEvent {
        Objects.requireNonNull(eventType, "eventType");
        if (eventType.isBlank()) {
            throw new IllegalArgumentException("eventType must not be blank");
        }
        actor = Objects.requireNonNullElse(actor, Actor.system());
    }

    public static Builder builder(String eventType) {
        return new Builder(eventType);
    }

    /** Most events fill only a few of the fields; the builder keeps call sites readable. */
    public static final class Builder {
        private final String eventType;
        private Actor actor;
        private String cluster;
        private String namespace;
        private String sessionRef;
        private String commandRef;
        private String requestText;
        private String command;
        private String kubectl;
        private String riskLevel;
        private String decision;
        private String reason;
        private String outcome;
        private String result;

        private Builder(String eventType) {
            this.eventType = eventType;
        }

        public Builder actor(Actor actor) { this.actor = actor; return this; }
        public Builder cluster(String cluster) { this.cluster = cluster; return this; }
        public Builder namespace(String namespace) { this.namespace = namespace; return this; }
        public Builder sessionRef(String sessionRef) { this.sessionRef = sessionRef; return this; }
        public Builder commandRef(String commandRef) { this.commandRef = commandRef; return this; }
        public Builder requestText(String requestText) { this.requestText = requestText; return this; }
        public Builder command(String command) { this.command = command; return this; }
        public Builder kubectl(String kubectl) { this.kubectl = kubectl; return this; }
        public Builder riskLevel(String riskLevel) { this.riskLevel = riskLevel; return this; }
        public Builder decision(String decision) { this.decision = decision; return this; }
        public Builder reason(String reason) { this.reason = reason; return this; }
        public Builder outcome(String outcome) { this.outcome = outcome; return this; }
        public Builder result(String result) { this.result = result; return this; }

        public AuditEvent build() {
            return new AuditEvent(eventType, actor, cluster, namespace, sessionRef, commandRef, requestText,
                    command, kubectl, riskLevel, decision, reason, outcome, result);
        }
    }
}
