package dev.claudefeatures.web;

/** Thrown where a request cannot be served; answered as its {@link Problem}. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException invalidInput(String detail) {
        return new ProblemException(Problem.of(ProblemType.INVALID_INPUT, 400, detail));
    }

    public static ProblemException inputTooLarge(String detail) {
        return new ProblemException(Problem.of(ProblemType.INPUT_TOO_LARGE, 413, detail));
    }
}
