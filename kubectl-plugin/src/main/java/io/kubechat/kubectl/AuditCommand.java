package io.kubechat.kubectl;

import picocli.CommandLine.Command;

@Command(name = "audit", description = "Verify or export the audit ledger, read directly from its PostgreSQL database.",
        subcommands = {AuditVerifyCommand.class, AuditExportCommand.class})
final class AuditCommand {
}
