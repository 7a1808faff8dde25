package io.flowhost.jobs;

import java.util.List;
import java.util.stream.Collectors;

/** A job file that cannot run; holds every problem found, in file order. */
public final class InvalidJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    InvalidJobException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, in file order */
    public List<Problem> problems() {
        return problems;
    }
}
