package io.pgha.cli.doctor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One doctor run: the cluster, its findings, and the overall status (the worst finding). */
public record Report(String cluster, List<Finding> findings) {

    public Report {
        findings = List.copyOf(findings);
    }

    public Severity status() {
        return Severity.worst(findings.stream().map(Finding::severity).toList());
    }

    public int exitCode() {
        return status().exitCode();
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** The report as plain data for json and yaml. */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("cluster", cluster);
        document.put("status", status().text());
        document.put("exit_code", exitCode());
        document.put("findings", findings.stream().map(f -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("check", f.check());
            item.put("severity", f.severity().text());
            item.put("summary", f.summary());
            item.put("why", f.why());
            item.put("fix", f.fix());
            return (Object) item;
        }).toList());
        return document;
    }
}
