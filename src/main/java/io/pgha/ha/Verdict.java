package io.pgha.ha;

import java.util.List;

/**
 * An answer of {@link CandidateRanking}, with the reasons Patroni would log. {@link Answer#UNDECIDED}
 * means the statuses of {@code missing} members are needed first.
 */
public record Verdict(Answer answer, List<String> reasons, List<Action.FetchPeerStatuses.Peer> missing) {

    public enum Answer { YES, NO, UNDECIDED }

    public Verdict {
        reasons = List.copyOf(reasons);
        missing = List.copyOf(missing);
    }

    static Verdict yes(List<String> reasons) {
        return new Verdict(Answer.YES, reasons, List.of());
    }

    static Verdict no(List<String> reasons) {
        return new Verdict(Answer.NO, reasons, List.of());
    }

    static Verdict no(String reason) {
        return no(List.of(reason));
    }

    static Verdict of(boolean yes, List<String> reasons) {
        return yes ? yes(reasons) : no(reasons);
    }

    static Verdict needs(List<Action.FetchPeerStatuses.Peer> missing) {
        return new Verdict(Answer.UNDECIDED, List.of(), missing);
    }

    public boolean isYes() {
        return answer == Answer.YES;
    }

    public boolean isUndecided() {
        return answer == Answer.UNDECIDED;
    }

    /** The probe that resolves an undecided verdict. */
    Decision ask() {
        return Decision.ask(new Action.FetchPeerStatuses(missing));
    }
}
