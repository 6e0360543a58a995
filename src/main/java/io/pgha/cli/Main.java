package io.pgha.cli;

/** Entry point of the pgha binary (CLI and agent). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("pgha 0.1.0-SNAPSHOT");
    }
}
