package io.pgha.postgres;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Masks configured passwords in any text that may reach a log, a message or an exception. */
final class Redactor {
    static final String MASK = "********";
    private final List<String> secrets;

    Redactor(Collection<String> secrets) {
        // longest first, so a password containing another one is masked whole
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    static Redactor of(Authentication authentication) {
        return new Redactor(authentication.all().stream().map(Credentials::password).toList());
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
