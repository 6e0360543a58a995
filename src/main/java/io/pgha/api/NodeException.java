package io.pgha.api;

/** A member's REST API could not be reached or did not answer in time; the message is one line. */
public class NodeException extends RuntimeException {
    public NodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
