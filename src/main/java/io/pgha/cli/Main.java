package io.pgha.cli;

import java.util.Arrays;

/** Entry point of the pgha binary (CLI and agent). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("agent")) {
            // the agent's classes (and jetcd) are loaded only on this path
            System.exit(io.pgha.agent.AgentMain.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err,
                    System.getenv()));
        }
        System.out.println("pgha 0.1.0-SNAPSHOT");
    }
}
