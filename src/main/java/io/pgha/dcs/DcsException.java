package io.pgha.dcs;

/** The DCS could not be reached or refused a request; the message names the endpoint and the cause in one line. */
public class DcsException extends RuntimeException {
    public DcsException(String message) {
        super(message);
    }

    public DcsException(String message, Throwable cause) {
        super(message, cause);
    }
}
