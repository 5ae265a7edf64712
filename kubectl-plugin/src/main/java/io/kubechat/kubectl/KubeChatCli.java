package io.kubechat.kubectl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.audit.AuditUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kubectl kubechat}: KubeChat from the command line, with the identity and context kubectl uses.
 * kubectl runs it as a plugin when {@code kubectl-kubechat} is on the PATH.
 */
@Command(name = "kubectl kubechat", mixinStandardHelpOptions = true, versionProvider = KubeChatCli.Version.class,
        description = "Ask KubeChat in plain words, approve or reject held commands, and check the audit ledger.",
        subcommands = {AskCommand.class, DiagnoseCommand.class, ApproveCommand.class, RejectCommand.class, ListCommand.class, SessionsCommand.class,
                AuditCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the command succeeded",
                "1:the command ended without success (denied, rejected, expired, failed) or the ledger is invalid",
                "2:invalid usage",
                "3:the command is waiting for approval (ask without --wait-approval)",
                "4:timed out waiting",
                "5:the cluster or the audit database could not be used"})
public final class KubeChatCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with KubeChat's error handling: a message, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new KubeChatCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("error: " + message(e));
            // An IllegalArgumentException is about what was asked (a missing key, a range that does not exist).
            return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.UNAVAILABLE;
        });
        return commandLine;
    }

    private static String message(Exception e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        if (e instanceof AuditUnavailableException || e.getCause() == null) {
            return e.getMessage();
        }
        return e.getMessage() + " (" + e.getCause().getMessage() + ")";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KubeChatCli.class.getPackage().getImplementationVersion();
            return new String[] {"kubectl-kubechat " + (version == null ? "development build" : version)};
        }
    }
}
