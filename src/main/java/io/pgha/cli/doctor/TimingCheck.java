package io.pgha.cli.doctor;

import java.util.ArrayList;
import java.util.List;

/** ttl, loop_wait and retry_timeout leave the leader time to renew its key. */
final class TimingCheck implements Check {
    static final String NAME = "timing";
    private static final String WHY = "with too short a ttl the leader key expires during one slow DCS call: needless failovers";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ttl >= loop_wait + 2*retry_timeout, ttl >= 2*loop_wait, ttl >= 20, loop_wait >= 1, retry_timeout >= 3";
    }

    @Override
    public List<Finding> run(Facts facts) {
        var config = facts.cluster().config();
        long ttl = config.number("ttl", 30);
        long loopWait = config.number("loop_wait", 10);
        long retryTimeout = config.number("retry_timeout", 10);
        String fix = facts.command("edit-config") + " -s ttl=" + Math.max(20, Math.max(loopWait + 2 * retryTimeout, 2 * loopWait));
        String values = "ttl=" + ttl + " loop_wait=" + loopWait + " retry_timeout=" + retryTimeout;
        List<Finding> findings = new ArrayList<>();
        if (ttl < loopWait + 2 * retryTimeout) {
            findings.add(Finding.warning(NAME, values + ": ttl < loop_wait + 2*retry_timeout = " + (loopWait + 2 * retryTimeout),
                    WHY, fix));
        }
        if (ttl < 2 * loopWait) {
            findings.add(Finding.warning(NAME, values + ": ttl < 2*loop_wait = " + 2 * loopWait, WHY, fix));
        }
        if (ttl < 20) {
            findings.add(Finding.warning(NAME, values + ": ttl below Patroni's minimum of 20", WHY, fix));
        }
        if (loopWait < 1) {
            findings.add(Finding.warning(NAME, values + ": loop_wait below 1", WHY, facts.command("edit-config") + " -s loop_wait=10"));
        }
        if (retryTimeout < 3) {
            findings.add(Finding.warning(NAME, values + ": retry_timeout below 3", WHY,
                    facts.command("edit-config") + " -s retry_timeout=10"));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok(NAME, values, WHY, facts.command("show-config")));
        }
        return findings;
    }
}
