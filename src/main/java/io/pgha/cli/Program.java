package io.pgha.cli;

/** The name the binary was called by: pgha, or patronictl through a link (then it speaks as patronictl). */
public record Program(String name) {

    public static Program of(String invokedAs) {
        String base = invokedAs == null || invokedAs.isEmpty() ? "pgha" : invokedAs;
        int slash = base.lastIndexOf('/');
        base = slash >= 0 ? base.substring(slash + 1) : base;
        return new Program(base.startsWith("patronictl") ? "patronictl" : "pgha");
    }

    public boolean isPatronictl() {
        return "patronictl".equals(name);
    }
}
