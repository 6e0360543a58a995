package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.List;

/** synchronous_mode on, and a synchronous standby there to acknowledge. */
final class SyncCheck implements Check {
    static final String NAME = "sync";
    private static final String WHY = "with synchronous_mode and no sync standby, commits are not protected "
            + "(or, with synchronous_mode_strict, they wait)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "with synchronous_mode set, a running synchronous standby is named in /sync";
    }

    @Override
    public List<Finding> run(Facts facts) {
        var config = facts.cluster().config();
        if (!config.synchronousMode()) {
            return List.of(Finding.ok(NAME, "synchronous_mode off", WHY, facts.command("show-config")));
        }
        List<String> standbys = facts.cluster().members().stream()
                .filter(m -> facts.cluster().isSyncStandby(m) && facts.isRunning(m))
                .map(Member::name).toList();
        if (standbys.isEmpty()) {
            boolean strict = config.data().get("synchronous_mode_strict") instanceof Boolean b && b;
            String summary = "synchronous_mode is on but no running synchronous standby"
                    + (strict ? " (strict: writes wait)" : "");
            return List.of(strict ? Finding.critical(NAME, summary, WHY, facts.command("list"))
                    : Finding.warning(NAME, summary, WHY, facts.command("list")));
        }
        return List.of(Finding.ok(NAME, "synchronous standby: " + String.join(", ", standbys), WHY, facts.command("list")));
    }
}
