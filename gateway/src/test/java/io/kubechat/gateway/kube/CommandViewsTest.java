package io.kubechat.gateway.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandExecution;
import io.kubechat.gateway.api.Dtos;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandViewsTest {

    @Test
    void aCommandThatAskedShowsTheQuestionAndTheKubectlLineOfEachChoice() {
        CommandExecution asked = Serialization.unmarshal("""
                {"apiVersion": "kubechat.io/v1alpha1", "kind": "CommandExecution",
                 "metadata": {"name": "cmd-ask", "namespace": "kubechat-sessions"},
                 "spec": {"request": "checkout needs four pods"},
                 "status": {"phase": "Failed",
                   "conditions": [{"type": "Succeeded", "status": "False", "reason": "NeedsClarification", "message": "Which do you mean?"}],
                   "translation": {"engine": "embedded", "confidence": 0.0, "clarification": {"question": "Which do you mean?",
                     "choices": [{"kubectl": "kubectl scale deployment checkout -n shop --replicas=4",
                                  "command": {"verb": "scale", "resource": {"kind": "deployment"}, "name": "checkout"}}]}}}}
                """, CommandExecution.class);

        Dtos.Command view = CommandViews.command(asked);

        assertThat(view.clarification()).isEqualTo(new Dtos.ClarificationView("Which do you mean?",
                List.of(new Dtos.ChoiceView("kubectl scale deployment checkout -n shop --replicas=4"))));
        assertThat(view.message()).isEqualTo("Which do you mean?");
        assertThat(view.answers()).isNull();
    }

    @Test
    void anAnswerNamesTheCommandWhoseQuestionItAnswers() {
        CommandExecution answer = Serialization.unmarshal("""
                {"apiVersion": "kubechat.io/v1alpha1", "kind": "CommandExecution",
                 "metadata": {"name": "cmd-answer", "namespace": "kubechat-sessions", "annotations": {"kubechat.io/answers": "cmd-ask"}},
                 "spec": {"request": "kubectl scale deployment checkout -n shop --replicas=4"}}
                """, CommandExecution.class);

        Dtos.Command view = CommandViews.command(answer);

        assertThat(view.answers()).isEqualTo("cmd-ask");
        assertThat(view.clarification()).isNull();
    }
}
